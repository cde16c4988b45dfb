import { ACME, NORTHWIND, onlyError, startTestApp, type GraphQLResponse, type TestApp, fieldRules } from './support/harness';
import { Role } from '../src/entities/enums';
import { TimeOffStatus } from '../src/entities/time-off-request.entity';
import { parseGlobalId, toGlobalId } from '../src/data/global-id';
import { assertTransition } from '../src/domain/status-machine';
import { DEMO_TENANTS } from '../src/demo/demo-data';
import { availabilityProblems, bookingProblems, freeSlotArgumentProblems, TIME_OFF_LIFECYCLE, type SqlSession } from '../src/domain/scheduling';

/**
 * Issue 10, "Scheduling integrity", second part: a care professional is booked only inside the
 * availability they declared (once they declare any) and never in approved time off; freeSlots
 * lists what is still bookable. Real PostgreSQL, through the API.
 */

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.stop());


const APPOINTMENT = 'appointment { id version startTime endTime status }';
const AVAILABILITY = 'providerAvailability { id version weekday startTime endTime validFrom validTo careProfessional { id } site { id } }';
const TIME_OFF = 'timeOffRequest { id version status startTime endTime reason decidedAt decidedBy { id role } careProfessional { id } }';

interface Row {
  id: string;
  version: number;
  [key: string]: unknown;
}

async function mutate(name: string, inputType: string, selection: string, input: Record<string, unknown>, token: string) {
  return app.graphql<Record<string, Record<string, Row>>, unknown>(`mutation($input: ${inputType}!) { ${name}(input: $input) { ${selection} } }`, { input }, token);
}

async function ok(response: Promise<GraphQLResponse<Record<string, Record<string, Row>>>>): Promise<Row> {
  const result = await response;
  expect(result.errors).toBeUndefined();
  const payload = Object.values(result.data!)[0];
  return Object.values(payload)[0];
}

let count = 0;
/** A new professional (nobody else's appointments in the way) and a patient, in `tenant`. */
async function newProfessional(tenant = ACME, siteId?: string) {
  const admin = await app.login(Role.ADMIN, tenant);
  count += 1;
  const professional = await ok(
    mutate('createCareProfessional', 'CreateCareProfessionalInput', 'careProfessional { id }', { firstName: 'Rota', lastName: `Keeper ${count}`, profession: 'NURSE', ...(siteId ? { siteId } : {}) }, admin),
  );
  const patient = await ok(mutate('createPatient', 'CreatePatientInput', 'patient { id }', { firstName: 'Booked', lastName: `Patient ${count}` }, admin));
  return { admin, id: professional.id, patientId: patient.id };
}
type Professional = Awaited<ReturnType<typeof newProfessional>>;

function declare(p: Professional, weekday: string, startTime: string, endTime: string, extra: Record<string, unknown> = {}) {
  return mutate('createProviderAvailability', 'CreateProviderAvailabilityInput', AVAILABILITY, { careProfessionalId: p.id, weekday, startTime, endTime, validFrom: '2030-01-01', ...extra }, p.admin);
}

function book(p: Professional, startTime: string, endTime: string, extra: Record<string, unknown> = {}) {
  return mutate('createAppointment', 'CreateAppointmentInput', APPOINTMENT, { patientId: p.patientId, careProfessionalId: p.id, title: 'Review', startTime, endTime, ...extra }, p.admin);
}

async function timeOff(p: Professional, startTime: string, endTime: string, status?: TimeOffStatus) {
  const request = await ok(mutate('createTimeOffRequest', 'CreateTimeOffRequestInput', TIME_OFF, { careProfessionalId: p.id, startTime, endTime, reason: 'Leave' }, p.admin));
  if (!status) return request;
  return ok(mutate('updateTimeOffRequest', 'UpdateTimeOffRequestInput', TIME_OFF, { id: request.id, expectedVersion: request.version, status }, await app.login(Role.COORDINATOR)));
}

const SLOTS = `query($p: ID!, $from: DateTime!, $to: DateTime!, $d: Int!) { freeSlots(careProfessional: $p, from: $from, to: $to, duration: $d) { start end } }`;
async function slots(token: string, careProfessional: string, from: string, to: string, duration: number) {
  return app.graphql<{ freeSlots: Array<{ start: string; end: string }> }, unknown>(SLOTS, { p: careProfessional, from, to, d: duration }, token);
}
async function slotStarts(p: Professional, from: string, to: string, duration: number): Promise<string[]> {
  const result = await slots(p.admin, p.id, from, to, duration);
  expect(result.errors).toBeUndefined();
  return result.data!.freeSlots.map((s) => s.start);
}

const iso = (text: string) => new Date(text).toISOString();

describe('scheduling rules (unit)', () => {
  it('time off starts REQUESTED; APPROVED may only be cancelled; REJECTED and CANCELLED are final', () => {
    expect(TIME_OFF_LIFECYCLE.initial).toEqual(['REQUESTED']);
    for (const to of ['APPROVED', 'REJECTED', 'CANCELLED']) expect(() => assertTransition(TIME_OFF_LIFECYCLE, 'REQUESTED', to)).not.toThrow();
    expect(() => assertTransition(TIME_OFF_LIFECYCLE, 'APPROVED', 'CANCELLED')).not.toThrow();
    expect(() => assertTransition(TIME_OFF_LIFECYCLE, 'APPROVED', 'REJECTED')).toThrow(/allowed: CANCELLED/);
    expect(() => assertTransition(TIME_OFF_LIFECYCLE, 'REJECTED', 'APPROVED')).toThrow(/final/);
    expect(() => assertTransition(TIME_OFF_LIFECYCLE, 'CANCELLED', 'REQUESTED')).toThrow(/final/);
    expect(TIME_OFF_LIFECYCLE.stamps).toEqual({ APPROVED: 'decidedAt', REJECTED: 'decidedAt' });
  });

  it('a window ends after it starts, before or at midnight, and its dates run forwards', () => {
    expect(availabilityProblems({ startTime: '09:00:00', endTime: '17:00:00', validFrom: '2030-01-01', validTo: '2030-01-01' })).toEqual([]);
    expect(availabilityProblems({ startTime: '09:00:00', endTime: '24:00:00' })).toEqual([]);
    expect(availabilityProblems({ startTime: '09:00:00', endTime: '09:00:00' }).map((p) => p.rule)).toEqual(['endAfterStart']);
    expect(availabilityProblems({ startTime: '24:00:00', endTime: '24:00:00' }).map((p) => p.rule)).toEqual(['endAfterStart', 'beforeMidnight']);
    expect(availabilityProblems({ validFrom: '2030-01-02', validTo: '2030-01-01' }).map((p) => `${p.field}:${p.rule}`)).toEqual(['input.validTo:notBeforeValidFrom']);
  });

  it('freeSlots arguments are bounded, each problem naming its argument', () => {
    const from = new Date('2031-01-01T00:00:00Z');
    const later = (days: number) => new Date(from.getTime() + days * 86_400_000);
    expect(freeSlotArgumentProblems(from, later(31), 5)).toEqual([]);
    expect(freeSlotArgumentProblems(from, later(31), 480)).toEqual([]);
    const named = (to: Date, duration: number) => freeSlotArgumentProblems(from, to, duration).map((p) => `${p.field}:${p.rule}`);
    expect(named(from, 30)).toEqual(['to:afterFrom']);
    expect(named(later(31.01), 30)).toEqual(['to:maxRange']);
    expect(named(later(1), 4)).toEqual(['duration:range']);
    expect(named(later(1), 481)).toEqual(['duration:range']);
  });
});

describe('provider availability', () => {
  it('is declared in local times of day, answered as HH:MM:SS, listed under the professional', async () => {
    const p = await newProfessional();
    const window = await ok(declare(p, 'MONDAY', '09:00', '17:30', { validTo: '2030-12-31' }));
    expect(window).toMatchObject({ weekday: 'MONDAY', startTime: '09:00:00', endTime: '17:30:00', validFrom: '2030-01-01', validTo: '2030-12-31', careProfessional: { id: p.id }, site: null });
    const nested = await app.graphql<{ node: { availability: { nodes: Array<{ id: string; startTime: string }> } } }, unknown>(
      `query($id: ID!) { node(id: $id) { ... on CareProfessional { availability { nodes { id startTime } } } } }`,
      { id: p.id },
      p.admin,
    );
    expect(nested.data!.node.availability.nodes).toEqual([{ id: window.id, startTime: '09:00:00' }]);
  });

  it('refuses an end not after the start, a last day before the first, and a time that is not one, naming the field and rule', async () => {
    const p = await newProfessional();
    expect(fieldRules(await declare(p, 'MONDAY', '17:00', '09:00'))).toEqual(['input.endTime:endAfterStart']);
    expect(fieldRules(await declare(p, 'MONDAY', '09:00', '17:00', { validFrom: '2030-02-01', validTo: '2030-01-31' }))).toEqual(['input.validTo:notBeforeValidFrom']);
    const window = await ok(declare(p, 'MONDAY', '09:00', '17:00'));
    const moved = await mutate('updateProviderAvailability', 'UpdateProviderAvailabilityInput', AVAILABILITY, { id: window.id, expectedVersion: window.version, endTime: '08:00' }, p.admin);
    expect(fieldRules(moved)).toEqual(['input.endTime:endAfterStart']);
    for (const notATime of ['25:00', '9:00', '09:60', '09:00:30', '24:30', 'noon']) {
      const refused = await declare(p, 'MONDAY', notATime, '17:00');
      expect([notATime, refused.status, refused.errors?.[0]?.extensions?.code]).toEqual([notATime, 400, 'BAD_USER_INPUT']);
      expect(refused.errors![0].message).toMatch(/rule: localTime/);
    }
  });

  it('holds its shape in the database too (CHECK constraints), whatever path writes it', async () => {
    const p = await newProfessional();
    const [{ tenant_id: tenantId }] = await app.db.owner(`SELECT tenant_id FROM care_professionals WHERE id = $1`, [parseGlobalId(p.id)!.id]);
    const insert = (start: string, end: string, from = '2030-01-01', to: string | null = null, weekday = 'MONDAY') =>
      app.db.owner(
        `INSERT INTO provider_availabilities (tenant_id, care_professional_id, weekday, start_time, end_time, valid_from, valid_to) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [tenantId, parseGlobalId(p.id)!.id, weekday, start, end, from, to],
      );
    await expect(insert('17:00', '09:00')).rejects.toMatchObject({ constraint: 'provider_availabilities_end_time_check' });
    await expect(insert('09:00', '17:00:30')).rejects.toMatchObject({ constraint: 'provider_availabilities_end_time_check' });
    await expect(insert('09:00:30', '17:00')).rejects.toMatchObject({ constraint: 'provider_availabilities_start_time_check' });
    await expect(insert('09:00', '17:00', '2030-02-01', '2030-01-31')).rejects.toMatchObject({ constraint: 'provider_availabilities_valid_to_check' });
    await expect(insert('09:00', '17:00', '2030-01-01', null, 'FUNDAY')).rejects.toMatchObject({ constraint: 'provider_availabilities_weekday_check' });
    await expect(insert('09:00', '24:00')).resolves.toBeDefined();
  });

  it('reads the same through the compiled statement and the resolvers (times of day, dates, weekdays, nested)', async () => {
    const resolvers = await startTestApp({ db: app.db, compiledReads: false });
    try {
      const query = `{ careProfessionals(first: 10) { nodes { id availability(first: 20) { nodes { id weekday startTime endTime validFrom validTo site { id } } } timeOff { nodes { id status startTime endTime reason decidedAt } } } }
                       providerAvailabilities(first: 50, orderBy: [{ field: WEEKDAY, direction: DESC }]) { nodes { weekday startTime endTime careProfessional { id } } } }`;
      const token = await app.login(Role.COORDINATOR);
      const compiled = await app.graphql<{ providerAvailabilities: { nodes: Array<{ startTime: string }> } }, unknown>(query, {}, token);
      const resolved = await resolvers.graphql(query, {}, await resolvers.login(Role.COORDINATOR));
      expect(compiled.errors).toBeUndefined();
      expect(compiled.data!.providerAvailabilities.nodes.length).toBeGreaterThan(10);
      expect(compiled.data!.providerAvailabilities.nodes[0]).toMatchObject({ weekday: 'SUNDAY', startTime: expect.stringMatching(/^(08|13):00:00$/) });
      expect(resolved.data).toEqual(compiled.data);
      // The compiled path answered the first (the statement count tells: one for the whole query).
      expect(app.statements.get(compiled.requestId)).toBeLessThan(resolvers.statements.get(resolved.requestId)!);
    } finally {
      await resolvers.stop();
    }
  });

  it('is written by admins and coordinators only; everyone reads it', async () => {
    const p = await newProfessional();
    for (const role of [Role.CLINICIAN, Role.CARE_WORKER, Role.ANALYST]) {
      const refused = await mutate('createProviderAvailability', 'CreateProviderAvailabilityInput', 'providerAvailability { id }', { careProfessionalId: p.id, weekday: 'MONDAY', startTime: '09:00', endTime: '10:00', validFrom: '2030-01-01' }, await app.login(role));
      expect([role, onlyError(refused).extensions?.code]).toEqual([role, 'FORBIDDEN']);
    }
    await ok(mutate('createProviderAvailability', 'CreateProviderAvailabilityInput', 'providerAvailability { id }', { careProfessionalId: p.id, weekday: 'MONDAY', startTime: '09:00', endTime: '10:00', validFrom: '2030-01-01' }, await app.login(Role.COORDINATOR)));
    const read = await app.graphql<{ providerAvailabilities: { totalCount: number } }, unknown>(`query($p: ID!) { providerAvailabilities(filter: { careProfessional: { eq: $p } }) { totalCount } }`, { p: p.id }, await app.login(Role.ANALYST));
    expect(read.data!.providerAvailabilities.totalCount).toBe(1);
  });
});

// Mondays and Tuesdays in January 2031 (GMT: local time is UTC).
const MON = '2031-01-06';
const TUE = '2031-01-07';

describe('booking inside the availability, outside approved time off', () => {
  it('refuses an appointment outside the declared windows, naming input.startTime and outsideAvailability', async () => {
    const p = await newProfessional();
    await ok(declare(p, 'MONDAY', '09:00', '17:00'));
    for (const [from, to] of [[`${MON}T08:30:00Z`, `${MON}T09:30:00Z`], [`${MON}T16:30:00Z`, `${MON}T17:30:00Z`], [`${TUE}T10:00:00Z`, `${TUE}T11:00:00Z`], [`${MON}T07:00:00Z`, `${MON}T08:00:00Z`]]) {
      const refused = await book(p, from, to);
      expect(refused.data ?? null).toBeNull();
      expect(onlyError(refused).extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'input.startTime', rule: 'outsideAvailability', message: expect.any(String) }] });
    }
    await ok(book(p, `${MON}T09:00:00Z`, `${MON}T10:00:00Z`));
    await ok(book(p, `${MON}T16:00:00Z`, `${MON}T17:00:00Z`));
    const count = await app.db.owner(`SELECT count(*)::int AS n FROM appointments WHERE care_professional_id = $1`, [parseGlobalId(p.id)!.id]);
    expect(count[0].n).toBe(2);
  });

  it('takes windows that touch as one, and honours the dates a window is valid', async () => {
    const p = await newProfessional();
    await ok(declare(p, 'MONDAY', '09:00', '12:00'));
    await ok(declare(p, 'MONDAY', '12:00', '17:00'));
    await ok(book(p, `${MON}T11:30:00Z`, `${MON}T12:30:00Z`));
    const q = await newProfessional();
    await ok(declare(q, 'MONDAY', '09:00', '17:00', { validFrom: '2031-01-10', validTo: '2031-01-20' }));
    expect(fieldRules(await book(q, `${MON}T10:00:00Z`, `${MON}T11:00:00Z`))).toEqual(['input.startTime:outsideAvailability']);
    await ok(book(q, '2031-01-13T10:00:00Z', '2031-01-13T11:00:00Z'));
    expect(fieldRules(await book(q, '2031-01-27T10:00:00Z', '2031-01-27T11:00:00Z'))).toEqual(['input.startTime:outsideAvailability']);
  });

  it('reads the window in its site’s time zone, and a window at a site takes only that site’s (or siteless) appointments', async () => {
    const [acmeTenant] = await app.db.owner(`SELECT id FROM tenants WHERE slug = $1`, [ACME]);
    const [site] = await app.db.owner(`INSERT INTO sites (tenant_id, name, kind, timezone) VALUES ($1, 'New York Annex', 'CLINIC', 'America/New_York') RETURNING id`, [acmeTenant.id]);
    const [other] = await app.db.owner(`SELECT id FROM sites WHERE tenant_id = $1 AND timezone = 'Europe/London' LIMIT 1`, [acmeTenant.id]);
    const siteId = toGlobalId('Site', site.id as string);
    const p = await newProfessional();
    await ok(declare(p, 'MONDAY', '09:00', '17:00', { siteId }));
    // 09:00 in New York in January is 14:00 UTC.
    expect(fieldRules(await book(p, `${MON}T10:00:00Z`, `${MON}T11:00:00Z`))).toEqual(['input.startTime:outsideAvailability']);
    await ok(book(p, `${MON}T14:00:00Z`, `${MON}T15:00:00Z`, { siteId }));
    await ok(book(p, `${MON}T15:00:00Z`, `${MON}T16:00:00Z`));
    expect(fieldRules(await book(p, `${MON}T16:00:00Z`, `${MON}T17:00:00Z`, { siteId: toGlobalId('Site', other.id as string) }))).toEqual(['input.startTime:outsideAvailability']);
    // Without a site of its own, the window takes the professional's site's zone.
    const q = await newProfessional(ACME, siteId);
    await ok(declare(q, 'MONDAY', '09:00', '10:00'));
    expect(fieldRules(await book(q, `${MON}T09:00:00Z`, `${MON}T10:00:00Z`))).toEqual(['input.startTime:outsideAvailability']);
    await ok(book(q, `${MON}T14:00:00Z`, `${MON}T15:00:00Z`));
  });

  it('refuses a move (time or professional) out of the availability, and lets other edits of a booking through', async () => {
    const p = await newProfessional();
    await ok(declare(p, 'MONDAY', '09:00', '17:00'));
    const appointment = await ok(book(p, `${MON}T09:00:00Z`, `${MON}T10:00:00Z`));
    const update = (input: Record<string, unknown>) => mutate('updateAppointment', 'UpdateAppointmentInput', APPOINTMENT, { id: appointment.id, expectedVersion: appointment.version, ...input }, p.admin);
    expect(fieldRules(await update({ startTime: `${MON}T17:00:00Z`, endTime: `${MON}T18:00:00Z` }))).toEqual(['input.startTime:outsideAvailability']);
    expect(fieldRules(await update({ endTime: `${MON}T17:30:00Z` }))).toEqual(['input.startTime:outsideAvailability']);
    const free = await newProfessional();
    const theirs = await ok(book(free, `${TUE}T20:00:00Z`, `${TUE}T21:00:00Z`));
    const handedOver = await mutate('updateAppointment', 'UpdateAppointmentInput', APPOINTMENT, { id: theirs.id, expectedVersion: theirs.version, careProfessionalId: p.id }, p.admin);
    expect(fieldRules(handedOver)).toEqual(['input.startTime:outsideAvailability']);
    // The window narrows after the booking: the booking stays, and edits that do not move it pass.
    await app.db.owner(`UPDATE provider_availabilities SET start_time = '12:00' WHERE care_professional_id = $1`, [parseGlobalId(p.id)!.id]);
    const retitled = await ok(update({ title: 'Renamed', startTime: `${MON}T09:00:00Z` }));
    expect(retitled.startTime).toBe(iso(`${MON}T09:00:00Z`));
  });

  it('leaves a professional without any availability bookable at any time (availability restricts only once declared)', async () => {
    const p = await newProfessional();
    await ok(book(p, '2031-01-05T03:00:00Z', '2031-01-05T04:00:00Z')); // a Sunday night
    await ok(book(p, `${TUE}T22:00:00Z`, `${TUE}T23:30:00Z`));
    // A deleted window no longer restricts.
    const window = await ok(declare(p, 'MONDAY', '09:00', '10:00'));
    expect(fieldRules(await book(p, `${TUE}T12:00:00Z`, `${TUE}T13:00:00Z`))).toEqual(['input.startTime:outsideAvailability']);
    await ok(mutate('deleteProviderAvailability', 'DeleteInput', 'providerAvailability { id }', { id: window.id }, p.admin));
    await ok(book(p, `${TUE}T12:00:00Z`, `${TUE}T13:00:00Z`));
  });

  it('refuses an appointment overlapping approved time off (rule timeOff), with or without availability; requested, rejected and cancelled time off do not block', async () => {
    const p = await newProfessional();
    const approved = await timeOff(p, `${MON}T12:00:00Z`, `${TUE}T12:00:00Z`, TimeOffStatus.APPROVED);
    expect(fieldRules(await book(p, `${MON}T11:30:00Z`, `${MON}T12:30:00Z`))).toEqual(['input.startTime:timeOff']);
    expect(fieldRules(await book(p, `${TUE}T08:00:00Z`, `${TUE}T09:00:00Z`))).toEqual(['input.startTime:timeOff']);
    await ok(book(p, `${MON}T11:00:00Z`, `${MON}T12:00:00Z`));
    await ok(book(p, `${TUE}T12:00:00Z`, `${TUE}T13:00:00Z`));
    const cancelled = await ok(mutate('updateTimeOffRequest', 'UpdateTimeOffRequestInput', TIME_OFF, { id: approved.id, expectedVersion: approved.version, status: 'CANCELLED' }, p.admin));
    expect(cancelled.status).toBe('CANCELLED');
    await ok(book(p, `${TUE}T08:00:00Z`, `${TUE}T09:00:00Z`));

    const r = await newProfessional();
    await timeOff(r, `${MON}T12:00:00Z`, `${TUE}T12:00:00Z`, TimeOffStatus.APPROVED);
    await ok(declare(r, 'MONDAY', '09:00', '11:00'));
    expect(fieldRules(await book(r, `${MON}T10:30:00Z`, `${MON}T12:30:00Z`)).sort()).toEqual(['input.startTime:outsideAvailability', 'input.startTime:timeOff']);

    const q = await newProfessional();
    await timeOff(q, `${MON}T09:00:00Z`, `${MON}T12:00:00Z`);
    await timeOff(q, `${MON}T12:00:00Z`, `${MON}T15:00:00Z`, TimeOffStatus.REJECTED);
    await ok(book(q, `${MON}T10:00:00Z`, `${MON}T11:00:00Z`));
    await ok(book(q, `${MON}T13:00:00Z`, `${MON}T14:00:00Z`));
  });

  it('does not approve time off over live appointments (CONFLICT naming the first); cancelled ones do not count', async () => {
    const p = await newProfessional();
    const booked = await ok(book(p, `${MON}T13:00:00Z`, `${MON}T14:00:00Z`));
    await ok(book(p, `${MON}T15:00:00Z`, `${MON}T16:00:00Z`));
    const request = await timeOff(p, `${MON}T12:00:00Z`, `${TUE}T12:00:00Z`);
    const coordinator = await app.login(Role.COORDINATOR);
    const refused = onlyError(await mutate('updateTimeOffRequest', 'UpdateTimeOffRequestInput', TIME_OFF, { id: request.id, expectedVersion: request.version, status: 'APPROVED' }, coordinator));
    expect(refused.extensions).toMatchObject({ code: 'CONFLICT', conflictingAppointmentId: booked.id, fields: [expect.objectContaining({ field: 'input.status', rule: 'appointmentsBooked' })] });
    expect(refused.message).toContain('2 live appointment');
    // Rejecting is always possible; cancelling the appointments lets the same request be approved.
    const [{ n }] = await app.db.owner(`SELECT count(*)::int AS n FROM time_off_requests WHERE id = $1 AND status = 'REQUESTED'`, [parseGlobalId(request.id)!.id]);
    expect(n).toBe(1);
    await app.db.owner(`UPDATE appointments SET status = 'CANCELLED' WHERE care_professional_id = $1`, [parseGlobalId(p.id)!.id]);
    const approved = await ok(mutate('updateTimeOffRequest', 'UpdateTimeOffRequestInput', TIME_OFF, { id: request.id, expectedVersion: request.version, status: 'APPROVED' }, coordinator));
    expect(approved.status).toBe('APPROVED');
  });

  it('keeps the demo data within its availability and time off, and some demo professionals have both', async () => {
    const session: SqlSession = { query: (sql, params) => app.db.owner(sql, params) as never };
    const appointments = await app.db.owner(`
      SELECT a.tenant_id, a.care_professional_id, a.site_id, a.start_time, a.end_time FROM appointments a
       WHERE a.created_by IS NULL -- loaded as demo data, not booked by the tests above
         AND a.deleted_at IS NULL AND a.status NOT IN ('CANCELLED', 'NO_SHOW')
         AND (EXISTS (SELECT FROM provider_availabilities v WHERE v.care_professional_id = a.care_professional_id)
           OR EXISTS (SELECT FROM time_off_requests t WHERE t.care_professional_id = a.care_professional_id))`);
    const tenants = new Set(appointments.map((a) => a.tenant_id));
    expect(tenants.size).toBe(DEMO_TENANTS.length);
    expect(appointments.length).toBeGreaterThan(300);
    const problems = [];
    for (const a of appointments) {
      const found = await bookingProblems(session, { tenantId: a.tenant_id as string, professionalId: a.care_professional_id as string, siteId: a.site_id as string | null, start: a.start_time as Date, end: a.end_time as Date });
      if (found.length) problems.push({ a, found });
    }
    expect(problems).toEqual([]);
    const approved = await app.db.owner(`SELECT count(*)::int AS n FROM time_off_requests WHERE status = 'APPROVED' AND created_by IS NULL`);
    expect(approved[0].n).toBe(DEMO_TENANTS.length); // one approved leave per demo tenant
  });
});

describe('freeSlots', () => {
  it('lists slots on a grid of the duration inside the windows, around appointments and approved time off', async () => {
    const p = await newProfessional();
    await ok(declare(p, 'MONDAY', '09:00', '12:00'));
    await ok(declare(p, 'MONDAY', '13:00', '15:00'));
    await ok(book(p, `${MON}T09:30:00Z`, `${MON}T10:15:00Z`));
    const cancelled = await ok(book(p, `${MON}T11:00:00Z`, `${MON}T11:30:00Z`));
    await ok(mutate('updateAppointment', 'UpdateAppointmentInput', APPOINTMENT, { id: cancelled.id, expectedVersion: cancelled.version, status: 'CANCELLED' }, p.admin));
    await timeOff(p, `${MON}T14:00:00Z`, `${MON}T16:00:00Z`, TimeOffStatus.APPROVED);
    await timeOff(p, `${MON}T13:00:00Z`, `${MON}T13:30:00Z`); // requested only: does not block
    const result = await slots(p.admin, p.id, `${MON}T00:00:00Z`, `${TUE}T00:00:00Z`, 30);
    expect(result.data!.freeSlots).toEqual(
      ['09:00', '10:30', '11:00', '11:30', '13:00', '13:30'].map((t) => ({ start: iso(`${MON}T${t}:00Z`), end: new Date(Date.parse(`${MON}T${t}:00Z`) + 30 * 60_000).toISOString() })),
    );
    // Slots lie wholly within [from, to).
    expect(await slotStarts(p, `${MON}T09:10:00Z`, `${MON}T11:30:00Z`, 30)).toEqual([iso(`${MON}T10:30:00Z`), iso(`${MON}T11:00:00Z`)]);
    // A slot longer than what is left of a window is not offered.
    expect(await slotStarts(p, `${MON}T00:00:00Z`, `${TUE}T00:00:00Z`, 90)).toEqual([iso(`${MON}T10:30:00Z`)]);
    // Every slot offered can be booked.
    for (const start of await slotStarts(p, `${MON}T00:00:00Z`, `${TUE}T00:00:00Z`, 30)) await ok(book(p, start, new Date(Date.parse(start) + 30 * 60_000).toISOString()));
    expect(await slotStarts(p, `${MON}T00:00:00Z`, `${TUE}T00:00:00Z`, 30)).toEqual([]);
  });

  it('takes windows that touch or overlap as one, as bookings do', async () => {
    const p = await newProfessional();
    await ok(declare(p, 'MONDAY', '09:00', '10:00'));
    await ok(declare(p, 'MONDAY', '10:00', '11:00'));
    await ok(declare(p, 'MONDAY', '10:30', '12:00'));
    expect(await slotStarts(p, `${MON}T00:00:00Z`, `${TUE}T00:00:00Z`, 120)).toEqual([iso(`${MON}T09:00:00Z`)]);
    expect(await slotStarts(p, `${MON}T00:00:00Z`, `${TUE}T00:00:00Z`, 60)).toEqual(['09:00', '10:00', '11:00'].map((t) => iso(`${MON}T${t}:00Z`)));
    await ok(book(p, `${MON}T09:00:00Z`, `${MON}T11:00:00Z`));
  });

  it('keeps local times across the DST changes in Europe/London, and a window spanning one has the hours the clock shows', async () => {
    const p = await newProfessional();
    await ok(declare(p, 'SUNDAY', '09:00', '11:00'));
    // Sundays 23 March (GMT), 30 March 2031 (BST from 01:00 UTC that night), 6 April (BST).
    expect(await slotStarts(p, '2031-03-22T00:00:00Z', '2031-04-07T00:00:00Z', 60)).toEqual(
      ['2031-03-23T09:00:00Z', '2031-03-23T10:00:00Z', '2031-03-30T08:00:00Z', '2031-03-30T09:00:00Z', '2031-04-06T08:00:00Z', '2031-04-06T09:00:00Z'].map(iso),
    );
    // Back to GMT on Sunday 26 October 2031.
    expect(await slotStarts(p, '2031-10-19T00:00:00Z', '2031-10-27T00:00:00Z', 120)).toEqual(['2031-10-19T08:00:00Z', '2031-10-26T09:00:00Z'].map(iso));
    const night = await newProfessional();
    await ok(declare(night, 'SUNDAY', '00:00', '04:00'));
    // 00:00 GMT to 04:00 BST is three hours: 01:00 to 02:00 never shows on the clock.
    expect(await slotStarts(night, '2031-03-29T12:00:00Z', '2031-03-31T00:00:00Z', 60)).toEqual(['2031-03-30T00:00:00Z', '2031-03-30T01:00:00Z', '2031-03-30T02:00:00Z'].map(iso));
    // 00:00 BST to 04:00 GMT is five.
    expect(await slotStarts(night, '2031-10-25T12:00:00Z', '2031-10-27T00:00:00Z', 60)).toHaveLength(5);
    // A window in the hour the clock skips (01:30 does not exist that night) offers nothing then, without failing.
    const gap = await newProfessional();
    await ok(declare(gap, 'SUNDAY', '01:30', '02:00'));
    expect(await slotStarts(gap, '2031-03-23T00:00:00Z', '2031-04-07T00:00:00Z', 30)).toEqual(['2031-03-23T01:30:00Z', '2031-04-06T00:30:00Z'].map(iso));
    expect(fieldRules(await book(gap, '2031-03-30T01:00:00Z', '2031-03-30T01:30:00Z'))).toEqual(['input.startTime:outsideAvailability']);
  });

  it('refuses arguments out of bounds, naming the argument and the rule', async () => {
    const p = await newProfessional();
    const refused = async (from: string, to: string, duration: number, id = p.id) => {
      const response = await slots(p.admin, id, from, to, duration);
      expect(response.data ?? null).toBeNull();
      return fieldRules(response);
    };
    expect(await refused(`${TUE}T00:00:00Z`, `${MON}T00:00:00Z`, 30)).toEqual(['to:afterFrom']);
    expect(await refused(`${MON}T00:00:00Z`, `${MON}T00:00:00Z`, 30)).toEqual(['to:afterFrom']);
    expect(await refused('2031-01-01T00:00:00Z', '2031-02-01T00:00:01Z', 30)).toEqual(['to:maxRange']);
    expect(await refused(`${MON}T00:00:00Z`, `${TUE}T00:00:00Z`, 4)).toEqual(['duration:range']);
    expect(await refused(`${MON}T00:00:00Z`, `${TUE}T00:00:00Z`, 481)).toEqual(['duration:range']);
    expect(await refused(`${MON}T00:00:00Z`, `${TUE}T00:00:00Z`, 30, toGlobalId('Patient', parseGlobalId(p.patientId)!.id))).toEqual(['careProfessional:globalId']);
  });

  it('answers at most 500 slots, in order', async () => {
    const p = await newProfessional();
    for (const weekday of ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY']) await ok(declare(p, weekday, '00:00', '24:00'));
    const starts = await slotStarts(p, '2031-01-01T00:00:00Z', '2031-02-01T00:00:00Z', 5);
    expect(starts).toHaveLength(500);
    expect(starts[0]).toBe(iso('2031-01-01T00:00:00Z'));
    expect(starts[499]).toBe(iso('2031-01-02T17:35:00Z'));
  });

  it('is empty for a professional who declared no availability, and for anyone who may read appointments', async () => {
    const p = await newProfessional();
    expect(await slotStarts(p, `${MON}T00:00:00Z`, `${TUE}T00:00:00Z`, 30)).toEqual([]);
    await ok(declare(p, 'MONDAY', '09:00', '10:00'));
    for (const role of Object.values(Role)) {
      const result = await slots(await app.login(role), p.id, `${MON}T00:00:00Z`, `${TUE}T00:00:00Z`, 30);
      expect([role, result.data?.freeSlots.length]).toEqual([role, 2]);
    }
    expect(onlyError(await slots('', p.id, `${MON}T00:00:00Z`, `${TUE}T00:00:00Z`, 30)).extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('finds nothing of another tenant: its professional is NOT_FOUND, and its appointments and time off stay out of the answer', async () => {
    const acme = await newProfessional();
    await ok(declare(acme, 'MONDAY', '09:00', '10:00'));
    const northwind = await app.login(Role.ADMIN, NORTHWIND);
    const refused = await slots(northwind, acme.id, `${MON}T00:00:00Z`, `${TUE}T00:00:00Z`, 30);
    expect(refused.data ?? null).toBeNull();
    expect(onlyError(refused).extensions).toMatchObject({ code: 'NOT_FOUND', field: 'careProfessional' });
    // The same id's rows planted in another tenant (as the owner) are not read for this one.
    const [northwindTenant] = await app.db.owner(`SELECT id FROM tenants WHERE slug = $1`, [NORTHWIND]);
    const [patient] = await app.db.owner(`SELECT id FROM patients WHERE tenant_id = $1 LIMIT 1`, [northwindTenant.id]);
    const [professional] = await app.db.owner(`SELECT id FROM care_professionals WHERE tenant_id = $1 LIMIT 1`, [northwindTenant.id]);
    await app.db.owner(
      `INSERT INTO appointments (tenant_id, patient_id, care_professional_id, title, start_time, end_time) VALUES ($1, $2, $3, 'Elsewhere', $4, $5)`,
      [northwindTenant.id, patient.id, professional.id, `${MON}T09:00:00Z`, `${MON}T09:30:00Z`],
    );
    expect(await slotStarts(acme, `${MON}T00:00:00Z`, `${TUE}T00:00:00Z`, 30)).toEqual([iso(`${MON}T09:00:00Z`), iso(`${MON}T09:30:00Z`)]);
  });
});

describe('time off requests', () => {
  async function ownProfessionalId(token: string): Promise<string> {
    const result = await app.graphql<{ me: { careProfessional: { id: string } } }, unknown>(`{ me { careProfessional { id } } }`, {}, token);
    return result.data!.me.careProfessional.id;
  }

  it('are requested by clinicians and care workers for themselves, decided by admins and coordinators, who are stamped with the time', async () => {
    const clinician = await app.login(Role.CLINICIAN);
    const mine = await ownProfessionalId(clinician);
    const request = await ok(mutate('createTimeOffRequest', 'CreateTimeOffRequestInput', TIME_OFF, { careProfessionalId: mine, startTime: '2032-06-01T00:00:00Z', endTime: '2032-06-08T00:00:00Z', reason: 'Holiday' }, clinician));
    expect(request).toMatchObject({ status: 'REQUESTED', decidedAt: null, decidedBy: null, careProfessional: { id: mine } });

    const someoneElse = await newProfessional();
    const forOther = await mutate('createTimeOffRequest', 'CreateTimeOffRequestInput', TIME_OFF, { careProfessionalId: someoneElse.id, startTime: '2032-06-01T00:00:00Z', endTime: '2032-06-02T00:00:00Z' }, clinician);
    expect(onlyError(forOther).extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'ownTimeOff' });
    const careWorker = await app.login(Role.CARE_WORKER);
    const touchOther = await mutate('updateTimeOffRequest', 'UpdateTimeOffRequestInput', TIME_OFF, { id: request.id, expectedVersion: request.version, reason: 'Mine now' }, careWorker);
    expect(onlyError(touchOther).extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'ownTimeOff' });

    const selfApproved = await mutate('updateTimeOffRequest', 'UpdateTimeOffRequestInput', TIME_OFF, { id: request.id, expectedVersion: request.version, status: 'APPROVED' }, clinician);
    expect(onlyError(selfApproved).extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'decideTimeOff' });
    expect(onlyError(selfApproved).message).toMatch(/decideTimeOff/);

    const edited = await ok(mutate('updateTimeOffRequest', 'UpdateTimeOffRequestInput', TIME_OFF, { id: request.id, expectedVersion: request.version, endTime: '2032-06-05T00:00:00Z' }, clinician));
    const coordinator = await app.login(Role.COORDINATOR);
    const approved = await ok(mutate('updateTimeOffRequest', 'UpdateTimeOffRequestInput', TIME_OFF, { id: request.id, expectedVersion: edited.version, status: 'APPROVED' }, coordinator));
    expect(approved).toMatchObject({ status: 'APPROVED', decidedBy: { role: 'COORDINATOR' }, endTime: iso('2032-06-05T00:00:00Z') });
    expect(approved.decidedAt).toEqual(expect.stringMatching(/^\d{4}-\d\d-\d\dT/));

    const redated = await mutate('updateTimeOffRequest', 'UpdateTimeOffRequestInput', TIME_OFF, { id: request.id, expectedVersion: approved.version, startTime: '2032-05-30T00:00:00Z' }, coordinator);
    expect(fieldRules(redated)).toEqual(['input.startTime:decided']);
    const rejectedAfter = await mutate('updateTimeOffRequest', 'UpdateTimeOffRequestInput', TIME_OFF, { id: request.id, expectedVersion: approved.version, status: 'REJECTED' }, coordinator);
    expect(fieldRules(rejectedAfter)).toEqual(['input.status:transition']);
    const cancelled = await ok(mutate('updateTimeOffRequest', 'UpdateTimeOffRequestInput', TIME_OFF, { id: request.id, expectedVersion: approved.version, status: 'CANCELLED' }, clinician));
    expect(cancelled).toMatchObject({ status: 'CANCELLED', decidedBy: { role: 'COORDINATOR' } });
    const revived = await mutate('updateTimeOffRequest', 'UpdateTimeOffRequestInput', TIME_OFF, { id: request.id, expectedVersion: cancelled.version, status: 'APPROVED' }, coordinator);
    expect(fieldRules(revived)).toEqual(['input.status:transition']);
  });

  it('start REQUESTED, end after they start, and are not the analyst’s to read', async () => {
    const p = await newProfessional();
    const approvedAtOnce = await mutate('createTimeOffRequest', 'CreateTimeOffRequestInput', TIME_OFF, { careProfessionalId: p.id, startTime: '2032-01-01T00:00:00Z', endTime: '2032-01-02T00:00:00Z', status: 'APPROVED' }, p.admin);
    expect(fieldRules(approvedAtOnce)).toEqual(['input.status:initialStatus']);
    const backwards = await mutate('createTimeOffRequest', 'CreateTimeOffRequestInput', TIME_OFF, { careProfessionalId: p.id, startTime: '2032-01-02T00:00:00Z', endTime: '2032-01-01T00:00:00Z' }, p.admin);
    expect(fieldRules(backwards)).toEqual(['input.endTime:endAfterStart']);
    const blank = await mutate('createTimeOffRequest', 'CreateTimeOffRequestInput', TIME_OFF, { careProfessionalId: p.id, startTime: '2032-01-01T00:00:00Z', endTime: '2032-01-02T00:00:00Z', reason: '  ' }, p.admin);
    expect(fieldRules(blank)).toEqual(['input.reason:matches']);
    expect(onlyError(await app.graphql(`{ timeOffRequests { totalCount } }`, {}, await app.login(Role.ANALYST))).extensions?.code).toBe('FORBIDDEN');
  });

  it('say who decided and when in the database too (CHECK constraint)', async () => {
    const p = await newProfessional();
    const request = await timeOff(p, '2032-02-01T00:00:00Z', '2032-02-02T00:00:00Z');
    const id = parseGlobalId(request.id)!.id;
    await expect(app.db.owner(`UPDATE time_off_requests SET status = 'APPROVED' WHERE id = $1`, [id])).rejects.toMatchObject({ constraint: 'time_off_requests_decided_at_check' });
    await expect(app.db.owner(`UPDATE time_off_requests SET end_time = start_time WHERE id = $1`, [id])).rejects.toMatchObject({ constraint: 'time_off_requests_end_time_check' });
  });
});

describe('site time zones', () => {
  it('are refused by the database unless PostgreSQL knows them (booking checks read them)', async () => {
    const [tenant] = await app.db.owner(`SELECT id FROM tenants WHERE slug = $1`, [ACME]);
    await expect(app.db.owner(`INSERT INTO sites (tenant_id, name, kind, timezone) VALUES ($1, 'Nowhere', 'CLINIC', 'Mars/Olympus_Mons')`, [tenant.id])).rejects.toMatchObject({ constraint: 'sites_timezone_check' });
    await expect(app.db.owner(`UPDATE sites SET timezone = 'Europe/Londn' WHERE tenant_id = $1`, [tenant.id])).rejects.toMatchObject({ constraint: 'sites_timezone_check' });
    const [site] = await app.db.owner(`INSERT INTO sites (tenant_id, name, kind, timezone) VALUES ($1, 'Lisbon annex', 'CLINIC', 'Europe/Lisbon') RETURNING timezone`, [tenant.id]);
    expect(site.timezone).toBe('Europe/Lisbon');
  });
});
