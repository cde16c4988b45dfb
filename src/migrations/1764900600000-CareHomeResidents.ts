import { MigrationInterface, QueryRunner } from 'typeorm';
import { checkOneOf, createTenantTable, dropTenantTable } from '../db/tenant-table';
import { APP_DB_ROLE } from '../db/roles';

/** States in which a resident holds a room (a bed is kept while they are on leave or in hospital). */
const IN_RESIDENCE = ['ADMITTED', 'ON_LEAVE', 'HOSPITAL'];
const RESIDENT_STATUSES = [...IN_RESIDENCE, 'DISCHARGED', 'DECEASED'];
/** Namespace of the advisory locks taken per site while its beds are counted (pg_advisory_xact_lock(int, int)). */
const CAPACITY_LOCK_CLASS = 1764900600;

export const ROOM_OCCUPIED_CONSTRAINT = 'resident_stays_one_per_room';
export const SITE_FULL_CONSTRAINT = 'resident_stays_capacity';
export const CAPACITY_BELOW_OCCUPANCY_CONSTRAINT = 'sites_capacity_below_occupancy';
export const SITE_HAS_RESIDENTS_CONSTRAINT = 'sites_residents_present';

/**
 * Write Care Notes (seed 003), residents: care homes as sites with capacity and registration,
 * residents as patients with a resident status, and their stays (`resident_stays`), from which
 * the database itself refuses two residents in one room at once (an exclusion constraint,
 * checked against in-flight rows too) and admissions past a site's capacity (a trigger that
 * counts a site's open stays under a per-site advisory lock, so concurrent admissions count one
 * after another). Encrypted columns hold `cg1:` values only (a CHECK): no path can store plaintext.
 */
export class CareHomeResidents1764900600000 implements MigrationInterface {
  name = 'CareHomeResidents1764900600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
ALTER TABLE sites
  ADD COLUMN email varchar(254),
  ADD COLUMN registration_number varchar(64),
  ADD COLUMN registration_details jsonb NOT NULL DEFAULT '{}',
  DROP CONSTRAINT sites_capacity_check,
  ADD CONSTRAINT sites_capacity_check CHECK (capacity BETWEEN 1 AND 10000) NOT VALID, -- NOT VALID: a capacity of 0 recorded earlier does not stop the upgrade
  ADD CONSTRAINT sites_registration_details_check CHECK (jsonb_typeof(registration_details) = 'object');
-- A care home counts its beds (a clinic may leave capacity empty). NOT VALID: a care home
-- recorded earlier without capacity does not stop the upgrade (no number is guessed for it);
-- the rule binds from its next change on, and it can admit nobody until it has one.
ALTER TABLE sites ADD CONSTRAINT sites_care_home_capacity_check CHECK (kind <> 'CARE_HOME' OR capacity IS NOT NULL) NOT VALID;
GRANT INSERT, UPDATE ON sites TO ${APP_DB_ROLE};

ALTER TABLE patients
  ADD COLUMN resident_status varchar(16),
  ADD COLUMN medical_details text,
  ADD CONSTRAINT patients_resident_status_check CHECK (${checkOneOf('resident_status', RESIDENT_STATUSES)}),
  ADD CONSTRAINT patients_medical_details_check CHECK (medical_details LIKE 'cg1:%'),
  -- A resident in residence has a site, a room and an admission date, and no discharge date.
  ADD CONSTRAINT patients_residence_check CHECK (
    resident_status IS NULL OR resident_status NOT IN (${IN_RESIDENCE.map((s) => `'${s}'`).join(', ')})
    OR (site_id IS NOT NULL AND room_number IS NOT NULL AND admission_date IS NOT NULL AND discharge_date IS NULL));
CREATE INDEX patients_tenant_site_id_resident_idx ON patients (tenant_id, site_id, last_name, first_name, id)
  WHERE deleted_at IS NULL AND resident_status IS NOT NULL;`);

    await createTenantTable(queryRunner, 'resident_stays', {
      columns: [
        'patient_id uuid NOT NULL',
        'site_id uuid NOT NULL',
        'room varchar(20) NOT NULL',
        'from_date date NOT NULL',
        'to_date date',
        'reason varchar(500)',
        'end_reason varchar(500)',
      ],
      references: { patient_id: 'patients', site_id: 'sites' },
      checks: { room: 'length(btrim(room)) > 0', to_date: 'to_date IS NULL OR to_date >= from_date' },
      indexes: [
        { columns: ['patient_id', 'from_date', 'id'] },
        { columns: ['site_id', 'from_date', 'id'] },
        // One open stay per resident.
        { columns: ['patient_id'], unique: true, live: true, where: 'to_date IS NULL', name: 'resident_stays_one_open_per_patient_key' },
        { columns: ['site_id'], live: true, where: 'to_date IS NULL', name: 'resident_stays_tenant_site_open_idx' },
      ],
      writable: true,
    });
    await queryRunner.query(`
ALTER TABLE resident_stays ADD CONSTRAINT ${ROOM_OCCUPIED_CONSTRAINT}
  EXCLUDE USING gist (tenant_id WITH =, site_id WITH =, (lower(btrim(room))) WITH =, daterange(from_date, to_date, '[)') WITH &&) WHERE (deleted_at IS NULL);
ALTER TABLE resident_stays ADD CONSTRAINT resident_stays_no_overlap_per_patient
  EXCLUDE USING gist (tenant_id WITH =, patient_id WITH =, daterange(from_date, to_date, '[)') WITH &&) WHERE (deleted_at IS NULL);

-- Counts the site's open stays, one admission at a time per site (the advisory lock); each
-- statement after the lock sees the stays committed meanwhile. Runs as the caller: row-level
-- security keeps it in the caller's tenant, and it filters by the row's tenant too.
CREATE FUNCTION resident_stays_refuse_past_capacity() RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_temp AS $f$
DECLARE beds int; occupied int;
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.to_date IS NULL AND OLD.deleted_at IS NULL AND OLD.site_id = NEW.site_id THEN
    RETURN NEW; -- it held a bed of this site already
  END IF;
  PERFORM pg_advisory_xact_lock(${CAPACITY_LOCK_CLASS}, hashtext(NEW.tenant_id::text || NEW.site_id::text));
  -- A live care home only: a clinic has no beds, and a site deleted meanwhile takes nobody.
  SELECT capacity INTO beds FROM sites WHERE tenant_id = NEW.tenant_id AND id = NEW.site_id AND deleted_at IS NULL AND kind = 'CARE_HOME';
  SELECT count(*) INTO occupied FROM resident_stays
   WHERE tenant_id = NEW.tenant_id AND site_id = NEW.site_id AND to_date IS NULL AND deleted_at IS NULL AND id <> NEW.id;
  IF beds IS NULL OR occupied >= beds THEN
    RAISE EXCEPTION 'the site has no free bed'
      USING ERRCODE = 'check_violation', CONSTRAINT = '${SITE_FULL_CONSTRAINT}', TABLE = 'resident_stays', SCHEMA = TG_TABLE_SCHEMA,
            DETAIL = 'capacity ' || coalesce(beds::text, 'none') || ', occupied ' || occupied::text;
  END IF;
  RETURN NEW;
END $f$;
CREATE TRIGGER ${SITE_FULL_CONSTRAINT} BEFORE INSERT OR UPDATE ON resident_stays FOR EACH ROW
  WHEN (NEW.to_date IS NULL AND NEW.deleted_at IS NULL) EXECUTE FUNCTION resident_stays_refuse_past_capacity();

-- A care home's capacity cannot drop below the beds in use (same lock as admissions).
CREATE FUNCTION sites_refuse_capacity_below_occupancy() RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_temp AS $f$
DECLARE occupied int;
BEGIN
  PERFORM pg_advisory_xact_lock(${CAPACITY_LOCK_CLASS}, hashtext(NEW.tenant_id::text || NEW.id::text));
  SELECT count(*) INTO occupied FROM resident_stays
   WHERE tenant_id = NEW.tenant_id AND site_id = NEW.id AND to_date IS NULL AND deleted_at IS NULL;
  IF occupied > 0 AND NEW.deleted_at IS NOT NULL THEN
    RAISE EXCEPTION 'the site has residents'
      USING ERRCODE = 'check_violation', CONSTRAINT = '${SITE_HAS_RESIDENTS_CONSTRAINT}', TABLE = 'sites', SCHEMA = TG_TABLE_SCHEMA,
            DETAIL = 'occupied ' || occupied::text;
  END IF;
  IF occupied > coalesce(NEW.capacity, 0) THEN
    RAISE EXCEPTION 'capacity below the beds in use'
      USING ERRCODE = 'check_violation', CONSTRAINT = '${CAPACITY_BELOW_OCCUPANCY_CONSTRAINT}', TABLE = 'sites', SCHEMA = TG_TABLE_SCHEMA,
            DETAIL = 'occupied ' || occupied::text;
  END IF;
  RETURN NEW;
END $f$;
CREATE TRIGGER ${CAPACITY_BELOW_OCCUPANCY_CONSTRAINT} BEFORE UPDATE OF capacity, deleted_at ON sites FOR EACH ROW
  WHEN (NEW.capacity IS DISTINCT FROM OLD.capacity OR NEW.deleted_at IS DISTINCT FROM OLD.deleted_at) EXECUTE FUNCTION sites_refuse_capacity_below_occupancy();`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
DROP TRIGGER ${CAPACITY_BELOW_OCCUPANCY_CONSTRAINT} ON sites;
DROP FUNCTION sites_refuse_capacity_below_occupancy();`);
    await dropTenantTable(queryRunner, 'resident_stays');
    await queryRunner.query(`
DROP FUNCTION resident_stays_refuse_past_capacity();
DROP INDEX patients_tenant_site_id_resident_idx;
ALTER TABLE patients DROP COLUMN resident_status, DROP COLUMN medical_details;
REVOKE INSERT, UPDATE ON sites FROM ${APP_DB_ROLE};
ALTER TABLE sites DROP CONSTRAINT sites_care_home_capacity_check, DROP CONSTRAINT sites_capacity_check, DROP CONSTRAINT sites_registration_details_check,
  ADD CONSTRAINT sites_capacity_check CHECK (capacity >= 0),
  DROP COLUMN email, DROP COLUMN registration_number, DROP COLUMN registration_details;`);
  }
}
