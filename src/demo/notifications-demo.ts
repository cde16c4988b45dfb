import type { Client } from 'pg';

/**
 * Notifications of one tenant (issue 14) come from the demo data's own events: tasks assigned,
 * reports verified, invoices gone overdue (the database's triggers). So that every demo login
 * has some, every member is also assigned the yearly data protection training, a task about no
 * one, which tells them; the admins' first one is read already.
 */
export async function loadNotifications(client: Client, tenantId: string): Promise<void> {
  await client.query(
    `INSERT INTO tasks (tenant_id, title, description, priority, due_at, assignee_id)
     SELECT $1, 'Complete the yearly data protection training', 'The online module takes about 40 minutes.', 'MEDIUM', date_trunc('day', now()) + interval '30 days 17 hours', m.id
       FROM memberships m WHERE m.tenant_id = $1 AND m.deleted_at IS NULL`,
    [tenantId],
  );
  await client.query(
    `UPDATE notifications SET read_at = created_at + interval '1 hour'
      WHERE id IN (SELECT DISTINCT ON (n.member_id) n.id FROM notifications n JOIN memberships m ON m.id = n.member_id
                    WHERE n.tenant_id = $1 AND m.role = 'ADMIN' ORDER BY n.member_id, n.created_at, n.id)`,
    [tenantId],
  );
}
