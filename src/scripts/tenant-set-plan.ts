import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { loadConfig } from '../config';
import { SubscriptionStatus, TenantPlan } from '../entities/enums';
import { ownerUrlFor, runCommand } from './command';

const USAGE = 'usage: npm run tenant:set-plan -- --slug <tenant> [--plan FREE|STARTER|PROFESSIONAL|ENTERPRISE] [--status ACTIVE|PAST_DUE|SUSPENDED]';

/**
 * Moves a tenant to another plan or subscription status (tenants' own admins cannot: it is what
 * they pay for), on the owner connection, audited with request id `tenant:set-plan`. A plan
 * below what the tenant already has keeps its rows and refuses new ones past the limit.
 */
export async function setTenantPlan(ownerUrl: string, change: { slug: string; plan?: string; status?: string }): Promise<{ plan: string; status: string }> {
  const plans = Object.values(TenantPlan) as string[];
  const statuses = Object.values(SubscriptionStatus) as string[];
  if (!change.slug || (!change.plan && !change.status)) throw new Error(USAGE);
  if (change.plan && !plans.includes(change.plan)) throw new Error(`--plan must be one of ${plans.join(', ')}`);
  if (change.status && !statuses.includes(change.status)) throw new Error(`--status must be one of ${statuses.join(', ')}`);
  const client = new Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    // The audit row says where the change came from.
    await client.query(`SELECT set_config('app.request_id', 'tenant:set-plan', true)`);
    const { rows } = await client.query<{ plan: string; status: string }>(
      `UPDATE tenants SET plan = coalesce($2, plan), subscription_status = coalesce($3, subscription_status) WHERE slug = $1 AND deleted_at IS NULL
       RETURNING plan, subscription_status AS status`,
      [change.slug, change.plan ?? null, change.status ?? null],
    );
    if (!rows.length) throw new Error(`no tenant with the slug ${change.slug}`);
    await client.query('COMMIT');
    return rows[0];
  } finally {
    // Without COMMIT (an error above), closing the connection rolls the transaction back.
    await client.end();
  }
}

/** `npm run tenant:set-plan -- --slug … --plan … --status …`: an operator's command, in production too. */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { slug: { type: 'string' }, plan: { type: 'string' }, status: { type: 'string' } } });
  if (!values.slug) throw new Error(USAGE);
  const result = await setTenantPlan(ownerUrlFor(loadConfig()), { slug: values.slug, plan: values.plan, status: values.status });
  console.log(`${values.slug}: plan ${result.plan}, subscription ${result.status}`);
}

if (require.main === module) runCommand('tenant:set-plan', main);
