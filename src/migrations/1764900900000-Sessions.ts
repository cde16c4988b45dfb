import { MigrationInterface, QueryRunner } from 'typeorm';
import { createTenantTable, dropTenantTable } from '../db/tenant-table';
import { AUTH_DB_ROLE } from '../db/roles';

/**
 * Sessions (seed 000's sessions): each login starts a family of refresh tokens; a refresh
 * rotates the token (the old one is spent) and a spent token presented again revokes its whole
 * family, since one of the two holders is a thief. Only SHA-256 hashes are stored. The request
 * role may read the table (hashes only) and never writes it: the auth role does, through the
 * functions below, which set the tenant themselves and filter by it.
 *
 * session_rotate answers OK (with the member's current role), INVALID (unknown, expired,
 * revoked, or the membership or tenant is gone) or REUSED (a spent token: the family is now
 * revoked).
 *
 * Every change to one member's sessions (issue, rotate, revoke, and the revocation that a
 * deactivation triggers) takes an advisory lock on (tenant, user) first and reads the tokens
 * after it: a revoke that runs while a refresh commits then sees the token that refresh made, so
 * neither a logout nor reuse detection can miss one.
 */
export class Sessions1764900900000 implements MigrationInterface {
  name = 'Sessions1764900900000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createTenantTable(queryRunner, 'refresh_tokens', {
      columns: ['user_id uuid NOT NULL', 'family_id uuid NOT NULL', 'token_hash char(64) NOT NULL', 'expires_at timestamptz NOT NULL', 'rotated_at timestamptz', 'revoked_at timestamptz'],
      references: { user_id: { table: 'users', shared: true } },
      checks: { token_hash: "token_hash ~ '^[0-9a-f]{64}$'" },
      indexes: [{ columns: ['token_hash'], unique: true }, { columns: ['family_id'] }, { columns: ['user_id', 'expires_at'] }],
      writable: false,
    });
    await queryRunner.query(`
CREATE FUNCTION session_lock(p_tenant uuid, p_user uuid) RETURNS void LANGUAGE sql VOLATILE AS $f$
  SELECT pg_advisory_xact_lock(1764900900, hashtext(p_tenant::text || p_user::text))
$f$;

-- Only for an active member (the server calls it after checking the password or the invitation).
CREATE FUNCTION session_issue(p_tenant uuid, p_user uuid, p_family uuid, p_hash text, p_expires timestamptz) RETURNS void
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $f$
BEGIN
  PERFORM set_config('app.tenant_id', p_tenant::text, true);
  PERFORM session_lock(p_tenant, p_user);
  IF NOT EXISTS (SELECT 1 FROM memberships m JOIN users u ON u.id = m.user_id AND u.deleted_at IS NULL
                  WHERE m.tenant_id = p_tenant AND m.user_id = p_user AND m.deleted_at IS NULL) THEN
    RAISE EXCEPTION 'no active membership to start a session for' USING ERRCODE = 'insufficient_privilege';
  END IF;
  INSERT INTO refresh_tokens (tenant_id, user_id, family_id, token_hash, expires_at) VALUES (p_tenant, p_user, p_family, p_hash, p_expires);
END $f$;

CREATE FUNCTION session_rotate(p_tenant uuid, p_hash text, p_new_hash text, p_expires timestamptz)
  RETURNS TABLE (status text, user_id uuid, role text)
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $f$
DECLARE v_token refresh_tokens%ROWTYPE; v_role text; v_user uuid;
BEGIN
  PERFORM set_config('app.tenant_id', p_tenant::text, true);
  SELECT t.user_id INTO v_user FROM refresh_tokens t WHERE t.tenant_id = p_tenant AND t.token_hash = p_hash;
  IF v_user IS NULL THEN
    RETURN QUERY SELECT 'INVALID'::text, NULL::uuid, NULL::text; RETURN;
  END IF;
  PERFORM session_lock(p_tenant, v_user);
  SELECT * INTO v_token FROM refresh_tokens t WHERE t.tenant_id = p_tenant AND t.token_hash = p_hash FOR UPDATE;
  IF NOT FOUND OR v_token.revoked_at IS NOT NULL OR v_token.deleted_at IS NOT NULL THEN
    RETURN QUERY SELECT 'INVALID'::text, NULL::uuid, NULL::text; RETURN;
  END IF;
  IF v_token.rotated_at IS NOT NULL THEN
    UPDATE refresh_tokens SET revoked_at = now() WHERE tenant_id = p_tenant AND family_id = v_token.family_id AND revoked_at IS NULL;
    RETURN QUERY SELECT 'REUSED'::text, v_token.user_id, NULL::text; RETURN;
  END IF;
  SELECT m.role INTO v_role FROM memberships m JOIN users u ON u.id = m.user_id AND u.deleted_at IS NULL
    JOIN tenants tn ON tn.id = m.tenant_id AND tn.deleted_at IS NULL
   WHERE m.tenant_id = p_tenant AND m.user_id = v_token.user_id AND m.deleted_at IS NULL;
  IF v_token.expires_at <= now() OR v_role IS NULL THEN
    RETURN QUERY SELECT 'INVALID'::text, NULL::uuid, NULL::text; RETURN;
  END IF;
  UPDATE refresh_tokens SET rotated_at = now() WHERE id = v_token.id;
  INSERT INTO refresh_tokens (tenant_id, user_id, family_id, token_hash, expires_at) VALUES (p_tenant, v_token.user_id, v_token.family_id, p_new_hash, p_expires);
  RETURN QUERY SELECT 'OK'::text, v_token.user_id, v_role;
END $f$;

-- Revokes the family of one token (logout), or every family of one user (logout everywhere); the number of tokens revoked.
CREATE FUNCTION session_revoke(p_tenant uuid, p_hash text, p_user uuid) RETURNS integer
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $f$
DECLARE v_count integer; v_user uuid := p_user;
BEGIN
  PERFORM set_config('app.tenant_id', p_tenant::text, true);
  IF v_user IS NULL THEN
    SELECT f.user_id INTO v_user FROM refresh_tokens f WHERE f.tenant_id = p_tenant AND f.token_hash = p_hash;
  END IF;
  IF v_user IS NULL THEN RETURN 0; END IF;
  PERFORM session_lock(p_tenant, v_user);
  UPDATE refresh_tokens t SET revoked_at = now()
   WHERE t.tenant_id = p_tenant AND t.revoked_at IS NULL
     AND (t.family_id = (SELECT f.family_id FROM refresh_tokens f WHERE f.tenant_id = p_tenant AND f.token_hash = p_hash) OR t.user_id = p_user);
  GET DIAGNOSTICS v_count = ROW_COUNT;
  RETURN v_count;
END $f$;

-- A deactivated member's sessions end with the membership (reactivation does not bring them back).
CREATE FUNCTION memberships_end_sessions() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $f$
BEGIN
  PERFORM session_lock(NEW.tenant_id, NEW.user_id);
  UPDATE refresh_tokens SET revoked_at = now() WHERE tenant_id = NEW.tenant_id AND user_id = NEW.user_id AND revoked_at IS NULL;
  RETURN NEW;
END $f$;
CREATE TRIGGER memberships_end_sessions AFTER UPDATE OF deleted_at ON memberships FOR EACH ROW
  WHEN (OLD.deleted_at IS NULL AND NEW.deleted_at IS NOT NULL) EXECUTE FUNCTION memberships_end_sessions();
REVOKE ALL ON FUNCTION session_lock(uuid, uuid), memberships_end_sessions() FROM PUBLIC;

REVOKE ALL ON FUNCTION session_issue(uuid, uuid, uuid, text, timestamptz), session_rotate(uuid, text, text, timestamptz), session_revoke(uuid, text, uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION session_issue(uuid, uuid, uuid, text, timestamptz), session_rotate(uuid, text, text, timestamptz), session_revoke(uuid, text, uuid) TO ${AUTH_DB_ROLE};`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER memberships_end_sessions ON memberships; DROP FUNCTION memberships_end_sessions();
DROP FUNCTION session_revoke(uuid, text, uuid); DROP FUNCTION session_rotate(uuid, text, text, timestamptz); DROP FUNCTION session_issue(uuid, uuid, uuid, text, timestamptz);
DROP FUNCTION session_lock(uuid, uuid);`);
    await dropTenantTable(queryRunner, 'refresh_tokens');
  }
}
