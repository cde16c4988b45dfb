import 'reflect-metadata';
import { Client } from 'pg';
import { open, seal, sealedFor, type DataKeyring } from '../crypto/data-keys';
import { assertIdentifier } from '../db/tenant-table';
import { encryptedColumnsOf } from '../data/entity-metadata';
import { RESOURCES } from '../resources';
import { configuredKeyring, loadConfig } from '../config';
import { ownerUrlFor, runCommand } from './command';

/** Every encrypted column of the registry. */
export function encryptedColumns(): Array<{ table: string; column: string }> {
  return RESOURCES.flatMap((resource) => {
    const { table, columns } = encryptedColumnsOf(resource.entity);
    return columns.map(({ column }) => ({ table: assertIdentifier(table, 'table'), column: assertIdentifier(column, 'column') }));
  });
}

const BATCH = 500;

/**
 * `npm run data:reencrypt`: after a key rotation, seals every value of every encrypted column
 * with the current key (values sealed by a previous key are opened with it), tenant by tenant
 * with `app.tenant_id` set (forced row-level security binds the owner too when it is not a
 * superuser), in batches of one transaction each, so it can be stopped and run again. The
 * triggers bump each row's version and audit the change (ciphertext only). Returns the number of
 * values re-sealed per `table.column`.
 */
export async function reencryptAll(ownerUrl: string, keyring: DataKeyring, log: (line: string) => void = () => undefined): Promise<Record<string, number>> {
  const client = new Client({ connectionString: ownerUrl });
  await client.connect();
  const counts: Record<string, number> = {};
  try {
    const tenants = (await client.query<{ id: string }>(`SELECT id FROM tenants ORDER BY id`)).rows;
    // Compared as a prefix, not with LIKE: `_` in a key id would be a wildcard.
    const current = `cg1:${keyring.current.id}:`;
    for (const { table, column } of encryptedColumns()) {
      const label = `${table}.${column}`;
      counts[label] = 0;
      for (const { id: tenantId } of tenants) {
        for (;;) {
          await client.query('BEGIN');
          try {
            await client.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
            const rows = (
              await client.query<{ id: string; value: string }>(
                `SELECT id, ${column} AS value FROM ${table} WHERE tenant_id = $1 AND ${column} IS NOT NULL AND left(${column}, length($2)) <> $2 ORDER BY id LIMIT ${BATCH} FOR UPDATE`,
                [tenantId, current],
              )
            ).rows;
            if (rows.length) {
              const resealed = rows.map((row) => {
                const aad = sealedFor({ tenantId, table, column, rowId: row.id });
                return seal(open(row.value, aad, label, keyring), aad, keyring);
              });
              await client.query(`UPDATE ${table} t SET ${column} = v.value FROM unnest($1::uuid[], $2::text[]) AS v(id, value) WHERE t.id = v.id AND t.tenant_id = $3`, [
                rows.map((r) => r.id),
                resealed,
                tenantId,
              ]);
            }
            await client.query('COMMIT');
            counts[label] += rows.length;
            if (rows.length < BATCH) break;
          } catch (error) {
            await client.query('ROLLBACK').catch(() => undefined);
            throw error;
          }
        }
      }
      log(`${label}: ${counts[label]} value(s) re-sealed with key ${keyring.current.id}`);
    }
  } finally {
    await client.end();
  }
  return counts;
}

/**
 * `npm run data:reencrypt`: after rotating DATA_ENCRYPTION_KEY (the old key moved to
 * DATA_ENCRYPTION_PREVIOUS_KEYS), re-seals every encrypted value with the new key. Needs the
 * owner connection (DATABASE_URL). Safe to run again: values already sealed by the current key
 * are left alone. When it has finished, the old key can be removed from the configuration.
 * Outside production without DATABASE_URL, it works on the running embedded server.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const counts = await reencryptAll(ownerUrlFor(config), configuredKeyring(config), (line) => console.log(line));
  console.log(`done: ${Object.values(counts).reduce((a, b) => a + b, 0)} value(s) re-sealed`);
}

if (require.main === module) runCommand('data:reencrypt', main);
