import { MigrationInterface, QueryRunner } from 'typeorm';
import { checkOneOf, createTenantTable, dropTenantTable } from '../db/tenant-table';

/** Pay: (regular hours + overtime hours × multiplier) × rate, rounded to cents. */
const GROSS = 'round(regular_hours * hourly_rate + overtime_hours * hourly_rate * overtime_multiplier, 2)';

/**
 * Payroll (seed 000's payroll): a care professional's pay for one period: hours, rate, overtime
 * and deductions as entered, gross and net pay computed by the database (generated columns), so
 * they cannot disagree with the figures. A professional's periods do not overlap (live rows). An
 * entry is DRAFT until APPROVED, then PAID; an approved entry's figures are fixed (a trigger), as
 * the API's rule says. Admins only (migration grants as for any tenant table; the API's role
 * table gives it to ADMIN alone).
 */
export class Payroll1764901380000 implements MigrationInterface {
  name = 'Payroll1764901380000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createTenantTable(queryRunner, 'payroll_entries', {
      columns: [
        'care_professional_id uuid NOT NULL',
        'period_start date NOT NULL',
        'period_end date NOT NULL',
        'regular_hours numeric(6,2) NOT NULL',
        'overtime_hours numeric(6,2) NOT NULL DEFAULT 0',
        'hourly_rate numeric(10,2) NOT NULL',
        'overtime_multiplier numeric(4,2) NOT NULL DEFAULT 1.5',
        'deductions numeric(12,2) NOT NULL DEFAULT 0',
        'currency char(3) NOT NULL',
        `gross_pay numeric(14,2) GENERATED ALWAYS AS (${GROSS}) STORED`,
        `net_pay numeric(14,2) GENERATED ALWAYS AS (${GROSS} - deductions) STORED`,
        "status varchar(16) NOT NULL DEFAULT 'DRAFT'",
        'approved_at timestamptz',
        'paid_at timestamptz',
        'notes text',
      ],
      references: { care_professional_id: 'care_professionals' },
      checks: {
        period_end: 'period_end >= period_start',
        regular_hours: 'regular_hours >= 0 AND regular_hours <= 744',
        overtime_hours: 'overtime_hours >= 0 AND overtime_hours <= 744',
        hourly_rate: 'hourly_rate >= 0',
        overtime_multiplier: 'overtime_multiplier >= 1 AND overtime_multiplier <= 5',
        deductions: `deductions >= 0 AND deductions <= ${GROSS}`,
        currency: "currency ~ '^[A-Z]{3}$'",
        status: checkOneOf('status', ['DRAFT', 'APPROVED', 'PAID']),
        notes: 'length(notes) <= 2000',
      },
      indexes: [{ columns: ['care_professional_id', 'period_start', 'id'] }, { columns: ['period_start', 'id'], live: true }],
      writable: true,
    });
    await queryRunner.query(`
-- One pay period at a time per professional: live entries never overlap.
ALTER TABLE payroll_entries ADD CONSTRAINT payroll_entries_no_overlap
  EXCLUDE USING gist (tenant_id WITH =, care_professional_id WITH =, daterange(period_start, period_end, '[]') WITH &&) WHERE (deleted_at IS NULL);

-- An approved entry's figures are what was approved: only its status, paid stamp and notes move on.
CREATE FUNCTION payroll_entry_approved_fixed() RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_temp AS $f$
BEGIN
  IF OLD.status <> 'DRAFT' AND (NEW.care_professional_id, NEW.period_start, NEW.period_end, NEW.regular_hours, NEW.overtime_hours, NEW.hourly_rate, NEW.overtime_multiplier, NEW.deductions, NEW.currency)
     IS DISTINCT FROM (OLD.care_professional_id, OLD.period_start, OLD.period_end, OLD.regular_hours, OLD.overtime_hours, OLD.hourly_rate, OLD.overtime_multiplier, OLD.deductions, OLD.currency) THEN
    RAISE EXCEPTION 'the payroll entry is approved: its figures are fixed' USING ERRCODE = 'check_violation', CONSTRAINT = 'payroll_entries_approved', TABLE = 'payroll_entries';
  END IF;
  -- Pay approved or paid is a record: deleted only with its professional (who gives it their very deleted_at).
  IF OLD.status <> 'DRAFT' AND OLD.deleted_at IS NULL AND NEW.deleted_at IS NOT NULL
     AND NOT EXISTS (SELECT 1 FROM care_professionals p WHERE p.tenant_id = NEW.tenant_id AND p.id = NEW.care_professional_id AND p.deleted_at = NEW.deleted_at) THEN
    RAISE EXCEPTION 'the payroll entry is approved: it is kept' USING ERRCODE = 'check_violation', CONSTRAINT = 'payroll_entries_kept', TABLE = 'payroll_entries';
  END IF;
  RETURN NEW;
END $f$;
CREATE TRIGGER payroll_entries_approved_fixed BEFORE UPDATE ON payroll_entries FOR EACH ROW EXECUTE FUNCTION payroll_entry_approved_fixed();`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropTenantTable(queryRunner, 'payroll_entries');
    await queryRunner.query('DROP FUNCTION payroll_entry_approved_fixed()');
  }
}
