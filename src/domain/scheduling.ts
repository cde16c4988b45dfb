import type { CustomTypesConfig } from 'pg';
import type { StatusMachine } from '../data/resource';
import { Role } from '../entities/enums';
import { TimeOffStatus } from '../entities/time-off-request.entity';
import { AppError, FieldProblem } from '../errors/app-error';
import { toGlobalId } from '../data/global-id';
import { sqlLiteral, sqlLiteralList } from '../data/table';

/**
 * Scheduling integrity (issue 10, second part): when a care professional may be booked.
 *
 * - **Availability restricts only once declared.** A professional with no live
 *   ProviderAvailability rows at all is bookable at any time (as every professional was before
 *   availability existed). Once one has any, an appointment must lie wholly inside their declared
 *   windows. Windows that touch or overlap are one window (09:00–12:00 and 12:00–17:00 take an
 *   11:30–12:30 appointment).
 * - **Time zones.** A window's times are local to its site's time zone; without a site, to the
 *   professional's site's; without either, Europe/London (the sites' own default). The appointment
 *   is two instants, so its own site plays no part in the zone. Across a DST change a window
 *   keeps its local times (09:00–17:00 stays 09:00–17:00 on the clock).
 * - **Sites.** A window at a site takes appointments at that site or without one; a window
 *   without a site takes any.
 * - **Time off.** An appointment may not overlap APPROVED time off (REQUESTED, REJECTED and
 *   CANCELLED do not block), whether or not the professional declared availability.
 * - The rules hold when an appointment is booked or moved (start, end, professional or site);
 *   availability narrowed later does not move existing appointments. Time off is not approved
 *   over live appointments: they are cancelled or moved first.
 * - **One after another.** A booking check and an approval of one professional's time off take
 *   the same per-professional transaction lock as the NoDoubleBooking trigger, so neither can
 *   miss what the other commits meanwhile.
 */

/** First key of pg_advisory_xact_lock(int, int) for a professional's schedule; the NoDoubleBooking migration's trigger takes the same one. */
const PROFESSIONAL_LOCK_CLASS = 1764900060;

/** Serialises, until the transaction ends, every booking and time-off decision of one professional. */
export async function lockProfessionalSchedule(db: SqlSession, tenantId: string, professionalId: string): Promise<void> {
  await db.query(`SELECT pg_advisory_xact_lock(${PROFESSIONAL_LOCK_CLASS}, hashtext($1::text || $2::text))`, [tenantId, professionalId]);
}

/** Time off life cycle. APPROVED may still be CANCELLED (plans change; the time becomes bookable again); REJECTED and CANCELLED are final. */
export const TIME_OFF_LIFECYCLE: StatusMachine<TimeOffStatus> = {
  property: 'status',
  initial: [TimeOffStatus.REQUESTED],
  transitions: {
    [TimeOffStatus.REQUESTED]: [TimeOffStatus.APPROVED, TimeOffStatus.REJECTED, TimeOffStatus.CANCELLED],
    [TimeOffStatus.APPROVED]: [TimeOffStatus.CANCELLED],
    [TimeOffStatus.REJECTED]: [],
    [TimeOffStatus.CANCELLED]: [],
  },
  stamps: { [TimeOffStatus.APPROVED]: 'decidedAt', [TimeOffStatus.REJECTED]: 'decidedAt' },
};

/**
 * What a caller may do to a time off request beyond the role table: deciding (APPROVED,
 * REJECTED) needs the permission to decide; without the permission to manage others' requests a
 * caller touches only their own; a decided request's dates and reason stay as decided (make a new
 * request instead).
 */
export function assertTimeOffChange(
  may: { decide: boolean; manageOthers: boolean },
  own: boolean,
  current: { status: TimeOffStatus },
  changes: { status?: TimeOffStatus; startTime?: unknown; endTime?: unknown; reason?: unknown },
): void {
  if (!may.manageOthers && !own) throw forbidden('ownTimeOff', 'You may change only your own time off requests (TIME_OFF_REQUEST_MANAGE_OTHERS)');
  const deciding = changes.status === TimeOffStatus.APPROVED || changes.status === TimeOffStatus.REJECTED;
  if (deciding && changes.status !== current.status && !may.decide) {
    throw forbidden('decideTimeOff', 'You may not approve or reject time off (TIME_OFF_REQUEST_DECIDE)');
  }
  const edited = (['startTime', 'endTime', 'reason'] as const).filter((field) => changes[field] !== undefined);
  if (edited.length && current.status !== TimeOffStatus.REQUESTED) {
    throw AppError.badInput(edited.map((field) => ({ field: `input.${field}`, rule: 'decided', message: `cannot change once the request is ${current.status}; request again instead` })));
  }
}

export function forbidden(rule: string, message: string): AppError {
  return new AppError('FORBIDDEN', `${message} (rule: ${rule})`, { rule });
}

/** Times of day as PostgreSQL prints `time(0)` (`09:30:00`) compare as text. */
export function availabilityProblems(row: { startTime?: string | null; endTime?: string | null; validFrom?: string | null; validTo?: string | null }): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (row.startTime && row.endTime && !(row.endTime > row.startTime)) problems.push({ field: 'input.endTime', rule: 'endAfterStart', message: 'must be after startTime' });
  if (row.startTime && row.startTime >= '24:00') problems.push({ field: 'input.startTime', rule: 'beforeMidnight', message: 'must be before 24:00' });
  if (row.validFrom && row.validTo && row.validTo < row.validFrom) problems.push({ field: 'input.validTo', rule: 'notBeforeValidFrom', message: 'must not be before validFrom' });
  return problems;
}

/** Statuses of an appointment that do not occupy the professional (as in migration NoDoubleBooking). */
export const FREEING_APPOINTMENT_STATUSES = ['CANCELLED', 'NO_SHOW'] as const;
/** The zone of windows whose site, and whose professional's site, say nothing. */
export const DEFAULT_TIME_ZONE = 'Europe/London';

/** What the rules need of a request's database session (RequestDb). */
export interface SqlSession {
  query<R extends Record<string, unknown>>(sql: string, params?: unknown[], types?: CustomTypesConfig): Promise<R[]>;
}

/**
 * The live availability rows of professional `$2` in tenant `$1`, each with the zone its times
 * are in. Tables are read with the caller's row-level security; the tenant predicate repeats it.
 */
const DECLARED = `
  SELECT a.weekday, a.start_time, a.end_time, a.valid_from, a.valid_to, a.site_id,
         coalesce(s.timezone, ps.timezone, '${DEFAULT_TIME_ZONE}') AS tz
    FROM provider_availabilities a
    LEFT JOIN sites s ON s.tenant_id = a.tenant_id AND s.id = a.site_id
    LEFT JOIN care_professionals p ON p.tenant_id = a.tenant_id AND p.id = a.care_professional_id
    LEFT JOIN sites ps ON ps.tenant_id = p.tenant_id AND ps.id = p.site_id
   WHERE a.tenant_id = $1 AND a.care_professional_id = $2 AND a.deleted_at IS NULL`;

/**
 * The windows of one declared row `d` (DECLARED) on the local days from the day before `from`
 * to the day of `to`, as instants. A window whose local times fall into a DST gap so that its
 * end comes before its start is empty rather than an error.
 */
const windowsOf = (from: string, to: string) => `
  SELECT tstzrange(w.opens, greatest(w.opens, w.closes), '[)') AS span
    FROM generate_series(((${from} AT TIME ZONE d.tz)::date - 1)::timestamp, (${to} AT TIME ZONE d.tz)::date::timestamp, interval '1 day') g(day)
   CROSS JOIN LATERAL (SELECT (g.day::date + d.start_time) AT TIME ZONE d.tz AS opens, (g.day::date + d.end_time) AT TIME ZONE d.tz AS closes) w
   WHERE to_char(g.day, 'FMDAY') = d.weekday AND g.day::date >= d.valid_from AND (d.valid_to IS NULL OR g.day::date <= d.valid_to)`;

/** Live appointments `ap` of professional `$2` in tenant `$1` that hold their time. */
const OCCUPYING_WHERE = `ap.tenant_id = $1 AND ap.care_professional_id = $2 AND ap.deleted_at IS NULL
     AND ap.status NOT IN (${sqlLiteralList(FREEING_APPOINTMENT_STATUSES)})`;

const OCCUPYING_APPOINTMENTS = `
  SELECT tstzrange(ap.start_time, ap.end_time, '[)') AS span FROM appointments ap
   WHERE ${OCCUPYING_WHERE}`;

const APPROVED_TIME_OFF = `
  SELECT tstzrange(t.start_time, t.end_time, '[)') AS span FROM time_off_requests t
   WHERE t.tenant_id = $1 AND t.care_professional_id = $2 AND t.deleted_at IS NULL AND t.status = ${sqlLiteral(TimeOffStatus.APPROVED)}`;

/** One statement: does the professional declare availability, does it cover the booking (at its site), does approved time off overlap it. */
const BOOKING_CHECK = `
WITH declared AS (${DECLARED})
SELECT EXISTS (SELECT FROM declared) AS restricted,
       coalesce((SELECT range_agg(w.span) FROM declared d CROSS JOIN LATERAL (${windowsOf('$3::timestamptz', '$4::timestamptz')}) w
                  WHERE d.site_id IS NULL OR $5::uuid IS NULL OR d.site_id = $5::uuid)
                @> tstzrange($3::timestamptz, $4::timestamptz, '[)'), false) AS covered,
       EXISTS (SELECT FROM (${APPROVED_TIME_OFF}) t WHERE t.span && tstzrange($3::timestamptz, $4::timestamptz, '[)')) AS time_off`;

export interface Booking {
  tenantId: string;
  professionalId: string;
  siteId: string | null;
  start: Date;
  end: Date;
}

/** Why `booking` may not be made (empty when it may): outside declared availability, inside approved time off. Both name `input.startTime`. */
export async function bookingProblems(db: SqlSession, booking: Booking): Promise<FieldProblem[]> {
  const { tenantId, professionalId, siteId, start, end } = booking;
  // An appointment that does not end after it starts is refused by its own rule (endAfterStart).
  if (!(end.getTime() > start.getTime())) return [];
  const [row] = await db.query<{ restricted: boolean; covered: boolean; time_off: boolean }>(BOOKING_CHECK, [tenantId, professionalId, start, end, siteId]);
  const problems: FieldProblem[] = [];
  if (row.restricted && !row.covered) {
    problems.push({ field: 'input.startTime', rule: 'outsideAvailability', message: "is outside the care professional's declared availability" });
  }
  if (row.time_off) problems.push({ field: 'input.startTime', rule: 'timeOff', message: 'falls in approved time off of the care professional' });
  return problems;
}

export async function assertBookable(db: SqlSession, booking: Booking): Promise<void> {
  await lockProfessionalSchedule(db, booking.tenantId, booking.professionalId);
  const problems = await bookingProblems(db, booking);
  if (problems.length) throw AppError.badInput(problems);
}

/** Bounds of `freeSlots`: a month at most, five minutes to eight hours a slot, a page of slots. */
export const FREE_SLOT_LIMITS = { maxRangeDays: 31, minDuration: 5, maxDuration: 480, maxSlots: 500 } as const;

/** Problems with freeSlots' arguments, each naming the argument. */
export function freeSlotArgumentProblems(from: Date, to: Date, duration: number): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const { maxRangeDays, minDuration, maxDuration } = FREE_SLOT_LIMITS;
  if (!(to.getTime() > from.getTime())) problems.push({ field: 'to', rule: 'afterFrom', message: 'must be after from' });
  else if (to.getTime() - from.getTime() > maxRangeDays * 86_400_000) problems.push({ field: 'to', rule: 'maxRange', message: `must be at most ${maxRangeDays} days after from` });
  if (!Number.isInteger(duration) || duration < minDuration || duration > maxDuration) {
    problems.push({ field: 'duration', rule: 'range', message: `must be ${minDuration} to ${maxDuration} minutes` });
  }
  return problems;
}

/**
 * Bookable slots of `duration` minutes wholly inside [from, to), one statement: the declared
 * windows of the days in range, merged where they touch, cut into slots on a grid of `duration`
 * from each window's opening, without those overlapping an occupying appointment (not CANCELLED
 * or NO_SHOW) or approved time off; the first FREE_SLOT_LIMITS.maxSlots by start. None for a
 * professional who declared no availability (bookable at any time, so there is nothing to offer).
 */
const FREE_SLOTS = `
WITH declared AS (${DECLARED}),
merged AS (
  SELECT unnest(range_agg(w.span)) AS span FROM declared d CROSS JOIN LATERAL (${windowsOf('$3::timestamptz', '$4::timestamptz')}) w
),
slots AS (
  SELECT s.start_time, s.start_time + make_interval(mins => $5::int) AS end_time
    FROM merged m
   CROSS JOIN LATERAL generate_series(lower(m.span), upper(m.span) - make_interval(mins => $5::int), make_interval(mins => $5::int)) s(start_time)
)
SELECT sl.start_time AS "start", sl.end_time AS "end" FROM slots sl
 WHERE sl.start_time >= $3::timestamptz AND sl.end_time <= $4::timestamptz
   AND NOT EXISTS (SELECT FROM (${OCCUPYING_APPOINTMENTS}) a WHERE a.span && tstzrange(sl.start_time, sl.end_time, '[)'))
   AND NOT EXISTS (SELECT FROM (${APPROVED_TIME_OFF}) t WHERE t.span && tstzrange(sl.start_time, sl.end_time, '[)'))
 ORDER BY sl.start_time
 LIMIT $6`;

export interface Slot {
  start: string;
  end: string;
}

/** Runs FREE_SLOTS; `types` keeps timestamps as the API prints them. Arguments are checked by the caller (freeSlotArgumentProblems). */
export function freeSlots(db: SqlSession, tenantId: string, professionalId: string, from: Date, to: Date, duration: number, types?: CustomTypesConfig): Promise<Slot[]> {
  return db.query<Slot & Record<string, unknown>>(FREE_SLOTS, [tenantId, professionalId, from, to, duration, FREE_SLOT_LIMITS.maxSlots], types);
}

/** Refuses to approve time off over the professional's live appointments (cancel or move them first): CONFLICT naming the first. */
export async function assertNoAppointmentsInTimeOff(db: SqlSession, tenantId: string, professionalId: string, start: Date, end: Date): Promise<void> {
  await lockProfessionalSchedule(db, tenantId, professionalId);
  const rows = await db.query<{ id: string; count: number }>(
    `SELECT (array_agg(ap.id ORDER BY ap.start_time, ap.id))[1] AS id, count(*)::int AS count FROM appointments ap
      WHERE ${OCCUPYING_WHERE}
        AND tstzrange(ap.start_time, ap.end_time, '[)') && tstzrange($3::timestamptz, $4::timestamptz, '[)')`,
    [tenantId, professionalId, start, end],
  );
  const { id, count } = rows[0];
  if (count > 0) {
    const first = toGlobalId('Appointment', id);
    const problem: FieldProblem = { field: 'input.status', rule: 'appointmentsBooked', message: `the care professional has ${count} live appointment(s) in this time, first ${first}: cancel or move them first` };
    throw AppError.conflict(`${problem.field}: ${problem.message}`, { fields: [problem], conflictingAppointmentId: first });
  }
}
