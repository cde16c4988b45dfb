import { ACME, NORTHWIND, startBothPaths, TestApp, fieldRules } from './support/harness';
import { Role } from '../src/entities/enums';
import { toGlobalId } from '../src/data/global-id';

/** Clinics (issue 14): a clinic's tax id, currency and language; a patient's home clinic and primary care physician. */

let app: TestApp;
let resolversOnly: TestApp;
let servers: Awaited<ReturnType<typeof startBothPaths>>;
beforeAll(async () => {
  servers = await startBothPaths();
  ({ compiled: app, resolvers: resolversOnly } = servers);
});
afterAll(() => servers.stop());

type Data = Record<string, any>;
const gql = (query: string, variables: Data = {}, token?: string, on = app) => on.graphql<Data, Data>(query, variables, token);
const professional = async (slug: string, profession: string) =>
  toGlobalId(
    'CareProfessional',
    (await app.db.owner(`SELECT id FROM care_professionals WHERE profession = $2 AND deleted_at IS NULL AND tenant_id = (SELECT id FROM tenants WHERE slug = $1) ORDER BY id LIMIT 1`, [slug, profession]))[0].id as string,
  );

it('a clinic carries its licence, tax id, time zone, currency and language; bad values are refused naming the field', async () => {
  const admin = await app.login(Role.ADMIN, NORTHWIND);
  const clinics = await gql(`{ sites(first: 5, filter: { kind: { eq: CLINIC } }) { nodes { id version name taxId currency language timezone } } }`, {}, admin);
  const [first] = clinics.data!.sites.nodes;
  expect(first).toMatchObject({ taxId: expect.stringMatching(/^GB\d{9}$/), currency: 'GBP', language: 'en-GB', timezone: 'Europe/London' });
  const update = (input: Data) => gql(`mutation($input: UpdateSiteInput!) { updateSite(input: $input) { site { taxId currency language licenceNumber } } }`, { input: { id: first.id, expectedVersion: first.version, ...input } }, admin);
  expect(fieldRules(await update({ currency: 'XYZ' }))).toEqual(['input.currency:isIn']);
  expect(fieldRules(await update({ language: 'english' }))).toEqual(['input.language:matches']);
  expect(fieldRules(await update({ taxId: '<script>' }))).toEqual(['input.taxId:matches']);
  const saved = await update({ taxId: 'GB 123 4567 89', currency: 'EUR', language: 'fr-FR', licenceNumber: 'CQC-1-234' });
  expect(saved.data!.updateSite.site).toEqual({ taxId: 'GB 123 4567 89', currency: 'EUR', language: 'fr-FR', licenceNumber: 'CQC-1-234' });
});

it('a patient’s primary care physician is a doctor of the tenant; nested and filtered alike on both read paths', async () => {
  const admin = await app.login(Role.ADMIN, NORTHWIND);
  const doctor = await professional(NORTHWIND, 'DOCTOR');
  const nurse = await professional(NORTHWIND, 'NURSE');
  const elsewhere = await professional(ACME, 'DOCTOR');
  const create = (physician: string) =>
    gql(`mutation($p: ID!) { createPatient(input: { firstName: "Primary", lastName: "Care", primaryPhysicianId: $p }) { patient { id primaryPhysician { id profession } } } }`, { p: physician }, admin);
  expect(fieldRules(await create(nurse))).toEqual(['input.primaryPhysicianId:doctor']);
  expect(fieldRules(await create(elsewhere))).toEqual(['input.primaryPhysicianId:exists']);
  const created = await create(doctor);
  expect(created.data!.createPatient.patient.primaryPhysician).toEqual({ id: doctor, profession: 'DOCTOR' });

  const query = `query($d: ID!) {
    patients(first: 3, filter: { primaryPhysician: { eq: $d } }) { totalCount nodes { primaryPhysician { id } } }
    node(id: $d) { ... on CareProfessional { primaryPatients(first: 2) { totalCount } } }
  }`;
  const fast = await gql(query, { d: doctor }, admin);
  const slow = await gql(query, { d: doctor }, admin, resolversOnly);
  expect(fast.errors).toBeUndefined();
  expect(fast.data).toEqual(slow.data);
  expect(fast.data!.patients.totalCount).toBeGreaterThan(1);
  expect(fast.data!.patients.nodes.every((n: Data) => n.primaryPhysician.id === doctor)).toBe(true);
  expect(fast.data!.node.primaryPatients.totalCount).toBe(fast.data!.patients.totalCount);
});
