import { PatientsDocument, UpdatePatientDocument } from './generated/graphql';
import { ACME, startTestApp, TestApp } from './support/harness';
import { Role } from '../src/entities/enums';
import { parseGlobalId } from '../src/data/global-id';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ poolSize: 8 });
});
afterAll(() => app.stop());

describe('optimistic concurrency', () => {
  it('of concurrent updates with the same expectedVersion exactly one wins; the others get CONFLICT and nothing is lost', async () => {
    const token = await app.login(Role.CLINICIAN, ACME);
    const page = await app.graphql(PatientsDocument, { first: 1 }, token);
    const { id, version } = page.data!.patients!.edges[0].node;
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
    const { id, version } = page.data!.patients!.edges[0].node;
    expect((await app.graphql(UpdatePatientDocument, { input: { id, expectedVersion: version, firstName: 'Fresh' } }, token)).errors).toBeUndefined();
    const stale = await app.graphql(UpdatePatientDocument, { input: { id, expectedVersion: version, firstName: 'Stale' } }, token);
    expect(stale.errors![0].extensions).toMatchObject({ code: 'CONFLICT', expectedVersion: version, currentVersion: version + 1 });
  });

  it('a reference is checked under a lock: a create waits for a concurrent delete of its target, then is refused', async () => {
    const token = await app.login(Role.ADMIN, ACME);
    const patient = await app.graphql<{ createPatient: { patient: { id: string } } }, unknown>(`mutation { createPatient(input: { firstName: "Locked", lastName: "Target" }) { patient { id } } }`, {}, token);
    const patientId = patient.data!.createPatient.patient.id;
    const rowId = parseGlobalId(patientId)!.id;
    // The owner plays a delete in progress: the patient's row is locked FOR UPDATE, as softDelete locks it.
    const { Client } = await import('pg');
    const deleter = new Client({ connectionString: app.db.ownerUrl });
    await deleter.connect();
    try {
      await deleter.query('BEGIN');
      await deleter.query('SELECT 1 FROM patients WHERE id = $1 FOR UPDATE', [rowId]);
      const create = app.graphql(`mutation($p: ID!) { createTask(input: { title: "Late", patientId: $p }) { task { id } } }`, { p: patientId }, token);
      // The create's reference check must wait for that lock (without it, it would insert at once).
      let waiting = false;
      for (let i = 0; i < 200 && !waiting; i++) {
        // Polled from another connection: inside a transaction, pg_stat_activity is a snapshot.
        const [{ n }] = await app.db.owner(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%FOR SHARE%'`);
        waiting = (n as number) > 0;
        if (!waiting) await new Promise((resolve) => setTimeout(resolve, 25));
      }
      expect(waiting).toBe(true);
      await deleter.query('UPDATE patients SET deleted_at = now() WHERE id = $1', [rowId]);
      await deleter.query('COMMIT');
      const refused = await create;
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ field: 'input.patientId', rule: 'exists' })] });
      const [{ live }] = await app.db.owner(`SELECT count(*)::int AS live FROM tasks WHERE patient_id = $1 AND deleted_at IS NULL`, [rowId]);
      expect(live).toBe(0);
    } finally {
      await deleter.end();
    }
  });
});
