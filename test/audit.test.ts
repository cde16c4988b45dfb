import { CreatePatientDocument, UpdatePatientDocument, DeletePatientDocument, RestorePatientDocument, PatientsDocument } from './generated/graphql';
import { ACME, startTestApp, TestApp } from './support/harness';
import { Role } from '../src/entities/enums';
import { parseGlobalId } from '../src/data/global-id';

let app: TestApp;
let token: string;
beforeAll(async () => {
  app = await startTestApp();
  token = await app.login(Role.COORDINATOR, ACME);
});
afterAll(() => app.stop());

const auditRows = (recordId: string) =>
  app.db.owner(
    `SELECT a.action, a.old_values, a.new_values, a.actor_user_id, a.tenant_id, a.request_id, u.email
       FROM audit_logs a LEFT JOIN users u ON u.id = a.actor_user_id
      WHERE a.table_name = 'patients' AND a.record_id = $1 ORDER BY a.id`,
    [recordId],
  );

describe('audit trail', () => {
  it('writes one row per insert, update, delete and restore: old and new values, actor, tenant, request id', async () => {
    const created = await app.graphql(CreatePatientDocument, { input: { firstName: 'Audit', lastName: 'Trail' } }, token, { 'x-request-id': 'req-audit-create' });
    const patient = created.data!.createPatient.patient;
    const id = parseGlobalId(patient.id)!.id;
    await app.graphql(UpdatePatientDocument, { input: { id: patient.id, expectedVersion: 1, lastName: 'Trailed' } }, token, { 'x-request-id': 'req-audit-update' });
    await app.login(Role.ADMIN, ACME).then((admin) => app.graphql(DeletePatientDocument, { input: { id: patient.id } }, admin, { 'x-request-id': 'req-audit-delete' }));
    await app.login(Role.ADMIN, ACME).then((admin) => app.graphql(RestorePatientDocument, { input: { id: patient.id } }, admin, { 'x-request-id': 'req-audit-restore' }));

    const rows = await auditRows(id);
    expect(rows.map((r) => [r.action, r.request_id, r.email])).toEqual([
      ['INSERT', 'req-audit-create', 'coordinator@acme-care.test'],
      ['UPDATE', 'req-audit-update', 'coordinator@acme-care.test'],
      ['SOFT_DELETE', 'req-audit-delete', 'admin@acme-care.test'],
      ['RESTORE', 'req-audit-restore', 'admin@acme-care.test'],
    ]);
    const [{ id: tenantId }] = await app.db.owner(`SELECT id FROM tenants WHERE slug = $1`, [ACME]);
    expect(rows.every((r) => r.tenant_id === tenantId)).toBe(true);
    expect(rows[0].old_values).toBeNull();
    expect(rows[0].new_values).toMatchObject({ last_name: 'Trail', version: 1, created_by: rows[0].actor_user_id });
    expect(rows[1].old_values).toMatchObject({ last_name: 'Trail', version: 1 });
    expect(rows[1].new_values).toMatchObject({ last_name: 'Trailed', version: 2 });
  });

  it('is written in the same transaction: a failed mutation leaves neither the change nor its audit row', async () => {
    const before = (await app.db.owner(`SELECT count(*)::int AS n FROM audit_logs`))[0].n;
    const result = await app.graphql(
      `mutation($a: CreatePatientInput!, $b: CreatePatientInput!) { a: createPatient(input: $a) { patient { id } } b: createPatient(input: $b) { patient { id } } }`,
      { a: { firstName: 'Rolled', lastName: 'Back' }, b: { firstName: 'Bad', lastName: 'Date', dateOfBirth: '2999-01-01' } },
      token,
    );
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.data).toBeNull(); // the first create is not reported as done: it was rolled back
    expect((await app.db.owner(`SELECT count(*)::int AS n FROM patients WHERE last_name = 'Back'`))[0].n).toBe(0);
    expect((await app.db.owner(`SELECT count(*)::int AS n FROM audit_logs`))[0].n).toBe(before);
  });

  it('the request role can read its tenant’s audit rows but never update or delete them', async () => {
    const [{ id: acmeTenant }] = await app.db.owner(`SELECT id FROM tenants WHERE slug = $1`, [ACME]);
    const visible = await app.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT set_config('app.tenant_id', $1, true)`, [acmeTenant]);
      return manager.query(`SELECT count(*)::int AS n, count(*) FILTER (WHERE tenant_id <> $1)::int AS foreign FROM audit_logs`, [acmeTenant]);
    });
    expect(visible[0].n).toBeGreaterThan(0);
    expect(visible[0].foreign).toBe(0);
    await expect(app.dataSource.query(`UPDATE audit_logs SET action = 'FORGED'`)).rejects.toThrow(/permission denied/);
    await expect(app.dataSource.query(`DELETE FROM audit_logs`)).rejects.toThrow(/permission denied/);
    await expect(app.dataSource.query(`INSERT INTO audit_logs (action, table_name) VALUES ('FORGED', 'patients')`)).rejects.toThrow(/permission denied/);
    // Not even the owner can rewrite history.
    await expect(app.db.owner(`UPDATE audit_logs SET action = 'FORGED' WHERE id = (SELECT min(id) FROM audit_logs)`)).rejects.toThrow(/append-only/);
  });

  it('records who read which patients, through which operation', async () => {
    const result = await app.graphql(`query ListForAudit { patients(first: 3) { nodes { id } } }`, {}, token, { 'x-request-id': 'req-read-audit' });
    const read = result.data as { patients: { nodes: Array<{ id: string }> } };
    const [log] = await app.db.owner(`SELECT operation_name, patient_ids, u.email FROM access_logs a JOIN users u ON u.id = a.actor_user_id WHERE request_id = 'req-read-audit'`);
    expect(log.operation_name).toBe('ListForAudit');
    expect(log.email).toBe('coordinator@acme-care.test');
    expect([...(log.patient_ids as string[])].sort()).toEqual(read.patients.nodes.map((n) => parseGlobalId(n.id)!.id).sort());
    await expect(app.dataSource.query(`UPDATE access_logs SET operation_name = 'x'`)).rejects.toThrow(/permission denied/);
  });

  it('a page that returns no patient data writes no access-log row', async () => {
    await app.graphql(PatientsDocument, { first: 0 }, token, { 'x-request-id': 'req-empty-page' });
    expect(await app.db.owner(`SELECT 1 FROM access_logs WHERE request_id = 'req-empty-page'`)).toHaveLength(0);
  });
});
