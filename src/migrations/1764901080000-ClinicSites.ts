import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Clinics (seed 004's clinics): a site carries its tax id, currency and language besides the
 * licence number and time zone it has; a patient their primary care physician, a care
 * professional of the tenant (a composite foreign key) who is a DOCTOR (checked by the API with
 * the reference, under its lock). Checks are named after their columns: the API names the field.
 */
export class ClinicSites1764901080000 implements MigrationInterface {
  name = 'ClinicSites1764901080000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
ALTER TABLE sites
  ADD COLUMN tax_id varchar(32),
  ADD CONSTRAINT sites_tax_id_check CHECK (tax_id ~ '^[A-Za-z0-9][A-Za-z0-9 ./-]{1,31}$'),
  ADD COLUMN currency char(3),
  ADD CONSTRAINT sites_currency_check CHECK (currency ~ '^[A-Z]{3}$'),
  ADD COLUMN language varchar(16),
  ADD CONSTRAINT sites_language_check CHECK (language ~ '^[a-z]{2,3}(-[A-Z]{2})?$');
ALTER TABLE patients
  ADD COLUMN primary_physician_id uuid,
  ADD CONSTRAINT patients_tenant_id_primary_physician_id_fkey FOREIGN KEY (tenant_id, primary_physician_id) REFERENCES care_professionals (tenant_id, id);
CREATE INDEX patients_tenant_id_primary_physician_id_idx ON patients (tenant_id, primary_physician_id);`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
DROP INDEX patients_tenant_id_primary_physician_id_idx;
ALTER TABLE patients DROP COLUMN primary_physician_id;
ALTER TABLE sites DROP COLUMN tax_id, DROP COLUMN currency, DROP COLUMN language;`);
  }
}
