import { MigrationInterface, QueryRunner } from 'typeorm';
import { checkNotBlank, checkOneOf, createTenantTable, dropTenantTable } from '../db/tenant-table';
import { FIXED_AND_KEPT } from '../db/row-rules';
import { APP_DB_ROLE } from '../db/roles';

const CATEGORIES = ['CLINICAL', 'LAB_RESULT', 'IMAGING', 'REFERRAL', 'CONSENT', 'CORRESPONDENCE', 'INSURANCE', 'IDENTITY', 'POLICY', 'OTHER'];
const ACCESS_LEVELS = ['STANDARD', 'CARE_TEAM', 'PRIVATE'];
/** The caller of the request (app_begin_request checked it against the membership). */
const CALLER = "nullif(current_setting('app.user_id', true), '')::uuid";

/**
 * Documents (seeds 001 and 004's documents, 000's clinical_note_attachments): a file's metadata
 * (name, category, tags, access level, optionally a patient and one of the patient's clinical
 * notes, which makes it an attachment of that note) and its versions. Each upload is a version,
 * numbered by the database under the document's lock; versions are never changed or deleted on
 * their own, so uploading a new one keeps the old ones. The document shows its current version's
 * type, size and checksum, copied by the database.
 *
 * The bytes are not in PostgreSQL: a version names them by their SHA-256 in the file store
 * (src/storage/file-store.ts), which checks that checksum on every read.
 *
 * Access level: STANDARD documents are read by every role that reads documents; CARE_TEAM ones
 * only by their uploader, the members of the patient's current care teams and admins; PRIVATE
 * ones by their uploader and admins. To anyone else such a document, and its versions, do not
 * exist. As for medical records, the rule is written once in SQL (`document_visible`), applied by
 * the API's row scope and by a restrictive policy of the database; deleting or restoring a
 * patient or a note with attachments the caller cannot see is refused (the cascade would miss them).
 */
export class Documents1764901500000 implements MigrationInterface {
  name = 'Documents1764901500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
-- Target of documents' (tenant, note, patient) key: an attachment's patient is its note's.
ALTER TABLE clinical_notes ADD CONSTRAINT clinical_notes_tenant_id_id_patient_id_key UNIQUE (tenant_id, id, patient_id);

-- Tags: at most 20, each 1 to 50 characters without surrounding blanks.
CREATE FUNCTION document_tags_valid(p_tags text[]) RETURNS boolean LANGUAGE sql IMMUTABLE AS $f$
SELECT cardinality(p_tags) <= 20 AND coalesce((SELECT bool_and(t IS NOT NULL AND length(t) BETWEEN 1 AND 50 AND t = btrim(t)) FROM unnest(p_tags) t), true)
$f$;`);
    await createTenantTable(queryRunner, 'documents', {
      columns: [
        'patient_id uuid',
        'clinical_note_id uuid',
        'uploader_id uuid NOT NULL',
        'name varchar(255) NOT NULL',
        "category varchar(20) NOT NULL DEFAULT 'OTHER'",
        "tags text[] NOT NULL DEFAULT '{}'",
        "access_level varchar(16) NOT NULL DEFAULT 'STANDARD'",
        // The current version's, copied by document_versions_number (never written by the API).
        'current_number integer NOT NULL DEFAULT 0',
        'content_type varchar(100)',
        'size_bytes integer',
        'sha256 char(64)',
      ],
      references: { patient_id: 'patients', clinical_note_id: 'clinical_notes', uploader_id: 'memberships' },
      checks: {
        name: checkNotBlank('name'),
        category: checkOneOf('category', CATEGORIES),
        tags: 'document_tags_valid(tags)',
        access_level: checkOneOf('access_level', ACCESS_LEVELS),
        clinical_note_id: 'clinical_note_id IS NULL OR patient_id IS NOT NULL',
        care_team: "access_level <> 'CARE_TEAM' OR patient_id IS NOT NULL",
        // An attachment is read with its note, by whoever reads the note: no level of its own.
        attachment_standard: "clinical_note_id IS NULL OR access_level = 'STANDARD'",
      },
      indexes: [{ columns: ['patient_id', 'created_at', 'id'] }, { columns: ['clinical_note_id', 'created_at', 'id'] }, { columns: ['created_at', 'id'], live: true }],
      writable: true,
    });
    await createTenantTable(queryRunner, 'document_versions', {
      columns: [
        'document_id uuid NOT NULL',
        'patient_id uuid',
        'uploader_id uuid NOT NULL',
        'number integer NOT NULL',
        'file_name varchar(255) NOT NULL',
        'content_type varchar(100) NOT NULL',
        'size_bytes integer NOT NULL',
        'sha256 char(64) NOT NULL',
        'comment varchar(2000)',
      ],
      references: { document_id: 'documents', patient_id: 'patients', uploader_id: 'memberships' },
      checks: {
        file_name: checkNotBlank('file_name'),
        content_type: "content_type ~ '^[a-z]+/[a-z0-9][a-z0-9.+-]*$'",
        size_bytes: 'size_bytes > 0',
        sha256: "sha256 ~ '^[0-9a-f]{64}$'",
        comment: checkNotBlank('comment'),
      },
      indexes: [{ columns: ['document_id', 'number'], unique: true }],
      writable: true,
    });
    await queryRunner.query(`
ALTER TABLE documents ADD CONSTRAINT documents_note_fkey FOREIGN KEY (tenant_id, clinical_note_id, patient_id) REFERENCES clinical_notes (tenant_id, id, patient_id);
-- A document's patient, note and uploader never change (its versions and access were decided
-- for them); its current version's figures are written only by document_versions_number; and a
-- request's caller creates documents and versions as themselves. The owner (no caller) loads demo data.
CREATE FUNCTION caller_is_member(p_tenant uuid, p_member uuid) RETURNS boolean LANGUAGE sql STABLE AS $f$
SELECT ${CALLER} IS NULL OR EXISTS (SELECT 1 FROM memberships m WHERE m.tenant_id = p_tenant AND m.id = p_member AND m.user_id = ${CALLER})
$f$;
CREATE FUNCTION document_fixed() RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_temp AS $f$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NEW.current_number <> 0 OR NEW.content_type IS NOT NULL OR NEW.size_bytes IS NOT NULL OR NEW.sha256 IS NOT NULL THEN
      RAISE EXCEPTION 'documents: the current version is the database''s' USING ERRCODE = 'check_violation', CONSTRAINT = 'documents_fixed', TABLE = 'documents';
    END IF;
    IF NOT caller_is_member(NEW.tenant_id, NEW.uploader_id) THEN
      RAISE EXCEPTION 'documents: the uploader is the caller' USING ERRCODE = 'check_violation', CONSTRAINT = 'documents_uploader', TABLE = 'documents';
    END IF;
    RETURN NEW;
  END IF;
  -- The current version's figures change only by document_versions_number, which runs as the
  -- owner (SECURITY DEFINER): never by the request role, however it nests its statements.
  IF (NEW.patient_id, NEW.clinical_note_id, NEW.uploader_id) IS DISTINCT FROM (OLD.patient_id, OLD.clinical_note_id, OLD.uploader_id)
     OR (current_user = '${APP_DB_ROLE}' AND (NEW.current_number, NEW.content_type, NEW.size_bytes, NEW.sha256) IS DISTINCT FROM (OLD.current_number, OLD.content_type, OLD.size_bytes, OLD.sha256)) THEN
    RAISE EXCEPTION 'documents: patient, note, uploader and current version are fixed' USING ERRCODE = 'check_violation', CONSTRAINT = 'documents_fixed', TABLE = 'documents';
  END IF;
  -- Who may see it is its uploader's decision, or an admin's (a custom role's with DOCUMENT_CLASSIFY_FOR_OTHERS).
  IF NEW.access_level IS DISTINCT FROM OLD.access_level AND ${CALLER} IS NOT NULL AND NOT EXISTS (
       SELECT 1 FROM memberships m LEFT JOIN custom_roles cr ON cr.tenant_id = m.tenant_id AND cr.id = m.custom_role_id
        WHERE m.tenant_id = NEW.tenant_id AND m.user_id = ${CALLER} AND m.deleted_at IS NULL
          AND (m.id = OLD.uploader_id OR (m.custom_role_id IS NULL AND m.role = 'ADMIN') OR 'DOCUMENT_CLASSIFY_FOR_OTHERS' = ANY (cr.permissions))) THEN
    RAISE EXCEPTION 'documents: only the uploader changes the access level' USING ERRCODE = 'check_violation', CONSTRAINT = 'documents_own_level', TABLE = 'documents';
  END IF;
  RETURN NEW;
END $f$;
CREATE TRIGGER documents_fixed BEFORE INSERT OR UPDATE ON documents FOR EACH ROW EXECUTE FUNCTION document_fixed();

-- A version is numbered after the last under the document's lock (concurrent uploads take
-- turns), takes the document's patient, and becomes its current version; after that it is
-- fixed, and deleted only with its document. As the owner, so that it alone writes the
-- document's current figures (documents_fixed); the request role's policies were applied to the
-- version's own insert (a hidden document's version is refused by document_versions_access_level).
CREATE FUNCTION document_version_number() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $f$
DECLARE document documents%ROWTYPE;
BEGIN
  ${FIXED_AND_KEPT('document_versions', ['id', 'document_id', 'patient_id', 'uploader_id', 'number', 'file_name', 'content_type', 'size_bytes', 'sha256', 'comment'], { table: 'documents', key: 'document_id' })}
  IF NOT caller_is_member(NEW.tenant_id, NEW.uploader_id) THEN
    RAISE EXCEPTION 'document_versions: the uploader is the caller' USING ERRCODE = 'check_violation', CONSTRAINT = 'document_versions_uploader', TABLE = 'document_versions';
  END IF;
  SELECT * INTO document FROM documents d WHERE d.tenant_id = NEW.tenant_id AND d.id = NEW.document_id FOR NO KEY UPDATE;
  IF document.deleted_at IS NOT NULL THEN
    RAISE EXCEPTION 'the document is deleted' USING ERRCODE = 'check_violation', CONSTRAINT = 'document_versions_document_live', TABLE = 'document_versions';
  END IF;
  NEW.number := document.current_number + 1;
  NEW.patient_id := document.patient_id;
  UPDATE documents SET current_number = NEW.number, content_type = NEW.content_type, size_bytes = NEW.size_bytes, sha256 = NEW.sha256
   WHERE tenant_id = NEW.tenant_id AND id = NEW.document_id;
  RETURN NEW;
END $f$;
CREATE TRIGGER document_versions_number BEFORE INSERT OR UPDATE ON document_versions FOR EACH ROW EXECUTE FUNCTION document_version_number();

-- Whether the request's caller is a member of one of the patient's current care teams (an
-- active team, the assignment and the membership current).
CREATE FUNCTION caller_in_care_team(p_tenant uuid, p_patient uuid) RETURNS boolean LANGUAGE sql STABLE AS $f$
SELECT EXISTS (SELECT 1 FROM care_professionals me
                 JOIN care_team_members ctm ON ctm.tenant_id = me.tenant_id AND ctm.care_professional_id = me.id AND ctm.deleted_at IS NULL
                                           AND ctm.joined_at <= now() AND (ctm.left_at IS NULL OR ctm.left_at > now())
                 JOIN care_teams ct ON ct.tenant_id = ctm.tenant_id AND ct.id = ctm.care_team_id AND ct.active AND ct.deleted_at IS NULL
                 JOIN patient_care_teams pct ON pct.tenant_id = ctm.tenant_id AND pct.care_team_id = ctm.care_team_id AND pct.deleted_at IS NULL
                                           AND pct.assigned_date <= current_date AND (pct.unassigned_date IS NULL OR pct.unassigned_date > current_date)
                WHERE me.tenant_id = p_tenant AND me.user_id = ${CALLER} AND me.deleted_at IS NULL AND pct.patient_id = p_patient)
$f$;

-- Who may see a document (see the class comment). Plain SQL, so the planner inlines it.
CREATE FUNCTION document_visible(p_tenant uuid, p_patient uuid, p_uploader uuid, p_access_level text) RETURNS boolean LANGUAGE sql STABLE AS $f$
SELECT p_access_level = 'STANDARD'
    OR EXISTS (SELECT 1 FROM memberships m
                WHERE m.tenant_id = p_tenant AND m.user_id = ${CALLER} AND m.deleted_at IS NULL AND (m.role = 'ADMIN' OR m.id = p_uploader))
    OR (p_access_level = 'CARE_TEAM' AND p_patient IS NOT NULL AND caller_in_care_team(p_tenant, p_patient))
$f$;
GRANT EXECUTE ON FUNCTION caller_in_care_team(uuid, uuid), document_visible(uuid, uuid, uuid, text), caller_is_member(uuid, uuid) TO ${APP_DB_ROLE};

-- The database's own guard (USING and WITH CHECK, every command): a version is seen with its document.
CREATE POLICY documents_access_level ON documents AS RESTRICTIVE TO ${APP_DB_ROLE}
  USING (document_visible(tenant_id, patient_id, uploader_id, access_level));
CREATE POLICY document_versions_access_level ON document_versions AS RESTRICTIVE TO ${APP_DB_ROLE}
  USING (EXISTS (SELECT 1 FROM documents d WHERE d.tenant_id = document_versions.tenant_id AND d.id = document_versions.document_id));

-- Deleting or restoring a patient or a note takes its documents with it: refused when some of
-- them are hidden from the caller, whom the cascade would pass over. Operators are not checked.
CREATE FUNCTION documents_all_visible() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $f$
BEGIN
  IF ${CALLER} IS NULL THEN RETURN NEW; END IF;
  IF EXISTS (SELECT 1 FROM documents d
              WHERE d.tenant_id = NEW.tenant_id AND d.deleted_at IS NOT DISTINCT FROM OLD.deleted_at
                AND (CASE TG_TABLE_NAME WHEN 'patients' THEN d.patient_id ELSE d.clinical_note_id END) = NEW.id
                AND NOT document_visible(d.tenant_id, d.patient_id, d.uploader_id, d.access_level)) THEN
    RAISE EXCEPTION 'documents the caller cannot see go with this row' USING ERRCODE = 'check_violation', CONSTRAINT = TG_TABLE_NAME || '_hidden_documents', TABLE = TG_TABLE_NAME;
  END IF;
  RETURN NEW;
END $f$;
REVOKE ALL ON FUNCTION documents_all_visible() FROM PUBLIC;
REVOKE ALL ON FUNCTION document_version_number() FROM PUBLIC;
CREATE TRIGGER patients_hidden_documents BEFORE UPDATE OF deleted_at ON patients FOR EACH ROW
  WHEN (OLD.deleted_at IS DISTINCT FROM NEW.deleted_at) EXECUTE FUNCTION documents_all_visible();
CREATE TRIGGER clinical_notes_hidden_documents BEFORE UPDATE OF deleted_at ON clinical_notes FOR EACH ROW
  WHEN (OLD.deleted_at IS DISTINCT FROM NEW.deleted_at) EXECUTE FUNCTION documents_all_visible();`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
DROP TRIGGER patients_hidden_documents ON patients;
DROP TRIGGER clinical_notes_hidden_documents ON clinical_notes;
DROP FUNCTION documents_all_visible();`);
    await dropTenantTable(queryRunner, 'document_versions');
    await dropTenantTable(queryRunner, 'documents');
    await queryRunner.query(`
DROP FUNCTION document_version_number();
DROP FUNCTION document_fixed();
DROP FUNCTION caller_is_member(uuid, uuid);
DROP FUNCTION document_visible(uuid, uuid, uuid, text);
DROP FUNCTION caller_in_care_team(uuid, uuid);
DROP FUNCTION document_tags_valid(text[]);
ALTER TABLE clinical_notes DROP CONSTRAINT clinical_notes_tenant_id_id_patient_id_key;`);
  }
}
