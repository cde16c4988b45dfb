import { MigrationInterface, QueryRunner } from 'typeorm';
import { checkNotBlank, checkOneOf, createTenantTable, dropTenantTable } from '../db/tenant-table';

/** At most one unread notice per member about one thing (the partial unique index below). */
const ONE_UNREAD = 'ON CONFLICT (tenant_id, member_id, type, link) WHERE read_at IS NULL AND deleted_at IS NULL DO NOTHING';
/** The member a request acts as (none for the server's own tasks, such as the overdue sweep). */
const ACTING_MEMBER = (tenant: string) =>
  `(SELECT m.id FROM memberships m WHERE m.tenant_id = ${tenant} AND m.user_id = nullif(current_setting('app.user_id', true), '')::uuid)`;

/**
 * Notifications (seed 004's notifications): one per recipient member, made by the database in
 * the transaction of the event that causes it, whichever path wrote it:
 *
 * - a test report verified → the test's ordering doctor (HIGH when a value is critical);
 * - a task assigned (created with an assignee, or given another) → the assignee, at the task's priority;
 * - an invoice gone OVERDUE (a payment, a due date moved, the sweep) → every active admin.
 *
 * Triggers fire on the row as written (a status another trigger set included). Nobody is told
 * of what they did themselves. A notification names what it is about by its global id
 * (`link`, which node(id) resolves only for a reader allowed to see it) and says little itself:
 * a title and a short message (when a task is due, how many values of a report are abnormal, an
 * invoice's number and due date): no health details, no patient's name, no amount.
 */
export class Notifications1764901440000 implements MigrationInterface {
  name = 'Notifications1764901440000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createTenantTable(queryRunner, 'notifications', {
      columns: [
        'member_id uuid NOT NULL',
        'type varchar(32) NOT NULL',
        "priority varchar(8) NOT NULL DEFAULT 'NORMAL'",
        'title varchar(200) NOT NULL',
        'message text',
        'link varchar(200)',
        'read_at timestamptz',
      ],
      references: { member_id: 'memberships' },
      checks: {
        type: checkOneOf('type', ['TEST_REPORT_VERIFIED', 'TASK_ASSIGNED', 'INVOICE_OVERDUE']),
        priority: checkOneOf('priority', ['LOW', 'NORMAL', 'HIGH', 'URGENT']),
        title: checkNotBlank('title'),
        message: 'length(message) <= 2000',
      },
      // A member's unread ones, newest first: the badge count and the list.
      indexes: [
        { columns: ['member_id', 'created_at', 'id'] },
        // The unread: the badge count, and one notice per member and thing.
        { columns: ['member_id', 'type', 'link'], unique: true, live: true, where: 'read_at IS NULL' },
      ],
      writable: true,
    });
    await queryRunner.query(`
-- A Relay global id, as the API writes it (src/data/global-id.ts): base64url of "<Type>:<uuid>", unpadded.
CREATE FUNCTION global_id(p_type text, p_id uuid) RETURNS text LANGUAGE sql IMMUTABLE AS $f$
  SELECT rtrim(translate(replace(encode(convert_to(p_type || ':' || p_id::text, 'UTF8'), 'base64'), E'\\n', ''), '+/', '-_'), '=')
$f$;

-- Each event is looked at when its transaction commits (deferred triggers), against the row as it
-- is then: a task reassigned and back, or an invoice overdue for a moment inside a request, tells
-- nobody; and a member has at most one unread notice about one thing (the partial unique index).
CREATE FUNCTION notify_test_report_verified() RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_temp AS $f$
BEGIN
  INSERT INTO notifications (tenant_id, member_id, type, priority, title, message, link, created_by, updated_by)
  SELECT r.tenant_id, m.id, 'TEST_REPORT_VERIFIED',
         CASE WHEN EXISTS (SELECT 1 FROM test_results x WHERE x.tenant_id = r.tenant_id AND x.report_id = r.id AND x.deleted_at IS NULL AND x.flag LIKE 'CRITICAL%') THEN 'HIGH' ELSE 'NORMAL' END,
         'Test report verified',
         (SELECT count(*) FROM test_results x WHERE x.tenant_id = r.tenant_id AND x.report_id = r.id AND x.deleted_at IS NULL AND x.flag <> 'NORMAL') || ' value(s) outside the normal range',
         global_id('TestReport', r.id), r.updated_by, r.updated_by
    FROM test_reports r
    JOIN diagnostic_tests d ON d.tenant_id = r.tenant_id AND d.id = r.diagnostic_test_id
    JOIN care_professionals p ON p.tenant_id = d.tenant_id AND p.id = d.ordering_doctor_id
    JOIN memberships m ON m.tenant_id = p.tenant_id AND m.user_id = p.user_id AND m.deleted_at IS NULL
   WHERE r.tenant_id = NEW.tenant_id AND r.id = NEW.id AND r.verified_at IS NOT NULL AND r.deleted_at IS NULL
     AND m.id IS DISTINCT FROM ${ACTING_MEMBER('NEW.tenant_id')}
  ${ONE_UNREAD};
  RETURN NULL;
END $f$;
CREATE CONSTRAINT TRIGGER test_reports_notify_verified AFTER UPDATE ON test_reports DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (OLD.verified_at IS NULL AND NEW.verified_at IS NOT NULL) EXECUTE FUNCTION notify_test_report_verified();

-- Told to the member the change named, if the task is still theirs (and live) at commit.
CREATE FUNCTION notify_task_assigned() RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_temp AS $f$
BEGIN
  INSERT INTO notifications (tenant_id, member_id, type, priority, title, message, link, created_by, updated_by)
  SELECT t.tenant_id, m.id, 'TASK_ASSIGNED',
         CASE t.priority WHEN 'LOW' THEN 'LOW' WHEN 'HIGH' THEN 'HIGH' WHEN 'URGENT' THEN 'URGENT' ELSE 'NORMAL' END,
         'Task assigned to you', 'Due ' || to_char(t.due_at AT TIME ZONE (SELECT timezone FROM tenants WHERE id = t.tenant_id), 'YYYY-MM-DD HH24:MI'),
         global_id('Task', t.id), t.updated_by, t.updated_by
    FROM tasks t JOIN memberships m ON m.tenant_id = t.tenant_id AND m.id = t.assignee_id AND m.deleted_at IS NULL
   WHERE t.tenant_id = NEW.tenant_id AND t.id = NEW.id AND t.assignee_id = NEW.assignee_id AND t.deleted_at IS NULL
     AND m.id IS DISTINCT FROM ${ACTING_MEMBER('NEW.tenant_id')}
  ${ONE_UNREAD};
  RETURN NULL;
END $f$;
CREATE CONSTRAINT TRIGGER tasks_notify_assigned_insert AFTER INSERT ON tasks DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (NEW.assignee_id IS NOT NULL AND NEW.deleted_at IS NULL) EXECUTE FUNCTION notify_task_assigned();
CREATE CONSTRAINT TRIGGER tasks_notify_assigned_update AFTER UPDATE ON tasks DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (NEW.assignee_id IS NOT NULL AND NEW.assignee_id IS DISTINCT FROM OLD.assignee_id AND NEW.deleted_at IS NULL) EXECUTE FUNCTION notify_task_assigned();

-- Told to every admin, if the invoice is still OVERDUE (and live) at commit.
CREATE FUNCTION notify_invoice_overdue() RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_temp AS $f$
BEGIN
  INSERT INTO notifications (tenant_id, member_id, type, priority, title, message, link, created_by, updated_by)
  SELECT i.tenant_id, m.id, 'INVOICE_OVERDUE', 'HIGH', 'An invoice is overdue', 'Invoice ' || i.number || ', due ' || i.due_date,
         global_id('Invoice', i.id), i.updated_by, i.updated_by
    FROM invoices i JOIN memberships m ON m.tenant_id = i.tenant_id AND m.role = 'ADMIN' AND m.deleted_at IS NULL
   WHERE i.tenant_id = NEW.tenant_id AND i.id = NEW.id AND i.status = 'OVERDUE' AND i.deleted_at IS NULL
     AND m.id IS DISTINCT FROM ${ACTING_MEMBER('NEW.tenant_id')}
  ${ONE_UNREAD};
  RETURN NULL;
END $f$;
-- Not "UPDATE OF status": the status trigger changes it on writes that do not name it (a payment's touch).
CREATE CONSTRAINT TRIGGER invoices_notify_overdue_insert AFTER INSERT ON invoices DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (NEW.status = 'OVERDUE') EXECUTE FUNCTION notify_invoice_overdue();
CREATE CONSTRAINT TRIGGER invoices_notify_overdue_update AFTER UPDATE ON invoices DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (NEW.status = 'OVERDUE' AND OLD.status <> 'OVERDUE' AND NEW.deleted_at IS NULL) EXECUTE FUNCTION notify_invoice_overdue();`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
DROP TRIGGER invoices_notify_overdue_update ON invoices; DROP TRIGGER invoices_notify_overdue_insert ON invoices; DROP TRIGGER tasks_notify_assigned_update ON tasks; DROP TRIGGER tasks_notify_assigned_insert ON tasks;
DROP TRIGGER test_reports_notify_verified ON test_reports;
DROP FUNCTION notify_invoice_overdue(); DROP FUNCTION notify_task_assigned(); DROP FUNCTION notify_test_report_verified(); DROP FUNCTION global_id(text, uuid);`);
    await dropTenantTable(queryRunner, 'notifications');
  }
}
