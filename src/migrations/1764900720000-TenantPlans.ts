import { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_DB_ROLE } from '../db/roles';
import { checkOneOf } from '../db/tenant-table';

/** Namespace of the advisory locks taken per tenant while a plan limit is counted (pg_advisory_xact_lock(int, int)). */
const LIMIT_LOCK_CLASS = 1764900720;

/** Each limited table: the limit's name (as the API reports it), the plans column holding it, and what counts. */
export const PLAN_LIMITS = [
  { table: 'memberships', limit: 'maxMembers', column: 'max_members' },
  { table: 'patients', limit: 'maxPatients', column: 'max_patients' },
  { table: 'sites', limit: 'maxSites', column: 'max_sites' },
] as const;

export const PLAN_LIMIT_CONSTRAINT = 'plan_limit';

/**
 * Plans and limits (seed 004's subscription_plan, max_users, max_patients), subscription status
 * and the tenant's settings and branding (seed 001's domain, logo_url, primary_color; seed 004's
 * timezone, currency, language).
 *
 * - `plans` is shared by all tenants (read-only to the request role): the maximum live members,
 *   patients and sites (null: no limit). A tenant's plan is set by an operator
 *   (`npm run tenant:set-plan`), never by its own admins.
 * - The limits are the database's: a trigger on each limited table counts the tenant's live rows
 *   under an advisory lock per tenant and table (so concurrent creates and restores count one
 *   after another, each seeing those committed before it) and refuses the one past the limit with
 *   SQLSTATE 23514, constraint `plan_limit`, detail `<limit> <max>`. An insert and a restore are
 *   counted; a plan lowered below what a tenant has already keeps the rows, and refuses new ones.
 *   The trigger is named to fire before the table's other BEFORE triggers (they fire in name
 *   order), so every path takes this lock first: a patient's MRN counter or a site's capacity
 *   lock taken before it, on one path and not another, could deadlock two requests.
 *   A tenant row the trigger cannot see fails the write rather than lifting the limit.
 * - Existing tenants move to the new plan names: TRIAL → FREE, STANDARD → PROFESSIONAL.
 */
export class TenantPlans1764900720000 implements MigrationInterface {
  name = 'TenantPlans1764900720000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
CREATE TABLE plans (
  code varchar(16) PRIMARY KEY CHECK (code ~ '^[A-Z_]+$'),
  max_members integer CHECK (max_members > 0),
  max_patients integer CHECK (max_patients > 0),
  max_sites integer CHECK (max_sites > 0),
  rank integer NOT NULL UNIQUE
);
INSERT INTO plans (code, max_members, max_patients, max_sites, rank) VALUES
  ('FREE', 3, 50, 1, 0),
  ('STARTER', 10, 500, 2, 1),
  ('PROFESSIONAL', 50, 5000, 10, 2),
  ('ENTERPRISE', NULL, NULL, NULL, 3);
GRANT SELECT ON plans TO ${APP_DB_ROLE};

ALTER TABLE tenants DROP CONSTRAINT tenants_plan_check;
UPDATE tenants SET plan = CASE plan WHEN 'TRIAL' THEN 'FREE' WHEN 'STANDARD' THEN 'PROFESSIONAL' ELSE plan END;
ALTER TABLE tenants ALTER COLUMN plan SET DEFAULT 'FREE',
  ADD CONSTRAINT tenants_plan_fkey FOREIGN KEY (plan) REFERENCES plans (code),
  ADD COLUMN subscription_status varchar(16) NOT NULL DEFAULT 'ACTIVE',
  ADD CONSTRAINT tenants_subscription_status_check CHECK (${checkOneOf('subscription_status', ['ACTIVE', 'PAST_DUE', 'SUSPENDED'])}),
  ADD COLUMN domain varchar(253),
  ADD CONSTRAINT tenants_domain_check CHECK (domain ~ '^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$'),
  ADD COLUMN logo_url varchar(2000),
  ADD CONSTRAINT tenants_logo_url_check CHECK (logo_url ~ '^https://[^\\s]+$'),
  ADD COLUMN primary_color varchar(7),
  ADD CONSTRAINT tenants_primary_color_check CHECK (primary_color ~ '^#[0-9a-f]{6}$'),
  ADD COLUMN timezone varchar(64) NOT NULL DEFAULT 'Europe/London',
  ADD CONSTRAINT tenants_timezone_check CHECK (is_valid_timezone(timezone)),
  ADD COLUMN locale varchar(16) NOT NULL DEFAULT 'en-GB',
  ADD CONSTRAINT tenants_locale_check CHECK (locale ~ '^[a-z]{2,3}(-[A-Z]{2})?$'),
  ADD COLUMN currency char(3) NOT NULL DEFAULT 'GBP',
  ADD CONSTRAINT tenants_currency_check CHECK (currency ~ '^[A-Z]{3}$');
CREATE UNIQUE INDEX tenants_domain_key ON tenants (domain) WHERE deleted_at IS NULL;
-- Admins edit their own tenant's settings (the tenants_current policy limits them to it); plan and status are the operator's.
GRANT UPDATE (name, domain, logo_url, primary_color, timezone, locale, currency) ON tenants TO ${APP_DB_ROLE};

-- Counts the tenant's live rows of the table past which its plan refuses more (see above). Runs
-- as the caller: row-level security keeps the count in the caller's tenant; it filters by the
-- row's tenant too. SECURITY INVOKER reads plans through the request role's SELECT grant.
CREATE FUNCTION refuse_past_plan_limit() RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_temp AS $f$
DECLARE allowed int; found_rows int; live int; limit_name text := TG_ARGV[0]; limit_column text := TG_ARGV[1];
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
  PERFORM pg_advisory_xact_lock(${LIMIT_LOCK_CLASS}, hashtext(NEW.tenant_id::text || TG_TABLE_NAME));
  EXECUTE format('SELECT count(*) FROM %I.%I WHERE tenant_id = $1 AND deleted_at IS NULL AND id <> $2', TG_TABLE_SCHEMA, TG_TABLE_NAME) INTO live USING NEW.tenant_id, NEW.id;
  IF live >= allowed THEN
    RAISE EXCEPTION 'plan limit reached'
      USING ERRCODE = 'check_violation', CONSTRAINT = '${PLAN_LIMIT_CONSTRAINT}', TABLE = TG_TABLE_NAME, SCHEMA = TG_TABLE_SCHEMA,
            DETAIL = limit_name || ' ' || allowed::text;
  END IF;
  RETURN NEW;
END $f$;`);
    for (const { table, limit, column } of PLAN_LIMITS) {
      await queryRunner.query(
        `CREATE TRIGGER ${table}_0_plan_limit BEFORE INSERT OR UPDATE OF deleted_at ON ${table} FOR EACH ROW WHEN (NEW.deleted_at IS NULL) EXECUTE FUNCTION refuse_past_plan_limit('${limit}', '${column}')`,
      );
    }
  }

  /** Lossy on purpose: STARTER and PROFESSIONAL both become STANDARD (the old names had no STARTER). */
  async down(queryRunner: QueryRunner): Promise<void> {
    for (const { table } of PLAN_LIMITS) await queryRunner.query(`DROP TRIGGER ${table}_0_plan_limit ON ${table}`);
    await queryRunner.query(`
DROP FUNCTION refuse_past_plan_limit();
REVOKE UPDATE (name, domain, logo_url, primary_color, timezone, locale, currency) ON tenants FROM ${APP_DB_ROLE};
DROP INDEX tenants_domain_key;
ALTER TABLE tenants DROP CONSTRAINT tenants_plan_fkey,
  DROP COLUMN subscription_status, DROP COLUMN domain, DROP COLUMN logo_url, DROP COLUMN primary_color,
  DROP COLUMN timezone, DROP COLUMN locale, DROP COLUMN currency;
UPDATE tenants SET plan = CASE plan WHEN 'FREE' THEN 'TRIAL' WHEN 'STARTER' THEN 'STANDARD' WHEN 'PROFESSIONAL' THEN 'STANDARD' ELSE plan END;
ALTER TABLE tenants ALTER COLUMN plan SET DEFAULT 'STANDARD', ADD CONSTRAINT tenants_plan_check CHECK (plan IN ('TRIAL', 'STANDARD', 'ENTERPRISE'));
DROP TABLE plans;`);
  }
}
