import { MigrationInterface, QueryRunner } from 'typeorm';
import { checkNotBlank, checkOneOf, createTenantTable, dropTenantTable } from '../db/tenant-table';

const TEST_STATUSES = ['ORDERED', 'SAMPLE_COLLECTED', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED'];
const RANGE_COLUMNS = ['normal_low', 'normal_high', 'critical_low', 'critical_high'];
/** Columns every write stamps (src/db/tenant-table.ts) and soft delete: what a read-only row's triggers leave out of the comparison. */
const STAMPS = "ARRAY['deleted_at', 'updated_at', 'updated_by', 'version']";
/** The same for a result, and its flag: a generated column is not computed yet in a BEFORE trigger's NEW. */
const RESULT_STAMPS = "ARRAY['deleted_at', 'updated_at', 'updated_by', 'version', 'flag']";

/**
 * Diagnostics (seed 004's diagnostic_tests and test_reports): a test a doctor orders for a
 * patient, its reports, and each report's result values with unit and ranges.
 *
 * - A result's `flag` is computed by the database from its value and ranges (a generated
 *   column): nobody types it in, and it cannot disagree with the numbers.
 * - A verified report is read-only, and so are its results: triggers refuse any change to them
 *   but the soft delete (or restore) cascading from the test above, which carries the test's very
 *   timestamp. A correction is an amendment: a new report (`amends_id`), at most one per report.
 * - A report's and a result's patient are their test's (composite foreign keys), so access
 *   logging by their own column is exact.
 */
export class Diagnostics1764901200000 implements MigrationInterface {
  name = 'Diagnostics1764901200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createTenantTable(queryRunner, 'diagnostic_tests', {
      columns: [
        'patient_id uuid NOT NULL',
        'ordering_doctor_id uuid NOT NULL',
        'test_code varchar(32) NOT NULL',
        'test_name varchar(200) NOT NULL',
        'reason text',
        "status varchar(20) NOT NULL DEFAULT 'ORDERED'",
        "priority varchar(10) NOT NULL DEFAULT 'ROUTINE'",
        'ordered_at timestamptz NOT NULL DEFAULT now()',
        'sample_collected_at timestamptz',
        'completed_at timestamptz',
        'cancelled_at timestamptz',
        'cost numeric(12,2)',
        'currency char(3)',
        'insurance_provider varchar(200)',
        'insurance_policy_number varchar(100)',
        'insurance_authorization varchar(100)',
      ],
      references: { patient_id: 'patients', ordering_doctor_id: 'care_professionals' },
      checks: {
        test_code: checkNotBlank('test_code'),
        test_name: checkNotBlank('test_name'),
        status: checkOneOf('status', TEST_STATUSES),
        priority: checkOneOf('priority', ['ROUTINE', 'URGENT', 'STAT']),
        cost: 'cost >= 0',
        // A cost is in a currency: an amount without one means nothing.
        currency: "(currency IS NULL OR currency ~ '^[A-Z]{3}$') AND (cost IS NULL OR currency IS NOT NULL)",
        reason: 'length(reason) <= 10000',
      },
      indexes: [{ columns: ['patient_id', 'ordered_at', 'id'] }, { columns: ['status', 'ordered_at', 'id'], live: true }, { columns: ['ordering_doctor_id', 'ordered_at', 'id'], live: true }],
      writable: true,
    });
    await queryRunner.query(`ALTER TABLE diagnostic_tests ADD CONSTRAINT diagnostic_tests_tenant_id_patient_key UNIQUE (tenant_id, id, patient_id)`);

    await createTenantTable(queryRunner, 'test_reports', {
      columns: [
        'diagnostic_test_id uuid NOT NULL',
        'patient_id uuid NOT NULL',
        'findings text',
        'interpretation text',
        'recommendations text',
        'verified_at timestamptz',
        'verified_by_id uuid',
        'amends_id uuid',
        'amendment_reason text',
      ],
      references: { diagnostic_test_id: 'diagnostic_tests', patient_id: 'patients', verified_by_id: 'memberships', amends_id: 'test_reports' },
      checks: {
        findings: 'length(findings) <= 20000',
        interpretation: 'length(interpretation) <= 20000',
        recommendations: 'length(recommendations) <= 20000',
        verified_by_id: '(verified_at IS NULL) = (verified_by_id IS NULL)',
        amendment_reason: `(amends_id IS NULL AND amendment_reason IS NULL) OR (amends_id IS NOT NULL AND ${checkNotBlank('amendment_reason')} AND length(amendment_reason) <= 2000)`,
      },
      indexes: [
        { columns: ['diagnostic_test_id', 'created_at', 'id'] },
        { columns: ['patient_id', 'created_at', 'id'] },
        // A report is corrected once; the correction is corrected in its turn: a chain, never a fork.
        { columns: ['amends_id'], unique: true, live: true },
      ],
      writable: true,
    });
    await queryRunner.query(`
ALTER TABLE test_reports ADD CONSTRAINT test_reports_test_patient_fkey FOREIGN KEY (tenant_id, diagnostic_test_id, patient_id) REFERENCES diagnostic_tests (tenant_id, id, patient_id);
ALTER TABLE test_reports ADD CONSTRAINT test_reports_tenant_id_patient_key UNIQUE (tenant_id, id, patient_id);`);

    const range = (low: string, high: string) => `(${low} IS NULL OR ${high} IS NULL OR ${low} < ${high})`;
    await createTenantTable(queryRunner, 'test_results', {
      columns: [
        'report_id uuid NOT NULL',
        'patient_id uuid NOT NULL',
        'code varchar(32)',
        'name varchar(200) NOT NULL',
        'value numeric',
        'text_value varchar(200)',
        'unit varchar(32)',
        // numeric as given (4.4 stays 4.4, not 4.400000); the checks below bound it as the API does.
        ...RANGE_COLUMNS.map((column) => `${column} numeric`),
        // Critical bounds first: a value past one is critical whatever the normal range says.
        `flag varchar(16) GENERATED ALWAYS AS (CASE
           WHEN value IS NULL THEN NULL
           WHEN value < critical_low THEN 'CRITICAL_LOW'
           WHEN value > critical_high THEN 'CRITICAL_HIGH'
           WHEN value < normal_low THEN 'LOW'
           WHEN value > normal_high THEN 'HIGH'
           WHEN normal_low IS NULL AND normal_high IS NULL AND critical_low IS NULL AND critical_high IS NULL THEN NULL
           ELSE 'NORMAL' END) STORED`,
      ],
      references: { report_id: 'test_reports', patient_id: 'patients' },
      checks: {
        name: checkNotBlank('name'),
        ...Object.fromEntries(['value', ...RANGE_COLUMNS].map((column) => [`${column}_bounds`, `scale(${column}) <= 6 AND abs(${column}) < 1e12`])),
        value: '(value IS NULL) <> (text_value IS NULL)',
        text_value: checkNotBlank('text_value'),
        unit: checkNotBlank('unit'),
        normal_high: range('normal_low', 'normal_high'),
        critical_low: `${range('critical_low', 'normal_low')} AND ${range('critical_low', 'normal_high')}`,
        critical_high: `${range('normal_high', 'critical_high')} AND ${range('normal_low', 'critical_high')} AND ${range('critical_low', 'critical_high')}`,
      },
      indexes: [{ columns: ['report_id', 'created_at', 'id'] }, { columns: ['flag', 'created_at', 'id'], live: true }],
      writable: true,
    });
    await queryRunner.query(`
ALTER TABLE test_results ADD CONSTRAINT test_results_report_patient_fkey FOREIGN KEY (tenant_id, report_id, patient_id) REFERENCES test_reports (tenant_id, id, patient_id);

-- A verified report is read-only: nothing of it changes (no-op writes included), and it is
-- deleted or restored only with its test (the cascade gives it the test's very deleted_at).
-- Under the report's row lock, which verification holds too.
CREATE FUNCTION test_report_verified_read_only() RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_temp AS $f$
BEGIN
  IF OLD.verified_at IS NULL THEN RETURN NEW; END IF;
  IF (to_jsonb(NEW) - ${STAMPS}) = (to_jsonb(OLD) - ${STAMPS}) AND NEW.deleted_at IS DISTINCT FROM OLD.deleted_at
     AND EXISTS (SELECT 1 FROM diagnostic_tests d WHERE d.tenant_id = NEW.tenant_id AND d.id = NEW.diagnostic_test_id AND d.deleted_at IS NOT DISTINCT FROM NEW.deleted_at) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'the report is verified: it is read-only' USING ERRCODE = 'check_violation', CONSTRAINT = 'test_reports_verified', TABLE = 'test_reports';
END $f$;
CREATE TRIGGER test_reports_verified_read_only BEFORE UPDATE ON test_reports FOR EACH ROW EXECUTE FUNCTION test_report_verified_read_only();

-- A result is part of its report. It stays with it; while the report is open, writing a result
-- moves the report's version (a verification names the version it saw, results included); once
-- the report is verified, results are neither added, changed, deleted nor restored, except with
-- the report itself (deleted with its very deleted_at, or restored after a deletion that came
-- after the verification). FOR NO KEY UPDATE: writers of one report's results take turns, and a
-- verification (FOR UPDATE) waits for them, as they wait for it.
CREATE FUNCTION test_result_report_open() RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_temp AS $f$
DECLARE report test_reports%ROWTYPE;
BEGIN
  IF TG_OP = 'UPDATE' AND (NEW.report_id, NEW.patient_id) IS DISTINCT FROM (OLD.report_id, OLD.patient_id) THEN
    RAISE EXCEPTION 'a result stays with its report' USING ERRCODE = 'check_violation', CONSTRAINT = 'test_results_report_fixed', TABLE = 'test_results';
  END IF;
  SELECT * INTO report FROM test_reports r WHERE r.tenant_id = NEW.tenant_id AND r.id = NEW.report_id FOR NO KEY UPDATE;
  IF report.verified_at IS NULL THEN
    IF report.deleted_at IS NULL THEN
      UPDATE test_reports SET updated_at = now() WHERE tenant_id = NEW.tenant_id AND id = NEW.report_id;
    END IF;
    RETURN NEW;
  END IF;
  IF TG_OP = 'UPDATE' AND (to_jsonb(NEW) - ${RESULT_STAMPS}) = (to_jsonb(OLD) - ${RESULT_STAMPS})
     AND ((OLD.deleted_at IS NULL AND NEW.deleted_at IS NOT NULL AND NEW.deleted_at = report.deleted_at)
       OR (OLD.deleted_at IS NOT NULL AND NEW.deleted_at IS NULL AND report.deleted_at IS NULL AND OLD.deleted_at > report.verified_at)) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'the report is verified: its results are read-only' USING ERRCODE = 'check_violation', CONSTRAINT = 'test_results_report_verified', TABLE = 'test_results';
END $f$;
CREATE TRIGGER test_results_report_open BEFORE INSERT OR UPDATE ON test_results FOR EACH ROW EXECUTE FUNCTION test_result_report_open();`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropTenantTable(queryRunner, 'test_results');
    await dropTenantTable(queryRunner, 'test_reports');
    await dropTenantTable(queryRunner, 'diagnostic_tests');
    await queryRunner.query(`DROP FUNCTION test_result_report_open(); DROP FUNCTION test_report_verified_read_only();`);
  }
}
