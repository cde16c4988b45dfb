import {
  CreateClinicalNoteDocument,
  UpdateClinicalNoteDocument,
  CreatePatientDocument,
  UpdatePatientDocument,
  CreateCareProfessionalDocument,
  UpdateCareProfessionalDocument,
  DeleteCareProfessionalDocument,
  RestoreCareProfessionalDocument,
  DeleteClinicalNoteDocument,
  RestoreClinicalNoteDocument,
  NodeDocument,
} from './generated/graphql';
import { ACME, NORTHWIND, onlyError, startTestApp, TestApp } from './support/harness';
import { Role } from '../src/entities/enums';
import { toGlobalId } from '../src/data/global-id';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.stop());

describe('patients', () => {
  it('get a medical record number generated per tenant, in sequence', async () => {
    const acme = await app.login(Role.ADMIN, ACME);
    const northwind = await app.login(Role.ADMIN, NORTHWIND);
    const last = async (slug: string) => Number((await app.db.owner(`SELECT max(substr(mrn, 4)::int) AS n FROM patients WHERE tenant_id = (SELECT id FROM tenants WHERE slug = $1)`, [slug]))[0].n);
    const [acmeLast, northwindLast] = [await last(ACME), await last(NORTHWIND)];
    const a1 = (await app.graphql(CreatePatientDocument, { input: { firstName: 'Mrn', lastName: 'One' } }, acme)).data!.createPatient.patient.mrn;
    const a2 = (await app.graphql(CreatePatientDocument, { input: { firstName: 'Mrn', lastName: 'Two' } }, acme)).data!.createPatient.patient.mrn;
    const n1 = (await app.graphql(CreatePatientDocument, { input: { firstName: 'Mrn', lastName: 'Three' } }, northwind)).data!.createPatient.patient.mrn;
    expect(a1).toMatch(/^MRN\d{7}$/);
    expect(Number(a1!.slice(3))).toBe(acmeLast + 1);
    expect(Number(a2!.slice(3))).toBe(acmeLast + 2);
    expect(Number(n1!.slice(3))).toBe(northwindLast + 1); // each tenant numbers its own patients
  });

  it('refuse a second patient with the same NHS number in the tenant (CONFLICT naming the field), but not across tenants', async () => {
    const acme = await app.login(Role.ADMIN, ACME);
    const northwind = await app.login(Role.ADMIN, NORTHWIND);
    const input = { firstName: 'Nhs', lastName: 'Twin', nhsNumber: '9434765919' };
    expect((await app.graphql(CreatePatientDocument, { input }, acme)).errors).toBeUndefined();
    const duplicate = onlyError(await app.graphql(CreatePatientDocument, { input }, acme));
    expect(duplicate.extensions).toMatchObject({ code: 'CONFLICT', fields: [{ field: 'input.nhsNumber', rule: 'unique' }] });
    expect((await app.graphql(CreatePatientDocument, { input }, northwind)).errors).toBeUndefined();
  });

  it('refuse null for a required field on update, and accept null to clear an optional one', async () => {
    const token = await app.login(Role.ADMIN, ACME);
    const created = (await app.graphql(CreatePatientDocument, { input: { firstName: 'Null', lastName: 'Check', email: 'null.check@example.org' } }, token)).data!.createPatient.patient;
    const refused = onlyError(await app.graphql(UpdatePatientDocument, { input: { id: created.id, expectedVersion: 1, lastName: null } }, token));
    expect(refused.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'input.lastName', rule: 'notNull' }] });
    const cleared = await app.graphql(`mutation($input: UpdatePatientInput!) { updatePatient(input: $input) { patient { email version } } }`, { input: { id: created.id, expectedVersion: 1, email: null } }, token);
    expect(cleared.data).toEqual({ updatePatient: { patient: { email: null, version: 2 } } });
  });
});

describe('clinical notes', () => {
  let patient: string;
  let ownAppointment: string;
  let otherPatientsAppointment: string;

  beforeAll(async () => {
    // Two patients with appointments, and an appointment of each.
    const [own, other] = await app.db.owner(
      `SELECT DISTINCT ON (p.last_name, p.first_name, p.id) p.id, a.id AS appointment FROM patients p JOIN appointments a ON a.patient_id = p.id AND a.deleted_at IS NULL
        WHERE p.tenant_id = (SELECT id FROM tenants WHERE slug = $1) AND p.deleted_at IS NULL ORDER BY p.last_name, p.first_name, p.id, a.start_time, a.id LIMIT 2`,
      [ACME],
    );
    patient = toGlobalId('Patient', own.id as string);
    ownAppointment = toGlobalId('Appointment', own.appointment as string);
    otherPatientsAppointment = toGlobalId('Appointment', other.appointment as string);
  });

  it('are signed by the care professional record of whoever writes them', async () => {
    const clinician = await app.login(Role.CLINICIAN, ACME);
    const created = await app.graphql(CreateClinicalNoteDocument, { input: { patientId: patient, appointmentId: ownAppointment, content: 'Seen today; stable.' } }, clinician);
    expect(created.errors).toBeUndefined();
    const note = created.data!.createClinicalNote.clinicalNote;
    expect(note).toMatchObject({ version: 1, patient: { id: patient }, appointment: { id: ownAppointment } });
    const [author] = await app.db.owner(
      `SELECT cp.id FROM care_professionals cp JOIN users u ON u.id = cp.user_id WHERE u.email = 'clinician@acme-care.test'`,
    );
    expect(Buffer.from(note.author!.id, 'base64url').toString()).toBe(`CareProfessional:${author.id}`);
  });

  it("must belong to one of the patient's own appointments", async () => {
    const clinician = await app.login(Role.CLINICIAN, ACME);
    const error = onlyError(await app.graphql(CreateClinicalNoteDocument, { input: { patientId: patient, appointmentId: otherPatientsAppointment, content: 'Wrong visit' } }, clinician));
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'input.appointmentId', rule: 'samePatient' }] });
  });

  it('are amended only by their author, and deleted and restored by clinicians', async () => {
    const clinician = await app.login(Role.CLINICIAN, ACME);
    const careWorker = await app.login(Role.CARE_WORKER, ACME);
    const note = (await app.graphql(CreateClinicalNoteDocument, { input: { patientId: patient, content: 'Original' } }, clinician)).data!.createClinicalNote.clinicalNote;
    const byOther = onlyError(await app.graphql(UpdateClinicalNoteDocument, { input: { id: note.id, expectedVersion: 1, content: 'Changed by someone else' } }, careWorker));
    expect(byOther.extensions?.code).toBe('FORBIDDEN');
    const amended = await app.graphql(UpdateClinicalNoteDocument, { input: { id: note.id, expectedVersion: 1, content: 'Amended' } }, clinician);
    expect(amended.data!.updateClinicalNote.clinicalNote).toMatchObject({ content: 'Amended', version: 2 });
    expect(onlyError(await app.graphql(DeleteClinicalNoteDocument, { input: { id: note.id } }, careWorker)).extensions?.code).toBe('FORBIDDEN');
    expect((await app.graphql(DeleteClinicalNoteDocument, { input: { id: note.id, expectedVersion: 2 } }, clinician)).errors).toBeUndefined();
    expect((await app.graphql(NodeDocument, { id: note.id }, clinician)).data!.node).toBeNull();
    expect((await app.graphql(RestoreClinicalNoteDocument, { input: { id: note.id } }, clinician)).errors).toBeUndefined();
    expect((await app.graphql(NodeDocument, { id: note.id }, clinician)).data!.node).toMatchObject({ content: 'Amended' });
  });

  it('cannot be written by a user without a care professional record', async () => {
    const careWorker = await app.login(Role.CARE_WORKER, ACME);
    const [{ id: userId }] = await app.db.owner(`SELECT id FROM users WHERE email = 'care_worker@acme-care.test'`);
    await app.db.owner(`UPDATE care_professionals SET user_id = NULL WHERE user_id = $1`, [userId]);
    try {
      const error = onlyError(await app.graphql(CreateClinicalNoteDocument, { input: { patientId: patient, content: 'x' } }, careWorker));
      expect(error.extensions?.code).toBe('FORBIDDEN');
      expect(error.message).toMatch(/care professional record/);
    } finally {
      await app.db.owner(`UPDATE care_professionals SET user_id = $1 WHERE id = (SELECT id FROM care_professionals WHERE license_number = 'ACM-1001')`, [userId]);
    }
  });
});

describe('care professionals', () => {
  it('are created, updated, deleted and restored by admins, with licence numbers unique per tenant', async () => {
    const admin = await app.login(Role.ADMIN, ACME);
    const input = { firstName: 'Nia', lastName: 'Jenkins', profession: 'NURSE' as const, licenseNumber: 'NMC-12345' };
    const created = (await app.graphql(CreateCareProfessionalDocument, { input }, admin)).data!.createCareProfessional.careProfessional;
    const duplicate = onlyError(await app.graphql(CreateCareProfessionalDocument, { input }, admin));
    expect(duplicate.extensions).toMatchObject({ code: 'CONFLICT', fields: [{ field: 'input.licenseNumber', rule: 'unique' }] });
    const updated = await app.graphql(UpdateCareProfessionalDocument, { input: { id: created.id, expectedVersion: 1, lastName: 'Jenkins-Lloyd' } }, admin);
    expect(updated.data!.updateCareProfessional.careProfessional).toMatchObject({ lastName: 'Jenkins-Lloyd', version: 2 });
    expect((await app.graphql(DeleteCareProfessionalDocument, { input: { id: created.id } }, admin)).errors).toBeUndefined();
    // Deleted, the licence number is free again; restoring the old record would now clash.
    expect((await app.graphql(CreateCareProfessionalDocument, { input }, admin)).errors).toBeUndefined();
    expect(onlyError(await app.graphql(RestoreCareProfessionalDocument, { input: { id: created.id } }, admin)).extensions?.code).toBe('CONFLICT');
    const clinician = await app.login(Role.CLINICIAN, ACME);
    expect(onlyError(await app.graphql(CreateCareProfessionalDocument, { input: { ...input, licenseNumber: 'NMC-999' } }, clinician)).extensions?.code).toBe('FORBIDDEN');
  });
});
