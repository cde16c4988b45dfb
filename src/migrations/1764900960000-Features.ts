import { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_DB_ROLE } from '../db/roles';
import { createTenantTable, dropTenantTable } from '../db/tenant-table';

/**
 * Features (seed 001's `features` and `tenant_features`) and the tenant's access version.
 *
 * - `features` is the catalogue (the `Feature` enum of src/entities/enums.ts; a test keeps the
 *   two equal), `plan_features` what each plan includes; both shared by all tenants, read-only
 *   to the request role.
 * - `tenant_features` holds a tenant's admins' switches (`setTenantFeature`). A feature is on
 *   when the plan includes it and the tenant has not switched it off (`tenant_features_on`): an
 *   admin can switch off what the plan includes, never on what it does not.
 * - `tenants.access_version` changes whenever what the tenant's members may do changes beyond
 *   their own membership: a feature switched, the plan changed (and later a custom role edited).
 *   Access tokens carry the version they were issued at; `app_begin_request` now refuses a token
 *   whose version is no longer the tenant's, as it refuses one whose role changed, so every
 *   request acts on the features and permissions in force (the client refreshes its session).
 */
export class Features1764900960000 implements MigrationInterface {
  name = 'Features1764900960000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
CREATE TABLE features (
  key varchar(32) PRIMARY KEY CHECK (key ~ '^[A-Z_]+$'),
  name varchar(100) NOT NULL,
  description text NOT NULL,
  is_premium boolean NOT NULL DEFAULT false
);
INSERT INTO features (key, name, description, is_premium) VALUES
  ('LEAD_PIPELINE', 'Lead pipeline', 'HealthCRM: leads, their pipeline and funnel, conversion, and patients'' journeys.', false),
  ('CARE_PLANNING', 'Care planning', 'ComplexCare: care plans, their reviews, and risk assessments.', false),
  ('CARE_HOMES', 'Care homes', 'Write Care Notes: residents and stays, assessments, daily records, quality audits and incidents.', true),
  ('CUSTOM_ROLES', 'Custom roles', 'Roles the tenant defines itself, as sets of permissions.', true);

CREATE TABLE plan_features (
  plan varchar(16) NOT NULL REFERENCES plans (code),
  feature varchar(32) NOT NULL REFERENCES features (key),
  PRIMARY KEY (plan, feature)
);
INSERT INTO plan_features (plan, feature) VALUES
  ('FREE', 'CARE_PLANNING'),
  ('STARTER', 'CARE_PLANNING'), ('STARTER', 'LEAD_PIPELINE'),
  ('PROFESSIONAL', 'CARE_PLANNING'), ('PROFESSIONAL', 'LEAD_PIPELINE'), ('PROFESSIONAL', 'CARE_HOMES'), ('PROFESSIONAL', 'CUSTOM_ROLES'),
  ('ENTERPRISE', 'CARE_PLANNING'), ('ENTERPRISE', 'LEAD_PIPELINE'), ('ENTERPRISE', 'CARE_HOMES'), ('ENTERPRISE', 'CUSTOM_ROLES');
GRANT SELECT ON features, plan_features TO ${APP_DB_ROLE};

ALTER TABLE tenants ADD COLUMN access_version integer NOT NULL DEFAULT 1;`);

    await createTenantTable(queryRunner, 'tenant_features', {
      columns: ['feature varchar(32) NOT NULL REFERENCES features (key)', 'enabled boolean NOT NULL'],
      indexes: [{ columns: ['feature'], unique: true, live: true, name: 'tenant_features_tenant_feature_key' }],
      writable: true,
    });

    await queryRunner.query(`
-- The features on for a tenant: included in its plan and not switched off. Runs as the caller
-- (row-level security keeps tenant_features to the caller's tenant).
CREATE FUNCTION tenant_features_on(p_tenant uuid) RETURNS text[] LANGUAGE sql STABLE SET search_path = public, pg_temp AS $f$
  SELECT coalesce(array_agg(pf.feature::text ORDER BY pf.feature), '{}')
    FROM tenants t JOIN plan_features pf ON pf.plan = t.plan
   WHERE t.id = p_tenant
     AND NOT EXISTS (SELECT 1 FROM tenant_features tf WHERE tf.tenant_id = t.id AND tf.feature = pf.feature AND NOT tf.enabled AND tf.deleted_at IS NULL)
$f$;
GRANT EXECUTE ON FUNCTION tenant_features_on(uuid) TO ${APP_DB_ROLE};

-- A switch that turns a feature off or back on changes what every member may do: their tokens
-- are refused from the next request. (A live switch with enabled = false is what turns one off.)
-- The request role may not update tenants.access_version itself; this function (its owner) does, for the switch's tenant only.
CREATE FUNCTION bump_tenant_access_version() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $f$
BEGIN
  UPDATE tenants SET access_version = access_version + 1 WHERE id = NEW.tenant_id;
  RETURN NULL;
END $f$;
REVOKE ALL ON FUNCTION bump_tenant_access_version() FROM PUBLIC;
CREATE TRIGGER tenant_features_access_version_insert AFTER INSERT ON tenant_features FOR EACH ROW
  WHEN (NEW.deleted_at IS NULL AND NOT NEW.enabled) EXECUTE FUNCTION bump_tenant_access_version();
CREATE TRIGGER tenant_features_access_version_update AFTER UPDATE ON tenant_features FOR EACH ROW
  WHEN ((NEW.deleted_at IS NULL AND NOT NEW.enabled) IS DISTINCT FROM (OLD.deleted_at IS NULL AND NOT OLD.enabled)) EXECUTE FUNCTION bump_tenant_access_version();

-- A plan change changes the features on.
CREATE FUNCTION bump_access_version_on_plan() RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_temp AS $f$
BEGIN
  IF NEW.plan IS DISTINCT FROM OLD.plan THEN NEW.access_version := OLD.access_version + 1; END IF;
  RETURN NEW;
END $f$;
CREATE TRIGGER tenants_plan_access_version BEFORE UPDATE OF plan ON tenants FOR EACH ROW EXECUTE FUNCTION bump_access_version_on_plan();

DROP FUNCTION app_begin_request(text, text, text, text);

-- Opens a request: tenant, user and request id for this transaction only. With a user, the
-- membership must still exist with p_role and the tenant's access version must still be the
-- token's, or it raises SQLSTATE 28000: a token outlives neither a revoked membership, a changed
-- role, nor a change of the features and permissions it was issued with.
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
GRANT EXECUTE ON FUNCTION app_begin_request(text, text, text, text, integer) TO ${APP_DB_ROLE};`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
DROP FUNCTION app_begin_request(text, text, text, text, integer);
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
GRANT EXECUTE ON FUNCTION app_begin_request(text, text, text, text) TO ${APP_DB_ROLE};

DROP TRIGGER tenants_plan_access_version ON tenants;
DROP FUNCTION bump_access_version_on_plan();
DROP TRIGGER tenant_features_access_version_insert ON tenant_features;
DROP TRIGGER tenant_features_access_version_update ON tenant_features;
DROP FUNCTION bump_tenant_access_version();
DROP FUNCTION tenant_features_on(uuid);`);
    await dropTenantTable(queryRunner, 'tenant_features');
    await queryRunner.query(`ALTER TABLE tenants DROP COLUMN access_version; DROP TABLE plan_features; DROP TABLE features;`);
  }
}
