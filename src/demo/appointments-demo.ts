import { AppointmentStatus } from '../entities/enums';
import { atLocal, localDay, weekdayOf } from './calendar';
import { apportion, type PlannedPatient } from './patients-demo';
import { DAY, type Random } from './rows';

/**
 * The demo's appointments and their notes: a few weeks of a practice's diary, drawn in the
 * tenant's time zone around the day the demo is loaded. Whole weeks, counted from this week's
 * Monday, so that the diary is the same whatever the day of the week; only what lies before
 * `now` (done, cancelled or missed) and after it (booked) depends on the moment of the load.
 */

/** Weeks of history before this week, and weeks booked after it. */
export const PAST_WEEKS = 5;
export const FUTURE_WEEKS = 2;

/** Of past appointments: about 80 % completed, 12 % cancelled, 8 % missed. */
export const PAST_OUTCOMES: Array<[AppointmentStatus, number]> = [
  [AppointmentStatus.COMPLETED, 0.8],
  [AppointmentStatus.CANCELLED, 0.12],
  [AppointmentStatus.NO_SHOW, 0.08],
];

export interface DemoWeeks {
  zone: string;
  now: number;
  /** Monday of this week, as a local day. */
  thisWeek: number;
  /** The first local day of the diary, and the day after its last. */
  firstDay: number;
  endDay: number;
}

export function demoWeeks(zone: string, now: number): DemoWeeks {
  const today = localDay(zone, now);
  const thisWeek = today - weekdayOf(today);
  return { zone, now, thisWeek, firstDay: thisWeek - 7 * PAST_WEEKS, endDay: thisWeek + 7 * (FUTURE_WEEKS + 1) };
}

export interface RotaProfessional {
  site: number;
  profession: string;
  /** The weekdays they work, Monday 0 to Friday 4. */
  weekdays: number[];
  /** Their working day in minutes after local midnight, with an hour's lunch from 12:30. */
  dayStart: number;
  dayEnd: number;
}

const LUNCH = [750, 810];

/**
 * The site of each of `count` professionals: a site's staff follow its ACTIVE patients (`active`,
 * per site), one at least where there are any, the sites interleaved along the list.
 */
export function staffSites(active: number[], count: number): number[] {
  if (!active.some((n) => n > 0)) return Array.from({ length: count }, (_, i) => i % active.length);
  const floor = active.map((n): number => (n > 0 ? 1 : 0));
  const minimum = floor.reduce((a, b) => a + b, 0);
  const quota = count >= minimum ? apportion(count - minimum, active).map((n, i) => n + floor[i]) : apportion(count, active);
  const sites: number[] = [];
  for (let next = 0; sites.length < count; next++) {
    const site = next % active.length;
    if (quota[site] > 0) {
      quota[site] -= 1;
      sites.push(site);
    }
  }
  return sites;
}

/** Working patterns: most work Monday to Friday, some part time (three or four days); `fullTime` always the whole week. */
export function planRotas(rnd: Random, professionals: Array<{ site: number; profession: string }>, fullTime: Set<number>): RotaProfessional[] {
  return professionals.map((p, i) => {
    const dayStart = rnd.pick([510, 540]);
    const dayEnd = rnd.pick([1020, 1050]);
    const weekdays = [0, 1, 2, 3, 4];
    if (!fullTime.has(i) && rnd.next() < 0.3) {
      for (let off = 1 + rnd.int(2); off > 0; off--) weekdays.splice(rnd.int(weekdays.length), 1);
    }
    return { ...p, weekdays, dayStart, dayEnd };
  });
}

export interface PlannedLeave {
  professional: number;
  start: number;
  end: number;
  reason: string;
  status: 'APPROVED' | 'REQUESTED';
}

/**
 * Time off of the professionals who declare availability (see loadSchedules): the first had a
 * week of approved annual leave three weeks ago (no appointments then); the third has asked for
 * a training week a month ahead, after everything booked.
 */
export function planLeave(weeks: DemoWeeks, professionals: number): PlannedLeave[] {
  if (professionals < 5) return [];
  const week = (monday: number) => ({ start: atLocal(weeks.zone, monday, 0), end: atLocal(weeks.zone, monday + 5, 0) });
  return [
    { professional: 2, ...week(weeks.thisWeek - 21), reason: 'Annual leave', status: 'APPROVED' },
    { professional: 4, ...week(weeks.thisWeek + 28), reason: 'Training course', status: 'REQUESTED' },
  ];
}

/** What each profession sees patients for, and for how long (minutes). */
const VISITS: Record<string, Array<[string, number]>> = {
  DOCTOR: [['GP visit', 15], ['GP visit', 15], ['Medication review', 30], ['Annual health check', 30], ['Care plan review', 45]],
  NURSE: [['Blood test', 15], ['Wound dressing', 30], ['Wound dressing', 30], ['Medication review', 30], ['Annual health check', 30]],
  THERAPIST: [['Physiotherapy', 45], ['Physiotherapy', 45], ['Physiotherapy', 60], ['Care plan review', 45]],
  CARE_WORKER: [['Wellbeing check', 30], ['Wellbeing check', 30], ['Care plan review', 60]],
};
const COACHING: Array<[string, number]> = [['Coaching session', 45], ['Coaching session', 45], ['Nutrition consultation', 30], ['Lab results review', 30], ['Check-in call', 15]];
/** Relative daily load by profession: a doctor's list is the longest. */
const LOAD: Record<string, number> = { DOCTOR: 5, NURSE: 4, THERAPIST: 3, CARE_WORKER: 2 };

export interface PlannedAppointment {
  patient: number;
  professional: number;
  site: number;
  title: string;
  start: number;
  end: number;
  status: AppointmentStatus;
}

/** Is the patient the site's, and there, at `time`? */
export function seenAt(patient: PlannedPatient, time: number, now: number): boolean {
  if (patient.from !== null && time < patient.from) return false;
  if (patient.until !== null && time >= patient.until) return false;
  return patient.awaySince === null || time < patient.awaySince || time >= now;
}

/**
 * `total` appointments over the diary's working days (Monday to Friday), each professional's
 * within their working hours and at their site, none overlapping another of theirs, none in their
 * leave. A site's share follows its patients, a professional's their profession's load, and days
 * vary. Each is with a patient of the site who is there then (frequent attenders more often,
 * rarely twice a day). Past ones are COMPLETED, CANCELLED or NO_SHOW (PAST_OUTCOMES), one under
 * way at `now` IN_PROGRESS, later ones SCHEDULED or CONFIRMED (most of the next two days'
 * confirmed). Sorted by start.
 */
export function planAppointments(
  rnd: Random,
  weeks: DemoWeeks,
  context: { kind: string; professionals: RotaProfessional[]; patients: PlannedPatient[]; total: number; leave: PlannedLeave[] },
): PlannedAppointment[] {
  const { zone, now } = weeks;
  const { professionals, patients } = context;
  const bySite = new Map<number, number[]>();
  for (const [i, p] of patients.entries()) bySite.set(p.site, [...(bySite.get(p.site) ?? []), i]);
  const staffed = [...new Set(professionals.map((p) => p.site))];
  const active = (site: number) => (bySite.get(site) ?? []).filter((i) => patients[i].until === null).length;
  const activeTotal = staffed.reduce((n, site) => n + active(site), 0);

  // Each working day of each professional, weighted, then scaled to the site's share.
  const days: Array<{ professional: number; day: number; weight: number }> = [];
  for (const [k, p] of professionals.entries()) {
    for (let day = weeks.firstDay; day < weeks.endDay; day++) {
      const weekday = weekdayOf(day);
      if (!p.weekdays.includes(weekday)) continue;
      const noon = atLocal(zone, day, 720);
      if (context.leave.some((l) => l.professional === k && l.status === 'APPROVED' && l.start <= noon && noon < l.end)) continue;
      const busier = weekday === 0 ? 1.15 : weekday === 4 ? 0.85 : 1;
      days.push({ professional: k, day, weight: (LOAD[p.profession] ?? 3) * busier * (0.7 + 0.6 * rnd.next()) });
    }
  }
  for (const site of staffed) {
    const mine = days.filter((d) => professionals[d.professional].site === site);
    const sum = mine.reduce((n, d) => n + d.weight, 0);
    const share = activeTotal ? (context.total * active(site)) / activeTotal : 0;
    for (const d of mine) d.weight = sum ? (d.weight * share) / sum : 0;
  }

  const appointments: PlannedAppointment[] = [];
  const seenOn = new Set<string>();
  // Systematic rounding: the counts add up to the total, each day's within one of its share.
  let running = rnd.next();
  for (const { professional, day, weight } of days) {
    const before = Math.floor(running);
    running += weight;
    const count = Math.floor(running) - before;
    const p = professionals[professional];
    const visits = context.kind === 'HEALTH_COACHING' ? COACHING : (VISITS[p.profession] ?? VISITS.NURSE);
    const taken = new Set<number>();
    for (let n = 0; n < count; n++) {
      const [title, minutes] = rnd.pick(visits);
      const start = freeStart(p, minutes, p.dayStart + 15 * rnd.int((p.dayEnd - p.dayStart) / 15), taken);
      if (start === null) continue;
      const startTime = atLocal(zone, day, start);
      const patient = pickPatient(rnd, patients, bySite.get(p.site) ?? [], startTime, now, day, seenOn);
      if (patient === null) continue;
      for (let m = start; m < start + minutes; m += 15) taken.add(m);
      appointments.push({ patient, professional, site: p.site, title, start: startTime, end: startTime + minutes * 60_000, status: AppointmentStatus.SCHEDULED });
    }
  }
  appointments.sort((a, b) => a.start - b.start || a.professional - b.professional);
  // Outcomes spread evenly along the diary (a golden-ratio sequence from a drawn start), so that
  // whatever part of it lies in the past when the demo is loaded holds each outcome's share.
  const offset = rnd.next();
  for (const [k, a] of appointments.entries()) a.status = statusAt((offset + k * GOLDEN) % 1, a.start, a.end, now);
  return appointments;
}

const GOLDEN = (Math.sqrt(5) - 1) / 2;

/** The first start at or after `drawn` (else from the start of the day) where `minutes` fit in working hours, outside lunch and what is taken. */
function freeStart(p: RotaProfessional, minutes: number, drawn: number, taken: Set<number>): number | null {
  const fits = (start: number) => {
    if (start + minutes > p.dayEnd || (start < LUNCH[1] && start + minutes > LUNCH[0])) return false;
    for (let m = start; m < start + minutes; m += 15) if (taken.has(m)) return false;
    return true;
  };
  for (let start = drawn; start < p.dayEnd; start += 15) if (fits(start)) return start;
  for (let start = p.dayStart; start < drawn; start += 15) if (fits(start)) return start;
  return null;
}

function pickPatient(rnd: Random, patients: PlannedPatient[], candidates: number[], time: number, now: number, day: number, seenOn: Set<string>): number | null {
  const here = candidates.filter((i) => seenAt(patients[i], time, now));
  if (!here.length) return null;
  const total = here.reduce((n, i) => n + patients[i].frequency, 0);
  let chosen = here[0];
  for (let attempt = 0; attempt < 4; attempt++) {
    let draw = rnd.next() * total;
    chosen = here.find((i) => (draw -= patients[i].frequency) < 0) ?? here[here.length - 1];
    if (!seenOn.has(`${chosen}:${day}`)) break;
  }
  seenOn.add(`${chosen}:${day}`);
  return chosen;
}

function statusAt(draw: number, start: number, end: number, now: number): AppointmentStatus {
  if (end <= now) {
    for (const [status, share] of PAST_OUTCOMES) if ((draw -= share) < 0) return status;
    return PAST_OUTCOMES[PAST_OUTCOMES.length - 1][0];
  }
  if (start <= now) return AppointmentStatus.IN_PROGRESS;
  return draw < (start - now < 2 * DAY ? 0.85 : 0.25) ? AppointmentStatus.CONFIRMED : AppointmentStatus.SCHEDULED;
}

export interface PlannedNote {
  patient: number;
  /** Index of the appointment it was written for, or null between visits. */
  appointment: number | null;
  author: number;
  date: number;
  category: string;
  content: string;
}

const NOTE_PHRASES = ['Patient comfortable and settled.', 'Reviewed current medication; no changes.', 'Observations within normal range.', 'Mobility improving with support.', 'Family updated by phone.', 'Appetite reduced; monitor intake.', 'Dressing changed, wound healing well.', 'Slept well overnight.'];
const NOTE_CATEGORY: Record<string, string> = { 'Medication review': 'Medication review', 'Wound dressing': 'Wound care', 'Wellbeing check': 'Daily care', 'Care plan review': 'Daily care', Physiotherapy: 'Daily care' };
const BETWEEN_VISITS = ['Daily care', 'Daily care', 'Observation', 'Observation', 'Family contact'];

/**
 * `total` clinical notes: most completed appointments have the professional's note, written
 * just after, and a few a second one (the family told a day or two later, while the patient is
 * still the site's); cancelled, missed and
 * future appointments have none. The rest are notes between visits over the diary's past weeks,
 * about patients who were the site's then, by a professional of their site.
 */
export function planNotes(
  rnd: Random,
  weeks: DemoWeeks,
  context: { total: number; appointments: PlannedAppointment[]; patients: PlannedPatient[]; professionals: RotaProfessional[] },
): PlannedNote[] {
  const { now } = weeks;
  const latest = now - 60_000;
  const content = () => `${rnd.pick(NOTE_PHRASES)} ${rnd.pick(NOTE_PHRASES)}`;
  const notes: PlannedNote[] = [];
  for (const [i, a] of context.appointments.entries()) {
    if (a.status !== AppointmentStatus.COMPLETED) continue;
    if (rnd.next() < 0.9) notes.push({ patient: a.patient, appointment: i, author: a.professional, date: Math.min(a.end + rnd.int(20) * 60_000, latest), category: NOTE_CATEGORY[a.title] ?? 'Observation', content: content() });
    const later = Math.min(a.end + (1 + rnd.int(2)) * DAY, latest);
    if (rnd.next() < 0.1 && seenAt(context.patients[a.patient], later, now)) notes.push({ patient: a.patient, appointment: i, author: a.professional, date: later, category: 'Family contact', content: content() });
  }
  notes.splice(context.total);
  const from = now - 7 * PAST_WEEKS * DAY;
  const staff = new Map<number, number[]>();
  for (const [k, p] of context.professionals.entries()) staff.set(p.site, [...(staff.get(p.site) ?? []), k]);
  const cared = context.patients.flatMap((p, i) => (staff.has(p.site) ? [i] : []));
  // A moment, then one of the patients who were the site's then (drawn until one was).
  for (let attempt = 0; cared.length && notes.length < context.total && attempt < 50 * context.total; attempt++) {
    const date = from + Math.floor(rnd.next() * (now - from));
    const patient = rnd.pick(cared);
    if (!seenAt(context.patients[patient], date, now)) continue;
    notes.push({ patient, appointment: null, author: rnd.pick(staff.get(context.patients[patient].site)!), date, category: rnd.pick(BETWEEN_VISITS), content: content() });
  }
  return notes;
}
