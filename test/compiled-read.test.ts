/* eslint-disable @typescript-eslint/no-explicit-any -- ad hoc documents, untyped results */
import { ACME, NORTHWIND, startTestApp, TestApp } from './support/harness';
import { Role } from '../src/entities/enums';
import { DataAccess } from '../src/data/data-access';
import { globalIdSql } from '../src/data/compiled-sql';
import { toGlobalId } from '../src/data/global-id';
import { createOperationPlanner, RawJson } from '../src/graphql/compiled-read';
import { buildCareGraphSchema } from '../src/schema';
import { GraphQLObjectType, parse } from 'graphql';
import { stringifyResult } from '../src/graphql/compiled-read-plugin';
import { CursorCodec } from '../src/data/cursor';
import { RESOURCES, resourceByTypeName } from '../src/resources';

/** Cursors replaced by the text they seal (the test apps' secret, for either demo tenant), for comparing two answers. */
const codec = new CursorCodec('test-secret-test-secret-test-secret');
let tenantCodecs: ReturnType<CursorCodec['forScope']>[] = [];
const openCursor = (cursor: string) => tenantCodecs.map((c) => c.open(cursor)).find((text) => text !== null) ?? null;
function openCursors(value: unknown, key = ''): unknown {
  if (typeof value === 'string' && /^(startCursor|endCursor|cursor|s|e|c)$/.test(key)) return { sealed: openCursor(value) };
  if (Array.isArray(value)) return value.map((item) => openCursors(item));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, openCursors(v, k)]));
  return value;
}

// The compiled read path (one SQL statement building the JSON) must answer exactly what the
// resolvers answer. Two servers over one database: one compiled, one resolvers only.

let compiled: TestApp;
let resolvers: TestApp;
beforeAll(async () => {
  compiled = await startTestApp();
  resolvers = await startTestApp({ db: compiled.db, compiledReads: false });
  tenantCodecs = (await compiled.db.owner('SELECT id FROM tenants')).map((t) => codec.forScope(t.id as string));
});
afterAll(async () => {
  await resolvers.stop();
  await compiled.stop();
});

async function both(query: string, variables: Record<string, unknown> = {}, role = Role.CLINICIAN, tenant = ACME) {
  const [a, b] = [await compiled.login(role, tenant), await resolvers.login(role, tenant)];
  const fast = await compiled.graphql<any, any>(query, variables, a);
  const slow = await resolvers.graphql<any, any>(query, variables, b);
  return { fast, slow, fastStatements: compiled.statements.get(fast.requestId)!, slowStatements: resolvers.statements.get(slow.requestId)! };
}

/**
 * The size of the first page of patients, in their default order (last name, first name, id), that
 * reaches one for whom `condition` (SQL about patient `p`) holds: a case about what a page shows
 * needs a page that shows it.
 */
/** `order`: the role's default order of patients (an analyst's is by id alone: it reads names masked). */
async function firstPageWith(condition: string, tenant = ACME, order = 'p.last_name, p.first_name, p.id'): Promise<number> {
  const [{ size }] = await compiled.db.owner(
    `SELECT min(n)::int AS size FROM (SELECT row_number() OVER (ORDER BY ${order}) AS n, (${condition}) AS holds
                                        FROM patients p WHERE p.tenant_id = (SELECT id FROM tenants WHERE slug = $1) AND p.deleted_at IS NULL) ranked WHERE holds`,
    [tenant],
  );
  expect(size).toEqual(expect.any(Number));
  return size as number;
}

const HEADLINE = `query Headline($first: Int!) {
  patients(first: $first) {
    nodes { id mrn firstName lastName dateOfBirth
      appointments(first: 5) { nodes { id title status startTime endTime clinicalNotes(first: 5) { nodes { id noteDate content } } } }
    }
  }
}`;

describe('compiled read path', () => {
  it('builds global ids in SQL exactly as toGlobalId does, for type names of any length', async () => {
    const id = '3f2c8b9e-1d4a-4c6b-9e2f-7a8b9c0d1e2f';
    for (const typeName of ['Site', 'ClinicalNoteCategory', 'ProviderAvailabilityWindow', 'AVeryLongTypeNameThatSpansSeveralBase64Lines', 'Ünïcödé']) {
      const [row] = await compiled.db.owner(`SELECT ${globalIdSql(typeName, '$1::text')} AS id`, [id]);
      expect([typeName, row.id]).toEqual([typeName, toGlobalId(typeName, id)]);
    }
  });

  it('answers the headline query like the resolvers, in one round trip', async () => {
    for (const first of [1, 20, 200]) {
      const { fast, slow, fastStatements, slowStatements } = await both(HEADLINE, { first });
      expect(slow.errors).toBeUndefined();
      expect(fast).toEqual({ ...slow, requestId: fast.requestId });
      expect(fast.data.patients.nodes.length).toBe(Math.min(first, 200));
      expect(fastStatements).toBe(1); // BEGIN + settings, the query (with the access log) and COMMIT, sent together
      expect(slowStatements).toBeGreaterThan(3);
    }
  });

  it('answers one object per connection whatever it selects: no aggregate-free shape multiplies rows (found by an attacker)', async () => {
    const aliases = Array.from({ length: 7 }, (_, i) => `a${i}: appointments(first: 5) { __typename }`).join(' ');
    const long = (c: string) => `${'b'.repeat(63)}${c}`;
    const cases = [
      `{ patients(first: 1) { nodes { id ${aliases} } } }`,
      `{ patients(first: 2) { nodes { id clinicalNotes { pageInfo { __typename hasPreviousPage } } } } }`,
      `{ r0: careProfessionals(first: 500) { __typename } r1: careProfessionals(first: 499) { __typename } r2: sites(first: 0) { __typename } }`,
      `{ clinicalNoteCategories(first: 0) { __typename } patients(first: 1) { nodes { appointments(first: 0) { __typename } } } }`,
      `{ patients(first: 1) { pageInfo { ${Array.from({ length: 51 }, (_, i) => `h${i}: hasNextPage`).join(' ')} } } }`,
      `{ patients(first: 1) { nodes { ${long('X')}: firstName ${long('Y')}: lastName } } }`,
      // `ClinicalNoteCategory:<uuid>` is exactly one base64 line: no line break may end its id.
      `{ clinicalNoteCategories(first: 3) { nodes { id } } }`,
    ];
    for (const query of cases) {
      const { fast, slow } = await both(query, {}, Role.ADMIN);
      expect([query, slow.errors]).toEqual([query, undefined]);
      expect([query, fast]).toEqual([query, { ...slow, requestId: fast.requestId }]);
    }
    expect((await both(cases[0], {}, Role.ADMIN)).fast.data.patients.nodes).toHaveLength(1);
  });

  it('agrees on orderings, backward pages, cursors from the resolvers, page info, aliases, fragments and __typename', async () => {
    const start = await both(`{ patients(first: 3, orderBy: [{ field: MRN, direction: DESC }]) { edges { cursor } } }`);
    const cursor = start.slow.data.patients.edges[2].cursor;
    const queries: Array<[string, Record<string, unknown>]> = [
      [`{ __typename patients(first: 7, orderBy: [{ field: CREATED_AT, direction: DESC }]) { __typename pageInfo { __typename hasNextPage hasPreviousPage } nodes { __typename id createdAt updatedAt version gender status } } }`, {}],
      [`query($after: String) { patients(first: 4, after: $after, orderBy: [{ field: MRN, direction: DESC }]) { pageInfo { hasNextPage hasPreviousPage } nodes { mrn } } }`, { after: cursor }],
      [`query($before: String) { patients(last: 2, before: $before, orderBy: [{ field: MRN, direction: DESC }]) { pageInfo { hasNextPage hasPreviousPage } nodes { mrn } } }`, { before: cursor }],
      [`{ patients(last: 3) { pageInfo { hasNextPage hasPreviousPage } nodes { lastName firstName } } }`, {}],
      [`{ list: appointments(first: 10) { items: nodes { when: startTime ...A } } } fragment A on Appointment { title ... on Node { id } }`, {}],
      [`{ a: patients(first: 2) { nodes { mrn } } b: patients(first: 3, orderBy: [{ field: FIRST_NAME }]) { nodes { mrn firstName } } }`, {}],
      [`{ careProfessionals(first: 3) { nodes { lastName appointments(first: 2) { pageInfo { hasNextPage } nodes { title } } } } }`, {}],
      [`{ sites { nodes { name patients(first: 2) { nodes { mrn clinicalNotes(first: 1) { nodes { content } } } } } } }`, {}],
      [`{ patients(first: 0) { pageInfo { hasNextPage } nodes { mrn } } }`, {}],
      [`{ patients(first: 0) { nodes { mrn } } }`, {}],
      // Global ids of every resource type, built in SQL, equal to the resolvers' (toGlobalId).
      [`{ careProfessionals(first: 2) { nodes { id } } sites { nodes { id } } appointments(first: 2) { nodes { id } } clinicalNotes(first: 2) { nodes { id } } patients(first: 2) { nodes { id } } }`, {}],
      [`{ patients(first: 3) { nodes { mrn } pageInfo { hasNextPage } __typename } t: __typename }`, {}],
      [`{ patients(last: 4, orderBy: [{ field: MRN, direction: DESC }]) { nodes { mrn appointments(last: 2) { nodes { startTime } } } } }`, {}],
    ];
    const readCompiled = jest.spyOn(DataAccess.prototype, 'readCompiled');
    try {
      for (const [query, variables] of queries) {
        readCompiled.mockClear();
        const { fast, slow, fastStatements } = await both(query, variables);
        expect(slow.errors).toBeUndefined();
        expect({ query, ...fast, requestId: 0 }).toEqual({ query, ...slow, requestId: 0 });
        expect({ query, fastStatements }).toEqual({ query, fastStatements: 1 });
        // Answered by the compiled path, not handed back to the resolvers.
        expect(readCompiled).toHaveBeenCalledTimes(1);
        await expect(readCompiled.mock.results[0].value).resolves.toEqual(expect.any(String));
      }
    } finally {
      readCompiled.mockRestore();
    }
  });

  it('leaves to the resolvers what it does not compile, and what a role may not read', async () => {
    const cases = [
      `{ patients(first: 2) { nodes { mrn @include(if: true) } } }`,
      `{ appointments(first: 2) { nodes { patient { mrn @skip(if: false) } } } }`,
      `{ patients(first: 3) { a: nodes { mrn } pageInfo { hasNextPage } b: nodes { firstName } __typename } }`,
      `{ patients(first: 2) { nodes { mrn } edges { node { firstName } } } }`,
    ];
    const readCompiled = jest.spyOn(DataAccess.prototype, 'readCompiled');
    for (const query of cases) {
      readCompiled.mockClear();
      const { fast, slow } = await both(query);
      expect(fast).toEqual({ ...slow, requestId: fast.requestId });
      expect({ query, compiled: readCompiled.mock.calls.length }).toEqual({ query, compiled: 0 });
    }
    // Coordinators may read patients but not clinical notes: the same FORBIDDEN error, at the same path
    // (on a page that reaches a patient with a note on one of the first five appointments it lists).
    const first = await firstPageWith(
      `EXISTS (SELECT FROM (SELECT a.id FROM appointments a WHERE a.patient_id = p.id AND a.deleted_at IS NULL ORDER BY a.start_time, a.id LIMIT 5) a
                 JOIN clinical_notes c ON c.appointment_id = a.id AND c.deleted_at IS NULL)`,
    );
    readCompiled.mockClear();
    const { fast, slow } = await both(HEADLINE, { first }, Role.COORDINATOR);
    expect(readCompiled).toHaveBeenCalledTimes(1);
    await expect(readCompiled.mock.results[0].value).resolves.toBeNull();
    readCompiled.mockRestore();
    expect(fast.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect({ ...fast, requestId: 0, errors: fast.errors!.map((e: any) => ({ ...e, extensions: { code: e.extensions.code } })) }).toEqual({
      ...slow,
      requestId: 0,
      errors: slow.errors!.map((e: any) => ({ ...e, extensions: { code: e.extensions.code } })),
    });
    const tooMany = await both(`{ patients(first: 501) { nodes { mrn } } }`);
    expect(tooMany.fast.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('seals edge and pageInfo cursors as the resolvers do: same cursor text, top level and nested, forward and backward', async () => {
    const start = await both(`{ patients(first: 5, orderBy: [{ field: MRN, direction: DESC }]) { edges { cursor } } }`);
    const middle = start.slow.data.patients.edges[2].cursor;
    const queries: Array<[string, Record<string, unknown>]> = [
      [`{ patients(first: 3, orderBy: [{ field: MRN, direction: DESC }]) { pageInfo { startCursor endCursor hasNextPage } nodes { mrn } } }`, {}],
      [`query($after: String) { patients(first: 2, after: $after, orderBy: [{ field: MRN, direction: DESC }]) { pageInfo { s: startCursor e: endCursor } nodes { mrn } } }`, { after: middle }],
      [`query($before: String) { patients(last: 2, before: $before, orderBy: [{ field: MRN, direction: DESC }]) { pageInfo { startCursor endCursor hasPreviousPage } nodes { mrn } } }`, { before: middle }],
      [`{ patients(last: 3) { pageInfo { startCursor endCursor } nodes { lastName } } }`, {}],
      [`{ patients(first: 0) { pageInfo { startCursor endCursor } } }`, {}],
      [`{ careProfessionals(first: 3) { nodes { appointments(first: 2, orderBy: [{ field: START_TIME, direction: DESC }]) { pageInfo { endCursor hasNextPage } nodes { startTime } } } } }`, {}],
      [`{ appointments(first: 4) { pageInfo { endCursor } nodes { title startTime } } }`, {}],
      // Edges: each row's cursor next to its node, with and without a page-info look-ahead row.
      [`{ patients(first: 3) { edges { cursor node { mrn } } } }`, {}],
      [`{ patients(first: 3, orderBy: [{ field: LAST_NAME, direction: DESC }]) { edges { __typename c: cursor node { id mrn appointments(first: 2) { edges { cursor node { title } } pageInfo { endCursor } } } } pageInfo { hasNextPage endCursor } } }`, {}],
      [`query($before: String) { patients(last: 2, before: $before, orderBy: [{ field: MRN, direction: DESC }]) { edges { cursor node { mrn } } pageInfo { startCursor } } }`, { before: middle }],
      [`{ patients(first: 2) { nodes { mrn } edges { cursor } } }`, {}],
      [`{ patients(first: 0) { edges { cursor } } }`, {}],
    ];
    const readCompiled = jest.spyOn(DataAccess.prototype, 'readCompiled');
    try {
      for (const [query, variables] of queries) {
        readCompiled.mockClear();
        const { fast, slow } = await both(query, variables);
        expect(slow.errors).toBeUndefined();
        expect(readCompiled).toHaveBeenCalledTimes(1);
        await expect(readCompiled.mock.results[0].value).resolves.toEqual(expect.any(String));
        // A fresh IV per seal: the sealed strings differ, what they seal must not.
        expect({ query, data: openCursors(fast.data) }).toEqual({ query, data: openCursors(slow.data) });
      }
    } finally {
      readCompiled.mockRestore();
    }
  });

  it('pages on with a compiled cursor, whatever characters the sort values hold', async () => {
    const names = ['Zz "quoted" \\ back\\slash', 'Zz ünïcödé ☃', 'Zz tab\there'];
    const clinician = await compiled.login(Role.ADMIN, ACME);
    for (const lastName of names) {
      const created = await compiled.graphql<any, any>(
        `mutation($input: CreatePatientInput!) { createPatient(input: $input) { patient { id } } }`,
        { input: { firstName: 'Cursor', lastName, dateOfBirth: '1980-01-01' } },
        clinician,
      );
      expect(created.errors).toBeUndefined();
    }
    const page = `query($after: String) { patients(first: 1, after: $after, orderBy: [{ field: LAST_NAME, direction: DESC }]) { pageInfo { endCursor } nodes { lastName } } }`;
    const walk = async (app: TestApp) => {
      const token = await app.login(Role.CLINICIAN, ACME);
      const seen: string[] = [];
      let after: string | null = null;
      for (let i = 0; i < 5; i++) {
        const result: any = await app.graphql<any, any>(page, { after }, token);
        expect(result.errors).toBeUndefined();
        seen.push(result.data.patients.nodes[0].lastName);
        after = result.data.patients.pageInfo.endCursor;
      }
      return seen;
    };
    const fast = await walk(compiled);
    expect(fast).toEqual(await walk(resolvers));
    expect(fast.slice(0, 3).sort()).toEqual([...names].sort());
  });

  it('returns text verbatim, even text shaped like JSON objects and ids', async () => {
    const [patient] = await compiled.db.owner(
      `SELECT p.id FROM patients p JOIN tenants t ON t.id = p.tenant_id WHERE t.slug = $1 AND p.deleted_at IS NULL ORDER BY p.last_name, p.first_name, p.id LIMIT 1`,
      [ACME],
    );
    const forged = `{"Patient" : "${patient.id}"} and "{\\"Patient\\" : \\"${patient.id}\\"}"`;
    const token = await compiled.login(Role.CLINICIAN, ACME);
    const created = await compiled.graphql<any, any>(
      `mutation($input: CreateClinicalNoteInput!) { createClinicalNote(input: $input) { clinicalNote { id } } }`,
      { input: { patientId: Buffer.from(`Patient:${patient.id}`).toString('base64url'), content: forged } },
      token,
    );
    expect(created.errors).toBeUndefined();
    const query = `{ patients(first: 1) { nodes { id clinicalNotes(first: 500) { nodes { id content } } } } }`;
    const { fast, slow } = await both(query);
    expect(fast.data).toEqual(slow.data);
    const contents = fast.data.patients.nodes[0].clinicalNotes.nodes.map((n: { content: string }) => n.content);
    expect(contents).toContain(forged);
  });

  it('logs the same patients as the resolvers, also below resources that are not patient data', async () => {
    const queries = [
      `{ careProfessionals(first: 4) { nodes { lastName appointments(first: 3) { nodes { title clinicalNotes(first: 2) { nodes { content } } } } } } }`,
      HEADLINE,
      `{ sites { nodes { name } } }`,
      `{ careProfessionals(first: 3) { edges { node { appointments(first: 2) { edges { cursor node { title } } pageInfo { hasNextPage } } } } } }`,
    ];
    for (const query of queries) {
      const { fast, slow } = await both(query, { first: 5 });
      const logged = async (app: TestApp, requestId: string) =>
        ((await app.db.owner(`SELECT patient_ids FROM access_logs WHERE request_id = $1`, [requestId]))[0]?.patient_ids as string[] | undefined)?.slice().sort() ?? [];
      const [fastLog, slowLog] = [await logged(compiled, fast.requestId), await logged(resolvers, slow.requestId)];
      expect({ query, fastLog }).toEqual({ query, fastLog: slowLog });
      expect(query.includes('sites') ? fastLog.length === 0 : fastLog.length > 0).toBe(true);
    }
  });

  it('never compiles a field that has a resolver of its own, even one named like a column', () => {
    const schema = buildCareGraphSchema();
    const plan = createOperationPlanner(schema, (_resource, property) => property === 'gender');
    const gender = (schema.getType('Patient') as GraphQLObjectType).getFields().gender;
    expect(plan(parse(`{ patients { nodes { gender } } }`), null)).not.toBeNull();
    // As if gender were computed, role-checked or masked by a resolver: the compiled path would skip that.
    gender.resolve = () => 'FEMALE';
    try {
      expect(plan(parse(`{ patients { nodes { gender } } }`), null)).toBeNull();
    } finally {
      delete gender.resolve;
    }
  });

  it('writes a compiled body as is, and adds what plugins put next to it', () => {
    const body = '{"data":{"patients":{"nodes":[]}}}';
    expect(stringifyResult({ data: new RawJson(body) })).toBe(body);
    const withExtensions = stringifyResult({ data: new RawJson(body), extensions: { cost: 3 }, errors: [{ message: 'x' }] });
    expect(JSON.parse(withExtensions)).toEqual({ data: { patients: { nodes: [] } }, extensions: { cost: 3 }, errors: [{ message: 'x' }] });
    expect(stringifyResult({ data: { a: 1 } })).toBe('{"data":{"a":1}}');
  });

  it('stays inside the caller’s tenant, skips deleted rows and logs the patients it returned', async () => {
    const token = await compiled.login(Role.CLINICIAN, NORTHWIND);
    const [{ id: acmeTenant }] = await compiled.db.owner(`SELECT id FROM tenants WHERE slug = $1`, [ACME]);
    const [victim] = await compiled.db.owner(`SELECT id FROM patients WHERE tenant_id = $1 AND deleted_at IS NULL ORDER BY last_name, first_name, id LIMIT 1`, [acmeTenant]);
    await compiled.db.owner(`UPDATE patients SET deleted_at = now() WHERE id = $1`, [victim.id]);
    try {
      const acme = await both(`{ patients(first: 500) { nodes { id } } }`);
      const ids = acme.fast.data.patients.nodes.map((p: { id: string }) => Buffer.from(p.id, 'base64url').toString().split(':')[1]);
      expect(ids).not.toContain(victim.id);
      expect(acme.fast.data).toEqual(acme.slow.data);
      const other = await compiled.graphql<any, any>(`{ patients(first: 500) { nodes { id } } }`, {}, token);
      const otherIds = other.data.patients.nodes.map((p: { id: string }) => Buffer.from(p.id, 'base64url').toString().split(':')[1]);
      expect(otherIds.some((id: string) => ids.includes(id))).toBe(false);
      const [log] = await compiled.db.owner(`SELECT patient_ids FROM access_logs WHERE request_id = $1`, [acme.fast.requestId]);
      expect([...(log.patient_ids as string[])].sort()).toEqual([...ids].sort());
    } finally {
      await compiled.db.owner(`UPDATE patients SET deleted_at = NULL WHERE id = $1`, [victim.id]);
    }
  });

  it('answers node(id) like the resolvers: found, absent, deleted, another tenant, another type, nested pages', async () => {
    const [acme] = await compiled.db.owner(`SELECT id FROM tenants WHERE slug = $1`, [ACME]);
    const [northwind] = await compiled.db.owner(`SELECT id FROM tenants WHERE slug = $1`, [NORTHWIND]);
    const [patient] = await compiled.db.owner(`SELECT id FROM patients WHERE tenant_id = $1 AND deleted_at IS NULL ORDER BY mrn LIMIT 1`, [acme.id]);
    const [deleted] = await compiled.db.owner(`SELECT id FROM patients WHERE tenant_id = $1 AND deleted_at IS NULL ORDER BY mrn DESC LIMIT 1`, [acme.id]);
    const [foreign] = await compiled.db.owner(`SELECT id FROM patients WHERE tenant_id = $1 LIMIT 1`, [northwind.id]);
    const [appointment] = await compiled.db.owner(`SELECT id, patient_id FROM appointments WHERE tenant_id = $1 AND patient_id IS NOT NULL AND deleted_at IS NULL LIMIT 1`, [acme.id]);
    const gid = (type: string, id: unknown) => Buffer.from(`${type}:${id}`).toString('base64url');
    const query = `query($id: ID!) { node(id: $id) { __typename id ... on Patient { mrn firstName dateOfBirth createdAt appointments(first: 2) { pageInfo { hasNextPage } nodes { title clinicalNotes(first: 1) { nodes { content } } } } } ...F } }
      fragment F on Appointment { title status }`;
    const logged = async (app: TestApp, requestId: string) =>
      ((await app.db.owner(`SELECT patient_ids FROM access_logs WHERE request_id = $1`, [requestId]))[0]?.patient_ids as string[] | undefined) ?? [];
    await compiled.db.owner(`UPDATE patients SET deleted_at = now() WHERE id = $1`, [deleted.id]);
    const readCompiled = jest.spyOn(DataAccess.prototype, 'readCompiled');
    try {
      const cases: Array<[string, string, unknown[]]> = [
        [gid('Patient', patient.id), 'a patient of the tenant', [patient.id]],
        [gid('Patient', deleted.id), 'a deleted patient', []],
        [gid('Patient', foreign.id), 'another tenant’s patient', []],
        [gid('Patient', '00000000-0000-4000-8000-000000000000'), 'no such patient', []],
        [gid('Appointment', appointment.id), 'an appointment, through a fragment', [appointment.patient_id]],
      ];
      for (const [id, what, patients] of cases) {
        readCompiled.mockClear();
        const { fast, slow, fastStatements } = await both(query, { id });
        expect(slow.errors).toBeUndefined();
        expect({ what, ...fast, requestId: 0 }).toEqual({ what, ...slow, requestId: 0 });
        expect({ what, fastStatements }).toEqual({ what, fastStatements: 1 });
        await expect(readCompiled.mock.results[0].value).resolves.toEqual(expect.any(String));
        expect({ what, log: await logged(compiled, fast.requestId) }).toEqual({ what, log: patients });
        expect({ what, log: await logged(resolvers, slow.requestId) }).toEqual({ what, log: patients });
      }
      expect((await both(query, { id: gid('Patient', patient.id) })).fast.data.node.appointments.nodes.length).toBeGreaterThan(0);
      // Next to a connection, before and after it.
      for (const mixed of [
        `query($id: ID!) { node(id: $id) { id } patients(first: 2) { nodes { mrn } } }`,
        `query($id: ID!) { patients(first: 2) { pageInfo { hasNextPage } nodes { mrn } } node(id: $id) { ... on Patient { mrn } } }`,
      ]) {
        const { fast, slow } = await both(mixed, { id: gid('Patient', patient.id) });
        expect(slow.errors).toBeUndefined();
        expect({ mixed, ...fast, requestId: 0 }).toEqual({ mixed, ...slow, requestId: 0 });
      }
    } finally {
      readCompiled.mockRestore();
      await compiled.db.owner(`UPDATE patients SET deleted_at = NULL WHERE id = $1`, [deleted.id]);
    }
  });

  it('leaves node(id) to the resolvers for ids it cannot compile and for roles that may not read the type', async () => {
    const [acme] = await compiled.db.owner(`SELECT id FROM tenants WHERE slug = $1`, [ACME]);
    const [note] = await compiled.db.owner(`SELECT id FROM clinical_notes WHERE tenant_id = $1 AND deleted_at IS NULL LIMIT 1`, [acme.id]);
    const noteId = Buffer.from(`ClinicalNote:${note.id}`).toString('base64url');
    const query = `query($id: ID!) { node(id: $id) { id ... on ClinicalNote { content } } }`;
    const readCompiled = jest.spyOn(DataAccess.prototype, 'readCompiled');
    try {
      for (const [id, role, code] of [
        ['not-an-id', Role.CLINICIAN, 'BAD_USER_INPUT'],
        [Buffer.from(`Tenant:${acme.id}`).toString('base64url'), Role.CLINICIAN, undefined],
        [noteId, Role.COORDINATOR, 'FORBIDDEN'],
      ] as const) {
        readCompiled.mockClear();
        const { fast, slow } = await both(query, { id }, role);
        expect(fast.errors?.[0]?.extensions?.code).toBe(code);
        expect({ ...fast, requestId: 0 }).toEqual({ ...slow, requestId: 0 });
        await expect(readCompiled.mock.results[0].value).resolves.toBeNull();
      }
    } finally {
      readCompiled.mockRestore();
    }
  });

  it('refuses a token whose role changed without reading or logging anything, and leaves each connection clean', async () => {
    const token = await compiled.login(Role.CLINICIAN, NORTHWIND);
    const [{ id: userId }] = await compiled.db.owner(`SELECT id FROM users WHERE email = 'clinician@northwind-clinic.test'`);
    const query = `{ patients(first: 3) { nodes { id mrn } } }`;
    await compiled.db.owner(`UPDATE memberships SET role = 'ANALYST' WHERE user_id = $1`, [userId]);
    try {
      // More requests than pooled connections: each connection is left clean after the refusal.
      for (let i = 0; i < 12; i++) {
        const refused = await compiled.graphql<any, any>(query, {}, token);
        expect(refused.errors?.map((e: any) => [e.extensions?.code, /log in again/.test(e.message)])).toEqual([['UNAUTHENTICATED', true]]);
        // The compiled round trip, then the resolvers' own attempt, which reports the error at its field.
        expect(compiled.statements.get(refused.requestId)).toBe(2);
        expect(await compiled.db.owner(`SELECT 1 FROM access_logs WHERE request_id = $1`, [refused.requestId])).toEqual([]);
      }
    } finally {
      await compiled.db.owner(`UPDATE memberships SET role = 'CLINICIAN' WHERE user_id = $1`, [userId]);
    }
    const allowed = await compiled.graphql<any, any>(query, {}, token);
    expect(allowed.errors).toBeUndefined();
    expect(allowed.data.patients.nodes).toHaveLength(3);
  });

  describe('filters, totalCount and references to one object', () => {
    const gid = (type: string, id: unknown) => Buffer.from(`${type}:${id}`).toString('base64url');
    const tenantId = async (slug: string) => (await compiled.db.owner(`SELECT id FROM tenants WHERE slug = $1`, [slug]))[0].id as string;
    const logged = async (app: TestApp, requestId: string) =>
      ((await app.db.owner(`SELECT patient_ids FROM access_logs WHERE request_id = $1`, [requestId]))[0]?.patient_ids as string[] | undefined)?.slice().sort() ?? [];

    /** Both paths give the same body and log the same patients; the compiled one answers in one statement. */
    async function same(query: string, variables: Record<string, unknown> = {}, role = Role.CLINICIAN) {
      const readCompiled = jest.spyOn(DataAccess.prototype, 'readCompiled');
      try {
        const { fast, slow, fastStatements } = await both(query, variables, role);
        expect({ query, errors: slow.errors }).toEqual({ query, errors: undefined });
        // Sealed cursors differ (a fresh IV each): compared by the text they seal.
        expect({ query, ...fast, requestId: 0, data: openCursors(fast.data) }).toEqual({ query, ...slow, requestId: 0, data: openCursors(slow.data) });
        expect({ query, fastStatements }).toEqual({ query, fastStatements: 1 });
        expect({ query, calls: readCompiled.mock.calls.length }).toEqual({ query, calls: 1 });
        await expect(readCompiled.mock.results[0].value).resolves.toEqual(expect.any(String));
        expect({ query, log: await logged(compiled, fast.requestId) }).toEqual({ query, log: await logged(resolvers, slow.requestId) });
        return fast;
      } finally {
        readCompiled.mockRestore();
      }
    }

    /** The compiled path hands the query back (readCompiled resolves null) and the answer is the resolvers', errors included. */
    async function handedBack(query: string, variables: Record<string, unknown> = {}, role = Role.CLINICIAN) {
      const readCompiled = jest.spyOn(DataAccess.prototype, 'readCompiled');
      try {
        const { fast, slow } = await both(query, variables, role);
        expect({ query, calls: readCompiled.mock.calls.length }).toEqual({ query, calls: 1 });
        await expect(readCompiled.mock.results[0].value).resolves.toBeNull();
        expect({ query, ...fast, requestId: 0 }).toEqual({ query, ...slow, requestId: 0 });
        return fast;
      } finally {
        readCompiled.mockRestore();
      }
    }

    it('applies filters like the resolvers: every operator, and/or/not, references by id, at the root and nested', async () => {
      const acme = await tenantId(ACME);
      const [patient] = await compiled.db.owner(
        `SELECT p.id, p.last_name, p.date_of_birth::text AS born FROM patients p WHERE p.tenant_id = $1 AND p.deleted_at IS NULL AND p.date_of_birth IS NOT NULL AND EXISTS (SELECT 1 FROM appointments a WHERE a.patient_id = p.id AND a.deleted_at IS NULL) ORDER BY p.mrn LIMIT 1`,
        [acme],
      );
      const [professional] = await compiled.db.owner(`SELECT care_professional_id AS id FROM appointments WHERE tenant_id = $1 AND deleted_at IS NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`, [acme]);
      // Years of birth within ten of that patient's, so that the range holds them at least.
      const born = (years: number) => `${Number(String(patient.born).slice(0, 4)) + years}-01-01`;
      const cases: Array<[string, Record<string, unknown>]> = [
        [`query($name: String) { patients(first: 20, filter: { lastName: { eq: $name } }) { totalCount nodes { mrn lastName } } }`, { name: patient.last_name }],
        [`{ patients(first: 20, filter: { lastName: { startsWith: "a" }, firstName: { contains: "e" } }) { nodes { mrn firstName lastName } } }`, {}],
        [`{ patients(first: 50, filter: { or: [{ lastName: { startsWith: "B" } }, { not: { firstName: { contains: "a" } } }], and: [{ status: { ne: DISCHARGED } }, { gender: { in: [FEMALE, MALE] } }] }) { totalCount nodes { mrn } } }`, {}],
        [
          `query($from: Date, $to: Date) { patients(first: 10, filter: { dateOfBirth: { gte: $from, lt: $to }, nhsNumber: { isNull: false }, mrn: { notIn: ["x", "y"] } }) { totalCount nodes { mrn dateOfBirth } } }`,
          { from: born(-10), to: born(11) },
        ],
        [`query($p: ID!) { appointments(first: 20, filter: { patient: { eq: $p } }) { totalCount nodes { id title } } }`, { p: gid('Patient', patient.id) }],
        [`query($c: [ID!]) { appointments(first: 50, filter: { careProfessional: { in: $c }, startTime: { gte: "2020-01-01T00:00:00Z" } }, orderBy: [{ field: START_TIME, direction: DESC }]) { totalCount pageInfo { hasNextPage endCursor } nodes { startTime status } } }`, { c: [gid('CareProfessional', professional.id)] }],
        [`{ appointments(first: 5, filter: { status: { in: [COMPLETED, CANCELLED] }, site: { isNull: true } }) { nodes { title } } }`, {}],
        [`{ patients(first: 5, filter: { or: [] }) { totalCount nodes { mrn } } }`, {}],
        [`{ patients(first: 5, filter: { not: {} }) { totalCount pageInfo { hasNextPage } } }`, {}],
        // Text with LIKE wildcards and quotes stays a value.
        [`{ patients(first: 5, filter: { lastName: { contains: "%' OR 1=1 --" } }) { totalCount nodes { mrn } } }`, {}],
        // Nested connections, filtered per parent, counted per parent.
        [`{ patients(first: 10) { nodes { mrn appointments(first: 3, filter: { status: { ne: CANCELLED } }) { totalCount nodes { title status } } clinicalNotes(first: 2, filter: { content: { contains: "a" } }) { totalCount } } } }`, {}],
        [`{ careProfessionals(first: 3) { totalCount nodes { lastName appointments(first: 2, filter: { or: [{ status: { eq: COMPLETED } }, { title: { startsWith: "F" } }] }) { totalCount pageInfo { hasNextPage } nodes { title } } } } }`, {}],
        [`query($id: ID!) { node(id: $id) { ... on Patient { mrn appointments(first: 2, filter: { not: { status: { eq: CANCELLED } } }) { totalCount nodes { title } } } } }`, { id: gid('Patient', patient.id) }],
      ];
      let matched = 0;
      for (const [query, variables] of cases) {
        const fast = await same(query, variables);
        if (JSON.stringify(fast.data).includes('"mrn"') || JSON.stringify(fast.data).includes('"title"')) matched++;
      }
      // The filters are not vacuous: most cases return rows.
      expect(matched).toBeGreaterThanOrEqual(7);
    });

    it('counts like the resolvers: filtered, without deleted rows, per parent, whatever the page', async () => {
      const acme = await tenantId(ACME);
      const [patient] = await compiled.db.owner(
        `SELECT p.id FROM patients p WHERE p.tenant_id = $1 AND p.deleted_at IS NULL AND (SELECT count(*) FROM appointments a WHERE a.patient_id = p.id AND a.deleted_at IS NULL) >= 3 ORDER BY p.mrn LIMIT 1`,
        [acme],
      );
      const [appointment] = await compiled.db.owner(`SELECT id FROM appointments WHERE patient_id = $1 AND deleted_at IS NULL ORDER BY start_time LIMIT 1`, [patient.id]);
      const query = `query($p: ID!) {
        appointments(first: 1, filter: { patient: { eq: $p } }) { totalCount pageInfo { hasNextPage } }
        all: appointments(first: 0) { totalCount }
        node(id: $p) { ... on Patient { appointments(last: 1) { totalCount } clinicalNotes(first: 0) { totalCount } } }
      }`;
      const before = await same(query, { p: gid('Patient', patient.id) });
      const [{ count }] = await compiled.db.owner(`SELECT count(*)::int AS count FROM appointments WHERE patient_id = $1 AND deleted_at IS NULL`, [patient.id]);
      expect(before.data.appointments.totalCount).toBe(count);
      expect(before.data.node.appointments.totalCount).toBe(count);
      await compiled.db.owner(`UPDATE appointments SET deleted_at = now() WHERE id = $1`, [appointment.id]);
      try {
        const after = await same(query, { p: gid('Patient', patient.id) });
        expect(after.data.appointments.totalCount).toBe((count as number) - 1);
        expect(after.data.all.totalCount).toBe(before.data.all.totalCount - 1);
      } finally {
        await compiled.db.owner(`UPDATE appointments SET deleted_at = NULL WHERE id = $1`, [appointment.id]);
      }
      // Another tenant's rows are never counted, nor matched by their ids.
      const [foreign] = await compiled.db.owner(`SELECT id FROM patients WHERE tenant_id = (SELECT id FROM tenants WHERE slug = $1) LIMIT 1`, [NORTHWIND]);
      const other = await same(`query($p: ID!) { appointments(first: 5, filter: { patient: { eq: $p } }) { totalCount nodes { id } } patients(first: 5, filter: { id: { in: [$p] } }) { totalCount nodes { id } } }`, { p: gid('Patient', foreign.id) });
      expect(other.data).toEqual({ appointments: { totalCount: 0, nodes: [] }, patients: { totalCount: 0, nodes: [] } });
      const [{ total }] = await compiled.db.owner(`SELECT count(*)::int AS total FROM appointments WHERE tenant_id = $1 AND deleted_at IS NULL`, [acme]);
      expect(before.data.all.totalCount).toBe(total);
    });

    it('leaves bad filters to the resolvers, which report them: wrong id type, too many conditions, values the input rules refuse', async () => {
      const acme = await tenantId(ACME);
      const [patient] = await compiled.db.owner(`SELECT id FROM patients WHERE tenant_id = $1 LIMIT 1`, [acme]);
      const tooMany = { or: Array.from({ length: 201 }, (_, i) => ({ mrn: { eq: `m${i}` } })) };
      const cases: Array<[string, Record<string, unknown>, string]> = [
        [`query($p: ID!) { appointments(first: 2, filter: { careProfessional: { eq: $p } }) { nodes { title } } }`, { p: gid('Patient', patient.id) }, 'BAD_USER_INPUT'],
        [`{ appointments(first: 2, filter: { patient: { in: ["not-an-id"] } }) { totalCount } }`, {}, 'BAD_USER_INPUT'],
        [`query($f: PatientFilter) { patients(first: 2, filter: $f) { nodes { mrn } } }`, { f: tooMany }, 'LIMIT_EXCEEDED'],
        [`query($f: PatientFilter) { patients(first: 2) { nodes { appointments(first: 1, filter: { title: { contains: "a" } }) { nodes { title } } clinicalNotes(filter: $f) { totalCount } } } }`, { f: { lastName: { eq: 'x' } } }, 'GRAPHQL_VALIDATION_FAILED'],
        [`query($name: String) { patients(first: 2, filter: { lastName: { eq: $name } }) { totalCount } }`, { name: 'x'.repeat(501) }, 'BAD_USER_INPUT'],
        [`query($names: [String!]) { patients(first: 2, filter: { not: { lastName: { in: $names } } }) { nodes { mrn } } }`, { names: Array.from({ length: 501 }, (_, i) => `n${i}`) }, 'BAD_USER_INPUT'],
        [`{ patients(first: 2) { nodes { appointments(first: 1, filter: { title: { contains: "${'y'.repeat(201)}" } }) { totalCount } } } }`, {}, 'BAD_USER_INPUT'],
      ];
      for (const [query, variables, code] of cases) {
        if (code === 'GRAPHQL_VALIDATION_FAILED') {
          // A filter of another type is refused before any path runs.
          const { fast, slow } = await both(query, variables);
          expect(fast.errors?.[0]?.extensions?.code).toBe(code);
          expect({ ...fast, requestId: 0 }).toEqual({ ...slow, requestId: 0 });
          continue;
        }
        const fast = await handedBack(query, variables);
        expect({ query, code: fast.errors?.[0]?.extensions?.code }).toEqual({ query, code });
      }
      // Just within the rules: compiled.
      await same(`query($name: String, $names: [String!]) { patients(first: 2, filter: { lastName: { eq: $name }, firstName: { notIn: $names } }) { totalCount } }`, {
        name: 'x'.repeat(500),
        names: Array.from({ length: 500 }, (_, i) => `n${i}`),
      });
    });

    it('joins references to one object at any depth, and logs their patients as the resolvers do', async () => {
      const acme = await tenantId(ACME);
      const [professional] = await compiled.db.owner(`SELECT care_professional_id AS id FROM appointments WHERE tenant_id = $1 AND deleted_at IS NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`, [acme]);
      const [patient] = await compiled.db.owner(
        `SELECT patient_id AS id FROM clinical_notes WHERE tenant_id = $1 AND deleted_at IS NULL AND appointment_id IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
        [acme],
      );
      const cases: Array<[string, Record<string, unknown>]> = [
        [`query($c: ID!) { appointments(first: 50, filter: { careProfessional: { eq: $c } }) { totalCount nodes { id title startTime patient { id mrn firstName lastName } } } }`, { c: gid('CareProfessional', professional.id) }],
        [`query($p: ID!) { clinicalNotes(last: 20, filter: { patient: { eq: $p } }, orderBy: [{ field: NOTE_DATE }]) { nodes { id noteDate author { id lastName } patient { id mrn } } } }`, { p: gid('Patient', patient.id) }],
        // Depth 2 and 3: a note's appointment's patient and professional, the professional's site.
        [`{ clinicalNotes(first: 30) { nodes { content appointment { title patient { mrn site { name } } careProfessional { lastName site { __typename id } } } category { name } } } }`, {}],
        [`{ appointments(first: 10) { pageInfo { hasNextPage } edges { cursor node { patient { mrn appointments(first: 2) { totalCount nodes { careProfessional { lastName } } } } } } } }`, {}],
        [`{ patients(first: 5) { nodes { mrn site { name patients(first: 1) { nodes { mrn } } } clinicalNotes(first: 3) { nodes { author { firstName } appointment { status } } } } } }`, {}],
        [`query($p: ID!) { node(id: $p) { ... on Patient { clinicalNotes(first: 5) { nodes { appointment { patient { id } } } } } } }`, { p: gid('Patient', patient.id) }],
        [`{ appointments(first: 3) { nodes { patient { __typename } p2: patient { ... on Patient { mrn } } } } }`, {}],
        // Every declared to-one field is compiled, the ones of newer resources too.
        [`{ tasks(first: 10) { totalCount nodes { title assignee { displayName } patient { mrn } } } members(first: 3) { totalCount nodes { displayName } } }`, {}],
      ];
      for (const [query, variables] of cases) await same(query, variables);
      const notes = await same(cases[2][0], {});
      // Not vacuous: some notes have an appointment, some have none.
      const withAppointment = notes.data.clinicalNotes.nodes.filter((n: any) => n.appointment);
      expect(withAppointment.length).toBeGreaterThan(0);
      expect(withAppointment[0].appointment.patient.mrn).toEqual(expect.any(String));
    });

    it('answers every to-one field of every registered resource like the resolvers, with totalCount', async () => {
      const roles = Object.values(Role) as Role[];
      let checked = 0;
      for (const resource of RESOURCES) {
        for (const [field, reference] of Object.entries(resource.toOne)) {
          const target = reference.resource();
          // A role that may read both; a role that may not read the target is covered below.
          const role = roles.find((r) => resource.permissions.read.includes(r) && target.permissions.read.includes(r));
          if (!role) continue;
          const query = `{ ${resource.pluralField}(first: 20) { totalCount nodes { id ${field} { __typename id } } } }`;
          const fast = await same(query, {}, role);
          expect(fast.data[resource.pluralField].nodes.length).toBeLessThanOrEqual(20);
          checked++;
        }
      }
      // Patient, Appointment, ClinicalNote and CareProfessional references at least.
      expect(checked).toBeGreaterThanOrEqual(9);
    });

    it('gives null for a deleted target or a null key, and leaves a missing non-null target unanswered, as the resolvers do', async () => {
      const acme = await tenantId(ACME);
      const [note] = await compiled.db.owner(
        `SELECT n.id, n.appointment_id, a.care_professional_id, n.author_id, n.patient_id FROM clinical_notes n JOIN appointments a ON a.id = n.appointment_id
          WHERE n.tenant_id = $1 AND n.deleted_at IS NULL AND a.deleted_at IS NULL ORDER BY n.note_date LIMIT 1`,
        [acme],
      );
      const query = `query($id: ID!) { node(id: $id) { ... on ClinicalNote { content author { lastName } appointment { title careProfessional { lastName } } } } }`;
      const variables = { id: gid('ClinicalNote', note.id) };
      const live = await same(query, variables);
      expect(live.data.node.appointment.careProfessional).not.toBeNull();
      await compiled.db.owner(`UPDATE care_professionals SET deleted_at = now() WHERE id = $1`, [note.care_professional_id]);
      try {
        const deleted = await same(query, variables);
        expect(deleted.data.node.appointment).toEqual({ title: live.data.node.appointment.title, careProfessional: null });
        // The demo notes of an appointment are written by its professional.
        expect(deleted.data.node.author).toBe(note.author_id === note.care_professional_id ? null : deleted.data.node.author);
      } finally {
        await compiled.db.owner(`UPDATE care_professionals SET deleted_at = NULL WHERE id = $1`, [note.care_professional_id]);
      }
      await compiled.db.owner(`UPDATE appointments SET deleted_at = now() WHERE id = $1`, [note.appointment_id]);
      try {
        expect((await same(query, variables)).data.node.appointment).toBeNull();
      } finally {
        await compiled.db.owner(`UPDATE appointments SET deleted_at = NULL WHERE id = $1`, [note.appointment_id]);
      }
      // A null key: notes outside an appointment.
      const [loose] = await compiled.db.owner(`SELECT id FROM clinical_notes WHERE tenant_id = $1 AND deleted_at IS NULL AND appointment_id IS NULL LIMIT 1`, [acme]);
      expect((await same(query, { id: gid('ClinicalNote', loose.id) })).data.node.appointment).toBeNull();
      // A non-null reference whose target was deleted behind the API's back (deleting a patient
      // deletes their notes): the resolvers fail the field; the compiled statement fails and logs nothing.
      await compiled.db.owner(`UPDATE patients SET deleted_at = now() WHERE id = $1`, [note.patient_id]);
      try {
        const { fast, slow } = await both(`query($id: ID!) { node(id: $id) { ... on ClinicalNote { patient { mrn } } } }`, variables);
        expect(slow.errors?.map((e: any) => [e.extensions?.code, e.path?.join('.')])).toEqual([['INTERNAL_SERVER_ERROR', 'node.patient']]);
        expect(slow.data).toEqual({ node: null });
        expect(fast.errors?.map((e: any) => e.extensions?.code)).toEqual(['INTERNAL_SERVER_ERROR']);
        expect(fast.data ?? null).toBeNull();
        expect(await logged(compiled, fast.requestId)).toEqual([]);
      } finally {
        await compiled.db.owner(`UPDATE patients SET deleted_at = NULL WHERE id = $1`, [note.patient_id]);
      }
    });

    it('leaves a reference to the resolvers when the role may not read its target', async () => {
      // No role today may read appointments but not care professionals: the test takes that right away for a moment.
      const target = resourceByTypeName.get('CareProfessional')!;
      const permissions = target.permissions;
      const query = `{ appointments(first: 3) { nodes { title careProfessional { lastName } } } }`;
      await same(query, {}, Role.ANALYST);
      (target as { permissions: unknown }).permissions = { ...permissions, read: permissions.read.filter((role) => role !== Role.ANALYST) };
      try {
        const fast = await handedBack(query, {}, Role.ANALYST);
        expect(fast.errors?.map((e: any) => [e.extensions?.code, e.path.join('.')])).toEqual([0, 1, 2].map((i) => ['FORBIDDEN', `appointments.nodes.${i}.careProfessional`]));
        expect(fast.data.appointments.nodes.map((n: any) => n.careProfessional)).toEqual([null, null, null]);
        // Deeper too; and the same query without the reference is still compiled.
        const first = await firstPageWith(`EXISTS (SELECT FROM appointments a WHERE a.patient_id = p.id AND a.deleted_at IS NULL)`, ACME, 'p.id');
        const nested = await handedBack(`query($first: Int!) { patients(first: $first) { nodes { mrn appointments(first: 2) { nodes { careProfessional { id } } } } } }`, { first }, Role.ANALYST);
        expect(nested.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
        await same(`{ appointments(first: 3) { nodes { title patient { mrn } } } }`, {}, Role.ANALYST);
      } finally {
        (target as { permissions: unknown }).permissions = permissions;
      }
      await same(query, {}, Role.ANALYST);
    });
  });
});
