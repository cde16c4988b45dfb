import { Writable } from 'node:stream';
import { Client } from 'pg';
import request from 'supertest';
import pino from 'pino';
import { ACME, NORTHWIND, startTestApp, useBothPaths, fieldRules, type TestApp } from './support/harness';
import { Role } from '../src/entities/enums';
import { parseGlobalId, toGlobalId } from '../src/data/global-id';
import { DEMO_PASSWORD } from '../src/demo/demo-data';
import { sha256Hex } from '../src/graphql/trusted-documents';

/** Partner apps: API clients, their keys, and requests made with them, on both read paths. */

const paths = useBothPaths();

type Data = Record<string, any>;
const gql = (query: string, variables: Data = {}, token?: string, on = paths.compiled) => on.graphql<Data, Data>(query, variables, token);
/** The client of each key these tests were given, and the documents registered for each client. */
const clientOfKey = new Map<string, string>();
const registered = new Set<string>();
/** The operation named (a manifest names each operation), as a trusted document of the key's client. */
async function registeredFor(key: string, query: string): Promise<string> {
  const name = `Op${sha256Hex(query).slice(0, 12)}`;
  const body = query.replace(/^\s*(query|mutation)?\s*(?=[({])/, (_m, type?: string) => `${type ?? 'query'} ${name}`);
  const id = sha256Hex(body);
  const clientId = clientOfKey.get(key);
  if (clientId && !registered.has(`${clientId}:${id}`)) {
    const type = body.startsWith('mutation') ? 'mutation' : 'query';
    const done = await gql(`mutation($input: RegisterTrustedDocumentsInput!) { registerTrustedDocuments(input: $input) { registered } }`, { input: { apiClientId: clientId, manifest: { format: 'apollo-persisted-query-manifest', version: 1, operations: [{ id, name, type, body }] } } }, admin);
    if (!done.errors) registered.add(`${clientId}:${id}`);
  }
  return id;
}
/** A request made with an API key (Authorization: ApiKey, or x-api-key), naming the query registered for its client (partners send nothing else). */
const withKey = async (key: string, query: string, variables: Data = {}, { on = paths.compiled, header = 'authorization' }: { on?: TestApp; header?: 'authorization' | 'x-api-key' } = {}) => {
  const documentId = `sha256:${await registeredFor(key, query)}`;
  let call = request(on.server.requestListener).post('/graphql').set('content-type', 'application/json');
  call = header === 'authorization' ? call.set('authorization', `ApiKey ${key}`) : call.set('x-api-key', key);
  const response = await call.send({ documentId, variables });
  return { status: response.status, requestId: response.headers['x-request-id'] as string, ...(response.body as { data?: Data | null; errors?: Array<{ message: string; path?: string[]; extensions?: Data }> }) };
};
const owner = (sql: string, values: unknown[] = []) => paths.compiled.db.owner(sql, values);

const CLIENT_FIELDS = 'id version name status maskingProfile scopes rateLimitPerMinute expiresAt keys(first: 10) { nodes { prefix expiresAt revokedAt } }';
const createClient = (token: string, input: Data) =>
  gql(`mutation($input: CreateApiClientInput!) { createApiClient(input: $input) { key keyPrefix apiClient { ${CLIENT_FIELDS} } } }`, { input }, token);
const rotate = (token: string, input: Data) => gql(`mutation($input: RotateApiClientKeyInput!) { rotateApiClientKey(input: $input) { key keyPrefix apiClient { ${CLIENT_FIELDS} } } }`, { input }, token);
const update = (token: string, input: Data) => gql(`mutation($input: UpdateApiClientInput!) { updateApiClient(input: $input) { apiClient { ${CLIENT_FIELDS} } } }`, { input }, token);
const revoke = (token: string, input: Data) => gql(`mutation($input: RevokeApiClientInput!) { revokeApiClient(input: $input) { apiClient { ${CLIENT_FIELDS} } } }`, { input }, token);

const LAB_SCOPES = ['PATIENT_READ', 'SITE_READ', 'APPOINTMENT_READ', 'TASK_READ', 'TASK_CREATE'];
const PATIENTS = `{ patients(first: 3) { totalCount nodes { id lastName } } }`;

let admin: string;
let serial = 0;
/** A new client of Northwind with its first key. */
async function lab(input: Data = {}): Promise<{ id: string; key: string; prefix: string; version: number }> {
  const created = await createClient(admin, { name: `Lab ${++serial}`, maskingProfile: 'COORDINATOR', scopes: LAB_SCOPES, contact: 'integrations@lab.example', ...input });
  expect(created.errors).toBeUndefined();
  const { key, keyPrefix, apiClient } = created.data!.createApiClient;
  clientOfKey.set(key, apiClient.id);
  return { id: apiClient.id, key, prefix: keyPrefix, version: apiClient.version };
}

/** The one answer every key that does not open the API gets. */
function expectRefused(response: { status: number; data?: unknown; errors?: Array<{ message: string; extensions?: Data }> }): void {
  expect(response.status).toBe(401);
  expect(response.data ?? null).toBeNull();
  expect(response.errors).toEqual([{ message: 'Invalid API key', extensions: { code: 'UNAUTHENTICATED', reason: 'INVALID_API_KEY' } }]);
}

beforeAll(async () => {
  admin = await paths.compiled.login(Role.ADMIN, NORTHWIND);
});

describe('API clients', () => {
  it('an admin registers a client and gets its key once; the key opens the API with the client’s tenant and scopes, by either header', async () => {
    const created = await createClient(admin, { name: '  Northwind Labs  ', maskingProfile: 'COORDINATOR', scopes: LAB_SCOPES, rateLimitPerMinute: 600 });
    expect(created.errors).toBeUndefined();
    const { key, keyPrefix, apiClient } = created.data!.createApiClient;
    clientOfKey.set(key, apiClient.id);
    expect(key).toMatch(/^cgk_[a-z0-9]{16}_[A-Za-z0-9_-]{43}$/);
    expect(key.startsWith(`cgk_${keyPrefix}_`)).toBe(true);
    expect(apiClient).toMatchObject({ name: 'Northwind Labs', status: 'ACTIVE', maskingProfile: 'COORDINATOR', scopes: LAB_SCOPES, rateLimitPerMinute: 600, expiresAt: null });
    expect(apiClient.keys.nodes).toEqual([{ prefix: keyPrefix, expiresAt: null, revokedAt: null }]);

    for (const header of ['authorization', 'x-api-key'] as const) {
      for (const on of [paths.compiled, paths.resolvers]) {
        const read = await withKey(key, PATIENTS, {}, { on, header });
        expect(read.errors).toBeUndefined();
        expect(read.data!.patients.totalCount).toBeGreaterThan(0);
      }
    }
    // Northwind's patients only, the same the tenant's coordinator reads.
    const coordinator = await gql(PATIENTS, {}, await paths.compiled.login(Role.COORDINATOR, NORTHWIND));
    expect((await withKey(key, PATIENTS)).data).toEqual(coordinator.data);

    // Nothing else tells the key: listing the client shows its prefix only.
    const listed = await gql(`{ apiClients(first: 50, filter: { name: { eq: "Northwind Labs" } }) { nodes { name keys(first: 5) { nodes { prefix lastUsedAt } } } } }`, {}, admin);
    expect(listed.data!.apiClients.nodes).toEqual([{ name: 'Northwind Labs', keys: { nodes: [{ prefix: keyPrefix, lastUsedAt: expect.any(String) }] } }]);
    expect(JSON.stringify(listed)).not.toContain(key.slice(21));
  });
});

describe('keys that do not open the API', () => {
  it('wrong, malformed, unknown, revoked, suspended, expired and deleted keys all get one UNAUTHENTICATED answer, and nothing runs', async () => {
    const client = await lab();
    expect((await withKey(client.key, PATIENTS)).errors).toBeUndefined(); // verified once: now kept in memory too
    const otherSecret = `cgk_${client.prefix}_${'A'.repeat(43)}`;
    const finished = paths.compiled.statements.size;
    for (const key of [otherSecret, `cgk_${'0'.repeat(16)}_${'A'.repeat(43)}`, 'cgk_short', `${client.key}x`, client.key.toUpperCase(), '']) {
      expectRefused(await withKey(key, PATIENTS));
    }
    // Refused before the request began: no statement, no transaction.
    expect(paths.compiled.statements.size).toBe(finished);
    // Both credentials at once: which one counts is not guessed.
    const both = await paths.compiled.graphql<Data, Data>(PATIENTS, {}, await paths.compiled.login(Role.ADMIN, NORTHWIND), { 'x-api-key': client.key });
    expect([both.status, both.errors![0].extensions!.code]).toEqual([401, 'UNAUTHENTICATED']);

    // Suspended: refused at once, although the key was kept in memory; active again: back.
    expect((await update(admin, { id: client.id, expectedVersion: client.version, status: 'SUSPENDED' })).errors).toBeUndefined();
    expectRefused(await withKey(client.key, PATIENTS));
    const suspended = (await gql(`query($id: ID!) { node(id: $id) { ... on ApiClient { version } } }`, { id: client.id }, admin)).data!.node.version;
    expect((await update(admin, { id: client.id, expectedVersion: suspended, status: 'ACTIVE' })).errors).toBeUndefined();
    expect((await withKey(client.key, PATIENTS)).errors).toBeUndefined();

    // Expired: the client's expiry passes (set by the owner: the API takes future expiries only).
    const expiring = await lab();
    expect((await withKey(expiring.key, PATIENTS)).errors).toBeUndefined();
    await owner(`UPDATE api_clients SET expires_at = now() - interval '1 second' WHERE id = $1`, [parseGlobalId(expiring.id)!.id]);
    expectRefused(await withKey(expiring.key, PATIENTS));

    // Deleted: refused; revoked: refused for good, every key revoked.
    const deleted = await lab();
    expect((await withKey(deleted.key, PATIENTS)).errors).toBeUndefined();
    expect((await gql(`mutation($id: ID!) { deleteApiClient(input: { id: $id }) { apiClient { id } } }`, { id: deleted.id }, admin)).errors).toBeUndefined();
    expectRefused(await withKey(deleted.key, PATIENTS));

    const revoked = await revoke(admin, { id: client.id });
    expect(revoked.errors).toBeUndefined();
    expect(revoked.data!.revokeApiClient.apiClient.status).toBe('REVOKED');
    expect(revoked.data!.revokeApiClient.apiClient.keys.nodes.every((k: Data) => k.revokedAt !== null)).toBe(true);
    expectRefused(await withKey(client.key, PATIENTS, {}, { on: paths.resolvers }));
    const again = await update(admin, { id: client.id, expectedVersion: revoked.data!.revokeApiClient.apiClient.version, status: 'ACTIVE' });
    expect(again.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect((await rotate(admin, { id: client.id })).errors![0].extensions!.code).toBe('NOT_FOUND');
  });

  it('an API client’s account never logs in, is no member, and a key never reaches the database or the logs in clear', async () => {
    const client = await lab();
    const [{ email }] = await owner(`SELECT u.email FROM api_clients c JOIN users u ON u.id = c.user_id WHERE c.id = $1`, [parseGlobalId(client.id)!.id]);
    const login = await gql(`mutation($input: LoginInput!) { login(input: $input) { accessToken } }`, { input: { email, password: DEMO_PASSWORD, tenantSlug: NORTHWIND } });
    expect(login.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    const members = await gql(`{ members(first: 100) { nodes { email } } }`, {}, admin);
    expect(members.data!.members.nodes.map((m: Data) => m.email)).not.toContain(email);
    const invited = await gql(`mutation($input: InviteMemberInput!) { inviteMember(input: $input) { token } }`, { input: { email, role: 'ADMIN' } }, admin);
    expect(fieldRules(invited)).toEqual(['input.email:apiClientAccount']);

    // Stored: the SHA-256 of the key, nowhere else (audit rows included); the request role cannot read even the hash.
    // The whole secret after `cgk_<prefix>_` (it may itself hold `_`: its last one would leave a tail short enough to turn up in any ciphertext).
    const secret = client.key.slice(`cgk_${client.prefix}_`.length);
    expect(secret).toHaveLength(43);
    const [{ found }] = await owner(
      `SELECT (SELECT count(*) FROM audit_logs WHERE old_values::text LIKE '%' || $1 || '%' OR new_values::text LIKE '%' || $1 || '%')
            + (SELECT count(*) FROM api_client_keys k WHERE to_jsonb(k)::text LIKE '%' || $1 || '%')::int AS found`,
      [secret],
    );
    expect(Number(found)).toBe(0);
    const [{ matches }] = await owner(`SELECT count(*)::int AS matches FROM api_key_secrets s JOIN api_client_keys k ON k.id = s.key_id WHERE k.prefix = $1 AND s.secret_hash = sha256($2::bytea)`, [client.prefix, client.key]);
    expect(matches).toBe(1);
    const requestRole = new Client({ connectionString: paths.compiled.db.appUrl });
    await requestRole.connect();
    try {
      await expect(requestRole.query('SELECT * FROM api_key_secrets')).rejects.toMatchObject({ code: '42501' });
      await expect(requestRole.query(`SELECT api_key_candidate($1)`, [client.prefix])).rejects.toMatchObject({ code: '42501' });
    } finally {
      await requestRole.end();
    }

    // Logs: every line of a server that answered good and bad keys, at the most verbose level.
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _encoding, done) => void (lines.push(String(chunk)), done()) });
    const logged = await startTestApp({ db: paths.compiled.db, logger: pino({ level: 'trace' }, sink) });
    try {
      await withKey(client.key, PATIENTS, {}, { on: logged });
      await withKey(client.key, `{ clinicalNotes(first: 1) { nodes { id } } }`, {}, { on: logged });
      await withKey(`cgk_${client.prefix}_${'B'.repeat(43)}`, PATIENTS, {}, { on: logged });
      await withKey(client.key, '{ patients(first: ', {}, { on: logged, header: 'x-api-key' });
    } finally {
      await logged.stop();
    }
    expect(lines.join('')).not.toContain(secret);
  });
});

describe('rotation', () => {
  it('a new key, with the old ones working on for the grace period, then only the newest', async () => {
    const client = await lab();
    const first = client.key;
    const graced = await rotate(admin, { id: client.id, graceSeconds: 3600 });
    expect(graced.errors).toBeUndefined();
    const second = graced.data!.rotateApiClientKey.key;
    clientOfKey.set(second, client.id);
    expect(second).not.toBe(first);
    const keys = graced.data!.rotateApiClientKey.apiClient.keys.nodes;
    expect(keys.map((k: Data) => k.prefix)).toEqual([graced.data!.rotateApiClientKey.keyPrefix, client.prefix]);
    const graceEnds = Date.parse(keys[1].expiresAt);
    expect(graceEnds).toBeGreaterThan(Date.now() + 3500_000);
    expect(graceEnds).toBeLessThan(Date.now() + 3700_000);
    expect(keys[0].expiresAt).toBeNull();
    for (const key of [first, second]) expect((await withKey(key, PATIENTS)).errors).toBeUndefined();

    // The grace period ends (moved by the owner): the first key stops, the second goes on.
    await owner(`UPDATE api_client_keys SET expires_at = now() - interval '1 second' WHERE prefix = $1`, [client.prefix]);
    expectRefused(await withKey(first, PATIENTS));
    expect((await withKey(second, PATIENTS)).errors).toBeUndefined();

    // Rotated without grace: every earlier key stops now.
    const third = (await rotate(admin, { id: client.id })).data!.rotateApiClientKey.key;
    clientOfKey.set(third, client.id);
    expectRefused(await withKey(second, PATIENTS));
    expect((await withKey(third, PATIENTS)).errors).toBeUndefined();

    // The rotations are audited; the keys' last uses (written as they were used) are not.
    const audited = await owner(
      `SELECT a.action, a.new_values->>'prefix' AS prefix FROM audit_logs a JOIN api_client_keys k ON k.id = a.record_id
        WHERE a.table_name = 'api_client_keys' AND k.api_client_id = $1 AND a.request_id IS NOT NULL ORDER BY a.id`,
      [parseGlobalId(client.id)!.id],
    );
    // A last use is written after the request is let in, outside it: wait for the third key's.
    const usedKeys = async () => (await owner(`SELECT count(*)::int AS used FROM api_client_keys WHERE api_client_id = $1 AND last_used_at IS NOT NULL`, [parseGlobalId(client.id)!.id]))[0].used as number;
    for (let tries = 0; tries < 100 && (await usedKeys()) < 3; tries++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await usedKeys()).toBe(3);
    expect(audited.map((a) => a.action)).toEqual(['INSERT', 'UPDATE', 'INSERT', 'UPDATE', 'INSERT']);

    const tooLong = await rotate(admin, { id: client.id, graceSeconds: 31 * 24 * 3600 });
    expect(fieldRules(tooLong)).toEqual(['input.graceSeconds:max']);
  });
});

describe('scopes', () => {
  it('are the client’s only permissions on every read path: top level, nested, compiled, node(id)', async () => {
    const client = await lab({ maskingProfile: 'CLINICIAN' });
    const noteId = (await gql(`{ clinicalNotes(first: 1) { nodes { id } } }`, {}, admin)).data!.clinicalNotes.nodes[0].id;
    for (const on of [paths.compiled, paths.resolvers]) {
      const top = await withKey(client.key, `{ clinicalNotes(first: 1) { nodes { id } } }`, {}, { on });
      expect(top.errors!.map((e) => [e.extensions!.code, e.extensions!.permission])).toEqual([['FORBIDDEN', 'CLINICAL_NOTE_READ']]);
      const nested = await withKey(client.key, `{ patients(first: 2) { nodes { id clinicalNotes(first: 1) { nodes { id } } } } }`, {}, { on });
      expect(nested.errors!.map((e) => e.extensions!.code)).toContain('FORBIDDEN');
      expect(nested.errors!.every((e) => e.extensions!.permission === 'CLINICAL_NOTE_READ')).toBe(true);
      const byNode = await withKey(client.key, `query($id: ID!) { node(id: $id) { id } }`, { id: noteId }, { on });
      expect(byNode.data?.node ?? null).toBeNull();
      expect(byNode.errors!.map((e) => [e.extensions!.code, e.extensions!.permission, e.path!.join('.')])).toEqual([['FORBIDDEN', 'CLINICAL_NOTE_READ', 'node']]);
      // Writes too: the scopes give tasks, not patients.
      const write = await withKey(client.key, `mutation { createSite(input: { name: "Partner site", kind: CLINIC }) { site { id } } }`, {}, { on });
      expect(write.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', permission: 'SITE_CREATE' });
    }
  });

  it('are checked when given: no key administration, not beyond the table, reads for what it writes; ADMIN is no profile; only admins manage clients', async () => {
    const bad = async (input: Data) => fieldRules(await createClient(admin, { name: `Bad ${++serial}`, maskingProfile: 'ANALYST', scopes: [], ...input }));
    expect(await bad({ scopes: ['PATIENT_READ', 'API_CLIENT_ISSUE_KEY'] })).toEqual(['input.scopes:noClientAdministration']);
    expect(await bad({ scopes: ['TASK_CREATE'] })).toEqual(['input.scopes:needsRead']);
    expect(await bad({ maskingProfile: 'ADMIN' })).toEqual(['input.maskingProfile:notAdmin']);
    expect(await bad({ expiresAt: new Date(Date.now() - 1000).toISOString() })).toEqual(['input.expiresAt:future']);
    expect(await bad({ rateLimitPerMinute: 0 })).toEqual(['input.rateLimitPerMinute:min']);
    const unknown = await createClient(admin, { name: 'Bad', maskingProfile: 'ANALYST', scopes: ['NOT_A_PERMISSION'] });
    expect(unknown.status).toBe(400);
    const clinician = await paths.compiled.login(Role.CLINICIAN, NORTHWIND);
    expect((await createClient(clinician, { name: 'Mine', maskingProfile: 'ANALYST', scopes: [] })).errors![0].extensions!.code).toBe('FORBIDDEN');
    expect((await gql(`{ apiClients(first: 1) { totalCount } }`, {}, clinician)).errors![0].extensions!.code).toBe('FORBIDDEN');
    // Another tenant's admin sees none of Northwind's clients, and cannot rotate their keys.
    const acmeAdmin = await paths.compiled.login(Role.ADMIN, ACME);
    const theirs = await lab();
    expect((await gql(`{ apiClients(first: 100) { nodes { id } } }`, {}, acmeAdmin)).data!.apiClients.nodes.map((n: Data) => n.id)).not.toContain(theirs.id);
    expect((await rotate(acmeAdmin, { id: theirs.id })).errors![0].extensions!.code).toBe('NOT_FOUND');
  });

  it('a change of scopes applies from the next request; the audit names the client’s account', async () => {
    const client = await lab();
    const created = await withKey(client.key, `mutation { createTask(input: { title: "Results ready for review" }) { task { id } } }`);
    expect(created.errors).toBeUndefined();
    const taskId = parseGlobalId(created.data!.createTask.task.id)!.id;
    const [audit] = await owner(
      `SELECT a.actor_user_id = c.user_id AS "byClient" FROM audit_logs a JOIN api_clients c ON c.id = $2 WHERE a.table_name = 'tasks' AND a.record_id = $1 AND a.action = 'INSERT'`,
      [taskId, parseGlobalId(client.id)!.id],
    );
    expect(audit).toEqual({ byClient: true });

    const narrowed = await update(admin, { id: client.id, expectedVersion: client.version, scopes: ['PATIENT_READ', 'SITE_READ'] });
    expect(narrowed.errors).toBeUndefined();
    // One refusal at most while an older read of the client is kept, then the new scopes.
    // This instance still holds the client's older read: that request is refused once (the database saw the scopes change), the next reads them again.
    expectRefused(await withKey(client.key, `{ tasks(first: 1) { totalCount } }`));
    const tasks = await withKey(client.key, `{ tasks(first: 1) { totalCount } }`);
    expect(tasks.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', permission: 'TASK_READ' });
    expect((await withKey(client.key, PATIENTS)).errors).toBeUndefined();
  });
});

describe('rate limits', () => {
  it('a client with its own rate gets exactly that many requests a minute, then 429 with Retry-After', async () => {
    const client = await lab({ rateLimitPerMinute: 3 });
    for (let i = 0; i < 3; i++) expect((await withKey(client.key, PATIENTS)).status).toBe(200);
    const refused = await withKey(client.key, PATIENTS);
    expect(refused.status).toBe(429);
    expect(refused.errors![0].extensions!.code).toBe('RATE_LIMITED');
    // Another client is counted on its own.
    expect((await withKey((await lab({ rateLimitPerMinute: 3 })).key, PATIENTS)).status).toBe(200);
  });
});

describe('from the attacker review', () => {
  it('a key does not sign members in; a sign-in goes alone; a client’s membership is no member to administer; custom roles never administer partners', async () => {
    const client = await lab();
    const login = `mutation($input: LoginInput!) { login(input: $input) { accessToken } }`;
    const input = { email: 'analyst@northwind-clinic.test', password: DEMO_PASSWORD, tenantSlug: NORTHWIND };
    const byPartner = await withKey(client.key, login, { input });
    expect([byPartner.status, byPartner.errors![0].extensions!.code]).toEqual([400, 'BAD_REQUEST']);
    const mixed = await gql(`mutation($input: LoginInput!) { login(input: $input) { accessToken } createSite(input: { name: "Mixed", kind: CLINIC }) { site { id } } }`, { input }, admin);
    expect([mixed.status, mixed.errors![0].extensions!.code]).toEqual([400, 'BAD_REQUEST']);

    const [{ id: membershipId }] = await owner(`SELECT m.id FROM memberships m JOIN api_clients c ON c.id = m.api_client_id WHERE c.id = $1`, [parseGlobalId(client.id)!.id]);
    const deactivate = await gql(`mutation($id: ID!) { deactivateMember(input: { id: $id }) { active } }`, { id: toGlobalId('Member', membershipId as string) }, admin);
    expect(deactivate.errors![0].extensions!.code).toBe('NOT_FOUND');
    expect((await withKey(client.key, PATIENTS)).errors).toBeUndefined();

    const role = await gql(`mutation($input: CreateCustomRoleInput!) { createCustomRole(input: $input) { customRole { id } } }`, { input: { name: 'Integrations', maskingProfile: 'ANALYST', permissions: ['API_CLIENT_READ'] } }, admin);
    expect(fieldRules(role)).toEqual(['input.permissions:adminOnly']);
  });

  it('a deleted client’s keys end with it: restored, it needs a new key', async () => {
    const client = await lab();
    const deleted = await gql(`mutation($id: ID!) { deleteApiClient(input: { id: $id }) { apiClient { id } } }`, { id: client.id }, admin);
    expect(deleted.errors).toBeUndefined();
    expect((await gql(`mutation($id: ID!) { restoreApiClient(input: { id: $id }) { apiClient { status } } }`, { id: client.id }, admin)).errors).toBeUndefined();
    expectRefused(await withKey(client.key, PATIENTS));
    const fresh = (await rotate(admin, { id: client.id })).data!.rotateApiClientKey.key;
    clientOfKey.set(fresh, client.id);
    expect((await withKey(fresh, PATIENTS)).errors).toBeUndefined();
  });

  it('a key that cannot be looked up (the keys table locked past the lock timeout) is a 503 with Retry-After, not a dropped connection', async () => {
    const client = await lab();
    const documentId = `sha256:${await registeredFor(client.key, PATIENTS)}`;
    const locker = new Client({ connectionString: paths.compiled.db.ownerUrl });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE api_client_keys IN ACCESS EXCLUSIVE MODE');
      const response = await request(paths.compiled.server.requestListener).post('/graphql').set('x-api-key', client.key).send({ documentId });
      expect(response.status).toBe(503);
      expect(response.headers['retry-after']).toBe('2');
      expect(response.body.errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
    } finally {
      await locker.query('ROLLBACK');
      await locker.end();
    }
    expect((await withKey(client.key, PATIENTS)).errors).toBeUndefined();
  });
});
