import { MigrationInterface, QueryRunner } from 'typeorm';
import { createTenantTable, dropTenantTable, checkOneOf } from '../db/tenant-table';


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
        action: checkOneOf('action', ['CALL_LOGGED', 'LEAD_STATUS_CHANGED', 'LEAD_ASSIGNED', 'LEAD_CONVERTED', 'JOURNEY_ADVANCED', 'TASK_COMPLETED']),
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
