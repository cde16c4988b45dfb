import { ACME, memberIdByRole, NORTHWIND, onlyError, startTestApp, TestApp, fieldRules } from './support/harness';
import { Role } from '../src/entities/enums';

/** Member administration: roles, deactivation and reactivation; a tenant always keeps an active admin. */

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.stop());

type Data = Record<string, any>;
const gql = (query: string, variables: Data, token: string) => app.graphql<Data, Data>(query, variables, token);
const PAYLOAD = '{ active member { id role version } }';
const changeRole = (token: string, input: Data) => gql(`mutation($input: ChangeMemberRoleInput!) { changeMemberRole(input: $input) ${PAYLOAD} }`, { input }, token);
const deactivate = (token: string, id: string) => gql(`mutation($input: MemberIdInput!) { deactivateMember(input: $input) ${PAYLOAD} }`, { input: { id } }, token);
const reactivate = (token: string, id: string) => gql(`mutation($input: MemberIdInput!) { reactivateMember(input: $input) ${PAYLOAD} }`, { input: { id } }, token);
const member = async (token: string, id: string) => (await gql(`query($id: ID!) { node(id: $id) { ... on Member { role version } } }`, { id }, token)).data!.node as { role: string; version: number } | null;
/** A fresh login: tokens are cached per role by the harness. */
const freshLogin = async (role: Role, tenant = ACME) => {
  const response = await app.graphql<Data, Data>(`mutation($input: LoginInput!) { login(input: $input) { accessToken } }`, {
    input: { email: `${role.toLowerCase()}@${tenant}.test`, password: 'demo-password', tenantSlug: tenant },
  });
  return response.data!.login.accessToken as string;
};

it('a role change applies from the member’s next request: the token they hold is refused, a new login has the new role', async () => {
  const admin = await app.login(Role.ADMIN);
  const analyst = await freshLogin(Role.ANALYST);
  const id = await memberIdByRole(app, admin, Role.ANALYST);
  expect((await gql(`{ me { role } }`, {}, analyst)).data!.me.role).toBe('ANALYST');
  const changed = await changeRole(admin, { id, role: 'COORDINATOR', expectedVersion: (await member(admin, id))!.version });
  expect(changed.data!.changeMemberRole).toMatchObject({ active: true, member: { id, role: 'COORDINATOR' } });
  expect(onlyError(await gql(`{ me { role } }`, {}, analyst)).extensions!.code).toBe('UNAUTHENTICATED');
  expect((await gql(`{ me { role } }`, {}, await freshLogin(Role.ANALYST))).data!.me.role).toBe('COORDINATOR');
  const stale = await changeRole(admin, { id, role: 'ANALYST', expectedVersion: 1 });
  expect(onlyError(stale).extensions).toMatchObject({ code: 'CONFLICT', expectedVersion: 1 });
  expect((await changeRole(admin, { id, role: 'ANALYST', expectedVersion: (await member(admin, id))!.version })).errors).toBeUndefined();
});

it('a deactivated member’s next request is refused; admins list and reactivate them', async () => {
  const admin = await app.login(Role.ADMIN);
  const sdr = await freshLogin(Role.SDR);
  const id = await memberIdByRole(app, admin, Role.SDR);
  const off = await deactivate(admin, id);
  expect(off.data!.deactivateMember).toMatchObject({ active: false, member: { id } });
  expect(onlyError(await gql(`{ me { role } }`, {}, sdr)).extensions!.code).toBe('UNAUTHENTICATED');
  expect(fieldRules(await deactivate(admin, id))).toEqual(['input.id:active']);
  const listed = await gql(`{ deactivatedMembers { id role } }`, {}, admin);
  expect(listed.data!.deactivatedMembers).toContainEqual({ id, role: 'SDR' });
  const on = await reactivate(admin, id);
  expect(on.data!.reactivateMember).toMatchObject({ active: true, member: { id, role: 'SDR' } });
  expect((await gql(`{ me { role } }`, {}, sdr)).data!.me.role).toBe('SDR');
  expect(fieldRules(await reactivate(admin, id))).toEqual(['input.id:deactivated']);
});

it('the last active admin can be neither demoted nor deactivated; two admins demoting each other at once leave one', async () => {
  const admin = await app.login(Role.ADMIN);
  const adminId = await memberIdByRole(app, admin, Role.ADMIN);
  const selfDemotion = await changeRole(admin, { id: adminId, role: 'CLINICIAN', expectedVersion: (await member(admin, adminId))!.version });
  expect(onlyError(selfDemotion).extensions!.code).toBe('CONFLICT');
  expect(fieldRules(selfDemotion)).toEqual(['input.id:lastAdmin']);
  expect(fieldRules(await deactivate(admin, adminId))).toEqual(['input.id:lastAdmin']);

  // A second admin; then each demotes the other at the same moment.
  const coordinatorId = await memberIdByRole(app, admin, Role.COORDINATOR);
  expect((await changeRole(admin, { id: coordinatorId, role: 'ADMIN', expectedVersion: (await member(admin, coordinatorId))!.version })).errors).toBeUndefined();
  const second = await freshLogin(Role.COORDINATOR);
  const [a, b] = await Promise.all([
    changeRole(admin, { id: coordinatorId, role: 'COORDINATOR', expectedVersion: (await member(admin, coordinatorId))!.version }),
    changeRole(second, { id: adminId, role: 'CLINICIAN', expectedVersion: (await member(admin, adminId))!.version }),
  ]);
  expect([a, b].filter((r) => !r.errors)).toHaveLength(1);
  const [{ admins }] = await app.db.owner(`SELECT count(*)::int AS admins FROM memberships m JOIN tenants t ON t.id = m.tenant_id WHERE t.slug = $1 AND m.role = 'ADMIN' AND m.deleted_at IS NULL`, [ACME]);
  expect(admins).toBe(1);
});

it('reactivation counts against the plan; other tenants’ members, non-admins and malformed ids are refused', async () => {
  let admin = await app.login(Role.ADMIN, NORTHWIND);
  const id = await memberIdByRole(app, admin, Role.HEALTH_COACH);
  expect((await deactivate(admin, id)).errors).toBeUndefined();
  // A plan change ends the tokens issued before it: log in again after each.
  await app.db.owner(`UPDATE tenants SET plan = 'FREE' WHERE slug = $1`, [NORTHWIND]);
  try {
    app.forgetTokens();
    expect(onlyError(await reactivate(await app.login(Role.ADMIN, NORTHWIND), id)).extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 'maxMembers', max: 3 });
  } finally {
    await app.db.owner(`UPDATE tenants SET plan = 'ENTERPRISE' WHERE slug = $1`, [NORTHWIND]);
    app.forgetTokens();
  }
  admin = await app.login(Role.ADMIN, NORTHWIND);
  const acmeAdmin = await app.login(Role.ADMIN);
  expect(onlyError(await reactivate(acmeAdmin, id)).extensions!.code).toBe('NOT_FOUND');
  const clinician = await app.login(Role.CLINICIAN, NORTHWIND);
  expect(onlyError(await reactivate(clinician, id)).extensions!.code).toBe('FORBIDDEN');
  expect(fieldRules(await deactivate(admin, 'not-an-id'))).toEqual(['input.id:globalId']);
});
