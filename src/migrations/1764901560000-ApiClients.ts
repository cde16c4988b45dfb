import { MigrationInterface, QueryRunner } from 'typeorm';
import { checkNotBlank, checkOneOf, createTenantTable, dropTenantTable } from '../db/tenant-table';
import { APP_DB_ROLE, AUTH_DB_ROLE } from '../db/roles';

const STATUSES = ['ACTIVE', 'SUSPENDED', 'REVOKED'];
const PROFILES = ['CLINICIAN', 'CARE_WORKER', 'COORDINATOR', 'ANALYST', 'SDR', 'HEALTH_COACH'];
/** The domain of API clients' own accounts: reserved (RFC 2606), so never a person's address. */
export const API_CLIENT_EMAIL_DOMAIN = 'api-clients.caregraph.invalid';
const CALLER = "nullif(current_setting('app.user_id', true), '')::uuid";

/** app_begin_request (migration CustomRoles), as it was, for down(). */
const BEGIN_REQUEST_BEFORE = `CREATE FUNCTION app_begin_request(p_tenant text, p_user text, p_request text, p_role text, p_access_version integer, p_custom_role uuid) RETURNS void
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
GRANT EXECUTE ON FUNCTION app_begin_request(text, text, text, text, integer, uuid) TO ${APP_DB_ROLE};`;

/**
 * audit_row_change (migration Foundation); with `unaudited`, columns named as the trigger's
 * arguments change without an audit row when nothing else (but the version stamp) does.
 */
const auditRowChange = (unaudited: boolean) => `CREATE OR REPLACE FUNCTION audit_row_change() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $f$
DECLARE
  old_row jsonb := CASE WHEN TG_OP IN ('UPDATE', 'DELETE') THEN to_jsonb(OLD) - 'password_hash' END;
  new_row jsonb := CASE WHEN TG_OP IN ('INSERT', 'UPDATE') THEN to_jsonb(NEW) - 'password_hash' END;
  row_data jsonb := coalesce(new_row, old_row);
BEGIN${
  unaudited
    ? `
  IF TG_OP = 'UPDATE' AND TG_NARGS > 0 AND (old_row - TG_ARGV - 'version' - 'updated_at') = (new_row - TG_ARGV - 'version' - 'updated_at') THEN
    RETURN NULL;
  END IF;`
    : ''
}
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
END $f$;`;

/** login_candidate (migration Foundation), with or without API clients' accounts left out. */
const loginCandidate = (withoutClients: boolean) => `CREATE OR REPLACE FUNCTION login_candidate(p_tenant uuid, p_email text)
  RETURNS TABLE (id uuid, email text, display_name text, is_demo boolean, password_hash text, role text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $f$
  SELECT u.id, u.email, u.display_name, u.is_demo, u.password_hash, m.role
    FROM users u JOIN memberships m ON m.user_id = u.id AND m.tenant_id = p_tenant AND m.deleted_at IS NULL${withoutClients ? ' AND m.api_client_id IS NULL' : ''}
   WHERE lower(u.email) = lower(p_email) AND u.deleted_at IS NULL
$f$;`;

/** The members view (migration CustomRoles), with or without API clients' memberships. */
const membersView = (withoutClients: boolean) => `CREATE OR REPLACE VIEW members WITH (security_invoker = true) AS
  SELECT m.id, m.tenant_id, m.created_at, m.updated_at, m.created_by, m.updated_by,
         coalesce(m.deleted_at, u.deleted_at) AS deleted_at, m.version,
         m.user_id, u.display_name, u.email, m.role, m.custom_role_id
    FROM memberships m JOIN users u ON u.id = m.user_id${withoutClients ? '\n   WHERE m.api_client_id IS NULL' : ''};`;

/** The plan-limit trigger of memberships (migration TenantPlans): API clients are not members and do not count. */
const membershipsPlanLimit = (withoutClients: boolean) =>
  `CREATE TRIGGER memberships_0_plan_limit BEFORE INSERT OR UPDATE OF deleted_at ON memberships FOR EACH ROW WHEN (NEW.deleted_at IS NULL${withoutClients ? ' AND NEW.api_client_id IS NULL' : ''})
  EXECUTE FUNCTION refuse_past_plan_limit('maxMembers', 'max_members'${withoutClients ? ", 'api_client_id IS NULL'" : ''});`;

/** refuse_past_plan_limit (migration TenantPlans): an optional third argument restricts which rows count. */
const planLimitFunction = (withFilter: boolean) => `CREATE OR REPLACE FUNCTION refuse_past_plan_limit() RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_temp AS $f$
DECLARE allowed int; found_rows int; live int; limit_name text := TG_ARGV[0]; limit_column text := TG_ARGV[1];${withFilter ? "\n  counted text := coalesce(TG_ARGV[2], 'true');" : ''}
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.deleted_at IS NULL THEN
    RETURN NEW; -- counted already
  END IF;
  EXECUTE format('SELECT p.%I FROM tenants t JOIN plans p ON p.code = t.plan WHERE t.id = $1', limit_column) INTO allowed USING NEW.tenant_id;
  GET DIAGNOSTICS found_rows = ROW_COUNT;
  IF found_rows = 0 THEN
    RAISE EXCEPTION 'the tenant of this row and its plan are not visible: the plan limit cannot be checked' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF allowed IS NULL THEN
    RETURN NEW; -- no limit on this plan
  END IF;
  PERFORM pg_advisory_xact_lock(1764900720, hashtext(NEW.tenant_id::text || TG_TABLE_NAME));
  EXECUTE format('SELECT count(*) FROM %I.%I WHERE tenant_id = $1 AND deleted_at IS NULL AND id <> $2${withFilter ? ' AND (%s)' : ''}', TG_TABLE_SCHEMA, TG_TABLE_NAME${withFilter ? ', counted' : ''}) INTO live USING NEW.tenant_id, NEW.id;
  IF live >= allowed THEN
    RAISE EXCEPTION 'plan limit reached'
      USING ERRCODE = 'check_violation', CONSTRAINT = 'plan_limit', TABLE = TG_TABLE_NAME, SCHEMA = TG_TABLE_SCHEMA,
            DETAIL = limit_name || ' ' || allowed::text;
  END IF;
  RETURN NEW;
END $f$;`;

/**
 * API clients (partner apps: labs, pharmacies, billing partners) and their keys.
 *
 * - A client belongs to a tenant and acts through an account of its own: a user (e-mail in the
 *   reserved domain API_CLIENT_EMAIL_DOMAIN, no usable password, never offered by login) and a
 *   membership with the client's masking profile as its role, marked `api_client_id`. So its
 *   requests take the same path as a member's (row-level security, audit and access logs name
 *   that account, which `api_clients.user_id` maps to the client), while members lists, plan
 *   limits and member administration leave it out.
 * - A key is `cgk_<prefix>_<secret>`: the prefix (public, unique) finds its row without a scan;
 *   only the SHA-256 of the whole key is kept, in `api_key_secrets`, which the request role cannot
 *   read at all (the auth role reads it through `api_key_candidate`). Keys are issued by
 *   `api_key_issue` (an admin of the client's tenant only), which also ends the client's other
 *   keys, now or after a grace period. Revoking the client revokes every key.
 * - `app_begin_request` takes the key and the client's version: a request with a key runs only
 *   while the key is unrevoked and unexpired, and the client ACTIVE, unexpired, not deleted and
 *   with the scopes read with the key (`access_version`: the scopes are the caller's permissions).
 */
export class ApiClients1764901560000 implements MigrationInterface {
  name = 'ApiClients1764901560000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createTenantTable(queryRunner, 'api_clients', {
      columns: [
        'name varchar(100) NOT NULL',
        'contact varchar(254)',
        "status varchar(16) NOT NULL DEFAULT 'ACTIVE'",
        'expires_at timestamptz',
        'masking_profile varchar(32) NOT NULL',
        "scopes text[] NOT NULL DEFAULT '{}'",
        'rate_limit_per_minute integer',
        'user_id uuid NOT NULL',
        // Moves when the scopes change: requests with an access read before are refused (app_begin_request).
        'access_version integer NOT NULL DEFAULT 1',
      ],
      references: { user_id: { table: 'users', shared: true } },
      checks: {
        name: checkNotBlank('name'),
        contact: checkNotBlank('contact'),
        status: checkOneOf('status', STATUSES),
        masking_profile: checkOneOf('masking_profile', PROFILES),
        scopes: `cardinality(scopes) <= 1000 AND array_to_string(scopes, ',') ~ '^([A-Z][A-Z_]*(,[A-Z][A-Z_]*)*)?$'`,
        rate_limit_per_minute: 'rate_limit_per_minute BETWEEN 1 AND 100000',
      },
      indexes: [
        { columns: ['lower(name)'], unique: true, live: true, name: 'api_clients_tenant_name_key' },
        { columns: ['user_id'], unique: true },
        { columns: ['created_at', 'id'], live: true },
      ],
      writable: true,
    });
    await createTenantTable(queryRunner, 'api_client_keys', {
      columns: ['api_client_id uuid NOT NULL', 'prefix varchar(16) NOT NULL', 'expires_at timestamptz', 'revoked_at timestamptz', 'last_used_at timestamptz'],
      references: { api_client_id: 'api_clients' },
      checks: { prefix: "prefix ~ '^[a-z0-9]{16}$'" },
      indexes: [{ columns: ['api_client_id', 'created_at'] }],
      writable: false,
    });
    await queryRunner.query(`
-- A prefix identifies one key across all tenants: the lookup happens before the tenant is known,
-- in api_key_candidate, whose owner alone reads keys of every tenant (never the request role).
CREATE UNIQUE INDEX api_client_keys_prefix_key ON api_client_keys (prefix);
CREATE POLICY api_client_keys_owner_reads_all ON api_client_keys FOR SELECT TO CURRENT_USER USING (true);

-- The keys' hashes: no grant to the request role; read by the auth role through api_key_candidate only.
CREATE TABLE api_key_secrets (
  key_id uuid PRIMARY KEY REFERENCES api_client_keys (id),
  secret_hash bytea NOT NULL CHECK (length(secret_hash) = 32)
);
ALTER TABLE api_key_secrets ENABLE ROW LEVEL SECURITY;
ALTER TABLE api_key_secrets FORCE ROW LEVEL SECURITY;
-- Only the owner's functions below reach it (they set the tenant first).
CREATE POLICY api_key_secrets_of_tenant ON api_key_secrets USING (EXISTS (
  SELECT 1 FROM api_client_keys k WHERE k.id = api_key_secrets.key_id AND k.tenant_id = app_current_tenant_id()));

-- A key's last use is not a change worth auditing (it is written at most once a minute per key).
${auditRowChange(true)}
DROP TRIGGER api_client_keys_audit ON api_client_keys;
CREATE TRIGGER api_client_keys_audit AFTER INSERT OR UPDATE OR DELETE ON api_client_keys FOR EACH ROW EXECUTE FUNCTION audit_row_change('last_used_at');

-- Memberships of API clients' accounts.
ALTER TABLE memberships ADD COLUMN api_client_id uuid,
  ADD CONSTRAINT memberships_tenant_id_api_client_id_fkey FOREIGN KEY (tenant_id, api_client_id) REFERENCES api_clients (tenant_id, id);
CREATE UNIQUE INDEX memberships_tenant_id_api_client_id_key ON memberships (tenant_id, api_client_id);
${membersView(true)}
${loginCandidate(true)}
${planLimitFunction(true)}
DROP TRIGGER memberships_0_plan_limit ON memberships;
${membershipsPlanLimit(true)}
-- Nobody invites an API client's account (it would be offered the client's membership).
ALTER TABLE invitations ADD CONSTRAINT invitations_email_not_api_client CHECK (lower(email) NOT LIKE '%@${API_CLIENT_EMAIL_DOMAIN}');

-- A client's membership changes only with the client (member administration cannot reach it: the members view leaves it out).
CREATE FUNCTION memberships_of_api_clients_fixed() RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_temp AS $f$
BEGIN
  IF current_setting('app.api_client_sync', true) = 'on' THEN RETURN NEW; END IF;
  RAISE EXCEPTION 'an API client''s membership changes only with the client' USING ERRCODE = 'check_violation', CONSTRAINT = 'memberships_api_client_fixed', TABLE = 'memberships';
END $f$;
CREATE TRIGGER memberships_api_client_fixed BEFORE UPDATE ON memberships FOR EACH ROW
  WHEN (OLD.api_client_id IS NOT NULL OR NEW.api_client_id IS NOT NULL) EXECUTE FUNCTION memberships_of_api_clients_fixed();

-- A new client gets its account (before the insert) and its membership (after it, which references the client).
CREATE FUNCTION api_client_account() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $f$
BEGIN
  IF TG_WHEN = 'BEFORE' THEN
    NEW.access_version := 1;
    INSERT INTO users (email, display_name, password_hash)
      VALUES ('client-' || NEW.id || '@${API_CLIENT_EMAIL_DOMAIN}', left('API client ' || NEW.name, 200), '!api-client-no-password')
      RETURNING id INTO NEW.user_id;
    RETURN NEW;
  END IF;
  PERFORM set_config('app.api_client_sync', 'on', true);
  INSERT INTO memberships (tenant_id, user_id, role, api_client_id) VALUES (NEW.tenant_id, NEW.user_id, NEW.masking_profile, NEW.id);
  PERFORM set_config('app.api_client_sync', 'off', true);
  RETURN NULL;
END $f$;
CREATE TRIGGER api_clients_account BEFORE INSERT ON api_clients FOR EACH ROW EXECUTE FUNCTION api_client_account();
CREATE TRIGGER api_clients_membership AFTER INSERT ON api_clients FOR EACH ROW EXECUTE FUNCTION api_client_account();

-- Fixed once set: the account and the masking profile. Revoked is final. Revoking or deleting ends every key;
-- deleting or restoring the client deletes or restores its membership with it.
CREATE FUNCTION api_client_guard() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $f$
BEGIN
  IF NEW.user_id IS DISTINCT FROM OLD.user_id OR NEW.masking_profile IS DISTINCT FROM OLD.masking_profile THEN
    RAISE EXCEPTION 'an API client''s account and masking profile are fixed' USING ERRCODE = 'check_violation', CONSTRAINT = 'api_clients_masking_profile_fixed', TABLE = 'api_clients';
  END IF;
  NEW.access_version := OLD.access_version + CASE WHEN NEW.scopes IS DISTINCT FROM OLD.scopes THEN 1 ELSE 0 END;
  IF OLD.status = 'REVOKED' AND NEW.status IS DISTINCT FROM 'REVOKED' THEN
    RAISE EXCEPTION 'a revoked API client stays revoked' USING ERRCODE = 'check_violation', CONSTRAINT = 'api_clients_status_revoked_final', TABLE = 'api_clients';
  END IF;
  -- Revoked, or deleted: every key ends (a restored client gets a new key: rotateApiClientKey).
  IF (NEW.status = 'REVOKED' AND OLD.status <> 'REVOKED') OR (NEW.deleted_at IS NOT NULL AND OLD.deleted_at IS NULL) THEN
    UPDATE api_client_keys SET revoked_at = now() WHERE tenant_id = NEW.tenant_id AND api_client_id = NEW.id AND revoked_at IS NULL;
  END IF;
  IF NEW.deleted_at IS DISTINCT FROM OLD.deleted_at THEN
    PERFORM set_config('app.api_client_sync', 'on', true);
    UPDATE memberships SET deleted_at = NEW.deleted_at WHERE tenant_id = NEW.tenant_id AND api_client_id = NEW.id;
    PERFORM set_config('app.api_client_sync', 'off', true);
  END IF;
  RETURN NEW;
END $f$;
CREATE TRIGGER api_clients_guard BEFORE UPDATE ON api_clients FOR EACH ROW EXECUTE FUNCTION api_client_guard();

-- Issues a key for a client of the current tenant, for an admin of it only; the client's other
-- live keys end now (p_grace_seconds 0) or after the grace period, if they would not end sooner.
CREATE FUNCTION api_key_issue(p_client uuid, p_prefix text, p_hash bytea, p_grace_seconds integer) RETURNS uuid
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $f$
DECLARE v_tenant uuid := app_current_tenant_id(); v_key uuid;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM memberships m WHERE m.tenant_id = v_tenant AND m.user_id = ${CALLER} AND m.role = 'ADMIN' AND m.deleted_at IS NULL AND m.api_client_id IS NULL) THEN
    RAISE EXCEPTION 'only an admin of the tenant issues API keys' USING ERRCODE = 'insufficient_privilege';
  END IF;
  PERFORM 1 FROM api_clients c WHERE c.tenant_id = v_tenant AND c.id = p_client AND c.deleted_at IS NULL AND c.status <> 'REVOKED' FOR NO KEY UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'no such live API client' USING ERRCODE = 'no_data_found';
  END IF;
  IF p_grace_seconds IS NULL OR p_grace_seconds < 0 THEN
    RAISE EXCEPTION 'the grace period must be 0 or more seconds' USING ERRCODE = 'check_violation';
  END IF;
  UPDATE api_client_keys SET expires_at = now() + make_interval(secs => p_grace_seconds)
   WHERE tenant_id = v_tenant AND api_client_id = p_client AND revoked_at IS NULL AND deleted_at IS NULL
     AND (expires_at IS NULL OR expires_at > now() + make_interval(secs => p_grace_seconds));
  INSERT INTO api_client_keys (tenant_id, api_client_id, prefix, created_by, updated_by) VALUES (v_tenant, p_client, p_prefix, ${CALLER}, ${CALLER}) RETURNING id INTO v_key;
  INSERT INTO api_key_secrets (key_id, secret_hash) VALUES (v_key, p_hash);
  RETURN v_key;
END $f$;
REVOKE ALL ON FUNCTION api_key_issue(uuid, text, bytea, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api_key_issue(uuid, text, bytea, integer) TO ${APP_DB_ROLE};

-- The key with this prefix, its hash and its client's access (for the auth role, which cannot
-- read the tables). The caller compares the hash and every condition; app_begin_request checks
-- them again on each request.
CREATE FUNCTION api_key_candidate(p_prefix text)
  RETURNS TABLE (key_id uuid, secret_hash bytea, key_expires_at timestamptz, key_revoked_at timestamptz, tenant_id uuid, client_id uuid, user_id uuid,
                 status text, expires_at timestamptz, deleted boolean, masking_profile text, scopes text[], rate_limit_per_minute integer,
                 client_version integer, access_version integer, features text[])
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $f$
DECLARE v_tenant uuid;
BEGIN
  -- The prefix names the tenant (read through the owner's policy), then everything is read as that tenant.
  SELECT k.tenant_id INTO v_tenant FROM api_client_keys k WHERE k.prefix = p_prefix;
  IF v_tenant IS NULL THEN RETURN; END IF;
  PERFORM set_config('app.tenant_id', v_tenant::text, true);
  RETURN QUERY
    SELECT k.id, s.secret_hash, k.expires_at, k.revoked_at, c.tenant_id, c.id, c.user_id, c.status::text, c.expires_at, c.deleted_at IS NOT NULL OR k.deleted_at IS NOT NULL,
           c.masking_profile::text, c.scopes, c.rate_limit_per_minute, c.access_version, t.access_version, tenant_features_on(c.tenant_id)
      FROM api_client_keys k
      JOIN api_key_secrets s ON s.key_id = k.id
      JOIN api_clients c ON c.tenant_id = k.tenant_id AND c.id = k.api_client_id
      JOIN tenants t ON t.id = c.tenant_id
     WHERE k.tenant_id = v_tenant AND k.prefix = p_prefix;
END $f$;

REVOKE ALL ON FUNCTION api_key_candidate(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api_key_candidate(text) TO ${AUTH_DB_ROLE};

-- A key's last use, at most once a minute (the auth role, outside any request's transaction).
CREATE FUNCTION api_key_used(p_tenant uuid, p_key uuid) RETURNS void
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $f$
BEGIN
  PERFORM set_config('app.tenant_id', p_tenant::text, true);
  UPDATE api_client_keys SET last_used_at = now()
   WHERE tenant_id = p_tenant AND id = p_key AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute');
END $f$;
REVOKE ALL ON FUNCTION api_key_used(uuid, uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api_key_used(uuid, uuid) TO ${AUTH_DB_ROLE};

-- Opens a request (as before); a member's token is not an API client's, and a key (p_api_key)
-- must still be live, of a live, ACTIVE, unexpired client whose scopes are the ones read (access_version).
DROP FUNCTION app_begin_request(text, text, text, text, integer, uuid);
CREATE FUNCTION app_begin_request(p_tenant text, p_user text, p_request text, p_role text, p_access_version integer, p_custom_role uuid,
                                  p_api_key uuid, p_api_client_version integer) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $f$
BEGIN
  PERFORM set_config('app.tenant_id', p_tenant, true), set_config('app.user_id', p_user, true), set_config('app.request_id', p_request, true);
  IF p_tenant = '' OR p_user = '' THEN RETURN; END IF;
  IF NOT EXISTS (SELECT 1 FROM memberships m JOIN users u ON u.id = m.user_id JOIN tenants t ON t.id = m.tenant_id
                  WHERE m.tenant_id = p_tenant::uuid AND m.user_id = p_user::uuid AND m.role = p_role
                    AND m.custom_role_id IS NOT DISTINCT FROM p_custom_role AND t.access_version = p_access_version
                    AND m.deleted_at IS NULL AND u.deleted_at IS NULL AND (m.api_client_id IS NULL) = (p_api_key IS NULL))
     OR (p_api_key IS NOT NULL AND NOT EXISTS (
           SELECT 1 FROM api_client_keys k JOIN api_clients c ON c.tenant_id = k.tenant_id AND c.id = k.api_client_id
            WHERE k.tenant_id = p_tenant::uuid AND k.id = p_api_key AND c.user_id = p_user::uuid AND c.access_version = p_api_client_version
              AND c.status = 'ACTIVE' AND c.deleted_at IS NULL AND (c.expires_at IS NULL OR c.expires_at > now())
              AND k.revoked_at IS NULL AND k.deleted_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > now()))) THEN
    RAISE EXCEPTION 'the caller''s access in this tenant has changed' USING ERRCODE = 'invalid_authorization_specification';
  END IF;
END $f$;
REVOKE ALL ON FUNCTION app_begin_request(text, text, text, text, integer, uuid, uuid, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_begin_request(text, text, text, text, integer, uuid, uuid, integer) TO ${APP_DB_ROLE};`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
DROP FUNCTION app_begin_request(text, text, text, text, integer, uuid, uuid, integer);
${BEGIN_REQUEST_BEFORE}
DROP FUNCTION api_key_used(uuid, uuid);
DROP FUNCTION api_key_candidate(text);
DROP FUNCTION api_key_issue(uuid, text, bytea, integer);
DROP TRIGGER memberships_api_client_fixed ON memberships;
DROP FUNCTION memberships_of_api_clients_fixed();
ALTER TABLE invitations DROP CONSTRAINT invitations_email_not_api_client;
DROP TRIGGER memberships_0_plan_limit ON memberships;
${membershipsPlanLimit(false)}
${planLimitFunction(false)}
${loginCandidate(false)}
DROP VIEW members;
${membersView(false)}
GRANT SELECT ON members TO ${APP_DB_ROLE};
-- Their accounts' memberships go with the clients; the accounts stay (audit rows name them), deleted.
DELETE FROM memberships WHERE api_client_id IS NOT NULL;
UPDATE users SET deleted_at = now() WHERE email LIKE '%@${API_CLIENT_EMAIL_DOMAIN}' AND deleted_at IS NULL;
ALTER TABLE memberships DROP COLUMN api_client_id;
DROP TABLE api_key_secrets;
DROP TRIGGER api_client_keys_audit ON api_client_keys;
${auditRowChange(false)}`);
    await dropTenantTable(queryRunner, 'api_client_keys');
    await queryRunner.query('DROP TRIGGER api_clients_guard ON api_clients; DROP FUNCTION api_client_guard(); DROP TRIGGER api_clients_account ON api_clients; DROP TRIGGER api_clients_membership ON api_clients; DROP FUNCTION api_client_account();');
    await dropTenantTable(queryRunner, 'api_clients');
  }
}
