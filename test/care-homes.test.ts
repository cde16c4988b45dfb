import { Client } from 'pg';
import { onlyError, startTestApp, TestApp, NORTHWIND, fieldRules } from './support/harness';
import { Role } from '../src/entities/enums';
import { parseGlobalId, toGlobalId } from '../src/data/global-id';
import { dataKeyring, generateDataKey, open, seal, sealedFor, useDataKeyring, activeKeyring, DataKeyError } from '../src/crypto/data-keys';
import { reencryptAll } from '../src/scripts/reencrypt';
import { configuredKeyring, loadConfig } from '../src/config';

/** Write Care Notes' residency rules and encrypted columns; what every entity keeps is in conformance.test.ts. */

let app: TestApp;
let admin: string;
let coordinator: string;
beforeAll(async () => {
  app = await startTestApp();
  admin = await app.login(Role.ADMIN);
  coordinator = await app.login(Role.COORDINATOR);
});
afterAll(() => app.stop());

type Data = Record<string, any>;
const gql = (query: string, variables: Data = {}, token = admin) => app.graphql<Data, Data>(query, variables, token);
const dbId = (globalId: string) => parseGlobalId(globalId)!.id;

let sites = 0;
async function newCareHome(capacity: number): Promise<string> {
  const created = await gql(`mutation($input: CreateSiteInput!) { createSite(input: $input) { site { id capacity kind } } }`, {
    input: { name: `Test Home ${++sites} ${Date.now()}`, kind: 'CARE_HOME', capacity, registrationNumber: `1-${sites}`, registrationDetails: { regulator: 'CQC', rating: 'Good' } },
  });
  expect(created.errors).toBeUndefined();
  return created.data!.createSite.site.id;
}
async function newPatient(): Promise<string> {
  const created = await gql(`mutation { createPatient(input: { firstName: "Res", lastName: "Ident" }) { patient { id } } }`);
  expect(created.errors).toBeUndefined();
  return created.data!.createPatient.patient.id;
}
const admit = (input: Data, token = coordinator) =>
  gql(`mutation($input: AdmitResidentInput!) { admitResident(input: $input) { patient { id residentStatus roomNumber admissionDate site { id } version } } }`, { input }, token);
const transfer = (input: Data) => gql(`mutation($input: TransferResidentInput!) { transferResident(input: $input) { patient { id roomNumber site { id } } } }`, { input }, coordinator);
const discharge = (input: Data) =>
  gql(`mutation($input: DischargeResidentInput!) { dischargeResident(input: $input) { patient { id residentStatus status roomNumber dischargeDate } } }`, { input }, coordinator);

describe('facilities', () => {
  it('admins create care homes; a care home needs its beds; others may not create sites', async () => {
    await newCareHome(3);
    const noBeds = await gql(`mutation { createSite(input: { name: "No Beds ${Date.now()}", kind: CARE_HOME }) { site { id } } }`);
    expect(fieldRules(noBeds)).toEqual(['input.capacity:careHomeCapacity']);
    const clinic = await gql(`mutation { createSite(input: { name: "A Clinic ${Date.now()}", kind: CLINIC }) { site { id capacity } } }`);
    expect(clinic.data!.createSite.site.capacity).toBeNull();
    const byCoordinator = await gql(`mutation { createSite(input: { name: "Nope ${Date.now()}", kind: CLINIC }) { site { id } } }`, {}, coordinator);
    expect(onlyError(byCoordinator).extensions!.code).toBe('FORBIDDEN');
  });
});

describe('residents', () => {
  it('admit, transfer and discharge keep the stay history, the room and the occupancy', async () => {
    const home = await newCareHome(4);
    const other = await newCareHome(4);
    const patient = await newPatient();
    const admitted = await admit({ patientId: patient, siteId: home, room: '1', admissionDate: '2026-01-10', reason: 'Respite' });
    expect(admitted.errors).toBeUndefined();
    expect(admitted.data!.admitResident.patient).toMatchObject({ residentStatus: 'ADMITTED', roomNumber: '1', admissionDate: '2026-01-10', site: { id: home } });

    const moved = await transfer({ patientId: patient, siteId: other, room: '2', date: '2026-02-01', reason: 'Closer to family' });
    expect(moved.errors).toBeUndefined();
    expect(moved.data!.transferResident.patient).toMatchObject({ roomNumber: '2', site: { id: other } });

    const ended = await discharge({ patientId: patient, date: '2026-03-01', reason: 'Home' });
    expect(ended.errors).toBeUndefined();
    expect(ended.data!.dischargeResident.patient).toMatchObject({ residentStatus: 'DISCHARGED', status: 'DISCHARGED', roomNumber: null, dischargeDate: '2026-03-01' });

    const history = await gql(`query($id: ID!) { node(id: $id) { ... on Patient { stays(orderBy: [{ field: FROM_DATE, direction: ASC }]) { nodes { room fromDate toDate reason endReason site { id } } } } } }`, { id: patient });
    expect(history.errors).toBeUndefined();
    expect(history.data!.node.stays.nodes).toEqual([
      { room: '1', fromDate: '2026-01-10', toDate: '2026-02-01', reason: 'Respite', endReason: 'Transferred: Closer to family', site: { id: home } },
      { room: '2', fromDate: '2026-02-01', toDate: '2026-03-01', reason: 'Closer to family', endReason: 'Home', site: { id: other } },
    ]);
    const occupancy = await gql(`query($ids: [ID!]!) { nodes(ids: $ids) { ... on Site { occupancy { beds occupied free } residents { totalCount } } } }`, { ids: [home, other] });
    expect(occupancy.errors).toBeUndefined();
    expect(occupancy.data!.nodes).toEqual([
      { occupancy: { beds: 4, occupied: 0, free: 4 }, residents: { totalCount: 0 } },
      { occupancy: { beds: 4, occupied: 0, free: 4 }, residents: { totalCount: 0 } },
    ]);
  });

  it('refuses a room held by another resident, naming the room; the same room is free again after a discharge', async () => {
    const home = await newCareHome(5);
    const [first, second] = [await newPatient(), await newPatient()];
    expect((await admit({ patientId: first, siteId: home, room: '7', admissionDate: '2026-01-01' })).errors).toBeUndefined();
    const taken = await admit({ patientId: second, siteId: home, room: '7', admissionDate: '2026-02-01' });
    expect(onlyError(taken).extensions!.code).toBe('CONFLICT');
    expect(fieldRules(taken)).toEqual(['input.room:roomOccupied']);
    expect((await discharge({ patientId: first, date: '2026-02-01' })).errors).toBeUndefined();
    expect((await admit({ patientId: second, siteId: home, room: '7', admissionDate: '2026-02-01' })).errors).toBeUndefined();
  });

  it('refuses an admission past the capacity, and a capacity below the beds in use', async () => {
    const home = await newCareHome(2);
    const [first, second, third] = [await newPatient(), await newPatient(), await newPatient()];
    expect((await admit({ patientId: first, siteId: home, room: 'A', admissionDate: '2026-01-01' })).errors).toBeUndefined();
    expect((await admit({ patientId: second, siteId: home, room: 'B', admissionDate: '2026-01-01' })).errors).toBeUndefined();
    const full = await admit({ patientId: third, siteId: home, room: 'C', admissionDate: '2026-01-02' });
    expect(onlyError(full).extensions!.code).toBe('CONFLICT');
    expect(fieldRules(full)).toEqual(['input.siteId:siteFull']);
    const site = await gql(`query($id: ID!) { node(id: $id) { ... on Site { version occupancy { beds occupied free } } } }`, { id: home });
    expect(site.data!.node.occupancy).toEqual({ beds: 2, occupied: 2, free: 0 });
    const shrunk = await gql(`mutation($input: UpdateSiteInput!) { updateSite(input: $input) { site { capacity } } }`, { input: { id: home, expectedVersion: site.data!.node.version, capacity: 1 } });
    expect(fieldRules(shrunk)).toEqual(['input.capacity:belowOccupancy']);
    const deleted = await gql(`mutation($input: DeleteInput!) { deleteSite(input: $input) { site { id } } }`, { input: { id: home } });
    expect(fieldRules(deleted)).toEqual(['input.id:residentsPresent']);
  });

  it('concurrent admissions to the last beds: exactly as many succeed as there are beds, and one room never holds two', async () => {
    const home = await newCareHome(3);
    const patients = await Promise.all(Array.from({ length: 8 }, () => newPatient()));
    const results = await Promise.all(patients.map((patientId, i) => admit({ patientId, siteId: home, room: `R${i % 4}`, admissionDate: '2026-05-01' })));
    const ok = results.filter((r) => !r.errors);
    const refused = results.filter((r) => r.errors).map((r) => fieldRules(r)[0]);
    expect(ok).toHaveLength(3);
    expect(refused.every((f) => f === 'input.siteId:siteFull' || f === 'input.room:roomOccupied')).toBe(true);
    const rooms = ok.map((r) => r.data!.admitResident.patient.roomNumber);
    expect(new Set(rooms).size).toBe(3);
    const [{ open }] = await app.db.owner(`SELECT count(*)::int AS open FROM resident_stays WHERE site_id = $1 AND to_date IS NULL AND deleted_at IS NULL`, [dbId(home)]);
    expect(open).toBe(3);
  });

  it('a transfer is refused into a room held by another resident or a full home, and changes nothing', async () => {
    const [home, full] = [await newCareHome(3), await newCareHome(1)];
    const [mover, neighbour, occupant] = [await newPatient(), await newPatient(), await newPatient()];
    expect((await admit({ patientId: mover, siteId: home, room: '1', admissionDate: '2026-01-01' })).errors).toBeUndefined();
    expect((await admit({ patientId: neighbour, siteId: home, room: '2', admissionDate: '2026-01-01' })).errors).toBeUndefined();
    expect((await admit({ patientId: occupant, siteId: full, room: 'X', admissionDate: '2026-01-01' })).errors).toBeUndefined();
    expect(fieldRules(await transfer({ patientId: mover, room: '2', date: '2026-02-01' }))).toEqual(['input.room:roomOccupied']);
    expect(fieldRules(await transfer({ patientId: mover, siteId: full, room: 'Y', date: '2026-02-01' }))).toEqual(['input.siteId:siteFull']);
    // Both refusals rolled back whole: the first stay is still open, in room 1.
    const stays = await app.db.owner(`SELECT room, to_date FROM resident_stays WHERE patient_id = $1 AND deleted_at IS NULL`, [dbId(mover)]);
    expect(stays).toEqual([{ room: '1', to_date: null }]);
  });

  it('refuses admitting a resident twice, to a clinic, or transferring and discharging a non-resident', async () => {
    const home = await newCareHome(5);
    const patient = await newPatient();
    expect((await admit({ patientId: patient, siteId: home, room: '1', admissionDate: '2026-01-01' })).errors).toBeUndefined();
    expect(fieldRules(await admit({ patientId: patient, siteId: home, room: '2', admissionDate: '2026-01-02' }))).toEqual(['input.patientId:notInResidence']);
    const clinic = await gql(`mutation { createSite(input: { name: "Clinic ${Date.now()}", kind: CLINIC }) { site { id } } }`);
    const other = await newPatient();
    expect(fieldRules(await admit({ patientId: other, siteId: clinic.data!.createSite.site.id, room: '1', admissionDate: '2026-01-01' }))).toEqual(['input.siteId:careHome']);
    expect(fieldRules(await transfer({ patientId: other, room: '3', date: '2026-01-05' }))).toEqual(['input.patientId:inResidence']);
    expect(fieldRules(await discharge({ patientId: other, date: '2026-01-05' }))).toEqual(['input.patientId:inResidence']);
    expect(fieldRules(await discharge({ patientId: patient, date: '2025-12-31' }))).toEqual(['input.date:afterStayStart']);
    expect(fieldRules(await transfer({ patientId: patient, room: '1', date: '2026-01-05' }))).toEqual(['input.room:differentRoom']);
    // A resident's site changes only with a transfer.
    const current = await gql(`query($id: ID!) { node(id: $id) { ... on Patient { version } } }`, { id: patient });
    const moved = await gql(`mutation($input: UpdatePatientInput!) { updatePatient(input: $input) { patient { id } } }`, {
      input: { id: patient, expectedVersion: current.data!.node.version, siteId: clinic.data!.createSite.site.id },
    });
    expect(fieldRules(moved)).toEqual(['input.siteId:residentTransfer']);
  });

  it('leave and hospital keep the room; care workers record them; analysts may not admit', async () => {
    const home = await newCareHome(2);
    const patient = await newPatient();
    expect((await admit({ patientId: patient, siteId: home, room: '1', admissionDate: '2026-01-01' })).errors).toBeUndefined();
    const careWorker = await app.login(Role.CARE_WORKER);
    const away = await gql(`mutation($input: UpdateResidentStatusInput!) { updateResidentStatus(input: $input) { patient { residentStatus roomNumber } } }`, { input: { patientId: patient, status: 'HOSPITAL' } }, careWorker);
    expect(away.data!.updateResidentStatus.patient).toEqual({ residentStatus: 'HOSPITAL', roomNumber: '1' });
    const ended = await gql(`mutation($input: UpdateResidentStatusInput!) { updateResidentStatus(input: $input) { patient { residentStatus } } }`, { input: { patientId: patient, status: 'DISCHARGED' } }, careWorker);
    expect(fieldRules(ended)).toEqual(['input.status:inResidence']);
    const analyst = await app.login(Role.ANALYST);
    expect(onlyError(await admit({ patientId: await newPatient(), siteId: home, room: '2', admissionDate: '2026-01-01' }, analyst)).extensions!.code).toBe('FORBIDDEN');
    const residents = await gql(`query($id: ID!) { node(id: $id) { ... on Site { residents { nodes { id residentStatus } } occupancy { occupied } } } }`, { id: home });
    expect(residents.data!.node).toEqual({ residents: { nodes: [{ id: patient, residentStatus: 'HOSPITAL' }] }, occupancy: { occupied: 1 } });
  });

  it('refuses future residency dates, the readmission of a deceased resident, and one room under two spellings', async () => {
    const home = await newCareHome(4);
    const [first, second] = [await newPatient(), await newPatient()];
    const nextWeek = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    expect(fieldRules(await admit({ patientId: first, siteId: home, room: 'Room 7', admissionDate: nextWeek }))).toEqual(['input.admissionDate:notInFuture']);
    expect((await admit({ patientId: first, siteId: home, room: 'Room 7', admissionDate: '2026-01-01' })).errors).toBeUndefined();
    expect(fieldRules(await admit({ patientId: second, siteId: home, room: ' room 7 ', admissionDate: '2026-01-01' }))).toEqual(['input.room:roomOccupied']);
    expect(fieldRules(await discharge({ patientId: first, date: nextWeek }))).toEqual(['input.date:notInFuture']);
    expect(fieldRules(await transfer({ patientId: first, room: 'ROOM 7', date: '2026-02-01' }))).toEqual(['input.room:differentRoom']);
    expect((await discharge({ patientId: first, date: '2026-02-01', outcome: 'DECEASED' })).data!.dischargeResident.patient).toMatchObject({ residentStatus: 'DECEASED', status: 'DECEASED' });
    expect(fieldRules(await admit({ patientId: first, siteId: home, room: 'Room 8', admissionDate: '2026-03-01' }))).toEqual(['input.patientId:deceased']);
  });

  it('the database counts beds one admission at a time: a second transaction waits for the first, then is refused', async () => {
    const home = await newCareHome(1);
    const [a, b] = [await newPatient(), await newPatient()];
    const [{ tenant_id: tenantId }] = await app.db.owner(`SELECT tenant_id FROM sites WHERE id = $1`, [dbId(home)]);
    const first = new Client({ connectionString: app.db.ownerUrl });
    const second = new Client({ connectionString: app.db.ownerUrl });
    await Promise.all([first.connect(), second.connect()]);
    const stay = (client: Client, patient: string, room: string) =>
      client.query(`INSERT INTO resident_stays (tenant_id, patient_id, site_id, room, from_date) VALUES ($1, $2, $3, $4, '2026-04-01')`, [tenantId, dbId(patient), dbId(home), room]);
    try {
      await first.query('BEGIN');
      await stay(first, a, 'A');
      await second.query('BEGIN');
      // Waits on the site's advisory lock until the first commits, then counts its stay.
      const blocked = stay(second, b, 'B').then(
        () => 'inserted',
        (error: { constraint?: string }) => error.constraint,
      );
      await new Promise((resolve) => setTimeout(resolve, 200));
      await first.query('COMMIT');
      expect(await blocked).toBe('resident_stays_capacity');
      await second.query('ROLLBACK');
    } finally {
      await Promise.all([first.end(), second.end()]);
    }
  });

  it('another tenant cannot admit into this tenant’s care home', async () => {
    const home = await newCareHome(2);
    const northwindAdmin = await app.login(Role.ADMIN, NORTHWIND);
    const theirs = await app.graphql<Data, Data>(`mutation { createPatient(input: { firstName: "N", lastName: "W" }) { patient { id } } }`, {}, northwindAdmin);
    const response = await admit({ patientId: theirs.data!.createPatient.patient.id, siteId: home, room: '1', admissionDate: '2026-01-01' }, northwindAdmin);
    expect(fieldRules(response)).toEqual(['input.siteId:exists']);
  });
});

describe('the acme-care demo', () => {
  it('has three care homes, each within its capacity, with residents in every status', async () => {
    const result = await gql(`{ sites(filter: { kind: { eq: CARE_HOME } }) { nodes { name capacity occupancy { beds occupied free } residents(first: 100) { totalCount } } } }`);
    expect(result.errors).toBeUndefined();
    const demo = result.data!.sites.nodes.filter((s: Data) => ['Willow House', 'Oak Lodge', 'Birch Court'].includes(s.name));
    expect(demo).toHaveLength(3);
    for (const site of demo) {
      expect(site.occupancy.occupied).toBeGreaterThan(0);
      expect(site.occupancy.occupied).toBeLessThanOrEqual(site.capacity);
      expect(site.residents.totalCount).toBe(site.occupancy.occupied);
    }
    const statuses = await app.db.owner(`SELECT DISTINCT resident_status AS s FROM patients WHERE resident_status IS NOT NULL ORDER BY 1`);
    expect(statuses.map((r) => r.s)).toEqual(['ADMITTED', 'DECEASED', 'DISCHARGED', 'HOSPITAL', 'ON_LEAVE']);
  });
});

describe('encrypted columns', () => {
  it('the table holds ciphertext only (audit trail included); the API returns the plaintext', async () => {
    const secret = `Allergic to penicillin ${Date.now()}`;
    const created = await gql(`mutation($input: CreatePatientInput!) { createPatient(input: $input) { patient { id medicalDetails } } }`, {
      input: { firstName: 'Enc', lastName: 'Rypted', medicalDetails: { allergies: [secret] } },
    });
    expect(created.errors).toBeUndefined();
    expect(created.data!.createPatient.patient.medicalDetails).toEqual({ allergies: [secret] });
    const id = dbId(created.data!.createPatient.patient.id);
    const [row] = await app.db.owner(`SELECT medical_details FROM patients WHERE id = $1`, [id]);
    expect(row.medical_details).toMatch(/^cg1:[A-Za-z0-9_-]+:/);
    expect(String(row.medical_details)).not.toContain('penicillin');
    const audit = await app.db.owner(`SELECT new_values->>'medical_details' AS sealed, to_jsonb(a)::text LIKE '%' || $2 || '%' AS leaks FROM audit_logs a WHERE table_name = 'patients' AND record_id = $1`, [id, secret]);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toEqual({ sealed: row.medical_details, leaks: false });
    const [{ dump }] = await app.db.owner(`SELECT string_agg(to_jsonb(p)::text, '') AS dump FROM patients p`);
    expect(dump).not.toContain(secret);
    // Read back through the API, by the resolvers (the compiled path leaves encrypted fields to them).
    const read = await gql(`query($id: ID!) { node(id: $id) { ... on Patient { medicalDetails } } }`, { id: created.data!.createPatient.patient.id });
    expect(read.data!.node.medicalDetails).toEqual({ allergies: [secret] });
  });

  it('refuses plaintext written around the API (a CHECK), and filtering on an encrypted field', async () => {
    await expect(app.db.owner(`UPDATE patients SET medical_details = '{"plain": true}' WHERE id = (SELECT id FROM patients LIMIT 1)`)).rejects.toThrow(/patients_medical_details_check/);
    const filtered = await gql(`{ patients(filter: { medicalDetails: { isNull: false } }) { totalCount } }`);
    expect(fieldRules(filtered)).toEqual(['filter.medicalDetails:encrypted']);
    expect(onlyError(filtered).message).toMatch(/medicalDetails is encrypted at rest/);
  });

  it('a value does not open with another key, for another row, column or tenant, nor once altered: a clear DataKeyError, never garbage', () => {
    const ring = activeKeyring();
    const where = { tenantId: 't1', table: 'patients', column: 'medical_details', rowId: 'r1' };
    const sealed = seal('text', sealedFor(where));
    const opens = (aad: string, keyring = ring) => open(sealed, aad, 'patients.medical_details', keyring);
    expect(opens(sealedFor(where))).toBe('text');
    for (const moved of [{ rowId: 'r2' }, { tenantId: 't2' }, { table: 'incidents', column: 'details' }]) {
      expect(() => opens(sealedFor({ ...where, ...moved }))).toThrow(DataKeyError);
    }
    const altered = sealed.slice(0, -4) + (sealed.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    expect(() => open(altered, sealedFor(where), 'patients.medical_details')).toThrow(/does not open/);
    expect(() => opens(sealedFor(where), dataKeyring(generateDataKey('other')))).toThrow(/not configured/);
    // Rotation: a new current key still opens what the previous one sealed.
    const rotated = dataKeyring(generateDataKey('next'), [`${ring.current.id}:${ring.current.key.toString('base64')}`]);
    expect(opens(sealedFor(where), rotated)).toBe('text');
    expect(seal('x', 'c', rotated)).toMatch(/^cg1:next:/);
  });

  it('reads the same encrypted row twice in one request (loaders cache rows: opening must not change them)', async () => {
    // A demo resident's (the test above adds a patient with allergies only, whose random id may sort first).
    const [{ id }] = await app.db.owner(
      `SELECT id FROM patients WHERE medical_details IS NOT NULL AND last_name <> 'Rypted' AND tenant_id = (SELECT id FROM tenants WHERE slug = 'acme-care') ORDER BY id LIMIT 1`,
    );
    const patient = toGlobalId('Patient', id as string);
    const twice = await gql(`query($ids: [ID!]!, $id: ID!) { nodes(ids: $ids) { ... on Patient { medicalDetails } } again: node(id: $id) { ... on Patient { medicalDetails } } }`, { ids: [patient, patient], id: patient });
    expect(twice.errors).toBeUndefined();
    const [first, second] = twice.data!.nodes;
    expect(first.medicalDetails).toEqual(expect.objectContaining({ conditions: expect.any(Array) }));
    expect([second, twice.data!.again]).toEqual([first, first]);
  });

  it('a sealed value moved onto another row (a database writer swapping two residents’ details) does not open', async () => {
    const rows = await app.db.owner(`SELECT id FROM patients WHERE medical_details IS NOT NULL AND tenant_id = (SELECT id FROM tenants WHERE slug = 'acme-care') ORDER BY id LIMIT 2`);
    const [from, to] = rows.map((r) => r.id as string);
    const [{ original }] = await app.db.owner(`SELECT medical_details AS original FROM patients WHERE id = $1`, [to]);
    await app.db.owner(`UPDATE patients SET medical_details = (SELECT medical_details FROM patients WHERE id = $1) WHERE id = $2`, [from, to]);
    try {
      const read = await gql(`query($id: ID!) { node(id: $id) { ... on Patient { medicalDetails } } }`, { id: toGlobalId('Patient', to) });
      expect(read.errors?.[0].extensions?.code).toBe('DATA_KEY_UNAVAILABLE');
      expect(JSON.stringify(read)).not.toMatch(/conditions|cg1:/);
    } finally {
      await app.db.owner(`UPDATE patients SET medical_details = $1 WHERE id = $2`, [original, to]);
    }
  });

  it('medical details are for those who give or arrange care: analysts and health coaches get FORBIDDEN on the field, on every path', async () => {
    // A demo resident's (the test above adds a patient with allergies only, whose random id may sort first).
    const [{ id }] = await app.db.owner(
      `SELECT id FROM patients WHERE medical_details IS NOT NULL AND last_name <> 'Rypted' AND tenant_id = (SELECT id FROM tenants WHERE slug = 'acme-care') ORDER BY id LIMIT 1`,
    );
    const query = `query($id: ID!) { node(id: $id) { ... on Patient { id medicalDetails } } patients(first: 1, filter: { id: { eq: $id } }) { nodes { medicalDetails } } }`;
    for (const role of [Role.ANALYST, Role.HEALTH_COACH]) {
      const response = await gql(query, { id: toGlobalId('Patient', id as string) }, await app.login(role));
      expect(response.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
      expect(response.data!.node).toEqual({ id: toGlobalId('Patient', id as string), medicalDetails: null });
    }
    const careWorker = await gql(query, { id: toGlobalId('Patient', id as string) }, await app.login(Role.CARE_WORKER));
    expect(careWorker.errors).toBeUndefined();
    expect(careWorker.data!.node.medicalDetails).toEqual(expect.any(Object));
  });

  it('a server with the wrong key answers DATA_KEY_UNAVAILABLE for the encrypted field, not garbage', async () => {
    const [{ id }] = await app.db.owner(`SELECT id FROM patients WHERE medical_details IS NOT NULL AND tenant_id = (SELECT id FROM tenants WHERE slug = 'acme-care') LIMIT 1`);
    const ring = activeKeyring();
    useDataKeyring(dataKeyring(generateDataKey('wrong')));
    try {
      const response = await gql(`query($id: ID!) { node(id: $id) { ... on Patient { id medicalDetails } } }`, { id: toGlobalId('Patient', id as string) });
      expect(response.errors?.[0].extensions?.code).toBe('DATA_KEY_UNAVAILABLE');
      expect(JSON.stringify(response)).not.toMatch(/cg1:/);
    } finally {
      useDataKeyring(ring);
    }
  });
});

describe('key rotation', () => {
  it('data:reencrypt moves every encrypted value to the current key; the previous key still opens what it sealed until then', async () => {
    const original = activeKeyring();
    const previous = `${original.current.id}:${original.current.key.toString('base64')}`;
    // `_` in the new key id: a LIKE pattern would take it for a wildcard and skip values.
    const rotated = dataKeyring(generateDataKey('rot_ated'), [previous]);
    const countOld = async (keyId: string) => {
      const [row] = await app.db.owner(
        `SELECT (SELECT count(*) FROM patients WHERE medical_details LIKE $1) + (SELECT count(*) FROM daily_records WHERE observations LIKE $1)
              + (SELECT count(*) FROM incidents WHERE details LIKE $1 OR safeguarding_notes LIKE $1 OR actions_taken LIKE $1) AS n`,
        [`cg1:${keyId}:%`],
      );
      return Number(row.n);
    };
    expect(await countOld(original.current.id)).toBeGreaterThan(0);
    // A demo resident's (the test above adds a patient with allergies only, whose random id may sort first).
    const [{ id }] = await app.db.owner(
      `SELECT id FROM patients WHERE medical_details IS NOT NULL AND last_name <> 'Rypted' AND tenant_id = (SELECT id FROM tenants WHERE slug = 'acme-care') ORDER BY id LIMIT 1`,
    );
    const read = () => gql(`query($id: ID!) { node(id: $id) { ... on Patient { medicalDetails } } }`, { id: toGlobalId('Patient', id as string) });
    const before = (await read()).data!.node.medicalDetails;
    useDataKeyring(rotated);
    try {
      // Before the command: old values open with the previous key.
      expect((await read()).data!.node.medicalDetails).toEqual(before);
      const counts = await reencryptAll(app.db.ownerUrl, rotated);
      expect(Object.keys(counts).sort()).toEqual(['daily_records.observations', 'incidents.actions_taken', 'incidents.details', 'incidents.safeguarding_notes', 'medical_records.content', 'patients.medical_details']);
      expect(await countOld(original.current.id)).toBe(0);
      // Safe to run again: nothing left to do.
      expect(Object.values(await reencryptAll(app.db.ownerUrl, rotated)).every((n) => n === 0)).toBe(true);
      // Without the previous key, the rotated data still opens.
      useDataKeyring(dataKeyring(`rot_ated:${rotated.current.key.toString('base64')}`));
      expect((await read()).data!.node.medicalDetails).toEqual(before);
    } finally {
      // Back to the run's key for any test after this one.
      await reencryptAll(app.db.ownerUrl, dataKeyring(previous, [`rot_ated:${rotated.current.key.toString('base64')}`]));
      useDataKeyring(original);
    }
  });
});

describe('the data key configuration', () => {
  it('production refuses to start without DATA_ENCRYPTION_KEY, and any process refuses a malformed key, naming the form', () => {
    const saved = { ...process.env };
    try {
      Object.assign(process.env, { NODE_ENV: 'production', APP_DB_PASSWORD: 'x', AUTH_DB_PASSWORD: 'x', JWT_SECRET: 'x'.repeat(32), PSEUDONYM_KEY: 'p'.repeat(32) });
      delete process.env.DATA_ENCRYPTION_KEY;
      expect(() => loadConfig()).toThrow(/DATA_ENCRYPTION_KEY is required/);
      process.env.DATA_ENCRYPTION_KEY = 'no-key-here';
      expect(() => configuredKeyring(loadConfig())).toThrow(/<key id>:<32 random bytes in base64>/);
      process.env.DATA_ENCRYPTION_KEY = `k1:${Buffer.alloc(16).toString('base64')}`;
      expect(() => configuredKeyring(loadConfig())).toThrow(/32 random bytes/);
    } finally {
      process.env = saved;
    }
  });
});
