import { ACME, NORTHWIND, onlyError, refusals, useBothPaths, fieldRules } from './support/harness';
import { Role } from '../src/entities/enums';
import { DEMO_TENANTS } from '../src/demo/demo-data';
import { permissionCatalogue } from '../src/auth/permission-catalogue';
import { assertReadsWithinProfile, missingReads, systemRolePermissions } from '../src/auth/permissions';
import { toGlobalId } from '../src/data/global-id';

/** Custom roles: a tenant's own roles as sets of permissions with a masking profile, applied on every path. */

/** The compiled read path on (`app`) and off (`paths.resolvers`), over one database. */
const paths = useBothPaths();

type Data = Record<string, any>;
const gql = (query: string, variables: Data = {}, token?: string, on = paths.compiled) => on.graphql<Data, Data>(query, variables, token);
const session = (payload: Data) => payload as { accessToken: string; refreshToken: string };
const refresh = async (refreshToken: string) =>
  session((await gql(`mutation($input: RefreshTokenInput!) { refreshSession(input: $input) { accessToken refreshToken } }`, { input: { refreshToken } })).data!.refreshSession);

const createRole = (token: string, input: Data) =>
  gql(`mutation($input: CreateCustomRoleInput!) { createCustomRole(input: $input) { customRole { id version name maskingProfile permissions } } }`, { input }, token);
const invite = (token: string, input: Data) => gql(`mutation($input: InviteMemberInput!) { inviteMember(input: $input) { token invitation { id role customRole { name } } } }`, { input }, token);
const accept = (token: string, name: string) =>
  gql(`mutation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { accessToken refreshToken role } }`, { input: { token, password: 'correct horse battery staple', name } });
const changeRole = (token: string, input: Data) => gql(`mutation($input: ChangeMemberRoleInput!) { changeMemberRole(input: $input) { member { id version role customRole { id } } } }`, { input }, token);
const memberVersion = async (token: string, id: string) => (await gql(`query($id: ID!) { node(id: $id) { ... on Member { version } } }`, { id }, token)).data!.node.version as number;

/** A new member of `tenant` with the custom role `roleId`, signed in: invited, then accepted. */
async function memberWithRole(adminToken: string, roleId: string, email: string): Promise<{ accessToken: string; refreshToken: string; memberId: string }> {
  const invited = await invite(adminToken, { email, customRoleId: roleId });
  expect(invited.errors).toBeUndefined();
  const accepted = await accept(invited.data!.inviteMember.token, email.split('@')[0]);
  expect(accepted.errors).toBeUndefined();
  const found = await gql(`query($email: String!) { members(first: 1, filter: { email: { eq: $email } }) { nodes { id } } }`, { email }, adminToken);
  return { ...session(accepted.data!.acceptInvitation), memberId: found.data!.members.nodes[0].id };
}

let admin: string;
beforeAll(async () => {
  admin = await paths.compiled.login(Role.ADMIN, NORTHWIND);
});

it('the demo roles name only permissions of the catalogue; the catalogue’s keys are the enum Permission', async () => {
  const catalogue = permissionCatalogue();
  for (const tenant of DEMO_TENANTS) for (const role of tenant.customRoles) expect(role.permissions.filter((p) => !catalogue.has(p))).toEqual([]);
  const values = await gql(`{ __type(name: "Permission") { enumValues { name } } }`);
  expect(values.data!.__type.enumValues.map((v: Data) => v.name).sort()).toEqual([...catalogue.keys()].sort());
  const listed = await gql(`{ customRoles(first: 10) { nodes { name maskingProfile } } }`, {}, admin);
  expect(listed.data!.customRoles.nodes).toEqual([
    { name: 'Billing clerk', maskingProfile: 'ANALYST' },
    { name: 'Receptionist', maskingProfile: 'COORDINATOR' },
  ]);
});

describe('defining roles', () => {
  it('an admin defines a role; role(id) shows its permissions; the rules are named', async () => {
    const created = await createRole(admin, { name: 'Ward clerk', maskingProfile: 'COORDINATOR', permissions: ['PATIENT_READ', 'APPOINTMENT_READ', 'SITE_READ'] });
    expect(created.errors).toBeUndefined();
    const { id } = created.data!.createCustomRole.customRole;
    const shown = await gql(`query($id: ID!) { role(id: $id) { name maskingProfile permissions } members(first: 5, filter: { customRole: { eq: $id } }) { totalCount } }`, { id }, admin);
    expect(shown.data).toEqual({ role: { name: 'Ward clerk', maskingProfile: 'COORDINATOR', permissions: ['PATIENT_READ', 'APPOINTMENT_READ', 'SITE_READ'] }, members: { totalCount: 0 } });

    // A system role's name, in any case, is not a custom role's; nor is a name taken.
    expect(fieldRules(await createRole(admin, { name: 'clinician ', maskingProfile: 'CLINICIAN', permissions: [] }))).toEqual(['input.name:systemRoleName']);
    expect(onlyError(await createRole(admin, { name: 'WARD CLERK', maskingProfile: 'ANALYST', permissions: [] })).extensions).toMatchObject({ code: 'CONFLICT' });
    // ADMIN is no profile; a permission twice is refused; one outside the catalogue never reaches the resolver.
    expect(fieldRules(await createRole(admin, { name: 'Superuser', maskingProfile: 'ADMIN', permissions: [] }))).toEqual(['input.maskingProfile:notAdmin']);
    expect(fieldRules(await createRole(admin, { name: 'Twice', maskingProfile: 'ANALYST', permissions: ['PATIENT_READ', 'PATIENT_READ'] }))).toEqual(['input.permissions:arrayUnique']);
    expect(onlyError(await createRole(admin, { name: 'Root', maskingProfile: 'ANALYST', permissions: ['EVERYTHING'] })).extensions!.code).toBe('BAD_USER_INPUT');
    // A role reads what it writes or acts on (a write answers with the row as written): so does every system role.
    expect(fieldRules(await createRole(admin, { name: 'Pay editor', maskingProfile: 'ANALYST', permissions: ['PAYROLL_ENTRY_UPDATE', 'INVOICE_ISSUE', 'INVOICE_READ'] }))).toEqual(['input.permissions:needsRead']);
    for (const system of Object.values(Role)) expect([system, missingReads(systemRolePermissions(system))]).toEqual([system, []]);
    // The profile is fixed: the update input has no such field.
    const update = await gql(`mutation($input: UpdateCustomRoleInput!) { updateCustomRole(input: $input) { customRole { id } } }`, { input: { id, expectedVersion: 1, maskingProfile: 'ANALYST' } }, admin);
    expect(update.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    // Only admins define roles.
    const clinician = await paths.compiled.login(Role.CLINICIAN, NORTHWIND);
    expect(refusals(await createRole(clinician, { name: 'Mine', maskingProfile: 'CLINICIAN', permissions: [] }))).toEqual([['FORBIDDEN', 'CUSTOM_ROLE_CREATE', 'createCustomRole']]);
  });

  it('a tenant whose plan lacks the feature defines and gives no custom roles', async () => {
    const vitalityAdmin = await paths.compiled.login(Role.ADMIN, 'vitality-coaching');
    expect(refusals(await createRole(vitalityAdmin, { name: 'Coach lead', maskingProfile: 'HEALTH_COACH', permissions: [] }))).toEqual([['FEATURE_DISABLED', 'CUSTOM_ROLES', 'createCustomRole']]);
    const [{ id }] = await paths.compiled.db.owner(`SELECT id FROM custom_roles WHERE name = 'Receptionist'`);
    expect(refusals(await invite(vitalityAdmin, { email: 'someone@vitality.example', customRoleId: toGlobalId('CustomRole', id as string) }))).toEqual([['FEATURE_DISABLED', 'CUSTOM_ROLES', 'inviteMember']]);
  });
});

describe('a member with a custom role', () => {
  let roleId: string;
  let member: { accessToken: string; refreshToken: string; memberId: string };
  beforeAll(async () => {
    const created = await createRole(admin, { name: 'Front desk', maskingProfile: 'COORDINATOR', permissions: ['PATIENT_READ', 'APPOINTMENT_READ', 'SITE_READ', 'MEMBER_READ'] });
    roleId = created.data!.createCustomRole.customRole.id;
    member = await memberWithRole(admin, roleId, 'front.desk@northwind.example');
  });

  it('has exactly the role’s permissions, on every path: top level, nested, node(id), both read paths', async () => {
    const me = await gql(`{ me { role customRole { name } permissions } }`, {}, member.accessToken);
    expect(me.data!.me).toEqual({ role: 'COORDINATOR', customRole: { name: 'Front desk' }, permissions: ['SITE_READ', 'PATIENT_READ', 'APPOINTMENT_READ', 'MEMBER_READ'] });
    const [{ id: noteId }] = await paths.compiled.db.owner(`SELECT id FROM clinical_notes WHERE tenant_id = (SELECT id FROM tenants WHERE slug = $1) AND deleted_at IS NULL LIMIT 1`, [NORTHWIND]);
    const cases: Array<[string, Array<[string, string, string]>]> = [
      [`{ patients(first: 2) { nodes { mrn appointments(first: 2) { nodes { title } } } } }`, []],
      [`{ clinicalNotes(first: 1) { nodes { id } } }`, [['FORBIDDEN', 'CLINICAL_NOTE_READ', 'clinicalNotes']]],
      [`{ patients(first: 1) { nodes { clinicalNotes(first: 1) { nodes { id } } } } }`, [['FORBIDDEN', 'CLINICAL_NOTE_READ', 'patients.nodes.0.clinicalNotes']]],
      [`{ appointments(first: 1) { nodes { careProfessional { lastName } } } }`, [['FORBIDDEN', 'CARE_PROFESSIONAL_READ', 'appointments.nodes.0.careProfessional']]],
      [`{ node(id: "${toGlobalId('ClinicalNote', noteId as string)}") { id } }`, [['FORBIDDEN', 'CLINICAL_NOTE_READ', 'node']]],
      [`{ tasks(first: 1) { totalCount } }`, [['FORBIDDEN', 'TASK_READ', 'tasks']]],
    ];
    for (const [query, expected] of cases) {
      const fast = await gql(query, {}, member.accessToken);
      const slow = await gql(query, {}, member.accessToken, paths.resolvers);
      expect({ query, fast: refusals(fast), slow: refusals(slow) }).toEqual({ query, fast: expected, slow: expected });
      expect(fast.data).toEqual(slow.data);
    }
    // Its system role, COORDINATOR, could create patients: the custom role cannot.
    const create = await gql(`mutation { createPatient(input: { firstName: "Not", lastName: "Allowed" }) { patient { id } } }`, {}, member.accessToken);
    expect(refusals(create)).toEqual([['FORBIDDEN', 'PATIENT_CREATE', 'createPatient']]);
  });

  it('sees fields as its masking profile does: medical details for a COORDINATOR profile, not for an ANALYST one', async () => {
    const [{ id }] = await paths.compiled.db.owner(`SELECT id FROM patients WHERE medical_details IS NOT NULL AND tenant_id = (SELECT id FROM tenants WHERE slug = $1) LIMIT 1`, [NORTHWIND]);
    const query = `query($id: ID!) { node(id: $id) { ... on Patient { medicalDetails } } }`;
    const coordinatorView = await gql(query, { id: toGlobalId('Patient', id as string) }, member.accessToken);
    expect(coordinatorView.errors).toBeUndefined();
    expect(coordinatorView.data!.node.medicalDetails).toEqual(expect.any(Object));
    const analystRole = await createRole(admin, { name: 'Auditor', maskingProfile: 'ANALYST', permissions: ['PATIENT_READ'] });
    const auditor = await memberWithRole(admin, analystRole.data!.createCustomRole.customRole.id, 'auditor@northwind.example');
    expect(refusals(await gql(query, { id: toGlobalId('Patient', id as string) }, auditor.accessToken))).toEqual([['FORBIDDEN', null, 'node.medicalDetails']]);
  });

  it('a change to the role applies from the next request: older tokens are refused once, a refresh gets the new permissions', async () => {
    const shown = await gql(`query($id: ID!) { role(id: $id) { version permissions } }`, { id: roleId }, admin);
    const { version, permissions } = shown.data!.role;
    const updated = await gql(
      `mutation($input: UpdateCustomRoleInput!) { updateCustomRole(input: $input) { customRole { permissions } } }`,
      { input: { id: roleId, expectedVersion: version, permissions: [...permissions, 'PATIENT_CREATE'] } },
      admin,
    );
    expect(updated.errors).toBeUndefined();
    const stale = await gql(`{ me { role } }`, {}, member.accessToken);
    expect(onlyError(stale).extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'ACCESS_CHANGED' });
    // The refresh works with the stale token still in the header, as clients send it.
    const fresh = await paths.compiled.graphql<Data, Data>(`mutation($input: RefreshTokenInput!) { refreshSession(input: $input) { accessToken refreshToken } }`, { input: { refreshToken: member.refreshToken } }, member.accessToken);
    expect(fresh.errors).toBeUndefined();
    member = { ...member, ...session(fresh.data!.refreshSession) };
    const create = await gql(`mutation { createPatient(input: { firstName: "Now", lastName: "Allowed" }) { patient { id } } }`, {}, member.accessToken);
    expect(create.errors).toBeUndefined();
    // The admin's own token was issued before the change too.
    expect(onlyError(await gql(`{ me { role } }`, {}, admin)).extensions!.reason).toBe('ACCESS_CHANGED');
    paths.compiled.forgetTokens();
    admin = await paths.compiled.login(Role.ADMIN, NORTHWIND);
  });

  it('a role in use is not deleted: by a member, active or deactivated, or a pending invitation; giving them another frees it', async () => {
    const version = (await gql(`query($id: ID!) { role(id: $id) { version } }`, { id: roleId }, admin)).data!.role.version;
    const refused = await gql(`mutation($input: DeleteInput!) { deleteCustomRole(input: $input) { customRole { id } } }`, { input: { id: roleId, expectedVersion: version } }, admin);
    expect(onlyError(refused).extensions).toMatchObject({ code: 'CONFLICT', fields: [{ field: 'input.id', rule: 'roleInUse' }] });

    // Deactivated, the member still holds the role (reactivation gives it back).
    expect((await gql(`mutation($input: MemberIdInput!) { deactivateMember(input: $input) { active } }`, { input: { id: member.memberId } }, admin)).errors).toBeUndefined();
    expect(onlyError(await gql(`mutation($input: DeleteInput!) { deleteCustomRole(input: $input) { customRole { id } } }`, { input: { id: roleId } }, admin)).extensions!.code).toBe('CONFLICT');
    expect((await gql(`mutation($input: MemberIdInput!) { reactivateMember(input: $input) { active member { customRole { id } } } }`, { input: { id: member.memberId } }, admin)).data!.reactivateMember).toEqual({
      active: true,
      member: { customRole: { id: roleId } },
    });

    // Back to a system role: exactly one of role and customRoleId.
    const both = await changeRole(admin, { id: member.memberId, role: 'ANALYST', customRoleId: roleId, expectedVersion: await memberVersion(admin, member.memberId) });
    expect(fieldRules(both)).toEqual(['input.role:exactlyOne']);
    expect(fieldRules(await changeRole(admin, { id: member.memberId, expectedVersion: 1 }))).toEqual(['input.role:exactlyOne']);
    const back = await changeRole(admin, { id: member.memberId, role: 'ANALYST', expectedVersion: await memberVersion(admin, member.memberId) });
    expect(back.data!.changeMemberRole.member).toMatchObject({ role: 'ANALYST', customRole: null });
    // The auditor (an ANALYST profile role) is untouched; this role is free now.
    const deleted = await gql(`mutation($input: DeleteInput!) { deleteCustomRole(input: $input) { customRole { id } } }`, { input: { id: roleId } }, admin);
    expect(deleted.errors).toBeUndefined();
    // A deleted role is given to nobody.
    const given = await changeRole(admin, { id: member.memberId, customRoleId: roleId, expectedVersion: await memberVersion(admin, member.memberId) });
    expect(fieldRules(given)).toEqual(['input.customRoleId:exists']);

    // A pending invitation holds its role too, until it is revoked.
    const pendingRole = (await createRole(admin, { name: 'Locum', maskingProfile: 'CLINICIAN', permissions: ['PATIENT_READ'] })).data!.createCustomRole.customRole.id;
    const invited = await invite(admin, { email: 'locum@northwind.example', customRoleId: pendingRole });
    expect(invited.data!.inviteMember.invitation).toMatchObject({ role: 'CLINICIAN', customRole: { name: 'Locum' } });
    const deleteLocum = () => gql(`mutation($input: DeleteInput!) { deleteCustomRole(input: $input) { customRole { id } } }`, { input: { id: pendingRole } }, admin);
    expect(fieldRules(await deleteLocum())).toEqual(['input.id:roleInUse']);
    expect((await gql(`mutation($input: RevokeInvitationInput!) { revokeInvitation(input: $input) { invitation { status } } }`, { input: { id: invited.data!.inviteMember.invitation.id } }, admin)).errors).toBeUndefined();
    expect((await deleteLocum()).errors).toBeUndefined();
  });

  it('deleting a role and giving it at once: never a member with a deleted role', async () => {
    const admins = await paths.compiled.login(Role.ADMIN, NORTHWIND);
    const outcomes: string[] = [];
    for (let i = 0; i < 4; i++) {
      const role = (await createRole(admins, { name: `Race ${i}`, maskingProfile: 'ANALYST', permissions: [] })).data!.createCustomRole.customRole;
      const [{ id: memberDb, version }] = await paths.compiled.db.owner(
        `SELECT id, version FROM memberships WHERE custom_role_id IS NULL AND role = 'ANALYST' AND tenant_id = (SELECT id FROM tenants WHERE slug = $1) ORDER BY created_at LIMIT 1`,
        [NORTHWIND],
      );
      const memberId = toGlobalId('Member', memberDb as string);
      const [give, remove] = await Promise.all([
        changeRole(admins, { id: memberId, customRoleId: role.id, expectedVersion: version }),
        gql(`mutation($input: DeleteInput!) { deleteCustomRole(input: $input) { customRole { id } } }`, { input: { id: role.id } }, admins),
      ]);
      outcomes.push(`${give.errors ? 'refused' : 'given'}/${remove.errors ? 'kept' : 'deleted'}`);
      expect(give.errors && remove.errors).toBeFalsy();
      if (!give.errors) await changeRole(admins, { id: memberId, role: 'ANALYST', expectedVersion: give.data!.changeMemberRole.member.version });
    }
    const orphans = await paths.compiled.db.owner(`SELECT count(*)::int AS n FROM memberships m JOIN custom_roles r ON r.id = m.custom_role_id WHERE r.deleted_at IS NOT NULL`);
    expect(orphans[0].n).toBe(0);
    expect(outcomes.every((o) => o === 'given/kept' || o === 'refused/deleted')).toBe(true);
  });
});

it('system roles are not rows: the only mutations about roles give a member one, or define custom ones', async () => {
  const mutations = (await gql(`{ __schema { mutationType { fields { name } } } }`)).data!.__schema.mutationType.fields.map((m: Data) => m.name as string);
  expect(mutations.filter((name: string) => /role/i.test(name)).sort()).toEqual(['changeMemberRole', 'createCustomRole', 'deleteCustomRole', 'restoreCustomRole', 'updateCustomRole']);
  const token = await paths.compiled.login(Role.ADMIN, ACME);
  expect((await gql(`{ customRoles(first: 10) { nodes { name } } }`, {}, token)).data!.customRoles.nodes.map((n: Data) => n.name)).toEqual(['Activities coordinator', 'Deputy manager']);
});

describe('a de-identified masking profile', () => {
  it('reads nothing its system role may not read: no mask is declared for it there (custom roles and API clients, created or changed)', async () => {
    paths.compiled.forgetTokens();
    const admin = await paths.compiled.login(Role.ADMIN, NORTHWIND);
    const refused = await createRole(admin, { name: 'Lead analyst', maskingProfile: 'ANALYST', permissions: ['PATIENT_READ', 'LEAD_READ', 'MEDICAL_RECORD_READ'] });
    expect(onlyError(refused).extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'input.permissions', rule: 'profileReads', message: expect.stringContaining('LEAD_READ, MEDICAL_RECORD_READ') }] });
    const role = (await createRole(admin, { name: 'Counting analyst', maskingProfile: 'ANALYST', permissions: ['PATIENT_READ', 'APPOINTMENT_READ'] })).data!.createCustomRole.customRole;
    const widened = await gql(`mutation($input: UpdateCustomRoleInput!) { updateCustomRole(input: $input) { customRole { id } } }`, { input: { id: role.id, expectedVersion: role.version, permissions: ['PATIENT_READ', 'CLINICAL_NOTE_READ'] } }, admin);
    expect(fieldRules(widened)).toEqual(['input.permissions:profileReads']);
    const client = await gql(`mutation($input: CreateApiClientInput!) { createApiClient(input: $input) { apiClient { id } } }`, { input: { name: 'Lead feed', maskingProfile: 'ANALYST', scopes: ['LEAD_READ'] } }, admin);
    expect(fieldRules(client)).toEqual(['input.scopes:profileReads']);
    // An identified profile is given what the admin gives it.
    expect((await createRole(admin, { name: 'Notes reader', maskingProfile: 'COORDINATOR', permissions: ['PATIENT_READ', 'CLINICAL_NOTE_READ'] })).errors).toBeUndefined();
    // The demo's roles keep the rule.
    for (const tenant of DEMO_TENANTS) for (const demoRole of tenant.customRoles) expect(() => assertReadsWithinProfile(demoRole.permissions, demoRole.maskingProfile, 'demo')).not.toThrow();
  });
});

describe('nobody grants or takes more than they hold', () => {
  it('a custom role with the administration permissions gives and touches only roles within its own', async () => {
    paths.compiled.forgetTokens();
    const admin = await paths.compiled.login(Role.ADMIN, NORTHWIND);
    const managerRole = (
      await createRole(admin, {
        name: 'Team lead',
        maskingProfile: 'COORDINATOR',
        permissions: ['MEMBER_READ', 'MEMBER_CHANGE_ROLE', 'MEMBER_DEACTIVATE', 'INVITATION_INVITE', 'INVITATION_READ', 'CUSTOM_ROLE_READ', 'CUSTOM_ROLE_CREATE', 'CUSTOM_ROLE_UPDATE', 'PATIENT_READ'],
      })
    ).data!.createCustomRole.customRole;
    const lead = await memberWithRole(admin, managerRole.id, 'team.lead@northwind.example');
    const version = (id: string) => memberVersion(admin, id);

    // Not ADMIN, for itself or for an invitee; no system role holds only what it holds.
    const self = await changeRole(lead.accessToken, { id: lead.memberId, role: 'ADMIN', expectedVersion: await version(lead.memberId) });
    expect(onlyError(self).extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'beyondOwn', field: 'input.role' });
    expect(onlyError(await invite(lead.accessToken, { email: 'friend@northwind.example', role: 'ADMIN' })).extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'beyondOwn' });
    // Not a wider custom role, nor widening one (its own included).
    const wider = (await createRole(admin, { name: 'Wider', maskingProfile: 'CLINICIAN', permissions: ['PATIENT_READ', 'CLINICAL_NOTE_READ'] })).data!.createCustomRole.customRole;
    expect(onlyError(await invite(lead.accessToken, { email: 'wider@northwind.example', customRoleId: wider.id })).extensions).toMatchObject({ rule: 'beyondOwn', field: 'input.customRoleId' });
    const widen = await gql(
      `mutation($input: UpdateCustomRoleInput!) { updateCustomRole(input: $input) { customRole { id } } }`,
      { input: { id: managerRole.id, expectedVersion: managerRole.version, permissions: [...managerRole.permissions, 'TENANT_SET_FEATURE'] } },
      lead.accessToken,
    );
    expect(onlyError(widen).extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'beyondOwn', permissions: ['TENANT_SET_FEATURE'] });
    expect(onlyError(await createRole(lead.accessToken, { name: 'Sneaky', maskingProfile: 'ANALYST', permissions: ['CLINICAL_NOTE_READ'] })).extensions!.rule).toBe('beyondOwn');
    // Not an admin's role or membership.
    const [{ id: adminDb }] = await paths.compiled.db.owner(`SELECT id FROM memberships WHERE role = 'ADMIN' AND tenant_id = (SELECT id FROM tenants WHERE slug = $1) LIMIT 1`, [NORTHWIND]);
    const adminId = toGlobalId('Member', adminDb as string);
    expect(onlyError(await gql(`mutation($input: MemberIdInput!) { deactivateMember(input: $input) { active } }`, { input: { id: adminId } }, lead.accessToken)).extensions!.rule).toBe('beyondOwn');
    // Within its own, it works: a narrower custom role for a new colleague.
    const narrow = await createRole(lead.accessToken, { name: 'Reader', maskingProfile: 'ANALYST', permissions: ['PATIENT_READ'] });
    expect(narrow.errors).toBeUndefined();
    expect((await invite(lead.accessToken, { email: 'reader@northwind.example', customRoleId: narrow.data!.createCustomRole.customRole.id })).errors).toBeUndefined();
    expect(await paths.compiled.db.owner(`SELECT role FROM memberships WHERE role = 'ADMIN' AND tenant_id = (SELECT id FROM tenants WHERE slug = $1) AND deleted_at IS NULL`, [NORTHWIND])).toHaveLength(1);
  });

  it('time off is decided with TIME_OFF_REQUEST_DECIDE, whatever the masking profile', async () => {
    const admin = await paths.compiled.login(Role.ADMIN, NORTHWIND);
    const clerk = (await createRole(admin, { name: 'Rota clerk', maskingProfile: 'COORDINATOR', permissions: ['TIME_OFF_REQUEST_READ', 'TIME_OFF_REQUEST_UPDATE', 'TIME_OFF_REQUEST_MANAGE_OTHERS'] })).data!
      .createCustomRole.customRole;
    const member = await memberWithRole(admin, clerk.id, 'rota.clerk@northwind.example');
    const [{ id, version }] = await paths.compiled.db.owner(
      `SELECT id, version FROM time_off_requests WHERE status = 'REQUESTED' AND deleted_at IS NULL AND tenant_id = (SELECT id FROM tenants WHERE slug = $1) LIMIT 1`,
      [NORTHWIND],
    );
    const approve = await gql(
      `mutation($input: UpdateTimeOffRequestInput!) { updateTimeOffRequest(input: $input) { timeOffRequest { status } } }`,
      { input: { id: toGlobalId('TimeOffRequest', id as string), expectedVersion: version, status: 'APPROVED' } },
      member.accessToken,
    );
    expect(onlyError(approve).extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'decideTimeOff' });
  });

  it('admins do not switch the feature off while custom roles are in use; a plan without it leaves their members nothing, never more', async () => {
    paths.compiled.forgetTokens();
    const admin = await paths.compiled.login(Role.ADMIN, ACME);
    const off = await gql(`mutation { setTenantFeature(input: { feature: CUSTOM_ROLES, enabled: false }) { feature { enabled } } }`, {}, admin);
    expect(onlyError(off).extensions).toMatchObject({ code: 'CONFLICT', fields: [{ field: 'input.feature', rule: 'inUse' }] });
    // An operator's plan change is not refused: the deputy manager (a COORDINATOR profile) then has no rights at all, not a coordinator's.
    const { setTenantPlan } = await import('../src/scripts/tenant-set-plan');
    await setTenantPlan(paths.compiled.db.ownerUrl, { slug: ACME, plan: 'STARTER' });
    try {
      const deputy = (await gql(`mutation($input: LoginInput!) { login(input: $input) { accessToken } }`, { input: { email: 'deputy.manager@acme-care.test', password: 'demo-password', tenantSlug: ACME } })).data!.login.accessToken;
      expect((await gql(`{ me { role permissions } }`, {}, deputy)).data!.me).toEqual({ role: 'COORDINATOR', permissions: [] });
      expect(refusals(await gql(`{ patients(first: 1) { totalCount } }`, {}, deputy))).toEqual([['FEATURE_DISABLED', 'CUSTOM_ROLES', 'patients']]);
    } finally {
      await setTenantPlan(paths.compiled.db.ownerUrl, { slug: ACME, plan: 'ENTERPRISE' });
      paths.compiled.forgetTokens();
    }
    // Names are compared trimmed.
    expect(onlyError(await createRole(await paths.compiled.login(Role.ADMIN, ACME), { name: ' Deputy manager ', maskingProfile: 'ANALYST', permissions: [] })).extensions).toMatchObject({ code: 'CONFLICT', fields: [{ field: 'input.name', rule: 'unique' }] });
  });
});
