import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { getNamedType, isInputObjectType, isNonNullType } from 'graphql';
import { ACME, GraphQLResponse, NORTHWIND, startTestApp, TestApp, TestAppOptions } from './support/harness';
import { RESOURCES } from '../src/resources';
import type { Resource } from '../src/data/resource';
import { Role } from '../src/entities/enums';
import { demoEmail } from '../src/demo/demo-data';
import { parseGlobalId, toGlobalId } from '../src/data/global-id';
import { allowed, baseTables, Change, columnOf, creatable, Example, Examples, Graph, idOfAnotherType, inputType, lowerFirst, Mutation, MUTATIONS, mutationDocument, offers, readerRole, referenceFields, sameValue, schema, setDeletedInDatabase, tableOf,
  tableHolding, updateChange, writerRole, copyRowUnder } from './support/examples';

/**
 * The conformance suite: the guarantees every registered resource keeps (DESIGN.md §3), run for
 * each entry of RESOURCES, so that a new entity is covered by being registered. Rows are made
 * generically (test/support/examples.ts). Reads run on both read paths, the compiled one and
 * the resolvers (forced by a directive, which the compiled path does not plan), and every read
 * checks which path answered it.
 */

const ROLES = Object.values(Role);
/** Writes a resource's rules make to other tables on purpose, per operation: a review sets its plan's next review date. */
const SIDE_EFFECTS: Record<string, Partial<Record<Mutation, string[]>>> = {
  CarePlanReview: { create: ['care_plans'] },
  // A result is part of its report: writing one moves the report's version.
  TestResult: { create: ['test_reports'], update: ['test_reports'], delete: ['test_reports'], restore: ['test_reports'] },
  // An invoice adds up its items, payments and refunds again whenever one is written.
  InvoiceItem: { create: ['invoices'], update: ['invoices'], delete: ['invoices'], restore: ['invoices'] },
  Payment: { create: ['invoices'], update: ['invoices'] },
  Refund: { create: ['invoices'], update: ['invoices'] },
  // A client is made with its account, its membership and its first key; deleting it ends its keys; its membership goes and comes back with it.
  ApiClient: { create: ['api_client_keys', 'memberships', 'users'], delete: ['api_client_keys', 'memberships'], restore: ['memberships'] },
};
/**
 * Cascades the API never starts at that parent, because the children exist only while the parent
 * cannot be deleted on its own: tested from the level above instead, in the file named.
 */
const CASCADES_FROM_ABOVE: Record<string, string> = {
  // Payments are of issued invoices, which go only with their patient.
  'Invoice.Payment': 'test/billing.test.ts: "go with their patient"',
};
type Path = 'compiled' | 'resolvers';
const PATHS: Path[] = ['compiled', 'resolvers'];
/** `@include` keeps a query off the compiled read path: the resolvers answer it. */
const idField = (path: Path) => (path === 'compiled' ? 'id' : 'id @include(if: true)');

const WITH_MUTATIONS = RESOURCES.filter(creatable);
const READ_ONLY = RESOURCES.filter((r) => !creatable(r));
const named = (resources: Resource[]) => resources.map((r) => [r.typeName, r] as const);
const CONNECTIONS = RESOURCES.flatMap((parent) => Object.entries(parent.connections).map(([field, c]) => ({ parent, field, child: c.resource(), foreignKey: c.foreignKey })));
/** The nested connections listing rows of `resource`: where a row of it must show (or not). */
const connectionsOf = (resource: Resource) => CONNECTIONS.filter((c) => c.child === resource);

interface Suite {
  app: TestApp;
  /** Request ids the compiled read path answered (its debug log line says so). */
  compiled: Set<string>;
}

async function startSuite(options: TestAppOptions = {}): Promise<Suite> {
  const compiled = new Set<string>();
  const logger = pino(
    { level: 'debug' },
    {
      write(line: string) {
        if (!line.includes('compiled read path')) return;
        const entry = JSON.parse(line) as { msg?: string; requestId?: string };
        if (entry.msg === 'answered by the compiled read path' && entry.requestId) compiled.add(entry.requestId);
      },
    },
  );
  return { app: await startTestApp({ ...options, logger }), compiled };
}

type Data = Record<string, unknown>;
type Response = GraphQLResponse<Data> & { requestId: string };

function gql(s: Suite, query: string, variables: Data, token: string, headers?: Record<string, string>): Promise<Response> {
  return s.app.graphql<Data, Data>(query, variables, token, headers);
}

const codes = (response: Response) => (response.errors ?? []).map((e) => e.extensions?.code);

/** `field:rule` of each problem of a BAD_USER_INPUT response. */
function problems(response: Response): string[] {
  expect(codes(response)).toEqual(['BAD_USER_INPUT']);
  const fields = response.errors![0].extensions?.fields as Array<{ field: string; rule: string }>;
  return fields.map((f) => `${f.field}:${f.rule}`);
}

/** A read that must succeed, on the path asked for. */
async function read(s: Suite, path: Path, query: string, variables: Data, token: string): Promise<Data> {
  const response = await gql(s, query, variables, token);
  expect(response.errors).toBeUndefined();
  expect({ query, path: s.compiled.has(response.requestId) ? 'compiled' : 'resolvers' }).toEqual({ query, path });
  return response.data!;
}

/** Every id of the top-level connection, page after page. */
async function allIds(s: Suite, path: Path, resource: Resource, token: string): Promise<string[]> {
  const ids: string[] = [];
  let after: string | null = null;
  do {
    const data = await read(s, path, `query($after: String) { ${resource.pluralField}(first: 500, after: $after) { pageInfo { hasNextPage endCursor } nodes { ${idField(path)} } } }`, { after }, token);
    const page = data[resource.pluralField] as { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: Array<{ id: string }> };
    ids.push(...page.nodes.map((n) => n.id));
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  } while (after);
  return ids;
}

/** The top-level connection filtered by id, with totalCount. */
async function filteredIds(s: Suite, path: Path, resource: Resource, ids: string[], token: string): Promise<{ totalCount: number; ids: string[] }> {
  const data = await read(s, path, `query($ids: [ID!]) { ${resource.pluralField}(first: 500, filter: { id: { in: $ids } }) { totalCount nodes { ${idField(path)} } } }`, { ids }, token);
  const page = data[resource.pluralField] as { totalCount: number; nodes: Array<{ id: string }> };
  return { totalCount: page.totalCount, ids: page.nodes.map((n) => n.id) };
}

async function nodeId(s: Suite, path: Path, id: string, token: string): Promise<string | null> {
  const data = await read(s, path, `query($id: ID!) { node(id: $id) { ${idField(path)} } }`, { id }, token);
  return (data.node as { id: string } | null)?.id ?? null;
}

/** Ids in a parent's nested connection (its totalCount agreeing); null when the parent itself is not found. */
async function nestedIds(s: Suite, path: Path, parent: Resource, field: string, parentId: string, token: string): Promise<string[] | null> {
  const query = `query($id: ID!) { node(id: $id) { ... on ${parent.typeName} { ${field}(first: 500) { totalCount nodes { ${idField(path)} } } } } }`;
  const node = (await read(s, path, query, { id: parentId }, token)).node as Record<string, { totalCount: number; nodes: Array<{ id: string }> }> | null;
  if (!node) return null;
  expect({ field, totalCount: node[field].totalCount }).toEqual({ field, totalCount: node[field].nodes.length });
  return node[field].nodes.map((n) => n.id);
}

async function tenantDbId(app: TestApp, slug: string): Promise<string> {
  const [row] = await app.db.owner(`SELECT id FROM tenants WHERE slug = $1`, [slug]);
  return row.id as string;
}

/** Global ids of the live rows of a resource in a tenant, as the owner sees them. */
async function liveIds(app: TestApp, resource: Resource, slug: string): Promise<string[]> {
  const rows = await app.db.owner(`SELECT id FROM ${tableOf(app, resource)} WHERE tenant_id = $1 AND deleted_at IS NULL`, [await tenantDbId(app, slug)]);
  return rows.map((r) => toGlobalId(resource.typeName, r.id as string));
}

async function rowOf(app: TestApp, resource: Resource, id: string): Promise<Data> {
  const [row] = await app.db.owner(`SELECT * FROM ${tableOf(app, resource)} WHERE id = $1`, [parseGlobalId(id)!.id]);
  return row;
}

/** The global id a row's foreign key names (null when unset). */
async function foreignKeyOf(app: TestApp, child: Resource, foreignKey: string, childId: string, parent: Resource): Promise<string | null> {
  const value = (await rowOf(app, child, childId))[columnOf(app, child, foreignKey).name] as string | null;
  return value && toGlobalId(parent.typeName, value);
}

function mutate(s: Suite, resource: Resource, operation: Mutation, input: Data, token: string, headers?: Record<string, string>): Promise<Response> {
  return gql(s, mutationDocument(resource, operation), { input }, token, headers);
}

/** The object a successful mutation returns. */
function payload(response: Response, resource: Resource, operation: Mutation): { id: string; version: number } {
  expect(response.errors).toBeUndefined();
  return (response.data![`${operation}${resource.typeName}`] as Record<string, { id: string; version: number }>)[lowerFirst(resource.typeName)];
}

const changeInput = (change: Change | null): Data => (change ? { [change.field]: change.value } : {});

/** Every row of every resource's table in a tenant, as (id, version, deleted_at): any write to them changes it. */
async function fingerprint(app: TestApp, slug: string): Promise<string> {
  const tenant = await tenantDbId(app, slug);
  const parts: string[] = [];
  for (const resource of RESOURCES) {
    const [row] = await app.db.owner(
      `SELECT coalesce(json_agg(json_build_array(id, version, deleted_at) ORDER BY id), '[]')::text AS rows FROM ${tableOf(app, resource)} WHERE tenant_id = $1`,
      [tenant],
    );
    parts.push(`${resource.typeName}:${row.rows as string}`);
  }
  return parts.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Tenant isolation, each layer alone
// ---------------------------------------------------------------------------------------------

const ISOLATION_MODES = [
  { name: 'row-level security alone (the application tenant filter off)', applicationTenantFilter: false, rls: true },
  { name: 'the application tenant filter alone (row-level security off)', applicationTenantFilter: true, rls: false },
];

describe.each(ISOLATION_MODES)('tenant isolation with $name', ({ applicationTenantFilter, rls }) => {
  let s: Suite;
  let own: Examples;
  let other: Examples;
  /** Per resource: a live row of the caller's tenant, and a live and a deleted row of the other tenant. */
  const rows = new Map<Resource, { own: { id: string; graph: Graph }; other: string; otherDeleted: string }>();
  /** Per nested connection: a parent of the caller's, its own child, and the other tenant's row planted under it. */
  const nested = new Map<string, { parentId: string; ownChild: string; planted: string }>();

  /** A row of the other tenant: a new one, or the i-th existing one when the resource has no mutations. */
  async function otherRow(resource: Resource, index: number): Promise<string> {
    if (creatable(resource)) return (await other.create(resource)).id;
    const ids = await other.existing(resource, index + 1);
    return toGlobalId(resource.typeName, ids[index]);
  }

  beforeAll(async () => {
    s = await startSuite({ applicationTenantFilter });
    own = new Examples(s.app, ACME);
    other = new Examples(s.app, NORTHWIND);
    for (const resource of RESOURCES) {
      rows.set(resource, { own: await own.any(resource), other: await otherRow(resource, 0), otherDeleted: await otherRow(resource, 1) });
    }
    for (const { parent, field, child, foreignKey } of CONNECTIONS) {
      let parentId: string;
      let ownChild: string;
      if (creatable(child) && foreignKey in inputType(child, 'create').getFields()) {
        // A parent of its own per connection: a child can restrict its parent (an availability window, its bookings).
        const under = await own.any(parent);
        parentId = under.id;
        ownChild = (await own.create(child, { set: { [foreignKey]: parentId }, graph: under.graph })).id;
      } else {
        // Not settable through the API: an existing child, and its parent.
        const column = columnOf(s.app, child, foreignKey).name;
        const [row] = await s.app.db.owner(
          `SELECT id, ${column} AS parent FROM ${tableOf(s.app, child)} WHERE tenant_id = $1 AND deleted_at IS NULL AND ${column} IS NOT NULL ORDER BY id LIMIT 1`,
          [await own.tenantId()],
        );
        ownChild = toGlobalId(child.typeName, row.id as string);
        parentId = toGlobalId(parent.typeName, row.parent as string);
      }
      // The row to plant: the other tenant's, under a parent of its own there (so its own rules hold: one subject, say).
      let planted: string;
      if (creatable(child) && foreignKey in inputType(child, 'create').getFields()) {
        const there = await other.any(parent);
        planted = (await other.create(child, { set: { [foreignKey]: there.id }, graph: there.graph })).id;
      } else {
        const column = columnOf(s.app, child, foreignKey).name;
        const [row] = await s.app.db.owner(`SELECT id FROM ${tableOf(s.app, child)} WHERE tenant_id = $1 AND deleted_at IS NULL AND ${column} IS NOT NULL ORDER BY id LIMIT 1`, [await other.tenantId()]);
        planted = toGlobalId(child.typeName, row.id as string);
      }
      nested.set(`${parent.typeName}.${field}`, { parentId, ownChild, planted });
    }
    // Nothing of the other tenant is made through the API after this (a deleted member cannot log in).
    for (const resource of RESOURCES) await setDeletedInDatabase(s.app, resource, parseGlobalId(rows.get(resource)!.otherDeleted)!.id, true);
    // Plant the other tenant's rows under the caller's parents. The composite foreign keys forbid
    // that, so they are dropped first, and the tables' own triggers (a consent's decision never
    // changes) are off while planting (in this database only): whichever layer is left must hide them.
    const planting = await Promise.all(CONNECTIONS.map((c) => tableHolding(s.app, c.child, c.foreignKey)));
    for (const table of new Set(planting)) {
      const constraints = await s.app.db.owner(`SELECT conname FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'f'`, [table]);
      for (const { conname } of constraints) await s.app.db.owner(`ALTER TABLE ${table} DROP CONSTRAINT ${conname as string}`);
    }
    for (const [i, { parent, field, child, foreignKey }] of CONNECTIONS.entries()) {
      const { parentId, planted } = nested.get(`${parent.typeName}.${field}`)!;
      const table = planting[i];
      await s.app.db.owner(`ALTER TABLE ${table} DISABLE TRIGGER USER`);
      try {
        await s.app.db.owner(`UPDATE ${table} SET ${columnOf(s.app, child, foreignKey).name} = $1 WHERE id = $2`, [parseGlobalId(parentId)!.id, parseGlobalId(planted)!.id]);
      } finally {
        await s.app.db.owner(`ALTER TABLE ${table} ENABLE TRIGGER USER`);
      }
    }
    if (!rls) {
      const tables = await s.app.db.owner(`SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relrowsecurity`);
      for (const { relname } of tables) await s.app.db.owner(`ALTER TABLE ${relname as string} DISABLE ROW LEVEL SECURITY`);
    }
  });
  afterAll(() => s.app.stop());

  describe.each(named(RESOURCES))('%s', (_, resource) => {
    it('has only the layer under test between the tenants', async () => {
      if (!applicationTenantFilter) {
        // With RLS lifted for a moment this server shows the other tenant's row: RLS is what hides it below.
        const tables = await baseTables(s.app, resource);
        for (const table of tables) await s.app.db.owner(`ALTER TABLE ${table} DISABLE ROW LEVEL SECURITY`);
        try {
          const token = await s.app.login(readerRole(resource), ACME);
          expect(await nodeId(s, 'resolvers', rows.get(resource)!.other, token)).toBe(rows.get(resource)!.other);
        } finally {
          for (const table of tables) await s.app.db.owner(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
        }
      }
      if (!rls) {
        // The request role, with the caller's tenant set, sees the rows of every tenant that has some,
        // as the owner does (a tenant with no care home has no residents' stays): only the application filters them.
        const tenant = await own.tenantId();
        const [{ tenants }] = (await s.app.dataSource.transaction(async (manager) => {
          await manager.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenant]);
          return manager.query(`SELECT count(DISTINCT tenant_id)::int AS tenants FROM ${tableOf(s.app, resource)}`);
        })) as Array<{ tenants: number }>;
        const [{ all }] = await s.app.db.owner(`SELECT count(DISTINCT tenant_id)::int AS all FROM ${tableOf(s.app, resource)}`);
        expect(all).toBeGreaterThan(1);
        expect(tenants).toBe(all);
      }
    });

    it.each(PATHS)('the top-level connection holds exactly the caller’s live rows (%s)', async (path) => {
      const token = await s.app.login(readerRole(resource), ACME);
      const expected = await liveIds(s.app, resource, ACME);
      expect(expected.length).toBeGreaterThan(0);
      const shown = await allIds(s, path, resource, token);
      // As differences, so that a failure names a few offending rows rather than thousands.
      const foreign = shown.filter((id) => !expected.includes(id));
      const missing = expected.filter((id) => !shown.includes(id));
      expect({ foreign: foreign.length, someForeign: foreign.slice(0, 3), missing: missing.length, someMissing: missing.slice(0, 3), duplicates: shown.length - new Set(shown).size }).toEqual({
        foreign: 0,
        someForeign: [],
        missing: 0,
        someMissing: [],
        duplicates: 0,
      });
      const { other, otherDeleted, own: mine } = rows.get(resource)!;
      expect(await filteredIds(s, path, resource, [other, otherDeleted, mine.id], token)).toEqual({ totalCount: 1, ids: [mine.id] });
    });

    it.each(PATHS)('node(id) finds nothing of the other tenant (%s)', async (path) => {
      const token = await s.app.login(readerRole(resource), ACME);
      const { other, otherDeleted, own: mine } = rows.get(resource)!;
      expect(await nodeId(s, path, other, token)).toBeNull();
      expect(await nodeId(s, path, otherDeleted, token)).toBeNull();
      expect(await nodeId(s, path, mine.id, token)).toBe(mine.id);
      const many = await gql(s, `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: [other, mine.id] }, token);
      expect(many.data).toEqual({ nodes: [null, { id: mine.id }] });
    });

    for (const { field, child } of CONNECTIONS.filter((c) => c.parent === resource)) {
      it.each(PATHS)(`nested connection ${field} never shows the other tenant’s rows, even rows pointing at the caller’s (%s)`, async (path) => {
        const token = await s.app.login(readerRole(resource, child), ACME);
        const { parentId, ownChild, planted } = nested.get(`${resource.typeName}.${field}`)!;
        const ids = await nestedIds(s, path, resource, field, parentId, token);
        expect(ids).toContain(ownChild);
        expect(ids).not.toContain(planted);
      });
    }

    if (creatable(resource)) {
      it('refuses mutations by id on the other tenant’s rows (NOT_FOUND) and references to them, changing nothing', async () => {
        const before = await fingerprint(s.app, NORTHWIND);
        const { other, otherDeleted } = rows.get(resource)!;
        const probes: Array<[Mutation, Data]> = [];
        if (offers(resource, 'update')) {
          const { version } = await rowOf(s.app, resource, other);
          probes.push(['update', { id: other, expectedVersion: version, ...changeInput(updateChange(resource)) }]);
        }
        if (offers(resource, 'delete')) probes.push(['delete', { id: other }]);
        if (offers(resource, 'restore')) probes.push(['restore', { id: otherDeleted }]);
        for (const [operation, input] of probes) {
          const response = await mutate(s, resource, operation, input, await s.app.login(writerRole(resource, operation), ACME));
          expect([operation, codes(response)]).toEqual([operation, ['NOT_FOUND']]);
        }
        const valid = await own.input(resource);
        for (const { field, target } of referenceFields(resource, inputType(resource, 'create'))) {
          const response = await mutate(s, resource, 'create', { ...valid, [field.name]: rows.get(target)!.other }, await s.app.login(writerRole(resource), ACME));
          expect([field.name, problems(response)]).toEqual([field.name, [`input.${field.name}:exists`]]);
        }
        expect(await fingerprint(s.app, NORTHWIND)).toBe(before);
      });
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Everything else: one database, both layers on
// ---------------------------------------------------------------------------------------------

describe('every resource', () => {
  let s: Suite;
  let ex: Examples;
  const token = (role: Role) => s.app.login(role, ACME);
  beforeAll(async () => {
    s = await startSuite();
    ex = new Examples(s.app, ACME);
  });
  afterAll(() => s.app.stop());

  /** Whether a row shows in its connection, node(id) and its parents' nested connections, on both read paths. */
  async function expectShown(resource: Resource, id: string, shown: boolean) {
    const reader = await token(readerRole(resource));
    const visible = (found: boolean) => (shown ? found : !found);
    for (const path of PATHS) {
      // Hidden: from every page of the unfiltered connection too (shown: the filtered one says so).
      if (!shown) expect({ path, connection: visible((await allIds(s, path, resource, reader)).includes(id)) }).toEqual({ path, connection: true });
      expect({ path, node: visible((await nodeId(s, path, id, reader)) === id) }).toEqual({ path, node: true });
      expect(await filteredIds(s, path, resource, [id], reader)).toEqual(shown ? { totalCount: 1, ids: [id] } : { totalCount: 0, ids: [] });
    }
    for (const { parent, field, foreignKey } of connectionsOf(resource)) {
      const parentId = await foreignKeyOf(s.app, resource, foreignKey, id, parent);
      if (!parentId) continue;
      const nestedReader = await token(readerRole(parent, resource));
      for (const path of PATHS) {
        const ids = await nestedIds(s, path, parent, field, parentId, nestedReader);
        expect({ path, parent: parent.typeName, field, shown: visible(ids!.includes(id)) }).toEqual({ path, parent: parent.typeName, field, shown: true });
      }
    }
  }

  const remove = async (resource: Resource, id: string) => payload(await mutate(s, resource, 'delete', { id }, await token(writerRole(resource, 'delete'))), resource, 'delete');
  const restore = async (resource: Resource, id: string) => payload(await mutate(s, resource, 'restore', { id }, await token(writerRole(resource, 'restore'))), resource, 'restore');
  /** Whether the API deletes and restores rows of a resource on their own; those it does not (a payment) are deleted in the database. */
  const deletable = (resource: Resource) => offers(resource, 'delete') && offers(resource, 'restore');
  const setDeleted = async (resource: Resource, id: string, deleted: boolean) => {
    if (!deletable(resource)) return setDeletedInDatabase(s.app, resource, parseGlobalId(id)!.id, deleted);
    if (deleted) await remove(resource, id);
    else await restore(resource, id);
  };

  describe('soft delete and restore', () => {
    describe.each(named(WITH_MUTATIONS))('%s', (_, resource) => {
      it('a deleted row leaves its connection, node(id) and its parents’ nested connections; restore brings it back', async () => {
        // Every nested connection listing this type gets a row under it: the first example fills every
        // reference it may, and a rule such as "exactly one subject" is met by a row per parent.
        const rows = [await ex.create(resource)];
        for (const { parent, foreignKey } of connectionsOf(resource)) {
          const covered = await Promise.all(rows.map((row) => foreignKeyOf(s.app, resource, foreignKey, row.id, parent)));
          if (covered.some((id) => id !== null) || !(foreignKey in inputType(resource, 'create').getFields())) continue;
          const under = await ex.any(parent);
          rows.push(await ex.create(resource, { set: { [foreignKey]: under.id }, graph: under.graph }));
        }
        for (const row of rows) {
          await expectShown(resource, row.id, true);
          await setDeleted(resource, row.id, true);
          await expectShown(resource, row.id, false);
          if (deletable(resource)) expect(codes(await mutate(s, resource, 'delete', { id: row.id }, await token(writerRole(resource, 'delete'))))).toEqual(['NOT_FOUND']);
          if (offers(resource, 'update')) {
            expect(codes(await mutate(s, resource, 'update', { id: row.id, expectedVersion: row.version + 1 }, await token(writerRole(resource, 'update'))))).toEqual(['NOT_FOUND']);
          }
          await setDeleted(resource, row.id, false);
          await expectShown(resource, row.id, true);
        }
      });

      const cascades = deletable(resource) ? resource.cascadeDelete.filter(({ resource: childOf }) => !CASCADES_FROM_ABOVE[`${resource.typeName}.${childOf().typeName}`]) : [];
      for (const { resource: childOf, foreignKey } of cascades) {
        it(`deleting it deletes its ${childOf().typeName} rows too, and restoring it brings back only those`, async () => {
          const child = childOf();
          const row = await ex.create(resource);
          // Children nobody creates through the API are copied in the database, and deleted there.
          const viaApi = creatable(child) && foreignKey in inputType(child, 'create').getFields();
          const make = async () =>
            viaApi ? (await ex.create(child, { set: { [foreignKey]: row.id }, graph: row.graph })).id : await copyRowUnder(s.app, child, foreignKey, resource, parseGlobalId(row.id)!.id);
          const [cascaded, alone] = [{ id: await make() }, { id: await make() }];
          if (viaApi) await setDeleted(child, alone.id, true);
          else await setDeletedInDatabase(s.app, child, parseGlobalId(alone.id)!.id, true);
          await remove(resource, row.id);
          const reader = await token(readerRole(child));
          for (const path of PATHS) expect(await nodeId(s, path, cascaded.id, reader)).toBeNull();
          expect((await rowOf(s.app, child, cascaded.id)).deleted_at).toEqual((await rowOf(s.app, resource, row.id)).deleted_at);
          await restore(resource, row.id);
          for (const path of PATHS) {
            expect(await nodeId(s, path, cascaded.id, reader)).toBe(cascaded.id);
            expect(await nodeId(s, path, alone.id, reader)).toBeNull(); // deleted on its own before: stays deleted
          }
        });
      }

      // A row the API does not restore on its own (a payment) comes back only with its parent.
      for (const { resource: parentOf, foreignKey } of deletable(resource) ? resource.parents : []) {
        it(`cannot be restored while its ${parentOf().typeName} is deleted (CONFLICT)`, async () => {
          const parent = parentOf();
          const settable = foreignKey in inputType(resource, 'create').getFields();
          // A key no input sets (a patient's lead, set by convertLead) is set in the database, to a parent of its own (it may be unique).
          const under = settable || !creatable(parent) ? await ex.any(parent) : await ex.create(parent);
          const row = await ex.create(resource, settable ? { set: { [foreignKey]: under.id }, graph: under.graph } : {});
          if (!settable) {
            await s.app.db.owner(`UPDATE ${tableOf(s.app, resource)} SET ${columnOf(s.app, resource, foreignKey).name} = $1 WHERE id = $2`, [parseGlobalId(under.id)!.id, parseGlobalId(row.id)!.id]);
          }
          const parentId = (await foreignKeyOf(s.app, resource, foreignKey, row.id, parent))!;
          await remove(resource, row.id);
          const viaApi = offers(parent, 'delete') && offers(parent, 'restore');
          if (viaApi) await remove(parent, parentId);
          else await setDeletedInDatabase(s.app, parent, parseGlobalId(parentId)!.id, true);
          try {
            expect(codes(await mutate(s, resource, 'restore', { id: row.id }, await token(writerRole(resource, 'restore'))))).toEqual(['CONFLICT']);
            expect((await rowOf(s.app, resource, row.id)).deleted_at).not.toBeNull();
          } finally {
            if (viaApi) await restore(parent, parentId);
            else await setDeletedInDatabase(s.app, parent, parseGlobalId(parentId)!.id, false);
          }
          await restore(resource, row.id);
          expect((await rowOf(s.app, resource, row.id)).deleted_at).toBeNull();
        });
      }
    });

    describe.each(named(READ_ONLY))('%s (no mutations: deleted in the database)', (_, resource) => {
      it('a deleted row leaves its connection, node(id) and its parents’ nested connections, and comes back', async () => {
        // A row whose deletion leaves the reader able to read (a member's row may be the reader's own membership).
        const reader = await token(readerRole(resource));
        let id: string | undefined;
        for (const dbId of await ex.existing(resource, 5, 1)) {
          // A row a database rule keeps live (the tenant's last admin) is passed over.
          const refused = await setDeletedInDatabase(s.app, resource, dbId, true).then(
            () => false,
            (error: { code?: string }) => {
              if (error.code === '23514') return true;
              throw error;
            },
          );
          if (refused) continue;
          if (!(await gql(s, `{ __typename ${resource.pluralField}(first: 1) { nodes { id } } }`, {}, reader)).errors) {
            id = toGlobalId(resource.typeName, dbId);
            break;
          }
          await setDeletedInDatabase(s.app, resource, dbId, false);
        }
        expect(id).toBeDefined();
        try {
          await expectShown(resource, id!, false);
        } finally {
          await setDeletedInDatabase(s.app, resource, parseGlobalId(id!)!.id, false);
        }
        await expectShown(resource, id!, true);
      });
    });
  });

  describe('audit', () => {
    it.each(named(WITH_MUTATIONS))('%s: one audit row per create, update, delete and restore, with old and new values', async (_, resource) => {
      const input = await ex.input(resource);
      const requestId = (operation: Mutation) => `conformance-audit-${resource.typeName}-${operation}`;
      const as = (operation: Mutation) => writerRole(resource, operation);
      const created = payload(await mutate(s, resource, 'create', input, await token(as('create')), { 'x-request-id': requestId('create') }), resource, 'create');
      const stored = await rowOf(s.app, resource, created.id);
      const change = offers(resource, 'update') ? updateChange(resource) : null;
      const done: Mutation[] = ['create'];
      if (offers(resource, 'update')) {
        const update = { id: created.id, expectedVersion: created.version, ...changeInput(change) };
        payload(await mutate(s, resource, 'update', update, await token(as('update')), { 'x-request-id': requestId('update') }), resource, 'update');
        done.push('update');
      }
      for (const operation of ['delete', 'restore'] as const) {
        if (!offers(resource, operation)) continue;
        payload(await mutate(s, resource, operation, { id: created.id }, await token(as(operation)), { 'x-request-id': requestId(operation) }), resource, operation);
        done.push(operation);
      }

      const rows = await s.app.db.owner(
        `SELECT a.action, a.request_id, a.old_values, a.new_values, a.tenant_id, u.email
           FROM audit_logs a LEFT JOIN users u ON u.id = a.actor_user_id
          WHERE a.table_name = $1 AND a.record_id = $2 ORDER BY a.id`,
        [tableOf(s.app, resource), parseGlobalId(created.id)!.id],
      );
      const action = { create: 'INSERT', update: 'UPDATE', delete: 'SOFT_DELETE', restore: 'RESTORE' } as const;
      expect(rows.map((r) => [r.action, r.request_id, r.email])).toEqual(done.map((op) => [action[op], requestId(op), demoEmail(as(op), ACME)]));
      // One row per write: each request wrote this row's audit entry and nothing else, but for the
      // side effects a resource's rules make on purpose (listed in SIDE_EFFECTS), audited in their own rows.
      const perRequest = await s.app.db.owner(`SELECT request_id, table_name, count(*)::int AS n FROM audit_logs WHERE request_id = ANY($1) GROUP BY 1, 2 ORDER BY 1, 2`, [done.map(requestId)]);
      const expected = done
        .flatMap((op) => [[requestId(op), tableOf(s.app, resource), 1], ...(SIDE_EFFECTS[resource.typeName]?.[op] ?? []).map((table) => [requestId(op), table, 1])])
        .sort((x, y) => `${x[0]}/${x[1]}`.localeCompare(`${y[0]}/${y[1]}`));
      expect(perRequest.map((r) => [r.request_id, r.table_name, r.n])).toEqual(expected);
      const tenant = await tenantDbId(s.app, ACME);
      expect(rows.every((r) => r.tenant_id === tenant)).toBe(true);

      const [insert, ...later] = rows as Array<{ old_values: Data | null; new_values: Data | null }>;
      expect(insert.old_values).toBeNull();
      expect(insert.new_values).toMatchObject({ id: parseGlobalId(created.id)!.id, version: 1, deleted_at: null });
      for (const [i, operation] of done.slice(1).entries()) {
        const { old_values: before, new_values: after } = later[i];
        expect([operation, before?.version, after?.version]).toEqual([operation, i + 1, i + 2]);
        if (operation === 'update' && change) {
          const column = columnOf(s.app, resource, change.field).name;
          expect({ before: sameValue(before![column], stored[column]), after: sameValue(after![column], change.value) }).toEqual({ before: true, after: true });
        }
        if (operation === 'delete') expect([before!.deleted_at, after!.deleted_at]).toEqual([null, expect.any(String)]);
        if (operation === 'restore') expect([before!.deleted_at, after!.deleted_at]).toEqual([expect.any(String), null]);
      }
    });
  });

  describe('optimistic concurrency', () => {
    it.each(named(WITH_MUTATIONS.filter((r) => offers(r, 'update'))))('%s: a stale expectedVersion is a CONFLICT and changes nothing', async (_, resource) => {
      const row = await ex.create(resource);
      const change = updateChange(resource);
      const writer = await token(writerRole(resource, 'update'));
      const first = payload(await mutate(s, resource, 'update', { id: row.id, expectedVersion: row.version, ...changeInput(change) }, writer), resource, 'update');
      expect(first.version).toBe(row.version + 1);
      const stale = await mutate(s, resource, 'update', { id: row.id, expectedVersion: row.version, ...changeInput(updateChange(resource)) }, writer);
      expect(codes(stale)).toEqual(['CONFLICT']);
      expect(stale.errors![0].extensions).toMatchObject({ expectedVersion: row.version, currentVersion: first.version });
      const stored = await rowOf(s.app, resource, row.id);
      expect(stored.version).toBe(first.version);
      if (change) expect(sameValue(stored[columnOf(s.app, resource, change.field).name], change.value)).toBe(true);
      if (offers(resource, 'delete') && 'expectedVersion' in inputType(resource, 'delete').getFields()) {
        const staleDelete = await mutate(s, resource, 'delete', { id: row.id, expectedVersion: row.version }, await token(writerRole(resource, 'delete')));
        expect(codes(staleDelete)).toEqual(['CONFLICT']);
        expect((await rowOf(s.app, resource, row.id)).deleted_at).toBeNull();
      }
    });
  });

  describe('statement counts do not grow with page size', () => {
    describe.each(CONNECTIONS.map((c) => [`${c.parent.typeName}.${c.field}`, c] as const))('%s', (_, { parent, field, child, foreignKey }) => {
      let sizes: number[];
      const seeded: string[] = [];
      // The first parents in the default order get a child each if they have none (the demo data may
      // hold none of this kind), deleted again afterwards (an availability window restricts bookings).
      beforeAll(async () => {
        const available = (await liveIds(s.app, parent, ACME)).length;
        sizes = [...new Set([1, Math.min(3, available), Math.min(8, available)])];
        const viaApi = creatable(child) && foreignKey in inputType(child, 'create').getFields();
        if (!viaApi && creatable(child)) return;
        const reader = await token(readerRole(parent, child));
        const first = (await read(s, 'resolvers', `query($n: Int!) { ${parent.pluralField}(first: $n) { nodes { ${idField('resolvers')} } } }`, { n: sizes[sizes.length - 1] }, reader))[parent.pluralField] as { nodes: Array<{ id: string }> };
        for (const { id } of first.nodes) {
          const [{ n }] = await s.app.db.owner(`SELECT count(*)::int AS n FROM ${tableOf(s.app, child)} WHERE ${columnOf(s.app, child, foreignKey).name} = $1 AND deleted_at IS NULL`, [parseGlobalId(id)!.id]);
          if ((n as number) > 0) continue;
          if (!viaApi) {
            // A child nobody creates through the API (journey changes): copied in the database.
            seeded.push(await copyRowUnder(s.app, child, foreignKey, parent, parseGlobalId(id)!.id));
            continue;
          }
          // Best effort: a parent that refuses a new child (its own rules, an availability window) is left without.
          const made = await ex.create(child, { set: { [foreignKey]: id }, graph: await ex.graphOf(parent, id) }).catch(() => null);
          if (made) seeded.push(made.id);
        }
      });
      afterAll(async () => {
        if (offers(child, 'delete')) for (const id of seeded) await remove(child, id);
        else for (const id of seeded) await setDeletedInDatabase(s.app, child, parseGlobalId(id)!.id, true);
      });

      it.each(PATHS)('%s', async (path) => {
        expect(sizes.length).toBeGreaterThan(1);
        const reader = await token(readerRole(parent, child));
        const query = `query($first: Int!) { ${parent.pluralField}(first: $first) { nodes { id ${field}(first: 5) { totalCount nodes { ${idField(path)} } } } } }`;
        const runs: Array<{ parents: number; children: number; statements: number }> = [];
        for (const size of sizes) {
          const response = await gql(s, query, { first: size }, reader);
          expect(response.errors).toBeUndefined();
          expect(s.compiled.has(response.requestId)).toBe(path === 'compiled');
          const nodes = (response.data![parent.pluralField] as { nodes: Array<Record<string, { nodes: unknown[] }>> }).nodes;
          runs.push({ parents: nodes.length, children: nodes.reduce((n, p) => n + p[field].nodes.length, 0), statements: s.app.statements.get(response.requestId)! });
        }
        // Each larger page really read more rows at both levels…
        expect(runs.map((r) => r.parents)).toEqual(sizes);
        expect(runs[runs.length - 1].children).toBeGreaterThan(runs[0].children);
        // …with one statement count, set by the query's shape.
        expect(runs.map((r) => r.statements)).toEqual(runs.map(() => runs[0].statements));
      });
    });
  });

  describe('bad input names the field', () => {
    describe.each(named(WITH_MUTATIONS))('%s', (_, resource) => {
      const required = () => Object.values(inputType(resource, 'create').getFields()).filter((f) => isNonNullType(f.type) && f.defaultValue === undefined);

      it('a malformed id, an id of another type, an id of no object: in each reference field', async () => {
        const valid = await ex.input(resource);
        const writer = await token(writerRole(resource));
        const table = tableOf(s.app, resource);
        const [{ n: before }] = await s.app.db.owner(`SELECT count(*)::int AS n FROM ${table}`);
        const references = referenceFields(resource, inputType(resource, 'create'));
        for (const { field, target } of references) {
          const cases: Array<[string, string]> = [
            ['not-an-id', 'globalId'],
            [idOfAnotherType(target.typeName), 'globalId'],
            [toGlobalId(target.typeName, randomUUID()), 'exists'],
          ];
          for (const [value, rule] of cases) {
            const response = await mutate(s, resource, 'create', { ...valid, [field.name]: value }, writer);
            expect([field.name, value, problems(response)]).toEqual([field.name, value, [`input.${field.name}:${rule}`]]);
          }
        }
        expect((await s.app.db.owner(`SELECT count(*)::int AS n FROM ${table}`))[0].n).toBe(before);
        payload(await mutate(s, resource, 'create', valid, writer), resource, 'create'); // the same input, untouched, is valid
      });

      it('null for a required field', async () => {
        const valid = await ex.input(resource);
        const writer = await token(writerRole(resource));
        for (const field of required()) {
          const response = await mutate(s, resource, 'create', { ...valid, [field.name]: null }, writer);
          expect(response.status).toBe(400);
          expect([field.name, problems(response).map((p) => p.split(':')[0])]).toEqual([field.name, [`$input.${field.name}`]]);
        }
      });

      it('a required field left out (names the field, not only the variable)', async () => {
        const valid = await ex.input(resource);
        const writer = await token(writerRole(resource));
        for (const field of required()) {
          const input = { ...valid };
          delete input[field.name];
          const response = await mutate(s, resource, 'create', input, writer);
          expect([field.name, problems(response)]).toEqual([field.name, [`$input.${field.name}:required`]]);
        }
      });

      if (offers(resource, 'update')) {
        it('update: null for a field the row requires, and an id of another type', async () => {
          const row = await ex.create(resource);
          const writer = await token(writerRole(resource, 'update'));
          const notNull = Object.values(inputType(resource, 'update').getFields()).filter((f) => !isNonNullType(f.type) && !columnOf(s.app, resource, f.name).nullable);
          for (const field of notNull) {
            const response = await mutate(s, resource, 'update', { id: row.id, expectedVersion: row.version, [field.name]: null }, writer);
            expect([field.name, problems(response)]).toEqual([field.name, [`input.${field.name}:notNull`]]);
          }
          const wrongType = await mutate(s, resource, 'update', { id: idOfAnotherType(resource.typeName), expectedVersion: row.version }, writer);
          expect(problems(wrongType)).toEqual(['input.id:globalId']);
          expect((await rowOf(s.app, resource, row.id)).version).toBe(row.version);
        });
      }
    });

    it.each(named(RESOURCES))('%s: a malformed or wrong-type id in each id filter', async (_, resource) => {
      const filterType = schema.getType(`${resource.typeName}Filter`);
      if (!isInputObjectType(filterType)) throw new Error(`${resource.typeName}Filter is not an input type`);
      const idFilters = Object.values(filterType.getFields()).filter((f) => {
        const type = getNamedType(f.type);
        return isInputObjectType(type) && getNamedType(type.getFields().eq?.type)?.name === 'ID';
      });
      expect(idFilters.map((f) => f.name)).toContain('id');
      const reader = await token(readerRole(resource));
      for (const field of idFilters) {
        for (const value of ['not-an-id', toGlobalId('NoSuchType', randomUUID())]) {
          const response = await gql(s, `query($filter: ${filterType.name}) { ${resource.pluralField}(filter: $filter) { nodes { id } } }`, { filter: { [field.name]: { eq: value } } }, reader);
          expect([field.name, value, problems(response)]).toEqual([field.name, value, [`filter.${field.name}.eq:globalId`]]);
        }
      }
    });
  });

  describe('the role table: each role may do exactly what the declaration permits', () => {
    describe.each(named(RESOURCES))('%s', (_, resource) => {
      it(`read: ${allowed(resource, 'read').join(', ')}`, async () => {
        const { id: anyId } = await ex.any(resource);
        for (const role of ROLES) {
          const may = allowed(resource, 'read').includes(role);
          const caller = await token(role);
          // A role with a declared row scope is shown a row within it (an SDR, an appointment with a lead), as is one lacking the permission of some rows.
          const id = may && (resource.rowScope?.[role] || resource.permissionRows?.length) ? toGlobalId(resource.typeName, (await ex.existing(resource, 1, 1, role))[0]) : anyId;
          for (const path of PATHS) {
            const list = await gql(s, `{ ${resource.pluralField}(first: 1) { nodes { ${idField(path)} } } }`, {}, caller);
            const node = await gql(s, `query($id: ID!) { node(id: $id) { ${idField(path)} } }`, { id }, caller);
            if (may) {
              expect([role, path, list.errors, node.data]).toEqual([role, path, undefined, { node: { id } }]);
            } else {
              expect([role, path, codes(list), codes(node)]).toEqual([role, path, ['FORBIDDEN'], ['FORBIDDEN']]);
              expect((node.data as Data | null)?.node ?? null).toBeNull();
            }
          }
          // Nested, under a parent the role may read.
          for (const { parent, field } of connectionsOf(resource).filter((c) => allowed(c.parent, 'read').includes(role))) {
            const [parentDbId] = await ex.existing(parent, 1, 1, role);
            const response = await gql(s, `query($id: ID!) { node(id: $id) { ... on ${parent.typeName} { ${field}(first: 1) { nodes { id } } } } }`, { id: toGlobalId(parent.typeName, parentDbId) }, caller);
            expect([role, `${parent.typeName}.${field}`, codes(response)]).toEqual([role, `${parent.typeName}.${field}`, may ? [] : ['FORBIDDEN']]);
          }
        }
      });

      for (const operation of MUTATIONS.filter((op) => offers(resource, op))) {
        it(`${operation}: ${allowed(resource, operation).join(', ') || 'nobody'}`, async () => {
          const base = await ex.create(resource);
          const table = tableOf(s.app, resource);
          /** A row the role could act on if allowed: its own when it may create (a note's author), else the writer's. */
          const target = (role: Role): Promise<Example> => ex.create(resource, { graph: base.graph, as: allowed(resource, 'create').includes(role) ? role : writerRole(resource) });
          for (const role of ROLES) {
            const may = allowed(resource, operation).includes(role);
            const caller = await token(role);
            let response: Response;
            let changed: () => Promise<boolean>;
            if (operation === 'create') {
              const [{ n: before }] = await s.app.db.owner(`SELECT count(*)::int AS n FROM ${table}`);
              response = await mutate(s, resource, 'create', await ex.input(resource, { graph: base.graph, as: role }), caller);
              changed = async () => (await s.app.db.owner(`SELECT count(*)::int AS n FROM ${table}`))[0].n !== before;
            } else {
              const row = await target(role);
              if (operation === 'restore') await remove(resource, row.id);
              const input = operation === 'update' ? { id: row.id, expectedVersion: row.version, ...changeInput(updateChange(resource, role)) } : { id: row.id };
              response = await mutate(s, resource, operation, input, caller);
              changed = async () => {
                const stored = await rowOf(s.app, resource, row.id);
                return operation === 'update' ? stored.version !== row.version : (stored.deleted_at !== null) !== (operation === 'restore');
              };
            }
            expect([role, may ? response.errors : codes(response)]).toEqual([role, may ? undefined : ['FORBIDDEN']]);
            expect([role, await changed()]).toEqual([role, may]);
          }
        });
      }
    });
  });
});
