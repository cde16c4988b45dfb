import { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_DB_ROLE } from '../db/roles';

/**
 * The clinical core: tenants, users, sites, patients, care professionals, appointments and
 * clinical notes, with the guarantees of DESIGN.md §3 built into the database itself:
 * forced row-level security per tenant, composite (tenant_id, id) foreign keys so another
 * tenant's row can never be referenced, trigger-written audit rows, version bumps on every
 * update, and an application role that can neither delete rows nor rewrite the audit log.
 */

/**
 * Tables whose rows belong to one tenant: RLS, audit and version triggers are applied to each.
 * `writable`: the API writes them, so the request role may INSERT and UPDATE (never DELETE).
 * The others it may only read: no code path of the request role changes a membership.
 */
const TENANT_TABLES: Record<string, { writable: boolean }> = {
  memberships: { writable: false },
  sites: { writable: false },
  patients: { writable: true },
  care_professionals: { writable: true },
  appointments: { writable: true },
  clinical_note_categories: { writable: false },
  clinical_notes: { writable: true },
};

/** Columns every tenant-owned table starts with (DESIGN.md §1). */
const TENANT_COLUMNS = `
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid REFERENCES users(id),
  updated_by uuid REFERENCES users(id),
  deleted_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  UNIQUE (tenant_id, id)`;

/** A sanity check only (one @, no spaces, a dot in the domain): the API validates addresses fully. */
const EMAIL_CHECK = (column: string) => `CHECK (${column} ~ '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$')`;

export class Foundation1763769600000 implements MigrationInterface {
  name = 'Foundation1763769600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${APP_DB_ROLE}') THEN
    CREATE ROLE ${APP_DB_ROLE} NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
  END IF;
END $$;

-- The tenant of the current transaction, or NULL. A malformed value raises: fail closed.
CREATE FUNCTION app_current_tenant_id() RETURNS uuid LANGUAGE sql STABLE
  AS $f$ SELECT nullif(current_setting('app.tenant_id', true), '')::uuid $f$;

-- NHS number: 10 digits, the last a modulus-11 check digit over the first nine.
CREATE FUNCTION is_valid_nhs_number(value text) RETURNS boolean LANGUAGE plpgsql IMMUTABLE AS $f$
DECLARE total int := 0; check_digit int;
BEGIN
  IF value !~ '^[0-9]{10}$' THEN RETURN false; END IF;
  FOR i IN 1..9 LOOP total := total + substr(value, i, 1)::int * (11 - i); END LOOP;
  check_digit := 11 - (total % 11);
  IF check_digit = 11 THEN check_digit := 0; END IF;
  RETURN check_digit <> 10 AND check_digit = substr(value, 10, 1)::int;
END $f$;

CREATE TABLE tenants (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  slug varchar(63) NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  name varchar(200) NOT NULL CHECK (length(btrim(name)) > 0),
  kind varchar(32) NOT NULL CHECK (kind IN ('CLINIC', 'CARE_HOME_GROUP', 'CARE_PROVIDER', 'HEALTH_COACHING')),
  plan varchar(32) NOT NULL DEFAULT 'STANDARD' CHECK (plan IN ('TRIAL', 'STANDARD', 'ENTERPRISE')),
  settings jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz,
  version integer NOT NULL DEFAULT 1
);

CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email varchar(254) NOT NULL ${EMAIL_CHECK('email')},
  display_name varchar(200) NOT NULL,
  password_hash varchar(100) NOT NULL,
  -- Demo logins are made only by the demo loader and refused when NODE_ENV=production.
  is_demo boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz,
  version integer NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email)) WHERE deleted_at IS NULL;

CREATE TABLE memberships (${TENANT_COLUMNS},
  user_id uuid NOT NULL REFERENCES users(id),
  role varchar(32) NOT NULL CHECK (role IN ('ADMIN', 'CLINICIAN', 'CARE_WORKER', 'COORDINATOR', 'ANALYST')),
  is_primary boolean NOT NULL DEFAULT false
);
-- Also serves the users policy below (a user is visible to the tenants it is a member of).
CREATE UNIQUE INDEX memberships_tenant_user_key ON memberships (tenant_id, user_id) WHERE deleted_at IS NULL;

CREATE TABLE sites (${TENANT_COLUMNS},
  name varchar(200) NOT NULL CHECK (length(btrim(name)) > 0),
  kind varchar(32) NOT NULL CHECK (kind IN ('CLINIC', 'CARE_HOME')),
  capacity integer CHECK (capacity >= 0),
  address varchar(500),
  phone varchar(32),
  timezone varchar(64) NOT NULL DEFAULT 'Europe/London',
  licence_number varchar(64)
);
CREATE UNIQUE INDEX sites_tenant_name_key ON sites (tenant_id, lower(name)) WHERE deleted_at IS NULL;

CREATE TABLE patients (${TENANT_COLUMNS},
  site_id uuid,
  mrn varchar(20) NOT NULL,
  first_name varchar(100) NOT NULL CHECK (length(btrim(first_name)) > 0),
  last_name varchar(100) NOT NULL CHECK (length(btrim(last_name)) > 0),
  date_of_birth date,
  gender varchar(16) NOT NULL DEFAULT 'UNKNOWN' CHECK (gender IN ('FEMALE', 'MALE', 'OTHER', 'UNKNOWN')),
  nhs_number varchar(10) CONSTRAINT patients_nhs_number_check CHECK (is_valid_nhs_number(nhs_number)),
  email varchar(254) CONSTRAINT patients_email_check ${EMAIL_CHECK('email')},
  phone varchar(32),
  address varchar(500),
  emergency_contact varchar(500),
  status varchar(16) NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'DISCHARGED', 'DECEASED')),
  room_number varchar(20),
  admission_date date,
  discharge_date date,
  CONSTRAINT patients_discharge_after_admission_check CHECK (discharge_date IS NULL OR admission_date IS NULL OR discharge_date >= admission_date),
  FOREIGN KEY (tenant_id, site_id) REFERENCES sites (tenant_id, id)
);
CREATE UNIQUE INDEX patients_tenant_mrn_key ON patients (tenant_id, mrn);
CREATE UNIQUE INDEX patients_tenant_nhs_number_key ON patients (tenant_id, nhs_number) WHERE deleted_at IS NULL AND nhs_number IS NOT NULL;
CREATE INDEX patients_tenant_name_idx ON patients (tenant_id, last_name, first_name, id) WHERE deleted_at IS NULL;
CREATE INDEX patients_tenant_site_idx ON patients (tenant_id, site_id);

-- Per-tenant counters (MRN numbering); written only by the SECURITY DEFINER trigger below.
CREATE TABLE tenant_counters (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  name varchar(32) NOT NULL,
  value bigint NOT NULL,
  PRIMARY KEY (tenant_id, name)
);

CREATE FUNCTION assign_patient_mrn() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $f$
DECLARE next_value bigint;
BEGIN
  IF NEW.mrn IS NULL THEN
    INSERT INTO tenant_counters (tenant_id, name, value) VALUES (NEW.tenant_id, 'mrn', 1)
      ON CONFLICT (tenant_id, name) DO UPDATE SET value = tenant_counters.value + 1
      RETURNING value INTO next_value;
    NEW.mrn := 'MRN' || lpad(next_value::text, 7, '0');
  END IF;
  RETURN NEW;
END $f$;
CREATE TRIGGER patients_assign_mrn BEFORE INSERT ON patients FOR EACH ROW EXECUTE FUNCTION assign_patient_mrn();

CREATE TABLE care_professionals (${TENANT_COLUMNS},
  user_id uuid REFERENCES users(id),
  site_id uuid,
  first_name varchar(100) NOT NULL CHECK (length(btrim(first_name)) > 0),
  last_name varchar(100) NOT NULL CHECK (length(btrim(last_name)) > 0),
  profession varchar(32) NOT NULL CHECK (profession IN ('DOCTOR', 'NURSE', 'CARE_WORKER', 'THERAPIST', 'HEALTH_COACH', 'PHARMACIST', 'OTHER')),
  specialization varchar(200),
  license_number varchar(50),
  phone varchar(32),
  email varchar(254) CONSTRAINT care_professionals_email_check ${EMAIL_CHECK('email')},
  FOREIGN KEY (tenant_id, site_id) REFERENCES sites (tenant_id, id)
);
CREATE UNIQUE INDEX care_professionals_tenant_license_key ON care_professionals (tenant_id, license_number) WHERE deleted_at IS NULL AND license_number IS NOT NULL;
CREATE INDEX care_professionals_tenant_name_idx ON care_professionals (tenant_id, last_name, first_name, id) WHERE deleted_at IS NULL;
CREATE INDEX care_professionals_tenant_user_idx ON care_professionals (tenant_id, user_id) WHERE deleted_at IS NULL;

CREATE TABLE appointments (${TENANT_COLUMNS},
  patient_id uuid NOT NULL,
  care_professional_id uuid NOT NULL,
  site_id uuid,
  title varchar(200) NOT NULL CHECK (length(btrim(title)) > 0),
  start_time timestamptz NOT NULL,
  end_time timestamptz NOT NULL,
  status varchar(16) NOT NULL DEFAULT 'SCHEDULED' CHECK (status IN ('SCHEDULED', 'CONFIRMED', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED', 'NO_SHOW')),
  location varchar(200),
  meeting_link varchar(500),
  reason varchar(2000),
  CONSTRAINT appointments_end_after_start_check CHECK (end_time > start_time),
  FOREIGN KEY (tenant_id, patient_id) REFERENCES patients (tenant_id, id),
  FOREIGN KEY (tenant_id, care_professional_id) REFERENCES care_professionals (tenant_id, id),
  FOREIGN KEY (tenant_id, site_id) REFERENCES sites (tenant_id, id),
  -- Target of clinical_notes' (tenant, appointment, patient) key: a note's appointment is its patient's.
  UNIQUE (tenant_id, id, patient_id)
);
CREATE INDEX appointments_tenant_patient_start_idx ON appointments (tenant_id, patient_id, start_time, id) WHERE deleted_at IS NULL;
CREATE INDEX appointments_tenant_professional_start_idx ON appointments (tenant_id, care_professional_id, start_time) WHERE deleted_at IS NULL;
CREATE INDEX appointments_tenant_start_idx ON appointments (tenant_id, start_time, id) WHERE deleted_at IS NULL;

CREATE TABLE clinical_note_categories (${TENANT_COLUMNS},
  name varchar(100) NOT NULL CHECK (length(btrim(name)) > 0),
  description varchar(500)
);
CREATE UNIQUE INDEX clinical_note_categories_tenant_name_key ON clinical_note_categories (tenant_id, lower(name)) WHERE deleted_at IS NULL;

CREATE TABLE clinical_notes (${TENANT_COLUMNS},
  patient_id uuid NOT NULL,
  appointment_id uuid,
  author_id uuid NOT NULL,
  category_id uuid,
  note_date timestamptz NOT NULL,
  content text NOT NULL CONSTRAINT clinical_notes_content_check CHECK (length(btrim(content)) BETWEEN 1 AND 20000),
  FOREIGN KEY (tenant_id, patient_id) REFERENCES patients (tenant_id, id),
  CONSTRAINT clinical_notes_appointment_fkey FOREIGN KEY (tenant_id, appointment_id, patient_id) REFERENCES appointments (tenant_id, id, patient_id),
  FOREIGN KEY (tenant_id, author_id) REFERENCES care_professionals (tenant_id, id),
  FOREIGN KEY (tenant_id, category_id) REFERENCES clinical_note_categories (tenant_id, id)
);
CREATE INDEX clinical_notes_tenant_appointment_date_idx ON clinical_notes (tenant_id, appointment_id, note_date, id) WHERE deleted_at IS NULL;
CREATE INDEX clinical_notes_tenant_patient_date_idx ON clinical_notes (tenant_id, patient_id, note_date, id) WHERE deleted_at IS NULL;
CREATE INDEX clinical_notes_tenant_author_idx ON clinical_notes (tenant_id, author_id);

-- Append-only change log written by triggers (DESIGN.md §3 "Audited").
CREATE TABLE audit_logs (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant_id uuid REFERENCES tenants(id),
  actor_user_id uuid,
  request_id varchar(64),
  action varchar(16) NOT NULL,
  table_name varchar(63) NOT NULL,
  record_id uuid,
  old_values jsonb,
  new_values jsonb,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_logs_tenant_record_idx ON audit_logs (tenant_id, table_name, record_id, created_at);
CREATE INDEX audit_logs_tenant_request_idx ON audit_logs (tenant_id, request_id);

-- Who saw which patients' data, through which operation: one row per request that read any.
CREATE TABLE access_logs (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  actor_user_id uuid NOT NULL,
  request_id varchar(64) NOT NULL,
  operation_name varchar(200),
  patient_ids uuid[] NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX access_logs_tenant_created_idx ON access_logs (tenant_id, created_at);
CREATE INDEX access_logs_patient_ids_idx ON access_logs USING gin (patient_ids);

CREATE FUNCTION audit_row_change() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $f$
DECLARE
  old_row jsonb := CASE WHEN TG_OP IN ('UPDATE', 'DELETE') THEN to_jsonb(OLD) - 'password_hash' END;
  new_row jsonb := CASE WHEN TG_OP IN ('INSERT', 'UPDATE') THEN to_jsonb(NEW) - 'password_hash' END;
  row_data jsonb := coalesce(new_row, old_row);
BEGIN
  INSERT INTO audit_logs (tenant_id, actor_user_id, request_id, action, table_name, record_id, old_values, new_values)
  VALUES (
    CASE WHEN TG_TABLE_NAME = 'tenants' THEN (row_data->>'id')::uuid ELSE (row_data->>'tenant_id')::uuid END,
    nullif(current_setting('app.user_id', true), '')::uuid,
    nullif(current_setting('app.request_id', true), ''),
    CASE
      WHEN TG_OP = 'UPDATE' AND old_row->>'deleted_at' IS NULL AND new_row->>'deleted_at' IS NOT NULL THEN 'SOFT_DELETE'
      WHEN TG_OP = 'UPDATE' AND old_row->>'deleted_at' IS NOT NULL AND new_row->>'deleted_at' IS NULL THEN 'RESTORE'
      ELSE TG_OP
    END,
    TG_TABLE_NAME, (row_data->>'id')::uuid, old_row, new_row);
  RETURN NULL;
END $f$;

CREATE FUNCTION refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN RAISE EXCEPTION 'audit_logs is append-only' USING ERRCODE = 'insufficient_privilege'; END $f$;
CREATE TRIGGER audit_logs_append_only BEFORE UPDATE OR DELETE ON audit_logs FOR EACH ROW EXECUTE FUNCTION refuse_audit_change();

-- Every path that updates a row bumps its version and timestamp, and no path can move it to another tenant.
CREATE FUNCTION stamp_row_update() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  IF to_jsonb(NEW)->>'tenant_id' IS DISTINCT FROM to_jsonb(OLD)->>'tenant_id' THEN
    RAISE EXCEPTION 'tenant_id of % cannot change', TG_TABLE_NAME USING ERRCODE = 'check_violation';
  END IF;
  NEW.created_at := OLD.created_at;
  NEW.updated_at := now();
  NEW.version := OLD.version + 1;
  RETURN NEW;
END $f$;

-- A user is visible inside a tenant only while a member of it.
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
ALTER TABLE users FORCE ROW LEVEL SECURITY;
CREATE POLICY users_member_of_current_tenant ON users USING (EXISTS (
  SELECT 1 FROM memberships m WHERE m.user_id = users.id AND m.tenant_id = app_current_tenant_id() AND m.deleted_at IS NULL));
-- The owner (migrations, demo loader) manages users outside any tenant.
CREATE POLICY users_owner_all ON users TO CURRENT_USER USING (true) WITH CHECK (true);

ALTER TABLE tenants ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenants FORCE ROW LEVEL SECURITY;
CREATE POLICY tenants_current ON tenants USING (id = app_current_tenant_id());
CREATE POLICY tenants_owner_all ON tenants TO CURRENT_USER USING (true) WITH CHECK (true);

-- Login needs a tenant's id before any tenant is set; this reveals nothing but the id of an active slug.
CREATE FUNCTION tenant_id_for_slug(tenant_slug text) RETURNS uuid LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $f$ SELECT id FROM tenants WHERE slug = tenant_slug AND deleted_at IS NULL $f$;
REVOKE ALL ON FUNCTION tenant_id_for_slug(text) FROM PUBLIC;

ALTER TABLE audit_logs ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_logs FORCE ROW LEVEL SECURITY;
CREATE POLICY audit_logs_read_current_tenant ON audit_logs FOR SELECT USING (tenant_id = app_current_tenant_id());
CREATE POLICY audit_logs_append ON audit_logs FOR INSERT WITH CHECK (true);

ALTER TABLE access_logs ENABLE ROW LEVEL SECURITY;
ALTER TABLE access_logs FORCE ROW LEVEL SECURITY;
CREATE POLICY access_logs_current_tenant ON access_logs USING (tenant_id = app_current_tenant_id()) WITH CHECK (tenant_id = app_current_tenant_id());

ALTER TABLE tenant_counters ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenant_counters FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_counters_current ON tenant_counters USING (tenant_id = app_current_tenant_id()) WITH CHECK (tenant_id = app_current_tenant_id());
CREATE POLICY tenant_counters_owner_all ON tenant_counters TO CURRENT_USER USING (true) WITH CHECK (true);

CREATE TRIGGER tenants_stamp_update BEFORE UPDATE ON tenants FOR EACH ROW EXECUTE FUNCTION stamp_row_update();
CREATE TRIGGER tenants_audit AFTER INSERT OR UPDATE OR DELETE ON tenants FOR EACH ROW EXECUTE FUNCTION audit_row_change();
CREATE TRIGGER users_stamp_update BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION stamp_row_update();
CREATE TRIGGER users_audit AFTER INSERT OR UPDATE OR DELETE ON users FOR EACH ROW EXECUTE FUNCTION audit_row_change();

-- Opens a request: sets tenant, user and request id for this transaction only, and returns the
-- caller's current role in the tenant (NULL when the membership or user is gone), so a token
-- outlives neither a revoked membership nor a changed role. One round trip.
CREATE FUNCTION app_begin_request(p_tenant text, p_user text, p_request text) RETURNS text
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $f$
DECLARE member_role text;
BEGIN
  PERFORM set_config('app.tenant_id', p_tenant, true), set_config('app.user_id', p_user, true), set_config('app.request_id', p_request, true);
  IF p_tenant = '' OR p_user = '' THEN RETURN NULL; END IF;
  SELECT m.role INTO member_role FROM memberships m JOIN users u ON u.id = m.user_id
   WHERE m.tenant_id = p_tenant::uuid AND m.user_id = p_user::uuid AND m.deleted_at IS NULL AND u.deleted_at IS NULL;
  RETURN member_role;
END $f$;

-- Login: the password hash of one member of one tenant, by email. The request role cannot read
-- users.password_hash otherwise (column privileges below).
CREATE FUNCTION login_candidate(p_tenant uuid, p_email text)
  RETURNS TABLE (id uuid, email text, display_name text, is_demo boolean, password_hash text, role text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $f$
  SELECT u.id, u.email, u.display_name, u.is_demo, u.password_hash, m.role
    FROM users u JOIN memberships m ON m.user_id = u.id AND m.tenant_id = p_tenant AND m.deleted_at IS NULL
   WHERE lower(u.email) = lower(p_email) AND u.deleted_at IS NULL
$f$;

REVOKE ALL ON FUNCTION app_begin_request(text, text, text), login_candidate(uuid, text) FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO ${APP_DB_ROLE};
GRANT SELECT ON tenants, audit_logs TO ${APP_DB_ROLE};
GRANT SELECT (id, email, display_name, is_demo, created_at, updated_at, deleted_at, version) ON users TO ${APP_DB_ROLE};
GRANT SELECT, INSERT ON access_logs TO ${APP_DB_ROLE};
GRANT EXECUTE ON FUNCTION tenant_id_for_slug(text), app_begin_request(text, text, text), login_candidate(uuid, text) TO ${APP_DB_ROLE};
`);

    for (const [table, { writable }] of Object.entries(TENANT_TABLES)) {
      await queryRunner.query(`
ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY;
ALTER TABLE ${table} FORCE ROW LEVEL SECURITY;
CREATE POLICY ${table}_tenant_isolation ON ${table}
  USING (tenant_id = app_current_tenant_id()) WITH CHECK (tenant_id = app_current_tenant_id());
CREATE TRIGGER ${table}_stamp_update BEFORE UPDATE ON ${table} FOR EACH ROW EXECUTE FUNCTION stamp_row_update();
CREATE TRIGGER ${table}_audit AFTER INSERT OR UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION audit_row_change();
-- No DELETE: deletes are soft. Hard erasure is a separate, privileged operation.
GRANT ${writable ? 'SELECT, INSERT, UPDATE' : 'SELECT'} ON ${table} TO ${APP_DB_ROLE};`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
DROP TABLE IF EXISTS access_logs, audit_logs, clinical_notes, clinical_note_categories, appointments,
  care_professionals, tenant_counters, patients, sites, memberships, users, tenants CASCADE;
DROP FUNCTION IF EXISTS app_begin_request, login_candidate, stamp_row_update, refuse_audit_change, audit_row_change, tenant_id_for_slug,
  assign_patient_mrn, is_valid_nhs_number, app_current_tenant_id;`);
  }
}
