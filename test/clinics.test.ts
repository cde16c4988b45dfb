import { ACME, NORTHWIND, onlyError, useBothPaths, fieldRules } from './support/harness';
import { Role } from '../src/entities/enums';
import { toGlobalId } from '../src/data/global-id';

/** Clinics (issue 14): a clinic's tax id, currency and language; a patient's home clinic and primary care physician. */

/** The compiled read path on (`app`) and off (`paths.resolvers`), over one database. */
const paths = useBothPaths();

type Data = Record<string, any>;
const gql = (query: string, variables: Data = {}, token?: string, on = paths.compiled) => on.graphql<Data, Data>(query, variables, token);
const professional = async (slug: string, profession: string) =>
  toGlobalId(
    'CareProfessional',
    (await paths.compiled.db.owner(`SELECT id FROM care_professionals WHERE profession = $2 AND deleted_at IS NULL AND tenant_id = (SELECT id FROM tenants WHERE slug = $1) ORDER BY id LIMIT 1`, [slug, profession]))[0].id as string,
  );

it('a clinic carries its licence, tax id, time zone, currency and language; bad values are refused naming the field', async () => {
  const admin = await paths.compiled.login(Role.ADMIN, NORTHWIND);
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
  const admin = await paths.compiled.login(Role.ADMIN, NORTHWIND);
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
  const slow = await gql(query, { d: doctor }, admin, paths.resolvers);
  expect(fast.errors).toBeUndefined();
  expect(fast.data).toEqual(slow.data);
  expect(fast.data!.patients.totalCount).toBeGreaterThan(1);
  expect(fast.data!.patients.nodes.every((n: Data) => n.primaryPhysician.id === doctor)).toBe(true);
  expect(fast.data!.node.primaryPatients.totalCount).toBe(fast.data!.patients.totalCount);
});

describe('prescriptions', () => {
  const create = (token: string, input: Data) =>
    gql(`mutation($input: CreatePrescriptionInput!) { createPrescription(input: $input) { prescription { id version status refillsAllowed refillsUsed prescriber { id } } } }`, { input }, token);
  const refill = (token: string, id: string) => gql(`mutation($id: ID!) { refillPrescription(input: { id: $id }) { prescription { refillsUsed lastRefilledAt } } }`, { id }, token);
  const base = async () => {
    const [{ id: patient }] = await paths.compiled.db.owner(`SELECT id FROM patients WHERE deleted_at IS NULL AND tenant_id = (SELECT id FROM tenants WHERE slug = $1) ORDER BY id LIMIT 1`, [NORTHWIND]);
    const [{ id: medication }] = await paths.compiled.db.owner(`SELECT id FROM medications WHERE deleted_at IS NULL AND tenant_id = (SELECT id FROM tenants WHERE slug = $1) ORDER BY id LIMIT 1`, [NORTHWIND]);
    return { patientId: toGlobalId('Patient', patient as string), medicationId: toGlobalId('Medication', medication as string), dosage: '500 mg', frequency: 'twice daily' };
  };

  it('a prescriber may prescribe; refills stop at the allowance, also when dispensed at once; only ACTIVE ones refill', async () => {
    const clinician = await paths.compiled.login(Role.CLINICIAN, NORTHWIND);
    const nurse = await professional(NORTHWIND, 'NURSE');
    expect(fieldRules(await create(clinician, { ...(await base()), prescriberId: nurse }))).toEqual(['input.prescriberId:prescriber']);
    // As themselves (a clinician prescribes under their own record, a doctor's in the demo).
    const own = (await gql(`{ me { careProfessional { id canPrescribe } } }`, {}, clinician)).data!.me.careProfessional;
    expect(own.canPrescribe).toBe(true);
    const made = await create(clinician, { ...(await base()), prescriberId: own.id, refillsAllowed: 2, durationDays: 30 });
    expect(made.errors).toBeUndefined();
    const { id } = made.data!.createPrescription.prescription;
    // Six refills at once with two allowed: exactly two are dispensed.
    const results = await Promise.all(Array.from({ length: 6 }, () => refill(clinician, id)));
    expect(results.filter((r) => !r.errors)).toHaveLength(2);
    expect(results.filter((r) => r.errors).map((r) => fieldRules(r))).toEqual(Array(4).fill(['input.id:refillsExhausted']));
    const now = await gql(`query($id: ID!) { node(id: $id) { ... on Prescription { version refillsUsed refillsAllowed } } }`, { id }, clinician);
    expect(now.data!.node).toMatchObject({ refillsUsed: 2, refillsAllowed: 2 });
    // The allowance never drops below what was dispensed (the database's rule).
    const lower = await gql(`mutation($input: UpdatePrescriptionInput!) { updatePrescription(input: $input) { prescription { id } } }`, { input: { id, expectedVersion: now.data!.node.version, refillsAllowed: 1 } }, clinician);
    expect(fieldRules(lower)).toEqual(['input.refillsAllowed:belowRefillsUsed']);
    const cancelled = await gql(`mutation($input: UpdatePrescriptionInput!) { updatePrescription(input: $input) { prescription { status } } }`, { input: { id, expectedVersion: now.data!.node.version, status: 'CANCELLED', refillsAllowed: 3 } }, clinician);
    expect(cancelled.data!.updatePrescription.prescription.status).toBe('CANCELLED');
    expect(fieldRules(await refill(clinician, id))).toEqual(['input.id:active']);
    // A nurse prescriber is one whose record says so.
    const admin = await paths.compiled.login(Role.ADMIN, NORTHWIND);
    const nurseVersion = (await gql(`query($id: ID!) { node(id: $id) { ... on CareProfessional { version } } }`, { id: nurse }, admin)).data!.node.version;
    expect((await gql(`mutation($input: UpdateCareProfessionalInput!) { updateCareProfessional(input: $input) { careProfessional { canPrescribe } } }`, { input: { id: nurse, expectedVersion: nurseVersion, canPrescribe: true } }, admin)).errors).toBeUndefined();
    expect((await create(admin, { ...(await base()), prescriberId: nurse })).errors).toBeUndefined();
  });

  it('a clinician prescribes as themselves; what was prescribed stays as written; the prescriber’s right is checked again at each refill and restore', async () => {
    const admin = await paths.compiled.login(Role.ADMIN, NORTHWIND);
    const clinician = await paths.compiled.login(Role.CLINICIAN, NORTHWIND);
    const own = (await gql(`{ me { careProfessional { id } } }`, {}, clinician)).data!.me.careProfessional.id as string;
    // A doctor made through the API may prescribe unless told otherwise.
    const made = await gql(`mutation { createCareProfessional(input: { firstName: "New", lastName: "Doctor", profession: DOCTOR }) { careProfessional { id version canPrescribe } } }`, {}, admin);
    const doctor = made.data!.createCareProfessional.careProfessional;
    expect(doctor.canPrescribe).toBe(true);
    expect(onlyError(await create(clinician, { ...(await base()), prescriberId: doctor.id })).extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'ownPrescription' });
    expect(fieldRules(await create(admin, { ...(await base()), prescriberId: doctor.id, prescribedOn: '2999-01-01' }))).toEqual(['input.prescribedOn:notInFuture']);
    const mine = (await create(clinician, { ...(await base()), prescriberId: own, refillsAllowed: 3 })).data!.createPrescription.prescription;
    // The medication, prescriber and date are fixed; a finished prescription changes no more.
    const update = (input: Data) => gql(`mutation($input: UpdatePrescriptionInput!) { updatePrescription(input: $input) { prescription { version status dosage } } }`, { input: { id: mine.id, ...input } }, clinician);
    expect((await update({ expectedVersion: mine.version, medicationId: mine.id })).errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    const done = await update({ expectedVersion: mine.version, status: 'COMPLETED' });
    expect(done.data!.updatePrescription.prescription.status).toBe('COMPLETED');
    expect(fieldRules(await update({ expectedVersion: done.data!.updatePrescription.prescription.version, dosage: '1 g' }))).toEqual(['input.id:final']);

    // A prescriber who may no longer prescribe: no refill, no restore.
    const theirs = (await create(admin, { ...(await base()), prescriberId: doctor.id, refillsAllowed: 3 })).data!.createPrescription.prescription;
    const second = (await create(admin, { ...(await base()), prescriberId: doctor.id, refillsAllowed: 3 })).data!.createPrescription.prescription;
    expect((await refill(admin, theirs.id)).errors).toBeUndefined();
    expect((await gql(`mutation($input: DeleteInput!) { deletePrescription(input: $input) { prescription { id } } }`, { input: { id: theirs.id } }, admin)).errors).toBeUndefined();
    const revoked = await gql(`mutation($input: UpdateCareProfessionalInput!) { updateCareProfessional(input: $input) { careProfessional { canPrescribe } } }`, { input: { id: doctor.id, expectedVersion: doctor.version, canPrescribe: false } }, admin);
    expect(revoked.errors).toBeUndefined();
    expect(fieldRules(await gql(`mutation($input: RestoreInput!) { restorePrescription(input: $input) { prescription { id } } }`, { input: { id: theirs.id } }, admin))).toEqual(['input.prescriberId:prescriber']);
    expect(fieldRules(await refill(admin, second.id))).toEqual(['input.id:prescriber']);
  });

  it('a patient’s active prescriptions come with their record, on both read paths; analysts and coordinators read none', async () => {
    const clinician = await paths.compiled.login(Role.CLINICIAN, NORTHWIND);
    const query = `{ patients(first: 20, filter: { primaryPhysician: { isNull: false } }) { nodes { mrn prescriptions(first: 5, filter: { status: { eq: ACTIVE } }) { totalCount nodes { status dosage medication { name } prescriber { canPrescribe } } } } } }`;
    const fast = await gql(query, {}, clinician);
    const slow = await gql(query, {}, clinician, paths.resolvers);
    expect(fast.errors).toBeUndefined();
    expect(fast.data).toEqual(slow.data);
    const listed = fast.data!.patients.nodes.flatMap((p: Data) => p.prescriptions.nodes);
    expect(listed.length).toBeGreaterThan(0);
    // (Earlier tests here revoke a prescriber's right: what the list shows is the status asked for.)
    expect(listed.every((p: Data) => p.status === 'ACTIVE' && p.medication.name)).toBe(true);
    for (const role of [Role.ANALYST, Role.COORDINATOR]) {
      const refused = await gql(`{ prescriptions(first: 1) { totalCount } }`, {}, await paths.compiled.login(role, NORTHWIND));
      expect(refused.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    }
  });
});
