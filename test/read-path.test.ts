import { ACME, startTestApp, TestApp } from './support/harness';
import { Role } from '../src/entities/enums';
import { isoTimestamp } from '../src/db/read-types';

// Reads fetch only the selected columns, keep timestamps as text and build edges lazily
// (issue 3's hot path). These tests pin down that what clients get is unchanged.

/* eslint-disable @typescript-eslint/no-explicit-any -- ad hoc documents, untyped results */
let app: TestApp;
let token: string;
beforeAll(async () => {
  app = await startTestApp();
  token = await app.login(Role.CLINICIAN, ACME);
});
afterAll(() => app.stop());

describe('timestamps read as text', () => {
  it('prints PostgreSQL UTC text in the API form, truncating to milliseconds like a Date', () => {
    expect(isoTimestamp('2026-05-21 09:15:00+00')).toBe('2026-05-21T09:15:00.000Z');
    expect(isoTimestamp('2026-05-21 09:15:00.5+00')).toBe('2026-05-21T09:15:00.500Z');
    expect(isoTimestamp('2026-05-21 09:15:00.123999+00')).toBe('2026-05-21T09:15:00.123Z');
    expect(isoTimestamp('2026-05-21 09:15:00.123999+00')).toBe(new Date(Date.UTC(2026, 4, 21, 9, 15, 0, 123.999)).toISOString());
  });

  it('takes the exact path for any other offset or form', () => {
    expect(isoTimestamp('2026-05-21 10:15:00+01')).toBe('2026-05-21T09:15:00.000Z');
    expect(isoTimestamp('2026-05-21 14:45:00.25+05:30')).toBe('2026-05-21T09:15:00.250Z');
  });

  it('gives the same text for a row read back as the mutation that wrote it returned', async () => {
    const [patient] = await app.db.owner(`SELECT p.id FROM patients p JOIN tenants t ON t.id = p.tenant_id WHERE t.slug = $1 AND p.deleted_at IS NULL LIMIT 1`, [ACME]);
    const created = await app.graphql<any, any>(
      `mutation($input: CreateClinicalNoteInput!) { createClinicalNote(input: $input) { clinicalNote { id createdAt noteDate } } }`,
      { input: { patientId: Buffer.from(`Patient:${patient.id}`).toString('base64url'), content: 'Read-path check.', noteDate: '2026-01-02T03:04:05.678Z' } },
      token,
    );
    const note = created.data!.createClinicalNote.clinicalNote;
    const read = await app.graphql<any, any>(`query($id: ID!) { node(id: $id) { ... on ClinicalNote { createdAt noteDate } } }`, { id: note.id }, token);
    expect(read.data!.node).toEqual({ createdAt: note.createdAt, noteDate: '2026-01-02T03:04:05.678Z' });
    expect(note.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });
});

describe('selected columns', () => {
  it('reads fields selected through fragments, inline fragments and aliases', async () => {
    const full = await app.graphql<any, any>(`{ patients(first: 3) { nodes { id mrn firstName lastName dateOfBirth createdAt } } }`, {}, token);
    const viaFragments = await app.graphql<any, any>(
      `query {
         patients(first: 3) { ...Page }
       }
       fragment Page on PatientConnection { nodes { id ...Names ... on Patient { born: dateOfBirth createdAt } } edges { node { mrn } } }
       fragment Names on Patient { firstName lastName }`,
      {},
      token,
    );
    const nodes = viaFragments.data!.patients.nodes.map((p: Record<string, unknown>, i: number) => ({
      id: p.id,
      mrn: viaFragments.data!.patients.edges[i].node.mrn,
      firstName: p.firstName,
      lastName: p.lastName,
      dateOfBirth: p.born,
      createdAt: p.createdAt,
    }));
    expect(nodes).toEqual(full.data!.patients.nodes);
    expect(nodes.every((p: Record<string, unknown>) => p.lastName && p.mrn && p.createdAt)).toBe(true);
  });

  it('serves the same object to two selections of it in one request', async () => {
    const response = await app.graphql<any, any>(
      `{ appointments(first: 5) { nodes { title patient { firstName } again: patient { lastName mrn } } } }`,
      {},
      token,
    );
    expect(response.errors).toBeUndefined();
    for (const appointment of response.data!.appointments.nodes) {
      expect(appointment.patient.firstName).toEqual(expect.any(String));
      expect(appointment.again).toEqual({ lastName: expect.any(String), mrn: expect.any(String) });
    }
  });

  it('fetches cursor values only when a cursor is selected, and cursors selected through a fragment work', async () => {
    const withoutCursors = await app.graphql<any, any>(`{ patients(first: 2) { nodes { mrn } pageInfo { hasNextPage } } }`, {}, token);
    expect(withoutCursors.data!.patients.pageInfo.hasNextPage).toBe(true);
    const first = await app.graphql<any, any>(
      `{ patients(first: 2) { nodes { mrn } ...End } } fragment End on PatientConnection { pageInfo { endCursor } }`,
      {},
      token,
    );
    const next = await app.graphql<any, any>(
      `query($after: String) { patients(first: 2, after: $after) { nodes { mrn } } }`,
      { after: first.data!.patients.pageInfo.endCursor },
      token,
    );
    const both = await app.graphql<any, any>(`{ patients(first: 4) { nodes { mrn } } }`, {}, token);
    expect([...first.data!.patients.nodes, ...next.data!.patients.nodes]).toEqual(both.data!.patients.nodes);
  });
});
