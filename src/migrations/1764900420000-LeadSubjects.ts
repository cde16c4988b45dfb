import { MigrationInterface, QueryRunner } from 'typeorm';
import { inEveryTenant } from '../db/tenant-table';

/**
 * HealthCRM: a task may be about a lead instead of a patient (at most one of the two), and an
 * appointment is with exactly one of a patient or a lead. The foreign keys include tenant_id,
 * like every other, and are indexed in full (restoring a lead restores its deleted rows too).
 */
export class LeadSubjects1764900420000 implements MigrationInterface {
  name = 'LeadSubjects1764900420000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
ALTER TABLE tasks ADD COLUMN lead_id uuid,
  ADD CONSTRAINT tasks_tenant_id_lead_id_fkey FOREIGN KEY (tenant_id, lead_id) REFERENCES leads (tenant_id, id),
  ADD CONSTRAINT tasks_lead_id_check CHECK (num_nonnulls(patient_id, lead_id) <= 1);
CREATE INDEX tasks_tenant_lead_id_idx ON tasks (tenant_id, lead_id);

ALTER TABLE appointments ALTER COLUMN patient_id DROP NOT NULL,
  ADD COLUMN lead_id uuid,
  ADD CONSTRAINT appointments_tenant_id_lead_id_fkey FOREIGN KEY (tenant_id, lead_id) REFERENCES leads (tenant_id, id),
  ADD CONSTRAINT appointments_patient_id_check CHECK (num_nonnulls(patient_id, lead_id) = 1);
CREATE INDEX appointments_tenant_lead_id_idx ON appointments (tenant_id, lead_id);`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Appointments with leads (and reminders of them) have no place in the older schema: they are
    // deleted (audited); tasks keep their row without the lead.
    await inEveryTenant(
      queryRunner,
      `DELETE FROM reminders WHERE appointment_id IN (SELECT id FROM appointments WHERE lead_id IS NOT NULL);
       DELETE FROM appointments WHERE lead_id IS NOT NULL`,
    );
    await queryRunner.query(`
ALTER TABLE appointments DROP COLUMN lead_id, DROP CONSTRAINT IF EXISTS appointments_patient_id_check;
ALTER TABLE appointments ALTER COLUMN patient_id SET NOT NULL;
ALTER TABLE tasks DROP COLUMN lead_id;`);
  }
}
