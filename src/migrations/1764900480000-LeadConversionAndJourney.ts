import { MigrationInterface, QueryRunner } from 'typeorm';
import { createTenantTable, dropTenantTable, checkOneOf } from '../db/tenant-table';

const JOURNEY_STAGES = [
  'INTAKE',
  'INITIAL_LABS',
  'INITIAL_LAB_REVIEW',
  'INITIAL_PROVIDER_EXAM',
  'INITIAL_MEDICATION_ORDER',
  'FIRST_FOLLOW_UP_LABS',
  'FIRST_FOLLOW_UP_LAB_REVIEW',
  'FIRST_FOLLOW_UP_PROVIDER_EXAM',
  'FIRST_MEDICATION_REFILL',
  'SECOND_FOLLOW_UP_LABS',
  'SECOND_FOLLOW_UP_LAB_REVIEW',
  'SECOND_FOLLOW_UP_PROVIDER_EXAM',
  'SECOND_MEDICATION_REFILL',
  'THIRD_MEDICATION_REFILL',
  'RESTART_ANNUAL_PROCESS',
];

/**
 * HealthCRM: lead conversion and the patient journey. A patient may come from one lead (a
 * unique key: however many conversions race, one patient per lead), has a journey stage and a
 * health coach; every stage change is kept in journey_stage_changes.
 */
export class LeadConversionAndJourney1764900480000 implements MigrationInterface {
  name = 'LeadConversionAndJourney1764900480000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
ALTER TABLE leads ADD COLUMN converted_at timestamptz;
ALTER TABLE patients ADD COLUMN journey_stage varchar(40),
  ADD COLUMN health_coach_id uuid,
  ADD COLUMN lead_id uuid,
  ADD CONSTRAINT patients_journey_stage_check CHECK (journey_stage IS NULL OR ${checkOneOf('journey_stage', JOURNEY_STAGES)}),
  ADD CONSTRAINT patients_tenant_id_health_coach_id_fkey FOREIGN KEY (tenant_id, health_coach_id) REFERENCES memberships (tenant_id, id),
  ADD CONSTRAINT patients_tenant_id_lead_id_fkey FOREIGN KEY (tenant_id, lead_id) REFERENCES leads (tenant_id, id);
CREATE UNIQUE INDEX patients_tenant_lead_id_key ON patients (tenant_id, lead_id);
CREATE INDEX patients_tenant_health_coach_id_idx ON patients (tenant_id, health_coach_id) WHERE deleted_at IS NULL;`);

    await createTenantTable(queryRunner, 'journey_stage_changes', {
      columns: ['patient_id uuid NOT NULL', 'from_stage varchar(40)', 'to_stage varchar(40) NOT NULL', 'changed_at timestamptz NOT NULL DEFAULT clock_timestamp()', 'changed_by_id uuid NOT NULL'],
      references: { patient_id: 'patients', changed_by_id: { table: 'memberships', live: true } },
      checks: {
        from_stage: `from_stage IS NULL OR ${checkOneOf('from_stage', JOURNEY_STAGES)}`,
        to_stage: checkOneOf('to_stage', JOURNEY_STAGES),
      },
      // clock_timestamp(), not now(): two moves in one transaction keep their order.
      indexes: [{ columns: ['patient_id', 'changed_at', 'id'] }, { columns: ['changed_at', 'id'], live: true }],
      writable: true,
    });
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropTenantTable(queryRunner, 'journey_stage_changes');
    await queryRunner.query(`
ALTER TABLE patients DROP COLUMN journey_stage, DROP COLUMN health_coach_id, DROP COLUMN lead_id;
ALTER TABLE leads DROP COLUMN converted_at;`);
  }
}
