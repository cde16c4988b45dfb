import { PatientsDocument, UpdatePatientDocument } from './generated/graphql';
import { ACME, startTestApp, TestApp } from './support/harness';
import { Role } from '../src/entities/enums';
import { parseGlobalId } from '../src/graphql/global-id';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ poolSize: 8 });
});
afterAll(() => app.stop());

describe('optimistic concurrency', () => {
  it('of concurrent updates with the same expectedVersion exactly one wins; the others get CONFLICT and nothing is lost', async () => {
    const token = await app.login(Role.CLINICIAN, ACME);
    const page = await app.graphql(PatientsDocument, { first: 1 }, token);
    const { id, version } = page.data!.patients.edges[0].node;
    const writers = Array.from({ length: 8 }, (_, i) => `Writer${i}`);
    const results = await Promise.all(
      writers.map((lastName) => app.graphql(UpdatePatientDocument, { input: { id, expectedVersion: version, lastName } }, token)),
    );
    const winners = results.filter((r) => !r.errors);
    const losers = results.filter((r) => r.errors);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(writers.length - 1);
    for (const loser of losers) {
      expect(loser.errors![0].extensions).toMatchObject({ code: 'CONFLICT', expectedVersion: version });
    }
    const winner = winners[0].data!.updatePatient.patient;
    expect(winner.version).toBe(version + 1);
    // The stored row is the winner's, and exactly one update was audited.
    const [row] = await app.db.owner(`SELECT last_name, version FROM patients WHERE id = $1`, [parseGlobalId(id)!.id]);
    expect(row).toEqual({ last_name: winner.lastName, version: version + 1 });
    const audits = await app.db.owner(`SELECT count(*)::int AS n FROM audit_logs WHERE record_id = $1 AND action = 'UPDATE'`, [parseGlobalId(id)!.id]);
    expect(audits[0].n).toBe(1);
  });

  it('a stale expectedVersion is a CONFLICT that reports the current version', async () => {
    const token = await app.login(Role.CLINICIAN, ACME);
    const page = await app.graphql(PatientsDocument, { first: 1, after: null, orderBy: [{ field: 'MRN', direction: 'DESC' }] }, token);
    const { id, version } = page.data!.patients.edges[0].node;
    expect((await app.graphql(UpdatePatientDocument, { input: { id, expectedVersion: version, firstName: 'Fresh' } }, token)).errors).toBeUndefined();
    const stale = await app.graphql(UpdatePatientDocument, { input: { id, expectedVersion: version, firstName: 'Stale' } }, token);
    expect(stale.errors![0].extensions).toMatchObject({ code: 'CONFLICT', expectedVersion: version, currentVersion: version + 1 });
  });
});
