import { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_DB_ROLE } from '../db/roles';
import { createTenantTable, dropTenantTable } from '../db/tenant-table';

/**
 * Members as others in the tenant see them (a view over memberships and users, read with the
 * caller's row-level security: security_invoker), and tasks assigned to them. A task's
 * assignee is a membership of the same tenant, by composite foreign key.
 */
export class TasksAndMembers1764900120000 implements MigrationInterface {
  name = 'TasksAndMembers1764900120000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
CREATE VIEW members WITH (security_invoker = true) AS
  SELECT m.id, m.tenant_id, m.created_at, m.updated_at, m.created_by, m.updated_by,
         -- A member whose user was deleted reads as deleted.
         coalesce(m.deleted_at, u.deleted_at) AS deleted_at, m.version,
         m.user_id, u.display_name, u.email, m.role
    FROM memberships m JOIN users u ON u.id = m.user_id;
GRANT SELECT ON members TO ${APP_DB_ROLE};`);

    await createTenantTable(queryRunner, 'tasks', {
      columns: [
        'title varchar(200) NOT NULL',
        'description text',
        "status varchar(16) NOT NULL DEFAULT 'PENDING'",
        "priority varchar(16) NOT NULL DEFAULT 'MEDIUM'",
        'due_at timestamptz NOT NULL',
        'completed_at timestamptz',
        'assignee_id uuid',
        'patient_id uuid',
      ],
      // Only live tasks are looked up by assignee (nothing cascades from a member): the partial index serves the key.
      references: { assignee_id: { table: 'memberships', live: true }, patient_id: 'patients' },
      checks: {
        title: 'length(btrim(title)) > 0',
        description: 'length(description) <= 5000',
        status: "status IN ('PENDING', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED')",
        priority: "priority IN ('LOW', 'MEDIUM', 'HIGH', 'URGENT')",
        completed_at: "(status = 'COMPLETED') = (completed_at IS NOT NULL)",
      },
      indexes: [
        { columns: ['due_at', 'id'], live: true },
        { columns: ['assignee_id', 'due_at', 'id'], live: true },
        { columns: ['patient_id', 'due_at', 'id'] },
      ],
      writable: true,
    });
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropTenantTable(queryRunner, 'tasks');
    await queryRunner.query('DROP VIEW IF EXISTS members');
  }
}
