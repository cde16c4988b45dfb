import { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_DB_ROLE } from '../db/roles';

/**
 * `app_begin_request` checks the caller's role itself and raises when it changed, instead of
 * returning the role for the application to compare. A request can then send its settings, its
 * read and COMMIT together (one round trip): when the check fails, the statements after it run
 * in an aborted transaction and return nothing.
 */
export class RequestRoleCheckRaises1763856000000 implements MigrationInterface {
  name = 'RequestRoleCheckRaises1763856000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
DROP FUNCTION app_begin_request(text, text, text);

-- Opens a request: tenant, user and request id for this transaction only. With a user, the
-- membership must still exist with p_role (the role in the caller's token), or it raises
-- SQLSTATE 28000, so a token outlives neither a revoked membership nor a changed role.
CREATE FUNCTION app_begin_request(p_tenant text, p_user text, p_request text, p_role text) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $f$
BEGIN
  PERFORM set_config('app.tenant_id', p_tenant, true), set_config('app.user_id', p_user, true), set_config('app.request_id', p_request, true);
  IF p_tenant = '' OR p_user = '' THEN RETURN; END IF;
  IF NOT EXISTS (SELECT 1 FROM memberships m JOIN users u ON u.id = m.user_id
                  WHERE m.tenant_id = p_tenant::uuid AND m.user_id = p_user::uuid AND m.role = p_role
                    AND m.deleted_at IS NULL AND u.deleted_at IS NULL) THEN
    RAISE EXCEPTION 'the caller''s access in this tenant has changed' USING ERRCODE = 'invalid_authorization_specification';
  END IF;
END $f$;

REVOKE ALL ON FUNCTION app_begin_request(text, text, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_begin_request(text, text, text, text) TO ${APP_DB_ROLE};`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
DROP FUNCTION app_begin_request(text, text, text, text);

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

REVOKE ALL ON FUNCTION app_begin_request(text, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_begin_request(text, text, text) TO ${APP_DB_ROLE};`);
  }
}
