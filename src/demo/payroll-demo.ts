import type { Client } from 'pg';

/**
 * Payroll of one tenant (issue 14): every care professional has the last three calendar months,
 * the oldest PAID, the next APPROVED, the last (the month before this one) a DRAFT, with hours
 * and overtime drawn from their rank and a rate by profession; deductions are a fifth of the
 * gross pay. The database computes gross and net pay. No randomness.
 */
export async function loadPayroll(client: Client, tenantId: string): Promise<void> {
  await client.query(
    `WITH professionals AS (SELECT id, profession, row_number() OVER (ORDER BY id) AS n FROM care_professionals WHERE tenant_id = $1 AND deleted_at IS NULL),
          months AS (SELECT m, (date_trunc('month', current_date) - (m || ' months')::interval)::date AS period_start FROM generate_series(1, 3) AS m),
          entries AS (
            SELECT p.id, m.m, m.period_start, (m.period_start + interval '1 month' - interval '1 day')::date AS period_end,
                   (140 + (p.n * 7 + m.m * 3) % 30)::numeric AS regular_hours, ((p.n + m.m) % 4 * 2.5)::numeric AS overtime_hours,
                   CASE p.profession WHEN 'DOCTOR' THEN 62.50 WHEN 'NURSE' THEN 27.80 WHEN 'THERAPIST' THEN 31.20 ELSE 14.60 END AS hourly_rate
              FROM professionals p CROSS JOIN months m)
     INSERT INTO payroll_entries (tenant_id, care_professional_id, period_start, period_end, regular_hours, overtime_hours, hourly_rate, deductions, currency, status, approved_at, paid_at)
     SELECT $1, e.id, e.period_start, e.period_end, e.regular_hours, e.overtime_hours, e.hourly_rate,
            round(round(e.regular_hours * e.hourly_rate + e.overtime_hours * e.hourly_rate * 1.5, 2) / 5, 2), 'GBP',
            CASE e.m WHEN 3 THEN 'PAID' WHEN 2 THEN 'APPROVED' ELSE 'DRAFT' END,
            CASE WHEN e.m >= 2 THEN e.period_end + interval '3 days' END,
            CASE WHEN e.m = 3 THEN e.period_end + interval '5 days' END
       FROM entries e`,
    [tenantId],
  );
}
