import { MigrationInterface, QueryRunner } from 'typeorm';
import { createTenantTable, dropTenantTable, checkOneOf, checkNotBlank } from '../db/tenant-table';


/**
 * The ComplexCare care-delivery entities (seeds 000 and 001): care plans, the medication
 * catalogue and patients' medications, care teams with their members and patients, risk
 * assessments, consents (history kept by the database), note templates and reminders.
 */
export class CareDelivery1764900240000 implements MigrationInterface {
  name = 'CareDelivery1764900240000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createTenantTable(queryRunner, 'care_plans', {
      columns: [
        'patient_id uuid NOT NULL',
        'title varchar(200) NOT NULL',
        'plan_type varchar(100)',
        'description text',
        "status varchar(16) NOT NULL DEFAULT 'DRAFT'",
        'start_date date NOT NULL',
        'end_date date',
        'review_date date',
        "details jsonb NOT NULL DEFAULT '{}'",
      ],
      references: { patient_id: 'patients' },
      checks: {
        title: checkNotBlank('title'),
        status: checkOneOf('status', ['DRAFT', 'ACTIVE', 'UNDER_REVIEW', 'COMPLETED', 'CANCELLED']),
        end_date: 'end_date IS NULL OR end_date > start_date',
        details: "jsonb_typeof(details) = 'object'",
      },
      indexes: [{ columns: ['patient_id', 'start_date', 'id'] }, { columns: ['review_date', 'id'], live: true }],
      writable: true,
    });

    await createTenantTable(queryRunner, 'medications', {
      columns: ['name varchar(200) NOT NULL', 'generic_name varchar(200)', 'form varchar(100)', 'strength varchar(100)', 'manufacturer varchar(200)'],
      checks: { name: checkNotBlank('name') },
      indexes: [{ columns: ['lower(name)', 'id'], live: true }],
      writable: true,
    });

    await createTenantTable(queryRunner, 'patient_medications', {
      columns: [
        'patient_id uuid NOT NULL',
        'medication_id uuid NOT NULL',
        'prescriber_id uuid',
        'dosage varchar(100) NOT NULL',
        'frequency varchar(100) NOT NULL',
        'route varchar(50)',
        'start_date date NOT NULL',
        'end_date date',
        "status varchar(16) NOT NULL DEFAULT 'ACTIVE'",
        'notes text',
      ],
      references: { patient_id: 'patients', medication_id: 'medications', prescriber_id: 'care_professionals' },
      checks: {
        dosage: checkNotBlank('dosage'),
        frequency: checkNotBlank('frequency'),
        status: checkOneOf('status', ['ACTIVE', 'PAUSED', 'STOPPED', 'COMPLETED']),
        end_date: 'end_date IS NULL OR end_date > start_date',
      },
      indexes: [{ columns: ['patient_id', 'start_date', 'id'] }],
      writable: true,
    });

    await createTenantTable(queryRunner, 'care_teams', {
      columns: ['name varchar(200) NOT NULL', 'description text', 'lead_id uuid', 'active boolean NOT NULL DEFAULT true'],
      references: { lead_id: 'care_professionals' },
      checks: { name: checkNotBlank('name') },
      indexes: [{ columns: ['lower(name)'], unique: true, live: true }],
      writable: true,
    });

    await createTenantTable(queryRunner, 'care_team_members', {
      columns: ['care_team_id uuid NOT NULL', 'care_professional_id uuid NOT NULL', 'role varchar(100)', 'joined_at timestamptz NOT NULL DEFAULT now()', 'left_at timestamptz'],
      references: { care_team_id: 'care_teams', care_professional_id: 'care_professionals' },
      checks: { left_at: 'left_at IS NULL OR left_at > joined_at' },
      indexes: [{ columns: ['care_team_id', 'joined_at', 'id'] }],
      writable: true,
    });

    await createTenantTable(queryRunner, 'patient_care_teams', {
      columns: [
        'patient_id uuid NOT NULL',
        'care_team_id uuid NOT NULL',
        'assigned_date date NOT NULL',
        'unassigned_date date',
        'is_primary boolean NOT NULL DEFAULT false',
        'notes text',
      ],
      references: { patient_id: 'patients', care_team_id: 'care_teams' },
      checks: { unassigned_date: 'unassigned_date IS NULL OR unassigned_date > assigned_date' },
      indexes: [
        { columns: ['patient_id', 'assigned_date', 'id'] },
        // At most one primary team per patient at a time: the current, live, primary assignment.
        { name: 'patient_care_teams_one_primary_key', columns: ['patient_id'], unique: true, live: true, where: 'is_primary AND unassigned_date IS NULL' },
      ],
      writable: true,
    });

    await createTenantTable(queryRunner, 'risk_assessments', {
      columns: [
        'patient_id uuid',
        'title varchar(200) NOT NULL',
        'description text NOT NULL',
        'level varchar(16) NOT NULL',
        'mitigation text',
        'conducted_by_id uuid',
        'assessment_date date NOT NULL',
        'next_review_date date',
      ],
      references: { patient_id: 'patients', conducted_by_id: 'memberships' },
      checks: {
        title: checkNotBlank('title'),
        description: checkNotBlank('description'),
        level: checkOneOf('level', ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL']),
        next_review_date: 'next_review_date IS NULL OR next_review_date > assessment_date',
      },
      indexes: [{ columns: ['assessment_date', 'id'], live: true }],
      writable: true,
    });

    await createTenantTable(queryRunner, 'patient_consents', {
      columns: [
        'patient_id uuid NOT NULL',
        'consent_type varchar(100) NOT NULL',
        'granted boolean NOT NULL',
        'granted_at timestamptz NOT NULL DEFAULT now()',
        'revoked_at timestamptz',
        'source_ip varchar(45)',
      ],
      references: { patient_id: 'patients' },
      checks: { consent_type: checkNotBlank('consent_type'), revoked_at: 'revoked_at IS NULL OR revoked_at > granted_at' },
      indexes: [{ columns: ['patient_id', 'granted_at', 'id'] }],
      writable: true,
    });
    // History is kept: a recorded decision never changes; a revocation is set once and stays.
    await queryRunner.query(`
CREATE FUNCTION keep_consent_history() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  IF (NEW.patient_id, NEW.consent_type, NEW.granted, NEW.granted_at, NEW.source_ip)
     IS DISTINCT FROM (OLD.patient_id, OLD.consent_type, OLD.granted, OLD.granted_at, OLD.source_ip)
     OR (OLD.revoked_at IS NOT NULL AND NEW.revoked_at IS DISTINCT FROM OLD.revoked_at) THEN
    RAISE EXCEPTION 'a consent decision is never changed; record a new one' USING ERRCODE = 'check_violation', TABLE = TG_TABLE_NAME, CONSTRAINT = 'patient_consents_revoked_at_check';
  END IF;
  RETURN NEW;
END $f$;
CREATE TRIGGER patient_consents_keep_history BEFORE UPDATE ON patient_consents FOR EACH ROW EXECUTE FUNCTION keep_consent_history();`);

    await createTenantTable(queryRunner, 'clinical_note_templates', {
      columns: ['name varchar(200) NOT NULL', 'category_id uuid', 'body text NOT NULL'],
      references: { category_id: 'clinical_note_categories' },
      checks: { name: checkNotBlank('name'), body: 'length(btrim(body)) BETWEEN 1 AND 20000' },
      indexes: [{ columns: ['lower(name)'], unique: true, live: true }],
      writable: true,
    });
    await queryRunner.query(`
ALTER TABLE clinical_notes ADD COLUMN template_id uuid,
  ADD CONSTRAINT clinical_notes_tenant_id_template_id_fkey FOREIGN KEY (tenant_id, template_id) REFERENCES clinical_note_templates (tenant_id, id);
CREATE INDEX clinical_notes_tenant_template_id_idx ON clinical_notes (tenant_id, template_id);`);

    await createTenantTable(queryRunner, 'reminders', {
      columns: [
        'member_id uuid NOT NULL',
        'remind_at timestamptz NOT NULL',
        "status varchar(16) NOT NULL DEFAULT 'PENDING'",
        'note varchar(500)',
        'task_id uuid',
        'appointment_id uuid',
        'patient_id uuid',
      ],
      references: { member_id: { table: 'memberships', live: true }, task_id: 'tasks', appointment_id: 'appointments', patient_id: 'patients' },
      checks: {
        status: checkOneOf('status', ['PENDING', 'SENT', 'DISMISSED']),
        // About exactly one subject (the API names taskId when this is broken).
        task_id: 'num_nonnulls(task_id, appointment_id, patient_id) = 1',
      },
      indexes: [{ columns: ['remind_at', 'id'], live: true }, { columns: ['member_id', 'remind_at', 'id'], live: true }],
      writable: true,
    });
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropTenantTable(queryRunner, 'reminders');
    await queryRunner.query('ALTER TABLE clinical_notes DROP COLUMN template_id');
    await dropTenantTable(queryRunner, 'clinical_note_templates');
    await queryRunner.query('DROP TRIGGER patient_consents_keep_history ON patient_consents; DROP FUNCTION keep_consent_history()');
    for (const table of ['patient_consents', 'risk_assessments', 'patient_care_teams', 'care_team_members', 'care_teams', 'patient_medications', 'medications', 'care_plans']) {
      await dropTenantTable(queryRunner, table);
    }
  }
}
