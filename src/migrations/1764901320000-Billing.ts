import { MigrationInterface, QueryRunner } from 'typeorm';
import { checkNotBlank, checkOneOf, createTenantTable, dropTenantTable } from '../db/tenant-table';
import { APP_DB_ROLE } from '../db/roles';
import { FIXED_AND_KEPT } from '../db/row-rules';

const INVOICE_STATUSES = ['DRAFT', 'ISSUED', 'PARTIALLY_PAID', 'PAID', 'OVERDUE', 'VOID'];
const PAYMENT_METHODS = ['CASH', 'CARD', 'BANK_TRANSFER', 'CHEQUE', 'INSURANCE', 'OTHER'];
/** Money: two decimals, below 10^12. */
const MONEY = 'numeric(14,2)';
/**
 * Rows counted in an invoice's sums: live, or deleted together with it (`gone`: its deleted_at,
 * or, while it is being restored, the deletion it comes back from, whose rows come back with it):
 * deleting or restoring an invoice never moves its sums.
 */
const COUNTED = (alias: string) => `(${alias}.deleted_at IS NULL OR ${alias}.deleted_at = gone)`;
/** Set, for this transaction only, while an invoice's own rows are restored with it (invoice_restore_rows). */
const RESTORING = "current_setting('caregraph.restoring_invoice', true)";

/**
 * Billing (seeds 000/001's invoices and invoice_items, 004's payments): invoices of a patient
 * with their items, payments and refunds. Money is numeric, never a float, and every sum is
 * the database's:
 *
 * - an item's subtotal, tax and total are generated columns of quantity, unit price and tax rate;
 * - an invoice's subtotal, tax and total are recomputed from its items, and what was paid and
 *   refunded from its payments and refunds, by its own trigger at every write of it (a write of
 *   one of those rows touches it), under its row lock: concurrent writers add up, never
 *   overwrite, and no path can set a sum by hand;
 * - its balance is a generated column, and its status follows from the sums and the due date
 *   (ISSUED, PARTIALLY_PAID, PAID, OVERDUE) once it leaves DRAFT, unless VOID;
 * - checks keep the invariants whatever path writes: nothing is paid beyond the total, refunded
 *   beyond what was paid, or left paid on a void invoice.
 *
 * An issued invoice is a record: its number (per tenant, in issue order, without gaps), patient,
 * currency, issue date and items are fixed, it is never deleted but with its patient, and a
 * correction is a VOID and a new invoice. A payment is refused past the balance, a refund past
 * what is left of its payment, both under locks (rules `exceedsBalance`, `exceedsPayment`).
 */
export class Billing1764901320000 implements MigrationInterface {
  name = 'Billing1764901320000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
-- The tenant's calendar day: due dates pass at the tenant's midnight, not the server's.
CREATE FUNCTION tenant_today(p_tenant uuid) RETURNS date LANGUAGE sql STABLE SET search_path = public, pg_temp AS $f$
  SELECT (now() AT TIME ZONE t.timezone)::date FROM tenants t WHERE t.id = p_tenant
$f$;`);

    await createTenantTable(queryRunner, 'invoices', {
      columns: [
        'patient_id uuid NOT NULL',
        'site_id uuid',
        'number integer',
        "status varchar(16) NOT NULL DEFAULT 'DRAFT'",
        'currency char(3) NOT NULL',
        'issue_date date',
        'due_date date',
        'notes text',
        `subtotal ${MONEY} NOT NULL DEFAULT 0`,
        `tax_total ${MONEY} NOT NULL DEFAULT 0`,
        `total ${MONEY} NOT NULL DEFAULT 0`,
        `amount_paid ${MONEY} NOT NULL DEFAULT 0`,
        `amount_refunded ${MONEY} NOT NULL DEFAULT 0`,
        `balance ${MONEY} GENERATED ALWAYS AS (total - amount_paid + amount_refunded) STORED`,
        'issued_at timestamptz',
        'paid_at timestamptz',
        'voided_at timestamptz',
        'void_reason text',
      ],
      references: { patient_id: 'patients', site_id: 'sites' },
      checks: {
        status: checkOneOf('status', INVOICE_STATUSES),
        currency: "currency ~ '^[A-Z]{3}$'",
        notes: 'length(notes) <= 5000',
        number: "(status = 'DRAFT') = (number IS NULL) AND (number IS NULL OR number > 0)",
        issue_date: "status = 'DRAFT' OR (issue_date IS NOT NULL AND due_date IS NOT NULL AND issued_at IS NOT NULL)",
        due_date: 'due_date IS NULL OR issue_date IS NULL OR due_date >= issue_date',
        // Dates a person could mean, and that print: an invoice of this millennium, due within ten years.
        issue_range: "issue_date IS NULL OR issue_date BETWEEN DATE '2000-01-01' AND DATE '2999-12-31'",
        due_range: 'due_date IS NULL OR issue_date IS NULL OR due_date <= issue_date + 3650',
        // The invariants of the sums, whichever path writes.
        not_overpaid: 'amount_paid - amount_refunded <= total',
        refunds: 'amount_refunded >= 0 AND amount_refunded <= amount_paid',
        sums: 'subtotal >= 0 AND tax_total >= 0 AND total = subtotal + tax_total',
        void: `(status = 'VOID') = (voided_at IS NOT NULL) AND (status <> 'VOID' OR (amount_paid = amount_refunded AND ${checkNotBlank('void_reason')} AND length(void_reason) <= 2000))`,
        paid_at: "(status = 'PAID') = (paid_at IS NOT NULL)",
      },
      indexes: [
        { columns: ['number'], unique: true },
        { columns: ['patient_id', 'created_at', 'id'] },
        { columns: ['status', 'due_date', 'id'], live: true },
        { columns: ['created_at', 'id'], live: true },
      ],
      writable: true,
    });
    await queryRunner.query(`ALTER TABLE invoices ADD CONSTRAINT invoices_tenant_id_patient_key UNIQUE (tenant_id, id, patient_id)`);

    await createTenantTable(queryRunner, 'invoice_items', {
      columns: [
        'invoice_id uuid NOT NULL',
        'patient_id uuid NOT NULL',
        'description varchar(500) NOT NULL',
        'service_code varchar(32)',
        'quantity numeric(10,3) NOT NULL DEFAULT 1',
        `unit_price ${MONEY} NOT NULL`,
        'tax_rate numeric(5,2) NOT NULL DEFAULT 0',
        // Rounded per line, half away from zero (PostgreSQL's round on numeric): the invoice adds up its lines.
        `subtotal ${MONEY} GENERATED ALWAYS AS (round(quantity * unit_price, 2)) STORED`,
        `tax ${MONEY} GENERATED ALWAYS AS (round(round(quantity * unit_price, 2) * tax_rate / 100, 2)) STORED`,
        `total ${MONEY} GENERATED ALWAYS AS (round(quantity * unit_price, 2) + round(round(quantity * unit_price, 2) * tax_rate / 100, 2)) STORED`,
      ],
      references: { invoice_id: 'invoices', patient_id: 'patients' },
      checks: {
        // A line stays below 10^10 with its tax, so that its amounts and a few thousand lines fit the invoice's sums.
        line: 'quantity * unit_price * (1 + tax_rate / 100) < 1e10',
        description: checkNotBlank('description'),
        service_code: checkNotBlank('service_code'),
        quantity: 'quantity > 0',
        unit_price: 'unit_price >= 0 AND unit_price < 1e10',
        tax_rate: 'tax_rate >= 0 AND tax_rate <= 100',
      },
      indexes: [{ columns: ['invoice_id', 'created_at', 'id'] }],
      writable: true,
    });

    await createTenantTable(queryRunner, 'payments', {
      columns: [
        'invoice_id uuid NOT NULL',
        'patient_id uuid NOT NULL',
        `amount ${MONEY} NOT NULL`,
        'method varchar(16) NOT NULL',
        'reference varchar(100)',
        'received_at timestamptz NOT NULL DEFAULT now()',
        'notes text',
      ],
      references: { invoice_id: 'invoices', patient_id: 'patients' },
      checks: {
        amount: 'amount > 0',
        method: checkOneOf('method', PAYMENT_METHODS),
        reference: checkNotBlank('reference'),
        notes: 'length(notes) <= 2000',
      },
      indexes: [{ columns: ['invoice_id', 'received_at', 'id'] }, { columns: ['received_at', 'id'], live: true }],
      writable: true,
    });
    await queryRunner.query(`ALTER TABLE payments ADD CONSTRAINT payments_tenant_id_invoice_key UNIQUE (tenant_id, id, invoice_id, patient_id)`);

    await createTenantTable(queryRunner, 'refunds', {
      columns: [
        'payment_id uuid NOT NULL',
        'invoice_id uuid NOT NULL',
        'patient_id uuid NOT NULL',
        `amount ${MONEY} NOT NULL`,
        'reason text NOT NULL',
        'reference varchar(100)',
        'refunded_at timestamptz NOT NULL DEFAULT now()',
      ],
      references: { payment_id: 'payments', invoice_id: 'invoices', patient_id: 'patients' },
      checks: {
        amount: 'amount > 0',
        reason: `${checkNotBlank('reason')} AND length(reason) <= 2000`,
        reference: checkNotBlank('reference'),
      },
      indexes: [{ columns: ['payment_id', 'refunded_at', 'id'] }, { columns: ['refunded_at', 'id'], live: true }],
      writable: true,
    });

    await queryRunner.query(`
-- Items, payments and refunds are of their invoice's patient; a refund is of its payment's invoice.
ALTER TABLE invoice_items ADD CONSTRAINT invoice_items_invoice_patient_fkey FOREIGN KEY (tenant_id, invoice_id, patient_id) REFERENCES invoices (tenant_id, id, patient_id);
ALTER TABLE payments ADD CONSTRAINT payments_invoice_patient_fkey FOREIGN KEY (tenant_id, invoice_id, patient_id) REFERENCES invoices (tenant_id, id, patient_id);
ALTER TABLE refunds ADD CONSTRAINT refunds_payment_invoice_fkey FOREIGN KEY (tenant_id, payment_id, invoice_id, patient_id) REFERENCES payments (tenant_id, id, invoice_id, patient_id);

-- An invoice's life: fixed once issued, its status following from its sums and due date.
CREATE FUNCTION invoice_before_write() RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_temp AS $f$
DECLARE
  was_draft boolean := TG_OP = 'INSERT' OR OLD.status = 'DRAFT';
  -- A restore counts the rows deleted with it: they come back right after (invoice_restore_rows).
  gone timestamptz := CASE WHEN TG_OP = 'UPDATE' AND OLD.deleted_at IS NOT NULL AND NEW.deleted_at IS NULL THEN OLD.deleted_at ELSE NEW.deleted_at END;
  net numeric;
BEGIN
  -- The sums, always from the rows, whatever was written: no path sets them by hand.
  SELECT coalesce(sum(x.subtotal), 0), coalesce(sum(x.tax), 0) INTO NEW.subtotal, NEW.tax_total
    FROM invoice_items x WHERE x.tenant_id = NEW.tenant_id AND x.invoice_id = NEW.id AND ${COUNTED('x')};
  NEW.total := NEW.subtotal + NEW.tax_total;
  SELECT coalesce(sum(x.amount), 0) INTO NEW.amount_paid FROM payments x WHERE x.tenant_id = NEW.tenant_id AND x.invoice_id = NEW.id AND ${COUNTED('x')};
  SELECT coalesce(sum(x.amount), 0) INTO NEW.amount_refunded FROM refunds x WHERE x.tenant_id = NEW.tenant_id AND x.invoice_id = NEW.id AND ${COUNTED('x')};
  net := NEW.amount_paid - NEW.amount_refunded;
  IF NOT was_draft THEN
    IF NEW.status = 'DRAFT' OR (NEW.patient_id, NEW.site_id, NEW.currency, NEW.issue_date, NEW.number, NEW.issued_at)
                               IS DISTINCT FROM (OLD.patient_id, OLD.site_id, OLD.currency, OLD.issue_date, OLD.number, OLD.issued_at) THEN
      RAISE EXCEPTION 'the invoice is issued: it is fixed' USING ERRCODE = 'check_violation', CONSTRAINT = 'invoices_issued_fixed', TABLE = 'invoices';
    END IF;
    IF OLD.status = 'VOID' AND (NEW.status <> 'VOID' OR (NEW.due_date, NEW.void_reason, NEW.voided_at) IS DISTINCT FROM (OLD.due_date, OLD.void_reason, OLD.voided_at)) THEN
      RAISE EXCEPTION 'the invoice is void' USING ERRCODE = 'check_violation', CONSTRAINT = 'invoices_void_fixed', TABLE = 'invoices';
    END IF;
    -- Deleted only with its patient (the cascade gives it the patient's very deleted_at).
    IF OLD.deleted_at IS NULL AND NEW.deleted_at IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM patients p WHERE p.tenant_id = NEW.tenant_id AND p.id = NEW.patient_id AND p.deleted_at = NEW.deleted_at) THEN
      RAISE EXCEPTION 'an issued invoice is kept' USING ERRCODE = 'check_violation', CONSTRAINT = 'invoices_issued_kept', TABLE = 'invoices';
    END IF;
  END IF;
  IF NEW.status = 'DRAFT' THEN RETURN NEW; END IF;
  IF was_draft THEN
    NEW.issued_at := now();
    NEW.issue_date := coalesce(NEW.issue_date, tenant_today(NEW.tenant_id));
    NEW.due_date := coalesce(NEW.due_date, NEW.issue_date + 30);
  END IF;
  IF NEW.status = 'VOID' THEN
    NEW.voided_at := coalesce(NEW.voided_at, now());
    NEW.paid_at := NULL;
    RETURN NEW;
  END IF;
  NEW.status := CASE
    WHEN NEW.total - net <= 0 THEN 'PAID'
    WHEN NEW.due_date < tenant_today(NEW.tenant_id) THEN 'OVERDUE'
    WHEN net > 0 THEN 'PARTIALLY_PAID'
    ELSE 'ISSUED' END;
  NEW.paid_at := CASE WHEN NEW.status = 'PAID' THEN coalesce(CASE WHEN TG_OP = 'UPDATE' THEN OLD.paid_at END, now()) END;
  RETURN NEW;
END $f$;
CREATE TRIGGER invoices_before_write BEFORE INSERT OR UPDATE ON invoices FOR EACH ROW EXECUTE FUNCTION invoice_before_write();

-- Numbers in issue order, per tenant, without gaps (the counter rolls back with the issue).
CREATE FUNCTION assign_invoice_number() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $f$
DECLARE next_value bigint;
BEGIN
  IF NEW.status <> 'DRAFT' AND NEW.number IS NULL THEN
    INSERT INTO tenant_counters (tenant_id, name, value) VALUES (NEW.tenant_id, 'invoice', 1)
      ON CONFLICT (tenant_id, name) DO UPDATE SET value = tenant_counters.value + 1
      RETURNING value INTO next_value;
    NEW.number := next_value;
  END IF;
  RETURN NEW;
END $f$;
CREATE TRIGGER invoices_assign_number BEFORE INSERT OR UPDATE ON invoices FOR EACH ROW EXECUTE FUNCTION assign_invoice_number();

-- A write of an item, payment or refund touches its invoice, whose trigger above adds it all up
-- again. The UPDATE waits for the invoice's row lock, and the trigger's sums, read after it, see
-- every writer that held it before: concurrent writers add up, never overwrite.
CREATE FUNCTION invoice_child_touch() RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_temp AS $f$
BEGIN
  IF ${RESTORING} IS DISTINCT FROM NEW.invoice_id::text THEN
    UPDATE invoices SET updated_at = now() WHERE tenant_id = NEW.tenant_id AND id = NEW.invoice_id;
  END IF;
  RETURN NULL;
END $f$;

-- An invoice restored brings back the rows deleted with it (its very deleted_at) at once, which its
-- restore counted already: never a moment with its items back but not its payments (a sum that
-- would break its checks, or a status it never had), and no write of it but the restore. The
-- API's cascade that follows finds nothing left.
CREATE FUNCTION invoice_restore_rows() RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_temp AS $f$
BEGIN
  PERFORM set_config('caregraph.restoring_invoice', NEW.id::text, true);
  UPDATE invoice_items SET deleted_at = NULL WHERE tenant_id = NEW.tenant_id AND invoice_id = NEW.id AND deleted_at = OLD.deleted_at;
  UPDATE payments SET deleted_at = NULL WHERE tenant_id = NEW.tenant_id AND invoice_id = NEW.id AND deleted_at = OLD.deleted_at;
  UPDATE refunds SET deleted_at = NULL WHERE tenant_id = NEW.tenant_id AND invoice_id = NEW.id AND deleted_at = OLD.deleted_at;
  PERFORM set_config('caregraph.restoring_invoice', '', true);
  RETURN NULL;
END $f$;
CREATE TRIGGER invoices_restore_rows AFTER UPDATE ON invoices FOR EACH ROW
  WHEN (OLD.deleted_at IS NOT NULL AND NEW.deleted_at IS NULL) EXECUTE FUNCTION invoice_restore_rows();

-- Items are written while the invoice is a DRAFT; after that they change only with it (deleted
-- with its very deleted_at, or restored with it by invoice_restore_rows).
CREATE FUNCTION invoice_item_draft_only() RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_temp AS $f$
DECLARE invoice invoices%ROWTYPE;
BEGIN
  IF TG_OP = 'UPDATE' AND (NEW.invoice_id, NEW.patient_id) IS DISTINCT FROM (OLD.invoice_id, OLD.patient_id) THEN
    RAISE EXCEPTION 'an item stays on its invoice' USING ERRCODE = 'check_violation', CONSTRAINT = 'invoice_items_invoice_fixed', TABLE = 'invoice_items';
  END IF;
  SELECT * INTO invoice FROM invoices i WHERE i.tenant_id = NEW.tenant_id AND i.id = NEW.invoice_id FOR NO KEY UPDATE;
  IF invoice.status = 'DRAFT' THEN RETURN NEW; END IF;
  IF TG_OP = 'INSERT' THEN
    RAISE EXCEPTION 'the invoice is issued: its items are fixed' USING ERRCODE = 'check_violation', CONSTRAINT = 'invoice_items_invoice_issued', TABLE = 'invoice_items';
  END IF;
  IF (to_jsonb(NEW) - ARRAY['deleted_at', 'updated_at', 'updated_by', 'version', 'subtotal', 'tax', 'total'])
                          = (to_jsonb(OLD) - ARRAY['deleted_at', 'updated_at', 'updated_by', 'version', 'subtotal', 'tax', 'total'])
     AND ((OLD.deleted_at IS NULL AND NEW.deleted_at IS NOT NULL AND NEW.deleted_at = invoice.deleted_at)
       OR (OLD.deleted_at IS NOT NULL AND NEW.deleted_at IS NULL AND ${RESTORING} = NEW.invoice_id::text)) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'the invoice is issued: its items are fixed' USING ERRCODE = 'check_violation', CONSTRAINT = 'invoice_items_issued_fixed', TABLE = 'invoice_items';
END $f$;
CREATE TRIGGER invoice_items_draft_only BEFORE INSERT OR UPDATE ON invoice_items FOR EACH ROW EXECUTE FUNCTION invoice_item_draft_only();
CREATE TRIGGER invoice_items_touch_invoice AFTER INSERT OR UPDATE ON invoice_items FOR EACH ROW EXECUTE FUNCTION invoice_child_touch();

-- A payment is of an issued, open invoice and at most its balance, read under the invoice's lock:
-- concurrent payments take turns, and the second sees the first. What it pays and for which
-- invoice stay as recorded; it is deleted only with its invoice (a mistake is refunded), whatever
-- a custom role was granted.
CREATE FUNCTION payment_fits_invoice() RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_temp AS $f$
DECLARE invoice invoices%ROWTYPE;
BEGIN
  ${FIXED_AND_KEPT('payments', ['invoice_id', 'patient_id', 'amount'], { table: 'invoices', key: 'invoice_id' })}
  SELECT * INTO invoice FROM invoices i WHERE i.tenant_id = NEW.tenant_id AND i.id = NEW.invoice_id FOR NO KEY UPDATE;
  IF invoice.status NOT IN ('ISSUED', 'PARTIALLY_PAID', 'OVERDUE') OR invoice.deleted_at IS NOT NULL THEN
    RAISE EXCEPTION 'the invoice is not open for payment' USING ERRCODE = 'check_violation', CONSTRAINT = 'payments_invoice_open', TABLE = 'payments';
  END IF;
  IF NEW.amount > invoice.balance THEN
    RAISE EXCEPTION 'the payment exceeds the balance' USING ERRCODE = 'check_violation', CONSTRAINT = 'payments_exceeds_balance', TABLE = 'payments', DETAIL = invoice.balance::text;
  END IF;
  RETURN NEW;
END $f$;
CREATE TRIGGER payments_fit_invoice BEFORE INSERT OR UPDATE ON payments FOR EACH ROW EXECUTE FUNCTION payment_fits_invoice();
CREATE TRIGGER payments_touch_invoice AFTER INSERT OR UPDATE ON payments FOR EACH ROW EXECUTE FUNCTION invoice_child_touch();

-- A refund gives back at most what is left of its payment, read under the payment's lock.
CREATE FUNCTION refund_fits_payment() RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_temp AS $f$
DECLARE payment payments%ROWTYPE; left_of numeric;
BEGIN
  ${FIXED_AND_KEPT('refunds', ['payment_id', 'invoice_id', 'patient_id', 'amount'], { table: 'payments', key: 'payment_id' })}
  SELECT * INTO payment FROM payments p WHERE p.tenant_id = NEW.tenant_id AND p.id = NEW.payment_id FOR NO KEY UPDATE;
  IF payment.deleted_at IS NOT NULL THEN
    RAISE EXCEPTION 'the payment is deleted' USING ERRCODE = 'check_violation', CONSTRAINT = 'refunds_payment_live', TABLE = 'refunds';
  END IF;
  IF NEW.refunded_at < payment.received_at THEN
    RAISE EXCEPTION 'a refund comes after its payment' USING ERRCODE = 'check_violation', CONSTRAINT = 'refunds_after_payment', TABLE = 'refunds';
  END IF;
  SELECT payment.amount - coalesce(sum(r.amount), 0) INTO left_of FROM refunds r WHERE r.tenant_id = NEW.tenant_id AND r.payment_id = NEW.payment_id AND r.deleted_at IS NULL;
  IF NEW.amount > left_of THEN
    RAISE EXCEPTION 'the refund exceeds what is left of the payment' USING ERRCODE = 'check_violation', CONSTRAINT = 'refunds_exceeds_payment', TABLE = 'refunds', DETAIL = left_of::text;
  END IF;
  RETURN NEW;
END $f$;
CREATE TRIGGER refunds_fit_payment BEFORE INSERT OR UPDATE ON refunds FOR EACH ROW EXECUTE FUNCTION refund_fits_payment();
CREATE TRIGGER refunds_touch_invoice AFTER INSERT OR UPDATE ON refunds FOR EACH ROW EXECUTE FUNCTION invoice_child_touch();

-- The overdue sweep (src/jobs/overdue-invoices.ts), run by the server as the request role, one
-- tenant per statement (its own short transaction: one tenant's locks or failure never hold up
-- another's). It only applies the status rule above, so it needs no caller: the status trigger
-- decides, and the change is audited like any write (no actor). An invoice another request is
-- writing is passed over: that write settles its status itself.
CREATE FUNCTION overdue_sweep_tenants() RETURNS SETOF uuid LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $f$
  SELECT id FROM tenants WHERE deleted_at IS NULL ORDER BY id
$f$;
CREATE FUNCTION mark_overdue_invoices(p_tenant uuid) RETURNS integer LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $f$
DECLARE moved integer;
BEGIN
  PERFORM set_config('app.tenant_id', p_tenant::text, true), set_config('app.user_id', '', true);
  UPDATE invoices SET status = 'OVERDUE'
   WHERE id IN (SELECT id FROM invoices WHERE tenant_id = p_tenant AND status IN ('ISSUED', 'PARTIALLY_PAID') AND deleted_at IS NULL
                  AND due_date < tenant_today(p_tenant) FOR UPDATE SKIP LOCKED);
  GET DIAGNOSTICS moved = ROW_COUNT;
  -- app.tenant_id stays set to the end of this statement's transaction: what its writes set off at
  -- commit (notifications) runs in this tenant too.
  RETURN moved;
END $f$;
REVOKE ALL ON FUNCTION overdue_sweep_tenants() FROM PUBLIC;
REVOKE ALL ON FUNCTION mark_overdue_invoices(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION overdue_sweep_tenants() TO ${APP_DB_ROLE};
GRANT EXECUTE ON FUNCTION mark_overdue_invoices(uuid) TO ${APP_DB_ROLE};`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropTenantTable(queryRunner, 'refunds');
    await dropTenantTable(queryRunner, 'payments');
    await dropTenantTable(queryRunner, 'invoice_items');
    await dropTenantTable(queryRunner, 'invoices');
    await queryRunner.query(`
DROP FUNCTION mark_overdue_invoices(uuid); DROP FUNCTION overdue_sweep_tenants(); DROP FUNCTION invoice_restore_rows(); DROP FUNCTION refund_fits_payment(); DROP FUNCTION payment_fits_invoice(); DROP FUNCTION invoice_item_draft_only();
DROP FUNCTION invoice_child_touch(); DROP FUNCTION assign_invoice_number(); DROP FUNCTION invoice_before_write(); DROP FUNCTION tenant_today(uuid);
DELETE FROM tenant_counters WHERE name = 'invoice';`);
  }
}
