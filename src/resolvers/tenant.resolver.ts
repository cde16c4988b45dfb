import { Arg, Authorized, Ctx, Field, FieldResolver, InputType, Int, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import { IsIn, IsUrl, Length, Matches, MaxLength, Min } from 'class-validator';
import type { Context } from '../context';
import { Tenant } from '../entities';
import { Role } from '../entities/enums';
import { AppError } from '../errors/app-error';
import { IsNotBlank, IsTimeZoneName } from '../graphql/validators';

/** ISO 4217 codes as the runtime's ICU knows them. */
const CURRENCIES = Intl.supportedValuesOf('currency');
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
  @Matches(/^[a-z]{2,3}(-[A-Z]{2})?$/, { message: 'must be a language tag such as en-GB' })
  locale?: string;

  @Field(() => String, { nullable: true, description: 'An ISO 4217 code such as GBP.' })
  @IsIn(CURRENCIES, { message: 'must be an ISO 4217 currency code such as GBP' })
  currency?: string;
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

/** The tenant itself: its plan's limits and usage, and the settings its admins edit. */
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

  @Authorized(Role.ADMIN)
  @Mutation(() => TenantPayload, { description: 'Admins edit their tenant’s name, domain, branding, time zone, locale and currency. Plan and subscription are an operator’s.' })
  async updateTenantSettings(@Arg('input', () => UpdateTenantSettingsInput) input: UpdateTenantSettingsInput, @Ctx() { db, data, caller }: Context): Promise<TenantPayload> {
    data.authorizeAction('updateTenantSettings', [Role.ADMIN]);
    await data.assertWritable();
    const sets: string[] = [];
    const values: unknown[] = [data.tenantId, input.expectedVersion];
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
