import { MigrationInterface, QueryRunner } from 'typeorm';
import { checkNotBlank, checkOneOf, createTenantTable, dropTenantTable } from '../db/tenant-table';
import { APP_DB_ROLE } from '../db/roles';

const RECORD_TYPES = ['CONSULTATION', 'DIAGNOSIS', 'PROCEDURE', 'HISTORY', 'IMMUNISATION', 'ALLERGY', 'IMAGING', 'OTHER'];

/**
 * Medical records (seed 004's medical_records): a patient's record by a care professional, its
 * content sealed (encrypted at rest), with a confidentiality level. A RESTRICTED or
 * HIGHLY_RESTRICTED record is readable only by its author, the members of the patient's current
 * care teams and the tenant's admins; to anyone else it does not exist.
 *
 * The API filters such rows out of every read (the resource's row scope), and the database holds
 * the same rule on its own: a restrictive row-level security policy for the request role, with
 * the rule written once in `medical_record_visible`, which both use. Deleting or restoring a
 * patient whose records the caller cannot all see is refused (the cascade would miss them).
 */
export class MedicalRecords1764901260000 implements MigrationInterface {
  name = 'MedicalRecords1764901260000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createTenantTable(queryRunner, 'medical_records', {
      columns: [
        'patient_id uuid NOT NULL',
        'author_id uuid NOT NULL',
        'appointment_id uuid',
        'record_type varchar(20) NOT NULL',
        'title varchar(200) NOT NULL',
        'content text NOT NULL',
        "confidentiality varchar(20) NOT NULL DEFAULT 'NORMAL'",
        'recorded_at timestamptz NOT NULL DEFAULT now()',
      ],
      references: { patient_id: 'patients', author_id: 'care_professionals', appointment_id: 'appointments' },
      checks: {
        record_type: checkOneOf('record_type', RECORD_TYPES),
        title: checkNotBlank('title'),
        // Sealed by the API (src/crypto/data-keys.ts): no path stores plaintext here.
        content: "content LIKE 'cg1:%'",
        confidentiality: checkOneOf('confidentiality', ['NORMAL', 'RESTRICTED', 'HIGHLY_RESTRICTED']),
      },
      indexes: [{ columns: ['patient_id', 'recorded_at', 'id'] }, { columns: ['author_id', 'recorded_at', 'id'], live: true }, { columns: ['recorded_at', 'id'], live: true }],
      writable: true,
    });
    await queryRunner.query(`
-- A record's appointment is one of its patient's.
ALTER TABLE medical_records ADD CONSTRAINT medical_records_appointment_fkey FOREIGN KEY (tenant_id, appointment_id, patient_id) REFERENCES appointments (tenant_id, id, patient_id);

-- Who may see a record: anyone who reads records, for a NORMAL one; else its author, a member of
-- one of the patient's current care teams (an active team, the assignment and the membership
-- current), or an admin. The caller is the request's user (app.user_id, checked against the
-- membership by app_begin_request). Plain SQL, so the planner inlines it.
CREATE FUNCTION medical_record_visible(p_tenant uuid, p_patient uuid, p_author uuid, p_confidentiality text) RETURNS boolean
  LANGUAGE sql STABLE AS $f$
SELECT p_confidentiality = 'NORMAL'
    OR EXISTS (SELECT 1 FROM memberships m
                WHERE m.tenant_id = p_tenant AND m.user_id = nullif(current_setting('app.user_id', true), '')::uuid AND m.role = 'ADMIN' AND m.deleted_at IS NULL)
    OR EXISTS (SELECT 1 FROM care_professionals me
                WHERE me.tenant_id = p_tenant AND me.user_id = nullif(current_setting('app.user_id', true), '')::uuid AND me.deleted_at IS NULL
                  AND (me.id = p_author OR EXISTS (
                        SELECT 1 FROM care_team_members ctm
                          JOIN care_teams ct ON ct.tenant_id = ctm.tenant_id AND ct.id = ctm.care_team_id AND ct.active AND ct.deleted_at IS NULL
                          JOIN patient_care_teams pct ON pct.tenant_id = ctm.tenant_id AND pct.care_team_id = ctm.care_team_id
                         WHERE ctm.tenant_id = p_tenant AND ctm.care_professional_id = me.id AND ctm.deleted_at IS NULL
                           AND ctm.joined_at <= now() AND (ctm.left_at IS NULL OR ctm.left_at > now())
                           AND pct.patient_id = p_patient AND pct.deleted_at IS NULL
                           AND pct.assigned_date <= current_date AND (pct.unassigned_date IS NULL OR pct.unassigned_date > current_date))))
$f$;
GRANT EXECUTE ON FUNCTION medical_record_visible(uuid, uuid, uuid, text) TO ${APP_DB_ROLE};

-- The database's own guard: the request role reads, updates and soft-deletes only the records
-- the rule allows, and writes none it could not then see (USING and WITH CHECK, every command).
CREATE POLICY medical_records_confidentiality ON medical_records AS RESTRICTIVE TO ${APP_DB_ROLE}
  USING (medical_record_visible(tenant_id, patient_id, author_id, confidentiality));

-- A patient's deletion (or restore) takes their records with it: refused when some of them are
-- hidden from the caller, whom the cascade would pass over. Operators (no request user) are not checked.
CREATE FUNCTION patient_records_all_visible() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $f$
BEGIN
  IF nullif(current_setting('app.user_id', true), '') IS NULL THEN RETURN NEW; END IF;
  IF EXISTS (SELECT 1 FROM medical_records r
              WHERE r.tenant_id = NEW.tenant_id AND r.patient_id = NEW.id AND r.deleted_at IS NOT DISTINCT FROM OLD.deleted_at
                AND NOT medical_record_visible(r.tenant_id, r.patient_id, r.author_id, r.confidentiality)) THEN
    RAISE EXCEPTION 'the patient has restricted records the caller cannot see' USING ERRCODE = 'check_violation', CONSTRAINT = 'patients_restricted_records', TABLE = 'patients';
  END IF;
  RETURN NEW;
END $f$;
REVOKE ALL ON FUNCTION patient_records_all_visible() FROM PUBLIC;
CREATE TRIGGER patients_restricted_records BEFORE UPDATE OF deleted_at ON patients FOR EACH ROW
  WHEN (OLD.deleted_at IS DISTINCT FROM NEW.deleted_at) EXECUTE FUNCTION patient_records_all_visible();`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER patients_restricted_records ON patients; DROP FUNCTION patient_records_all_visible();`);
    await dropTenantTable(queryRunner, 'medical_records');
    await queryRunner.query(`DROP FUNCTION medical_record_visible(uuid, uuid, uuid, text);`);
  }
}
