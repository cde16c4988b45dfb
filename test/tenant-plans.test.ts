import { ACME, NORTHWIND, onlyError, startTestApp, TestApp, fieldRules } from './support/harness';
import { Role } from '../src/entities/enums';
import { toGlobalId } from '../src/data/global-id';
import { setTenantPlan } from '../src/scripts/tenant-set-plan';

/** Plans and their limits (held by the database, also under concurrent creates), suspended subscriptions, tenant settings. */

let app: TestApp;
let admin: string;
beforeAll(async () => {
  app = await startTestApp();
  admin = await app.login(Role.ADMIN);
});
afterAll(() => app.stop());

type Data = Record<string, any>;
const gql = (query: string, variables: Data = {}, token = admin) => app.graphql<Data, Data>(query, variables, token);
const tenantId = async (slug = ACME) => (await app.db.owner(`SELECT id FROM tenants WHERE slug = $1`, [slug]))[0].id as string;
/** An operator's `npm run tenant:set-plan`; then a new token, since a plan change ends the tokens issued before it (their features changed). */
const setPlan = async (plan: string, status = 'ACTIVE', slug = ACME) => {
  await setTenantPlan(app.db.ownerUrl, { slug, plan, status });
  app.forgetTokens();
  admin = await app.login(Role.ADMIN);
};
const createPatient = (token = admin) => gql(`mutation { createPatient(input: { firstName: "Plan", lastName: "Limit" }) { patient { id } } }`, {}, token);
const livePatients = async () => Number((await app.db.owner(`SELECT count(*) AS n FROM patients WHERE tenant_id = $1 AND deleted_at IS NULL`, [await tenantId()]))[0].n);

afterEach(() => setPlan('ENTERPRISE'));

describe('plans and limits', () => {
  it('me.tenant shows the plan, its limits and the usage', async () => {
    await setPlan('STARTER');
    const me = await gql(`{ me { tenant { plan subscriptionStatus limits { maxMembers maxPatients maxSites } usage { members patients sites } } } }`);
    expect(me.errors).toBeUndefined();
    expect(me.data!.me.tenant).toMatchObject({ plan: 'STARTER', subscriptionStatus: 'ACTIVE', limits: { maxMembers: 10, maxPatients: 500, maxSites: 2 } });
    expect(me.data!.me.tenant.usage.patients).toBe(await livePatients());
  });

  it('a create past the limit is LIMIT_EXCEEDED naming the limit; ENTERPRISE has none', async () => {
    await setPlan('FREE'); // one site: acme has three already
    const site = await gql(`mutation { createSite(input: { name: "One too many ${Date.now()}", kind: CLINIC }) { site { id } } }`);
    const error = onlyError(site);
    expect(error.extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 'maxSites', max: 1 });
    expect(error.message).toMatch(/at most 1 \(maxSites\)/);
    await setPlan('ENTERPRISE');
    expect((await gql(`mutation { createSite(input: { name: "Unlimited ${Date.now()}", kind: CLINIC }) { site { id } } }`)).errors).toBeUndefined();
  });

  it('holds under concurrent creates: with room for 5 more patients, 5 of 12 concurrent creates succeed', async () => {
    const tenant = await tenantId();
    // 45 live patients, on FREE's 50: the other patients are deleted, as an admin could have.
    await app.db.owner(
      `UPDATE patients SET deleted_at = now() WHERE tenant_id = $1 AND deleted_at IS NULL AND id NOT IN (SELECT id FROM patients WHERE tenant_id = $1 AND deleted_at IS NULL ORDER BY id LIMIT 45)`,
      [tenant],
    );
    await setPlan('FREE');
    const results = await Promise.all(Array.from({ length: 12 }, () => createPatient()));
    const codes = results.map((r) => (r.errors ? r.errors[0].extensions?.code : 'OK'));
    expect(codes.filter((c) => c === 'OK')).toHaveLength(5);
    expect(codes.filter((c) => c !== 'OK').every((c) => c === 'LIMIT_EXCEEDED')).toBe(true);
    expect(await livePatients()).toBe(50);
    // A restore counts like a create.
    const [{ id }] = await app.db.owner(`SELECT id FROM patients WHERE tenant_id = $1 AND deleted_at IS NOT NULL LIMIT 1`, [tenant]);
    const restored = await gql(`mutation($input: RestoreInput!) { restorePatient(input: $input) { patient { id } } }`, { input: { id: toGlobalId('Patient', id as string) } });
    expect(onlyError(restored).extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 'maxPatients', max: 50 });
  });
});

describe('limits on restore, and who may change a plan', () => {
  it('concurrent restores count one after another: with room for one, one of eight comes back', async () => {
    const tenant = await tenantId();
    await setPlan('ENTERPRISE');
    const live = await livePatients();
    // 49 live and 8 deleted: FREE's 50 leaves room for one.
    await app.db.owner(
      `UPDATE patients SET deleted_at = now() WHERE tenant_id = $1 AND deleted_at IS NULL AND id NOT IN (SELECT id FROM patients WHERE tenant_id = $1 AND deleted_at IS NULL ORDER BY id LIMIT 49)`,
      [tenant],
    );
    expect(live).toBeGreaterThanOrEqual(49);
    const deleted = await app.db.owner(`SELECT id FROM patients WHERE tenant_id = $1 AND deleted_at IS NOT NULL ORDER BY id LIMIT 8`, [tenant]);
    await setPlan('FREE');
    const results = await Promise.all(
      deleted.map(({ id }) => gql(`mutation($input: RestoreInput!) { restorePatient(input: $input) { patient { id } } }`, { input: { id: toGlobalId('Patient', id as string) } })),
    );
    const codes = results.map((r) => (r.errors ? r.errors[0].extensions?.code : 'OK'));
    expect(codes.filter((c) => c === 'OK')).toHaveLength(1);
    expect(codes.filter((c) => c !== 'OK').every((c) => c === 'LIMIT_EXCEEDED')).toBe(true);
    expect(await livePatients()).toBe(50);
  });

  it('a deleted site comes back only within the plan', async () => {
    const site = await gql(`mutation { createSite(input: { name: "Restorable ${Date.now()}", kind: CLINIC }) { site { id } } }`);
    const id = site.data!.createSite.site.id;
    expect((await gql(`mutation($input: DeleteInput!) { deleteSite(input: $input) { site { id } } }`, { input: { id } })).errors).toBeUndefined();
    await setPlan('FREE');
    const restored = await gql(`mutation($input: RestoreInput!) { restoreSite(input: $input) { site { id } } }`, { input: { id } });
    expect(onlyError(restored).extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 'maxSites', max: 1 });
  });

  it('the request role cannot change a plan or a subscription status, even with SQL of its own', async () => {
    for (const column of ['plan', 'subscription_status']) {
      const attempt = app.dataSource.transaction(async (manager) => {
        await manager.query(`SELECT set_config('app.tenant_id', $1, true)`, [await tenantId()]);
        await manager.query(`UPDATE tenants SET ${column} = ${column}`);
      });
      await expect(attempt).rejects.toMatchObject({ code: '42501' });
    }
  });
});

describe('the operator’s command', () => {
  it('tenant:set-plan changes plan and status, audited as its own; refuses unknown values and tenants', async () => {
    expect(await setTenantPlan(app.db.ownerUrl, { slug: ACME, plan: 'STARTER' })).toEqual({ plan: 'STARTER', status: 'ACTIVE' });
    expect(await setTenantPlan(app.db.ownerUrl, { slug: ACME, status: 'PAST_DUE' })).toEqual({ plan: 'STARTER', status: 'PAST_DUE' });
    const [audit] = await app.db.owner(`SELECT request_id, new_values->>'subscription_status' AS status FROM audit_logs WHERE table_name = 'tenants' ORDER BY id DESC LIMIT 1`);
    expect(audit).toEqual({ request_id: 'tenant:set-plan', status: 'PAST_DUE' });
    await expect(setTenantPlan(app.db.ownerUrl, { slug: ACME, plan: 'GOLD' })).rejects.toThrow(/--plan must be one of/);
    await expect(setTenantPlan(app.db.ownerUrl, { slug: ACME, status: 'FROZEN' })).rejects.toThrow(/--status must be one of/);
    await expect(setTenantPlan(app.db.ownerUrl, { slug: 'no-such-tenant', plan: 'FREE' })).rejects.toThrow(/no tenant with the slug/);
    await expect(setTenantPlan(app.db.ownerUrl, { slug: ACME })).rejects.toThrow(/usage/);
  });
});

describe('a suspended subscription', () => {
  it('reads but does not write, whatever the path (create, update, domain action, settings), and writes nothing', async () => {
    await setPlan('ENTERPRISE', 'SUSPENDED');
    const read = await gql(`{ patients(first: 1) { nodes { id version } } leads(first: 1) { nodes { id } } me { tenant { version subscriptionStatus } } }`);
    expect(read.errors).toBeUndefined();
    expect(read.data!.me.tenant.subscriptionStatus).toBe('SUSPENDED');
    const before = Number((await app.db.owner(`SELECT count(*) AS n FROM audit_logs`))[0].n);
    const patient = read.data!.patients.nodes[0];
    const attempts = [
      await createPatient(),
      await gql(`mutation($input: UpdatePatientInput!) { updatePatient(input: $input) { patient { id } } }`, { input: { id: patient.id, expectedVersion: patient.version, lastName: 'Suspended' } }),
      await gql(`mutation($input: LogLeadCallInput!) { logLeadCall(input: $input) { lead { id } } }`, { input: { id: read.data!.leads.nodes[0].id } }),
      await gql(`mutation($input: UpdateTenantSettingsInput!) { updateTenantSettings(input: $input) { tenant { name } } }`, { input: { expectedVersion: read.data!.me.tenant.version, name: 'Renamed' } }),
    ];
    attempts.push(await gql(`mutation($input: DeleteInput!) { deletePatient(input: $input) { patient { id } } }`, { input: { id: patient.id } }));
    for (const attempt of attempts) expect(onlyError(attempt).extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'SUBSCRIPTION_SUSPENDED' });
    expect(Number((await app.db.owner(`SELECT count(*) AS n FROM audit_logs`))[0].n)).toBe(before);
    // PAST_DUE still writes.
    await setPlan('ENTERPRISE', 'PAST_DUE');
    expect((await createPatient()).errors).toBeUndefined();
  });
});

describe('tenant settings', () => {
  const update = (input: Data, token = admin) =>
    gql(`mutation($input: UpdateTenantSettingsInput!) { updateTenantSettings(input: $input) { tenant { name domain logoUrl primaryColor timezone locale currency version } } }`, { input }, token);
  const version = async (token = admin) => (await gql(`{ me { tenant { version } } }`, {}, token)).data!.me.tenant.version as number;

  it('admins edit name, domain and branding (normalised), version-checked and audited', async () => {
    const v = await version();
    const updated = await update({ expectedVersion: v, name: 'Acme Care Group', domain: 'Care.Acme.Example', logoUrl: 'https://acme.example/logo.png', primaryColor: '#1A73E8', timezone: 'Europe/Dublin', locale: 'en-IE', currency: 'EUR' });
    expect(updated.errors).toBeUndefined();
    expect(updated.data!.updateTenantSettings.tenant).toEqual({
      name: 'Acme Care Group',
      domain: 'care.acme.example',
      logoUrl: 'https://acme.example/logo.png',
      primaryColor: '#1a73e8',
      timezone: 'Europe/Dublin',
      locale: 'en-IE',
      currency: 'EUR',
      version: v + 1,
    });
    const stale = await update({ expectedVersion: v, name: 'Again' });
    expect(onlyError(stale).extensions).toMatchObject({ code: 'CONFLICT', expectedVersion: v, currentVersion: v + 1 });
    const audit = await app.db.owner(`SELECT action, new_values->>'primary_color' AS color FROM audit_logs WHERE table_name = 'tenants' AND record_id = $1 ORDER BY id DESC LIMIT 1`, [await tenantId()]);
    expect(audit).toEqual([{ action: 'UPDATE', color: '#1a73e8' }]);
    const cleared = await update({ expectedVersion: v + 1, domain: null, logoUrl: null });
    expect(cleared.data!.updateTenantSettings.tenant).toMatchObject({ domain: null, logoUrl: null });
  });

  it('refuses bad values naming the field, a domain another tenant uses, null for required settings, and non-admins', async () => {
    const v = await version();
    expect(fieldRules(await update({ expectedVersion: v, primaryColor: 'red' }))).toEqual(['input.primaryColor:matches']);
    expect(fieldRules(await update({ expectedVersion: v, logoUrl: 'http://acme.example/logo.png' }))).toEqual(['input.logoUrl:isUrl']);
    expect(fieldRules(await update({ expectedVersion: v, domain: 'not a domain' }))).toEqual(['input.domain:matches']);
    expect(fieldRules(await update({ expectedVersion: v, currency: 'pounds' }))).toEqual(['input.currency:isIn']);
    expect(fieldRules(await update({ expectedVersion: v, currency: 'XYZ' }))).toEqual(['input.currency:isIn']);
    expect(fieldRules(await update({ expectedVersion: v, timezone: 'Mars/Olympus_Mons' }))).toEqual(['input.timezone:isTimeZone']);
    expect(fieldRules(await update({ expectedVersion: v, timezone: 'FOO+3' }))).toEqual(['input.timezone:matches', 'input.timezone:isTimeZone']);
    expect(fieldRules(await update({ expectedVersion: v, logoUrl: 'https://a.example/x"onerror=1' }))).toEqual(['input.logoUrl:matches']);
    expect(onlyError(await update({ expectedVersion: v + 10 })).extensions).toMatchObject({ code: 'CONFLICT', currentVersion: v });
    expect(fieldRules(await update({ expectedVersion: v, name: null }))).toEqual(['input.name:notNull']);
    const northwind = await app.login(Role.ADMIN, NORTHWIND);
    expect((await update({ expectedVersion: await version(northwind), domain: 'shared.example' }, northwind)).errors).toBeUndefined();
    const taken = await update({ expectedVersion: v, domain: 'shared.example' });
    expect(onlyError(taken).extensions!.code).toBe('CONFLICT');
    expect(fieldRules(taken)).toEqual(['input.domain:unique']);
    const coordinator = await app.login(Role.COORDINATOR);
    expect(onlyError(await update({ expectedVersion: v, name: 'Nope' }, coordinator)).extensions!.code).toBe('FORBIDDEN');
    expect(await version()).toBe(v);
  });
});
