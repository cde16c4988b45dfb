import { ACME, memberIdByRole, NORTHWIND, onlyError, startTestApp, TestApp } from './support/harness';
import { Role } from '../src/entities/enums';
import { parseGlobalId } from '../src/data/global-id';

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
    const assigned = await assign(sdr, { id: lead.id, ownerId: owner });
    expect(assigned.errors).toBeUndefined();
    expect(assigned.data!.assignLead.lead.owner).toEqual({ id: owner, role: 'SDR' });
  });

  it('refuses a member who is not an SDR, and a member of another tenant, naming the field and the rule', async () => {
    const lead = await newLead();
    const coach = onlyError(await assign(sdr, { id: lead.id, ownerId: await memberId(Role.HEALTH_COACH) }));
    expect(coach.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ field: 'input.ownerId', rule: 'memberRole' })] });
    const foreign = onlyError(await assign(sdr, { id: lead.id, ownerId: await memberId(Role.SDR, NORTHWIND) }));
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
