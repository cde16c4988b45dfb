import { MigrationInterface, QueryRunner } from 'typeorm';
import { checkOneOf, createTenantTable, dropTenantTable } from '../db/tenant-table';
import { AUTH_DB_ROLE } from '../db/roles';

const ROLES = ['ADMIN', 'CLINICIAN', 'CARE_WORKER', 'COORDINATOR', 'ANALYST', 'SDR', 'HEALTH_COACH'];

/**
 * Invitations (seed 000's tenant invitations): an admin invites an email with a role; the
 * invitee accepts with the token sent to them. Only the SHA-256 of the token is stored.
 *
 * Accepting is done by the auth role (src/db/roles.ts), which alone reads and writes password
 * hashes, through two functions that set the tenant from the token's slug themselves (forced
 * row-level security applies inside them) and act on one PENDING, unexpired invitation:
 * `invitation_for_token` (the invitation, and the existing account of its email if any, with its
 * hash, so the server can check that an existing user proves the password), and
 * `accept_invitation`, which locks the invitation (NOWAIT: a lock held by another request is a
 * retryable refusal, never a wait that the server's own connections could close into a loop),
 * creates the user when there is none, adds the membership and marks the invitation ACCEPTED, in
 * one transaction, and answers with a status:
 * - OK;
 * - INVALID: unknown, used, revoked or expired (the caller cannot tell which);
 * - SUSPENDED: the tenant's subscription is suspended (it gains no members);
 * - CHANGED: the e-mail's account is not the one the server checked the password against (one
 *   was created meanwhile, by an acceptance in another tenant): the server checks again.
 * Acceptances for one e-mail, in any tenant, take turns (an advisory lock on the address).
 * The functions filter by tenant themselves: row-level security may not bind their owner.
 */
export class Invitations1764900780000 implements MigrationInterface {
  name = 'Invitations1764900780000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createTenantTable(queryRunner, 'invitations', {
      columns: [
        'email varchar(254) NOT NULL',
        'role varchar(32) NOT NULL',
        'token_hash char(64) NOT NULL',
        'expires_at timestamptz NOT NULL',
        "status varchar(16) NOT NULL DEFAULT 'PENDING'",
        'invited_by_id uuid',
        'accepted_at timestamptz',
        'accepted_user_id uuid',
      ],
      references: { invited_by_id: 'memberships', accepted_user_id: { table: 'users', shared: true } },
      checks: {
        email: "email ~ '^[^@\\s]+@[^@\\s]+$'",
        role: checkOneOf('role', ROLES),
        status: checkOneOf('status', ['PENDING', 'ACCEPTED', 'REVOKED']),
        token_hash: "token_hash ~ '^[0-9a-f]{64}$'",
      },
      indexes: [
        { columns: ['token_hash'], unique: true },
        // One open invitation per email.
        { columns: ['lower(email)'], unique: true, live: true, where: "status = 'PENDING'", name: 'invitations_tenant_pending_email_key' },
        { columns: ['created_at', 'id'], live: true },
      ],
      writable: true,
    });
    await queryRunner.query(`
CREATE FUNCTION invitation_for_token(p_tenant_slug text, p_token_hash text)
  RETURNS TABLE (tenant_id uuid, invitation_id uuid, email text, role text, user_id uuid, password_hash text, already_member boolean)
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $f$
DECLARE v_tenant uuid := tenant_id_for_slug(p_tenant_slug);
BEGIN
  IF v_tenant IS NULL THEN RETURN; END IF;
  PERFORM set_config('app.tenant_id', v_tenant::text, true);
  RETURN QUERY
    SELECT v_tenant, i.id, i.email::text, i.role::text, u.id, u.password_hash::text,
           EXISTS (SELECT 1 FROM memberships m WHERE m.tenant_id = v_tenant AND m.user_id = u.id AND m.deleted_at IS NULL)
      FROM invitations i LEFT JOIN users u ON lower(u.email) = lower(i.email) AND u.deleted_at IS NULL
     WHERE i.tenant_id = v_tenant AND i.token_hash = p_token_hash AND i.status = 'PENDING' AND i.deleted_at IS NULL AND i.expires_at > now();
END $f$;

CREATE FUNCTION accept_invitation(p_tenant_slug text, p_token_hash text, p_password_hash text, p_display_name text, p_checked_user uuid)
  RETURNS TABLE (status text, tenant_id uuid, user_id uuid, role text)
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $f$
DECLARE
  v_tenant uuid := tenant_id_for_slug(p_tenant_slug);
  v_invitation invitations%ROWTYPE;
  v_user uuid;
BEGIN
  IF v_tenant IS NULL THEN RETURN QUERY SELECT 'INVALID'::text, NULL::uuid, NULL::uuid, NULL::text; RETURN; END IF;
  PERFORM set_config('app.tenant_id', v_tenant::text, true);
  SELECT * INTO v_invitation FROM invitations i
   WHERE i.tenant_id = v_tenant AND i.token_hash = p_token_hash AND i.status = 'PENDING' AND i.deleted_at IS NULL AND i.expires_at > now()
   FOR UPDATE NOWAIT;
  IF NOT FOUND THEN RETURN QUERY SELECT 'INVALID'::text, NULL::uuid, NULL::uuid, NULL::text; RETURN; END IF;
  IF (SELECT t.subscription_status FROM tenants t WHERE t.id = v_tenant) = 'SUSPENDED' THEN
    RETURN QUERY SELECT 'SUSPENDED'::text, v_tenant, NULL::uuid, NULL::text; RETURN;
  END IF;
  PERFORM pg_advisory_xact_lock(1764900780, hashtext(lower(v_invitation.email)));
  SELECT u.id INTO v_user FROM users u WHERE lower(u.email) = lower(v_invitation.email) AND u.deleted_at IS NULL;
  IF v_user IS DISTINCT FROM p_checked_user THEN
    RETURN QUERY SELECT 'CHANGED'::text, v_tenant, NULL::uuid, NULL::text; RETURN;
  END IF;
  IF v_user IS NULL THEN
    INSERT INTO users (email, display_name, password_hash) VALUES (lower(v_invitation.email), p_display_name, p_password_hash) RETURNING id INTO v_user;
  END IF;
  -- A former member comes back; a current one keeps their membership (and role).
  IF NOT EXISTS (SELECT 1 FROM memberships m WHERE m.tenant_id = v_tenant AND m.user_id = v_user AND m.deleted_at IS NULL) THEN
    INSERT INTO memberships (tenant_id, user_id, role) VALUES (v_tenant, v_user, v_invitation.role);
  END IF;
  UPDATE invitations SET status = 'ACCEPTED', accepted_at = now(), accepted_user_id = v_user WHERE id = v_invitation.id;
  RETURN QUERY SELECT 'OK'::text, v_tenant, v_user, m.role::text FROM memberships m WHERE m.tenant_id = v_tenant AND m.user_id = v_user AND m.deleted_at IS NULL;
END $f$;

REVOKE ALL ON FUNCTION invitation_for_token(text, text), accept_invitation(text, text, text, text, uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION invitation_for_token(text, text), accept_invitation(text, text, text, text, uuid) TO ${AUTH_DB_ROLE};`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION accept_invitation(text, text, text, text, uuid); DROP FUNCTION invitation_for_token(text, text);`);
    await dropTenantTable(queryRunner, 'invitations');
  }
}
