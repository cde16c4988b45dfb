import { MigrationInterface, QueryRunner } from 'typeorm';
import { checkNotBlank, checkOneOf, createTenantTable, dropTenantTable } from '../db/tenant-table';

/**
 * Prescriptions (seed 004's prescriptions): a prescriber (a care professional allowed to
 * prescribe: `care_professionals.can_prescribe`, true for the doctors there are), a medication of
 * the catalogue, dosage, frequency, duration, route, instructions and refills. Refills used never
 * pass those allowed (a CHECK: it holds under concurrent refills too, which also lock the row).
 */
export class Prescriptions1764901140000 implements MigrationInterface {
  name = 'Prescriptions1764901140000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
ALTER TABLE care_professionals ADD COLUMN can_prescribe boolean NOT NULL DEFAULT false;
UPDATE care_professionals SET can_prescribe = true WHERE profession = 'DOCTOR';`);
    await createTenantTable(queryRunner, 'prescriptions', {
      columns: [
        'patient_id uuid NOT NULL',
        'prescriber_id uuid NOT NULL',
        'medication_id uuid NOT NULL',
        'dosage varchar(100) NOT NULL',
        'frequency varchar(100) NOT NULL',
        'duration_days integer',
        'route varchar(50)',
        'instructions text',
        'refills_allowed integer NOT NULL DEFAULT 0',
        'refills_used integer NOT NULL DEFAULT 0',
        'last_refilled_at timestamptz',
        "status varchar(16) NOT NULL DEFAULT 'ACTIVE'",
        'prescribed_on date NOT NULL DEFAULT current_date',
      ],
      references: { patient_id: 'patients', prescriber_id: 'care_professionals', medication_id: 'medications' },
      checks: {
        dosage: checkNotBlank('dosage'),
        frequency: checkNotBlank('frequency'),
        duration_days: 'duration_days BETWEEN 1 AND 3650',
        refills_allowed: 'refills_allowed BETWEEN 0 AND 24',
        refills_used: 'refills_used >= 0 AND refills_used <= refills_allowed',
        status: checkOneOf('status', ['ACTIVE', 'COMPLETED', 'CANCELLED']),
      },
      indexes: [{ columns: ['patient_id', 'prescribed_on', 'id'] }, { columns: ['status', 'prescribed_on', 'id'], live: true }],
      writable: true,
    });
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropTenantTable(queryRunner, 'prescriptions');
    await queryRunner.query(`ALTER TABLE care_professionals DROP COLUMN can_prescribe;`);
  }
}
