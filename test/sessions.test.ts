import { createHash, randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { ACME, memberIdByRole, onlyError, startTestApp, TestApp } from './support/harness';
import { Role } from '../src/entities/enums';
import { DEMO_PASSWORD, demoEmail } from '../src/demo/demo-data';

/** Sessions: rotating refresh tokens, reuse detection, logout and logout everywhere. */

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.stop());

type Data = Record<string, any>;
const gql = (query: string, variables: Data = {}, token?: string) => app.graphql<Data, Data>(query, variables, token);
const login = async (role: Role) =>
  (await gql(`mutation($input: LoginInput!) { login(input: $input) { accessToken refreshToken refreshExpiresAt role } }`, { input: { email: demoEmail(role, ACME), password: DEMO_PASSWORD, tenantSlug: ACME } })).data!
    .login as { accessToken: string; refreshToken: string; refreshExpiresAt: string; role: string };
const refresh = (refreshToken: string) => gql(`mutation($input: RefreshTokenInput!) { refreshSession(input: $input) { accessToken refreshToken role } }`, { input: { refreshToken } });
const code = (response: { errors?: Array<{ extensions?: Data }> }) => onlyError(response as never).extensions!.code;

it('a refresh spends the token and returns the next; the new access token works; only hashes are stored', async () => {
  const session = await login(Role.CLINICIAN);
  expect(session.refreshToken).toMatch(/^[0-9a-f-]{36}\.[A-Za-z0-9_-]{43}$/);
  expect(Date.parse(session.refreshExpiresAt)).toBeGreaterThan(Date.now() + 29 * 86_400_000);
  const next = await refresh(session.refreshToken);
  expect(next.errors).toBeUndefined();
  expect(next.data!.refreshSession).toMatchObject({ role: 'CLINICIAN' });
  expect(next.data!.refreshSession.refreshToken).not.toBe(session.refreshToken);
  expect((await gql(`{ me { role } }`, {}, next.data!.refreshSession.accessToken)).data!.me.role).toBe('CLINICIAN');
  const stored = await app.db.owner(`SELECT token_hash FROM refresh_tokens`);
  expect(JSON.stringify(stored)).not.toContain(session.refreshToken.split('.')[1]);
});

it('a spent token presented again ends the whole session: the thief’s and the owner’s next refresh both fail', async () => {
  const session = await login(Role.CARE_WORKER);
  const owner = (await refresh(session.refreshToken)).data!.refreshSession.refreshToken as string;
  expect(code(await refresh(session.refreshToken))).toBe('UNAUTHENTICATED');
  expect(code(await refresh(owner))).toBe('UNAUTHENTICATED');
  // Another session of the same member is untouched.
  expect((await refresh((await login(Role.CARE_WORKER)).refreshToken)).errors).toBeUndefined();
});

it('two refreshes of one token at once: one gets the next token, the other ends the session', async () => {
  const session = await login(Role.ANALYST);
  const results = await Promise.all([refresh(session.refreshToken), refresh(session.refreshToken)]);
  const won = results.filter((r) => !r.errors);
  expect(won).toHaveLength(1);
  for (const r of won) expect(code(await refresh(r.data!.refreshSession.refreshToken))).toBe('UNAUTHENTICATED');
});

it('logout ends one session, logoutEverywhere every session of the caller; unknown or malformed tokens get one answer', async () => {
  const [one, two, three] = [await login(Role.COORDINATOR), await login(Role.COORDINATOR), await login(Role.COORDINATOR)];
  expect((await gql(`mutation($input: RefreshTokenInput!) { logout(input: $input) }`, { input: { refreshToken: one.refreshToken } })).data!.logout).toBe(true);
  expect(code(await refresh(one.refreshToken))).toBe('UNAUTHENTICATED');
  expect((await refresh(two.refreshToken)).errors).toBeUndefined();
  const everywhere = await gql(`mutation { logoutEverywhere }`, {}, three.accessToken);
  expect(everywhere.data!.logoutEverywhere).toBeGreaterThanOrEqual(2);
  expect(code(await refresh(three.refreshToken))).toBe('UNAUTHENTICATED');
  expect(code(await gql(`mutation { logoutEverywhere }`))).toBe('UNAUTHENTICATED');
  const answers = [await refresh('garbage'), await refresh(`${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}.${'A'.repeat(43)}`), await refresh(one.refreshToken)].map((r) => onlyError(r as never).message);
  expect(new Set(answers).size).toBe(1);
});

it('a refresh follows the membership: a new role is in the next tokens; a deactivated member gets none; an expired token is refused', async () => {
  const admin = await app.login(Role.ADMIN);
  const session = await login(Role.HEALTH_COACH);
  const id = await memberIdByRole(app, admin, Role.HEALTH_COACH);
  const version = (await gql(`query($id: ID!) { node(id: $id) { ... on Member { version } } }`, { id }, admin)).data!.node.version;
  await gql(`mutation($input: ChangeMemberRoleInput!) { changeMemberRole(input: $input) { active } }`, { input: { id, role: 'CLINICIAN', expectedVersion: version } }, admin);
  const renewed = await refresh(session.refreshToken);
  expect(renewed.data!.refreshSession.role).toBe('CLINICIAN');
  await gql(`mutation($input: MemberIdInput!) { deactivateMember(input: $input) { active } }`, { input: { id } }, admin);
  expect(code(await refresh(renewed.data!.refreshSession.refreshToken))).toBe('UNAUTHENTICATED');
  const late = await login(Role.SDR);
  await app.db.owner(`UPDATE refresh_tokens SET expires_at = now() - interval '1 second' WHERE revoked_at IS NULL AND rotated_at IS NULL AND user_id = (SELECT id FROM users WHERE email = $1)`, [demoEmail(Role.SDR, ACME)]);
  expect(code(await refresh(late.refreshToken))).toBe('UNAUTHENTICATED');
});

describe('revocation and a refresh at the same moment', () => {
  const hash = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

  it('logoutEverywhere waits for a refresh being committed and revokes the token it made', async () => {
    const session = await login(Role.CLINICIAN);
    const tenantId = session.refreshToken.split('.')[0];
    const next = `${tenantId}.${randomBytes(32).toString('base64url')}`;
    const held = new Client({ connectionString: app.db.authUrl });
    await held.connect();
    try {
      await held.query('BEGIN');
      const [rotated] = (await held.query(`SELECT status FROM session_rotate($1, $2, $3, now() + interval '1 day')`, [tenantId, hash(session.refreshToken), hash(next)])).rows;
      expect(rotated.status).toBe('OK');
      const everywhere = gql(`mutation { logoutEverywhere }`, {}, session.accessToken);
      await new Promise((resolve) => setTimeout(resolve, 200));
      await held.query('COMMIT');
      expect((await everywhere).data!.logoutEverywhere).toBeGreaterThanOrEqual(1);
    } finally {
      await held.end();
    }
    expect(code(await refresh(next))).toBe('UNAUTHENTICATED');
  });

  it('a deactivation ends the member’s sessions, and a reactivation does not bring them back', async () => {
    const admin = await app.login(Role.ADMIN);
    const session = await login(Role.CARE_WORKER);
    const id = await memberIdByRole(app, admin, Role.CARE_WORKER);
    await gql(`mutation($input: MemberIdInput!) { deactivateMember(input: $input) { active } }`, { input: { id } }, admin);
    await gql(`mutation($input: MemberIdInput!) { reactivateMember(input: $input) { active } }`, { input: { id } }, admin);
    expect(code(await refresh(session.refreshToken))).toBe('UNAUTHENTICATED');
    expect((await refresh((await login(Role.CARE_WORKER)).refreshToken)).errors).toBeUndefined();
  });
});
