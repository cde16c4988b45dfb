import { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_DB_ROLE, AUTH_DB_ROLE } from '../db/roles';
import { checkOneOf, createTenantTable, dropTenantTable } from '../db/tenant-table';

const SYSTEM_ROLES = ['ADMIN', 'CLINICIAN', 'CARE_WORKER', 'COORDINATOR', 'ANALYST', 'SDR', 'HEALTH_COACH'];

export const ROLE_IN_USE_CONSTRAINT = 'custom_roles_in_use';

/** accept_invitation (migration Invitations), giving the invitation's custom role too, or (down) not. */
const acceptInvitation = (withCustomRole: boolean) => `CREATE OR REPLACE FUNCTION accept_invitation(p_tenant_slug text, p_token_hash text, p_password_hash text, p_display_name text, p_checked_user uuid)
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
    ${withCustomRole ? 'INSERT INTO memberships (tenant_id, user_id, role, custom_role_id) VALUES (v_tenant, v_user, v_invitation.role, v_invitation.custom_role_id);' : 'INSERT INTO memberships (tenant_id, user_id, role) VALUES (v_tenant, v_user, v_invitation.role);'}
  END IF;
  UPDATE invitations SET status = 'ACCEPTED', accepted_at = now(), accepted_user_id = v_user WHERE id = v_invitation.id;
  RETURN QUERY SELECT 'OK'::text, v_tenant, v_user, m.role::text FROM memberships m WHERE m.tenant_id = v_tenant AND m.user_id = v_user AND m.deleted_at IS NULL;
END $f$;
REVOKE ALL ON FUNCTION accept_invitation(text, text, text, text, uuid) FROM PUBLIC;
`;

/**
 * Custom roles (seed 004's roles with permissions): a tenant's own role is a set of permissions
 * (names of the permission catalogue, `PATIENT_READ`, checked by the API) and a masking profile:
 * the system role (not ADMIN) whose view of rows and fields it takes (row scopes, fields only
 * some roles read). System roles are not rows: nothing can edit or delete them, and a custom
 * role may not take a system role's name.
 *
 * - A member or an invitation holds either a system role, or a custom role and then its profile
 *   as `role` (so everything that reads a member's role sees the profile, and the last-admin
 *   rule still counts real admins only). A trigger keeps the two consistent on every path.
 * - A custom role in use (by any membership, active or deactivated, or a pending invitation)
 *   cannot be deleted: SQLSTATE 23514, constraint `custom_roles_in_use`. Its profile never changes.
 * - Changing a role's permissions moves the tenant's access version: its members' tokens are refused from the next request (they refresh and get the new
 *   permissions). `app_begin_request` also checks the token's custom role is the membership's.
 */
export class CustomRoles1764901020000 implements MigrationInterface {
  name = 'CustomRoles1764901020000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createTenantTable(queryRunner, 'custom_roles', {
      columns: ['name varchar(100) NOT NULL', 'description varchar(1000)', 'masking_profile varchar(32) NOT NULL', "permissions text[] NOT NULL DEFAULT '{}'"],
      checks: {
        name: `length(btrim(name)) > 0 AND upper(btrim(name)) NOT IN (${SYSTEM_ROLES.map((r) => `'${r}'`).join(', ')})`,
        masking_profile: checkOneOf('masking_profile', SYSTEM_ROLES.filter((r) => r !== 'ADMIN')),
        permissions: `cardinality(permissions) <= 1000 AND array_to_string(permissions, ',') ~ '^([A-Z][A-Z_]*(,[A-Z][A-Z_]*)*)?$'`,
      },
      indexes: [
        { columns: ['lower(name)'], unique: true, live: true, name: 'custom_roles_tenant_name_key' },
        { columns: ['created_at', 'id'], live: true },
      ],
      writable: true,
    });
    await queryRunner.query(`
ALTER TABLE memberships ADD COLUMN custom_role_id uuid,
  ADD CONSTRAINT memberships_tenant_id_custom_role_id_fkey FOREIGN KEY (tenant_id, custom_role_id) REFERENCES custom_roles (tenant_id, id);
CREATE INDEX memberships_tenant_id_custom_role_id_idx ON memberships (tenant_id, custom_role_id);
ALTER TABLE invitations ADD COLUMN custom_role_id uuid,
  ADD CONSTRAINT invitations_tenant_id_custom_role_id_fkey FOREIGN KEY (tenant_id, custom_role_id) REFERENCES custom_roles (tenant_id, id);
CREATE INDEX invitations_tenant_id_custom_role_id_idx ON invitations (tenant_id, custom_role_id);
GRANT UPDATE (custom_role_id) ON memberships TO ${APP_DB_ROLE};

-- A membership's or invitation's role is its custom role's profile, and the custom role is live
-- (checked, not set: the last-admin trigger must see the role the row really gets).
CREATE FUNCTION custom_role_matches_profile() RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_temp AS $f$
DECLARE profile text;
BEGIN
  IF NEW.custom_role_id IS NULL THEN RETURN NEW; END IF;
  -- FOR SHARE: a deletion of the role waits for this write to end, then finds the role in use (and this waits for a deletion, then finds it deleted).
  SELECT r.masking_profile INTO profile FROM custom_roles r WHERE r.tenant_id = NEW.tenant_id AND r.id = NEW.custom_role_id AND r.deleted_at IS NULL FOR SHARE;
  IF profile IS NULL THEN
    RAISE EXCEPTION 'the custom role is deleted' USING ERRCODE = 'check_violation', CONSTRAINT = TG_TABLE_NAME || '_custom_role_live', TABLE = TG_TABLE_NAME;
  END IF;
  IF NEW.role IS DISTINCT FROM profile THEN
    RAISE EXCEPTION 'the role must be the custom role''s profile %', profile USING ERRCODE = 'check_violation', CONSTRAINT = TG_TABLE_NAME || '_custom_role_profile', TABLE = TG_TABLE_NAME;
  END IF;
  RETURN NEW;
END $f$;
CREATE TRIGGER memberships_custom_role BEFORE INSERT OR UPDATE OF role, custom_role_id, deleted_at ON memberships FOR EACH ROW
  WHEN (NEW.custom_role_id IS NOT NULL AND NEW.deleted_at IS NULL) EXECUTE FUNCTION custom_role_matches_profile();
CREATE TRIGGER invitations_custom_role BEFORE INSERT OR UPDATE OF role, custom_role_id ON invitations FOR EACH ROW
  WHEN (NEW.custom_role_id IS NOT NULL AND NEW.status = 'PENDING') EXECUTE FUNCTION custom_role_matches_profile();

-- A role in use is not deleted; a profile never changes. The deletion locks the role's row, and
-- a membership or invitation given the role locks it too (custom_role_matches_profile): one waits for the other.
CREATE FUNCTION custom_roles_guard() RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_temp AS $f$
BEGIN
  IF NEW.masking_profile IS DISTINCT FROM OLD.masking_profile THEN
    RAISE EXCEPTION 'a custom role''s masking profile cannot change' USING ERRCODE = 'check_violation', CONSTRAINT = 'custom_roles_profile_fixed', TABLE = 'custom_roles';
  END IF;
  IF NEW.deleted_at IS NOT NULL AND OLD.deleted_at IS NULL AND (
       EXISTS (SELECT 1 FROM memberships m WHERE m.tenant_id = OLD.tenant_id AND m.custom_role_id = OLD.id)
    OR EXISTS (SELECT 1 FROM invitations i WHERE i.tenant_id = OLD.tenant_id AND i.custom_role_id = OLD.id AND i.status = 'PENDING' AND i.deleted_at IS NULL)) THEN
    RAISE EXCEPTION 'the custom role is in use' USING ERRCODE = 'check_violation', CONSTRAINT = '${ROLE_IN_USE_CONSTRAINT}', TABLE = 'custom_roles';
  END IF;
  RETURN NEW;
END $f$;
CREATE TRIGGER custom_roles_guard BEFORE UPDATE ON custom_roles FOR EACH ROW EXECUTE FUNCTION custom_roles_guard();

-- While members (active or deactivated) or pending invitations hold custom roles, admins do
-- not switch the feature off (its members would be locked out: a custom role gives nothing while
-- its feature is off, as after a plan without it). Give them system roles first.
CREATE FUNCTION custom_roles_keep_feature() RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_temp AS $f$
BEGIN
  IF NEW.feature = 'CUSTOM_ROLES' AND NOT NEW.enabled AND NEW.deleted_at IS NULL AND (
       EXISTS (SELECT 1 FROM memberships m WHERE m.tenant_id = NEW.tenant_id AND m.custom_role_id IS NOT NULL)
    OR EXISTS (SELECT 1 FROM invitations i WHERE i.tenant_id = NEW.tenant_id AND i.custom_role_id IS NOT NULL AND i.status = 'PENDING' AND i.deleted_at IS NULL)) THEN
    RAISE EXCEPTION 'custom roles are in use: give their members and invitations system roles first'
      USING ERRCODE = 'check_violation', CONSTRAINT = 'tenant_features_custom_roles_in_use', TABLE = TG_TABLE_NAME;
  END IF;
  RETURN NEW;
END $f$;
CREATE TRIGGER tenant_features_custom_roles BEFORE INSERT OR UPDATE ON tenant_features FOR EACH ROW EXECUTE FUNCTION custom_roles_keep_feature();

-- New permissions change what the role's members may do. (A deletion or a restore changes nobody's: a role in use is not deleted.)
CREATE TRIGGER custom_roles_access_version AFTER UPDATE ON custom_roles FOR EACH ROW
  WHEN (NEW.permissions IS DISTINCT FROM OLD.permissions) EXECUTE FUNCTION bump_tenant_access_version();

CREATE OR REPLACE VIEW members WITH (security_invoker = true) AS
  SELECT m.id, m.tenant_id, m.created_at, m.updated_at, m.created_by, m.updated_by,
         coalesce(m.deleted_at, u.deleted_at) AS deleted_at, m.version,
         m.user_id, u.display_name, u.email, m.role, m.custom_role_id
    FROM memberships m JOIN users u ON u.id = m.user_id;

DROP FUNCTION app_begin_request(text, text, text, text, integer);

-- Opens a request (as before), and the membership's custom role must be the token's too.
CREATE FUNCTION app_begin_request(p_tenant text, p_user text, p_request text, p_role text, p_access_version integer, p_custom_role uuid) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $f$
BEGIN
  PERFORM set_config('app.tenant_id', p_tenant, true), set_config('app.user_id', p_user, true), set_config('app.request_id', p_request, true);
  IF p_tenant = '' OR p_user = '' THEN RETURN; END IF;
  IF NOT EXISTS (SELECT 1 FROM memberships m JOIN users u ON u.id = m.user_id JOIN tenants t ON t.id = m.tenant_id
                  WHERE m.tenant_id = p_tenant::uuid AND m.user_id = p_user::uuid AND m.role = p_role
                    AND m.custom_role_id IS NOT DISTINCT FROM p_custom_role AND t.access_version = p_access_version
                    AND m.deleted_at IS NULL AND u.deleted_at IS NULL) THEN
    RAISE EXCEPTION 'the caller''s access in this tenant has changed' USING ERRCODE = 'invalid_authorization_specification';
  END IF;
END $f$;
REVOKE ALL ON FUNCTION app_begin_request(text, text, text, text, integer, uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_begin_request(text, text, text, text, integer, uuid) TO ${APP_DB_ROLE};

-- Accepting an invitation gives its custom role too (and its profile as the role).
${acceptInvitation(true)}
GRANT EXECUTE ON FUNCTION accept_invitation(text, text, text, text, uuid) TO ${AUTH_DB_ROLE};`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
DROP FUNCTION app_begin_request(text, text, text, text, integer, uuid);
CREATE FUNCTION app_begin_request(p_tenant text, p_user text, p_request text, p_role text, p_access_version integer) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $f$
BEGIN
  PERFORM set_config('app.tenant_id', p_tenant, true), set_config('app.user_id', p_user, true), set_config('app.request_id', p_request, true);
  IF p_tenant = '' OR p_user = '' THEN RETURN; END IF;
  IF NOT EXISTS (SELECT 1 FROM memberships m JOIN users u ON u.id = m.user_id JOIN tenants t ON t.id = m.tenant_id
                  WHERE m.tenant_id = p_tenant::uuid AND m.user_id = p_user::uuid AND m.role = p_role
                    AND t.access_version = p_access_version
                    AND m.deleted_at IS NULL AND u.deleted_at IS NULL) THEN
    RAISE EXCEPTION 'the caller''s access in this tenant has changed' USING ERRCODE = 'invalid_authorization_specification';
  END IF;
END $f$;
REVOKE ALL ON FUNCTION app_begin_request(text, text, text, text, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_begin_request(text, text, text, text, integer) TO ${APP_DB_ROLE};

DROP VIEW members;
CREATE VIEW members WITH (security_invoker = true) AS
  SELECT m.id, m.tenant_id, m.created_at, m.updated_at, m.created_by, m.updated_by,
         coalesce(m.deleted_at, u.deleted_at) AS deleted_at, m.version,
         m.user_id, u.display_name, u.email, m.role
    FROM memberships m JOIN users u ON u.id = m.user_id;
GRANT SELECT ON members TO ${APP_DB_ROLE};
${acceptInvitation(false)}
GRANT EXECUTE ON FUNCTION accept_invitation(text, text, text, text, uuid) TO ${AUTH_DB_ROLE};
DROP TRIGGER tenant_features_custom_roles ON tenant_features;
DROP FUNCTION custom_roles_keep_feature();
DROP TRIGGER custom_roles_access_version ON custom_roles;
DROP TRIGGER custom_roles_guard ON custom_roles;
DROP FUNCTION custom_roles_guard();
DROP TRIGGER memberships_custom_role ON memberships;
DROP TRIGGER invitations_custom_role ON invitations;
DROP FUNCTION custom_role_matches_profile();
REVOKE UPDATE (custom_role_id) ON memberships FROM ${APP_DB_ROLE};
ALTER TABLE invitations DROP COLUMN custom_role_id;
ALTER TABLE memberships DROP COLUMN custom_role_id;`);
    await dropTenantTable(queryRunner, 'custom_roles');
  }
}
