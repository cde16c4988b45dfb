import { createTestDatabase, type TestDatabase } from './support/harness';
import { DEFAULT_DEMO_SCALE, DEMO_TENANTS } from '../src/demo/demo-data';
import { PatientStatus, ResidentStatus } from '../src/entities/enums';
import { planPatients, type PlannedSite } from '../src/demo/patients-demo';
import { demoWeeks, FUTURE_WEEKS, PAST_WEEKS, planAppointments, planLeave, planNotes, planRotas } from '../src/demo/appointments-demo';
import { random } from '../src/demo/rows';
import { configuredKeyring, loadConfig } from '../src/config';
import { useDataKeyring } from '../src/crypto/data-keys';

/**
 * The demo data reads like the weeks around the day it was loaded (issue 16), so that an
 * aggregate over it shows something worth looking at: checked with SQL over the demo tenants as
 * the loader left them (the template every test database is cloned from). The moment of the load
 * is the tenants' `created_at` (the loader's transaction time).
 */

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

const SLUGS = DEMO_TENANTS.map((t) => t.slug);
const DAY_MS = 86_400_000;
/** Rows of `sql` (about demo tenants `t`, `$1` their slugs), one per tenant, keyed by slug. */
async function perTenant(sql: string): Promise<Record<string, Record<string, unknown>>> {
  const rows = await db.owner(sql, [SLUGS]);
  expect(rows.map((r) => r.slug).sort()).toEqual([...SLUGS].sort());
  return Object.fromEntries(rows.map(({ slug, ...rest }) => [slug as string, rest]));
}
const each = <T>(value: T) => Object.fromEntries(SLUGS.map((slug) => [slug, value]));

describe('the demo diary', () => {
  it('has no appointment still booked once it is over: past ones COMPLETED, CANCELLED or NO_SHOW, one under way IN_PROGRESS, later ones SCHEDULED or CONFIRMED', async () => {
    const rows = await perTenant(`
      SELECT t.slug,
             count(*) FILTER (WHERE a.end_time <= t.created_at AND a.status NOT IN ('COMPLETED', 'CANCELLED', 'NO_SHOW'))::int AS "pastNotOver",
             count(*) FILTER (WHERE a.start_time <= t.created_at AND a.end_time > t.created_at AND a.status <> 'IN_PROGRESS')::int AS "underWayNotInProgress",
             count(*) FILTER (WHERE a.start_time > t.created_at AND a.status NOT IN ('SCHEDULED', 'CONFIRMED'))::int AS "laterNotBooked",
             count(*) FILTER (WHERE a.end_time <= t.created_at) > 0 AS "hasPast",
             count(*) FILTER (WHERE a.start_time > t.created_at AND a.status = 'SCHEDULED') > 0 AS "hasScheduled",
             count(*) FILTER (WHERE a.start_time > t.created_at AND a.status = 'CONFIRMED') > 0 AS "hasConfirmed"
        FROM tenants t JOIN appointments a ON a.tenant_id = t.id AND a.deleted_at IS NULL
       WHERE t.slug = ANY($1) GROUP BY t.slug`);
    expect(rows).toEqual(each({ pastNotOver: 0, underWayNotInProgress: 0, laterNotBooked: 0, hasPast: true, hasScheduled: true, hasConfirmed: true }));
  });

  it('has about 80 % of past appointments completed, 12 % cancelled and 8 % missed, in every tenant', async () => {
    const rows = await perTenant(`
      SELECT t.slug, count(*)::int AS past,
             (count(*) FILTER (WHERE a.status = 'COMPLETED'))::float / count(*) AS completed,
             (count(*) FILTER (WHERE a.status = 'CANCELLED'))::float / count(*) AS cancelled,
             (count(*) FILTER (WHERE a.status = 'NO_SHOW'))::float / count(*) AS "noShow"
        FROM tenants t JOIN appointments a ON a.tenant_id = t.id AND a.deleted_at IS NULL AND a.end_time <= t.created_at
       WHERE t.slug = ANY($1) GROUP BY t.slug`);
    for (const [slug, row] of Object.entries(rows)) {
      const { past, completed, cancelled, noShow } = row as Record<string, number>;
      // Enough of them for a share to mean something, and every share near its mark.
      expect({ slug, enough: past >= 300 }).toEqual({ slug, enough: true });
      expect({ slug, completed: completed > 0.72 && completed < 0.88, cancelled: cancelled > 0.07 && cancelled < 0.17, noShow: noShow > 0.04 && noShow < 0.12 }).toEqual({
        slug,
        completed: true,
        cancelled: true,
        noShow: true,
      });
    }
  });

  it('spreads patients’ appointments over the past weeks and the next two, on weekdays within working hours of the tenant’s time zone', async () => {
    const rows = await perTenant(`
      SELECT t.slug,
             count(DISTINCT date_trunc('week', a.start_time AT TIME ZONE t.timezone)) FILTER (WHERE a.end_time <= t.created_at)::int AS "pastWeeks",
             count(DISTINCT date_trunc('week', a.start_time AT TIME ZONE t.timezone)) FILTER (WHERE a.start_time > t.created_at)::int AS "laterWeeks",
             count(DISTINCT extract(isodow FROM a.start_time AT TIME ZONE t.timezone))::int AS weekdays,
             count(DISTINCT extract(hour FROM a.start_time AT TIME ZONE t.timezone))::int AS hours,
             count(*) FILTER (WHERE extract(isodow FROM a.start_time AT TIME ZONE t.timezone) > 5)::int AS "atWeekends",
             count(*) FILTER (WHERE (a.start_time AT TIME ZONE t.timezone)::time < '08:00' OR (a.end_time AT TIME ZONE t.timezone)::time > '18:00'
                                 OR (a.start_time AT TIME ZONE t.timezone)::date <> (a.end_time AT TIME ZONE t.timezone)::date)::int AS "outOfHours",
             extract(epoch FROM t.created_at - min(a.start_time))::float / 86400 AS "daysBack",
             extract(epoch FROM max(a.start_time) - t.created_at)::float / 86400 AS "daysAhead"
        FROM tenants t JOIN appointments a ON a.tenant_id = t.id AND a.deleted_at IS NULL AND a.patient_id IS NOT NULL
       WHERE t.slug = ANY($1) GROUP BY t.slug, t.created_at`);
    for (const [slug, row] of Object.entries(rows)) {
      const r = row as Record<string, number>;
      expect({ slug, pastWeeks: r.pastWeeks >= 4, laterWeeks: r.laterWeeks >= 2, weekdays: r.weekdays, manyHours: r.hours >= 6, atWeekends: r.atWeekends, outOfHours: r.outOfHours }).toEqual({
        slug,
        pastWeeks: true,
        laterWeeks: true,
        weekdays: 5,
        manyHours: true,
        atWeekends: 0,
        outOfHours: 0,
      });
      // Weeks around the load, not months: this week and PAST_WEEKS before it, FUTURE_WEEKS after it.
      expect({ slug, back: r.daysBack <= 7 * (PAST_WEEKS + 1) + 1, ahead: r.daysAhead <= 7 * (FUTURE_WEEKS + 1) + 1 }).toEqual({ slug, back: true, ahead: true });
    }
  });

  it('gives a professional a day’s work at most: their appointments of one day fit in a working day, at their own site', async () => {
    const [row] = await db.owner(`
      SELECT max(minutes)::int AS "longestDay", count(*) FILTER (WHERE minutes > 0)::int AS days,
             (SELECT count(*)::int FROM appointments a JOIN care_professionals p ON p.id = a.care_professional_id JOIN tenants t ON t.id = a.tenant_id
               WHERE t.slug = ANY($1) AND a.patient_id IS NOT NULL AND a.site_id IS DISTINCT FROM p.site_id) AS "elsewhere"
        FROM (SELECT a.care_professional_id, (a.start_time AT TIME ZONE t.timezone)::date, sum(extract(epoch FROM a.end_time - a.start_time) / 60) AS minutes
                FROM appointments a JOIN tenants t ON t.id = a.tenant_id
               WHERE t.slug = ANY($1) AND a.deleted_at IS NULL AND a.patient_id IS NOT NULL GROUP BY 1, 2) days`,
      [SLUGS],
    );
    expect(row.days).toBeGreaterThan(0);
    expect(row.longestDay).toBeLessThanOrEqual(8 * 60);
    expect(row.elsewhere).toBe(0);
  });

  it('keeps what follows a visit to completed ones: notes, invoices; nobody is seen after leaving, or in a home before admission or after discharge', async () => {
    const rows = await perTenant(`
      SELECT t.slug,
             (SELECT count(*)::int FROM clinical_notes n JOIN appointments a ON a.id = n.appointment_id WHERE n.tenant_id = t.id AND a.status <> 'COMPLETED') AS "notesOfOthers",
             (SELECT count(*)::int FROM clinical_notes n WHERE n.tenant_id = t.id AND n.note_date > t.created_at) AS "notesLater",
             (SELECT (count(*) FILTER (WHERE EXISTS (SELECT FROM clinical_notes n WHERE n.appointment_id = a.id)))::float / count(*) FROM appointments a
               WHERE a.tenant_id = t.id AND a.status = 'COMPLETED') AS "completedNoted",
             (SELECT count(*)::int FROM invoices i WHERE i.tenant_id = t.id) AS invoices,
             (SELECT count(*)::int FROM invoices i WHERE i.tenant_id = t.id AND NOT EXISTS (
                SELECT FROM appointments a WHERE a.patient_id = i.patient_id AND a.end_time = i.created_at AND a.status = 'COMPLETED' AND a.site_id IS NOT DISTINCT FROM i.site_id)) AS "invoicesWithoutVisit",
             (SELECT count(*)::int FROM appointments a JOIN patients p ON p.id = a.patient_id WHERE a.tenant_id = t.id AND p.status <> 'ACTIVE' AND a.end_time > t.created_at) AS "seenAfterLeaving",
             (SELECT count(*)::int FROM appointments a JOIN patients p ON p.id = a.patient_id WHERE a.tenant_id = t.id
                 AND ((a.start_time AT TIME ZONE t.timezone)::date < p.admission_date OR (a.start_time AT TIME ZONE t.timezone)::date >= p.discharge_date)) AS "seenOutsideStay",
             (SELECT count(*)::int FROM clinical_notes n JOIN patients p ON p.id = n.patient_id WHERE n.tenant_id = t.id
                 AND ((n.note_date AT TIME ZONE t.timezone)::date < p.admission_date OR (n.note_date AT TIME ZONE t.timezone)::date > p.discharge_date)) AS "notesOutsideStay"
        FROM tenants t WHERE t.slug = ANY($1)`);
    for (const [slug, row] of Object.entries(rows)) {
      const { completedNoted, invoices, ...counts } = row as Record<string, number>;
      expect({ slug, ...counts }).toEqual({ slug, notesOfOthers: 0, notesLater: 0, invoicesWithoutVisit: 0, seenAfterLeaving: 0, seenOutsideStay: 0, notesOutsideStay: 0 });
      expect({ slug, mostNoted: completedNoted > 0.8, invoiced: invoices > 0 }).toEqual({ slug, mostNoted: true, invoiced: true });
    }
  });
});

describe('the demo patients', () => {
  it('are in every status in every tenant, and a care home’s residents in every resident status, of varied ages and genders', async () => {
    const rows = await perTenant(`
      SELECT t.slug, array_agg(DISTINCT p.status ORDER BY p.status) AS statuses,
             coalesce(array_agg(DISTINCT p.resident_status ORDER BY p.resident_status) FILTER (WHERE p.resident_status IS NOT NULL), '{}') AS "residentStatuses",
             count(DISTINCT p.gender)::int AS genders,
             count(DISTINCT extract(decade FROM p.date_of_birth))::int AS decades,
             count(*) FILTER (WHERE p.date_of_birth IS NULL OR p.date_of_birth > t.created_at::date OR p.date_of_birth < t.created_at::date - interval '106 years')::int AS "unlikelyBirth",
             count(*) FILTER (WHERE p.resident_status IS NOT NULL AND p.date_of_birth > t.created_at::date - interval '55 years')::int AS "youngResidents",
             bool_or(EXISTS (SELECT FROM sites s WHERE s.tenant_id = t.id AND s.kind = 'CARE_HOME')) AS "hasCareHomes"
        FROM tenants t JOIN patients p ON p.tenant_id = t.id AND p.deleted_at IS NULL
       WHERE t.slug = ANY($1) GROUP BY t.slug`);
    for (const [slug, row] of Object.entries(rows)) {
      const { hasCareHomes, genders, decades, ...r } = row as Record<string, unknown>;
      expect({ slug, ...r, varied: (genders as number) >= 3 && (decades as number) >= 4 }).toEqual({
        slug,
        statuses: Object.values(PatientStatus).sort(),
        residentStatuses: hasCareHomes ? Object.values(ResidentStatus).sort() : [],
        unlikelyBirth: 0,
        youngResidents: 0,
        varied: true,
      });
    }
  });

  it('leave every care home within its capacity: its ACTIVE patients are its residents in residence, one open stay each', async () => {
    const homes = await db.owner(
      `SELECT s.name, s.capacity,
              (SELECT count(*)::int FROM resident_stays r WHERE r.site_id = s.id AND r.to_date IS NULL AND r.deleted_at IS NULL) AS "openStays",
              count(p.id) FILTER (WHERE p.status = 'ACTIVE')::int AS active,
              count(p.id) FILTER (WHERE p.resident_status IN ('ADMITTED', 'ON_LEAVE', 'HOSPITAL'))::int AS "inResidence"
         FROM sites s JOIN tenants t ON t.id = s.tenant_id LEFT JOIN patients p ON p.site_id = s.id AND p.deleted_at IS NULL
        WHERE t.slug = ANY($1) AND s.kind = 'CARE_HOME' AND s.deleted_at IS NULL GROUP BY s.id ORDER BY s.name`,
      [SLUGS],
    );
    const declared = DEMO_TENANTS.flatMap((t) => t.sites.filter((s) => s.kind === 'CARE_HOME').map((s) => s.name)).sort();
    expect(homes.map((h) => h.name)).toEqual(declared);
    for (const home of homes) {
      const { name, capacity, openStays, active, inResidence } = home as Record<string, number>;
      expect({ name, within: active <= capacity, mostlyFull: active >= capacity * 0.8, inResidence, openStays }).toEqual({ name, within: true, mostlyFull: true, inResidence: active, openStays: active });
    }
  });
});

describe('the demo planners', () => {
  const now = Date.UTC(2026, 0, 14, 10, 30); // a Wednesday morning in winter, London on UTC
  const sites: PlannedSite[] = [
    { id: '00000000-0000-4000-8000-000000000001', name: 'Clinic', kind: 'CLINIC', capacity: null },
    { id: '00000000-0000-4000-8000-000000000002', name: 'Home', kind: 'CARE_HOME', capacity: 30 },
  ];
  beforeAll(() => useDataKeyring(configuredKeyring(loadConfig())));

  /** One tenant's plan at `at`, without what is random by design (row ids, sealed values). */
  function plan(at: number) {
    const rnd = random(42);
    const weeks = demoWeeks('Europe/London', at);
    const { patients } = planPatients(rnd, { tenantId: '00000000-0000-4000-8000-0000000000aa', kind: 'CLINIC', now: at, sites, count: DEFAULT_DEMO_SCALE.patients });
    const rotas = planRotas(
      rnd,
      Array.from({ length: DEFAULT_DEMO_SCALE.professionals }, (_, i) => ({ site: i % 2, profession: ['DOCTOR', 'NURSE', 'THERAPIST', 'CARE_WORKER'][i % 4] })),
      new Set([0, 1, 2, 3, 4]),
    );
    const leave = planLeave(weeks, rotas.length);
    const appointments = planAppointments(rnd, weeks, { kind: 'CLINIC', professionals: rotas, patients, total: DEFAULT_DEMO_SCALE.appointments, leave });
    const notes = planNotes(rnd, weeks, { total: DEFAULT_DEMO_SCALE.notes, appointments, patients, professionals: rotas });
    const bare = patients.map((p) => ({ ...p, id: undefined, resident: p.resident && { ...p.resident, details: undefined } }));
    return { patients: bare, appointments, notes, leave };
  }

  it('draw the same data at the same moment, without Math.random', () => {
    const spy = jest.spyOn(Math, 'random');
    try {
      const first = plan(now);
      expect(first.appointments).toHaveLength(DEFAULT_DEMO_SCALE.appointments);
      expect(first.notes).toHaveLength(DEFAULT_DEMO_SCALE.notes);
      expect(plan(now)).toEqual(first);
      expect(spy).not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
  });

  it('draw the same weeks a week later, a week later: the diary moves with the day it is loaded', () => {
    const week = 7 * DAY_MS;
    const [before, after] = [plan(now), plan(now + week)];
    const shift = (time: number | null) => (time === null ? null : time + week);
    expect(after.appointments).toEqual(before.appointments.map((a) => ({ ...a, start: a.start + week, end: a.end + week })));
    expect(after.notes).toEqual(before.notes.map((n) => ({ ...n, date: n.date + week })));
    expect(after.patients.map((p) => [p.status, p.from, p.until])).toEqual(before.patients.map((p) => [p.status, shift(p.from), shift(p.until)]));
  });
});
