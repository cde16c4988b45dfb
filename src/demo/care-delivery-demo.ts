import type { Client } from 'pg';
import { Role } from '../entities/enums';
import { DAY, insertRows, isoDate, type Random } from './rows';

export interface CareDeliveryContext {
  tenantColumn: (n: number) => { type: string; values: unknown[] };
  rnd: Random;
  /** The moment the demo is loaded. */
  now: number;
  /** Patients in the tenant's care now, with the day they came into it (a resident's admission) if recent. */
  patients: Array<{ id: string; since: number | null }>;
  professionalIds: string[];
  categoryIds: string[];
  membershipIds: Map<Role, string>;
}


const MEDICATIONS = [
  { name: 'Paracetamol', generic: 'Paracetamol', form: 'tablet', strength: '500 mg' },
  { name: 'Ramipril', generic: 'Ramipril', form: 'capsule', strength: '5 mg' },
  { name: 'Metformin', generic: 'Metformin hydrochloride', form: 'tablet', strength: '500 mg' },
  { name: 'Atorvastatin', generic: 'Atorvastatin', form: 'tablet', strength: '20 mg' },
  { name: 'Salbutamol', generic: 'Salbutamol', form: 'inhaler', strength: '100 micrograms/dose' },
];
const FREQUENCIES = ['once daily', 'twice daily', 'four times a day', 'at night', 'when required'];
const PLAN_TYPES = ['Falls prevention', 'Nutrition', 'Diabetes', 'Mobility', 'End of life'];
const RISKS = ['Falls', 'Pressure ulcers', 'Malnutrition', 'Choking', 'Absconding'];
const CONSENTS = ['data sharing', 'treatment', 'photography'];
const TASKS = ['Order repeat prescription', 'Call family', 'Book GP review', 'Update care plan', 'Chase blood results', 'Arrange transport'];
const TEMPLATES = [
  { name: 'Daily care', body: 'Personal care:\nNutrition and fluids:\nMood:\nConcerns:' },
  { name: 'Medication review', body: 'Current medicines:\nChanges:\nSide effects:\nNext review:' },
  { name: 'Fall', body: 'Where and when:\nInjuries:\nObservations:\nActions taken:' },
];

/**
 * The ComplexCare care-delivery demo rows of one tenant (issue 10): a catalogue, patients'
 * medications, care plans, two care teams with members and patients (one primary team each),
 * risk assessments, consents, note templates, tasks (some overdue) and their reminders, all about
 * patients still in the tenant's care (a plan no earlier than their admission).
 */
export async function loadCareDelivery(client: Client, context: CareDeliveryContext): Promise<void> {
  const { tenantColumn, rnd, now, professionalIds, categoryIds, membershipIds } = context;
  const some = context.patients.slice(0, 60).map((p) => p.id);
  const since = new Map(context.patients.map((p) => [p.id, p.since]));

  const medicationIds = await insertRows(client, 'medications', {
    tenant_id: tenantColumn(MEDICATIONS.length),
    name: { type: 'text', values: MEDICATIONS.map((m) => m.name) },
    generic_name: { type: 'text', values: MEDICATIONS.map((m) => m.generic) },
    form: { type: 'text', values: MEDICATIONS.map((m) => m.form) },
    strength: { type: 'text', values: MEDICATIONS.map((m) => m.strength) },
  });
  const taking = some.map((patientId) => ({ patientId, medicationId: rnd.pick(medicationIds), start: now - (30 + rnd.int(300)) * DAY }));
  await insertRows(client, 'patient_medications', {
    tenant_id: tenantColumn(taking.length),
    patient_id: { type: 'uuid', values: taking.map((t) => t.patientId) },
    medication_id: { type: 'uuid', values: taking.map((t) => t.medicationId) },
    prescriber_id: { type: 'uuid', values: taking.map(() => professionalIds[0]) },
    dosage: { type: 'text', values: taking.map(() => '1 dose') },
    frequency: { type: 'text', values: taking.map(() => rnd.pick(FREQUENCIES)) },
    route: { type: 'text', values: taking.map(() => 'oral') },
    start_date: { type: 'date', values: taking.map((t) => isoDate(t.start)) },
  });

  const plans = some.slice(0, 40).map((patientId) => ({ patientId, type: rnd.pick(PLAN_TYPES), start: Math.max(since.get(patientId) ?? 0, now - (10 + rnd.int(200)) * DAY) }));
  await insertRows(client, 'care_plans', {
    tenant_id: tenantColumn(plans.length),
    patient_id: { type: 'uuid', values: plans.map((p) => p.patientId) },
    title: { type: 'text', values: plans.map((p) => `${p.type} plan`) },
    plan_type: { type: 'text', values: plans.map((p) => p.type) },
    status: { type: 'text', values: plans.map((_, i) => (i % 5 === 0 ? 'UNDER_REVIEW' : 'ACTIVE')) },
    start_date: { type: 'date', values: plans.map((p) => isoDate(p.start)) },
    // Every third plan's review is overdue (of those begun long enough ago to have one).
    review_date: { type: 'date', values: plans.map((p, i) => isoDate(i % 3 === 0 && p.start < now - 40 * DAY ? now - 5 * DAY : p.start + 180 * DAY)) },
    details: { type: 'jsonb', values: plans.map((p) => JSON.stringify({ goal: `Reduce risk: ${p.type.toLowerCase()}`, reviewedWith: 'family' })) },
  });

  const teamIds = await insertRows(client, 'care_teams', {
    tenant_id: tenantColumn(2),
    name: { type: 'text', values: ['Day team', 'Night team'] },
    lead_id: { type: 'uuid', values: professionalIds.slice(0, 2) },
  });
  const members = professionalIds.slice(0, 6).map((professionalId, i) => ({ professionalId, teamId: teamIds[i % 2] }));
  await insertRows(client, 'care_team_members', {
    tenant_id: tenantColumn(members.length),
    care_team_id: { type: 'uuid', values: members.map((m) => m.teamId) },
    care_professional_id: { type: 'uuid', values: members.map((m) => m.professionalId) },
    role: { type: 'text', values: members.map((_, i) => (i < 2 ? 'lead' : 'key worker')) },
    joined_at: { type: 'timestamptz', values: members.map(() => new Date(now - 365 * DAY)) },
  });
  await insertRows(client, 'patient_care_teams', {
    tenant_id: tenantColumn(some.length),
    patient_id: { type: 'uuid', values: some },
    care_team_id: { type: 'uuid', values: some.map((_, i) => teamIds[i % 2]) },
    assigned_date: { type: 'date', values: some.map(() => isoDate(now - 200 * DAY)) },
    is_primary: { type: 'boolean', values: some.map(() => true) },
  });

  const assessed = some.slice(0, 20);
  await insertRows(client, 'risk_assessments', {
    tenant_id: tenantColumn(assessed.length),
    patient_id: { type: 'uuid', values: assessed },
    title: { type: 'text', values: assessed.map(() => rnd.pick(RISKS)) },
    description: { type: 'text', values: assessed.map(() => 'Assessed on a routine review.') },
    level: { type: 'text', values: assessed.map(() => rnd.pick(['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'])) },
    conducted_by_id: { type: 'uuid', values: assessed.map(() => membershipIds.get(Role.CLINICIAN)) },
    assessment_date: { type: 'date', values: assessed.map(() => isoDate(now - rnd.int(90) * DAY)) },
    next_review_date: { type: 'date', values: assessed.map(() => isoDate(now + (30 + rnd.int(60)) * DAY)) },
  });

  const consents = some.map((patientId, i) => ({ patientId, type: CONSENTS[i % CONSENTS.length], granted: i % 7 !== 0, at: now - (100 + rnd.int(200)) * DAY }));
  await insertRows(client, 'patient_consents', {
    tenant_id: tenantColumn(consents.length),
    patient_id: { type: 'uuid', values: consents.map((c) => c.patientId) },
    consent_type: { type: 'text', values: consents.map((c) => c.type) },
    granted: { type: 'boolean', values: consents.map((c) => c.granted) },
    granted_at: { type: 'timestamptz', values: consents.map((c) => new Date(c.at)) },
    revoked_at: { type: 'timestamptz', values: consents.map((c, i) => (c.granted && i % 11 === 0 ? new Date(c.at + 50 * DAY) : null)) },
  });

  await insertRows(client, 'clinical_note_templates', {
    tenant_id: tenantColumn(TEMPLATES.length),
    name: { type: 'text', values: TEMPLATES.map((t) => t.name) },
    category_id: { type: 'uuid', values: TEMPLATES.map((_, i) => categoryIds[i % categoryIds.length]) },
    body: { type: 'text', values: TEMPLATES.map((t) => t.body) },
  });

  // Tasks for the clinician, the care worker and the coordinator, due around the day the demo is
  // loaded: every fourth one overdue.
  const today = Math.floor(now / DAY) * DAY;
  const assignees = [Role.CLINICIAN, Role.CARE_WORKER, Role.COORDINATOR].map((role) => membershipIds.get(role)!);
  const tasks = Array.from({ length: 30 }, (_, i) => {
    const priority = rnd.pick(['LOW', 'MEDIUM', 'HIGH', 'URGENT']);
    const done = i % 5 === 4;
    const due = i % 4 === 0 ? today - (1 + rnd.int(5)) * DAY : today + (1 + rnd.int(14)) * DAY;
    return { title: rnd.pick(TASKS), priority, due, done, assigneeId: assignees[i % 3], patientId: i % 2 === 0 ? some[i % some.length] : null };
  });
  const taskIds = await insertRows(client, 'tasks', {
    tenant_id: tenantColumn(tasks.length),
    title: { type: 'text', values: tasks.map((t) => t.title) },
    status: { type: 'text', values: tasks.map((t) => (t.done ? 'COMPLETED' : 'PENDING')) },
    priority: { type: 'text', values: tasks.map((t) => t.priority) },
    due_at: { type: 'timestamptz', values: tasks.map((t) => new Date(t.due)) },
    completed_at: { type: 'timestamptz', values: tasks.map((t) => (t.done ? new Date(t.due - DAY) : null)) },
    assignee_id: { type: 'uuid', values: tasks.map((t) => t.assigneeId) },
    patient_id: { type: 'uuid', values: tasks.map((t) => t.patientId) },
  });
  const reminded = taskIds.slice(0, 10);
  await insertRows(client, 'reminders', {
    tenant_id: tenantColumn(reminded.length),
    member_id: { type: 'uuid', values: reminded.map((_, i) => tasks[i].assigneeId) },
    remind_at: { type: 'timestamptz', values: reminded.map((_, i) => new Date(tasks[i].due - DAY)) },
    task_id: { type: 'uuid', values: reminded },
  });
}
