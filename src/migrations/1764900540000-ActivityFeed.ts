import { MigrationInterface, QueryRunner } from 'typeorm';
import { createTenantTable, dropTenantTable } from '../db/tenant-table';

/** `column IN ('A', 'B')`. Values are written out: a migration keeps the meaning it had when it ran. */
const oneOf = (column: string, values: string[]) => `${column} IN (${values.map((v) => `'${v}'`).join(', ')})`;

/** HealthCRM's activity feed: entries about exactly one lead or patient, by a member, written by the domain operations. */
export class ActivityFeed1764900540000 implements MigrationInterface {
  name = 'ActivityFeed1764900540000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createTenantTable(queryRunner, 'activity_logs', {
      columns: [
        'lead_id uuid',
        'patient_id uuid',
        'action varchar(32) NOT NULL',
        "details jsonb NOT NULL DEFAULT '{}'",
        'occurred_at timestamptz NOT NULL DEFAULT clock_timestamp()',
        'actor_id uuid NOT NULL',
      ],
      references: { lead_id: 'leads', patient_id: 'patients', actor_id: { table: 'memberships', live: true } },
      checks: {
        lead_id: 'num_nonnulls(lead_id, patient_id) = 1',
        action: oneOf('action', ['CALL_LOGGED', 'LEAD_STATUS_CHANGED', 'LEAD_ASSIGNED', 'LEAD_CONVERTED', 'JOURNEY_ADVANCED', 'TASK_COMPLETED']),
        details: "jsonb_typeof(details) = 'object'",
      },
      indexes: [{ columns: ['lead_id', 'occurred_at', 'id'] }, { columns: ['patient_id', 'occurred_at', 'id'] }, { columns: ['occurred_at', 'id'], live: true }],
      writable: true,
    });
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropTenantTable(queryRunner, 'activity_logs');
  }
}
