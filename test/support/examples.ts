import { randomUUID } from 'node:crypto';
import { getNamedType, GraphQLField, GraphQLInputField, GraphQLInputObjectType, GraphQLNamedType, isEnumType, isInputObjectType, isListType, isNonNullType, isScalarType } from 'graphql';
import { buildCareGraphSchema } from '../../src/schema';
import { RESOURCES } from '../../src/resources';
import type { Operation, Resource } from '../../src/data/resource';
import type { Role } from '../../src/entities/enums';
import { demoEmail } from '../../src/demo/demo-data';
import { parseGlobalId, toGlobalId } from '../../src/data/global-id';
import { columnsOf } from '../../src/data/entity-metadata';
import { systemRolePermissions } from '../../src/auth/permissions';
import type { GraphQLResponse, TestApp } from './harness';

/**
 * Rows made generically, for the conformance suite (test/conformance.test.ts): a valid create
 * input for any registered resource, read off the built schema's `create<Type>Input` and the
 * resource's declaration (which input fields reference which resource, its status machine).
 * Required fields get a value of their type: text, the first enum value the server accepts
 * (a status machine's initial states first), dates and date-times strictly increasing in field
 * order (so `end` after `start` holds). Reference fields, optional ones too (they feed nested
 * connections), get an object of the referenced type in the same tenant: made the same way, or
 * an existing row when that type has no mutations. Objects made for one example are shared by
 * type (its "graph"), so that a note's appointment is one of the note's patient.
 */

export const schema = buildCareGraphSchema();

export type Mutation = Exclude<Operation, 'read'>;
export const MUTATIONS: readonly Mutation[] = ['create', 'update', 'delete', 'restore'];

export const lowerFirst = (s: string) => s[0].toLowerCase() + s.slice(1);

/** The schema's mutation field of an operation on a resource, if the API offers it. */
export function mutationField(resource: Resource, operation: Mutation): GraphQLField<unknown, unknown> | undefined {
  return schema.getMutationType()?.getFields()[`${operation}${resource.typeName}`];
}

export const offers = (resource: Resource, operation: Operation) => operation === 'read' || mutationField(resource, operation) !== undefined;
export const creatable = (resource: Resource) => offers(resource, 'create');

/** The named type of the mutation's `input` argument: `CreatePatientInput`, `DeleteInput`, … */
export function inputType(resource: Resource, operation: Mutation): GraphQLInputObjectType {
  const arg = mutationField(resource, operation)?.args.find((a) => a.name === 'input');
  const type = arg && getNamedType(arg.type);
  if (!type || !isInputObjectType(type)) throw new Error(`${operation}${resource.typeName} has no input object argument`);
  return type;
}

/** `mutation($input: …!) { <op><Type>(input: $input) { <type> { <selection> } } }` */
export function mutationDocument(resource: Resource, operation: Mutation, selection = 'id version'): string {
  return `mutation($input: ${inputType(resource, operation).name}!) { ${operation}${resource.typeName}(input: $input) { ${lowerFirst(resource.typeName)} { ${selection} } } }`;
}

/** Roles the declaration allows an operation. */
export const allowed = (resource: Resource, operation: Operation): readonly Role[] => resource.permissions[operation];

/**
 * The role the suite writes a resource as: one allowed every mutation the API offers (so that
 * a row it creates, it may also update, delete and restore: a note is amended only by its
 * author), else the first role allowed this operation.
 */
export function writerRole(resource: Resource, operation: Operation = 'create'): Role {
  const offered = MUTATIONS.filter((op) => offers(resource, op));
  const everything = allowed(resource, operation).find((role) => offered.every((op) => allowed(resource, op).includes(role)));
  const role = everything ?? allowed(resource, operation)[0];
  if (!role) throw new Error(`no role may ${operation} ${resource.typeName}`);
  return role;
}

/** A role allowed to read every one of these resources. */
export function readerRole(...resources: Resource[]): Role {
  const role = allowed(resources[0], 'read').find((r) => resources.every((resource) => allowed(resource, 'read').includes(r)));
  if (!role) throw new Error(`no role may read ${resources.map((r) => r.typeName).join(' and ')}`);
  return role;
}

/** The table (or view) and columns of a resource, from TypeORM's metadata. */
export function tableOf(app: TestApp, resource: Resource): string {
  return app.dataSource.getMetadata(resource.entity).tableName;
}
export function columnOf(app: TestApp, resource: Resource, property: string): { name: string; nullable: boolean } {
  const column = app.dataSource.getMetadata(resource.entity).findColumnWithPropertyName(property);
  if (!column) throw new Error(`${resource.typeName}.${property} is not a column`);
  return { name: column.databaseName, nullable: column.isNullable };
}

/** The tables under a resource: its own, or those of the view it reads (row-level security applies to those). */
export async function baseTables(app: TestApp, resource: Resource): Promise<string[]> {
  const table = tableOf(app, resource);
  const [{ kind }] = await app.db.owner(`SELECT relkind AS kind FROM pg_class WHERE oid = $1::regclass`, [table]);
  if (kind !== 'v') return [table];
  const used = await app.db.owner(`SELECT DISTINCT table_name FROM information_schema.view_table_usage WHERE view_name = $1 ORDER BY 1`, [table]);
  return used.map((r) => r.table_name as string);
}

/** The table that holds a resource's column: its own, or for a view (members) the base table with that column (memberships). */
export async function tableHolding(app: TestApp, resource: Resource, property: string): Promise<string> {
  const column = columnOf(app, resource, property).name;
  for (const table of await baseTables(app, resource)) {
    const [found] = await app.db.owner(`SELECT 1 FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 AND column_name = $2`, [table, column]);
    if (found) return table;
  }
  throw new Error(`no table under ${resource.typeName} holds ${column}`);
}

/**
 * A row of a resource nobody creates through the API (journey changes are written by domain
 * actions), under `parentDbId`: a copy of a live row of the parent's tenant that has such a parent
 * (so its other keys fit: a feed entry about a lead has no patient), with the foreign key
 * replaced, made in the database itself. Its global id.
 */
export async function copyRowUnder(app: TestApp, child: Resource, foreignKey: string, parent: Resource, parentDbId: string): Promise<string> {
  const table = tableOf(app, child);
  const key = columnOf(app, child, foreignKey).name;
  const columns = app.dataSource
    .getMetadata(child.entity)
    .columns.map((c) => c.databaseName)
    .filter((name) => !['id', 'created_at', 'updated_at', 'version', 'deleted_at', key].includes(name));
  const replaced = COPY_OVERRIDES[child.typeName] ?? {};
  const rows = await app.db.owner(
    `INSERT INTO ${table} (${key}, ${columns.join(', ')})
     SELECT $1, ${columns.map((c) => replaced[c] ?? `c.${c}`).join(', ')} FROM ${table} c
      WHERE c.deleted_at IS NULL AND c.${key} IS NOT NULL AND c.tenant_id = (SELECT tenant_id FROM ${tableOf(app, parent)} WHERE id = $1) LIMIT 1
     RETURNING id`,
    [parentDbId],
  );
  if (!rows.length) throw new Error(`${child.typeName}: no live row in the tenant to copy (the demo data must hold some)`);
  return toGlobalId(child.typeName, rows[0].id as string);
}

/**
 * Soft-deletes (or restores) a row in the database itself, for resources without mutations: in
 * the table that holds it, under a view too. A row the database keeps from going alone (a
 * payment goes only with its invoice) is set so with the table's triggers off.
 */
export async function setDeletedInDatabase(app: TestApp, resource: Resource, dbId: string, deleted: boolean): Promise<void> {
  if (!/^[0-9a-f-]{36}$/.test(dbId)) throw new Error(`not a database id: ${dbId}`);
  for (const table of await baseTables(app, resource)) {
    const update = `UPDATE ${table} SET deleted_at = ${deleted ? 'now()' : 'NULL'} WHERE id = '${dbId}'`;
    const rows = await app.db.owner(`${update} RETURNING id`).catch(async (error: { constraint?: string }) => {
      if (!KEPT_ALONE.has(error.constraint ?? '')) throw error;
      await app.db.owner(`DO $$ BEGIN SET LOCAL session_replication_role = replica; ${update}; END $$`);
      return [{ id: dbId }];
    });
    if (rows.length) return;
  }
  throw new Error(`${resource.typeName} ${dbId}: no table under it holds this id`);
}

/** Reference fields of an input type: the declaration's references (keyed by the entity property, which names the input field). */
export function referenceFields(resource: Resource, type: GraphQLInputObjectType): Array<{ field: GraphQLInputField; target: Resource }> {
  const references = resource.references as Partial<Record<string, () => Resource>>;
  return Object.values(type.getFields()).flatMap((field) => {
    const target = references[field.name];
    return target ? [{ field, target: target() }] : [];
  });
}

/** The status machine, if the declaration has one (its `initial` states are where a new row may start). */
function initialStates(resource: Resource): { property: string; initial: readonly string[] } | undefined {
  const status = (resource as { status?: { property: string; initial?: readonly string[] } }).status;
  return status?.initial ? { property: status.property, initial: status.initial } : undefined;
}

/** typeName → global id of the objects one example is made of (itself included). */
export type Graph = Map<string, string>;

export interface Example {
  resource: Resource;
  /** Global id. */
  id: string;
  /** Database id. */
  dbId: string;
  version: number;
  input: Record<string, unknown>;
  graph: Graph;
  /** The role that created it. */
  role: Role;
}

/**
 * Where the generic values do not fit a resource's domain rules: a per-type function adjusting
 * the generated input. Keep it as small as possible: each entry is something the declaration
 * does not say about valid rows. Empty: every registered resource gets a valid input from its
 * schema and declaration alone.
 */
export const OVERRIDES: Record<string, (input: Record<string, unknown>) => void> = {
  // Findings have a shape per type (src/domain/assessments.ts): a type whose score is optional, with its required finding.
  Assessment: (input) => Object.assign(input, { type: 'OTHER', findings: { summary: `Conformance ${next()}` } }),
  // Amended by its author during its shift only: the shift under way now (in Europe/London, the demo sites' zone).
  DailyRecord: (input) => Object.assign(input, currentShift()),
  // A doctor (who may prescribe, by default): what a patient's physician and a prescription's prescriber must be.
  CareProfessional: (input) => Object.assign(input, { profession: 'DOCTOR' }),
  // A report is written while its test is IN_PROGRESS (a test recorded once the lab has the sample may start there).
  DiagnosticTest: (input) => Object.assign(input, { status: 'IN_PROGRESS' }),
  // Exactly one of value and textValue.
  TestResult: (input) => Object.assign(input, { value: '5.2', normalLow: '4.0', normalHigh: '6.0' }),
  // Incidents have happened already.
  Incident: (input) => Object.assign(input, { occurredAt: new Date(Date.UTC(2020, 0, 1) + next() * 60_000).toISOString() }),
  // Money: an ISO currency, amounts with two decimals; a payment and a refund small enough to fit.
  Invoice: (input) => Object.assign(input, { currency: 'GBP' }),
  InvoiceItem: (input) => Object.assign(input, { unitPrice: '10.00', quantity: '1' }),
  Payment: (input) => Object.assign(input, { amount: '1.00' }),
  Refund: (input) => Object.assign(input, { amount: '0.10' }),
  PayrollEntry: (input) => Object.assign(input, { currency: 'GBP', regularHours: '10', hourlyRate: '12.50' }),
};

/**
 * Where a row needs its parent in a state no create input gives (a payment is of an issued
 * invoice): a step run, as the resource's writer, on each input built for it. Idempotent.
 */
const BEFORE_CREATE: Record<string, (app: TestApp, token: string, input: Record<string, unknown>) => Promise<void>> = {
  Payment: async (app, token, input) => {
    const invoice = await app.graphql<{ node: { status: string } | null }, unknown>(`query($id: ID!) { node(id: $id) { ... on Invoice { status } } }`, { id: input.invoiceId }, token);
    if (invoice.data?.node?.status !== 'DRAFT') return;
    await app.graphql(`mutation($id: ID!) { createInvoiceItem(input: { invoiceId: $id, description: "Conformance", unitPrice: "50.00" }) { invoiceItem { id } } }`, { id: input.invoiceId }, token);
    const issued = await app.graphql(`mutation($id: ID!) { issueInvoice(input: { id: $id }) { invoice { status } } }`, { id: input.invoiceId }, token);
    if (issued.errors) throw new Error(`could not issue the invoice of a Payment: ${JSON.stringify(issued.errors)}`);
  },
};

/** Database rules that keep a row from being deleted on its own (migration Billing). */
const KEPT_ALONE = new Set(['payments_kept', 'refunds_kept', 'document_versions_kept']);

/** Resources whose only changeable fields have a shape of their own (JSON): the change the generic tests make. */
const UPDATE_OVERRIDES: Record<string, () => Change> = {
  // Its currency is an ISO code (and fixed once issued): its notes change.
  Invoice: () => ({ field: 'notes', value: `Conformance ${++changes}` }),
  PayrollEntry: () => ({ field: 'notes', value: `Conformance ${++changes}` }),
  DailyRecord: () => ({ field: 'careDelivered', value: { fluidsMl: 100 + ++changes } }),
  // Its text is encrypted and its time cannot be in the future: a past time.
  Incident: () => ({ field: 'occurredAt', value: new Date(Date.UTC(2020, 6, 1) + ++changes * 60_000).toISOString() }),
};

/**
 * Columns a planted copy of a read-only row gets instead of the original's (copyRowUnder), where
 * a database rule forbids two such rows at once: a stay copied as an empty one-day stay holds no
 * room and no bed.
 */
const COPY_OVERRIDES: Record<string, Record<string, string>> = {
  ResidentStay: { to_date: 'c.from_date' },
  // A key's prefix is unique across tenants.
  ApiClientKey: { prefix: "substr(md5(random()::text), 1, 16)" },
  // A document's id is its body's hash, unique per client: a copy is another body.
  // (A comment naming the copy's transaction, the same in both expressions.)
  TrustedDocument: { body: "c.body || ' # ' || txid_current()", document_id: "encode(sha256(convert_to(c.body || ' # ' || txid_current(), 'UTF8')), 'hex')" },
};

/** The shift under way in London now, and the day it began on (a night shift after midnight began the day before). */
function currentShift(): { recordDate: string; shift: string } {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23' }).formatToParts(new Date());
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  const hour = Number(part('hour'));
  const today = `${part('year')}-${part('month')}-${part('day')}`;
  if (hour >= 7 && hour < 14) return { recordDate: today, shift: 'MORNING' };
  if (hour >= 14 && hour < 22) return { recordDate: today, shift: 'AFTERNOON' };
  if (hour >= 22) return { recordDate: today, shift: 'NIGHT' };
  const yesterday = new Date(Date.parse(`${today}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  return { recordDate: yesterday, shift: 'NIGHT' };
}

let sequence = 0;
const next = () => ++sequence;
/** Date-times strictly increasing across the whole run (a minute apart, far from the demo data's), so `start` before `end` holds. */
let clock = Date.UTC(2031, 0, 6, 9, 0, 0);
/** Dates strictly increasing too, in the past (a birth date cannot be in the future). */
let day = Date.UTC(2001, 0, 1);
/** Minutes of the day for LocalTime values. */
let minute = 8 * 60;

/** Candidate values for a field of a scalar type, tried in order until the server accepts one. */
function scalarCandidates(field: GraphQLInputField, named: GraphQLNamedType): Array<() => unknown> {
  switch (named.name) {
    case 'String':
    case 'EmailAddress':
    case 'URL':
    case 'PhoneNumber': {
      const text = [
        () => `Conformance ${next()}`,
        () => `conformance.${next()}@example.org`,
        () => `https://example.org/conformance/${next()}`,
        () => `+44 20 7946 ${String(next() % 10000).padStart(4, '0')}`,
        () => String(1000000 + next()),
      ];
      if (named.name === 'EmailAddress' || /email/i.test(field.name)) return [text[1], ...text];
      if (named.name === 'URL' || /url|link/i.test(field.name)) return [text[2], ...text];
      if (named.name === 'PhoneNumber' || /phone/i.test(field.name)) return [text[3], ...text];
      return text;
    }
    case 'DateTime':
      return [() => new Date((clock += 60_000)).toISOString()];
    case 'Date':
      return [() => new Date((day += 86_400_000)).toISOString().slice(0, 10)];
    case 'LocalTime': {
      // Times of day, increasing from 08:00 (start before end); past 23:00 they start again, and the retry takes the next pair.
      const time = () => {
        minute = minute >= 23 * 60 ? 8 * 60 : minute + 1;
        return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
      };
      return [time, time, time];
    }
    case 'Int':
    case 'NonNegativeInt':
    case 'PositiveInt':
      return [() => 1 + (next() % 50), () => 0];
    case 'Float':
      return [() => 1.5];
    case 'Boolean':
      return [() => false, () => true];
    case 'UUID':
      return [() => randomUUID()];
    default:
      if (/decimal|money/i.test(named.name)) return [() => '12.50', () => '1'];
      if (/json/i.test(named.name)) return [() => ({})];
      throw new Error(`no example value for ${named.name} (field ${field.name}): add one to test/support/examples.ts`);
  }
}

export interface CreateOptions {
  /** Input fields given as is (a parent's id). */
  set?: Record<string, unknown>;
  /** Objects to reuse by type (a parent's graph): references to these types take them. */
  graph?: Graph;
  /** The role to create as (default: writerRole). */
  as?: Role;
}

/** A change `update<Type>` accepts: a field of its input and a new value (text, else a later date-time, a date, a flag). */
export interface Change {
  field: string;
  value: unknown;
}

let changes = 0;
/** A change for `update<Type>`: a text field (one a new row requires, when there is one), else a date-time, a date or a flag. */
/** A change to make by update; as `role`, none of the fields it reads masked (it may not write them). */
export function updateChange(resource: Resource, role?: Role): Change | null {
  const override = UPDATE_OVERRIDES[resource.typeName];
  if (override) return override();
  const columns = columnsOf(resource.entity);
  // Not an encrypted field: the tests compare what is stored with what was sent.
  const masked = (field: string) => role !== undefined && resource.masks?.[field] !== undefined && !resource.masks[field].fullFor.includes(role);
  const update = Object.values(inputType(resource, 'update').getFields()).filter(
    (f) => f.name !== 'id' && f.name !== 'expectedVersion' && !(f.name in resource.references) && !columns.get(f.name)?.encrypted && !masked(f.name),
  );
  const create = inputType(resource, 'create').getFields();
  const ofType = (name: string) => update.filter((f) => getNamedType(f.type).name === name);
  const text = ofType('String');
  const field = text.find((f) => create[f.name] && isNonNullType(create[f.name].type)) ?? text[0];
  if (field) return { field: field.name, value: `Changed ${++changes}` };
  const [time] = ofType('DateTime');
  if (time) return { field: time.name, value: new Date((clock += 60_000)).toISOString() };
  const [date] = ofType('Date');
  if (date) return { field: date.name, value: new Date((day += 86_400_000)).toISOString().slice(0, 10) };
  const [flag] = ofType('Boolean');
  return flag ? { field: flag.name, value: true } : null;
}

/** Whether a stored value (pg's Date, or JSON text of a timestamp) is the value given (ISO text). */
export function sameValue(stored: unknown, given: unknown): boolean {
  const time = (v: unknown) => (v instanceof Date ? v.getTime() : typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v) ? Date.parse(v) : undefined);
  const [a, b] = [time(stored), time(given)];
  if (a !== undefined && b !== undefined) return a === b;
  // JSON columns come back as objects.
  return typeof given === 'object' && given !== null ? JSON.stringify(stored) === JSON.stringify(given) : stored === given;
}

/** `input.firstName` or `$input.firstName` → `firstName` (top-level input fields only). */
function inputFieldsNamed(errors: GraphQLResponse<unknown>['errors']): string[] {
  const fields = (errors ?? []).flatMap((e) => (e.extensions?.fields as Array<{ field: string }> | undefined) ?? []);
  return fields.map((f) => /^\$?input\.([_A-Za-z][_0-9A-Za-z]*)/.exec(f.field)?.[1]).filter((f): f is string => !!f);
}

/** Makes rows of any registered resource in one tenant, through the API, as a role allowed to. */
export class Examples {
  /** Fields whose first candidate value the server refused, as `Type.field`: hints for the declaration. */
  readonly adjusted = new Set<string>();
  private tenantDbId?: string;
  /** Per resource, the choices its last accepted plain create needed (values moved on, optional references left out). */
  private readonly learned = new Map<string, Map<string, number>>();
  private readonly own = new Map<string, string | null>();

  constructor(
    readonly app: TestApp,
    readonly tenant: string,
  ) {}

  token(role: Role): Promise<string> {
    return this.app.login(role, this.tenant);
  }

  async tenantId(): Promise<string> {
    if (!this.tenantDbId) {
      const [row] = await this.app.db.owner(`SELECT id FROM tenants WHERE slug = $1`, [this.tenant]);
      this.tenantDbId = row.id as string;
    }
    return this.tenantDbId;
  }

  /** Database ids of up to `count` live rows of a resource in this tenant (existing data: the demo rows), oldest first; at least `required`. */
  /** Live rows of the tenant, oldest first; with `role`, only rows within that role's declared row scope. */
  async existing(resource: Resource, count = 1, required = count, role?: Role): Promise<string[]> {
    const rowScope = role && resource.rowScope?.[role];
    // Rows of a permission the role lacks (a note's attachments without CLINICAL_NOTE_READ) are out of its sight too.
    const held = role ? systemRolePermissions(role) : null;
    const lacking = held ? (resource.permissionRows ?? []).filter((rows) => !held.has(rows.permission().key)) : [];
    const conditions = [...(rowScope ? [rowScope.sql('c')] : []), ...lacking.map((rows) => `NOT coalesce((${rows.sql('c')}), false)`)];
    const scope = conditions.length ? { sql: (_alias: string) => conditions.join(' AND ') } : undefined;
    // A scope may name the caller (a member's own notifications): it is read as the role's demo user,
    // set for this statement only, before the rows are (the lateral subquery depends on it).
    const rows = await this.app.db.owner(
      `SELECT x.id FROM (SELECT set_config('app.user_id', coalesce((SELECT u.id::text FROM users u WHERE lower(u.email) = lower($3)), ''), true) AS who) s,
         LATERAL (SELECT c.id, c.created_at FROM ${tableOf(this.app, resource)} c
                   WHERE s.who IS NOT NULL AND c.tenant_id = $1 AND c.deleted_at IS NULL${scope ? ` AND ${scope.sql('c')}` : ''} ORDER BY c.created_at, c.id LIMIT $2) x
        ORDER BY x.created_at, x.id`,
      [await this.tenantId(), count, role ? demoEmail(role, this.tenant) : ''],
    );
    if (rows.length < required) throw new Error(`${resource.typeName}: fewer than ${required} live rows in ${this.tenant} (it has no create mutation: the demo data must hold them)`);
    return rows.map((r) => r.id as string);
  }

  /** The graph of a row made elsewhere: itself and what its references name, so that a child made under it agrees with it. */
  async graphOf(resource: Resource, id: string): Promise<Graph> {
    const [row] = await this.app.db.owner(`SELECT * FROM ${tableOf(this.app, resource)} WHERE id = $1`, [parseGlobalId(id)!.id]);
    const graph: Graph = new Map();
    for (const [property, target] of Object.entries(resource.references)) {
      const value = row[columnOf(this.app, resource, property).name] as string | null;
      if (value) graph.set(target().typeName, toGlobalId(target().typeName, value));
    }
    return graph.set(resource.typeName, id);
  }

  /** A live row of any resource: a new one if it can be created, else an existing one. */
  async any(resource: Resource, options: CreateOptions = {}): Promise<{ id: string; dbId: string; graph: Graph }> {
    if (creatable(resource)) return this.create(resource, options);
    const [dbId] = await this.existing(resource);
    const id = toGlobalId(resource.typeName, dbId);
    return { id, dbId, graph: await this.graphOf(resource, id) };
  }

  /** Creates a valid row of `resource` (and what it refers to) through its create mutation. */
  async create(resource: Resource, options: CreateOptions = {}): Promise<Example> {
    const graph: Graph = new Map(options.graph ?? []);
    graph.delete(resource.typeName);
    return this.make(resource, graph, options.set ?? {}, options.as ?? writerRole(resource, 'create'), new Set());
  }

  /**
   * A valid create input only (what it refers to is made, or reused through `graph`), for tests
   * that send it themselves: shaped as the last accepted create of this resource (one is made
   * first if there was none), since only the server knows its rules.
   */
  async input(resource: Resource, options: CreateOptions = {}): Promise<Record<string, unknown>> {
    const role = options.as ?? writerRole(resource, 'create');
    // What makes a valid input is learnt by creating one: as this role when it may create, else as the writer (a role with a row scope but no right to create).
    const learner = allowed(resource, 'create').includes(role) ? role : writerRole(resource, 'create');
    if (!this.learned.has(learnedKey(resource, learner))) await this.create(resource, { graph: options.graph, as: learner });
    const graph: Graph = new Map(options.graph ?? []);
    graph.delete(resource.typeName);
    return (await this.build(resource, graph, options.set ?? {}, new Set([resource.typeName]), new Map(this.learned.get(learnedKey(resource, learner))), role)).input;
  }

  /**
   * The caller's own row of a resource that belongs to users (has a `userId` column): a
   * professional's own record, a member's own membership. Rules such as "clinicians request
   * time off only for themselves" hold when a reference takes it.
   */
  private async ownRow(target: Resource, role: Role): Promise<string | null> {
    const key = `${target.typeName}:${role}`;
    if (!this.own.has(key)) {
      let id: string | null = null;
      if (this.app.dataSource.getMetadata(target.entity).findColumnWithPropertyName('userId')) {
        const [row] = await this.app.db.owner(
          `SELECT t.id FROM ${tableOf(this.app, target)} t JOIN users u ON u.id = t.user_id
            WHERE t.tenant_id = $1 AND lower(u.email) = lower($2) AND t.deleted_at IS NULL ORDER BY t.created_at, t.id LIMIT 1`,
          [await this.tenantId(), demoEmail(role, this.tenant)],
        );
        id = row ? toGlobalId(target.typeName, row.id as string) : null;
      }
      this.own.set(key, id);
    }
    return this.own.get(key)!;
  }

  private async reference(target: Resource, graph: Graph, building: Set<string>, role: Role): Promise<string | undefined> {
    const mine = await this.ownRow(target, role);
    if (mine) return mine;
    const known = graph.get(target.typeName);
    if (known) return known;
    if (building.has(target.typeName)) return undefined; // a cycle: an optional reference is left out
    if (!creatable(target)) {
      const id = toGlobalId(target.typeName, (await this.existing(target))[0]);
      graph.set(target.typeName, id);
      return id;
    }
    return (await this.make(target, graph, {}, writerRole(target, 'create'), building)).id;
  }

  /** The input, and per generated field how many candidate values it has (`choice` picks one; -1 leaves an optional field out). */
  private async build(resource: Resource, graph: Graph, set: Record<string, unknown>, building: Set<string>, choice: Map<string, number>, role: Role) {
    const references = resource.references as Partial<Record<string, () => Resource>>;
    const status = initialStates(resource);
    const input: Record<string, unknown> = {};
    const generated = new Map<string, number>();
    for (const field of Object.values(inputType(resource, 'create').getFields())) {
      if (field.name in set) {
        input[field.name] = set[field.name];
        continue;
      }
      if (choice.get(field.name) === -1) continue;
      const required = isNonNullType(field.type) && field.defaultValue === undefined;
      const named = getNamedType(field.type);
      const target = references[field.name];
      if (target) {
        const id = await this.reference(target(), graph, building, role);
        if (id === undefined && required) throw new Error(`${resource.typeName}.${field.name}: a cycle of required references`);
        if (id !== undefined) input[field.name] = id;
        continue;
      }
      if (!required) continue;
      if (isListType(isNonNullType(field.type) ? field.type.ofType : field.type)) {
        input[field.name] = [];
        continue;
      }
      if (isEnumType(named)) {
        const values = named.getValues().map((v) => v.value as string);
        // A status machine's initial states first, then the other values in order.
        const ordered = status?.property === field.name ? [...status.initial.filter((v) => values.includes(v)), ...values.filter((v) => !status.initial.includes(v))] : values;
        input[field.name] = ordered[Math.min(choice.get(field.name) ?? 0, ordered.length - 1)];
        generated.set(field.name, ordered.length);
        continue;
      }
      if (named.name === 'ID') throw new Error(`${resource.typeName}.${field.name} is an ID the declaration does not relate to a resource: declare the relation, or add an override in test/support/examples.ts`);
      if (!isScalarType(named)) throw new Error(`${resource.typeName}.${field.name}: no example for ${named.name}: add an override in test/support/examples.ts`);
      const candidates = scalarCandidates(field, named);
      input[field.name] = candidates[Math.min(choice.get(field.name) ?? 0, candidates.length - 1)]();
      generated.set(field.name, candidates.length);
    }
    // A declared period given its start gets its end too (an optional end may default to something that overlaps the next example's).
    const fields = inputType(resource, 'create').getFields();
    for (const { start, end } of resource.periods ?? []) {
      if (input[start] !== undefined && input[end] === undefined && fields[end] && !(end in set)) {
        const named = getNamedType(fields[end].type);
        if (isScalarType(named)) input[end] = scalarCandidates(fields[end], named)[0]();
      }
    }
    // Declared "exactly one of" and "at most one of" groups: keep the member a parent sets, else the
    // one chosen (the first made, then the next after a row-scope refusal: an SDR's task about a lead).
    for (const group of [...(resource.exactlyOne ?? []), ...(resource.atMostOne ?? [])]) {
      const present = group.filter((f) => input[f] !== undefined && input[f] !== null);
      const keep = present.find((f) => f in set) ?? present[(choice.get(groupKey(group)) ?? 0) % Math.max(present.length, 1)];
      for (const f of present) if (f !== keep) delete input[f];
    }
    OVERRIDES[resource.typeName]?.(input);
    await BEFORE_CREATE[resource.typeName]?.(this.app, await this.token(writerRole(resource, 'create')), input);
    return { input, generated };
  }

  private async make(resource: Resource, graph: Graph, set: Record<string, unknown>, role: Role, building: Set<string>): Promise<Example> {
    const inner = new Set([...building, resource.typeName]);
    const choice = new Map(this.learned.get(learnedKey(resource, role)));
    const token = await this.token(role);
    const fields = inputType(resource, 'create').getFields();
    for (let attempt = 0; ; attempt++) {
      const { input, generated } = await this.build(resource, graph, set, inner, choice, role);
      const response = await this.app.graphql<Record<string, Record<string, { id: string; version: number }> | null>, unknown>(mutationDocument(resource, 'create'), { input }, token);
      const created = response.data?.[`create${resource.typeName}`]?.[lowerFirst(resource.typeName)];
      if (created && !response.errors) {
        // Learnt from plain creates only: a parent given (`set`) changes which optional references fit.
        if (Object.keys(set).length === 0) this.learned.set(learnedKey(resource, role), choice);
        graph.set(resource.typeName, created.id);
        return { resource, id: created.id, dbId: parseGlobalId(created.id)!.id, version: created.version, input, graph: new Map(graph), role };
      }
      // Refused for a value made up here (the error names the field): the next candidate, or leave an optional one out.
      const code = response.errors?.[0]?.extensions?.code;
      const named = inputFieldsNamed(response.errors).filter((f) => !(f in set));
      const movable = named.filter((f) => generated.has(f) && (choice.get(f) ?? 0) + 1 < generated.get(f)!);
      let optional: string[] = [];
      // Refused for an optional field the role may not give (a coordinator attaching to a clinical note): left out.
      if (code === 'FORBIDDEN' && named.length) {
        const leaveOut = named.filter((f) => f in input && !isNonNullType(fields[f].type) && choice.get(f) !== -1);
        if (leaveOut.length && attempt < 8) {
          for (const f of leaveOut) choice.set(f, -1);
          continue;
        }
      }
      if (code === 'BAD_USER_INPUT' && !movable.length) {
        // Optional references the error names, else (a rule over several of them: "exactly one of") the last one given.
        const given = Object.keys(input).filter((f) => !generated.has(f) && !(f in set) && !isNonNullType(fields[f].type));
        const namedOptional = named.filter((f) => given.includes(f));
        optional = namedOptional.length ? namedOptional : given.slice(-1);
      }
      // FORBIDDEN by the role's row scope: another member of each declared group.
      if (code === 'FORBIDDEN' && resource.rowScope?.[role] && attempt < 8) {
        for (const group of [...(resource.exactlyOne ?? []), ...(resource.atMostOne ?? [])]) {
          choice.set(groupKey(group), (choice.get(groupKey(group)) ?? 0) + 1);
          // Members left out earlier are made again, so that there is another one to keep.
          for (const f of group) if (choice.get(f) === -1) choice.delete(f);
        }
        continue;
      }
      // CONFLICT: a unique value taken. Text is fresh on the next attempt; a reference it names (a pair that must be unique) is made anew.
      const references = resource.references as Partial<Record<string, () => Resource>>;
      const fresh = code === 'CONFLICT' ? named.map((f) => references[f]?.()).filter((t): t is Resource => !!t && creatable(t)) : [];
      const retry = (code === 'BAD_USER_INPUT' && movable.length + optional.length > 0) || code === 'CONFLICT';
      if (attempt >= 8 || !retry) {
        throw new Error(`could not create a ${resource.typeName} as ${role} in ${this.tenant}: ${JSON.stringify(response.errors)} for ${JSON.stringify(input)}`);
      }
      for (const f of movable) {
        choice.set(f, (choice.get(f) ?? 0) + 1);
        this.adjusted.add(`${resource.typeName}.${f}`);
      }
      for (const f of optional) {
        choice.set(f, -1);
        this.adjusted.add(`${resource.typeName}.${f} (left out)`);
      }
      for (const target of fresh) graph.delete(target.typeName);
    }
  }
}

/** Choices learnt for a resource, apart for a role with a row scope (what fits an SDR need not fit others, nor the reverse). */
const learnedKey = (resource: Resource, role: Role) => (resource.rowScope?.[role] ? `${resource.typeName}@${role}` : resource.typeName);

/** The key under which a declared group's chosen member is kept with the field choices. */
const groupKey = (group: readonly string[]) => `group:${group.join(',')}`;

/** A well-formed global id of another registered type (for "wrong type" checks). */
export function idOfAnotherType(typeName: string): string {
  const other = RESOURCES.find((r) => r.typeName !== typeName)!;
  return toGlobalId(other.typeName, randomUUID());
}
