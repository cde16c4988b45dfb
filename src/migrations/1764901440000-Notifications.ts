import { MigrationInterface, QueryRunner } from 'typeorm';
import { checkNotBlank, checkOneOf, createTenantTable, dropTenantTable } from '../db/tenant-table';

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
 * a title and a short message (a task's title, a test's name and how many values are abnormal,
 * an invoice's number and balance), never a patient's name.
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
      indexes: [{ columns: ['member_id', 'created_at', 'id'] }, { columns: ['member_id', 'id'], live: true, where: 'read_at IS NULL' }],
      writable: true,
    });
    await queryRunner.query(`
-- A Relay global id, as the API writes it (src/data/global-id.ts): base64url of "<Type>:<uuid>", unpadded.
CREATE FUNCTION global_id(p_type text, p_id uuid) RETURNS text LANGUAGE sql IMMUTABLE AS $f$
  SELECT rtrim(translate(replace(encode(convert_to(p_type || ':' || p_id::text, 'UTF8'), 'base64'), E'\\n', ''), '+/', '-_'), '=')
$f$;

CREATE FUNCTION notify_test_report_verified() RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_temp AS $f$
BEGIN
  INSERT INTO notifications (tenant_id, member_id, type, priority, title, message, link, created_by, updated_by)
  SELECT NEW.tenant_id, m.id, 'TEST_REPORT_VERIFIED',
         CASE WHEN EXISTS (SELECT 1 FROM test_results r WHERE r.tenant_id = NEW.tenant_id AND r.report_id = NEW.id AND r.deleted_at IS NULL AND r.flag LIKE 'CRITICAL%') THEN 'HIGH' ELSE 'NORMAL' END,
         'Test report verified',
         d.test_name || ': ' || (SELECT count(*) FROM test_results r WHERE r.tenant_id = NEW.tenant_id AND r.report_id = NEW.id AND r.deleted_at IS NULL AND r.flag <> 'NORMAL') || ' value(s) outside the normal range',
         global_id('TestReport', NEW.id), NEW.updated_by, NEW.updated_by
    FROM diagnostic_tests d
    JOIN care_professionals p ON p.tenant_id = d.tenant_id AND p.id = d.ordering_doctor_id
    JOIN memberships m ON m.tenant_id = p.tenant_id AND m.user_id = p.user_id AND m.deleted_at IS NULL
   WHERE d.tenant_id = NEW.tenant_id AND d.id = NEW.diagnostic_test_id
     AND m.id IS DISTINCT FROM ${ACTING_MEMBER('NEW.tenant_id')};
  RETURN NULL;
END $f$;
CREATE TRIGGER test_reports_notify_verified AFTER UPDATE ON test_reports FOR EACH ROW
  WHEN (OLD.verified_at IS NULL AND NEW.verified_at IS NOT NULL) EXECUTE FUNCTION notify_test_report_verified();

CREATE FUNCTION notify_task_assigned() RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_temp AS $f$
BEGIN
  INSERT INTO notifications (tenant_id, member_id, type, priority, title, message, link, created_by, updated_by)
  SELECT NEW.tenant_id, m.id, 'TASK_ASSIGNED',
         CASE NEW.priority WHEN 'LOW' THEN 'LOW' WHEN 'HIGH' THEN 'HIGH' WHEN 'URGENT' THEN 'URGENT' ELSE 'NORMAL' END,
         'Task assigned to you', NEW.title, global_id('Task', NEW.id), NEW.updated_by, NEW.updated_by
    FROM memberships m
   WHERE m.tenant_id = NEW.tenant_id AND m.id = NEW.assignee_id AND m.deleted_at IS NULL
     AND m.id IS DISTINCT FROM ${ACTING_MEMBER('NEW.tenant_id')};
  RETURN NULL;
END $f$;
CREATE TRIGGER tasks_notify_assigned_insert AFTER INSERT ON tasks FOR EACH ROW
  WHEN (NEW.assignee_id IS NOT NULL AND NEW.deleted_at IS NULL) EXECUTE FUNCTION notify_task_assigned();
CREATE TRIGGER tasks_notify_assigned_update AFTER UPDATE ON tasks FOR EACH ROW
  WHEN (NEW.assignee_id IS NOT NULL AND NEW.assignee_id IS DISTINCT FROM OLD.assignee_id AND NEW.deleted_at IS NULL) EXECUTE FUNCTION notify_task_assigned();

CREATE FUNCTION notify_invoice_overdue() RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_temp AS $f$
BEGIN
  INSERT INTO notifications (tenant_id, member_id, type, priority, title, message, link, created_by, updated_by)
  SELECT NEW.tenant_id, m.id, 'INVOICE_OVERDUE', 'HIGH', 'Invoice ' || NEW.number || ' is overdue',
         NEW.balance || ' ' || NEW.currency || ' due since ' || NEW.due_date, global_id('Invoice', NEW.id), NEW.updated_by, NEW.updated_by
    FROM memberships m
   WHERE m.tenant_id = NEW.tenant_id AND m.role = 'ADMIN' AND m.deleted_at IS NULL
     AND m.id IS DISTINCT FROM ${ACTING_MEMBER('NEW.tenant_id')};
  RETURN NULL;
END $f$;
-- Not "UPDATE OF status": the status trigger changes it on writes that do not name it (a payment's touch).
CREATE TRIGGER invoices_notify_overdue_insert AFTER INSERT ON invoices FOR EACH ROW
  WHEN (NEW.status = 'OVERDUE') EXECUTE FUNCTION notify_invoice_overdue();
CREATE TRIGGER invoices_notify_overdue_update AFTER UPDATE ON invoices FOR EACH ROW
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
