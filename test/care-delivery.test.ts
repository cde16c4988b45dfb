import { NORTHWIND, onlyError, startTestApp, TestApp } from './support/harness';
import { Role } from '../src/entities/enums';

/**
 * The domain rules of the ComplexCare care-delivery entities. What every entity keeps
 * (isolation, soft delete, audit, versions, roles) is proven for all of them by conformance.test.ts.
 */

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.stop());

type Response = Awaited<ReturnType<TestApp['graphql']>>;

async function mutate(token: string, mutation: string, input: Record<string, unknown>, selection = 'id version'): Promise<Response & { data?: Record<string, Record<string, Record<string, unknown>>> }> {
  const type = mutation.replace(/^(create|update|delete|restore)/, '');
  const inputType = mutation.startsWith('delete') ? 'DeleteInput' : mutation.startsWith('restore') ? 'RestoreInput' : `${mutation[0].toUpperCase()}${mutation.slice(1)}Input`;
  const field = type[0].toLowerCase() + type.slice(1);
  return app.graphql(`mutation($input: ${inputType}!) { ${mutation}(input: $input) { ${field} { ${selection} } } }`, { input }, token) as never;
}

/** The created object's fields, failing the test with the errors when it was refused. */
async function created(token: string, mutation: string, input: Record<string, unknown>, selection = 'id version'): Promise<Record<string, unknown> & { id: string; version: number }> {
  const result = await mutate(token, mutation, input, selection);
  expect(result.errors).toBeUndefined();
  return Object.values(result.data![mutation])[0] as never;
}

const fieldError = (response: Response) => (onlyError(response).extensions?.fields as Array<{ field: string; rule: string }>)[0];

async function newPatient(token: string): Promise<string> {
  return (await created(token, 'createPatient', { firstName: 'Care', lastName: `Delivery${Math.random().toString(36).slice(2, 8)}` })).id;
}

describe('care plans', () => {
  it('end after they start, move along their life cycle, and filter by their JSON details', async () => {
    const clinician = await app.login(Role.CLINICIAN);
    const patientId = await newPatient(clinician);
    const early = await mutate(clinician, 'createCarePlan', { patientId, title: 'Falls', startDate: '2026-03-01', endDate: '2026-03-01' });
    expect(fieldError(early)).toMatchObject({ field: 'input.endDate', rule: 'endAfterStart' });

    const plan = await created(clinician, 'createCarePlan', { patientId, title: 'Falls', startDate: '2026-03-01', details: { goal: 'no falls', mobility: 'LOW' } }, 'id version status details');
    expect(plan).toMatchObject({ status: 'DRAFT', details: { goal: 'no falls', mobility: 'LOW' } });
    const shortened = await mutate(clinician, 'updateCarePlan', { id: plan.id, expectedVersion: plan.version, endDate: '2026-02-01' });
    expect(fieldError(shortened)).toMatchObject({ field: 'input.endDate', rule: 'endAfterStart' });
    const completed = await mutate(clinician, 'updateCarePlan', { id: plan.id, expectedVersion: plan.version, status: 'COMPLETED' });
    expect(fieldError(completed)).toMatchObject({ field: 'input.status', rule: 'transition' });

    const query = `query($patient: ID!, $details: JSONObject) { carePlans(filter: { patient: { eq: $patient }, details: { contains: $details } }) { nodes { id } } }`;
    const found = await app.graphql<{ carePlans: { nodes: Array<{ id: string }> } }, unknown>(query, { patient: patientId, details: { mobility: 'LOW' } }, clinician);
    expect(found.data!.carePlans.nodes.map((n) => n.id)).toEqual([plan.id]);
    const none = await app.graphql<{ carePlans: { nodes: unknown[] } }, unknown>(query, { patient: patientId, details: { mobility: 'HIGH' } }, clinician);
    expect(none.data!.carePlans.nodes).toEqual([]);
    const nested = await app.graphql<{ node: { carePlans: { totalCount: number } } }, unknown>(`query($id: ID!) { node(id: $id) { ... on Patient { carePlans { totalCount } } } }`, { id: patientId }, clinician);
    expect(nested.data!.node.carePlans.totalCount).toBe(1);
  });

  it('are not readable by coordinators or analysts', async () => {
    for (const role of [Role.COORDINATOR, Role.ANALYST]) {
      expect(onlyError(await app.graphql(`{ carePlans { totalCount } }`, {}, await app.login(role))).extensions?.code).toBe('FORBIDDEN');
    }
  });
});

describe('medications', () => {
  it("come from the tenant's own catalogue and appear with the patient", async () => {
    const clinician = await app.login(Role.CLINICIAN);
    const patientId = await newPatient(clinician);
    const drug = await created(clinician, 'createMedication', { name: 'Paracetamol', strength: '500 mg', form: 'tablet' });
    const foreignDrug = await created(await app.login(Role.CLINICIAN, NORTHWIND), 'createMedication', { name: 'Elsewhere' });
    const refused = await mutate(clinician, 'createPatientMedication', { patientId, medicationId: foreignDrug.id, dosage: '1 tablet', frequency: 'daily', startDate: '2026-01-01' });
    expect(fieldError(refused)).toMatchObject({ field: 'input.medicationId', rule: 'exists' });

    const taken = await created(clinician, 'createPatientMedication', { patientId, medicationId: drug.id, dosage: '1 tablet', frequency: 'four times a day', startDate: '2026-01-01' }, 'id version status medication { name strength }');
    expect(taken).toMatchObject({ status: 'ACTIVE', medication: { name: 'Paracetamol', strength: '500 mg' } });
    const nested = await app.graphql<{ node: { medications: { nodes: Array<{ id: string }> } } }, unknown>(`query($id: ID!) { node(id: $id) { ... on Patient { medications { nodes { id } } } } }`, { id: patientId }, clinician);
    expect(nested.data!.node.medications.nodes.map((n) => n.id)).toEqual([taken.id]);
    const paused = await created(clinician, 'updatePatientMedication', { id: taken.id, expectedVersion: taken.version, status: 'PAUSED' }, 'id version status');
    const stopped = await created(clinician, 'updatePatientMedication', { id: taken.id, expectedVersion: paused.version, status: 'STOPPED' }, 'id version status');
    expect(fieldError(await mutate(clinician, 'updatePatientMedication', { id: taken.id, expectedVersion: stopped.version, status: 'ACTIVE' }))).toMatchObject({ field: 'input.status', rule: 'transition' });
  });
});

describe('care teams', () => {
  it('allow one current primary team per patient, enforced by the database, and list members and patients', async () => {
    const coordinator = await app.login(Role.COORDINATOR);
    const patientId = await newPatient(coordinator);
    const stamp = Date.now();
    const teamA = await created(coordinator, 'createCareTeam', { name: `Team A ${stamp}` });
    const teamB = await created(coordinator, 'createCareTeam', { name: `Team B ${stamp}` });
    const duplicate = await mutate(coordinator, 'createCareTeam', { name: `team a ${stamp}` });
    expect(onlyError(duplicate).extensions).toMatchObject({ code: 'CONFLICT', fields: [expect.objectContaining({ field: 'input.name', rule: 'unique' })] });

    const first = await created(coordinator, 'createPatientCareTeam', { patientId, careTeamId: teamA.id, assignedDate: '2026-01-01', isPrimary: true });
    const second = await mutate(coordinator, 'createPatientCareTeam', { patientId, careTeamId: teamB.id, assignedDate: '2026-02-01', isPrimary: true });
    expect(onlyError(second).extensions).toMatchObject({ code: 'CONFLICT', fields: [expect.objectContaining({ field: 'input.isPrimary', rule: 'onePrimaryTeam' })] });
    // Once the first assignment ends, another team can be primary.
    await created(coordinator, 'updatePatientCareTeam', { id: first.id, expectedVersion: first.version, unassignedDate: '2026-01-31' });
    await created(coordinator, 'createPatientCareTeam', { patientId, careTeamId: teamB.id, assignedDate: '2026-02-01', isPrimary: true });

    const professional = (await app.graphql<{ careProfessionals: { nodes: Array<{ id: string }> } }, unknown>(`{ careProfessionals(first: 1) { nodes { id } } }`, {}, coordinator)).data!.careProfessionals.nodes[0];
    await created(coordinator, 'createCareTeamMember', { careTeamId: teamB.id, careProfessionalId: professional.id, role: 'key worker' });
    const team = await app.graphql<{ node: { members: { nodes: Array<{ role: string; careProfessional: { id: string } }> }; patientAssignments: { nodes: Array<{ isPrimary: boolean; patient: { id: string } }> } } }, unknown>(
      `query($id: ID!) { node(id: $id) { ... on CareTeam { members { nodes { role careProfessional { id } } } patientAssignments { nodes { isPrimary patient { id } } } } } }`,
      { id: teamB.id },
      coordinator,
    );
    expect(team.errors).toBeUndefined();
    expect(team.data!.node.members.nodes).toEqual([{ role: 'key worker', careProfessional: { id: professional.id } }]);
    expect(team.data!.node.patientAssignments.nodes).toEqual([{ isPrimary: true, patient: { id: patientId } }]);
  });
});

describe('risk assessments', () => {
  it('order by level by rank, CRITICAL first when descending', async () => {
    const worker = await app.login(Role.CARE_WORKER);
    const tag = `risk-${Date.now()}`;
    for (const level of ['MEDIUM', 'CRITICAL', 'LOW', 'HIGH']) {
      await created(worker, 'createRiskAssessment', { title: `${tag} ${level}`, description: 'Observed', level, assessmentDate: '2026-04-01' });
    }
    const result = await app.graphql<{ riskAssessments: { nodes: Array<{ level: string }> } }, unknown>(
      `{ riskAssessments(filter: { title: { startsWith: "${tag}" } }, orderBy: [{ field: LEVEL, direction: DESC }]) { nodes { level } } }`,
      {},
      worker,
    );
    expect(result.data!.riskAssessments.nodes.map((n) => n.level)).toEqual(['CRITICAL', 'HIGH', 'MEDIUM', 'LOW']);
  });
});

describe('consents', () => {
  it('keep their history: revoked once, never edited, refused by the database too', async () => {
    const clinician = await app.login(Role.CLINICIAN);
    const patientId = await newPatient(clinician);
    const consent = await created(clinician, 'createPatientConsent', { patientId, consentType: 'data sharing', granted: true, sourceIp: '192.0.2.10' }, 'id version grantedAt revokedAt');
    expect(fieldError(await mutate(clinician, 'createPatientConsent', { patientId, consentType: 'x', granted: true, sourceIp: 'not an address' }))).toMatchObject({ field: 'input.sourceIp' });
    const revoked = await created(clinician, 'updatePatientConsent', { id: consent.id, expectedVersion: consent.version, revokedAt: new Date(Date.now() + 1000).toISOString() }, 'id version revokedAt');
    expect(revoked.revokedAt).not.toBeNull();
    const again = await mutate(clinician, 'updatePatientConsent', { id: consent.id, expectedVersion: revoked.version, revokedAt: null });
    expect(fieldError(again)).toMatchObject({ field: 'input.revokedAt', rule: 'revokeOnce' });
    // The schema offers no way to change the decision; the database refuses it on any path.
    await expect(app.db.owner(`UPDATE patient_consents SET granted = false WHERE id = $1`, [Buffer.from(consent.id, 'base64url').toString().split(':')[1]])).rejects.toThrow(/never changed/);
    const history = await app.graphql<{ node: { consents: { totalCount: number } } }, unknown>(`query($id: ID!) { node(id: $id) { ... on Patient { consents { totalCount } } } }`, { id: patientId }, clinician);
    expect(history.data!.node.consents.totalCount).toBe(1);
  });
});

describe('note templates', () => {
  it('give a new note its body, and a note needs content or a template', async () => {
    const clinician = await app.login(Role.CLINICIAN);
    const patientId = await newPatient(clinician);
    const template = await created(clinician, 'createClinicalNoteTemplate', { name: `Review ${Date.now()}`, body: 'Mobility:\nMood:\nPlan:' });
    const note = await created(clinician, 'createClinicalNote', { patientId, templateId: template.id }, 'id content template { id }');
    expect(note).toMatchObject({ content: 'Mobility:\nMood:\nPlan:', template: { id: template.id } });
    const own = await created(clinician, 'createClinicalNote', { patientId, templateId: template.id, content: 'Own words' }, 'content');
    expect(own.content).toBe('Own words');
    expect(fieldError(await mutate(clinician, 'createClinicalNote', { patientId }))).toMatchObject({ field: 'input.content', rule: 'required' });
  });
});

describe('reminders', () => {
  it('are about exactly one subject, and due ones are listable', async () => {
    const coordinator = await app.login(Role.COORDINATOR);
    const members = await app.graphql<{ members: { nodes: Array<{ id: string }> } }, unknown>(`{ members(first: 1) { nodes { id } } }`, {}, coordinator);
    const memberId = members.data!.members.nodes[0].id;
    const task = await created(coordinator, 'createTask', { title: 'Remind me' });
    const patientId = await newPatient(coordinator);
    expect(fieldError(await mutate(coordinator, 'createReminder', { memberId, remindAt: '2026-01-01T09:00:00.000Z' }))).toMatchObject({ field: 'input.taskId', rule: 'exactlyOne' });
    const both = onlyError(await mutate(coordinator, 'createReminder', { memberId, remindAt: '2026-01-01T09:00:00.000Z', taskId: task.id, patientId })).extensions?.fields;
    expect(both).toEqual([expect.objectContaining({ field: 'input.taskId', rule: 'exactlyOne' }), expect.objectContaining({ field: 'input.patientId', rule: 'exactlyOne' })]);

    const past = await created(coordinator, 'createReminder', { memberId, remindAt: '2020-01-01T09:00:00.000Z', taskId: task.id }, 'id version due status task { id }');
    expect(past).toMatchObject({ due: true, status: 'PENDING', task: { id: task.id } });
    const future = await created(coordinator, 'createReminder', { memberId, remindAt: '2099-01-01T09:00:00.000Z', patientId }, 'id due');
    expect(future.due).toBe(false);
    const due = await app.graphql<{ reminders: { nodes: Array<{ id: string; due: boolean }> } }, unknown>(`{ reminders(first: 500, filter: { due: { eq: true } }) { nodes { id due } } }`, {}, coordinator);
    const dueIds = due.data!.reminders.nodes.map((n) => n.id);
    expect(dueIds).toContain(past.id);
    expect(dueIds).not.toContain(future.id);
    const sent = await created(coordinator, 'updateReminder', { id: past.id, expectedVersion: past.version, status: 'SENT' }, 'id due');
    expect(sent.due).toBe(false);
  });
});
