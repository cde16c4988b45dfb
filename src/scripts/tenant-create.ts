import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { loadConfig } from '../config';
import { TenantKind, TenantPlan } from '../entities/enums';
import { acceptUrl, INVITATION_DAYS, newInvitationToken, TENANT_SLUG } from '../auth/invitation-tokens';
import { ownerUrlFor, runCommand } from './command';

const USAGE =
  'usage: npm run tenant:create -- --name "<name>" --slug <slug> --plan FREE|STARTER|PROFESSIONAL|ENTERPRISE --admin-email <email> ' +
  '[--kind CLINIC|CARE_HOME_GROUP|CARE_PROVIDER|HEALTH_COACHING] [--site-name "<name>"] [--care-home-beds <n>]';

export interface NewTenant {
  name: string;
  slug: string;
  plan: string;
  adminEmail: string;
  kind?: string;
  siteName?: string;
  /** Makes the first site a care home with this many beds; a clinic otherwise. */
  careHomeBeds?: number;
}

/**
 * Creates a tenant, its first site and the invitation of its first admin, in one transaction on
 * the owner connection, and returns the invitation's token (shown once; only its hash is kept).
 * Refuses, saying why, a malformed or taken slug, an unknown plan or kind, a malformed e-mail.
 */
export async function createTenant(ownerUrl: string, tenant: NewTenant): Promise<{ tenantId: string; token: string; expiresAt: Date }> {
  const kinds = Object.values(TenantKind) as string[];
  const plans = Object.values(TenantPlan) as string[];
  if (!tenant.name?.trim() || tenant.name.length > 200) throw new Error('--name is required (1 to 200 characters)');
  if (!TENANT_SLUG.test(tenant.slug ?? '') || tenant.slug.length > 63) throw new Error('--slug must be lower-case letters and digits in words joined by single hyphens (at most 63), e.g. riverside-clinic');
  if (!plans.includes(tenant.plan)) throw new Error(`--plan must be one of ${plans.join(', ')}`);
  const kind = tenant.kind ?? TenantKind.CLINIC;
  if (!kinds.includes(kind)) throw new Error(`--kind must be one of ${kinds.join(', ')}`);
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(tenant.adminEmail ?? '') || tenant.adminEmail.length > 254) throw new Error('--admin-email must be an e-mail address');
  if (tenant.careHomeBeds !== undefined && !(Number.isInteger(tenant.careHomeBeds) && tenant.careHomeBeds >= 1 && tenant.careHomeBeds <= 10_000)) {
    throw new Error('--care-home-beds must be a whole number from 1 to 10000');
  }
  const client = new Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    const taken = await client.query(`SELECT 1 FROM tenants WHERE slug = $1`, [tenant.slug]);
    if (taken.rowCount) throw new Error(`the slug ${tenant.slug} is taken`);
    const [{ id: tenantId }] = (
      await client.query<{ id: string }>(`INSERT INTO tenants (slug, name, kind, plan) VALUES ($1, $2, $3, $4) RETURNING id`, [tenant.slug, tenant.name.trim(), kind, tenant.plan])
    ).rows;
    // The owner may itself be bound by forced row-level security when it is not a superuser.
    await client.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
    await client.query(`INSERT INTO sites (tenant_id, name, kind, capacity) VALUES ($1, $2, $3, $4)`, [
      tenantId,
      (tenant.siteName ?? tenant.name).trim(),
      tenant.careHomeBeds ? 'CARE_HOME' : 'CLINIC',
      tenant.careHomeBeds ?? null,
    ]);
    const { token, tokenHash } = newInvitationToken(tenant.slug);
    const expiresAt = new Date(Date.now() + INVITATION_DAYS * 86_400_000);
    await client.query(`INSERT INTO invitations (tenant_id, email, role, token_hash, expires_at) VALUES ($1, $2, 'ADMIN', $3, $4)`, [tenantId, tenant.adminEmail.toLowerCase(), tokenHash, expiresAt]);
    await client.query('COMMIT');
    return { tenantId, token, expiresAt };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

/** `npm run tenant:create -- …`: an operator's command, in production too. Prints the first admin's invitation link. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      name: { type: 'string' },
      slug: { type: 'string' },
      plan: { type: 'string' },
      'admin-email': { type: 'string' },
      kind: { type: 'string' },
      'site-name': { type: 'string' },
      'care-home-beds': { type: 'string' },
    },
  });
  if (!values.name || !values.slug || !values.plan || !values['admin-email']) throw new Error(USAGE);
  const config = loadConfig();
  const beds = values['care-home-beds'] === undefined ? undefined : Number(values['care-home-beds']);
  const created = await createTenant(ownerUrlFor(config), {
    name: values.name,
    slug: values.slug,
    plan: values.plan,
    adminEmail: values['admin-email'],
    kind: values.kind,
    siteName: values['site-name'],
    careHomeBeds: beds,
  });
  console.log(`tenant ${values.slug} created (plan ${values.plan}).`);
  console.log(`Invitation for ${values['admin-email']} (admin), valid until ${created.expiresAt.toISOString()}:`);
  console.log(acceptUrl(config.publicUrl, created.token));
  console.log(`(token: ${created.token})`);
}

if (require.main === module) runCommand('tenant:create', main);
