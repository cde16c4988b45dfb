import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { loadConfig } from '../config';
import { SubscriptionStatus, TenantPlan } from '../entities/enums';

const USAGE = 'usage: npm run tenant:set-plan -- --slug <tenant> [--plan FREE|STARTER|PROFESSIONAL|ENTERPRISE] [--status ACTIVE|PAST_DUE|SUSPENDED]';

/**
 * `npm run tenant:set-plan`: an operator moves a tenant to another plan or subscription status
 * (tenants' own admins cannot: it is what they pay for). Runs on the owner connection
 * (DATABASE_URL; outside production, the running embedded server by default). A plan below what
 * the tenant already has keeps its rows and refuses new ones past the limit.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { slug: { type: 'string' }, plan: { type: 'string' }, status: { type: 'string' } } });
  const plans = Object.values(TenantPlan) as string[];
  const statuses = Object.values(SubscriptionStatus) as string[];
  if (!values.slug || (!values.plan && !values.status)) throw new Error(USAGE);
  if (values.plan && !plans.includes(values.plan)) throw new Error(`--plan must be one of ${plans.join(', ')}`);
  if (values.status && !statuses.includes(values.status)) throw new Error(`--status must be one of ${statuses.join(', ')}`);
  const config = loadConfig();
  const url = config.databaseUrl ?? (config.isProduction ? undefined : `postgres://postgres:postgres@localhost:${config.embeddedPgPort}/caregraph`);
  if (!url) throw new Error('DATABASE_URL (the owner connection) is required');
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ plan: string; status: string }>(
      `UPDATE tenants SET plan = coalesce($2, plan), subscription_status = coalesce($3, subscription_status) WHERE slug = $1 AND deleted_at IS NULL
       RETURNING plan, subscription_status AS status`,
      [values.slug, values.plan ?? null, values.status ?? null],
    );
    if (!rows.length) throw new Error(`no tenant with the slug ${values.slug}`);
    console.log(`${values.slug}: plan ${rows[0].plan}, subscription ${rows[0].status}`);
  } finally {
    await client.end();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
