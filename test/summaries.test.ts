import { NORTHWIND, useBothPaths, fieldRules } from './support/harness';
import { Role } from '../src/entities/enums';
import { toGlobalId } from '../src/data/global-id';

/** doctorSummary and revenueSummary (issue 14): one statement each over the tenant's rows, checked against plain SQL and arithmetic over the same rows. */

const paths = useBothPaths();

type Data = Record<string, any>;
const gql = (query: string, variables: Data = {}, token?: string, on = paths.compiled) => on.graphql<Data, Data>(query, variables, token);
const owner = (sql: string, values: unknown[] = []) => paths.compiled.db.owner(sql, values);
const inNorthwind = `tenant_id = (SELECT id FROM tenants WHERE slug = '${NORTHWIND}')`;
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

const DOCTORS = `query($period: SummaryPeriod!) { doctorSummary(period: $period) { doctor { id lastName } appointments completed cancelled noShows patientsSeen testsOrdered prescriptions } }`;
const REVENUE = `query($period: SummaryPeriod!) { revenueSummary(period: $period) { month currency invoices invoiced collected refunded outstanding overdue } }`;

describe('doctorSummary', () => {
  it('counts each doctor’s appointments, patients, tests and prescriptions in the period, as plain SQL does, in a constant number of statements', async () => {
    const analyst = await paths.compiled.login(Role.ANALYST, NORTHWIND);
    for (const period of [{ from: day(-30), to: day(0) }, { from: day(-700), to: day(700) }]) {
      const response = await gql(DOCTORS, { period }, analyst);
      expect(response.errors).toBeUndefined();
      const expected = await owner(
        `WITH b AS (SELECT ($1::date)::timestamp AT TIME ZONE timezone AS start, ($2::date + 1)::timestamp AT TIME ZONE timezone AS stop FROM tenants WHERE slug = '${NORTHWIND}')
         SELECT p.id, p.last_name,
                (SELECT count(*)::int FROM appointments a, b WHERE a.care_professional_id = p.id AND a.deleted_at IS NULL AND a.start_time >= b.start AND a.start_time < b.stop) AS appointments,
                (SELECT count(*)::int FROM appointments a, b WHERE a.care_professional_id = p.id AND a.deleted_at IS NULL AND a.status = 'COMPLETED' AND a.start_time >= b.start AND a.start_time < b.stop) AS completed,
                (SELECT count(*)::int FROM appointments a, b WHERE a.care_professional_id = p.id AND a.deleted_at IS NULL AND a.status = 'CANCELLED' AND a.start_time >= b.start AND a.start_time < b.stop) AS cancelled,
                (SELECT count(*)::int FROM appointments a, b WHERE a.care_professional_id = p.id AND a.deleted_at IS NULL AND a.status = 'NO_SHOW' AND a.start_time >= b.start AND a.start_time < b.stop) AS no_shows,
                (SELECT count(DISTINCT patient_id)::int FROM appointments a, b WHERE a.care_professional_id = p.id AND a.deleted_at IS NULL AND a.status = 'COMPLETED' AND a.start_time >= b.start AND a.start_time < b.stop) AS patients,
                (SELECT count(*)::int FROM diagnostic_tests d, b WHERE d.ordering_doctor_id = p.id AND d.deleted_at IS NULL AND d.ordered_at >= b.start AND d.ordered_at < b.stop) AS tests,
                (SELECT count(*)::int FROM prescriptions r WHERE r.prescriber_id = p.id AND r.deleted_at IS NULL AND r.prescribed_on BETWEEN $1::date AND $2::date) AS prescriptions
           FROM care_professionals p WHERE p.${inNorthwind} AND p.profession = 'DOCTOR' AND p.deleted_at IS NULL ORDER BY p.last_name, p.first_name, p.id`,
        [period.from, period.to],
      );
      expect(response.data!.doctorSummary).toEqual(
        expected.map((r) => ({
          doctor: { id: toGlobalId('CareProfessional', r.id as string), lastName: r.last_name },
          appointments: r.appointments, completed: r.completed, cancelled: r.cancelled, noShows: r.no_shows, patientsSeen: r.patients, testsOrdered: r.tests, prescriptions: r.prescriptions,
        })),
      );
      expect(expected.some((r) => (r.appointments as number) > 0)).toBe(true);
    }
    // One statement for the summary and one for all the doctors, whatever the period holds.
    const counts = [];
    for (const period of [{ from: day(-1), to: day(-1) }, { from: day(-700), to: day(700) }]) {
      counts.push(paths.compiled.statements.get((await gql(DOCTORS, { period }, analyst)).requestId));
    }
    expect(counts[0]).toBe(counts[1]);
  });
});

describe('revenueSummary', () => {
  it('adds up, per month and currency, what was invoiced, collected, refunded and is outstanding, as arithmetic over the rows does', async () => {
    const admin = await paths.compiled.login(Role.ADMIN, NORTHWIND);
    const period = { from: day(-400), to: day(0) };
    const response = await gql(REVENUE, { period }, admin);
    expect(response.errors).toBeUndefined();
    const rows = response.data!.revenueSummary as Data[];
    // The same from the rows, in cents, in JavaScript.
    const zone = `(SELECT timezone FROM tenants WHERE slug = '${NORTHWIND}')`;
    const invoices = await owner(`SELECT to_char(issue_date, 'YYYY-MM-01') AS month, currency, status, (total * 100)::bigint AS total, (balance * 100)::bigint AS balance FROM invoices
                                   WHERE ${inNorthwind} AND deleted_at IS NULL AND status NOT IN ('DRAFT', 'VOID') AND issue_date BETWEEN $1 AND $2`, [period.from, period.to]);
    const payments = await owner(`SELECT to_char(p.received_at AT TIME ZONE ${zone}, 'YYYY-MM-01') AS month, i.currency, (p.amount * 100)::bigint AS amount FROM payments p JOIN invoices i ON i.id = p.invoice_id
                                   WHERE p.${inNorthwind} AND p.deleted_at IS NULL AND (p.received_at AT TIME ZONE ${zone})::date BETWEEN $1 AND $2`, [period.from, period.to]);
    const refunds = await owner(`SELECT to_char(r.refunded_at AT TIME ZONE ${zone}, 'YYYY-MM-01') AS month, i.currency, (r.amount * 100)::bigint AS amount FROM refunds r JOIN invoices i ON i.id = r.invoice_id
                                  WHERE r.${inNorthwind} AND r.deleted_at IS NULL AND (r.refunded_at AT TIME ZONE ${zone})::date BETWEEN $1 AND $2`, [period.from, period.to]);
    const sums = new Map<string, { invoices: number; invoiced: number; collected: number; refunded: number; outstanding: number; overdue: number }>();
    const at = (month: string, currency: string) => {
      const key = `${month} ${currency}`;
      if (!sums.has(key)) sums.set(key, { invoices: 0, invoiced: 0, collected: 0, refunded: 0, outstanding: 0, overdue: 0 });
      return sums.get(key)!;
    };
    for (const i of invoices) {
      const s = at(i.month as string, i.currency as string);
      s.invoices += 1;
      s.invoiced += Number(i.total);
      if (['ISSUED', 'PARTIALLY_PAID', 'OVERDUE'].includes(i.status as string)) s.outstanding += Number(i.balance);
      if (i.status === 'OVERDUE') s.overdue += 1;
    }
    for (const p of payments) at(p.month as string, p.currency as string).collected += Number(p.amount);
    for (const r of refunds) at(r.month as string, r.currency as string).refunded += Number(r.amount);
    const cents = (n: number) => (n / 100).toFixed(2);
    const expected = [...sums.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([key, s]) => {
      const [month, currency] = key.split(' ');
      return { month, currency, invoices: s.invoices, invoiced: cents(s.invoiced), collected: cents(s.collected), refunded: cents(s.refunded), outstanding: cents(s.outstanding), overdue: s.overdue };
    });
    expect(rows).toEqual(expected);
    expect(rows.length).toBeGreaterThan(1);
    expect(rows.some((r) => r.refunded !== '0.00') && rows.some((r) => r.overdue > 0)).toBe(true);
  });

  it('is for admins and analysts; doctorSummary for coordinators too; the period is checked', async () => {
    const period = { from: day(-30), to: day(0) };
    for (const role of [Role.CLINICIAN, Role.CARE_WORKER, Role.SDR, Role.HEALTH_COACH, Role.COORDINATOR]) {
      expect([role, (await gql(REVENUE, { period }, await paths.compiled.login(role, NORTHWIND))).errors![0].extensions!.code]).toEqual([role, 'FORBIDDEN']);
    }
    for (const role of [Role.CLINICIAN, Role.CARE_WORKER, Role.SDR, Role.HEALTH_COACH]) {
      expect([role, (await gql(DOCTORS, { period }, await paths.compiled.login(role, NORTHWIND))).errors![0].extensions!.code]).toEqual([role, 'FORBIDDEN']);
    }
    expect((await gql(DOCTORS, { period }, await paths.compiled.login(Role.COORDINATOR, NORTHWIND))).errors).toBeUndefined();
    const admin = await paths.compiled.login(Role.ADMIN, NORTHWIND);
    expect(fieldRules(await gql(REVENUE, { period: { from: day(0), to: day(-1) } }, admin))).toEqual(['period.to:notBeforeFrom']);
    expect(fieldRules(await gql(DOCTORS, { period: { from: day(-2000), to: day(0) } }, admin))).toEqual(['period.to:range']);
  });
});
