/** What the helpers need of a migration's QueryRunner (a TypeORM QueryRunner, or a pg client wrapper in tests). */
export interface SqlRunner {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}
import { APP_DB_ROLE } from './roles';
import { sqlLiteral } from '../data/table';

/**
 * One call per tenant table (DESIGN.md §3): every migration that creates a table whose rows
 * belong to one tenant calls `createTenantTable`, which gives it
 *
 * - the standard tenant columns (`TENANT_COLUMNS`: id, tenant_id, created_at, updated_at,
 *   created_by, updated_by, deleted_at, version, UNIQUE (tenant_id, id)), then its own columns;
 * - for each reference to another tenant table, a composite foreign key
 *   `(tenant_id, column) REFERENCES target (tenant_id, id)`, named `<table>_tenant_id_<column>_fkey`,
 *   so another tenant's row can never be referenced; a reference to a table shared by all
 *   tenants (`users`) is `{ table: 'users', shared: true }`: `(column) REFERENCES users (id)`;
 * - an index `(tenant_id, column)` for every reference (unless a declared index already leads
 *   with those two columns). It is a full index by default: restore cascades match soft-deleted
 *   rows by their parent, and a hard erasure of the parent checks every referencing row. Give
 *   `live: true` for a partial `WHERE deleted_at IS NULL` index when only live rows are looked
 *   up through that column (not a `parents` link of a resource, which restores by it);
 * - named checks `CONSTRAINT <table>_<name>_check CHECK (...)`: name a check after the column
 *   it guards and database errors name the input field (src/errors/format-error.ts);
 * - extra indexes, which always lead with tenant_id (it is prepended);
 * - forced row-level security and the policy `<table>_tenant_isolation` on
 *   `tenant_id = app_current_tenant_id()`;
 * - the `stamp_row_update` (version, timestamps, tenant_id immutable) and `audit_row_change`
 *   triggers;
 * - grants to the request role (APP_DB_ROLE): SELECT, INSERT, UPDATE when `writable`, SELECT
 *   otherwise; never DELETE (deletes are soft; hard erasure is a separate, privileged operation).
 *
 * test/catalog.test.ts checks all of this for every table with a tenant_id column, whichever
 * way it was made. Identifiers must match /^[a-z_][a-z0-9_]*$/ and derived names must fit in
 * PostgreSQL's 63 bytes; anything else throws before any SQL runs.
 *
 * @example
 * // up():
 * await createTenantTable(queryRunner, 'tasks', {
 *   columns: [
 *     'patient_id uuid NOT NULL',
 *     'assignee_user_id uuid',
 *     "title varchar(200) NOT NULL",
 *     "status varchar(16) NOT NULL DEFAULT 'OPEN'",
 *     'due_at timestamptz',
 *   ],
 *   references: { patient_id: 'patients', assignee_user_id: { table: 'users', shared: true } },
 *   checks: { title: 'length(btrim(title)) > 0', status: "status IN ('OPEN', 'DONE')" },
 *   indexes: [{ columns: ['status', 'due_at', 'id'], live: true }],
 *   writable: true,
 * });
 * // down():
 * await dropTenantTable(queryRunner, 'tasks');
 */

/** Columns every tenant-owned table starts with (DESIGN.md §1); the same as in the Foundation migration. */
export const TENANT_COLUMNS = `
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid REFERENCES users(id),
  updated_by uuid REFERENCES users(id),
  deleted_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  UNIQUE (tenant_id, id)`;

export const STANDARD_TENANT_COLUMN_NAMES = ['id', 'tenant_id', 'created_at', 'updated_at', 'created_by', 'updated_by', 'deleted_at', 'version'] as const;

export interface TenantReference {
  /** The referenced table. */
  table: string;
  /** The referenced table is shared by all tenants (users): a plain foreign key to its id. */
  shared?: boolean;
  /** Index only live rows (`WHERE deleted_at IS NULL`); see above for when that is sensible. */
  live?: boolean;
}

export interface TenantIndex {
  /** Columns after tenant_id (which is always first): identifiers, `lower(<column>)`, optionally ` DESC`/` ASC`. */
  columns: string[];
  unique?: boolean;
  /** `WHERE deleted_at IS NULL`. Combined with `where` by AND when both are given. */
  live?: boolean;
  /** A partial index's predicate (SQL). */
  where?: string;
  /** Defaults to `<table>_tenant_<columns>_idx` (`_key` when unique). */
  name?: string;
}

export interface TenantTableSpec {
  /** SQL column definitions after the standard ones, each starting with its column name. */
  columns: string[];
  /** column → tenant table it refers to (composite key), or `{ table, shared: true }`. Columns must be in `columns`. */
  references?: Record<string, string | TenantReference>;
  /** name → boolean SQL expression: `CONSTRAINT <table>_<name>_check CHECK (<expression>)`. */
  checks?: Record<string, string>;
  /** Extra indexes; each leads with tenant_id. */
  indexes?: TenantIndex[];
  /** The API writes this table: the request role gets INSERT and UPDATE too. */
  writable: boolean;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;
const MAX_IDENTIFIER_BYTES = 63;

/** Throws unless `name` is a plain lower-case SQL identifier that PostgreSQL would keep whole. */
export function assertIdentifier(name: string, what: string): string {
  if (typeof name !== 'string' || !IDENTIFIER.test(name)) throw new Error(`${what} "${name}" is not a safe SQL identifier (${IDENTIFIER})`);
  if (name.length > MAX_IDENTIFIER_BYTES) throw new Error(`${what} "${name}" is longer than ${MAX_IDENTIFIER_BYTES} bytes (PostgreSQL would truncate it)`);
  return name;
}

/** An index element: `column`, `lower(column)`, either optionally followed by ASC or DESC. */
function indexElement(table: string, element: string): { sql: string; column: string; plain: boolean; label: string } {
  const match = /^(?:([a-z_][a-z0-9_]*)|lower\(([a-z_][a-z0-9_]*)\))(?: (ASC|DESC))?$/.exec(element);
  if (!match) throw new Error(`index element "${element}" of ${table} is not a column, lower(column), or either with ASC/DESC`);
  const column = assertIdentifier(match[1] ?? match[2], `index column of ${table}`);
  return { sql: element, column, plain: match[1] !== undefined, label: match[1] !== undefined ? column : `lower_${column}` };
}

const columnName = (definition: string): string => /^\s*(\S+)/.exec(definition)?.[1] ?? '';

/** Words that would make a "column" definition a table constraint: those go in references, checks or indexes. */
const TABLE_CONSTRAINT_WORDS = new Set(['constraint', 'check', 'unique', 'primary', 'foreign', 'exclude', 'like']);

/** The SQL statements `createTenantTable` runs, in order (exported for tests and review). */
export function tenantTableStatements(table: string, spec: TenantTableSpec): string[] {
  assertIdentifier(table, 'table name');
  // The longest derived name is the policy's.
  assertIdentifier(`${table}_tenant_isolation`, `policy name of ${table}`);
  if (typeof spec.writable !== 'boolean') throw new Error(`${table}: say whether the API writes it (writable: true or false)`);

  const declared = new Set<string>(STANDARD_TENANT_COLUMN_NAMES);
  for (const definition of spec.columns) {
    const name = assertIdentifier(columnName(definition), `column of ${table}`);
    if (TABLE_CONSTRAINT_WORDS.has(name)) throw new Error(`"${definition}" of ${table} is not a column definition: use references, checks or indexes`);
    if (declared.has(name)) throw new Error(`column ${table}.${name} is declared twice (or is a standard tenant column)`);
    declared.add(name);
  }

  const elements: string[] = [TENANT_COLUMNS, ...spec.columns.map((c) => `  ${c.trim()}`)];
  const indexes: string[] = [];
  const indexNames = new Set<string>();
  const addIndex = (name: string, sql: string) => {
    assertIdentifier(name, `index name of ${table}`);
    if (indexNames.has(name)) throw new Error(`index ${name} is declared twice`);
    indexNames.add(name);
    indexes.push(sql);
  };

  for (const [name, expression] of Object.entries(spec.checks ?? {})) {
    const constraint = assertIdentifier(`${table}_${assertIdentifier(name, `check name of ${table}`)}_check`, `check constraint of ${table}`);
    elements.push(`  CONSTRAINT ${constraint} CHECK (${expression})`);
  }

  const declaredIndexes = (spec.indexes ?? []).map((index) => ({ index, elements: index.columns.map((e) => indexElement(table, e)) }));
  for (const { index, elements: parts } of declaredIndexes) {
    if (!parts.length) throw new Error(`an index of ${table} has no columns (tenant_id alone is already indexed)`);
    for (const part of parts) {
      if (part.column === 'tenant_id') throw new Error(`tenant_id is always the first index column of ${table}: leave it out of columns`);
      if (!declared.has(part.column)) throw new Error(`index column ${table}.${part.column} is not a column of the table`);
    }
    const name = index.name ?? `${table}_tenant_${parts.map((p) => p.label).join('_')}_${index.unique ? 'key' : 'idx'}`;
    const where = [index.live ? 'deleted_at IS NULL' : undefined, index.where ? `(${index.where})` : undefined].filter(Boolean).join(' AND ');
    addIndex(
      name,
      `CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX ${name} ON ${table} (tenant_id, ${parts.map((p) => p.sql).join(', ')})${where ? ` WHERE ${where}` : ''}`,
    );
  }

  for (const [column, target] of Object.entries(spec.references ?? {})) {
    assertIdentifier(column, `reference column of ${table}`);
    if (!declared.has(column) || (STANDARD_TENANT_COLUMN_NAMES as readonly string[]).includes(column)) {
      throw new Error(`reference ${table}.${column} must name one of the table's own columns (declare it in columns)`);
    }
    const reference: TenantReference = typeof target === 'string' ? { table: target } : target;
    assertIdentifier(reference.table, `table referenced by ${table}.${column}`);
    if (reference.shared) {
      const constraint = assertIdentifier(`${table}_${column}_fkey`, `foreign key of ${table}.${column}`);
      elements.push(`  CONSTRAINT ${constraint} FOREIGN KEY (${column}) REFERENCES ${reference.table} (id)`);
    } else {
      const constraint = assertIdentifier(`${table}_tenant_id_${column}_fkey`, `foreign key of ${table}.${column}`);
      elements.push(`  CONSTRAINT ${constraint} FOREIGN KEY (tenant_id, ${column}) REFERENCES ${reference.table} (tenant_id, id)`);
    }
    // A declared index leading with (tenant_id, column) serves the foreign key too: full, or live when the reference is.
    const covered = declaredIndexes.some(
      ({ index, elements: parts }) => parts[0].plain && parts[0].column === column && !index.where && (!index.live || reference.live === true),
    );
    if (!covered) {
      addIndex(
        `${table}_tenant_${column}_idx`,
        `CREATE INDEX ${table}_tenant_${column}_idx ON ${table} (tenant_id, ${column})${reference.live ? ' WHERE deleted_at IS NULL' : ''}`,
      );
    }
  }

  return [
    `CREATE TABLE ${table} (${elements.join(',\n')}\n)`,
    ...indexes,
    `ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`,
    `ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`,
    `CREATE POLICY ${table}_tenant_isolation ON ${table} USING (tenant_id = app_current_tenant_id()) WITH CHECK (tenant_id = app_current_tenant_id())`,
    `CREATE TRIGGER ${table}_stamp_update BEFORE UPDATE ON ${table} FOR EACH ROW EXECUTE FUNCTION stamp_row_update()`,
    `CREATE TRIGGER ${table}_audit AFTER INSERT OR UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION audit_row_change()`,
    // No DELETE: deletes are soft. Hard erasure is a separate, privileged operation.
    `GRANT ${spec.writable ? 'SELECT, INSERT, UPDATE' : 'SELECT'} ON ${table} TO ${APP_DB_ROLE}`,
  ];
}

/** Creates a tenant table with every guarantee of DESIGN.md §3 (see the comment at the top of this file). */
export async function createTenantTable(queryRunner: SqlRunner, table: string, spec: TenantTableSpec): Promise<void> {
  for (const statement of tenantTableStatements(table, spec)) await queryRunner.query(statement);
}

/**
 * For `down()`: drops the table with its indexes, policy, triggers and grants. Not CASCADE: a
 * table that others still refer to must be dropped after them, and this fails loudly otherwise.
 * Its audit rows stay (the audit log is append-only).
 */
export async function dropTenantTable(queryRunner: SqlRunner, table: string): Promise<void> {
  assertIdentifier(table, 'table name');
  await queryRunner.query(`DROP TABLE ${table}`);
}

/**
 * Runs `sql` once per tenant with `app.tenant_id` set for the transaction, because forced
 * row-level security binds the owner too when it is not a superuser (a data step of a migration
 * would otherwise see no rows). The previous setting is put back.
 */
export async function inEveryTenant(queryRunner: SqlRunner, sql: string): Promise<void> {
  const [{ previous }] = (await queryRunner.query(`SELECT coalesce(current_setting('app.tenant_id', true), '') AS previous`)) as Array<{ previous: string }>;
  const tenants = (await queryRunner.query(`SELECT id FROM tenants ORDER BY id`)) as Array<{ id: string }>;
  for (const { id } of tenants) {
    await queryRunner.query(`SELECT set_config('app.tenant_id', $1, true)`, [id]);
    await queryRunner.query(sql);
  }
  await queryRunner.query(`SELECT set_config('app.tenant_id', $1, true)`, [previous]);
}

/** `column IN ('A', 'B')` for a CHECK. Values are written out: a migration keeps the meaning it had when it ran. */
export const checkOneOf = (column: string, values: readonly string[]) => `${column} IN (${values.map((v) => sqlLiteral(v)).join(', ')})`;
/** A CHECK that text is not blank. */
export const checkNotBlank = (column: string) => `length(btrim(${column})) > 0`;
