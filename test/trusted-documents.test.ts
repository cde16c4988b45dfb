import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { Client } from 'pg';
import { ACME, NORTHWIND, fieldRules, startTestApp, useBothPaths, type TestApp } from './support/harness';
import { Role } from '../src/entities/enums';
import { parse } from 'graphql';
import { sha256Hex } from '../src/graphql/trusted-documents';
import { queryCost } from '../src/graphql/query-cost';
import { schema } from './support/examples';
import { publishDocuments } from '../src/scripts/documents-publish';
import { DEMO_PASSWORD, demoEmail } from '../src/demo/demo-data';

/** Trusted documents: registered operations for partner apps and the tenant's own apps, named by id instead of sent. */

const paths = useBothPaths();

type Data = Record<string, any>;
const gql = (query: string, variables: Data = {}, token?: string, on = paths.compiled) => on.graphql<Data, Data>(query, variables, token);
const operation = (name: string, type: 'query' | 'mutation' | 'subscription', body: string) => ({ id: sha256Hex(body), name, type, body });
const manifestOf = (...operations: Data[]) => ({ format: 'apollo-persisted-query-manifest', version: 1, operations });

const PATIENTS = operation('PartnerPatients', 'query', 'query PartnerPatients($first: Int!) { patients(first: $first) { totalCount nodes { id lastName } } }');
const SITES = operation('PartnerSites', 'query', 'query PartnerSites { sites(first: 5) { nodes { id name } } }');
const CREATE_TASK = operation('PartnerTask', 'mutation', 'mutation PartnerTask($title: String!) { createTask(input: { title: $title }) { task { id title } } }');

const register = (token: string, input: Data) =>
  gql(
    `mutation($input: RegisterTrustedDocumentsInput!) { registerTrustedDocuments(input: $input) { manifestVersion registered unchanged retired documents { sha256 name operationType manifestVersion cost } } }`,
    { input },
    token,
  );

interface Sent {
  status: number;
  body: Data;
  requestId: string;
}
/** A request naming a document, as partners send it: `documentId` (GraphQL-over-HTTP) or Apollo's hash, by POST or GET. */
async function send(
  credential: { key?: string; token?: string },
  fields: { documentId?: string; hash?: string; query?: string; variables?: Data; operationName?: string },
  { method = 'POST', on = paths.compiled }: { method?: 'POST' | 'GET'; on?: TestApp } = {},
): Promise<Sent> {
  const extensions = fields.hash ? { persistedQuery: { version: 1, sha256Hash: fields.hash } } : undefined;
  const payload: Data = { ...(fields.query !== undefined ? { query: fields.query } : {}), ...(fields.documentId ? { documentId: fields.documentId } : {}), ...(extensions ? { extensions } : {}), variables: fields.variables ?? {} };
  let call;
  if (method === 'GET') {
    const params = new URLSearchParams(Object.entries(payload).map(([key, value]): [string, string] => [key, typeof value === 'string' ? value : JSON.stringify(value)]));
    call = request(on.server.requestListener).get(`/graphql?${params.toString()}`).set('accept', 'application/json').set('apollo-require-preflight', 'true');
  } else call = request(on.server.requestListener).post('/graphql').set('content-type', 'application/json');
  if (credential.key) call = call.set('authorization', `ApiKey ${credential.key}`);
  if (credential.token) call = call.set('authorization', `Bearer ${credential.token}`);
  const response = method === 'GET' ? await call : await call.send(payload);
  return { status: response.status, body: response.body as Data, requestId: response.headers['x-request-id'] as string };
}
const codeOf = (sent: Sent) => [sent.status, sent.body.errors?.[0]?.extensions?.code];

let admin: string;
let lab: { id: string; key: string };
let pharmacy: { id: string; key: string };
async function client(name: string): Promise<{ id: string; key: string }> {
  const created = await gql(
    `mutation($input: CreateApiClientInput!) { createApiClient(input: $input) { key apiClient { id } } }`,
    { input: { name, maskingProfile: 'COORDINATOR', scopes: ['PATIENT_READ', 'SITE_READ', 'TASK_READ', 'TASK_CREATE'] } },
    admin,
  );
  expect(created.errors).toBeUndefined();
  return { id: created.data!.createApiClient.apiClient.id, key: created.data!.createApiClient.key };
}

beforeAll(async () => {
  admin = await paths.compiled.login(Role.ADMIN, NORTHWIND);
  lab = await client('Trusted lab');
  pharmacy = await client('Trusted pharmacy');
});

describe('registering', () => {
  it('validates and costs every body; versions each registration; retires what a manifest drops', async () => {
    const first = await register(admin, { apiClientId: lab.id, manifest: manifestOf(PATIENTS, CREATE_TASK) });
    expect(first.errors).toBeUndefined();
    expect(first.data!.registerTrustedDocuments).toMatchObject({ manifestVersion: 1, registered: 2, unchanged: 0, retired: 0 });
    expect(first.data!.registerTrustedDocuments.documents).toEqual([
      { sha256: PATIENTS.id, name: 'PartnerPatients', operationType: 'QUERY', manifestVersion: 1, cost: expect.any(Number) },
      { sha256: CREATE_TASK.id, name: 'PartnerTask', operationType: 'MUTATION', manifestVersion: 1, cost: expect.any(Number) },
    ]);
    // Costed with its variables' defaults: the required page size at the default page (20 rows, each with its fields).
    expect(first.data!.registerTrustedDocuments.documents[0].cost).toBe(queryCost(schema, parse(PATIENTS.body), PATIENTS.name, { first: 20 }));

    const second = await register(admin, { apiClientId: lab.id, manifest: manifestOf(PATIENTS, CREATE_TASK, SITES) });
    expect(second.data!.registerTrustedDocuments).toMatchObject({ manifestVersion: 2, registered: 1, unchanged: 2, retired: 0 });
    const third = await register(admin, { apiClientId: lab.id, manifest: manifestOf(PATIENTS, CREATE_TASK), retireMissing: true });
    expect(third.data!.registerTrustedDocuments).toMatchObject({ manifestVersion: 3, registered: 0, unchanged: 2, retired: 1 });
    const listed = await gql(`query($id: ID!) { node(id: $id) { ... on ApiClient { trustedDocuments(first: 10) { nodes { name manifestVersion } } } } }`, { id: lab.id }, admin);
    expect(listed.data!.node.trustedDocuments.nodes).toEqual([
      { name: 'PartnerPatients', manifestVersion: 1 },
      { name: 'PartnerTask', manifestVersion: 1 },
    ]);
  });

  it('refuses a manifest with any bad document, naming each and the rule, and registers none of it', async () => {
    const count = async () => (await gql(`{ trustedDocuments(first: 1) { totalCount } }`, {}, admin)).data!.trustedDocuments.totalCount as number;
    const before = await count();
    const deep = `query Costly { patients(first: 500) { nodes { appointments(first: 500) { nodes { id } } } } }`;
    const bad = manifestOf(
      operation('Fine', 'query', 'query Fine { sites(first: 1) { nodes { id } } }'),
      { ...operation('Mismatch', 'query', 'query Mismatch { sites(first: 1) { nodes { id } } }'), id: sha256Hex('something else') },
      operation('Broken', 'query', 'query Broken { sites(first: 1) { nodes { id } '),
      operation('Unknown', 'query', 'query Unknown { sites(first: 1) { nodes { secret } } }'),
      operation('Costly', 'query', deep),
      operation('Other', 'query', 'query Named { sites(first: 1) { nodes { id } } }'),
      operation('Live', 'subscription', 'subscription Live { sites { id } }'),
      operation('Wrong', 'mutation', 'query Wrong { sites(first: 1) { nodes { id } } }'),
    );
    const refused = await register(admin, { apiClientId: lab.id, manifest: bad });
    expect(fieldRules(refused)).toEqual([
      'input.manifest.operations[1].id:idMismatch',
      'input.manifest.operations[2].body:syntax',
      'input.manifest.operations[3].body:invalid',
      'input.manifest.operations[4].body:maxCost',
      'input.manifest.operations[5].name:operationName',
      'input.manifest.operations[6].type:subscription',
      'input.manifest.operations[7].type:operationType',
    ]);
    expect(refused.errors![0].message).toContain('Cannot query field "secret"');
    expect(await count()).toBe(before);
    expect(fieldRules(await register(admin, { manifest: { format: 'other', version: 1, operations: [] } }))).toEqual(['input.manifest.format:format']);
    expect(fieldRules(await register(admin, { manifest: manifestOf() }))).toEqual(['input.manifest.operations:size']);
    expect(fieldRules(await register(admin, { manifest: manifestOf(SITES, SITES) }))).toEqual(['input.manifest.operations[1].id:duplicate']);
    // Admins only; another tenant's client is not found.
    expect((await register(await paths.compiled.login(Role.CLINICIAN, NORTHWIND), { manifest: manifestOf(SITES) })).errors![0].extensions!.code).toBe('FORBIDDEN');
    expect((await register(await paths.compiled.login(Role.ADMIN, ACME), { apiClientId: lab.id, manifest: manifestOf(SITES) })).errors![0].extensions!.code).toBe('NOT_FOUND');
  });
});

describe('partner requests', () => {
  beforeAll(async () => {
    expect((await register(admin, { apiClientId: lab.id, manifest: manifestOf(PATIENTS, CREATE_TASK) })).errors).toBeUndefined();
    expect((await register(admin, { apiClientId: pharmacy.id, manifest: manifestOf(SITES) })).errors).toBeUndefined();
    expect((await register(admin, { manifest: manifestOf(SITES, PATIENTS) })).errors).toBeUndefined(); // the tenant's own apps
  });

  it('run a registered document by documentId or Apollo’s hash, by POST or GET, on both read paths, as the same request sent in full would', async () => {
    const coordinator = await paths.compiled.login(Role.COORDINATOR, NORTHWIND);
    const full = await send({ token: coordinator }, { query: PATIENTS.body, variables: { first: 3 } });
    expect(full.body.errors).toBeUndefined();
    for (const on of [paths.compiled, paths.resolvers]) {
      for (const method of ['POST', 'GET'] as const) {
        for (const named of [{ documentId: `sha256:${PATIENTS.id}` }, { hash: PATIENTS.id }]) {
          const sent = await send({ key: lab.key }, { ...named, variables: { first: 3 } }, { method, on });
          expect([sent.status, sent.body]).toEqual([200, full.body]);
        }
      }
    }
    // The same statements as the request sent in full: one round trip on the compiled path.
    const persisted = await send({ key: lab.key }, { documentId: `sha256:${PATIENTS.id}`, variables: { first: 3 } });
    expect([paths.compiled.statements.get(persisted.requestId), paths.compiled.statements.get(full.requestId)]).toEqual([1, 1]);
    // A mutation by POST; by GET it is 405.
    const task = await send({ key: lab.key }, { documentId: `sha256:${CREATE_TASK.id}`, variables: { title: 'Lab results in' } });
    expect(task.body.data.createTask.task.title).toBe('Lab results in');
    expect((await send({ key: lab.key }, { documentId: `sha256:${CREATE_TASK.id}`, variables: { title: 'x' } }, { method: 'GET' })).status).toBe(405);
  });

  it('are refused, with nothing executed: a query sent in full, an id not registered for this client (another’s, the apps’), a retired one, a malformed one', async () => {
    const finished = paths.compiled.statements.size;
    expect(codeOf(await send({ key: lab.key }, { query: PATIENTS.body, variables: { first: 3 } }))).toEqual([400, 'PERSISTED_QUERY_NOT_ALLOWED']);
    expect(codeOf(await send({ key: lab.key }, { query: PATIENTS.body, hash: PATIENTS.id, variables: { first: 3 } }))).toEqual([400, 'PERSISTED_QUERY_NOT_ALLOWED']);
    expect(codeOf(await send({ key: lab.key }, { query: PATIENTS.body, documentId: `sha256:${PATIENTS.id}`, variables: { first: 3 } }))).toEqual([400, 'PERSISTED_QUERY_NOT_ALLOWED']);
    expect(codeOf(await send({ key: lab.key }, { documentId: `sha256:${SITES.id}` }))).toEqual([400, 'PERSISTED_QUERY_NOT_FOUND']); // the pharmacy's and the apps'
    expect(codeOf(await send({ key: pharmacy.key }, { hash: PATIENTS.id, variables: { first: 3 } }))).toEqual([400, 'PERSISTED_QUERY_NOT_FOUND']); // the lab's
    expect(codeOf(await send({ key: lab.key }, { documentId: `sha256:${'0'.repeat(64)}` }))).toEqual([400, 'PERSISTED_QUERY_NOT_FOUND']);
    expect(codeOf(await send({ key: lab.key }, { documentId: `md5:${'0'.repeat(32)}` }))).toEqual([400, 'BAD_REQUEST']);
    expect(codeOf(await send({ key: lab.key }, { query: PATIENTS.body }, { method: 'GET' }))).toEqual([400, 'PERSISTED_QUERY_NOT_ALLOWED']);
    expect(codeOf(await send({}, { documentId: `sha256:${SITES.id}` }))).toEqual([400, 'PERSISTED_QUERY_NOT_FOUND']);
    expect(paths.compiled.statements.size).toBe(finished);

    // Retired: refused from the next request.
    const retire = await gql(`mutation($input: RetireTrustedDocumentsInput!) { retireTrustedDocuments(input: $input) { retired } }`, { input: { apiClientId: pharmacy.id, sha256: [SITES.id] } }, admin);
    expect(retire.data!.retireTrustedDocuments.retired).toBe(1);
    expect(codeOf(await send({ key: pharmacy.key }, { documentId: `sha256:${SITES.id}` }))).toEqual([400, 'PERSISTED_QUERY_NOT_FOUND']);
    expect(codeOf(await send({ key: pharmacy.key }, { documentId: `sha256:${SITES.id}` }, { on: paths.resolvers }))).toEqual([400, 'PERSISTED_QUERY_NOT_FOUND']);
  });

  it('pass the checks of any request with their variables: the same bad input gets the same answer either way', async () => {
    const coordinator = await paths.compiled.login(Role.COORDINATOR, NORTHWIND);
    for (const variables of [{ first: 'many' }, { first: 100_000 }, {}, { first: null }]) {
      const full = await send({ token: coordinator }, { query: PATIENTS.body, variables });
      const persisted = await send({ key: lab.key }, { documentId: `sha256:${PATIENTS.id}`, variables });
      expect(full.body.errors).toBeDefined();
      expect([persisted.status, persisted.body]).toEqual([full.status, full.body]);
    }
  });
});

describe('the tenant’s own apps', () => {
  it('members name documents of the tenant’s apps by id; with trusted documents only, a query sent in full is refused (but for admins)', async () => {
    expect((await register(admin, { manifest: manifestOf(SITES, PATIENTS) })).errors).toBeUndefined();
    let clinician = await paths.compiled.login(Role.CLINICIAN, NORTHWIND);
    expect((await send({ token: clinician }, { documentId: `sha256:${SITES.id}` })).body.data.sites.nodes.length).toBeGreaterThan(0);
    expect(codeOf(await send({ token: clinician }, { documentId: `sha256:${CREATE_TASK.id}` }))).toEqual([400, 'PERSISTED_QUERY_NOT_FOUND']); // the lab's only

    const tenant = async () => {
      const read = await gql(`{ me { tenant { version trustedDocumentsOnly } } }`, {}, admin);
      expect(read.errors).toBeUndefined();
      return read.data!.me.tenant;
    };
    /** Switches the setting; members' tokens carry it, so the earlier ones are refused once (ACCESS_CHANGED) and everyone signs in again. */
    const set = async (only: boolean) => {
      const changed = await gql(`mutation($input: UpdateTenantSettingsInput!) { updateTenantSettings(input: $input) { tenant { trustedDocumentsOnly } } }`, { input: { expectedVersion: (await tenant()).version, trustedDocumentsOnly: only } }, admin);
      expect(changed.data!.updateTenantSettings.tenant.trustedDocumentsOnly).toBe(only);
      // (A token from before the rule was turned off still holds its member to it, until refreshed: the stricter way.)
      const stale = await send({ token: clinician }, { query: SITES.body });
      expect(stale.body.errors?.[0]?.extensions?.code).toBe(only ? 'UNAUTHENTICATED' : 'PERSISTED_QUERY_NOT_ALLOWED');
      paths.compiled.forgetTokens();
      admin = await paths.compiled.login(Role.ADMIN, NORTHWIND);
      clinician = await paths.compiled.login(Role.CLINICIAN, NORTHWIND);
    };
    await set(true);
    try {
      expect(codeOf(await send({ token: clinician }, { query: SITES.body }))).toEqual([400, 'PERSISTED_QUERY_NOT_ALLOWED']);
      expect(codeOf(await send({ token: clinician }, { query: SITES.body }, { method: 'GET' }))).toEqual([400, 'PERSISTED_QUERY_NOT_ALLOWED']);
      // Apollo's hash finds the registered document, and never registers a new one.
      expect((await send({ token: clinician }, { hash: SITES.id })).body.data.sites.nodes.length).toBeGreaterThan(0);
      expect(codeOf(await send({ token: clinician }, { query: '{ sites(first: 1) { totalCount } }', hash: sha256Hex('{ sites(first: 1) { totalCount } }') }))).toEqual([400, 'PERSISTED_QUERY_NOT_ALLOWED']);
      expect(codeOf(await send({ token: clinician }, { hash: sha256Hex('{ sites(first: 1) { totalCount } }') }))).toEqual([400, 'PERSISTED_QUERY_NOT_FOUND']);
      expect((await send({ token: clinician }, { documentId: `sha256:${PATIENTS.id}`, variables: { first: 1 } })).body.data.patients.nodes).toHaveLength(1);
      // Its admins are not held to it (they register documents, and turn the rule off); another tenant is not either.
      expect((await send({ token: admin }, { query: SITES.body })).body.data.sites.nodes.length).toBeGreaterThan(0);
      expect((await send({ token: await paths.compiled.login(Role.CLINICIAN, ACME) }, { query: SITES.body })).body.data.sites.nodes.length).toBeGreaterThan(0);
    } finally {
      await set(false);
    }
    expect((await send({ token: clinician }, { query: SITES.body })).body.data.sites.nodes.length).toBeGreaterThan(0);
  });
});

describe('publishing from a build', () => {
  it('npm run documents:publish registers the manifest codegen.yml makes of test/documents, and refuses a bad one naming each failure', async () => {
    const listening = http.createServer(paths.compiled.server.requestListener);
    await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(listening.address() as AddressInfo).port}/graphql`;
    try {
      const file = path.join(__dirname, 'generated/persisted/persisted-documents.json');
      const generated = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>;
      const env = { CAREGRAPH_TOKEN: admin };
      const first = await publishDocuments(['--client', 'apps', '--url', url, file], env);
      expect(first).toMatch(/^manifest version \d+: \d+ registered, \d+ unchanged, 0 retired$/);
      const [registered, unchanged] = /(\d+) registered, (\d+) unchanged/.exec(first)!.slice(1).map(Number);
      expect(registered + unchanged).toBe(Object.keys(generated).length);
      expect(await publishDocuments(['--client', 'apps', '--url', url, file], env)).toMatch(new RegExp(`: 0 registered, ${Object.keys(generated).length} unchanged, 0 retired$`));

      // A member runs one of them by its id, the same way a first-party app does.
      const id = Object.keys(generated).find((key) => generated[key].startsWith('query Sites '))!;
      const sites = await send({ token: await paths.compiled.login(Role.CLINICIAN, NORTHWIND) }, { documentId: id });
      expect(sites.body.errors).toBeUndefined();
      expect(sites.body.data.sites.nodes.length).toBeGreaterThan(0);

      // A login instead of a token; a bad manifest: nothing registered, every failure printed.
      const bad = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'caregraph-manifest-')), 'bad.json');
      const body = 'query Bad { sites(first: 1) { nodes { secret } } }';
      fs.writeFileSync(bad, JSON.stringify({ [`sha256:${sha256Hex(body)}`]: body }));
      await expect(publishDocuments(['--client', lab.id, '--url', url, '--tenant', NORTHWIND, '--email', demoEmail(Role.ADMIN, NORTHWIND), bad], { CAREGRAPH_PASSWORD: DEMO_PASSWORD })).rejects.toThrow(
        /nothing was registered:\n {2}input\.manifest\.operations\[0\]\.body \(invalid\): Cannot query field "secret"/,
      );
      await expect(publishDocuments(['--url', url, bad], env)).rejects.toThrow(/^usage:/);
    } finally {
      await new Promise((resolve) => listening.close(resolve));
    }
  });
});

describe('from the attacker review', () => {
  it('a hash that is not 64 hex digits is refused before Apollo’s cache sees it: a partner never reaches a document a member had it keep', async () => {
    const query = '{ patients(first: 3) { totalCount } }';
    // A member of another tenant has Apollo keep the text under its hash (automatic persisted queries).
    const acme = await paths.compiled.login(Role.CLINICIAN, ACME);
    expect((await send({ token: acme }, { query, hash: sha256Hex(query) })).body.errors).toBeUndefined();
    for (const sha256Hash of [[sha256Hex(query)], { toString: 1 }, sha256Hex(query).toUpperCase(), 42]) {
      const sent = await request(paths.compiled.server.requestListener)
        .post('/graphql')
        .set('authorization', `ApiKey ${lab.key}`)
        .send({ extensions: { persistedQuery: { version: 1, sha256Hash } } });
      expect([sent.status, sent.body.errors[0].extensions.code]).toEqual([400, 'BAD_REQUEST']);
    }
    // The hash itself: not one of the lab's documents.
    expect(codeOf(await send({ key: lab.key }, { hash: sha256Hex(query) }))).toEqual([400, 'PERSISTED_QUERY_NOT_FOUND']);
    // A member's automatic persisted query with a malformed hash: a 400, not a 500.
    const malformed = await request(paths.compiled.server.requestListener).post('/graphql').set('authorization', `Bearer ${acme}`).send({ extensions: { persistedQuery: { version: 1, sha256Hash: { toString: 1 } } } });
    expect(malformed.status).toBe(400);
  });

  it('a manifest’s bodies are bounded together; reading the documents while the database is busy is a 503', async () => {
    const body = (i: number) => `query Big${i} { sites(first: 1) { nodes { id } } } ${'#'.repeat(30_000)}`;
    const big = manifestOf(...Array.from({ length: 70 }, (_, i) => operation(`Big${i}`, 'query', body(i))));
    expect(fieldRules(await register(admin, { apiClientId: lab.id, manifest: big }))).toEqual(['input.manifest.operations:maxLength']);

    const limited = await startTestApp({ db: paths.compiled.db, statementTimeoutMs: 300 });
    const locker = new Client({ connectionString: paths.compiled.db.ownerUrl });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE trusted_documents IN ACCESS EXCLUSIVE MODE');
      const sent = await send({ key: lab.key }, { documentId: `sha256:${PATIENTS.id}`, variables: { first: 1 } }, { on: limited });
      expect([sent.status, sent.body.errors[0].extensions.code]).toEqual([503, 'SERVICE_UNAVAILABLE']);
    } finally {
      await locker.query('ROLLBACK');
      await locker.end();
      await limited.stop();
    }
  });
});
