/* eslint-disable @typescript-eslint/no-explicit-any -- responses of arbitrary operations are untyped */
import { isDeepStrictEqual } from 'node:util';
import { parse, OperationDefinitionNode } from 'graphql';
import { ACME, NORTHWIND, startTestApp, TestApp } from './support/harness';
import { Answer, comparable, contractProblems, Endpoint, example, FailureLog, firstDifference, FuzzPools, GeneratedOperation, OperationGenerator, Random, TestCursors, testCursors } from './support/fuzz';
import { buildCareGraphSchema } from '../src/schema';
import { Role } from '../src/entities/enums';
import { DataAccess } from '../src/data/data-access';
import { toGlobalId } from '../src/data/global-id';
import { RESOURCES } from '../src/resources';

// Schema-driven fuzzing: thousands of random operations, valid and hostile, with every role and
// anonymously, against both read paths over one database. No input may produce an internal
// error: every answer is a documented status and error code, BAD_USER_INPUT names its fields,
// the two read paths answer a query alike, and the server keeps answering.
//
//   FUZZ_SEED=123 FUZZ_OPS=10000 npx jest test/fuzz.test.ts

const SEED = Number(process.env.FUZZ_SEED ?? 20261122);
const OPERATIONS = Number(process.env.FUZZ_OPS ?? 3600);
const ROLES: Array<Role | null> = [Role.ADMIN, Role.CLINICIAN, Role.CARE_WORKER, Role.COORDINATOR, Role.ANALYST, null];
/** The test apps' JWT secret (harness), from which the cursor key is derived. */
const SECRET = 'test-secret-test-secret-test-secret';
let cursors: TestCursors;

let compiledApp: TestApp;
let resolversApp: TestApp;
let compiled: Endpoint;
let resolvers: Endpoint;
let pools: FuzzPools;

/** Global ids of each type in a tenant, straight from the database: every registered resource, by its TypeORM table. */
async function idsOf(app: TestApp, slug: string): Promise<Record<string, string[]>> {
  const tables = RESOURCES.map((resource) => [resource.typeName, app.dataSource.getMetadata(resource.entity).tableName] as const);
  const ids: Record<string, string[]> = {};
  for (const [type, table] of tables) {
    const rows = await app.db.owner(`SELECT x.id FROM ${table} x JOIN tenants t ON t.id = x.tenant_id WHERE t.slug = $1 ORDER BY x.id LIMIT 6`, [slug]);
    ids[type] = rows.map((row) => toGlobalId(type, row.id as string));
  }
  ids.Tenant = (await app.db.owner(`SELECT id FROM tenants WHERE slug = $1`, [slug])).map((row) => toGlobalId('Tenant', row.id as string));
  ids.User = (await app.db.owner(`SELECT m.user_id AS id FROM memberships m JOIN tenants t ON t.id = m.tenant_id WHERE t.slug = $1 ORDER BY 1 LIMIT 3`, [slug])).map((row) =>
    toGlobalId('User', row.id as string),
  );
  return ids;
}

/** Cursors of several connections, orders and both tenants; and damaged or foreign-key ones. */
async function cursorsFrom(app: TestApp): Promise<string[]> {
  const queries = [
    `{ patients(first: 3) { edges { cursor } } }`,
    `{ patients(first: 3, orderBy: [{ field: MRN, direction: DESC }]) { edges { cursor } } }`,
    `{ appointments(first: 3, orderBy: [{ field: START_TIME }]) { edges { cursor } } }`,
    `{ careProfessionals(first: 2) { edges { cursor } nodes { appointments(first: 2) { edges { cursor } } } } }`,
    `{ clinicalNotes(first: 2) { edges { cursor } } sites { edges { cursor } } clinicalNoteCategories(first: 2) { edges { cursor } } }`,
  ];
  const found: string[] = [];
  const collect = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(collect);
    else if (value && typeof value === 'object') for (const [key, v] of Object.entries(value)) key === 'cursor' ? found.push(v as string) : collect(v);
  };
  for (const [slug, list] of [[ACME, queries], [NORTHWIND, queries.slice(0, 2)]] as const) {
    const token = await app.login(Role.ADMIN, slug);
    for (const query of list) collect((await app.graphql<any, any>(query, {}, token)).data);
  }
  const [tenant] = await app.db.owner(`SELECT id FROM tenants WHERE slug = $1`, [ACME]);
  const sealedElsewhere = testCursors('another-deployment-secret', [tenant.id as string]).seal(
    'Patient:last_name:ASC,first_name:ASC,id:ASC|["A","B","00000000-0000-4000-8000-000000000000"]',
    tenant.id as string,
  );
  const damaged = found.slice(0, 3).flatMap((c) => [c.slice(0, -4), `${c.slice(0, 10)}${c[10] === 'A' ? 'B' : 'A'}${c.slice(11)}`, `${c}${c}`]);
  return [...found, ...damaged, sealedElsewhere];
}

beforeAll(async () => {
  compiledApp = await startTestApp();
  resolversApp = await startTestApp({ db: compiledApp.db, compiledReads: false });
  compiled = await Endpoint.open('compiled', compiledApp);
  resolvers = await Endpoint.open('resolvers', resolversApp);
  cursors = testCursors(SECRET, (await compiledApp.db.owner('SELECT id FROM tenants')).map((t) => t.id as string));
  const [ids, foreignIds] = [await idsOf(compiledApp, ACME), await idsOf(compiledApp, NORTHWIND)];
  pools = { ids, foreignIds, cursors: await cursorsFrom(resolversApp) };
});
afterAll(async () => {
  await compiled?.close();
  await resolvers?.close();
  await resolversApp?.stop();
  await compiledApp?.stop();
});

/** The root field an error belongs to (aliases resolved), or the request as a whole. */
function whereIn(query: string, answer: Answer, code: string): string {
  const error = (answer.body?.errors ?? []).find((e) => e.extensions?.code === code) ?? answer.body?.errors?.[0];
  const key = error?.path?.[0];
  if (key === undefined) return `request, HTTP ${answer.status}`;
  try {
    const operation = parse(query).definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition');
    const field = operation?.selectionSet.selections.find((s) => s.kind === 'Field' && (s.alias?.value ?? s.name.value) === key);
    return `field ${field && field.kind === 'Field' ? field.name.value : key}`;
  } catch {
    return `field ${key}`;
  }
}

describe('the failure checks (self-check: the fuzz test can fail)', () => {
  const answer = (status: number, errors?: object[], data?: unknown): Answer => ({ status, body: { data, errors } as any, text: '', ms: 1 });

  it('flag a 500, an INTERNAL_SERVER_ERROR, an undocumented code, a BAD_USER_INPUT without fields and no answer', () => {
    expect(contractProblems(answer(500, [{ message: 'Internal server error (error id x)', extensions: { code: 'INTERNAL_SERVER_ERROR' } }]))).toEqual([
      'HTTP 500',
      'INTERNAL_SERVER_ERROR',
    ]);
    expect(contractProblems(answer(400, [{ message: 'x' }]))).toEqual(['undocumented code undefined']);
    expect(contractProblems(answer(200, [{ message: 'x', extensions: { code: 'OOPS' } }], null))).toEqual(['undocumented code OOPS']);
    expect(contractProblems(answer(400, [{ message: 'Variable "$f" got invalid value', extensions: { code: 'BAD_USER_INPUT' } }]))).toEqual(['BAD_USER_INPUT without extensions.fields']);
    expect(contractProblems(answer(200, [{ message: 'x', extensions: { code: 'BAD_USER_INPUT', fields: [] } }]))).toEqual(['BAD_USER_INPUT without extensions.fields']);
    expect(contractProblems({ status: 0, body: undefined, text: '', ms: 10_000, failure: 'no response within 10000 ms' })).toEqual(['no answer (no response within 10000 ms)']);
    expect(contractProblems(answer(503, [{ message: 'down', extensions: { code: 'SERVICE_UNAVAILABLE' } }]))).toEqual(['HTTP 503']);
    // What must pass does.
    expect(contractProblems(answer(400, [{ message: 'x', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }]))).toEqual([]);
    expect(contractProblems(answer(200, [{ message: 'x', extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'first', rule: 'range', message: 'm' }] } }], null))).toEqual([]);
    expect(contractProblems(answer(200, undefined, { __typename: 'Query' }))).toEqual([]);
  });

  it('flag two read paths that answer differently, and report every kind at once', async () => {
    const codes = (code: string) => answer(200, [{ message: 'x', extensions: { code, fields: [{ field: 'f', rule: 'r', message: 'm' }] } }], null);
    expect(isDeepStrictEqual(comparable(codes('BAD_USER_INPUT'), cursors), comparable(codes('FORBIDDEN'), cursors))).toBe(false);
    expect(isDeepStrictEqual(comparable(answer(200, undefined, { a: 1 }), cursors), comparable(answer(200, undefined, { a: 2 }), cursors))).toBe(false);
    // Cursors are compared by what they seal, not by their (randomly sealed) text.
    const [tenant] = await compiledApp.db.owner(`SELECT id FROM tenants WHERE slug = $1`, [ACME]);
    const sealed = (text: string) => answer(200, undefined, { c: cursors.seal(text, tenant.id as string) });
    expect(isDeepStrictEqual(comparable(sealed('same'), cursors), comparable(sealed('same'), cursors))).toBe(true);
    expect(isDeepStrictEqual(comparable(sealed('same'), cursors), comparable(sealed('other'), cursors))).toBe(false);
    const log = new FailureLog();
    log.add('INTERNAL_SERVER_ERROR', { n: 1 });
    log.add('HTTP 500', { n: 2 });
    log.add('INTERNAL_SERVER_ERROR', { n: 3 });
    expect(() => log.assertEmpty('self-check')).toThrow(/3 failures in self-check[\s\S]*INTERNAL_SERVER_ERROR: 2×[\s\S]*HTTP 500: 1×/);
  });

  it('catch a real internal error of the running server', async () => {
    const page = jest.spyOn(DataAccess.prototype, 'page').mockRejectedValueOnce(new Error('boom: SELECT * FROM secrets'));
    try {
      const token = await resolversApp.login(Role.ADMIN, ACME);
      const response = await resolvers.send({ query: '{ patients(first: 1) { totalCount } }' }, { token });
      expect(contractProblems(response)).toEqual(['INTERNAL_SERVER_ERROR']);
      expect(response.text).not.toMatch(/boom|secrets/);
      expect(await resolvers.stillAnswers(token)).toBeNull();
    } finally {
      page.mockRestore();
    }
  });
});

describe('schema-driven fuzzing', () => {
  it(`${OPERATIONS} random operations (seed ${SEED}), every role and anonymous, both read paths: only documented errors`, async () => {
    const started = Date.now();
    const random = new Random(SEED);
    const generator = new OperationGenerator(buildCareGraphSchema(), pools, random);
    const failures = new FailureLog();
    const statuses = new Map<number, number>();
    const tokens = new Map<string, string | null>();
    for (const endpoint of [compiled, resolvers]) {
      for (const role of ROLES) tokens.set(`${endpoint.name}:${role}`, role ? await endpoint.app.login(role, ACME) : null);
    }
    const count = { requests: 0, internalErrors: 0, queries: 0, slowest: 0 };
    let checkLiveness = false;

    /** Sends one operation, records its answer and any breach of the contract. */
    const exchange = async (endpoint: Endpoint, role: Role | null, operation: GeneratedOperation) => {
      const sent = { query: operation.query, variables: operation.variables };
      const answer = await endpoint.send(sent, { token: tokens.get(`${endpoint.name}:${role}`) });
      count.requests++;
      count.slowest = Math.max(count.slowest, answer.ms);
      statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
      count.internalErrors += (answer.body?.errors ?? []).filter((e) => e.extensions?.code === 'INTERNAL_SERVER_ERROR').length;
      const problems = contractProblems(answer);
      for (const problem of problems) {
        const code = problem === 'INTERNAL_SERVER_ERROR' ? problem : problem.startsWith('BAD_USER_INPUT') ? 'BAD_USER_INPUT' : '';
        failures.add(`${problem} — ${whereIn(sent.query, answer, code)}`, example(sent, answer, { role: role ?? 'anonymous', path: endpoint.name, tags: operation.tags }));
      }
      // After anything that looks like a crash, check that the server still answers.
      if (problems.some((p) => !p.startsWith('BAD_USER_INPUT without') && !p.startsWith('undocumented'))) checkLiveness = true;
      return answer;
    };

    /** A query goes to both read paths at once (no mutation runs in between); they must agree. */
    const query = async ({ role, operation }: { role: Role | null; operation: GeneratedOperation }) => {
      count.queries++;
      const [fast, slow] = await Promise.all([exchange(compiled, role, operation), exchange(resolvers, role, operation)]);
      const [a, b] = [comparable(fast, cursors), comparable(slow, cursors)];
      if (isDeepStrictEqual(a, b)) return;
      const what = a.status !== b.status ? 'status' : !isDeepStrictEqual(a.codes, b.codes) ? 'error codes' : 'data';
      failures.add(`read paths disagree on ${what}`, {
        difference: firstDifference(a, b),
        ...example(operation, fast, { role: role ?? 'anonymous', path: 'compiled', tags: operation.tags }),
        resolvers: example({}, slow),
      });
      checkLiveness = true;
    };

    const stillAnswering = async (after: GeneratedOperation) => {
      for (const endpoint of [compiled, resolvers]) {
        const dead = await endpoint.stillAnswers(tokens.get(`${endpoint.name}:${Role.ADMIN}`)!);
        if (dead) failures.add(`server stopped answering (${endpoint.name})`, { after: after.query.slice(0, 600), variables: JSON.stringify(after.variables).slice(0, 400), answer: dead });
      }
      checkLiveness = false;
    };

    // Queries run a few at a time; a mutation runs alone, so both paths read the same data.
    let batch: Array<{ role: Role | null; operation: GeneratedOperation }> = [];
    const flush = async () => {
      await Promise.all(batch.map(query));
      batch = [];
    };
    let operation!: GeneratedOperation;
    for (let i = 0; i < OPERATIONS; i++) {
      const role = ROLES[i % ROLES.length];
      operation = generator.next();
      const onCompiledApp = random.chance(0.5);
      if (operation.kind === 'query') {
        batch.push({ role, operation });
        if (batch.length === 4) await flush();
      } else {
        await flush();
        // Mutations go through the resolvers on both apps: one of them, at random.
        await exchange(onCompiledApp ? compiled : resolvers, role, operation);
      }
      if (checkLiveness || i % 50 === 49) {
        await flush();
        await stillAnswering(operation);
      }
    }
    await flush();
    await stillAnswering(operation);

    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const byStatus = [...statuses].sort((a, b) => a[0] - b[0]).map(([status, n]) => `${status}: ${n}`).join(', ');
    process.stdout.write(
      `fuzz: seed ${SEED}, ${OPERATIONS} operations (${count.queries} queries, each on both read paths; ${OPERATIONS - count.queries} mutations), ${count.requests} requests; ` +
        `status ${byStatus}; internal errors ${count.internalErrors}; slowest ${count.slowest} ms; failures ${failures.size}; ${seconds} s\n`,
    );
    failures.assertEmpty(`${OPERATIONS} fuzzed operations (seed ${SEED}; replay with FUZZ_SEED=${SEED} FUZZ_OPS=${OPERATIONS})`);
  }, 600_000);
});
