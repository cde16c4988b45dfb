import { ACME, NORTHWIND, onlyError, startTestApp, TestApp, fieldRules } from './support/harness';
import { Role } from '../src/entities/enums';
import { DEMO_PASSWORD, demoEmail } from '../src/demo/demo-data';
import { createTenant } from '../src/scripts/tenant-create';

/** Onboarding: an operator creates a tenant, its first admin accepts the invitation, admins invite, revoke, and invitees accept. */

let app: TestApp;
let admin: string;
beforeAll(async () => {
  app = await startTestApp();
  admin = await app.login(Role.ADMIN);
});
afterAll(() => app.stop());

type Data = Record<string, any>;
const gql = (query: string, variables: Data = {}, token?: string) => app.graphql<Data, Data>(query, variables, token);
const PASSWORD = 'correct horse battery';
let emails = 0;
const newEmail = () => `invitee${++emails}.${Date.now()}@example.org`;

const accept = (input: Data) =>
  gql(`mutation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { accessToken role user { email } tenant { slug } } }`, { input: { password: PASSWORD, name: 'New Member', ...input } });
const invite = (input: Data, token = admin) =>
  gql(`mutation($input: InviteMemberInput!) { inviteMember(input: $input) { token acceptUrl invitation { id email role status expired expiresAt invitedBy { role } } } }`, { input }, token);
const login = (email: string, password: string, tenantSlug: string) =>
  gql(`mutation($input: LoginInput!) { login(input: $input) { accessToken role } }`, { input: { email, password, tenantSlug } });

describe('a new tenant, from an empty start', () => {
  it('tenant:create makes the tenant, its first site and its admin’s invitation; accepting it signs the admin in', async () => {
    const slug = `riverside-${Date.now()}`;
    const created = await createTenant(app.db.ownerUrl, { name: 'Riverside Clinic', slug, plan: 'FREE', adminEmail: 'Founder@Riverside.example' });
    expect(created.token).toMatch(new RegExp(`^${slug}\\.[A-Za-z0-9_-]{43}$`));
    // Only the token's hash is kept.
    const stored = await app.db.owner(`SELECT token_hash, email, role FROM invitations WHERE tenant_id = $1`, [created.tenantId]);
    expect(stored).toEqual([{ token_hash: expect.stringMatching(/^[0-9a-f]{64}$/), email: 'founder@riverside.example', role: 'ADMIN' }]);
    expect(JSON.stringify(stored)).not.toContain(created.token.split('.')[1]);

    const accepted = await accept({ token: created.token, name: 'Fran Founder' });
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data!.acceptInvitation).toMatchObject({ role: 'ADMIN', user: { email: 'founder@riverside.example' }, tenant: { slug } });
    const me = await gql(`{ me { role tenant { slug plan usage { members sites patients } } } sites { nodes { name kind } } }`, {}, accepted.data!.acceptInvitation.accessToken);
    expect(me.data).toEqual({ me: { role: 'ADMIN', tenant: { slug, plan: 'FREE', usage: { members: 1, sites: 1, patients: 0 } } }, sites: { nodes: [{ name: 'Riverside Clinic', kind: 'CLINIC' }] } });
    const [{ password_hash: hash }] = await app.db.owner(`SELECT password_hash FROM users WHERE email = 'founder@riverside.example'`);
    expect(hash).toMatch(/^\$argon2id\$/);
    expect((await login('founder@riverside.example', PASSWORD, slug)).data!.login.role).toBe('ADMIN');
    // Single use.
    expect(fieldRules(await accept({ token: created.token }))).toEqual(['input.token:invitation']);
  });

  it('tenant:create refuses a malformed or taken slug, an unknown plan and a malformed e-mail, creating nothing', async () => {
    const base = { name: 'X', slug: `x-${Date.now()}`, plan: 'FREE', adminEmail: 'a@b.example' };
    await expect(createTenant(app.db.ownerUrl, { ...base, slug: 'Not A Slug' })).rejects.toThrow(/--slug must be/);
    await expect(createTenant(app.db.ownerUrl, { ...base, slug: ACME })).rejects.toThrow(/taken/);
    await expect(createTenant(app.db.ownerUrl, { ...base, plan: 'GOLD' })).rejects.toThrow(/--plan must be one of/);
    await expect(createTenant(app.db.ownerUrl, { ...base, adminEmail: 'nobody' })).rejects.toThrow(/--admin-email/);
    expect(await app.db.owner(`SELECT 1 FROM tenants WHERE slug = $1`, [base.slug])).toEqual([]);
  });
});

describe('invitations', () => {
  it('an admin invites; the invitee accepts with a password meeting the policy and is a member with that role', async () => {
    const email = newEmail();
    const invited = await invite({ email, role: 'CARE_WORKER' });
    expect(invited.errors).toBeUndefined();
    const { token, acceptUrl, invitation } = invited.data!.inviteMember;
    expect(invitation).toMatchObject({ email, role: 'CARE_WORKER', status: 'PENDING', expired: false, invitedBy: { role: 'ADMIN' } });
    expect(acceptUrl).toContain(encodeURIComponent(token));
    for (const [password, message] of [['short1', /12 to 200/], ['aaaaaaaaaaaaaaaa', /5 different/], ['Password1234', /well-known/], [`${email.split('@')[0]}-secret`, /e-mail name/]] as const) {
      const refused = await accept({ token, password });
      expect(fieldRules(refused)).toEqual(['input.password:passwordPolicy']);
      expect(onlyError(refused).message).toMatch(message);
    }
    const accepted = await accept({ token });
    expect(accepted.data!.acceptInvitation).toMatchObject({ role: 'CARE_WORKER', tenant: { slug: ACME } });
    const list = await gql(`{ invitations(filter: { email: { eq: "${email}" } }) { nodes { status acceptedAt } } }`, {}, admin);
    expect(list.data!.invitations.nodes).toEqual([{ status: 'ACCEPTED', acceptedAt: expect.any(String) }]);
  });

  it('an e-mail with an account already proves it with its password, keeps it, and gains a membership', async () => {
    const email = demoEmail(Role.CLINICIAN, NORTHWIND);
    const { token } = (await invite({ email, role: 'ANALYST' })).data!.inviteMember;
    expect(fieldRules(await accept({ token, password: 'not the password at all' }))).toEqual(['input.password:existingAccount']);
    const accepted = await accept({ token, password: DEMO_PASSWORD });
    expect(accepted.data!.acceptInvitation).toMatchObject({ role: 'ANALYST', tenant: { slug: ACME } });
    // Both tenants, one password.
    expect((await login(email, DEMO_PASSWORD, ACME)).data!.login.role).toBe('ANALYST');
    expect((await login(email, DEMO_PASSWORD, NORTHWIND)).data!.login.role).toBe('CLINICIAN');
  });

  it('revoked, expired, used, unknown and malformed tokens all get the same answer', async () => {
    const revoked = (await invite({ email: newEmail(), role: 'ANALYST' })).data!.inviteMember;
    const done = await gql(`mutation($input: RevokeInvitationInput!) { revokeInvitation(input: $input) { invitation { status } } }`, { input: { id: revoked.invitation.id } }, admin);
    expect(done.data!.revokeInvitation.invitation.status).toBe('REVOKED');
    const expired = (await invite({ email: newEmail(), role: 'ANALYST' })).data!.inviteMember;
    await app.db.owner(`UPDATE invitations SET expires_at = now() - interval '1 minute' WHERE email = $1`, [expired.invitation.email]);
    const listed = await gql(`{ invitations(filter: { email: { eq: "${expired.invitation.email}" } }) { nodes { expired } } }`, {}, admin);
    expect(listed.data!.invitations.nodes).toEqual([{ expired: true }]);
    const unknown = `${ACME}.${'A'.repeat(43)}`;
    const answers = [];
    for (const token of [revoked.token, expired.token, unknown, 'garbage', `${NORTHWIND}.${revoked.token.split('.')[1]}`]) answers.push(onlyError(await accept({ token })));
    expect(new Set(answers.map((a) => JSON.stringify({ message: a.message, extensions: a.extensions }))).size).toBe(1);
    expect(answers[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'input.token', rule: 'invitation' }] });
  });

  it('two accepts of one token at once: exactly one membership', async () => {
    const email = newEmail();
    const { token } = (await invite({ email, role: 'COORDINATOR' })).data!.inviteMember;
    const results = await Promise.all([accept({ token }), accept({ token }), accept({ token })]);
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    const memberships = await app.db.owner(`SELECT count(*)::int AS n FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.email = $1`, [email]);
    expect(memberships[0].n).toBe(1);
  });

  it('refuses inviting a member or an e-mail with a pending invitation, and non-admins; invitations are for admins to read', async () => {
    expect(fieldRules(await invite({ email: demoEmail(Role.SDR, ACME), role: 'SDR' }))).toEqual(['input.email:alreadyMember']);
    const email = newEmail();
    expect((await invite({ email, role: 'SDR' })).errors).toBeUndefined();
    const again = await invite({ email: email.toUpperCase(), role: 'SDR' });
    expect(onlyError(again).extensions!.code).toBe('CONFLICT');
    expect(fieldRules(again)).toEqual(['input.email:pendingInvitation']);
    const coordinator = await app.login(Role.COORDINATOR);
    expect(onlyError(await invite({ email: newEmail(), role: 'ADMIN' }, coordinator)).extensions!.code).toBe('FORBIDDEN');
    expect(onlyError(await gql(`{ invitations { nodes { id } } }`, {}, coordinator)).extensions!.code).toBe('FORBIDDEN');
  });

  it('two tenants inviting one new e-mail, accepted at once with different passwords: one account, whose password is the first one’s', async () => {
    const email = newEmail();
    const northwindAdmin = await app.login(Role.ADMIN, NORTHWIND);
    const [mine, theirs] = [(await invite({ email, role: 'CLINICIAN' })).data!.inviteMember.token, (await invite({ email, role: 'ANALYST' }, northwindAdmin)).data!.inviteMember.token];
    const [a, b] = await Promise.all([accept({ token: mine, password: 'first password here' }), accept({ token: theirs, password: 'second password here' })]);
    const won = [a, b].filter((r) => !r.errors);
    expect(won).toHaveLength(1);
    const lost = [a, b].find((r) => r.errors)!;
    expect(fieldRules(lost)).toEqual(['input.password:existingAccount']);
    const winner = won[0] === a ? { password: 'first password here', slug: ACME } : { password: 'second password here', slug: NORTHWIND };
    expect((await login(email, winner.password, winner.slug)).data!.login.accessToken).toEqual(expect.any(String));
    expect(await app.db.owner(`SELECT count(*)::int AS n FROM users WHERE lower(email) = lower($1)`, [email])).toEqual([{ n: 1 }]);
  });

  it('a revoke and an accept of one invitation in one request: refused at once (a sign-in goes alone), not a wait on itself; nothing changes', async () => {
    const { token, invitation } = (await invite({ email: newEmail(), role: 'ANALYST' })).data!.inviteMember;
    const both = await gql(
      `mutation($id: ID!, $token: String!) { r: revokeInvitation(input: { id: $id }) { invitation { status } } a: acceptInvitation(input: { token: $token, password: "${PASSWORD}", name: "D" }) { role } }`,
      { id: invitation.id, token },
      admin,
    );
    expect(both.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([['BAD_REQUEST', 'acceptInvitation goes alone: send other fields in a request of their own']]);
    expect(both.data ?? null).toBeNull();
    const [row] = await app.db.owner(`SELECT status FROM invitations WHERE email = $1`, [invitation.email]);
    expect(row.status).toBe('PENDING');
    expect((await accept({ token })).errors).toBeUndefined();
  });

  it('a suspended tenant takes no new members; invisible characters do not count towards a password', async () => {
    const { token } = (await invite({ email: newEmail(), role: 'ANALYST' })).data!.inviteMember;
    expect(fieldRules(await accept({ token, password: `abcde${'\u200b'.repeat(10)}` }))).toEqual(['input.password:passwordPolicy']);
    expect(fieldRules(await accept({ token, name: 'Evil\u202Ename' }))).toEqual(['input.name:matches']);
    await app.db.owner(`UPDATE tenants SET subscription_status = 'SUSPENDED' WHERE slug = $1`, [ACME]);
    try {
      expect(onlyError(await accept({ token })).extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'SUBSCRIPTION_SUSPENDED' });
    } finally {
      await app.db.owner(`UPDATE tenants SET subscription_status = 'ACTIVE' WHERE slug = $1`, [ACME]);
    }
    expect((await accept({ token })).errors).toBeUndefined();
  });

  it('the plan’s member limit holds when invitations are accepted', async () => {
    const slug = `tiny-${Date.now()}`;
    const created = await createTenant(app.db.ownerUrl, { name: 'Tiny', slug, plan: 'FREE', adminEmail: `owner@${slug}.example` });
    const owner = (await accept({ token: created.token })).data!.acceptInvitation.accessToken as string;
    const tokens = [];
    for (let i = 0; i < 3; i++) tokens.push((await invite({ email: `member${i}@${slug}.example`, role: 'CARE_WORKER' }, owner)).data!.inviteMember.token as string);
    const results = [];
    for (const token of tokens) results.push(await accept({ token }));
    // FREE: 3 members. The owner and two accepted; the third is past the limit.
    expect(results.map((r) => (r.errors ? r.errors[0].extensions?.code : 'OK'))).toEqual(['OK', 'OK', 'LIMIT_EXCEEDED']);
    expect(onlyError(results[2]).extensions).toMatchObject({ limit: 'maxMembers', max: 3 });
  });
});
