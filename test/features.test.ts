import { ACME, NORTHWIND, onlyError, refusals, useBothPaths, fieldRules } from './support/harness';
import { Feature, Role } from '../src/entities/enums';
import { DEMO_PASSWORD, demoEmail } from '../src/demo/demo-data';
import { setTenantPlan } from '../src/scripts/tenant-set-plan';

/** Features: the catalogue, plans' features, admins' switches, and FEATURE_DISABLED on every path. */

const VITALITY = 'vitality-coaching';
/** The compiled read path on (`app`) and off (`paths.resolvers`), over one database. */
const paths = useBothPaths();

type Data = Record<string, any>;
const gql = (query: string, variables: Data = {}, token?: string, on = paths.compiled) => on.graphql<Data, Data>(query, variables, token);
const login = async (role: Role, tenantSlug: string) =>
  (await gql(`mutation($input: LoginInput!) { login(input: $input) { accessToken refreshToken } }`, { input: { email: demoEmail(role, tenantSlug), password: DEMO_PASSWORD, tenantSlug } })).data!
    .login as { accessToken: string; refreshToken: string };
const refresh = async (refreshToken: string) =>
  (await gql(`mutation($input: RefreshTokenInput!) { refreshSession(input: $input) { accessToken refreshToken } }`, { input: { refreshToken } })).data!.refreshSession as {
    accessToken: string;
    refreshToken: string;
  };
const setFeature = (token: string, feature: Feature, enabled: boolean) =>
  gql(`mutation($input: SetTenantFeatureInput!) { setTenantFeature(input: $input) { feature { key includedInPlan enabled } } }`, { input: { feature, enabled } }, token);
const featuresOn = async (token: string) => (await gql(`{ me { tenant { features } } }`, {}, token)).data!.me.tenant.features as string[];
const ownerCount = async (sql: string, slug: string) => Number((await paths.compiled.db.owner(`${sql} AND tenant_id = (SELECT id FROM tenants WHERE slug = $1)`, [slug]))[0].n);

describe('the catalogue and the plans', () => {
  it('the database’s catalogue is the Feature enum; each plan includes the features the README says', async () => {
    const keys = (await paths.compiled.db.owner(`SELECT key FROM features ORDER BY key`)).map((r) => r.key);
    expect(keys).toEqual(Object.values(Feature).sort());
    const plans = await paths.compiled.db.owner(`SELECT plan, array_agg(feature::text ORDER BY feature) AS features FROM plan_features GROUP BY plan ORDER BY plan`);
    expect(Object.fromEntries(plans.map((r) => [r.plan, r.features]))).toEqual({
      FREE: ['CARE_PLANNING'],
      STARTER: ['CARE_PLANNING', 'LEAD_PIPELINE'],
      PROFESSIONAL: ['CARE_HOMES', 'CARE_PLANNING', 'CUSTOM_ROLES', 'LEAD_PIPELINE'],
      ENTERPRISE: ['CARE_HOMES', 'CARE_PLANNING', 'CUSTOM_ROLES', 'LEAD_PIPELINE'],
    });
  });

  it('me.tenant.features lists what is on: the plan’s features less those switched off; availableFeatures shows the whole catalogue', async () => {
    const acme = await login(Role.CLINICIAN, ACME);
    expect(await featuresOn(acme.accessToken)).toEqual(['CARE_HOMES', 'CARE_PLANNING', 'CUSTOM_ROLES', 'LEAD_PIPELINE']);
    // Vitality is on STARTER (no care homes, no custom roles), and its admins switched care planning off.
    const vitality = await login(Role.ADMIN, VITALITY);
    expect(await featuresOn(vitality.accessToken)).toEqual(['LEAD_PIPELINE']);
    const available = await gql(`{ me { tenant { availableFeatures { key premium includedInPlan enabled } } } }`, {}, vitality.accessToken);
    expect(available.data!.me.tenant.availableFeatures).toEqual([
      { key: 'CARE_HOMES', premium: true, includedInPlan: false, enabled: false },
      { key: 'CARE_PLANNING', premium: false, includedInPlan: true, enabled: false },
      { key: 'CUSTOM_ROLES', premium: true, includedInPlan: false, enabled: false },
      { key: 'LEAD_PIPELINE', premium: false, includedInPlan: true, enabled: true },
    ]);
    const switches = await gql(`{ tenantFeatures(first: 10) { nodes { feature enabled } } }`, {}, vitality.accessToken);
    expect(switches.data!.tenantFeatures.nodes).toEqual([{ feature: 'CARE_PLANNING', enabled: false }]);
  });
});

describe('an operation behind a feature that is off is FEATURE_DISABLED, on every path', () => {
  it('top-level connections, counts and node(id), on both read paths alike', async () => {
    const { accessToken } = await login(Role.ADMIN, VITALITY);
    // Vitality's demo care plans exist (loaded before the switch): hidden, not gone.
    expect(await ownerCount(`SELECT count(*) AS n FROM care_plans WHERE deleted_at IS NULL`, VITALITY)).toBeGreaterThan(0);
    const [{ id }] = await paths.compiled.db.owner(`SELECT id FROM care_plans WHERE tenant_id = (SELECT id FROM tenants WHERE slug = $1) LIMIT 1`, [VITALITY]);
    const variables = { id: Buffer.from(`CarePlan:${id}`).toString('base64') };
    const cases: Array<[string, string, string]> = [
      [`{ carePlans(first: 2) { nodes { id } } }`, 'CARE_PLANNING', 'carePlans'],
      [`{ carePlans(first: 0) { totalCount } }`, 'CARE_PLANNING', 'carePlans'],
      [`{ residentStays(first: 1) { nodes { id } } }`, 'CARE_HOMES', 'residentStays'],
      [`query($id: ID!) { node(id: $id) { id } patients(first: 1) { totalCount } }`, 'CARE_PLANNING', 'node'],
    ];
    for (const [query, feature, path] of cases) {
      const fast = await gql(query, variables, accessToken);
      const slow = await gql(query, variables, accessToken, paths.resolvers);
      for (const response of [fast, slow]) {
        expect({ query, refusals: refusals(response) }).toEqual({ query, refusals: [['FEATURE_DISABLED', feature, path]] });
        expect(JSON.stringify(response)).not.toContain(id as string);
      }
      expect(fast.data).toEqual(slow.data);
    }
    // Next to a nullable field refused, the core answers.
    expect((await gql(cases[3][0], variables, accessToken)).data!.patients.totalCount).toBeGreaterThan(0);
  });

  it('nested fields and derived fields: a patient’s care plans, a site’s residents and occupancy', async () => {
    const { accessToken } = await login(Role.ADMIN, VITALITY);
    for (const on of [paths.compiled, paths.resolvers]) {
      const occupancy = await gql(`{ sites(first: 1) { nodes { name occupancy { beds } } } }`, {}, accessToken, on);
      expect(refusals(occupancy)).toEqual([['FEATURE_DISABLED', 'CARE_HOMES', 'sites.nodes.0.occupancy']]);
      expect(occupancy.data!.sites.nodes[0]).toEqual({ name: 'Vitality Studio', occupancy: null });
      const residents = await gql(`{ sites(first: 1) { nodes { name residents(first: 1) { nodes { id } } } } }`, {}, accessToken, on);
      expect(refusals(residents)).toEqual([['FEATURE_DISABLED', 'CARE_HOMES', 'sites.nodes.0.residents']]);
      const carePlans = await gql(`{ patients(first: 1) { nodes { mrn carePlans(first: 1) { nodes { id } } } } }`, {}, accessToken, on);
      expect(refusals(carePlans)).toEqual([['FEATURE_DISABLED', 'CARE_PLANNING', 'patients.nodes.0.carePlans']]);
    }
  });

  it('mutations and actions: refused before anything is written, whatever the role would allow', async () => {
    const { accessToken } = await login(Role.ADMIN, VITALITY);
    const [{ id }] = await paths.compiled.db.owner(`SELECT id FROM patients WHERE tenant_id = (SELECT id FROM tenants WHERE slug = $1) LIMIT 1`, [VITALITY]);
    const patientId = Buffer.from(`Patient:${id}`).toString('base64');
    const before = await ownerCount(`SELECT count(*) AS n FROM care_plans WHERE true`, VITALITY);
    const create = await gql(`mutation($p: ID!) { createCarePlan(input: { patientId: $p, title: "Off", startDate: "2026-01-01" }) { carePlan { id } } }`, { p: patientId }, accessToken);
    expect(onlyError(create as never).extensions).toMatchObject({ code: 'FEATURE_DISABLED', feature: 'CARE_PLANNING' });
    const siteId = (await gql(`{ sites(first: 1) { nodes { id } } }`, {}, accessToken)).data!.sites.nodes[0].id;
    const admit = await gql(
      `mutation($p: ID!, $s: ID!) { admitResident(input: { patientId: $p, siteId: $s, room: "1", admissionDate: "2026-01-01", expectedVersion: 1 }) { patient { id } } }`,
      { p: patientId, s: siteId },
      accessToken,
    );
    expect(onlyError(admit as never).extensions).toMatchObject({ code: 'FEATURE_DISABLED', feature: 'CARE_HOMES' });
    expect(await ownerCount(`SELECT count(*) AS n FROM care_plans WHERE true`, VITALITY)).toBe(before);
    expect(await ownerCount(`SELECT count(*) AS n FROM resident_stays WHERE true`, VITALITY)).toBe(0);
  });
});

describe('admins’ switches', () => {
  it('switching a feature off refuses it from the next request; tokens issued before are refused once; switched back on, the data is all there', async () => {
    const admin = await login(Role.ADMIN, NORTHWIND);
    const sdr = await login(Role.SDR, NORTHWIND);
    const leadQuery = `{ leads(first: 50) { totalCount } }`;
    const leadsBefore = (await gql(leadQuery, {}, sdr.accessToken)).data!.leads.totalCount;
    expect(leadsBefore).toBeGreaterThan(0);

    const off = await setFeature(admin.accessToken, Feature.LEAD_PIPELINE, false);
    expect(off.errors).toBeUndefined();
    expect(off.data!.setTenantFeature.feature).toEqual({ key: 'LEAD_PIPELINE', includedInPlan: true, enabled: false });
    // Every token issued before the switch is refused once, the admin's own included.
    for (const token of [sdr.accessToken, admin.accessToken]) {
      expect(onlyError((await gql(leadQuery, {}, token)) as never).extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'ACCESS_CHANGED' });
    }
    const sdrNow = await refresh(sdr.refreshToken);
    expect(await featuresOn(sdrNow.accessToken)).not.toContain('LEAD_PIPELINE');
    expect(refusals(await gql(leadQuery, {}, sdrNow.accessToken))).toEqual([['FEATURE_DISABLED', 'LEAD_PIPELINE', 'leads']]);
    const funnel = await gql(`{ leadFunnel(from: "2020-01-01T00:00:00Z", to: "2030-01-01T00:00:00Z") { total } }`, {}, sdrNow.accessToken);
    expect(refusals(funnel)).toEqual([['FEATURE_DISABLED', 'LEAD_PIPELINE', 'leadFunnel']]);
    const created = await gql(`mutation { createLead(input: { firstName: "Off", lastName: "Switch", email: "off.switch@example.org" }) { lead { id } } }`, {}, sdrNow.accessToken);
    expect(refusals(created)).toEqual([['FEATURE_DISABLED', 'LEAD_PIPELINE', 'createLead']]);
    // The switch is audited.
    const audited = await paths.compiled.db.owner(`SELECT action FROM audit_logs WHERE table_name = 'tenant_features' AND tenant_id = (SELECT id FROM tenants WHERE slug = $1)`, [NORTHWIND]);
    expect(audited.map((r) => r.action)).toContain('UPDATE');

    const adminNow = await refresh(admin.refreshToken);
    const on = await setFeature(adminNow.accessToken, Feature.LEAD_PIPELINE, true);
    expect(on.data!.setTenantFeature.feature.enabled).toBe(true);
    const sdrAgain = await refresh(sdrNow.refreshToken);
    expect((await gql(leadQuery, {}, sdrAgain.accessToken)).data!.leads.totalCount).toBe(leadsBefore);
  });

  it('what a feature owns on core resources goes with it: fields, filters, rows about leads, references, on both read paths', async () => {
    let admin = await login(Role.ADMIN, ACME);
    expect((await setFeature(admin.accessToken, Feature.LEAD_PIPELINE, false)).errors).toBeUndefined();
    admin = await refresh(admin.refreshToken);
    expect((await setFeature(admin.accessToken, Feature.CARE_HOMES, false)).errors).toBeUndefined();
    admin = await refresh(admin.refreshToken);
    try {
      const leadTasks = await ownerCount(`SELECT count(*) AS n FROM tasks WHERE lead_id IS NOT NULL AND deleted_at IS NULL`, ACME);
      expect(leadTasks).toBeGreaterThan(0);
      const allTasks = await ownerCount(`SELECT count(*) AS n FROM tasks WHERE deleted_at IS NULL`, ACME);
      const cases: Array<[string, Array<[string, string, string]>]> = [
        // Rows about leads are out of sight, as rows out of a role's scope are.
        [`{ tasks(first: 1) { totalCount } }`, []],
        [`{ tasks(first: 1, filter: { lead: { isNull: false } }) { totalCount } }`, [['FEATURE_DISABLED', 'LEAD_PIPELINE', 'tasks']]],
        [`{ activities(first: 1) { totalCount } }`, [['FEATURE_DISABLED', 'LEAD_PIPELINE', 'activities']]],
        [`{ patients(first: 1) { nodes { mrn journeyStage } } }`, [['FEATURE_DISABLED', 'LEAD_PIPELINE', 'patients.nodes.0.journeyStage']]],
        [`{ patients(first: 1) { nodes { mrn healthCoach { id } } } }`, [['FEATURE_DISABLED', 'LEAD_PIPELINE', 'patients.nodes.0.healthCoach']]],
        [`{ patients(first: 1, filter: { journeyStage: { eq: INTAKE } }) { totalCount } }`, [['FEATURE_DISABLED', 'LEAD_PIPELINE', 'patients']]],
        [`{ patients(first: 1) { nodes { mrn residentStatus } } }`, [['FEATURE_DISABLED', 'CARE_HOMES', 'patients.nodes.0.residentStatus']]],
        [`{ patients(first: 1, filter: { residentStatus: { in: [ADMITTED, ON_LEAVE, HOSPITAL] } }) { totalCount } }`, [['FEATURE_DISABLED', 'CARE_HOMES', 'patients']]],
        [`{ sites(first: 1) { nodes { patients(first: 1, filter: { roomNumber: { isNull: false } }) { totalCount } } } }`, [['FEATURE_DISABLED', 'CARE_HOMES', 'sites.nodes.0.patients']]],
        // The core answers.
        [`{ patients(first: 1) { nodes { mrn lastName } } }`, []],
      ];
      for (const [query, expected] of cases) {
        for (const on of [paths.compiled, paths.resolvers]) {
          const response = await gql(query, {}, admin.accessToken, on);
          expect({ query, refusals: refusals(response) }).toEqual({ query, refusals: expected });
        }
      }
      const visible = (await gql(`{ tasks(first: 1) { totalCount } }`, {}, admin.accessToken)).data!.tasks.totalCount;
      expect(visible).toBe(allTasks - leadTasks);
      // Writing what the feature owns is refused too: a task for a lead, a patient's health coach.
      const [{ id: leadId }] = await paths.compiled.db.owner(`SELECT id FROM leads WHERE tenant_id = (SELECT id FROM tenants WHERE slug = $1) LIMIT 1`, [ACME]);
      const task = await gql(`mutation($lead: ID!) { createTask(input: { title: "Switched-off callback", leadId: $lead }) { task { id } } }`, { lead: Buffer.from(`Lead:${leadId}`).toString('base64') }, admin.accessToken);
      expect(refusals(task)).toEqual([['FEATURE_DISABLED', 'LEAD_PIPELINE', 'createTask']]);
      const [{ id: coachId }] = await paths.compiled.db.owner(`SELECT id FROM memberships WHERE role = 'HEALTH_COACH' AND tenant_id = (SELECT id FROM tenants WHERE slug = $1) LIMIT 1`, [ACME]);
      const coached = await gql(`mutation($coach: ID!) { createPatient(input: { firstName: "Coach", lastName: "Less", healthCoachId: $coach }) { patient { id } } }`, { coach: Buffer.from(`Member:${coachId}`).toString('base64') }, admin.accessToken);
      expect(refusals(coached)).toEqual([['FEATURE_DISABLED', 'LEAD_PIPELINE', 'createPatient']]);
      expect(await ownerCount(`SELECT count(*) AS n FROM patients WHERE first_name = 'Coach'`, ACME)).toBe(0);
      expect(await ownerCount(`SELECT count(*) AS n FROM tasks WHERE title = 'Switched-off callback'`, ACME)).toBe(0);
    } finally {
      await setFeature(admin.accessToken, Feature.LEAD_PIPELINE, true);
      admin = await refresh(admin.refreshToken);
      await setFeature(admin.accessToken, Feature.CARE_HOMES, true);
    }
  });

  it('a switch that changes nothing ends no token; switching on what the plan lacks is refused, naming the rule; only admins switch', async () => {
    const admin = await login(Role.ADMIN, VITALITY);
    const unchanged = await setFeature(admin.accessToken, Feature.LEAD_PIPELINE, true);
    expect(unchanged.data!.setTenantFeature.feature).toEqual({ key: 'LEAD_PIPELINE', includedInPlan: true, enabled: true });
    expect(await featuresOn(admin.accessToken)).toEqual(['LEAD_PIPELINE']);
    expect(fieldRules(await setFeature(admin.accessToken, Feature.CARE_HOMES, true))).toEqual(['input.feature:notInPlan']);
    // Off already: the plan lacks it. Nothing is written, and the admin's token still works.
    expect(fieldRules(await setFeature(admin.accessToken, Feature.CARE_HOMES, false))).toEqual(['input.feature:notInPlan']);
    const coach = await login(Role.HEALTH_COACH, VITALITY);
    expect(onlyError((await setFeature(coach.accessToken, Feature.LEAD_PIPELINE, false)) as never).extensions).toMatchObject({ code: 'FORBIDDEN', permission: 'TENANT_SET_FEATURE' });
    expect(await featuresOn(admin.accessToken)).toEqual(['LEAD_PIPELINE']);
    // A value outside the catalogue never reaches the resolver.
    const bogus = await gql(`mutation { setTenantFeature(input: { feature: EVERYTHING, enabled: true }) { feature { key } } }`, {}, admin.accessToken);
    expect(bogus.errors![0].extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('a plan change moves the features: the operator’s tenant:set-plan ends older tokens, and a refresh gets the plan’s features', async () => {
    const admin = await login(Role.ADMIN, ACME);
    await setTenantPlan(paths.compiled.db.ownerUrl, { slug: ACME, plan: 'FREE', status: 'ACTIVE' });
    try {
      expect(onlyError((await gql(`{ me { role } }`, {}, admin.accessToken)) as never).extensions!.reason).toBe('ACCESS_CHANGED');
      const now = await refresh(admin.refreshToken);
      expect(await featuresOn(now.accessToken)).toEqual(['CARE_PLANNING']);
      expect(refusals(await gql(`{ incidents(first: 1) { totalCount } }`, {}, now.accessToken))).toEqual([['FEATURE_DISABLED', 'CARE_HOMES', 'incidents']]);
    } finally {
      await setTenantPlan(paths.compiled.db.ownerUrl, { slug: ACME, plan: 'ENTERPRISE', status: 'ACTIVE' });
    }
  });
});
