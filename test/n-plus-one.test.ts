import { PatientGraphDocument } from './generated/graphql';
import { ACME, startTestApp, TestApp } from './support/harness';
import { Role } from '../src/entities/enums';

let app: TestApp;
let token: string;
beforeAll(async () => {
  app = await startTestApp();
  token = await app.login(Role.CLINICIAN, ACME);
});
afterAll(() => app.stop());

async function statementsFor(first: number) {
  const result = await app.graphql(PatientGraphDocument, { first, appointments: 5, notes: 5 }, token);
  expect(result.errors).toBeUndefined();
  const patients = result.data!.patients!.nodes;
  return {
    statements: app.statements.get(result.requestId)!,
    patients: patients.length,
    appointments: patients.reduce((n, p) => n + p.appointments!.nodes.length, 0),
    notes: patients.reduce((n, p) => n + p.appointments!.nodes.reduce((m, a) => m + a.clinicalNotes!.nodes.length, 0), 0),
  };
}

describe('patients → appointments → notes is N+1 free', () => {
  it('runs the same number of SQL statements for 10, 50 and 200 patients', async () => {
    const runs = [await statementsFor(10), await statementsFor(50), await statementsFor(200)];
    // Each run really fetched more rows at every level…
    expect(runs.map((r) => r.patients)).toEqual([10, 50, 200]);
    expect(runs[2].appointments).toBeGreaterThan(runs[1].appointments);
    expect(runs[1].appointments).toBeGreaterThan(runs[0].appointments);
    expect(runs[2].notes).toBeGreaterThan(runs[1].notes);
    // …with one statement count, set by the query's shape: BEGIN, settings, patients, appointments,
    // their patients, professionals (with the notes' authors), notes, categories, access log, COMMIT.
    expect(new Set(runs.map((r) => r.statements)).size).toBe(1);
    expect(runs[0].statements).toBeLessThanOrEqual(10);
  });

  it('limits nested connections per parent, not overall', async () => {
    const result = await app.graphql(PatientGraphDocument, { first: 20, appointments: 2, notes: 1 }, token);
    const counts = result.data!.patients!.nodes.map((p) => p.appointments!.nodes.length);
    expect(Math.max(...counts)).toBe(2);
    expect(counts.filter((c) => c === 2).length).toBeGreaterThan(10);
    for (const patient of result.data!.patients!.nodes) {
      for (const appointment of patient.appointments!.nodes) {
        expect(appointment.patient!.id).toBe(patient.id);
        expect(appointment.clinicalNotes!.nodes.length).toBeLessThanOrEqual(1);
      }
    }
  });
});
