import { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_DB_ROLE, AUTH_DB_ROLE } from '../db/roles';

/**
 * Password hashes are out of the request role's reach. Until now the request role could call
 * login_candidate, which returns a member's hash, for any tenant id: one injected statement
 * away from every tenant's hashes. Login now reads credentials as AUTH_DB_ROLE, on a connection
 * of its own, through login_credentials (which sets the tenant itself, so forced row-level
 * security still applies inside it).
 */
export class LoginWithoutHashesForRequests1764676800000 implements MigrationInterface {
  name = 'LoginWithoutHashesForRequests1764676800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${AUTH_DB_ROLE}') THEN
    CREATE ROLE ${AUTH_DB_ROLE} NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
  END IF;
END $$;

CREATE FUNCTION login_credentials(p_tenant_slug text, p_email text)
  RETURNS TABLE (tenant_id uuid, id uuid, email text, display_name text, is_demo boolean, password_hash text, role text)
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $f$
DECLARE
  v_tenant uuid := tenant_id_for_slug(p_tenant_slug);
BEGIN
  IF v_tenant IS NULL THEN
    RETURN;
  END IF;
  PERFORM set_config('app.tenant_id', v_tenant::text, true);
  RETURN QUERY SELECT v_tenant, c.id, c.email, c.display_name, c.is_demo, c.password_hash, c.role FROM login_candidate(v_tenant, p_email) c;
END
$f$;

REVOKE ALL ON FUNCTION login_credentials(text, text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION login_candidate(uuid, text) FROM ${APP_DB_ROLE};
GRANT USAGE ON SCHEMA public TO ${AUTH_DB_ROLE};
GRANT EXECUTE ON FUNCTION login_credentials(text, text) TO ${AUTH_DB_ROLE};`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
DROP FUNCTION IF EXISTS login_credentials(text, text);
GRANT EXECUTE ON FUNCTION login_candidate(uuid, text) TO ${APP_DB_ROLE};`);
  }
}
