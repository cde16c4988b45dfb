import { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_DB_ROLE } from '../db/roles';

/** Namespace of the advisory locks taken per tenant while its admins are counted. */
const ADMIN_LOCK_CLASS = 1764900840;
export const LAST_ADMIN_CONSTRAINT = 'memberships_last_admin';

/**
 * Member administration: admins change a member's role, deactivate (soft-delete the membership:
 * the member's next request is refused, as revocation already works) and reactivate. The request
 * role may update a membership's role and deleted_at only.
 *
 * A tenant always keeps an active admin: a trigger refuses the change that would demote or
 * deactivate the last one (SQLSTATE 23514, constraint `memberships_last_admin`). It counts the
 * other active admins under an advisory lock per tenant, so two admins demoting each other at
 * once cannot both succeed: the second counts after the first has committed.
 *
 * A deactivated member stays visible in the tenant (name and e-mail, through the `members` view)
 * so that admins can list and reactivate them and their past work still names them: the users
 * policy now shows a user to the tenants they are or were a member of. Logging in and acting
 * still need an active membership (login_candidate, app_begin_request).
 */
export class MemberAdministration1764900840000 implements MigrationInterface {
  name = 'MemberAdministration1764900840000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
CREATE FUNCTION memberships_keep_an_admin() RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_temp AS $f$
DECLARE others int;
BEGIN
  PERFORM pg_advisory_xact_lock(${ADMIN_LOCK_CLASS}, hashtext(NEW.tenant_id::text));
  SELECT count(*) INTO others FROM memberships m JOIN users u ON u.id = m.user_id AND u.deleted_at IS NULL
   WHERE m.tenant_id = NEW.tenant_id AND m.role = 'ADMIN' AND m.deleted_at IS NULL AND m.id <> NEW.id;
  IF others = 0 THEN
    RAISE EXCEPTION 'the tenant would have no active admin'
      USING ERRCODE = 'check_violation', CONSTRAINT = '${LAST_ADMIN_CONSTRAINT}', TABLE = 'memberships', SCHEMA = TG_TABLE_SCHEMA;
  END IF;
  RETURN NEW;
END $f$;
CREATE TRIGGER ${LAST_ADMIN_CONSTRAINT} BEFORE UPDATE OF role, deleted_at ON memberships FOR EACH ROW
  WHEN (OLD.role = 'ADMIN' AND OLD.deleted_at IS NULL AND (NEW.role <> 'ADMIN' OR NEW.deleted_at IS NOT NULL))
  EXECUTE FUNCTION memberships_keep_an_admin();
GRANT UPDATE (role, deleted_at) ON memberships TO ${APP_DB_ROLE};
DROP POLICY users_member_of_current_tenant ON users;
CREATE POLICY users_member_of_current_tenant ON users USING (EXISTS (
  SELECT 1 FROM memberships m WHERE m.user_id = users.id AND m.tenant_id = app_current_tenant_id()));`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
DROP POLICY users_member_of_current_tenant ON users;
CREATE POLICY users_member_of_current_tenant ON users USING (EXISTS (
  SELECT 1 FROM memberships m WHERE m.user_id = users.id AND m.tenant_id = app_current_tenant_id() AND m.deleted_at IS NULL));
REVOKE UPDATE (role, deleted_at) ON memberships FROM ${APP_DB_ROLE};
DROP TRIGGER ${LAST_ADMIN_CONSTRAINT} ON memberships;
DROP FUNCTION memberships_keep_an_admin();`);
  }
}
