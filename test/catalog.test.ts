import { Client } from 'pg';
import { DataSource, QueryRunner } from 'typeorm';
import { createTestDatabase, TestDatabase, ACME, NORTHWIND } from './support/harness';
import { ownerDataSourceOptions } from '../src/db/database';
import { APP_DB_ROLE } from '../src/db/roles';
import { createTenantTable, dropTenantTable, STANDARD_TENANT_COLUMN_NAMES, tenantTableStatements, TenantTableSpec } from '../src/db/tenant-table';
import { RESOURCES } from '../src/resources';
import { TenantTableIndexes1764900000000 } from '../src/migrations/1764900000000-TenantTableIndexes';
import { buildCareGraphSchema } from '../src/schema';

// The guarantees of DESIGN.md §3 that live in the database, checked from the catalog of the
// migrated database for every tenant table, however it was made (src/db/tenant-table.ts makes
// new ones). A tenant table is any table of schema public with a tenant_id column: nobody keeps
// a list of them. The failure lines name the table and what it lacks.

type Query = (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

/**
 * Tenant tables that are not entity tables (no standard columns, no version): append-only logs
 * and an internal counter. They still need forced RLS, the tenant policy, no UPDATE, DELETE or
 * TRUNCATE for the request role and indexes for their foreign keys; they carry no stamp or
 * audit trigger (the audit log auditing itself would recurse; the logs are never updated;
 * tenant_counters is written only by the SECURITY DEFINER MRN trigger, audited with its patient).
 * The request role needs no SELECT on them either (tenant_counters has none).
 */
const LOG_AND_INTERNAL_TABLES = new Set(['audit_logs', 'access_logs', 'tenant_counters']);

/**
 * Foreign-key columns that need no (tenant_id, column) index: created_by and updated_by of the
 * standard columns, which refer to users. No read looks rows up by them; users are soft-deleted
 * (so no foreign-key check scans for them); and updated_by changes on most updates, so indexing
 * it would cost an index write on every update of every tenant table.
 */
const UNINDEXED_STAMP_COLUMNS = new Set(['created_by', 'updated_by']);

const TENANT_PREDICATE = '(tenant_id = app_current_tenant_id())';

/** The standard columns' types (TENANT_COLUMNS in src/db/tenant-table.ts), as format_type shows them. */
const STANDARD_COLUMN_TYPES: Record<(typeof STANDARD_TENANT_COLUMN_NAMES)[number], string> = {
  id: 'uuid NOT NULL',
  tenant_id: 'uuid NOT NULL',
  created_at: 'timestamp with time zone NOT NULL',
  updated_at: 'timestamp with time zone NOT NULL',
  created_by: 'uuid',
  updated_by: 'uuid',
  deleted_at: 'timestamp with time zone',
  version: 'integer NOT NULL',
};

/** pg_trigger.tgtype bits. */
const ROW = 1;
const BEFORE = 2;
const INSERT = 4;
const DELETE = 8;
const UPDATE = 16;

/** The command a policy applies to (pg_policy.polcmd) → the privilege that makes it matter. */
const POLICY_PRIVILEGE: Record<string, string[]> = { r: ['SELECT'], a: ['INSERT'], w: ['UPDATE'], d: ['DELETE'], '*': ['SELECT', 'INSERT', 'UPDATE', 'DELETE'] };

/**
 * Everything a tenant table lacks, as `<table>: <what>` lines (empty when all is well).
 * `writable`: tables the API writes (derived from the schema's create/update mutations), which
 * the request role must be able to INSERT into and UPDATE.
 */
async function catalogProblems(query: Query, writable: Set<string>): Promise<string[]> {
  const problems: string[] = [];
  const tables = await query(
    `SELECT c.oid::int AS oid, c.relname AS name, c.relrowsecurity AS rls, c.relforcerowsecurity AS forced,
            array(SELECT a.attname::text FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum) AS columns,
            (SELECT json_object_agg(a.attname, format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END)
               FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped) AS types,
            EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conrelid = c.oid AND k.contype IN ('u', 'p')
                     AND k.conkey::int[] @> ARRAY[(SELECT attnum FROM pg_attribute WHERE attrelid = c.oid AND attname = 'tenant_id'),
                                                 (SELECT attnum FROM pg_attribute WHERE attrelid = c.oid AND attname = 'id')]::int[]
                     AND cardinality(k.conkey) = 2) AS tenant_id_key,
            has_table_privilege($1, c.oid, 'SELECT') AS "SELECT", has_table_privilege($1, c.oid, 'INSERT') AS "INSERT",
            has_any_column_privilege($1, c.oid, 'UPDATE') AS "UPDATE", has_table_privilege($1, c.oid, 'DELETE') AS "DELETE",
            has_table_privilege($1, c.oid, 'TRUNCATE') AS "TRUNCATE"
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
        AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped)
      ORDER BY c.relname`,
    [APP_DB_ROLE],
  );
  const tenantTables = new Set(tables.map((t) => t.name as string));
  for (const name of LOG_AND_INTERNAL_TABLES) if (!tenantTables.has(name)) problems.push(`${name}: listed as a log or internal table but is no tenant table (any more)`);
  for (const name of writable) if (!tenantTables.has(name)) problems.push(`${name}: written by the API but is no tenant table`);

  const policies = await query(
    `SELECT p.polrelid::int AS oid, p.polname AS name, p.polcmd AS cmd, p.polpermissive AS permissive,
            pg_get_expr(p.polqual, p.polrelid) AS using, pg_get_expr(p.polwithcheck, p.polrelid) AS check,
            (0 = ANY (p.polroles) OR EXISTS (SELECT 1 FROM unnest(p.polroles) r WHERE pg_has_role($1, r, 'MEMBER'))) AS applies
       FROM pg_policy p`,
    [APP_DB_ROLE],
  );
  const triggers = await query(
    `SELECT t.tgrelid::int AS oid, t.tgname AS name, f.proname AS function, t.tgtype::int AS type, t.tgenabled AS enabled, cardinality(t.tgattr::int2[]) AS columns
       FROM pg_trigger t JOIN pg_proc f ON f.oid = t.tgfoid WHERE NOT t.tgisinternal`,
  );
  const foreignKeys = await query(
    `SELECT k.conrelid::int AS oid, k.conname AS name, k.confrelid::regclass::text AS target,
            array(SELECT a.attname::text FROM unnest(k.conkey) WITH ORDINALITY u(attnum, i) JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.attnum ORDER BY u.i) AS columns,
            array(SELECT a.attname::text FROM unnest(k.confkey) WITH ORDINALITY u(attnum, i) JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.attnum ORDER BY u.i) AS target_columns
       FROM pg_constraint k WHERE k.contype = 'f'`,
  );
  // Each valid index as its leading key columns (0 for an expression) and its predicate, if any.
  const indexes = await query(
    `SELECT i.indrelid::int AS oid, array(SELECT coalesce(a.attname::text, '') FROM unnest(i.indkey::int2[]) WITH ORDINALITY u(attnum, n)
                                         LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = u.attnum ORDER BY u.n) AS columns,
            pg_get_expr(i.indpred, i.indrelid) AS predicate
       FROM pg_index i WHERE i.indisvalid AND i.indisready AND i.indislive`,
  );

  for (const table of tables) {
    const name = table.name as string;
    const oid = table.oid as number;
    const special = LOG_AND_INTERNAL_TABLES.has(name);
    const columns = table.columns as string[];
    const lack = (what: string) => problems.push(`${name}: ${what}`);

    if (!table.rls) lack('row-level security is not enabled');
    else if (!table.forced) lack('row-level security is not forced (the owner would bypass it)');

    // Policies: one that keeps the request role to the current tenant, and none that lets it past.
    const granted = (privilege: string) => table[privilege] === true;
    const own = policies.filter((p) => p.oid === oid && p.applies && p.permissive);
    if (!own.some((p) => (p.cmd === 'r' || p.cmd === '*') && p.using === TENANT_PREDICATE)) {
      lack(`no policy on ${TENANT_PREDICATE} for reads by ${APP_DB_ROLE}`);
    }
    for (const privilege of ['INSERT', 'UPDATE'].filter(granted)) {
      const cmd = privilege === 'INSERT' ? 'a' : 'w';
      const checks = own.filter((p) => p.cmd === cmd || p.cmd === '*').map((p) => p.check ?? p.using);
      if (!checks.includes(TENANT_PREDICATE)) lack(`no policy checks ${TENANT_PREDICATE} on ${privilege}`);
    }
    for (const policy of own) {
      if (!POLICY_PRIVILEGE[policy.cmd as string].some(granted)) continue; // the role cannot run that command at all
      for (const expression of [policy.using, policy.check]) {
        if (expression !== null && expression !== TENANT_PREDICATE) lack(`policy ${policy.name} admits ${APP_DB_ROLE} on ${expression}, not ${TENANT_PREDICATE}`);
      }
    }

    // Grants: never DELETE or TRUNCATE (TRUNCATE ignores row-level security); logs are never updated.
    if (granted('DELETE')) lack(`${APP_DB_ROLE} may DELETE (deletes are soft)`);
    if (granted('TRUNCATE')) lack(`${APP_DB_ROLE} may TRUNCATE`);
    if (special) {
      if (granted('UPDATE')) lack(`${APP_DB_ROLE} may UPDATE a log or internal table`);
    } else {
      if (!granted('SELECT')) lack(`${APP_DB_ROLE} has no SELECT`);
      if (writable.has(name)) {
        if (!granted('INSERT')) lack(`${APP_DB_ROLE} has no INSERT, but the API creates its rows`);
        if (!granted('UPDATE')) lack(`${APP_DB_ROLE} has no UPDATE, but the API updates its rows`);
      }
    }

    // The standard columns and triggers of an entity table.
    if (!special) {
      const missing = STANDARD_TENANT_COLUMN_NAMES.filter((c) => !columns.includes(c));
      if (missing.length) lack(`lacks standard tenant columns ${missing.join(', ')}`);
      const types = table.types as Record<string, string>;
      for (const [column, type] of Object.entries(STANDARD_COLUMN_TYPES)) {
        if (columns.includes(column) && types[column] !== type) lack(`standard column ${column} is ${types[column]}, not ${type}`);
      }
      if (!table.tenant_id_key) lack('has no UNIQUE (tenant_id, id) (the target of composite foreign keys)');
      const own = triggers.filter((t) => t.oid === oid && t.enabled !== 'D' && t.columns === 0);
      const has = (fn: string, bits: number, before: boolean) =>
        own.some((t) => t.function === fn && ((t.type as number) & bits) === bits && (((t.type as number) & BEFORE) !== 0) === before);
      if (columns.includes('version') && !has('stamp_row_update', ROW | BEFORE | UPDATE, true)) {
        lack('no enabled BEFORE UPDATE FOR EACH ROW trigger running stamp_row_update (version)');
      }
      if (!has('audit_row_change', ROW | INSERT | UPDATE | DELETE, false)) lack('no enabled AFTER INSERT OR UPDATE OR DELETE FOR EACH ROW trigger running audit_row_change (audit)');
    }

    // Foreign keys: composite with tenant_id when the target is a tenant table; each column indexed after tenant_id.
    const ownIndexes = indexes.filter((i) => i.oid === oid);
    for (const key of foreignKeys.filter((k) => k.oid === oid)) {
      const keyColumns = key.columns as string[];
      const targetColumns = key.target_columns as string[];
      const position = keyColumns.indexOf('tenant_id');
      if (tenantTables.has(key.target as string) && (position < 0 || targetColumns[position] !== 'tenant_id')) {
        lack(`foreign key ${key.name} (${keyColumns.join(', ')}) refers to tenant table ${key.target} without tenant_id: it could refer to another tenant's row`);
      }
      for (const column of keyColumns) {
        if (UNINDEXED_STAMP_COLUMNS.has(column) && key.target === 'users') continue;
        const served = ownIndexes.some((i) => {
          const lead = i.columns as string[];
          const usable = i.predicate === null || i.predicate === '(deleted_at IS NULL)';
          return usable && lead[0] === 'tenant_id' && (column === 'tenant_id' || lead[1] === column);
        });
        if (!served) lack(`no index leading with (tenant_id, ${column}) for foreign key ${key.name}`);
      }
    }
  }

  // Views and materialized views the request role may read: a view reads its tables as its
  // owner unless security_invoker is set (the owner-only policies of users and tenants would
  // then let everything through), and a materialized view has no row-level security at all.
  const views = await query(
    `SELECT c.relname AS name, c.relkind AS kind,
            coalesce(EXISTS (SELECT 1 FROM unnest(c.reloptions) o WHERE o ~* '^security_invoker=(true|on|yes|1)$'), false) AS invoker
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('v', 'm') AND has_table_privilege($1, c.oid, 'SELECT')
      ORDER BY c.relname`,
    [APP_DB_ROLE],
  );
  for (const view of views) {
    if (view.kind === 'm') problems.push(`${view.name}: a materialized view ${APP_DB_ROLE} may read (no row-level security applies to it)`);
    else if (!view.invoker) problems.push(`${view.name}: a view ${APP_DB_ROLE} may read without security_invoker (it reads as its owner)`);
  }
  return problems;
}

/** Tables the API creates or updates rows of: resources with a create… or update… mutation, by TypeORM's table names. */
async function writableTables(ownerUrl: string): Promise<Set<string>> {
  const mutations = Object.keys(buildCareGraphSchema().getMutationType()?.getFields() ?? {});
  const dataSource = new DataSource(ownerDataSourceOptions(ownerUrl));
  await dataSource.initialize();
  try {
    return new Set(
      RESOURCES.filter((r) => mutations.includes(`create${r.typeName}`) || mutations.includes(`update${r.typeName}`)).map((r) => dataSource.getMetadata(r.entity).tableName),
    );
  } finally {
    await dataSource.destroy();
  }
}

let db: TestDatabase;
let writable: Set<string>;
beforeAll(async () => {
  db = await createTestDatabase();
  writable = await writableTables(db.ownerUrl);
});
afterAll(() => db.drop());

describe('the catalog of the migrated database', () => {
  it('finds the tenant tables, and the API writes some of them', async () => {
    const found = (await db.owner(`SELECT table_name AS name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'tenant_id'`)).map((r) => r.name);
    // Not a list to keep: only that the search finds what the API serves, and the logs.
    expect(found).toEqual(expect.arrayContaining([...writable, ...LOG_AND_INTERNAL_TABLES]));
    expect(writable.size).toBeGreaterThan(0);
  });

  it('gives every tenant table forced RLS, the tenant policy, its triggers, the request role’s grants and indexed foreign keys', async () => {
    expect(await catalogProblems(db.owner, writable)).toEqual([]);
  });
});

/** A tenant table as another migration would make it, with createTenantTable. */
const TASKS: TenantTableSpec = {
  columns: ['patient_id uuid NOT NULL', 'assignee_user_id uuid', 'title varchar(200) NOT NULL', "status varchar(16) NOT NULL DEFAULT 'OPEN'", 'due_at timestamptz'],
  references: { patient_id: 'patients', assignee_user_id: { table: 'users', shared: true } },
  checks: { title: 'length(btrim(title)) > 0', status: "status IN ('OPEN', 'DONE')" },
  indexes: [{ columns: ['status', 'due_at', 'id'], live: true }],
  writable: true,
};

describe('the catalog test fails (on a throw-away copy of the database, broken on purpose)', () => {
  let broken: TestDatabase;
  beforeAll(async () => {
    broken = await createTestDatabase();
  });
  afterAll(() => broken.drop());

  it('names each table and what it lacks', async () => {
    await broken.owner(`
      ALTER TABLE sites NO FORCE ROW LEVEL SECURITY;
      ALTER TABLE memberships DISABLE ROW LEVEL SECURITY;
      DROP POLICY clinical_notes_tenant_isolation ON clinical_notes;
      CREATE POLICY clinical_notes_everything ON clinical_notes USING (true);
      CREATE POLICY patients_peek ON patients FOR SELECT TO ${APP_DB_ROLE} USING (tenant_id IS NOT NULL);
      DROP TRIGGER appointments_audit ON appointments;
      ALTER TABLE care_professionals DISABLE TRIGGER care_professionals_stamp_update;
      GRANT DELETE ON care_professionals TO ${APP_DB_ROLE};
      GRANT UPDATE ON audit_logs TO ${APP_DB_ROLE};
      REVOKE INSERT ON patients FROM ${APP_DB_ROLE};
      REVOKE SELECT ON clinical_note_categories FROM ${APP_DB_ROLE};
      DROP INDEX patients_tenant_site_idx;
      CREATE TABLE stray (id uuid PRIMARY KEY, tenant_id uuid, site_id uuid REFERENCES sites (id));
      CREATE VIEW patient_names AS SELECT id, tenant_id, last_name FROM patients;
      CREATE VIEW patient_names_invoker WITH (security_invoker = true) AS SELECT id, tenant_id, last_name FROM patients;
      CREATE MATERIALIZED VIEW patient_counts AS SELECT tenant_id, count(*) FROM patients GROUP BY tenant_id;
      GRANT SELECT ON patient_names, patient_names_invoker, patient_counts TO ${APP_DB_ROLE};`);
    expect((await catalogProblems(broken.owner, writable)).sort()).toEqual(
      [
        'appointments: no enabled AFTER INSERT OR UPDATE OR DELETE FOR EACH ROW trigger running audit_row_change (audit)',
        'audit_logs: caregraph_app may UPDATE a log or internal table',
        'audit_logs: no policy checks (tenant_id = app_current_tenant_id()) on UPDATE',
        'care_professionals: caregraph_app may DELETE (deletes are soft)',
        'care_professionals: no enabled BEFORE UPDATE FOR EACH ROW trigger running stamp_row_update (version)',
        'clinical_note_categories: caregraph_app has no SELECT',
        'clinical_notes: no policy on (tenant_id = app_current_tenant_id()) for reads by caregraph_app',
        'clinical_notes: no policy checks (tenant_id = app_current_tenant_id()) on INSERT',
        'clinical_notes: no policy checks (tenant_id = app_current_tenant_id()) on UPDATE',
        'clinical_notes: policy clinical_notes_everything admits caregraph_app on true, not (tenant_id = app_current_tenant_id())',
        'memberships: row-level security is not enabled',
        'patients: caregraph_app has no INSERT, but the API creates its rows',
        'patients: no index leading with (tenant_id, site_id) for foreign key patients_tenant_id_site_id_fkey',
        'patient_counts: a materialized view caregraph_app may read (no row-level security applies to it)',
        'patient_names: a view caregraph_app may read without security_invoker (it reads as its owner)',
        'patients: policy patients_peek admits caregraph_app on (tenant_id IS NOT NULL), not (tenant_id = app_current_tenant_id())',
        'sites: row-level security is not forced (the owner would bypass it)',
        'stray: caregraph_app has no SELECT',
        'stray: foreign key stray_site_id_fkey (site_id) refers to tenant table sites without tenant_id: it could refer to another tenant\'s row',
        'stray: has no UNIQUE (tenant_id, id) (the target of composite foreign keys)',
        'stray: lacks standard tenant columns created_at, updated_at, created_by, updated_by, deleted_at, version',
        'stray: no enabled AFTER INSERT OR UPDATE OR DELETE FOR EACH ROW trigger running audit_row_change (audit)',
        'stray: no index leading with (tenant_id, site_id) for foreign key stray_site_id_fkey',
        'stray: no policy on (tenant_id = app_current_tenant_id()) for reads by caregraph_app',
        'stray: row-level security is not enabled',
        'stray: standard column tenant_id is uuid, not uuid NOT NULL',
      ].sort(),
    );
  });

  it('finds the foreign keys that had no index before TenantTableIndexes (run down, then up again)', async () => {
    // A migration only ever calls query() on its runner.
    const runner = { query: (sql: string) => broken.owner(sql) } as unknown as QueryRunner;
    const migration = new TenantTableIndexes1764900000000();
    const indexProblems = async () => (await catalogProblems(broken.owner, writable)).filter((p) => p.includes('no index leading with'));
    const fixed = await indexProblems();
    await migration.down(runner);
    expect((await indexProblems()).filter((p) => !fixed.includes(p))).toEqual([
      'appointments: no index leading with (tenant_id, site_id) for foreign key appointments_tenant_id_site_id_fkey',
      'care_professionals: no index leading with (tenant_id, site_id) for foreign key care_professionals_tenant_id_site_id_fkey',
      'clinical_notes: no index leading with (tenant_id, category_id) for foreign key clinical_notes_tenant_id_category_id_fkey',
    ]);
    await migration.up(runner);
    expect(await indexProblems()).toEqual(fixed);
  });

  it('flags a table made with createTenantTable once a guarantee is taken away, and nothing before', async () => {
    const runner = { query: (sql: string) => broken.owner(sql) };
    await createTenantTable(runner, 'catalog_tasks', TASKS);
    const before = (await catalogProblems(broken.owner, writable)).filter((p) => p.startsWith('catalog_tasks:'));
    expect(before).toEqual([]);
    await broken.owner(`DROP INDEX catalog_tasks_tenant_patient_id_idx; DROP TRIGGER catalog_tasks_stamp_update ON catalog_tasks`);
    const after = (await catalogProblems(broken.owner, new Set([...writable, 'catalog_tasks']))).filter((p) => p.startsWith('catalog_tasks:'));
    expect(after).toEqual([
      'catalog_tasks: no enabled BEFORE UPDATE FOR EACH ROW trigger running stamp_row_update (version)',
      'catalog_tasks: no index leading with (tenant_id, patient_id) for foreign key catalog_tasks_tenant_id_patient_id_fkey',
    ]);
    await dropTenantTable(runner, 'catalog_tasks');
  });
});

describe('createTenantTable', () => {
  let app: Client;
  const runner = { query: (sql: string) => db.owner(sql) };
  const tenant: Record<string, string> = {};
  const patient: Record<string, string> = {};

  beforeAll(async () => {
    await createTenantTable(runner, 'tasks_probe', TASKS);
    for (const slug of [ACME, NORTHWIND]) {
      const [row] = await db.owner(`SELECT t.id AS tenant, p.id AS patient FROM tenants t JOIN patients p ON p.tenant_id = t.id WHERE t.slug = $1 LIMIT 1`, [slug]);
      tenant[slug] = row.tenant as string;
      patient[slug] = row.patient as string;
    }
    app = new Client({ connectionString: db.appUrl });
    await app.connect();
  });
  afterAll(async () => {
    await app.end();
    await dropTenantTable(runner, 'tasks_probe');
  });

  /** Runs `sql` as the request role inside a transaction of `slug`'s tenant, rolled back. */
  async function asTenant<T>(slug: string, work: () => Promise<T>): Promise<T> {
    await app.query('BEGIN');
    try {
      await app.query(`SELECT set_config('app.tenant_id', $1, true), set_config('app.request_id', 'catalog-test', true)`, [tenant[slug]]);
      return await work();
    } finally {
      await app.query('ROLLBACK');
    }
  }

  it('makes a table the catalog test accepts', async () => {
    expect((await catalogProblems(db.owner, new Set([...writable, 'tasks_probe']))).filter((p) => p.startsWith('tasks_probe:'))).toEqual([]);
  });

  it('isolates tenants, refuses another tenant’s patient, bumps versions, audits, and refuses DELETE', async () => {
    await asTenant(ACME, async () => {
      const { rows } = await app.query(`INSERT INTO tasks_probe (tenant_id, patient_id, title) VALUES ($1, $2, 'Call back') RETURNING id, version`, [tenant[ACME], patient[ACME]]);
      const [updated] = (await app.query(`UPDATE tasks_probe SET status = 'DONE' WHERE id = $1 RETURNING version`, [rows[0].id])).rows;
      expect(updated.version).toBe(rows[0].version + 1);
      const audit = await app.query(`SELECT action FROM audit_logs WHERE table_name = 'tasks_probe' AND record_id = $1 ORDER BY id`, [rows[0].id]);
      expect(audit.rows.map((r) => r.action)).toEqual(['INSERT', 'UPDATE']);
      await app.query('SAVEPOINT s');
      // Another tenant's patient: the composite foreign key refuses it (even though RLS hides that patient anyway).
      await expect(app.query(`INSERT INTO tasks_probe (tenant_id, patient_id, title) VALUES ($1, $2, 'x')`, [tenant[ACME], patient[NORTHWIND]])).rejects.toMatchObject({
        code: '23503',
        constraint: 'tasks_probe_tenant_id_patient_id_fkey',
      });
      await app.query('ROLLBACK TO SAVEPOINT s');
      // A row for another tenant: the policy's WITH CHECK refuses it.
      await expect(app.query(`INSERT INTO tasks_probe (tenant_id, patient_id, title) VALUES ($1, $2, 'x')`, [tenant[NORTHWIND], patient[NORTHWIND]])).rejects.toMatchObject({
        code: '42501',
      });
      await app.query('ROLLBACK TO SAVEPOINT s');
      await expect(app.query(`DELETE FROM tasks_probe WHERE id = $1`, [rows[0].id])).rejects.toMatchObject({ code: '42501' });
      await app.query('ROLLBACK TO SAVEPOINT s');
      await expect(app.query(`INSERT INTO tasks_probe (tenant_id, patient_id, title) VALUES ($1, $2, ' ')`, [tenant[ACME], patient[ACME]])).rejects.toMatchObject({
        constraint: 'tasks_probe_title_check',
      });
    });
    // Rows of one tenant are invisible to the other (inserted by the owner, committed).
    await db.owner(`INSERT INTO tasks_probe (tenant_id, patient_id, title) VALUES ($1, $2, 'Acme only')`, [tenant[ACME], patient[ACME]]);
    expect((await asTenant(NORTHWIND, () => app.query(`SELECT count(*)::int AS n FROM tasks_probe`))).rows[0].n).toBe(0);
    expect((await asTenant(ACME, () => app.query(`SELECT count(*)::int AS n FROM tasks_probe`))).rows[0].n).toBe(1);
  });

  it('refuses unsafe or truncated names and undeclared columns before any SQL runs', () => {
    const spec: TenantTableSpec = { columns: ['title text'], writable: false };
    expect(() => tenantTableStatements('Tasks', spec)).toThrow(/not a safe SQL identifier/);
    expect(() => tenantTableStatements('tasks; DROP TABLE patients', spec)).toThrow(/not a safe SQL identifier/);
    expect(() => tenantTableStatements(`t${'x'.repeat(50)}`, spec)).toThrow(/longer than 63/);
    expect(() => tenantTableStatements('tasks', { ...spec, columns: ['"Title" text'] })).toThrow(/not a safe SQL identifier/);
    expect(() => tenantTableStatements('tasks', { ...spec, columns: ['id uuid'] })).toThrow(/declared twice/);
    expect(() => tenantTableStatements('tasks', { ...spec, columns: ['unique (title)'] })).toThrow(/not a column definition/);
    expect(() => tenantTableStatements('tasks', { ...spec, references: { patient_id: 'patients' } })).toThrow(/declare it in columns/);
    expect(() => tenantTableStatements('tasks', { ...spec, columns: ['patient_id uuid'], references: { patient_id: 'patients x' } })).toThrow(/not a safe SQL identifier/);
    expect(() => tenantTableStatements('tasks', { ...spec, indexes: [{ columns: ['title); DROP TABLE x; --'] }] })).toThrow(/is not a column/);
    expect(() => tenantTableStatements('tasks', { ...spec, indexes: [{ columns: ['tenant_id', 'title'] }] })).toThrow(/always the first/);
    expect(() => tenantTableStatements('tasks', { ...spec, checks: { 'x y': 'true' } })).toThrow(/not a safe SQL identifier/);
  });

  it('indexes each reference unless a declared index leads with it, fully unless the reference is live', () => {
    const statements = tenantTableStatements('tasks', {
      columns: ['patient_id uuid NOT NULL', 'site_id uuid', 'category_id uuid', 'start_time timestamptz NOT NULL'],
      references: { patient_id: 'patients', site_id: { table: 'sites', live: true }, category_id: 'clinical_note_categories' },
      indexes: [{ columns: ['patient_id', 'start_time'] }, { columns: ['category_id', 'start_time'], live: true }],
      writable: false,
    });
    expect(statements.filter((s) => s.startsWith('CREATE INDEX'))).toEqual([
      'CREATE INDEX tasks_tenant_patient_id_start_time_idx ON tasks (tenant_id, patient_id, start_time)',
      'CREATE INDEX tasks_tenant_category_id_start_time_idx ON tasks (tenant_id, category_id, start_time) WHERE deleted_at IS NULL',
      'CREATE INDEX tasks_tenant_site_id_idx ON tasks (tenant_id, site_id) WHERE deleted_at IS NULL',
      'CREATE INDEX tasks_tenant_category_id_idx ON tasks (tenant_id, category_id)',
    ]);
    expect(statements).toContain('GRANT SELECT ON tasks TO caregraph_app');
  });
});
