import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { loadConfig } from '../config';
import { SubscriptionStatus, TenantPlan } from '../entities/enums';
import { ownerUrlFor } from './owner-url';

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
  const client = new Client({ connectionString: ownerUrlFor(loadConfig()) });
  await client.connect();
  try {
    await client.query('BEGIN');
    // The audit row says where the change came from.
    await client.query(`SELECT set_config('app.request_id', 'tenant:set-plan', true)`);
    const { rows } = await client.query<{ plan: string; status: string }>(
      `UPDATE tenants SET plan = coalesce($2, plan), subscription_status = coalesce($3, subscription_status) WHERE slug = $1 AND deleted_at IS NULL
       RETURNING plan, subscription_status AS status`,
      [values.slug, values.plan ?? null, values.status ?? null],
    );
    if (!rows.length) throw new Error(`no tenant with the slug ${values.slug}`);
    await client.query('COMMIT');
    console.log(`${values.slug}: plan ${rows[0].plan}, subscription ${rows[0].status}`);
  } finally {
    await client.end();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
