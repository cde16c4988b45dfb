import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A care professional is never double-booked (issue 10): two live appointments of one
 * professional that occupy the professional may not overlap in time.
 *
 * - The rule is an exclusion constraint, so the database itself refuses an overlap on every
 *   path (API, demo loader, bulk loads, a psql session) and under concurrency: PostgreSQL
 *   checks each new or changed row against every committed and in-flight row of the index,
 *   waiting for an in-flight one to commit or roll back. Ranges are half-open (`[)`):
 *   09:00–09:30 and 09:30–10:00 are back to back, not overlapping.
 * - Only live rows (`deleted_at IS NULL`) in an occupying status count. CANCELLED and NO_SHOW
 *   free the slot: a cancelled appointment does not happen, and a no-show's slot is given to
 *   someone else (walk-ins, the next patient brought forward), so keeping it would refuse real
 *   bookings. SCHEDULED, CONFIRMED, IN_PROGRESS and COMPLETED occupy the professional. A restore
 *   (deleted_at back to NULL) or a change back into an occupying status is checked like an
 *   insert, because the row enters the constraint's partial index.
 * - The constraint needs btree_gist (`=` on uuid inside a GiST index). PostgreSQL ships it in
 *   contrib, the embedded server from npm includes it, and it is a trusted extension: the
 *   database's owner may create it without being a superuser.
 * - A trigger in front of the constraint names the conflicting appointment. PostgreSQL's own
 *   error detail shows no key values to a role bound by row-level security (the request role),
 *   so it cannot say which appointment is in the way. The trigger takes a transaction advisory
 *   lock per professional, so that concurrent bookings of one professional check one after
 *   another and each sees the bookings committed before it, then raises SQLSTATE 23P01 with the
 *   constraint's name and a detail that is exactly `conflicting appointment <uuid>` (an id of
 *   the same tenant, nothing else). The constraint stays the guarantee: it holds where the
 *   trigger cannot see (session_replication_role = replica, another tenant setting, REPEATABLE
 *   READ snapshots), just without the id.
 * - Databases in the field may already hold overlaps. They are not resolved here: which of two
 *   clashing bookings is the real one is a clinical and administrative decision, and cancelling
 *   either silently could lose a patient's appointment. The migration refuses to run, naming how
 *   many overlaps there are, in which tenants, and the first pairs of appointment ids, so an
 *   operator can cancel or move one of each pair and start again. Nothing is changed until then
 *   (the migrations run in one transaction).
 */

export const NO_DOUBLE_BOOKING_CONSTRAINT = 'appointments_no_double_booking';

/** Statuses that free the professional's time; every other status occupies it. */
const FREEING_STATUSES = `('CANCELLED', 'NO_SHOW')`;
const OCCUPYING = (row: string) => `${row}.deleted_at IS NULL AND ${row}.status NOT IN ${FREEING_STATUSES}`;
/** Namespace of the advisory locks taken per professional (first key of pg_advisory_xact_lock(int, int)). */
const LOCK_CLASS = 1764900060;
/** How many overlapping pairs the refusal lists by id. */
const LISTED_PAIRS = 20;

export class NoDoubleBooking1764900060000 implements MigrationInterface {
  name = 'NoDoubleBooking1764900060000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_available_extensions WHERE name = 'btree_gist') THEN
    RAISE EXCEPTION 'The no-double-booking rule needs the btree_gist extension, which this PostgreSQL server does not have. Install PostgreSQL''s contrib modules on the server (Debian and Ubuntu: part of the postgresql-<version> package; RPM: postgresql<version>-contrib), then start again.';
  END IF;
END $$;
CREATE EXTENSION IF NOT EXISTS btree_gist;`);

    await refuseExistingOverlaps(queryRunner);

    await queryRunner.query(`
ALTER TABLE appointments ADD CONSTRAINT ${NO_DOUBLE_BOOKING_CONSTRAINT}
  EXCLUDE USING gist (tenant_id WITH =, care_professional_id WITH =, tstzrange(start_time, end_time, '[)') WITH &&)
  WHERE (deleted_at IS NULL AND status NOT IN ${FREEING_STATUSES});

-- Names the appointment in the way (see the comment of NoDoubleBooking1764900060000). Runs as the
-- caller, so row-level security limits it to the caller's tenant; it filters by the row's tenant too.
CREATE FUNCTION appointments_refuse_double_booking() RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_temp AS $f$
DECLARE conflicting uuid;
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF ${OCCUPYING('OLD')} AND (NEW.tenant_id, NEW.care_professional_id, NEW.start_time, NEW.end_time)
                               IS NOT DISTINCT FROM (OLD.tenant_id, OLD.care_professional_id, OLD.start_time, OLD.end_time) THEN
      RETURN NEW; -- it occupied this very time already (an edit of its title, notes, a status within the occupying ones)
    END IF;
  END IF;
  -- Bookings of one professional check one after another; the next statement sees those committed meanwhile.
  PERFORM pg_advisory_xact_lock(${LOCK_CLASS}, hashtext(NEW.tenant_id::text || NEW.care_professional_id::text));
  SELECT a.id INTO conflicting FROM appointments a
   WHERE a.tenant_id = NEW.tenant_id AND a.care_professional_id = NEW.care_professional_id AND a.id <> NEW.id
     AND ${OCCUPYING('a')}
     AND tstzrange(a.start_time, a.end_time, '[)') && tstzrange(NEW.start_time, NEW.end_time, '[)')
   ORDER BY a.start_time, a.id LIMIT 1;
  IF conflicting IS NOT NULL THEN
    RAISE EXCEPTION 'conflicting key value violates exclusion constraint "${NO_DOUBLE_BOOKING_CONSTRAINT}"'
      USING ERRCODE = 'exclusion_violation', CONSTRAINT = '${NO_DOUBLE_BOOKING_CONSTRAINT}', TABLE = 'appointments',
            SCHEMA = TG_TABLE_SCHEMA, DETAIL = 'conflicting appointment ' || conflicting::text;
  END IF;
  RETURN NEW;
END $f$;
CREATE TRIGGER ${NO_DOUBLE_BOOKING_CONSTRAINT} BEFORE INSERT OR UPDATE ON appointments FOR EACH ROW
  WHEN (${OCCUPYING('NEW')}) EXECUTE FUNCTION appointments_refuse_double_booking();`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // btree_gist stays: other objects may use it, and it holds no data.
    await queryRunner.query(`
DROP TRIGGER IF EXISTS ${NO_DOUBLE_BOOKING_CONSTRAINT} ON appointments;
DROP FUNCTION IF EXISTS appointments_refuse_double_booking();
ALTER TABLE appointments DROP CONSTRAINT IF EXISTS ${NO_DOUBLE_BOOKING_CONSTRAINT};`);
  }
}

/**
 * Stops the migration when live occupying appointments of one professional overlap already.
 * Tenant by tenant with `app.tenant_id` set, because forced row-level security binds the owner
 * too when it is not a superuser. Only ids reach the message: no names, times or notes.
 */
async function refuseExistingOverlaps(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query(`
DO $$
DECLARE
  previous_tenant text := coalesce(current_setting('app.tenant_id', true), '');
  tenant record;
  found_pairs bigint;
  total bigint := 0;
  tenants_text text := '';
  pairs_text text := '';
  listed int := 0;
  pair record;
BEGIN
  FOR tenant IN SELECT id, slug FROM tenants ORDER BY slug LOOP
    PERFORM set_config('app.tenant_id', tenant.id::text, true);
    CREATE TEMP TABLE IF NOT EXISTS no_double_booking_pairs (first_id uuid, second_id uuid, professional_id uuid) ON COMMIT DROP;
    TRUNCATE no_double_booking_pairs;
    INSERT INTO no_double_booking_pairs
    SELECT a.id, b.id, a.care_professional_id
      FROM appointments a
      JOIN appointments b ON b.tenant_id = a.tenant_id AND b.care_professional_id = a.care_professional_id
       AND (b.start_time, b.id) > (a.start_time, a.id) AND b.start_time < a.end_time
     WHERE a.tenant_id = tenant.id AND ${OCCUPYING('a')} AND ${OCCUPYING('b')};
    SELECT count(*) INTO found_pairs FROM no_double_booking_pairs;
    IF found_pairs > 0 THEN
      total := total + found_pairs;
      tenants_text := tenants_text || format(E'\\n  tenant %s (%s): %s overlapping pair(s), of care professional(s) %s',
        tenant.slug, tenant.id, found_pairs,
        (SELECT string_agg(DISTINCT professional_id::text, ', ') FROM no_double_booking_pairs));
      FOR pair IN SELECT * FROM no_double_booking_pairs ORDER BY professional_id, first_id, second_id LIMIT ${LISTED_PAIRS} - listed LOOP
        pairs_text := pairs_text || format(E'\\n  tenant %s, professional %s: appointments %s and %s', tenant.slug, pair.professional_id, pair.first_id, pair.second_id);
        listed := listed + 1;
      END LOOP;
    END IF;
  END LOOP;
  PERFORM set_config('app.tenant_id', previous_tenant, true);
  IF total > 0 THEN
    RAISE EXCEPTION USING ERRCODE = 'exclusion_violation', MESSAGE = format(
      E'Cannot add the no-double-booking rule (migration NoDoubleBooking1764900060000): %s pair(s) of live appointments overlap in time for the same care professional (statuses other than CANCELLED and NO_SHOW, not deleted).%s\\nThe first %s pair(s):%s\\nNothing was changed. Cancel, move or delete one appointment of each pair (they may be genuine clinical bookings: decide with the service), then start again. If this database holds only demo data, delete its data directory (DATA_DIR, .data by default) instead and it is reloaded.',
      total, tenants_text, listed, pairs_text);
  END IF;
END $$;`);
}
