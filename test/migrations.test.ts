import { DataSource } from 'typeorm';
import { MIGRATIONS, ownerDataSourceOptions, runMigrations } from '../src/db/database';
import { createTestDatabase, type TestDatabase } from './support/harness';

/**
 * Every migration of this era can be undone and applied again (a release rolled back and
 * forward), over a database holding the demo data: `down()` leaves no object that `up()` then
 * trips over, and the schema comes back the same.
 */

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

const schemaFingerprint = async () =>
  (
    await db.owner(
      `SELECT string_agg(table_name || '.' || column_name || ':' || data_type, ',' ORDER BY table_name, column_name) AS columns,
              (SELECT string_agg(conname, ',' ORDER BY conname) FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = 'public') AS constraints,
              (SELECT string_agg(indexname, ',' ORDER BY indexname) FROM pg_indexes WHERE schemaname = 'public') AS indexes,
              (SELECT string_agg(tgname, ',' ORDER BY tgname) FROM pg_trigger WHERE NOT tgisinternal) AS triggers
         FROM information_schema.columns WHERE table_schema = 'public'`,
    )
  )[0];

describe('migrations', () => {
  it('the ones since the clinical core revert in order and apply again to the same schema', async () => {
    const since = MIGRATIONS.findIndex((m) => m.name.startsWith('TenantTableIndexes'));
    const count = MIGRATIONS.length - since;
    expect(count).toBeGreaterThanOrEqual(6);
    const before = await schemaFingerprint();
    const source = new DataSource(ownerDataSourceOptions(db.ownerUrl));
    await source.initialize();
    try {
      for (let i = 0; i < count; i++) await source.undoLastMigration({ transaction: 'each' });
    } finally {
      await source.destroy();
    }
    const reverted = await schemaFingerprint();
    expect(reverted.columns).not.toContain('tasks.');
    expect(reverted.indexes).not.toContain('clinical_notes_tenant_category_id_idx');
    const applied = await runMigrations(db.ownerUrl);
    expect(applied).toHaveLength(count);
    expect(await schemaFingerprint()).toEqual(before);
  });
});
