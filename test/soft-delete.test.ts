import { DeletePatientDocument, RestorePatientDocument, PatientsDocument, NodeDocument, PatientAppointmentsDocument, AppointmentsDocument, ClinicalNotesDocument, DeleteAppointmentDocument, RestoreAppointmentDocument, PatientGraphDocument } from './generated/graphql';
import { ACME, onlyError, startTestApp, TestApp } from './support/harness';
import { Role } from '../src/entities/enums';
import { toGlobalId } from '../src/data/global-id';

let app: TestApp;
let admin: string;
let clinician: string;
let patientId: string;
let appointmentIds: string[];

beforeAll(async () => {
  app = await startTestApp();
  admin = await app.login(Role.ADMIN, ACME);
  clinician = await app.login(Role.CLINICIAN, ACME);
  // The first patient in the default order who has appointments and notes.
  const [first] = await app.db.owner(
    `SELECT p.id FROM patients p WHERE p.tenant_id = (SELECT id FROM tenants WHERE slug = $1) AND p.deleted_at IS NULL
        AND EXISTS (SELECT FROM appointments a WHERE a.patient_id = p.id AND a.deleted_at IS NULL)
        AND EXISTS (SELECT FROM clinical_notes n WHERE n.patient_id = p.id AND n.deleted_at IS NULL)
      ORDER BY p.last_name, p.first_name, p.id LIMIT 1`,
    [ACME],
  );
  patientId = toGlobalId('Patient', first.id as string);
  const own = await app.graphql(PatientAppointmentsDocument, { patient: patientId, first: 50 }, clinician);
  appointmentIds = (own.data!.node as { appointments: { nodes: Array<{ id: string }> } }).appointments!.nodes.map((a) => a.id);
  expect(appointmentIds.length).toBeGreaterThan(0);
});
afterAll(() => app.stop());

const appointmentFilter = () => ({ patient: { eq: patientId } });

describe('soft delete', () => {
  it('hides a deleted patient everywhere, with its appointments and notes, and restore brings all back', async () => {
    const before = await app.graphql(ClinicalNotesDocument, { filter: { patient: { eq: patientId } } }, clinician);
    const noteCount = before.data!.clinicalNotes!.totalCount;
    expect(noteCount).toBeGreaterThan(0);

    const deleted = await app.graphql(DeletePatientDocument, { input: { id: patientId } }, admin);
    expect(deleted.errors).toBeUndefined();

    // Top level, by id, by filter, and nested: gone.
    expect((await app.graphql(NodeDocument, { id: patientId }, admin)).data!.node).toBeNull();
    expect((await app.graphql(PatientsDocument, { filter: { id: { eq: patientId } } }, admin)).data!.patients!.totalCount).toBe(0);
    const firstPage = await app.graphql(PatientsDocument, { first: 500 }, admin);
    expect(firstPage.data!.patients!.edges.map((e) => e.node.id)).not.toContain(patientId);
    expect((await app.graphql(AppointmentsDocument, { filter: appointmentFilter() }, admin)).data!.appointments!.totalCount).toBe(0);
    expect((await app.graphql(ClinicalNotesDocument, { filter: { patient: { eq: patientId } } }, clinician)).data!.clinicalNotes!.totalCount).toBe(0);
    for (const id of appointmentIds) expect((await app.graphql(NodeDocument, { id }, admin)).data!.node).toBeNull();
    const graph = await app.graphql(PatientGraphDocument, { first: 250, appointments: 10, notes: 5 }, clinician);
    const nestedPatientIds = graph.data!.patients!.nodes.flatMap((p) => p.appointments!.nodes.map((a) => a.patient!.id));
    expect(nestedPatientIds).not.toContain(patientId);

    const restored = await app.graphql(RestorePatientDocument, { input: { id: patientId } }, admin);
    expect(restored.errors).toBeUndefined();
    expect((await app.graphql(NodeDocument, { id: patientId }, admin)).data!.node).toMatchObject({ id: patientId });
    expect((await app.graphql(AppointmentsDocument, { filter: appointmentFilter() }, admin)).data!.appointments!.totalCount).toBe(appointmentIds.length);
    expect((await app.graphql(ClinicalNotesDocument, { filter: { patient: { eq: patientId } } }, clinician)).data!.clinicalNotes!.totalCount).toBe(noteCount);
  });

  it('restoring a patient does not bring back an appointment that was deleted on its own before', async () => {
    const [lone] = appointmentIds;
    expect((await app.graphql(DeleteAppointmentDocument, { input: { id: lone } }, admin)).errors).toBeUndefined();
    await app.graphql(DeletePatientDocument, { input: { id: patientId } }, admin);
    await app.graphql(RestorePatientDocument, { input: { id: patientId } }, admin);
    expect((await app.graphql(NodeDocument, { id: lone }, admin)).data!.node).toBeNull();
    expect((await app.graphql(RestoreAppointmentDocument, { input: { id: lone } }, admin)).errors).toBeUndefined();
    expect((await app.graphql(NodeDocument, { id: lone }, admin)).data!.node).toMatchObject({ id: lone });
  });

  it('an appointment cannot be restored while its patient is deleted', async () => {
    await app.graphql(DeletePatientDocument, { input: { id: patientId } }, admin);
    const error = onlyError(await app.graphql(RestoreAppointmentDocument, { input: { id: appointmentIds[0] } }, admin));
    expect(error.extensions?.code).toBe('CONFLICT');
    expect(error.message).toMatch(/Restore the Patient first/);
    await app.graphql(RestorePatientDocument, { input: { id: patientId } }, admin);
  });

  it('deleting twice, or an unknown id, is NOT_FOUND; the request role cannot hard-delete', async () => {
    const appointment = appointmentIds[1];
    expect((await app.graphql(DeleteAppointmentDocument, { input: { id: appointment } }, admin)).errors).toBeUndefined();
    expect(onlyError(await app.graphql(DeleteAppointmentDocument, { input: { id: appointment } }, admin)).extensions?.code).toBe('NOT_FOUND');
    await app.graphql(RestoreAppointmentDocument, { input: { id: appointment } }, admin);
    const unknown = toGlobalId('Patient', '00000000-0000-4000-8000-000000000000');
    expect(onlyError(await app.graphql(DeletePatientDocument, { input: { id: unknown } }, admin)).extensions?.code).toBe('NOT_FOUND');
    await expect(app.dataSource.query(`DELETE FROM patients WHERE false`)).rejects.toThrow(/permission denied/);
  });
});
