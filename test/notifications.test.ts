import { NORTHWIND, useBothPaths, fieldRules, memberIdByRole } from './support/harness';
import { Role } from '../src/entities/enums';
import { parseGlobalId, toGlobalId } from '../src/data/global-id';

/**
 * Notifications (issue 14): made by the database in the transaction of the event they tell of
 * (a verified report, an assigned task, an overdue invoice); each member reads and marks only
 * their own; `me.unreadNotifications` counts them.
 */

const paths = useBothPaths();

type Data = Record<string, any>;
const gql = (query: string, variables: Data = {}, token?: string, on = paths.compiled) => on.graphql<Data, Data>(query, variables, token);
const owner = (sql: string, values: unknown[] = []) => paths.compiled.db.owner(sql, values);
const inNorthwind = `tenant_id = (SELECT id FROM tenants WHERE slug = '${NORTHWIND}')`;

const NOTIFICATION = 'id type priority title message link readAt recipient { id }';
/** The caller's own notifications (`me.notifications`) and, as `notifications`, the top-level list (the tenant's for an admin). */
const mine = async (token: string, filter: Data = {}, on = paths.compiled) => {
  const response = await gql(
    `query($filter: NotificationFilter) { me { unreadNotifications notifications(first: 100, filter: $filter) { totalCount nodes { ${NOTIFICATION} } } } notifications(first: 100, filter: $filter) { totalCount nodes { id } } }`,
    { filter },
    token,
    on,
  );
  expect(response.errors).toBeUndefined();
  return { ...response.data!.me, listed: response.data!.notifications };
};
const about = async (token: string, link: string) => (await mine(token, { createdAt: { gte: new Date(Date.now() - 3_600_000).toISOString() } })).notifications.nodes.filter((n: Data) => n.link === link);

async function patient(): Promise<string> {
  const [{ id }] = await owner(`SELECT id FROM patients WHERE ${inNorthwind} AND deleted_at IS NULL ORDER BY id LIMIT 1`);
  return toGlobalId('Patient', id as string);
}

describe('notifications', () => {
  it('tell an assignee of a task, in the transaction that assigned it, at its priority; not the one who assigned it to themselves', async () => {
    const coordinator = await paths.compiled.login(Role.COORDINATOR, NORTHWIND);
    const clinician = await paths.compiled.login(Role.CLINICIAN, NORTHWIND);
    const clinicianMember = await memberIdByRole(paths.compiled, coordinator, Role.CLINICIAN);
    const before = (await mine(clinician)).unreadNotifications;
    const created = await gql(`mutation($input: CreateTaskInput!) { createTask(input: $input) { task { id version } } }`, { input: { title: 'Call back about the results', priority: 'URGENT', assigneeId: clinicianMember, patientId: await patient() } }, coordinator);
    expect(created.errors).toBeUndefined();
    const task = created.data!.createTask.task;
    const [notice] = await about(clinician, task.id);
    expect(notice).toMatchObject({ type: 'TASK_ASSIGNED', priority: 'URGENT', title: 'Task assigned to you', message: expect.stringMatching(/^Due \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/), readAt: null, recipient: { id: clinicianMember } });
    expect((await mine(clinician)).unreadNotifications).toBe(before + 1);
    // The same transaction: the database stamps both with its transaction time.
    const [same] = await owner(`SELECT n.created_at = t.created_at AS same FROM notifications n JOIN tasks t ON t.id = $1 WHERE n.id = $2`, [parseGlobalId(task.id)!.id, parseGlobalId(notice.id)!.id]);
    expect(same.same).toBe(true);
    // node(id: link) fetches the task for a reader allowed to.
    expect((await gql(`query($id: ID!) { node(id: $id) { ... on Task { title } } }`, { id: notice.link }, clinician)).data!.node).toEqual({ title: 'Call back about the results' });

    // Reassigned: the new assignee is told; assigning to oneself tells nobody.
    const coordinatorMember = await memberIdByRole(paths.compiled, coordinator, Role.COORDINATOR);
    const moved = await gql(`mutation($input: UpdateTaskInput!) { updateTask(input: $input) { task { version } } }`, { input: { id: task.id, expectedVersion: task.version, assigneeId: coordinatorMember } }, coordinator);
    expect(moved.errors).toBeUndefined();
    expect(await about(coordinator, task.id)).toEqual([]);
    expect(await about(clinician, task.id)).toHaveLength(1);
  });

  it('tell the ordering doctor of a verified report, HIGH with a critical value; and every admin of an overdue invoice', async () => {
    const admin = await paths.compiled.login(Role.ADMIN, NORTHWIND);
    const clinician = await paths.compiled.login(Role.CLINICIAN, NORTHWIND);
    const doctor = (await gql(`{ me { careProfessional { id } } }`, {}, clinician)).data!.me.careProfessional.id;
    const test = await gql(`mutation($input: CreateDiagnosticTestInput!) { createDiagnosticTest(input: $input) { diagnosticTest { id } } }`, { input: { patientId: await patient(), orderingDoctorId: doctor, testCode: '2823-3', testName: 'Potassium', status: 'IN_PROGRESS' } }, admin);
    const report = await gql(`mutation($id: ID!) { createTestReport(input: { diagnosticTestId: $id, findings: "Haemolysed sample excluded." }) { testReport { id } } }`, { id: test.data!.createDiagnosticTest.diagnosticTest.id }, admin);
    const reportId = report.data!.createTestReport.testReport.id;
    await gql(`mutation($id: ID!) { createTestResult(input: { reportId: $id, name: "Potassium", value: "6.9", normalLow: "3.5", normalHigh: "5.3", criticalHigh: "6.5" }) { testResult { flag } } }`, { id: reportId }, admin);
    expect(await about(clinician, reportId)).toEqual([]);
    const version = (await gql(`query($id: ID!) { node(id: $id) { ... on TestReport { version } } }`, { id: reportId }, admin)).data!.node.version;
    expect((await gql(`mutation($id: ID!, $v: Int!) { verifyTestReport(input: { id: $id, expectedVersion: $v }) { testReport { id } } }`, { id: reportId, v: version }, admin)).errors).toBeUndefined();
    expect(await about(clinician, reportId)).toEqual([expect.objectContaining({ type: 'TEST_REPORT_VERIFIED', priority: 'HIGH', message: '1 value(s) outside the normal range' })]);
    expect(await about(admin, reportId)).toEqual([]); // the verifier is not told of their own act

    // An invoice issued past its due date is OVERDUE at once: every admin is told, the coordinator who issued it is not.
    const coordinator = await paths.compiled.login(Role.COORDINATOR, NORTHWIND);
    const invoice = (await gql(`mutation($p: ID!) { createInvoice(input: { patientId: $p, currency: "GBP" }) { invoice { id } } }`, { p: await patient() }, coordinator)).data!.createInvoice.invoice.id;
    await gql(`mutation($id: ID!) { createInvoiceItem(input: { invoiceId: $id, description: "Consultation", unitPrice: "85.00" }) { invoiceItem { id } } }`, { id: invoice }, coordinator);
    const issued = await gql(`mutation($id: ID!) { issueInvoice(input: { id: $id, issueDate: "2020-01-01", dueDate: "2020-01-31" }) { invoice { number status } } }`, { id: invoice }, coordinator);
    expect(issued.data!.issueInvoice.invoice.status).toBe('OVERDUE');
    const [notice] = await about(admin, invoice);
    expect(notice).toMatchObject({ type: 'INVOICE_OVERDUE', priority: 'HIGH', title: 'An invoice is overdue', message: `Invoice ${issued.data!.issueInvoice.invoice.number}, due 2020-01-31` });
    const [{ admins, told }] = await owner(
      `SELECT (SELECT count(*)::int FROM memberships WHERE ${inNorthwind} AND role = 'ADMIN' AND deleted_at IS NULL) AS admins, (SELECT count(*)::int FROM notifications WHERE link = $1) AS told`,
      [invoice],
    );
    expect(told).toBe(admins);
    expect(await about(coordinator, invoice)).toEqual([]);
  });

  it('tell of what holds when the request commits, once: no notice for a state undone in the same request, one unread notice per thing', async () => {
    const coordinator = await paths.compiled.login(Role.COORDINATOR, NORTHWIND);
    const admin = await paths.compiled.login(Role.ADMIN, NORTHWIND);
    const clinician = await paths.compiled.login(Role.CLINICIAN, NORTHWIND);
    // An invoice overdue for a moment inside one request (its due date moved back and forth) tells no admin.
    const invoice = (await gql(`mutation($p: ID!) { createInvoice(input: { patientId: $p, currency: "GBP" }) { invoice { id } } }`, { p: await patient() }, coordinator)).data!.createInvoice.invoice.id;
    await gql(`mutation($id: ID!) { createInvoiceItem(input: { invoiceId: $id, description: "Consultation", unitPrice: "85.00" }) { invoiceItem { id } } }`, { id: invoice }, coordinator);
    const issued = await gql(`mutation($id: ID!) { issueInvoice(input: { id: $id, issueDate: "2024-01-01", dueDate: "2030-01-01" }) { invoice { version } } }`, { id: invoice }, coordinator);
    let version = issued.data!.issueInvoice.invoice.version;
    const toggles = Array.from({ length: 6 }, (_, i) => `t${i}: updateInvoice(input: { id: $id, expectedVersion: ${version + i}, dueDate: "${i % 2 === 0 ? '2024-01-31' : '2030-01-01'}" }) { invoice { status } }`);
    const toggled = await gql(`mutation($id: ID!) { ${toggles.join(' ')} }`, { id: invoice }, coordinator);
    expect(toggled.errors).toBeUndefined();
    expect(toggled.data!.t0.invoice.status).toBe('OVERDUE');
    expect(toggled.data!.t5.invoice.status).toBe('ISSUED');
    expect(await about(admin, invoice)).toEqual([]);
    // Reassigned back and forth in one request: the member it ends with is told once.
    const clinicianMember = await memberIdByRole(paths.compiled, coordinator, Role.CLINICIAN);
    const adminMember = await memberIdByRole(paths.compiled, coordinator, Role.ADMIN);
    const task = (await gql(`mutation($input: CreateTaskInput!) { createTask(input: $input) { task { id version } } }`, { input: { title: 'Chase the referral letter', assigneeId: adminMember } }, coordinator)).data!.createTask.task;
    version = task.version;
    const moves = Array.from({ length: 7 }, (_, i) => `m${i}: updateTask(input: { id: $id, expectedVersion: ${version + i}, assigneeId: "${i % 2 === 0 ? clinicianMember : adminMember}" }) { task { id } }`);
    expect((await gql(`mutation($id: ID!) { ${moves.join(' ')} }`, { id: task.id }, coordinator)).errors).toBeUndefined();
    expect(await about(clinician, task.id)).toHaveLength(1);
    expect(await about(admin, task.id)).toHaveLength(1); // told at creation, unread: no second notice
  });

  it('are each member’s own, on both read paths; admins list the tenant’s; marked read by ids or all, never another’s', async () => {
    const admin = await paths.compiled.login(Role.ADMIN, NORTHWIND);
    const clinician = await paths.compiled.login(Role.CLINICIAN, NORTHWIND);
    const clinicianMember = await memberIdByRole(paths.compiled, admin, Role.CLINICIAN);
    const own = await mine(clinician);
    expect(own.notifications.totalCount).toBeGreaterThan(0);
    expect(own.notifications.nodes.every((n: Data) => n.recipient.id === clinicianMember)).toBe(true);
    // For anyone but an admin, the top-level list is their own too.
    expect(own.listed.nodes.map((n: Data) => n.id)).toEqual(own.notifications.nodes.map((n: Data) => n.id));
    expect(await mine(await paths.resolvers.login(Role.CLINICIAN, NORTHWIND), {}, paths.resolvers)).toEqual(own);
    const [{ n, total }] = await owner(
      `SELECT count(*) FILTER (WHERE member_id = $1)::int AS n, count(*)::int AS total FROM notifications WHERE ${inNorthwind} AND deleted_at IS NULL`,
      [parseGlobalId(clinicianMember)!.id],
    );
    expect(own.notifications.totalCount).toBe(n);
    // An admin's own list is theirs; the top-level one is the tenant's.
    const ofAdmin = await mine(admin);
    expect(ofAdmin.listed.totalCount).toBe(total);
    expect(ofAdmin.notifications.nodes.every((x: Data) => x.recipient.id === (ofAdmin.notifications.nodes[0]?.recipient.id ?? null))).toBe(true);
    expect(ofAdmin.notifications.nodes.map((x: Data) => x.recipient.id)).not.toContain(clinicianMember);

    // Another member's notification: not in a coordinator's list, nor by id, on either path; marking it does nothing.
    const theirs = own.notifications.nodes[0].id;
    const coordinator = await paths.compiled.login(Role.COORDINATOR, NORTHWIND);
    for (const on of [paths.compiled, paths.resolvers]) {
      const token = await on.login(Role.COORDINATOR, NORTHWIND);
      expect((await gql(`query($id: ID!) { node(id: $id) { id } }`, { id: theirs }, token, on)).data!.node).toBeNull();
      expect((await mine(token, {}, on)).listed.nodes.map((x: Data) => x.id)).not.toContain(theirs);
    }
    const mark = (token: string, input: Data) => gql(`mutation($input: MarkNotificationsReadInput!) { markNotificationsRead(input: $input) { marked unread } }`, { input }, token);
    expect((await mark(coordinator, { ids: [theirs] })).data!.markNotificationsRead.marked).toBe(0);
    expect((await mark(admin, { ids: [theirs] })).data!.markNotificationsRead.marked).toBe(0);
    expect((await mine(clinician)).notifications.nodes[0].readAt).toBeNull();

    expect(fieldRules(await mark(clinician, {}))).toEqual(['input:exactlyOne']);
    expect(fieldRules(await mark(clinician, { ids: [theirs], all: true }))).toEqual(['input:exactlyOne']);
    expect(fieldRules(await mark(clinician, { ids: [toGlobalId('Task', parseGlobalId(theirs)!.id)] }))).toEqual(['input.ids[0]:globalId']);
    const unread = (await mine(clinician, { readAt: { isNull: true } })).notifications.totalCount;
    const one = await mark(clinician, { ids: [theirs] });
    expect(one.data!.markNotificationsRead).toEqual({ marked: 1, unread: unread - 1 });
    expect((await mark(clinician, { ids: [theirs] })).data!.markNotificationsRead.marked).toBe(0);
    const all = await mark(clinician, { all: true });
    expect(all.data!.markNotificationsRead).toEqual({ marked: unread - 1, unread: 0 });
    expect((await mine(clinician)).unreadNotifications).toBe(0);
  });
});
