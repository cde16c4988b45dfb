import { Client } from 'pg';
import { APP_DB_ROLE } from '../src/db/roles';
import { buildCareGraphSchema } from '../src/schema';
import { ACME, memberIdByRole, NORTHWIND, onlyError, startTestApp, TestApp } from './support/harness';
import { JourneyStage, Role } from '../src/entities/enums';
import { parseGlobalId, toGlobalId } from '../src/data/global-id';

/** HealthCRM's lead rules; what every entity keeps (isolation, audit, versions, …) is in conformance.test.ts. */

let app: TestApp;
let sdr: string;
let admin: string;
beforeAll(async () => {
  app = await startTestApp();
  sdr = await app.login(Role.SDR);
  admin = await app.login(Role.ADMIN);
});
afterAll(() => app.stop());

type LeadRow = { id: string; version: number; status: string; callCount: number; lastContactedAt: string | null; outcome: string | null; notes: string | null; owner: { id: string; role: string } | null };
const LEAD_FIELDS = 'id version status callCount lastContactedAt outcome notes owner { id role }';

let emails = 0;
const nextEmail = () => `lead${++emails}.${Date.now()}@example.com`;

async function createLead(token: string, input: Record<string, unknown> = {}) {
  return app.graphql<{ createLead: { lead: LeadRow } }, unknown>(
    `mutation($input: CreateLeadInput!) { createLead(input: $input) { lead { ${LEAD_FIELDS} } } }`,
    { input: { firstName: 'Lee', lastName: 'Dee', email: nextEmail(), ...input } },
    token,
  );
}
async function newLead(token = sdr, input: Record<string, unknown> = {}): Promise<LeadRow> {
  const created = await createLead(token, input);
  expect(created.errors).toBeUndefined();
  return created.data!.createLead.lead;
}
async function moveLead(token: string, lead: { id: string; version: number }, status: string) {
  return app.graphql<{ updateLead: { lead: LeadRow } }, unknown>(
    `mutation($input: UpdateLeadInput!) { updateLead(input: $input) { lead { ${LEAD_FIELDS} } } }`,
    { input: { id: lead.id, expectedVersion: lead.version, status } },
    token,
  );
}
async function logCall(token: string, input: Record<string, unknown>) {
  return app.graphql<{ logLeadCall: { lead: LeadRow } }, unknown>(`mutation($input: LogLeadCallInput!) { logLeadCall(input: $input) { lead { ${LEAD_FIELDS} } } }`, { input }, token);
}
async function assign(token: string, input: Record<string, unknown>) {
  return app.graphql<{ assignLead: { lead: LeadRow } }, unknown>(`mutation($input: AssignLeadInput!) { assignLead(input: $input) { lead { ${LEAD_FIELDS} } } }`, { input }, token);
}
const memberId = async (role: Role, tenant = ACME) => memberIdByRole(app, await app.login(Role.ADMIN, tenant), role);

describe('the lead pipeline', () => {
  it('starts at HHQ_STARTED and moves one stage forward at a time', async () => {
    let lead = await newLead();
    expect(lead.status).toBe('HHQ_STARTED');
    for (const status of ['HHQ_SIGNED', 'BOOKING_NOT_PAID', 'BOOKING_PAID_NOT_BOOKED', 'BOOKING_PAID_BOOKED']) {
      const moved = await moveLead(sdr, lead, status);
      expect(moved.errors).toBeUndefined();
      lead = moved.data!.updateLead.lead;
      expect(lead.status).toBe(status);
    }
  });

  it('refuses a skip and a move backwards, naming the field and the rule', async () => {
    const lead = await newLead();
    const skip = onlyError(await moveLead(sdr, lead, 'BOOKING_NOT_PAID'));
    expect(skip.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ field: 'input.status', rule: 'transition' })] });
    const signed = (await moveLead(sdr, lead, 'HHQ_SIGNED')).data!.updateLead.lead;
    const back = onlyError(await moveLead(sdr, signed, 'HHQ_STARTED'));
    expect(back.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ field: 'input.status', rule: 'transition' })] });
    expect(back.message).toContain('allowed: BOOKING_NOT_PAID');
  });

  it('lets an admin move a lead backwards or skip stages', async () => {
    const lead = await newLead();
    const skipped = await moveLead(admin, lead, 'BOOKING_PAID_NOT_BOOKED');
    expect(skipped.errors).toBeUndefined();
    const back = await moveLead(admin, skipped.data!.updateLead.lead, 'HHQ_STARTED');
    expect(back.errors).toBeUndefined();
    expect(back.data!.updateLead.lead.status).toBe('HHQ_STARTED');
  });

  it('does not let a new lead start with the booking paid', async () => {
    const refused = onlyError(await createLead(sdr, { status: 'BOOKING_PAID_BOOKED' }));
    expect(refused.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ field: 'input.status', rule: 'initialStatus' })] });
  });
});

describe('lead email', () => {
  it('is unique among the tenant’s live leads, case-insensitively (CONFLICT naming the field), not across tenants or against deleted leads', async () => {
    const email = nextEmail();
    const first = await newLead(sdr, { email });
    const duplicate = onlyError(await createLead(sdr, { email: email.toUpperCase() }));
    expect(duplicate.extensions).toMatchObject({ code: 'CONFLICT', fields: [{ field: 'input.email', rule: 'unique' }] });

    expect((await createLead(await app.login(Role.SDR, NORTHWIND), { email })).errors).toBeUndefined();

    const deleted = await app.graphql(`mutation($id: ID!) { deleteLead(input: { id: $id }) { lead { id } } }`, { id: first.id }, admin);
    expect(deleted.errors).toBeUndefined();
    expect((await createLead(sdr, { email })).errors).toBeUndefined();
  });

  it('must be an email address', async () => {
    const refused = onlyError(await createLead(sdr, { email: 'not-an-email' }));
    expect(refused.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ field: 'input.email' })] });
  });
});

describe('logLeadCall', () => {
  it('counts the call, stamps lastContactedAt, sets the outcome and keeps the notes, in one audited write', async () => {
    const lead = await newLead(sdr, { notes: 'Came from the newsletter.' });
    const before = Date.now();
    const logged = await logCall(sdr, { id: lead.id, outcome: 'no answer', notes: 'Left a voicemail.' });
    expect(logged.errors).toBeUndefined();
    const after = logged.data!.logLeadCall.lead;
    expect(after).toMatchObject({ callCount: 1, outcome: 'no answer', version: lead.version + 1 });
    expect(Date.parse(after.lastContactedAt!)).toBeGreaterThanOrEqual(before - 1000);
    expect(after.notes).toMatch(/^Came from the newsletter\.\n\d{4}-\d\d-\d\d \d\d:\d\d UTC, call \(no answer\): Left a voicemail\.$/);

    const second = (await logCall(sdr, { id: lead.id, expectedVersion: after.version })).data!.logLeadCall.lead;
    expect(second).toMatchObject({ callCount: 2, outcome: 'no answer' });

    const audit = await app.db.owner(`SELECT action, old_values->>'call_count' AS old, new_values->>'call_count' AS new FROM audit_logs WHERE table_name = 'leads' AND record_id = $1 ORDER BY id`, [
      parseGlobalId(lead.id)!.id,
    ]);
    expect(audit).toEqual([
      { action: 'INSERT', old: null, new: '0' },
      { action: 'UPDATE', old: '0', new: '1' },
      { action: 'UPDATE', old: '1', new: '2' },
    ]);
  });

  it('loses no call when calls are logged at once', async () => {
    const lead = await newLead();
    const results = await Promise.all(Array.from({ length: 5 }, () => logCall(sdr, { id: lead.id })));
    expect(results.map((r) => r.errors)).toEqual([undefined, undefined, undefined, undefined, undefined]);
    const [row] = await app.db.owner(`SELECT call_count FROM leads WHERE id = $1`, [parseGlobalId(lead.id)!.id]);
    expect(row.call_count).toBe(5);
  });

  it('refuses a stale expectedVersion with CONFLICT, and roles that do not work leads', async () => {
    const lead = await newLead();
    await logCall(sdr, { id: lead.id });
    expect(onlyError(await logCall(sdr, { id: lead.id, expectedVersion: lead.version })).extensions).toMatchObject({ code: 'CONFLICT' });
    expect(onlyError(await logCall(await app.login(Role.HEALTH_COACH), { id: lead.id })).extensions).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('is NOT_FOUND for another tenant’s lead', async () => {
    const lead = await newLead();
    expect(onlyError(await logCall(await app.login(Role.SDR, NORTHWIND), { id: lead.id })).extensions).toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('assignLead', () => {
  it('hands the lead to an SDR of the tenant', async () => {
    const lead = await newLead();
    const owner = await memberId(Role.SDR);
    const assigned = await assign(sdr, { id: lead.id, expectedVersion: lead.version, ownerId: owner });
    expect(assigned.errors).toBeUndefined();
    expect(assigned.data!.assignLead.lead.owner).toEqual({ id: owner, role: 'SDR' });
  });

  it('refuses a member who is not an SDR, and a member of another tenant, naming the field and the rule', async () => {
    const lead = await newLead();
    const coach = onlyError(await assign(sdr, { id: lead.id, expectedVersion: lead.version, ownerId: await memberId(Role.HEALTH_COACH) }));
    expect(coach.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ field: 'input.ownerId', rule: 'memberRole' })] });
    const foreign = onlyError(await assign(sdr, { id: lead.id, expectedVersion: lead.version, ownerId: await memberId(Role.SDR, NORTHWIND) }));
    expect(foreign.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ field: 'input.ownerId', rule: 'exists' })] });
  });

  it('applies the same rule to create and update: a lead’s coach must be a health coach', async () => {
    const refused = onlyError(await createLead(sdr, { healthCoachId: await memberId(Role.SDR) }));
    expect(refused.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ field: 'input.healthCoachId', rule: 'memberRole' })] });
    expect((await createLead(sdr, { healthCoachId: await memberId(Role.HEALTH_COACH) })).errors).toBeUndefined();
  });
});

describe('HealthCRM roles', () => {
  const read = (token: string, field: string) => app.graphql(`{ ${field}(first: 1) { totalCount } }`, {}, token);

  it('SDRs read leads but neither patients nor clinical notes', async () => {
    expect((await read(sdr, 'leads')).errors).toBeUndefined();
    expect(onlyError(await read(sdr, 'patients')).extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(onlyError(await read(sdr, 'clinicalNotes')).extensions).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('health coaches read patients and leads but not clinical notes; clinicians do not read leads', async () => {
    const coach = await app.login(Role.HEALTH_COACH);
    expect((await read(coach, 'patients')).errors).toBeUndefined();
    expect((await read(coach, 'leads')).errors).toBeUndefined();
    expect(onlyError(await read(coach, 'clinicalNotes')).extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(onlyError(await read(await app.login(Role.CLINICIAN), 'leads')).extensions).toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('tasks and appointments about a lead', () => {
  /** A bookable half hour of a professional of the tenant, a week or more ahead. */
  async function freeSlot(token: string): Promise<{ careProfessionalId: string; startTime: string }> {
    const professionals = await app.graphql<{ careProfessionals: { nodes: Array<{ id: string }> } }, unknown>(`{ careProfessionals(first: 10) { nodes { id } } }`, {}, token);
    for (const { id } of professionals.data!.careProfessionals.nodes) {
      const from = new Date(Date.now() + (7 + Math.floor(Math.random() * 300)) * 86_400_000);
      from.setUTCHours(0, 0, 0, 0);
      const slots = await app.graphql<{ freeSlots: Array<{ start: string }> }, unknown>(
        `query($p: ID!, $from: DateTime!, $to: DateTime!) { freeSlots(careProfessional: $p, from: $from, to: $to, duration: 30) { start } }`,
        { p: id, from: from.toISOString(), to: new Date(from.getTime() + 7 * 86_400_000).toISOString() },
        token,
      );
      if (slots.data?.freeSlots.length) return { careProfessionalId: id, startTime: slots.data.freeSlots[0].start };
    }
    throw new Error('no professional has a free slot');
  }
  const createAppointment = (token: string, input: Record<string, unknown>) =>
    app.graphql<{ createAppointment: { appointment: { id: string; startTime: string; endTime: string; patient: { id: string } | null; lead: { id: string } | null } } }, unknown>(
      `mutation($input: CreateAppointmentInput!) { createAppointment(input: $input) { appointment { id startTime endTime patient { id } lead { id } } } }`,
      { input },
      token,
    );
  const createTask = (token: string, input: Record<string, unknown>) =>
    app.graphql<{ createTask: { task: { id: string; lead: { id: string } | null; patient: { id: string } | null } } }, unknown>(
      `mutation($input: CreateTaskInput!) { createTask(input: $input) { task { id lead { id } patient { id } } } }`,
      { input },
      token,
    );

  it('books an appointment with a lead, half an hour long unless told otherwise, listed under the lead', async () => {
    const lead = await newLead();
    const slot = await freeSlot(sdr);
    const booked = await createAppointment(sdr, { ...slot, leadId: lead.id, title: 'Discovery call', meetingLink: 'https://meet.example.com/abc' });
    expect(booked.errors).toBeUndefined();
    const appointment = booked.data!.createAppointment.appointment;
    expect(appointment).toMatchObject({ patient: null, lead: { id: lead.id } });
    expect(Date.parse(appointment.endTime) - Date.parse(appointment.startTime)).toBe(30 * 60_000);

    const listed = await app.graphql<{ node: { appointments: { nodes: Array<{ id: string }> } } }, unknown>(
      `query($id: ID!) { node(id: $id) { ... on Lead { appointments(first: 5) { nodes { id } } } } }`,
      { id: lead.id },
      sdr,
    );
    expect(listed.data!.node.appointments.nodes).toEqual([{ id: appointment.id }]);
  });

  it('wants exactly one of patient and lead for an appointment, in the API and in the database', async () => {
    const lead = await newLead();
    const slot = await freeSlot(admin);
    const patients = await app.graphql<{ patients: { nodes: Array<{ id: string }> } }, unknown>(`{ patients(first: 1) { nodes { id } } }`, {}, admin);
    const both = onlyError(await createAppointment(admin, { ...slot, title: 'Both', leadId: lead.id, patientId: patients.data!.patients.nodes[0].id }));
    expect(both.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ field: 'input.patientId', rule: 'exactlyOne' }), expect.objectContaining({ field: 'input.leadId', rule: 'exactlyOne' })] });
    const neither = onlyError(await createAppointment(admin, { ...slot, title: 'Neither' }));
    expect(neither.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ rule: 'exactlyOne' }), expect.objectContaining({ rule: 'exactlyOne' })] });

    const [row] = await app.db.owner(`SELECT tenant_id, care_professional_id FROM appointments WHERE patient_id IS NOT NULL LIMIT 1`);
    await expect(
      app.db.owner(`INSERT INTO appointments (tenant_id, care_professional_id, title, start_time, end_time) VALUES ($1, $2, 'x', now() + interval '900 days', now() + interval '900 days 1 hour')`, [
        row.tenant_id,
        row.care_professional_id,
      ]),
    ).rejects.toThrow(/appointments_patient_id_check/);
  });

  it('lets a task be about a lead, or a patient, or neither, but not both (API and database)', async () => {
    const lead = await newLead();
    const created = await createTask(sdr, { title: 'Call back', leadId: lead.id });
    expect(created.errors).toBeUndefined();
    expect(created.data!.createTask.task).toMatchObject({ lead: { id: lead.id }, patient: null });
    expect((await createTask(sdr, { title: 'About nobody' })).errors).toBeUndefined();

    const patients = await app.graphql<{ patients: { nodes: Array<{ id: string }> } }, unknown>(`{ patients(first: 1) { nodes { id } } }`, {}, admin);
    const both = onlyError(await createTask(admin, { title: 'Both', leadId: lead.id, patientId: patients.data!.patients.nodes[0].id }));
    expect(both.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ field: 'input.patientId', rule: 'atMostOne' }), expect.objectContaining({ field: 'input.leadId', rule: 'atMostOne' })] });
    await expect(app.db.owner(`UPDATE tasks SET patient_id = (SELECT id FROM patients WHERE tenant_id = tasks.tenant_id LIMIT 1) WHERE lead_id IS NOT NULL`)).rejects.toThrow(/tasks_lead_id_check/);

    const tasks = await app.graphql<{ node: { tasks: { nodes: Array<{ id: string }> } } }, unknown>(`query($id: ID!) { node(id: $id) { ... on Lead { tasks(first: 5) { nodes { id } } } } }`, { id: lead.id }, sdr);
    expect(tasks.data!.node.tasks.nodes).toEqual([{ id: created.data!.createTask.task.id }]);
  });
});

/** Waits until `count` statements of the API's role wait for a row lock. */
async function waitForLockWait(count: number): Promise<void> {
  for (let waited = 0; waited < 10_000; waited += 25) {
    // This file's database only: other test files share the server.
    const [{ n }] = await app.db.owner(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND usename = $1 AND datname = current_database()`, [APP_DB_ROLE]);
    if ((n as number) >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('no request waited for the lock');
}

describe('convertLead', () => {
  const CONVERT = `mutation($input: ConvertLeadInput!) { convertLead(input: $input) { lead { id convertedAt status } } }`;
  const convert = (token: string, id: string) => app.graphql<{ convertLead: { lead: { id: string; convertedAt: string | null } } }, unknown>(CONVERT, { input: { id } }, token);

  /** A lead moved to BOOKING_PAID_BOOKED by an admin, with a coach, an open and a done task, a future and a past appointment. */
  async function readyLead() {
    const coach = await memberId(Role.HEALTH_COACH);
    const lead = await newLead(sdr, { healthCoachId: coach, phone: '+44 20 7946 0000' });
    const ready = (await moveLead(admin, lead, 'BOOKING_PAID_BOOKED')).data!.updateLead.lead;
    const leadDbId = parseGlobalId(lead.id)!.id;
    const [row] = await app.db.owner(`SELECT tenant_id FROM leads WHERE id = $1`, [leadDbId]);
    const [professional] = await app.db.owner(`SELECT id FROM care_professionals WHERE tenant_id = $1 AND deleted_at IS NULL LIMIT 1`, [row.tenant_id]);
    const tasks = await app.db.owner(
      `INSERT INTO tasks (tenant_id, title, status, completed_at, due_at, lead_id) VALUES ($1, 'Open', 'PENDING', NULL, now(), $2), ($1, 'Done', 'COMPLETED', now(), now(), $2) RETURNING id, title`,
      [row.tenant_id, leadDbId],
    );
    // Far from the demo data and from other tests' bookings: minutes derived from the lead's id.
    const offset = parseInt(leadDbId.slice(0, 6), 16) % 100000;
    const appointments = await app.db.owner(
      `INSERT INTO appointments (tenant_id, care_professional_id, lead_id, title, start_time, end_time) VALUES
         ($1, $2, $3, 'Future', now() + make_interval(days => 2000, mins => $4), now() + make_interval(days => 2000, mins => $4 + 30)),
         ($1, $2, $3, 'Past', now() - make_interval(days => 2000, mins => $4), now() - make_interval(days => 2000, mins => $4 - 30))
       RETURNING id, title`,
      [row.tenant_id, professional.id, leadDbId, offset],
    );
    return { lead: ready, leadDbId, coach, tasks, appointments };
  }

  it('creates the patient at INTAKE with the lead’s coach, links both ways, moves open tasks and future appointments, and records the journey start', async () => {
    const { lead, leadDbId, coach, tasks, appointments } = await readyLead();
    const converted = await convert(sdr, lead.id);
    expect(converted.errors).toBeUndefined();
    expect(converted.data!.convertLead.lead.convertedAt).toEqual(expect.stringMatching(/^\d{4}-/));

    const [patient] = await app.db.owner(`SELECT id, first_name, email, phone, journey_stage, health_coach_id, lead_id FROM patients WHERE lead_id = $1`, [leadDbId]);
    expect(patient).toMatchObject({ first_name: 'Lee', phone: '+44 20 7946 0000', journey_stage: 'INTAKE', health_coach_id: parseGlobalId(coach)!.id, lead_id: leadDbId });

    const coachToken = await app.login(Role.HEALTH_COACH);
    const seen = await app.graphql<{ node: { patient: { id: string; journeyStage: string; lead: { id: string }; healthCoach: { id: string }; journeyHistory: { nodes: Array<{ fromStage: string | null; toStage: string; changedBy: { role: string } }> } } } }, unknown>(
      `query($id: ID!) { node(id: $id) { ... on Lead { patient { id journeyStage lead { id } healthCoach { id } journeyHistory(first: 5) { nodes { fromStage toStage changedBy { role } } } } } } }`,
      { id: lead.id },
      coachToken,
    );
    expect(seen.errors).toBeUndefined();
    expect(seen.data!.node.patient).toMatchObject({ journeyStage: 'INTAKE', lead: { id: lead.id }, healthCoach: { id: coach } });
    expect(seen.data!.node.patient.journeyHistory.nodes).toEqual([{ fromStage: null, toStage: 'INTAKE', changedBy: { role: 'SDR' } }]);

    const subjects = async (table: string) =>
      Object.fromEntries((await app.db.owner(`SELECT title, patient_id, lead_id FROM ${table} WHERE id = ANY($1::uuid[])`, [[...tasks, ...appointments].map((r) => r.id)])).map((r) => [r.title, [r.patient_id, r.lead_id]]));
    expect(await subjects('tasks')).toEqual({ Open: [patient.id, null], Done: [null, leadDbId] });
    expect(await subjects('appointments')).toEqual({ Future: [patient.id, null], Past: [null, leadDbId] });
  });

  it('converts a lead once: a second call is CONFLICT, and calls at once make exactly one patient', async () => {
    const { lead, leadDbId } = await readyLead();
    const results = await Promise.all([convert(sdr, lead.id), convert(sdr, lead.id), convert(admin, lead.id)]);
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    for (const failed of results.filter((r) => r.errors)) expect(onlyError(failed).extensions).toMatchObject({ code: 'CONFLICT', fields: [expect.objectContaining({ field: 'input.id', rule: 'convertOnce' })] });
    expect(await app.db.owner(`SELECT id FROM patients WHERE lead_id = $1`, [leadDbId])).toHaveLength(1);
    expect(await app.db.owner(`SELECT id FROM journey_stage_changes j WHERE patient_id IN (SELECT id FROM patients WHERE lead_id = $1)`, [leadDbId])).toHaveLength(1);
    expect(onlyError(await convert(sdr, lead.id)).extensions).toMatchObject({ code: 'CONFLICT' });
  });

  it('answers a deadlock with another request (a task of the lead locked, then the lead) as a retryable CONFLICT, and the retry converts', async () => {
    const { lead, leadDbId, tasks } = await readyLead();
    const open = tasks.find((t) => t.title === 'Open')!.id as string;
    const other = new Client({ connectionString: app.db.ownerUrl });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query(`SELECT 1 FROM tasks WHERE id = $1 FOR UPDATE`, [open]);
      // The conversion locks the lead, then waits for the task; the other transaction then waits for the lead.
      const converting = convert(sdr, lead.id);
      await waitForLockWait(1);
      // Later by a clear margin: PostgreSQL's deadlock check (deadlock_timeout after each wait began) then fires in the API's transaction first.
      await new Promise((resolve) => setTimeout(resolve, 300));
      const waiting = other.query(`SELECT 1 FROM leads WHERE id = $1 FOR UPDATE`, [leadDbId]);
      const refused = onlyError(await converting);
      expect(refused.extensions).toMatchObject({ code: 'CONFLICT', retryable: true });
      await waiting;
      await other.query('ROLLBACK');
    } finally {
      await other.end();
    }
    expect(await app.db.owner(`SELECT id FROM patients WHERE lead_id = $1`, [leadDbId])).toEqual([]);
    expect((await convert(sdr, lead.id)).errors).toBeUndefined();
  });

  it('is refused before the booking is paid and booked, naming the rule, and for roles that do not work leads', async () => {
    const lead = await newLead();
    expect(onlyError(await convert(sdr, lead.id)).extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ field: 'input.id', rule: 'readyToConvert' })] });
    expect(onlyError(await convert(await app.login(Role.HEALTH_COACH), lead.id)).extensions).toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('advanceJourney', () => {
  const ADVANCE = `mutation($input: AdvanceJourneyInput!) { advanceJourney(input: $input) { patient { id journeyStage version } } }`;
  const advance = (token: string, id: string, expectedVersion = 1) =>
    app.graphql<{ advanceJourney: { patient: { journeyStage: string; version: number } } }, unknown>(ADVANCE, { input: { id, expectedVersion } }, token);

  it('walks the fifteen stages in order, restarts the annual cycle at INITIAL_LABS, and keeps every change', async () => {
    const coach = await app.login(Role.HEALTH_COACH);
    const created = await app.graphql<{ createPatient: { patient: { id: string } } }, unknown>(`mutation { createPatient(input: { firstName: "Jo", lastName: "Urney" }) { patient { id } } }`, {}, admin);
    const id = created.data!.createPatient.patient.id;
    const stages: string[] = [];
    let version = 1;
    for (let i = 0; i < 16; i++) {
      const moved = await advance(coach, id, version);
      expect(moved.errors).toBeUndefined();
      stages.push(moved.data!.advanceJourney.patient.journeyStage);
      version = moved.data!.advanceJourney.patient.version;
    }
    // A second click on the same page: CONFLICT, not a second move.
    expect(onlyError(await advance(coach, id, version - 1)).extensions).toMatchObject({ code: 'CONFLICT' });
    expect(stages).toEqual([...Object.values(JourneyStage), JourneyStage.INITIAL_LABS]);
    const history = await app.graphql<{ node: { journeyHistory: { totalCount: number; nodes: Array<{ fromStage: string | null; toStage: string; changedAt: string }> } } }, unknown>(
      `query($id: ID!) { node(id: $id) { ... on Patient { journeyHistory(first: 20) { totalCount nodes { fromStage toStage changedAt } } } } }`,
      { id },
      coach,
    );
    const changes = history.data!.node.journeyHistory;
    expect(changes.totalCount).toBe(16);
    expect(changes.nodes[0]).toMatchObject({ fromStage: null, toStage: 'INTAKE' });
    expect(changes.nodes[15]).toMatchObject({ fromStage: 'RESTART_ANNUAL_PROCESS', toStage: 'INITIAL_LABS' });
    expect(changes.nodes.every((c, i) => i === 0 || c.fromStage === changes.nodes[i - 1].toStage)).toBe(true);
  });

  it('is for health coaches and admins only, and NOT_FOUND across tenants', async () => {
    const patients = await app.graphql<{ patients: { nodes: Array<{ id: string }> } }, unknown>(`{ patients(first: 1) { nodes { id } } }`, {}, admin);
    const id = patients.data!.patients.nodes[0].id;
    expect(onlyError(await advance(await app.login(Role.CLINICIAN), id)).extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(onlyError(await advance(sdr, id)).extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(onlyError(await advance(await app.login(Role.HEALTH_COACH, NORTHWIND), id)).extensions).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('cannot be written directly: journey history has no create mutation', () => {
    const mutations = Object.keys(buildCareGraphSchema().getMutationType()!.getFields());
    expect(mutations.filter((m) => /JourneyStageChange/.test(m))).toEqual([]);
  });
});

describe('nested reads of leads and journeys', () => {
  it('keep a flat statement count: converted leads with their tasks, appointments and patient, patients with their journey history', async () => {
    // Owned, like the demo's converted leads: the owner batch is then in every run (its presence depends on the data, not on the row count).
    const owner = await memberId(Role.SDR);
    for (let i = 0; i < 4; i++) {
      const lead = (await moveLead(admin, await newLead(sdr, { ownerId: owner }), 'BOOKING_PAID_BOOKED')).data!.updateLead.lead;
      expect((await app.graphql(`mutation($id: ID!) { createTask(input: { title: "Follow up", leadId: $id }) { task { id } } }`, { id: lead.id }, sdr)).errors).toBeUndefined();
      expect((await app.graphql(`mutation($id: ID!) { convertLead(input: { id: $id }) { lead { id } } }`, { id: lead.id }, sdr)).errors).toBeUndefined();
    }
    const counts: number[] = [];
    for (const first of [2, 6]) {
      const result = await app.graphql<{ leads: { nodes: Array<{ patient: { journeyHistory: { nodes: unknown[] } } | null }> } }, unknown>(
        `query($first: Int!) { leads(first: $first, filter: { convertedAt: { isNull: false } }) { nodes { id owner { id } tasks(first: 3) { nodes { id } } appointments(first: 3) { nodes { id } } patient { id journeyHistory(first: 3) { nodes { toStage } } } } } }`,
        { first },
        admin,
      );
      expect(result.errors).toBeUndefined();
      expect(result.data!.leads.nodes).toHaveLength(first);
      expect(result.data!.leads.nodes.every((l) => (l.patient?.journeyHistory.nodes.length ?? 0) >= 1)).toBe(true);
      counts.push(app.statements.get(result.requestId)!);
    }
    expect(counts[1]).toBe(counts[0]);
  });
});

describe('leadFunnel', () => {
  const FUNNEL = `query($from: DateTime!, $to: DateTime!, $owner: ID, $source: LeadSource) {
    leadFunnel(from: $from, to: $to, owner: $owner, source: $source) { total converted conversionRate medianDaysToConversion byStatus { status count } } }`;
  type Funnel = { total: number; converted: number; conversionRate: number | null; medianDaysToConversion: number | null; byStatus: Array<{ status: string; count: number }> };
  const funnel = (token: string, variables: Record<string, unknown>) => app.graphql<{ leadFunnel: Funnel }, unknown>(FUNNEL, variables, token);

  it('counts the period’s leads per status, the conversions, their rate and median days, within the tenant, by owner and source', async () => {
    const from = new Date(Date.now() - 1000).toISOString();
    const to = new Date(Date.now() + 3_600_000).toISOString();
    const source = 'LAB_PURCHASE';
    const owner = await memberId(Role.SDR);
    await newLead(sdr, { source, ownerId: owner });
    await newLead(sdr, { source });
    const signed = await newLead(sdr, { source });
    expect((await moveLead(sdr, signed, 'HHQ_SIGNED')).errors).toBeUndefined();
    const booked = (await moveLead(admin, await newLead(sdr, { source }), 'BOOKING_PAID_BOOKED')).data!.updateLead.lead;
    expect((await app.graphql(`mutation($id: ID!) { convertLead(input: { id: $id }) { lead { id } } }`, { id: booked.id }, sdr)).errors).toBeUndefined();

    const result = await funnel(await app.login(Role.COORDINATOR), { from, to, source });
    expect(result.errors).toBeUndefined();
    const counts = Object.fromEntries(result.data!.leadFunnel.byStatus.map((s) => [s.status, s.count]));
    expect(counts).toEqual({ HHQ_STARTED: 2, HHQ_SIGNED: 1, BOOKING_NOT_PAID: 0, BOOKING_PAID_NOT_BOOKED: 0, BOOKING_PAID_BOOKED: 1 });
    expect(result.data!.leadFunnel).toMatchObject({ total: 4, converted: 1, conversionRate: 0.25 });
    expect(result.data!.leadFunnel.medianDaysToConversion).toBeGreaterThanOrEqual(0);
    expect(result.data!.leadFunnel.medianDaysToConversion).toBeLessThan(0.01);

    expect((await funnel(sdr, { from, to, source, owner })).data!.leadFunnel).toMatchObject({ total: 1, converted: 0, conversionRate: 0, medianDaysToConversion: null });
    expect((await funnel(await app.login(Role.SDR, NORTHWIND), { from, to, source })).data!.leadFunnel).toMatchObject({ total: 0, conversionRate: null });
  });

  it('agrees with the demo data counted directly, over the whole history of a tenant', async () => {
    const result = await funnel(admin, { from: '2000-01-01T00:00:00Z', to: '2100-01-01T00:00:00Z' });
    const [expected] = await app.db.owner(
      `SELECT count(*)::int AS total, count(converted_at)::int AS converted FROM leads l JOIN tenants t ON t.id = l.tenant_id WHERE t.slug = $1 AND l.deleted_at IS NULL`,
      [ACME],
    );
    expect(result.data!.leadFunnel).toMatchObject(expected);
    expect(result.data!.leadFunnel.byStatus.reduce((n, s) => n + s.count, 0)).toBe(expected.total);
  });

  it('refuses a period that ends before it starts, naming the argument, and roles that do not see leads', async () => {
    const refused = onlyError(await funnel(admin, { from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' }));
    expect(refused.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ field: 'to', rule: 'endAfterStart' })] });
    for (const role of [Role.CLINICIAN, Role.ANALYST]) {
      expect(onlyError(await funnel(await app.login(role), { from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z' })).extensions).toMatchObject({ code: 'FORBIDDEN' });
    }
  });
});

describe('what an SDR sees (row scopes)', () => {
  it('appointments with leads only, on both read paths, in counts, by id and for writes', async () => {
    const list = await app.graphql<{ appointments: { totalCount: number; nodes: Array<{ id: string; lead: { id: string } | null }> } }, unknown>(
      `{ appointments(first: 50) { totalCount nodes { id lead { id } } } }`,
      {},
      sdr,
    );
    expect(list.errors).toBeUndefined();
    const [{ n }] = await app.db.owner(`SELECT count(*)::int AS n FROM appointments a JOIN tenants t ON t.id = a.tenant_id WHERE t.slug = $1 AND a.deleted_at IS NULL AND a.lead_id IS NOT NULL`, [ACME]);
    expect(list.data!.appointments.totalCount).toBe(n);
    expect(list.data!.appointments.nodes.length).toBeGreaterThan(0);
    expect(list.data!.appointments.nodes.every((a) => a.lead !== null)).toBe(true);

    const [theirs] = await app.db.owner(`SELECT a.id, a.version FROM appointments a JOIN tenants t ON t.id = a.tenant_id WHERE t.slug = $1 AND a.deleted_at IS NULL AND a.patient_id IS NOT NULL LIMIT 1`, [ACME]);
    const id = toGlobalId('Appointment', theirs.id as string);
    expect((await app.graphql<{ node: unknown }, unknown>(`query($id: ID!) { node(id: $id) { id } }`, { id }, sdr)).data!.node).toBeNull();
    const moved = onlyError(await app.graphql(`mutation($id: ID!, $v: Int!) { updateAppointment(input: { id: $id, expectedVersion: $v, title: "Mine now" }) { appointment { id } } }`, { id, v: theirs.version }, sdr));
    expect(moved.extensions).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses a task about a patient (FORBIDDEN, nothing written), and reminders altogether', async () => {
    const patients = await app.graphql<{ patients: { nodes: Array<{ id: string }> } }, unknown>(`{ patients(first: 1) { nodes { id } } }`, {}, admin);
    const [{ n: before }] = await app.db.owner(`SELECT count(*)::int AS n FROM tasks`);
    const refused = onlyError(await app.graphql(`mutation($p: ID!) { createTask(input: { title: "Peek", patientId: $p }) { task { id } } }`, { p: patients.data!.patients.nodes[0].id }, sdr));
    expect(refused.extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect((await app.db.owner(`SELECT count(*)::int AS n FROM tasks`))[0].n).toBe(before);
    const tasks = await app.graphql<{ tasks: { nodes: Array<{ patient: unknown }> } }, unknown>(`{ tasks(first: 100) { nodes { id } } }`, {}, sdr);
    expect(tasks.errors).toBeUndefined();
    const [{ leaked }] = await app.db.owner(`SELECT count(*)::int AS leaked FROM tasks WHERE id = ANY($1::uuid[]) AND patient_id IS NOT NULL`, [
      (tasks.data!.tasks.nodes as unknown as Array<{ id: string }>).map((t) => parseGlobalId(t.id)!.id),
    ]);
    expect(leaked).toBe(0);
    expect(onlyError(await app.graphql(`{ reminders(first: 1) { nodes { id } } }`, {}, sdr)).extensions).toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('the activity feed', () => {
  type Activity = { action: string; details: Record<string, unknown>; actor: { role: string } | null };
  const feed = async (id: string, token = admin) =>
    (
      await app.graphql<{ node: { activities: { nodes: Activity[] } } }, unknown>(
        `query($id: ID!) { node(id: $id) { ... on Lead { activities(first: 20) { nodes { action details actor { role } } } } ... on Patient { activities(first: 20) { nodes { action details actor { role } } } } } }`,
        { id },
        token,
      )
    ).data!.node.activities.nodes;

  it('records calls, stage moves, hand-overs, completed tasks, the conversion and journey moves, newest first, by whom', async () => {
    const lead = await newLead();
    await logCall(sdr, { id: lead.id, outcome: 'interested', notes: 'Wants a call Friday.' });
    let current = (await app.graphql<{ node: LeadRow }, unknown>(`query($id: ID!) { node(id: $id) { ... on Lead { ${LEAD_FIELDS} } } }`, { id: lead.id }, sdr)).data!.node;
    current = (await moveLead(sdr, current, 'HHQ_SIGNED')).data!.updateLead.lead;
    const owner = await memberId(Role.SDR);
    current = (await assign(sdr, { id: lead.id, expectedVersion: current.version, ownerId: owner })).data!.assignLead.lead;
    const task = (await app.graphql<{ createTask: { task: { id: string; version: number } } }, unknown>(`mutation($l: ID!) { createTask(input: { title: "Send form", leadId: $l }) { task { id version } } }`, { l: lead.id }, sdr)).data!.createTask.task;
    expect((await app.graphql(`mutation($id: ID!, $v: Int!) { updateTask(input: { id: $id, expectedVersion: $v, status: COMPLETED }) { task { id } } }`, { id: task.id, v: task.version }, sdr)).errors).toBeUndefined();
    current = (await moveLead(admin, current, 'BOOKING_PAID_BOOKED')).data!.updateLead.lead;
    expect((await app.graphql(`mutation($id: ID!) { convertLead(input: { id: $id }) { lead { id } } }`, { id: lead.id }, sdr)).errors).toBeUndefined();

    const entries = await feed(lead.id, sdr);
    expect(entries.map((e) => e.action)).toEqual(['LEAD_CONVERTED', 'LEAD_STATUS_CHANGED', 'TASK_COMPLETED', 'LEAD_ASSIGNED', 'LEAD_STATUS_CHANGED', 'CALL_LOGGED']);
    expect(entries[5]).toEqual({ action: 'CALL_LOGGED', details: { outcome: 'interested', notes: 'Wants a call Friday.' }, actor: { role: 'SDR' } });
    expect(entries[4].details).toEqual({ from: 'HHQ_STARTED', to: 'HHQ_SIGNED' });
    expect(entries[3].details).toEqual({ ownerId: owner });
    expect(entries[2].details).toEqual({ taskId: task.id, title: 'Send form' });
    expect(entries[1]).toMatchObject({ details: { from: 'HHQ_SIGNED', to: 'BOOKING_PAID_BOOKED' }, actor: { role: 'ADMIN' } });

    const patientId = entries[0].details.patientId as string;
    const coach = await app.login(Role.HEALTH_COACH);
    expect((await app.graphql(`mutation($id: ID!) { advanceJourney(input: { id: $id, expectedVersion: 1 }) { patient { id } } }`, { id: patientId }, coach)).errors).toBeUndefined();
    expect(await feed(patientId, coach)).toEqual([{ action: 'JOURNEY_ADVANCED', details: { from: 'INTAKE', to: 'INITIAL_LABS' }, actor: { role: 'HEALTH_COACH' } }]);
    // An SDR reads the leads' feed only.
    const sdrView = await app.graphql<{ activities: { nodes: Array<{ lead: { id: string } | null }> } }, unknown>(`{ activities(first: 100) { nodes { lead { id } } } }`, {}, sdr);
    expect(sdrView.data!.activities.nodes.every((a) => a.lead !== null)).toBe(true);
  });

  it('is written in the operation’s transaction: a request whose mutation fails leaves no entry', async () => {
    const lead = await newLead();
    const failed = await app.graphql(`mutation($id: ID!) { ok: logLeadCall(input: { id: $id, outcome: "first" }) { lead { id } } bad: logLeadCall(input: { id: "not-an-id" }) { lead { id } } }`, { id: lead.id }, sdr);
    expect(failed.errors).toBeDefined();
    expect(await feed(lead.id)).toEqual([]);
    const [row] = await app.db.owner(`SELECT call_count FROM leads WHERE id = $1`, [parseGlobalId(lead.id)!.id]);
    expect(row.call_count).toBe(0);
  });
});

describe('deleting a lead', () => {
  it('cascades down every level (its tasks, then their reminders) with one timestamp, and restore brings back exactly those', async () => {
    const lead = await newLead();
    const task = (await app.graphql<{ createTask: { task: { id: string } } }, unknown>(`mutation($l: ID!) { createTask(input: { title: "Chase", leadId: $l }) { task { id } } }`, { l: lead.id }, sdr)).data!.createTask.task;
    const member = await memberId(Role.COORDINATOR);
    const remind = async () =>
      (
        await app.graphql<{ createReminder: { reminder: { id: string } } }, unknown>(
          `mutation($t: ID!, $m: ID!) { createReminder(input: { taskId: $t, memberId: $m, remindAt: "2031-01-01T09:00:00Z" }) { reminder { id } } }`,
          { t: task.id, m: member },
          admin,
        )
      ).data!.createReminder.reminder;
    const [cascaded, alone] = [await remind(), await remind()];
    expect((await app.graphql(`mutation($id: ID!) { deleteReminder(input: { id: $id }) { reminder { id } } }`, { id: alone.id }, admin)).errors).toBeUndefined();
    const deletedAt = async (table: string, id: string) => (await app.db.owner(`SELECT deleted_at FROM ${table} WHERE id = $1`, [parseGlobalId(id)!.id]))[0].deleted_at as Date | null;

    expect((await app.graphql(`mutation($id: ID!) { deleteLead(input: { id: $id }) { lead { id } } }`, { id: lead.id }, admin)).errors).toBeUndefined();
    const stamp = await deletedAt('leads', lead.id);
    expect(stamp).not.toBeNull();
    expect(await deletedAt('tasks', task.id)).toEqual(stamp);
    expect(await deletedAt('reminders', cascaded.id)).toEqual(stamp);
    const aloneStamp = await deletedAt('reminders', alone.id);
    expect(aloneStamp).not.toEqual(stamp);

    expect((await app.graphql(`mutation($id: ID!) { restoreLead(input: { id: $id }) { lead { id } } }`, { id: lead.id }, admin)).errors).toBeUndefined();
    expect(await deletedAt('tasks', task.id)).toBeNull();
    expect(await deletedAt('reminders', cascaded.id)).toBeNull();
    expect(await deletedAt('reminders', alone.id)).toEqual(aloneStamp);
  });
});
