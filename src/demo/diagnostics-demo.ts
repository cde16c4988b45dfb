import type { Client } from 'pg';

/**
 * Diagnostic tests of one tenant (issue 14): a blood test for every fourth patient in its care (ACTIVE), ordered by a
 * doctor (their physician when they have one) over the last two months, in every status. Tests
 * the lab works on have a report awaiting verification; completed ones a verified report. Results
 * come from two panels with their ranges, and some values lie outside them (LOW, HIGH, critical):
 * the database computes the flags. The oldest verified report has an amendment awaiting
 * verification. Drawn from the rows' order alone (no randomness), after the other demo data.
 */
export async function loadDiagnostics(client: Client, tenantId: string, verifierMembershipId: string): Promise<void> {
  await client.query(
    `WITH doctors AS (SELECT id FROM care_professionals WHERE tenant_id = $1 AND profession = 'DOCTOR' AND deleted_at IS NULL ORDER BY id LIMIT 1),
          chosen AS (SELECT p.id, p.primary_physician_id, row_number() OVER (ORDER BY p.id) AS n FROM patients p WHERE p.tenant_id = $1 AND p.deleted_at IS NULL AND p.status = 'ACTIVE'),
          tests AS (
            SELECT c.id, c.primary_physician_id, c.n / 4 AS k FROM chosen c WHERE c.n % 4 = 0),
          dated AS (
            SELECT t.*, (ARRAY['ORDERED', 'SAMPLE_COLLECTED', 'IN_PROGRESS', 'COMPLETED', 'COMPLETED', 'CANCELLED'])[1 + t.k % 6] AS status,
                   now() - ((t.k % 60) || ' days')::interval - interval '3 hours' AS ordered_at
              FROM tests t)
     INSERT INTO diagnostic_tests (tenant_id, patient_id, ordering_doctor_id, test_code, test_name, reason, status, priority, ordered_at,
                                   sample_collected_at, completed_at, cancelled_at, cost, currency, insurance_provider, insurance_policy_number)
     SELECT $1, t.id, coalesce(t.primary_physician_id, (SELECT id FROM doctors)),
            CASE WHEN t.k % 2 = 0 THEN '58410-2' ELSE '24362-6' END, CASE WHEN t.k % 2 = 0 THEN 'Full blood count' ELSE 'Urea and electrolytes' END,
            'Routine monitoring.', t.status, (ARRAY['ROUTINE', 'ROUTINE', 'URGENT', 'STAT'])[1 + t.k % 4], t.ordered_at,
            CASE WHEN t.status IN ('SAMPLE_COLLECTED', 'IN_PROGRESS', 'COMPLETED') THEN t.ordered_at + interval '1 hour' END,
            CASE WHEN t.status = 'COMPLETED' THEN t.ordered_at + interval '1 day' END,
            CASE WHEN t.status = 'CANCELLED' THEN t.ordered_at + interval '2 hours' END,
            (ARRAY[25.00, 32.50, 48.00])[1 + t.k % 3], 'GBP',
            CASE WHEN t.k % 3 = 0 THEN 'Bupa' END, CASE WHEN t.k % 3 = 0 THEN 'BUPA-' || lpad(t.k::text, 6, '0') END
       FROM dated t`,
    [tenantId],
  );
  await client.query(
    `INSERT INTO test_reports (tenant_id, diagnostic_test_id, patient_id, findings, interpretation, recommendations, created_at)
     SELECT tenant_id, id, patient_id, 'Sample adequate; analysed on the lab''s automated analyser.',
            'See the flagged values.', 'Review with the patient at the next appointment.', ordered_at + interval '20 hours'
       FROM diagnostic_tests WHERE tenant_id = $1 AND status IN ('IN_PROGRESS', 'COMPLETED')`,
    [tenantId],
  );
  // Values move with the report's rank, so that some of each flag appear: most are NORMAL.
  await client.query(
    `WITH reports AS (SELECT r.id, r.patient_id, d.test_code, row_number() OVER (ORDER BY r.id) AS n
                        FROM test_reports r JOIN diagnostic_tests d ON d.id = r.diagnostic_test_id WHERE r.tenant_id = $1),
          panel (test_code, code, name, unit, normal_low, normal_high, critical_low, critical_high, normal, low, high, critical) AS (VALUES
            ('58410-2', '718-7', 'Haemoglobin', 'g/dL', 13.0, 17.0, 7.0, 20.0, 14.2, 11.6, 17.8, 6.4),
            ('58410-2', '6690-2', 'White cell count', '10^9/L', 4.0, 11.0, 2.0, 30.0, 6.8, 3.1, 13.4, 1.2),
            ('58410-2', '777-3', 'Platelets', '10^9/L', 150, 400, 50, 1000, 260, 120, 450, 35),
            ('24362-6', '2951-2', 'Sodium', 'mmol/L', 133, 146, 120, 160, 139, 131, 149, 118),
            ('24362-6', '2823-3', 'Potassium', 'mmol/L', 3.5, 5.3, 2.5, 6.5, 4.4, 3.2, 5.6, 6.9),
            ('24362-6', '2160-0', 'Creatinine', 'umol/L', 59, 104, NULL, NULL, 82, 51, 131, 82))
     INSERT INTO test_results (tenant_id, report_id, patient_id, code, name, value, unit, normal_low, normal_high, critical_low, critical_high, created_at)
     SELECT $1, r.id, r.patient_id, p.code, p.name,
            CASE WHEN (r.n + length(p.code)) % 11 = 0 THEN p.critical WHEN (r.n + length(p.code)) % 5 = 0 THEN p.low WHEN (r.n + length(p.code)) % 7 = 0 THEN p.high ELSE p.normal END,
            p.unit, p.normal_low, p.normal_high, p.critical_low, p.critical_high, now() - interval '1 minute'
       FROM reports r JOIN panel p ON p.test_code = r.test_code`,
    [tenantId],
  );
  // Completed tests' reports are verified (their results are read-only from here on).
  await client.query(
    `UPDATE test_reports r SET verified_at = d.completed_at, verified_by_id = $2
       FROM diagnostic_tests d WHERE r.tenant_id = $1 AND d.id = r.diagnostic_test_id AND d.status = 'COMPLETED'`,
    [tenantId, verifierMembershipId],
  );
  const {
    rows: [original],
  } = await client.query(`SELECT id FROM test_reports WHERE tenant_id = $1 AND verified_at IS NOT NULL ORDER BY verified_at, id LIMIT 1`, [tenantId]);
  if (!original) return;
  const {
    rows: [amendment],
  } = await client.query(
    `INSERT INTO test_reports (tenant_id, diagnostic_test_id, patient_id, findings, interpretation, recommendations, amends_id, amendment_reason)
     SELECT tenant_id, diagnostic_test_id, patient_id, findings, 'Haemolysed sample: potassium falsely raised; repeat advised.', recommendations, id,
            'The lab reported the sample as haemolysed after verification.'
       FROM test_reports WHERE id = $1 RETURNING id`,
    [original.id],
  );
  await client.query(
    `INSERT INTO test_results (tenant_id, report_id, patient_id, code, name, value, unit, normal_low, normal_high, critical_low, critical_high)
     SELECT tenant_id, $2, patient_id, code, name, value, unit, normal_low, normal_high, critical_low, critical_high FROM test_results WHERE report_id = $1`,
    [original.id, amendment.id],
  );
}
