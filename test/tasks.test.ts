import { ACME, memberIdByRole, NORTHWIND, onlyError, startTestApp, TestApp } from './support/harness';
import { Role, TaskPriority } from '../src/entities/enums';
import { defaultDueAt, isOverdue, TASK_SLA_MS } from '../src/domain/task-rules';
import { toGlobalId } from '../src/data/global-id';

/** Task's domain rules; what every entity keeps (isolation, audit, versions, …) is in conformance.test.ts. */

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.stop());

const TASK_FIELDS = 'id title status priority dueAt completedAt overdue version assignee { id displayName role } patient { id }';

async function createTask(token: string, input: Record<string, unknown>) {
  return app.graphql<{ createTask: { task: Record<string, unknown> & { id: string; version: number } } }, unknown>(
    `mutation($input: CreateTaskInput!) { createTask(input: $input) { task { ${TASK_FIELDS} } } }`,
    { input },
    token,
  );
}

async function updateTask(token: string, input: Record<string, unknown>) {
  return app.graphql<{ updateTask: { task: Record<string, unknown> & { version: number } } }, unknown>(
    `mutation($input: UpdateTaskInput!) { updateTask(input: $input) { task { ${TASK_FIELDS} } } }`,
    { input },
    token,
  );
}

const memberId = (token: string, role: Role) => memberIdByRole(app, token, role);

describe('task rules (unit)', () => {
  it('derives the due time from the priority', () => {
    const now = new Date('2026-03-01T12:00:00.000Z');
    expect(defaultDueAt(TaskPriority.URGENT, now).toISOString()).toBe('2026-03-01T12:00:00.000Z');
    expect(defaultDueAt(TaskPriority.HIGH, now).toISOString()).toBe('2026-03-02T12:00:00.000Z');
    expect(defaultDueAt(TaskPriority.MEDIUM, now).toISOString()).toBe('2026-03-04T12:00:00.000Z');
    expect(defaultDueAt(TaskPriority.LOW, now).toISOString()).toBe('2026-03-08T12:00:00.000Z');
  });

  it('calls open tasks past their due time overdue, and only those', () => {
    const now = new Date('2026-03-01T12:00:00.000Z');
    const past = '2026-03-01T11:59:59.000Z';
    expect(isOverdue({ status: 'PENDING' as never, dueAt: past }, now)).toBe(true);
    expect(isOverdue({ status: 'IN_PROGRESS' as never, dueAt: past }, now)).toBe(true);
    expect(isOverdue({ status: 'COMPLETED' as never, dueAt: past }, now)).toBe(false);
    expect(isOverdue({ status: 'PENDING' as never, dueAt: '2026-03-01T12:00:01.000Z' }, now)).toBe(false);
  });
});

describe('tasks', () => {
  it('default their due time from the priority and start PENDING', async () => {
    const token = await app.login(Role.COORDINATOR);
    const before = Date.now();
    const result = await createTask(token, { title: 'Call the GP', priority: 'HIGH' });
    expect(result.errors).toBeUndefined();
    const task = result.data!.createTask.task;
    expect(task).toMatchObject({ status: 'PENDING', priority: 'HIGH', completedAt: null, overdue: false, assignee: null, patient: null });
    const due = Date.parse(task.dueAt as string) - before;
    expect(due).toBeGreaterThanOrEqual(TASK_SLA_MS.HIGH - 1000);
    expect(due).toBeLessThanOrEqual(TASK_SLA_MS.HIGH + 60_000);
  });

  it('stamp completedAt on COMPLETED and refuse moves the life cycle does not allow, naming the field and rule', async () => {
    const token = await app.login(Role.CARE_WORKER);
    const { id, version } = (await createTask(token, { title: 'Check fluids' })).data!.createTask.task;
    const started = await updateTask(token, { id, expectedVersion: version, status: 'IN_PROGRESS' });
    expect(started.data!.updateTask.task).toMatchObject({ status: 'IN_PROGRESS', completedAt: null });
    const done = await updateTask(token, { id, expectedVersion: started.data!.updateTask.task.version, status: 'COMPLETED' });
    expect(done.data!.updateTask.task.completedAt).toEqual(expect.stringMatching(/^\d{4}-\d\d-\d\dT/));
    const reopened = onlyError(await updateTask(token, { id, expectedVersion: done.data!.updateTask.task.version, status: 'PENDING' }));
    expect(reopened.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ field: 'input.status', rule: 'transition' })] });
    const startsDone = onlyError(await createTask(token, { title: 'Already done', status: 'COMPLETED' }));
    expect(startsDone.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ field: 'input.status', rule: 'initialStatus' })] });
  });

  it('are overdue when open past due; the filter and the field agree', async () => {
    const token = await app.login(Role.ADMIN);
    const late = (await createTask(token, { title: 'Late one', dueAt: '2020-01-01T00:00:00.000Z' })).data!.createTask.task;
    expect(late.overdue).toBe(true);
    const lateDone = (await createTask(token, { title: 'Late but done', dueAt: '2020-01-01T00:00:00.000Z' })).data!.createTask.task;
    await updateTask(token, { id: lateDone.id, expectedVersion: lateDone.version, status: 'COMPLETED' });
    const overdue = await app.graphql<{ tasks: { nodes: Array<{ id: string; overdue: boolean }> } }, unknown>(`{ tasks(first: 500, filter: { overdue: { eq: true } }) { nodes { id overdue } } }`, {}, token);
    const ids = overdue.data!.tasks.nodes.map((t) => t.id);
    expect(ids).toContain(late.id);
    expect(ids).not.toContain(lateDone.id);
    expect(overdue.data!.tasks.nodes.every((t) => t.overdue)).toBe(true);
    const notOverdue = await app.graphql<{ tasks: { nodes: Array<{ id: string; overdue: boolean }> } }, unknown>(`{ tasks(first: 500, filter: { overdue: { eq: false } }) { nodes { id overdue } } }`, {}, token);
    expect(notOverdue.data!.tasks.nodes.map((t) => t.id)).toContain(lateDone.id);
    expect(notOverdue.data!.tasks.nodes.every((t) => !t.overdue)).toBe(true);
  });

  it('order by priority by rank (URGENT above HIGH), not alphabetically, and page by it', async () => {
    const token = await app.login(Role.ADMIN);
    const tag = `rank-${Date.now()}`;
    for (const priority of ['LOW', 'URGENT', 'MEDIUM', 'HIGH']) await createTask(token, { title: `${tag} ${priority}`, priority });
    const query = `query($after: String) { tasks(first: 2, after: $after, filter: { title: { startsWith: "${tag}" } }, orderBy: [{ field: PRIORITY, direction: DESC }]) { nodes { priority } pageInfo { endCursor } } }`;
    type Page = { tasks: { nodes: Array<{ priority: string }>; pageInfo: { endCursor: string } } };
    const first = await app.graphql<Page, unknown>(query, {}, token);
    const second = await app.graphql<Page, unknown>(query, { after: first.data!.tasks.pageInfo.endCursor }, token);
    expect([...first.data!.tasks.nodes, ...second.data!.tasks.nodes].map((t) => t.priority)).toEqual(['URGENT', 'HIGH', 'MEDIUM', 'LOW']);
  });

  it('are assigned to members of the tenant only, and me.tasks lists the caller’s', async () => {
    const coordinator = await app.login(Role.COORDINATOR);
    const clinician = await app.login(Role.CLINICIAN);
    const clinicianMember = await memberId(coordinator, Role.CLINICIAN);
    const task = await createTask(coordinator, { title: 'For the clinician', assigneeId: clinicianMember });
    expect(task.data!.createTask.task.assignee).toMatchObject({ id: clinicianMember, role: 'CLINICIAN' });

    const mine = await app.graphql<{ me: { tasks: { nodes: Array<{ id: string; assignee: { id: string } }> } } }, unknown>(`{ me { tasks(first: 500) { nodes { id assignee { id } } } } }`, {}, clinician);
    expect(mine.data!.me.tasks.nodes.map((t) => t.id)).toContain(task.data!.createTask.task.id);
    expect(mine.data!.me.tasks.nodes.every((t) => t.assignee.id === clinicianMember)).toBe(true);

    const foreignMember = await memberId(await app.login(Role.CLINICIAN, NORTHWIND), Role.CLINICIAN);
    const refused = onlyError(await createTask(coordinator, { title: 'Elsewhere', assigneeId: foreignMember }));
    expect(refused.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ field: 'input.assigneeId', rule: 'exists' })] });
    const wrongType = onlyError(await createTask(coordinator, { title: 'Wrong', assigneeId: toGlobalId('Patient', '00000000-0000-4000-8000-000000000000') }));
    expect(wrongType.extensions).toMatchObject({ fields: [expect.objectContaining({ field: 'input.assigneeId', rule: 'globalId' })] });
  });

  it('about a patient appear in Patient.tasks and go (and come back) with the patient', async () => {
    const admin = await app.login(Role.ADMIN);
    const patient = await app.graphql<{ createPatient: { patient: { id: string } } }, unknown>(
      `mutation { createPatient(input: { firstName: "Task", lastName: "Holder" }) { patient { id } } }`,
      {},
      admin,
    );
    const patientId = patient.data!.createPatient.patient.id;
    const task = (await createTask(admin, { title: 'Review meds', patientId })).data!.createTask.task;
    const nested = `query($id: ID!) { node(id: $id) { ... on Patient { tasks { totalCount nodes { id } } } } }`;
    type Nested = { node: { tasks: { totalCount: number; nodes: Array<{ id: string }> } } | null };
    expect((await app.graphql<Nested, unknown>(nested, { id: patientId }, admin)).data!.node!.tasks.nodes.map((t) => t.id)).toEqual([task.id]);

    await app.graphql(`mutation($id: ID!) { deletePatient(input: { id: $id }) { patient { id } } }`, { id: patientId }, admin);
    expect((await app.graphql<{ node: unknown }, unknown>(`query($id: ID!) { node(id: $id) { id } }`, { id: task.id }, admin)).data!.node).toBeNull();
    await app.graphql(`mutation($id: ID!) { restorePatient(input: { id: $id }) { patient { id } } }`, { id: patientId }, admin);
    expect((await app.graphql<Nested, unknown>(nested, { id: patientId }, admin)).data!.node!.tasks.totalCount).toBe(1);
  });

  it('me.careProfessional is the caller’s own record, or null', async () => {
    const clinician = await app.login(Role.CLINICIAN);
    const analyst = await app.login(Role.ANALYST);
    const own = await app.graphql<{ me: { careProfessional: { id: string } | null } }, unknown>(`{ me { careProfessional { id firstName } } }`, {}, clinician);
    expect(own.errors).toBeUndefined();
    expect(own.data!.me.careProfessional).not.toBeNull();
    const none = await app.graphql<{ me: { careProfessional: unknown } }, unknown>(`{ me { careProfessional { id } } }`, {}, analyst);
    expect(none.data!.me.careProfessional).toBeNull();
  });

  it('take inputs generated from the declaration, with the column rules: blank, too long, unknown fields refused naming the field', async () => {
    const token = await app.login(Role.ADMIN);
    const fieldsOf = (response: Awaited<ReturnType<typeof createTask>>) => onlyError(response).extensions?.fields as Array<{ field: string }> | undefined;
    expect(fieldsOf(await createTask(token, { title: '   ' }))).toEqual([expect.objectContaining({ field: 'input.title' })]);
    expect(fieldsOf(await createTask(token, { title: 'x'.repeat(201) }))).toEqual([expect.objectContaining({ field: 'input.title' })]);
    expect(fieldsOf(await createTask(token, { title: 'ok', description: 'x'.repeat(5001) }))).toEqual([expect.objectContaining({ field: 'input.description' })]);
    expect(onlyError(await createTask(token, { title: 'ok', completedAt: '2026-01-01T00:00:00.000Z' })).extensions?.code).toBe('BAD_USER_INPUT');
    const { id, version } = (await createTask(token, { title: 'Set title' })).data!.createTask.task;
    const cleared = onlyError(await updateTask(token, { id, expectedVersion: version, title: null }));
    expect(cleared.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ field: 'input.title', rule: 'notNull' })] });
  });

  it('are isolated by tenant', async () => {
    const acme = await app.login(Role.ADMIN, ACME);
    const task = (await createTask(acme, { title: 'Acme only' })).data!.createTask.task;
    const northwind = await app.login(Role.ADMIN, NORTHWIND);
    expect((await app.graphql<{ node: unknown }, unknown>(`query($id: ID!) { node(id: $id) { id } }`, { id: task.id }, northwind)).data!.node).toBeNull();
  });
});
