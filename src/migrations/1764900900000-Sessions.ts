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
 * revoked, or the membership is gone) or REUSED (a spent token: the family is now revoked).
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
CREATE FUNCTION session_issue(p_tenant uuid, p_user uuid, p_family uuid, p_hash text, p_expires timestamptz) RETURNS void
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $f$
BEGIN
  PERFORM set_config('app.tenant_id', p_tenant::text, true);
  INSERT INTO refresh_tokens (tenant_id, user_id, family_id, token_hash, expires_at) VALUES (p_tenant, p_user, p_family, p_hash, p_expires);
END $f$;

CREATE FUNCTION session_rotate(p_tenant uuid, p_hash text, p_new_hash text, p_expires timestamptz)
  RETURNS TABLE (status text, user_id uuid, role text)
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $f$
DECLARE v_token refresh_tokens%ROWTYPE; v_role text;
BEGIN
  PERFORM set_config('app.tenant_id', p_tenant::text, true);
  SELECT * INTO v_token FROM refresh_tokens t WHERE t.tenant_id = p_tenant AND t.token_hash = p_hash FOR UPDATE;
  IF NOT FOUND OR v_token.revoked_at IS NOT NULL OR v_token.deleted_at IS NOT NULL THEN
    RETURN QUERY SELECT 'INVALID'::text, NULL::uuid, NULL::text; RETURN;
  END IF;
  IF v_token.rotated_at IS NOT NULL THEN
    UPDATE refresh_tokens SET revoked_at = now() WHERE tenant_id = p_tenant AND family_id = v_token.family_id AND revoked_at IS NULL;
    RETURN QUERY SELECT 'REUSED'::text, v_token.user_id, NULL::text; RETURN;
  END IF;
  SELECT m.role INTO v_role FROM memberships m JOIN users u ON u.id = m.user_id AND u.deleted_at IS NULL
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
DECLARE v_count integer;
BEGIN
  PERFORM set_config('app.tenant_id', p_tenant::text, true);
  UPDATE refresh_tokens t SET revoked_at = now()
   WHERE t.tenant_id = p_tenant AND t.revoked_at IS NULL
     AND (t.family_id = (SELECT f.family_id FROM refresh_tokens f WHERE f.tenant_id = p_tenant AND f.token_hash = p_hash) OR t.user_id = p_user);
  GET DIAGNOSTICS v_count = ROW_COUNT;
  RETURN v_count;
END $f$;

REVOKE ALL ON FUNCTION session_issue(uuid, uuid, uuid, text, timestamptz), session_rotate(uuid, text, text, timestamptz), session_revoke(uuid, text, uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION session_issue(uuid, uuid, uuid, text, timestamptz), session_rotate(uuid, text, text, timestamptz), session_revoke(uuid, text, uuid) TO ${AUTH_DB_ROLE};`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION session_revoke(uuid, text, uuid); DROP FUNCTION session_rotate(uuid, text, text, timestamptz); DROP FUNCTION session_issue(uuid, uuid, uuid, text, timestamptz);`);
    await dropTenantTable(queryRunner, 'refresh_tokens');
  }
}
