import { Arg, Authorized, Ctx, Field, FieldResolver, InputType, Int, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import { IsUrl, Length, Matches, MaxLength, Min } from 'class-validator';
import type { Context } from '../context';
import { Tenant } from '../entities';
import { permissionOf, TENANT_PERMISSIONS } from '../auth/permissions';
import { trustedDocumentResource } from '../resources/trusted-document.resource';
import { Feature } from '../entities/enums';
import { AppError } from '../errors/app-error';
import { IsCurrencyCode, IsLanguageTag, IsNotBlank, IsTimeZoneName } from '../graphql/validators';

import { loadViewer } from '../auth/account.service';

@ObjectType({ description: 'What the tenant’s plan allows: at most this many live members, patients and sites (null: no limit).' })
class PlanLimits {
  @Field(() => Int, { nullable: true }) maxMembers!: number | null;
  @Field(() => Int, { nullable: true }) maxPatients!: number | null;
  @Field(() => Int, { nullable: true }) maxSites!: number | null;
}

@ObjectType({ description: 'What the tenant has now, counted as its plan counts it (live rows).' })
class PlanUsage {
  @Field(() => Int) members!: number;
  @Field(() => Int) patients!: number;
  @Field(() => Int) sites!: number;
}

@InputType({ description: 'Only the fields given change; null clears domain, logo and colour.' })
class UpdateTenantSettingsInput {
  @Field(() => Int, { description: 'The tenant’s version read: a stale one is CONFLICT.' })
  @Min(1)
  expectedVersion!: number;

  @Field(() => String, { nullable: true })
  @MaxLength(200)
  @IsNotBlank()
  name?: string;

  @Field(() => String, { nullable: true, description: 'A host name such as `care.example.org` (stored in lower case); unique among tenants.' })
  @MaxLength(253)
  @Matches(/^([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/, { message: 'must be a host name such as care.example.org' })
  domain?: string | null;

  @Field(() => String, { nullable: true, description: 'An https URL (no quotes, angle brackets, backslashes or spaces).' })
  @MaxLength(2000)
  @IsUrl({ protocols: ['https'], require_protocol: true }, { message: 'must be an https URL' })
  @Matches(/^[^\s"'<>\\`]+$/, { message: 'must not contain quotes, angle brackets, backslashes or spaces' })
  logoUrl?: string | null;

  @Field(() => String, { nullable: true, description: '`#rrggbb` (stored in lower case).' })
  @Matches(/^#[0-9A-Fa-f]{6}$/, { message: 'must be a hex colour such as #1a73e8' })
  primaryColor?: string | null;

  @Field(() => String, { nullable: true, description: 'An IANA time zone name such as Europe/London.' })
  @Length(1, 64)
  @IsTimeZoneName()
  timezone?: string;

  @Field(() => String, { nullable: true, description: 'A language tag such as en-GB.' })
  @IsLanguageTag()
  locale?: string;

  @Field(() => String, { nullable: true, description: 'An ISO 4217 code such as GBP.' })
  @IsCurrencyCode()
  currency?: string;

  @Field(() => Boolean, {
    nullable: true,
    description: 'True: members’ requests, but admins’, run registered documents only (`registerTrustedDocuments` without a client), as partner apps’ always do.',
  })
  trustedDocumentsOnly?: boolean;
}

@ObjectType({ description: 'A feature of the catalogue, as it stands for the tenant.' })
class FeatureStatus {
  @Field(() => Feature) key!: Feature;
  @Field() name!: string;
  @Field() description!: string;
  @Field({ description: 'Included only in the larger plans.' }) premium!: boolean;
  @Field({ description: 'Whether the tenant’s plan includes it: only then can it be on.' }) includedInPlan!: boolean;
  @Field({ description: 'Whether it is on: included in the plan and not switched off by an admin.' }) enabled!: boolean;
}

@InputType()
class SetTenantFeatureInput {
  @Field(() => Feature) feature!: Feature;
  @Field({ description: 'False switches the feature off; true switches it back on (only a feature the plan includes).' }) enabled!: boolean;
}

@ObjectType()
class SetTenantFeaturePayload {
  @Field(() => FeatureStatus) feature!: FeatureStatus;
}

@ObjectType()
class TenantPayload {
  @Field(() => Tenant) tenant!: Tenant;
}

/** Input field → column, and how the value is stored. */
const SETTINGS: Record<string, { column: string; normalise?: (value: string) => string; required?: boolean }> = {
  name: { column: 'name', required: true },
  domain: { column: 'domain', normalise: (v) => v.toLowerCase() },
  logoUrl: { column: 'logo_url' },
  primaryColor: { column: 'primary_color', normalise: (v) => v.toLowerCase() },
  timezone: { column: 'timezone', required: true },
  locale: { column: 'locale', required: true },
  currency: { column: 'currency', required: true },
};

const FEATURE_STATUS = `SELECT f.key, f.name, f.description, f.is_premium AS premium, (pf.plan IS NOT NULL) AS "includedInPlan", f.key = ANY (tenant_features_on(t.id)) AS enabled
  FROM tenants t CROSS JOIN features f LEFT JOIN plan_features pf ON pf.plan = t.plan AND pf.feature = f.key
 WHERE t.id = $1`;

/** The tenant itself: its plan's limits and usage, its features, and the settings its admins edit. */
@Resolver(() => Tenant)
export class TenantResolver {
  @FieldResolver(() => PlanLimits)
  async limits(@Root() tenant: Tenant, @Ctx() { db }: Context): Promise<PlanLimits> {
    const [row] = await db.query<PlanLimits>(`SELECT max_members AS "maxMembers", max_patients AS "maxPatients", max_sites AS "maxSites" FROM plans WHERE code = $1`, [tenant.plan]);
    return row ?? { maxMembers: null, maxPatients: null, maxSites: null };
  }

  @FieldResolver(() => PlanUsage)
  async usage(@Root() tenant: Tenant, @Ctx() { db }: Context): Promise<PlanUsage> {
    const live = (table: string) => `(SELECT count(*)::int FROM ${table} WHERE tenant_id = $1 AND deleted_at IS NULL)`;
    const [row] = await db.query<PlanUsage>(`SELECT ${live('memberships')} AS members, ${live('patients')} AS patients, ${live('sites')} AS sites`, [tenant.id]);
    return row;
  }

  @FieldResolver(() => [Feature], { description: 'The features on for the tenant (its plan’s, less those its admins switched off); `availableFeatures` shows them all.' })
  async features(@Root() tenant: Tenant, @Ctx() { db }: Context): Promise<Feature[]> {
    const [row] = await db.query<{ features: Feature[] }>(`SELECT tenant_features_on($1) AS features`, [tenant.id]);
    return row?.features ?? [];
  }

  @FieldResolver(() => [FeatureStatus], { description: 'Every feature of the catalogue: whether the plan includes it and whether it is on.' })
  availableFeatures(@Root() tenant: Tenant, @Ctx() { db }: Context): Promise<FeatureStatus[]> {
    return db.query<FeatureStatus>(`${FEATURE_STATUS} ORDER BY f.key`, [tenant.id]);
  }

  @Authorized(TENANT_PERMISSIONS.setFeature)
  @Mutation(() => SetTenantFeaturePayload, {
    description:
      'Admins switch a feature their plan includes off, or back on (a feature the plan lacks is refused, rule notInPlan). From the next request, operations behind a feature that is off are FEATURE_DISABLED; ' +
      'every member’s access token is then refused once (UNAUTHENTICATED, reason ACCESS_CHANGED): `refreshSession` gives one with the features now in force.',
  })
  async setTenantFeature(@Arg('input', () => SetTenantFeatureInput) input: SetTenantFeatureInput, @Ctx() { db, data }: Context): Promise<SetTenantFeaturePayload> {
    data.authorizeAction(TENANT_PERMISSIONS.setFeature);
    await data.assertWritable();
    const [current] = await db.query<FeatureStatus>(`${FEATURE_STATUS} AND f.key = $2`, [data.tenantId, input.feature]);
    // A feature the plan lacks is off, and has no switch: turning it on needs another plan.
    if (!current?.includedInPlan) {
      throw AppError.badInput([{ field: 'input.feature', rule: 'notInPlan', message: `is not included in the tenant’s plan (it is off): an operator can move the tenant to a plan that includes it` }]);
    }
    // One switch per feature (a unique index); unchanged, it is not written (nor audited, nor does it end anyone's token).
    await db.query(
      `INSERT INTO tenant_features (tenant_id, feature, enabled, created_by, updated_by) VALUES ($1, $2, $3, $4, $4)
       ON CONFLICT (tenant_id, feature) WHERE deleted_at IS NULL
       DO UPDATE SET enabled = EXCLUDED.enabled, updated_by = EXCLUDED.updated_by WHERE tenant_features.enabled IS DISTINCT FROM EXCLUDED.enabled`,
      [data.tenantId, input.feature, input.enabled, data.requireCaller().userId],
    );
    data.loaders.clear();
    const [feature] = await db.query<FeatureStatus>(`${FEATURE_STATUS} AND f.key = $2`, [data.tenantId, input.feature]);
    return { feature };
  }

  @Authorized(TENANT_PERMISSIONS.updateSettings)
  @Mutation(() => TenantPayload, { description: 'Admins edit their tenant’s name, domain, branding, time zone, locale, currency, and whether members run trusted documents only. Plan and subscription are an operator’s.' })
  async updateTenantSettings(@Arg('input', () => UpdateTenantSettingsInput) input: UpdateTenantSettingsInput, @Ctx() { db, data, caller }: Context): Promise<TenantPayload> {
    data.authorizeAction(TENANT_PERMISSIONS.updateSettings);
    await data.assertWritable();
    const sets: string[] = [];
    const values: unknown[] = [data.tenantId, input.expectedVersion];
    if (input.trustedDocumentsOnly === null) throw AppError.badInput([{ field: 'input.trustedDocumentsOnly', rule: 'notNull', message: 'cannot be null' }]);
    if (input.trustedDocumentsOnly !== undefined) {
      // What members may send is partner-administration, an admin's (TRUSTED_DOCUMENT_REGISTER), not any settings editor's.
      data.authorizeAction(permissionOf(trustedDocumentResource, 'register'));
      values.push(input.trustedDocumentsOnly);
      sets.push(`trusted_documents_only = $${values.length}`);
    }
    for (const [field, setting] of Object.entries(SETTINGS)) {
      const value = (input as unknown as Record<string, string | null | undefined>)[field];
      if (value === undefined) continue;
      if (value === null && setting.required) throw AppError.badInput([{ field: `input.${field}`, rule: 'notNull', message: 'cannot be null' }]);
      values.push(value === null ? null : (setting.normalise?.(value) ?? value));
      sets.push(`${setting.column} = $${values.length}`);
    }
    // The version is compared with or without changes; the UPDATE compares it again against a concurrent one.
    const { tenant: current } = await loadViewer(db, caller!);
    if (current.version !== input.expectedVersion) throw AppError.stale('Tenant', input.expectedVersion, current.version);
    if (!sets.length) return { tenant: current };
    const updated = await db.query(`UPDATE tenants SET ${sets.join(', ')} WHERE id = $1 AND version = $2 AND deleted_at IS NULL RETURNING id`, values);
    if (!updated.length) throw AppError.stale('Tenant', input.expectedVersion, null);
    return { tenant: (await loadViewer(db, caller!)).tenant };
  }
}
