import { NORTHWIND, ACME, useBothPaths } from './support/harness';
import { Role } from '../src/entities/enums';
import { parseGlobalId, toGlobalId } from '../src/data/global-id';

/** patientDashboard (issue 14): one patient's open matters in one request, in a number of statements that does not grow with their history. */

const paths = useBothPaths();

type Data = Record<string, any>;
const gql = (query: string, variables: Data = {}, token?: string, on = paths.compiled) => on.graphql<Data, Data>(query, variables, token);
const owner = (sql: string, values: unknown[] = []) => paths.compiled.db.owner(sql, values);
const inNorthwind = `tenant_id = (SELECT id FROM tenants WHERE slug = '${NORTHWIND}')`;

const DASHBOARD = `query($id: ID!) { patientDashboard(patientId: $id) {
  patient { id mrn firstName }
  upcomingAppointments(first: 5) { totalCount nodes { startTime status careProfessional { lastName } } }
  activePrescriptions(first: 5) { totalCount nodes { dosage medication { name } prescriber { lastName } } }
  medications(first: 5) { totalCount nodes { dosage medication { name } } }
  latestResults(first: 5) { totalCount nodes { testName orderedAt reports(first: 2, filter: { verifiedAt: { isNull: false } }) { nodes { verifiedAt results(first: 10, filter: { flag: { ne: NORMAL } }) { totalCount nodes { name value flag } } } } } }
  openCarePlans(first: 5) { totalCount nodes { title status } }
  openTasks(first: 5) { totalCount nodes { title dueAt assignee { id } } }
  outstandingBalance { currency amount }
} }`;

/** Northwind's patients with the most and the least to show, by the rows the dashboard reads. */
async function busiestAndQuietest(): Promise<[string, string]> {
  const rows = await owner(
    `SELECT p.id, (SELECT count(*) FROM appointments a WHERE a.patient_id = p.id) + (SELECT count(*) FROM test_reports r WHERE r.patient_id = p.id)
                 + (SELECT count(*) FROM invoices i WHERE i.patient_id = p.id) + (SELECT count(*) FROM tasks t WHERE t.patient_id = p.id) AS n
              , EXISTS (SELECT 1 FROM appointments a WHERE a.patient_id = p.id AND a.deleted_at IS NULL AND a.end_time >= now() AND a.status IN ('SCHEDULED', 'CONFIRMED')) AS upcoming
       FROM patients p WHERE p.${inNorthwind} AND p.deleted_at IS NULL ORDER BY n DESC, p.id`,
  );
  // The busiest of those with an appointment to come (so that every part of theirs has rows), and the quietest of all.
  const busy = rows.find((r) => r.upcoming)!;
  return [toGlobalId('Patient', busy.id as string), toGlobalId('Patient', rows[rows.length - 1].id as string)];
}

describe('patientDashboard', () => {
  it('runs a number of statements that does not grow with the patient’s history', async () => {
    const admin = await paths.compiled.login(Role.ADMIN, NORTHWIND);
    const [busy, quiet] = await busiestAndQuietest();
    const statements = async (id: string) => {
      const response = await gql(DASHBOARD, { id }, admin);
      expect(response.errors).toBeUndefined();
      return { count: paths.compiled.statements.get(response.requestId)!, dashboard: response.data!.patientDashboard };
    };
    // One open task first, so that every part has rows (an empty page reads no nested lists); then forty more.
    const patientDb = parseGlobalId(busy)!.id;
    const [{ id: member }] = await owner(`SELECT id FROM memberships WHERE ${inNorthwind} AND deleted_at IS NULL ORDER BY id LIMIT 1`);
    const addTasks = (n: number) =>
      owner(`INSERT INTO tasks (tenant_id, patient_id, assignee_id, title, due_at) SELECT tenant_id, id, $2, 'Follow-up ' || n, now() + n * interval '1 day' FROM patients, generate_series(1, $3) n WHERE id = $1`, [patientDb, member, n]);
    await addTasks(1);
    const before = await statements(busy);
    expect(before.dashboard.upcomingAppointments.totalCount).toBeGreaterThan(0);
    await addTasks(40);
    const after = await statements(busy);
    expect(after.dashboard.openTasks.totalCount).toBeGreaterThanOrEqual(40);
    expect(after.count).toBe(before.count);
    // A patient with nothing to show needs no more (nested lists of empty pages are not even read).
    expect((await statements(quiet)).count).toBeLessThanOrEqual(before.count);
  });

  it('shows what SQL over the same rows says, on both read paths', async () => {
    const [{ id: patientDb }] = await owner(
      `SELECT p.id FROM patients p WHERE p.${inNorthwind} AND p.deleted_at IS NULL
          AND EXISTS (SELECT 1 FROM invoices i WHERE i.patient_id = p.id AND i.status IN ('ISSUED', 'PARTIALLY_PAID', 'OVERDUE'))
          AND EXISTS (SELECT 1 FROM appointments a WHERE a.patient_id = p.id AND a.end_time >= now() AND a.status IN ('SCHEDULED', 'CONFIRMED', 'IN_PROGRESS') AND a.deleted_at IS NULL)
        ORDER BY p.id LIMIT 1`,
    );
    const id = toGlobalId('Patient', patientDb as string);
    const admin = await paths.compiled.login(Role.ADMIN, NORTHWIND);
    const compiled = await gql(DASHBOARD, { id }, admin);
    expect((await gql(DASHBOARD, { id }, await paths.resolvers.login(Role.ADMIN, NORTHWIND), paths.resolvers)).data).toEqual(compiled.data);
    const dashboard = compiled.data!.patientDashboard;
    const [sql] = await owner(
      `SELECT (SELECT count(*)::int FROM appointments WHERE patient_id = $1 AND deleted_at IS NULL AND end_time >= now() AND status IN ('SCHEDULED', 'CONFIRMED', 'IN_PROGRESS')) AS upcoming,
              (SELECT count(*)::int FROM prescriptions WHERE patient_id = $1 AND deleted_at IS NULL AND status = 'ACTIVE') AS prescriptions,
              (SELECT count(*)::int FROM diagnostic_tests WHERE patient_id = $1 AND deleted_at IS NULL AND status = 'COMPLETED') AS tests,
              (SELECT count(*)::int FROM tasks WHERE patient_id = $1 AND deleted_at IS NULL AND status IN ('PENDING', 'IN_PROGRESS')) AS tasks,
              (SELECT json_agg(json_build_object('currency', currency, 'amount', amount) ORDER BY currency) FROM (SELECT currency, sum(balance)::text AS amount FROM invoices
                 WHERE patient_id = $1 AND deleted_at IS NULL AND status IN ('ISSUED', 'PARTIALLY_PAID', 'OVERDUE') GROUP BY currency) b) AS balance`,
      [patientDb],
    );
    expect({
      upcoming: dashboard.upcomingAppointments.totalCount,
      prescriptions: dashboard.activePrescriptions.totalCount,
      tests: dashboard.latestResults.totalCount,
      tasks: dashboard.openTasks.totalCount,
      balance: dashboard.outstandingBalance,
    }).toEqual(sql);
    const starts = dashboard.upcomingAppointments.nodes.map((a: Data) => a.startTime);
    expect(starts).toEqual([...starts].sort());
  });

  it('leaves out, with FORBIDDEN at its path, only the parts a role may not read; another tenant’s patient is NOT_FOUND', async () => {
    const [busy] = await busiestAndQuietest();
    const clinician = await gql(DASHBOARD, { id: busy }, await paths.compiled.login(Role.CLINICIAN, NORTHWIND));
    expect(clinician.errors!.map((e) => [e.path!.join('.'), e.extensions!.code])).toEqual([['patientDashboard.outstandingBalance', 'FORBIDDEN']]);
    expect(clinician.data!.patientDashboard.outstandingBalance).toBeNull();
    expect(clinician.data!.patientDashboard.upcomingAppointments).not.toBeNull();
    const coordinator = await gql(DASHBOARD, { id: busy }, await paths.compiled.login(Role.COORDINATOR, NORTHWIND));
    expect(coordinator.errors!.map((e) => [e.path!.join('.'), e.extensions!.code]).sort()).toEqual([
      ['patientDashboard.activePrescriptions', 'FORBIDDEN'],
      ['patientDashboard.latestResults', 'FORBIDDEN'],
      ['patientDashboard.medications', 'FORBIDDEN'],
      ['patientDashboard.openCarePlans', 'FORBIDDEN'],
    ]);
    expect(coordinator.data!.patientDashboard.outstandingBalance).toEqual(expect.any(Array));
    const elsewhere = await gql(DASHBOARD, { id: busy }, await paths.compiled.login(Role.ADMIN, ACME));
    expect(elsewhere.errors![0].extensions!.code).toBe('NOT_FOUND');
    expect((await gql(`{ patientDashboard(patientId: "nope") { patient { id } } }`, {}, await paths.compiled.login(Role.ADMIN, ACME))).errors![0].extensions!.code).toBe('BAD_USER_INPUT');
  });
});
