import { MigrationInterface, QueryRunner } from 'typeorm';
import { createTenantTable, dropTenantTable } from '../db/tenant-table';

const WEEKDAYS = `('MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY')`;

/**
 * Scheduling integrity, second part (issue 10): when care professionals work (weekly windows of
 * local times, per site, over a span of dates) and their time off (requested, then approved or
 * rejected). The booking rules that read them are in src/domain/scheduling.ts; the database
 * holds each row's own shape: windows end after they start on the same day (`24:00` closes
 * one at midnight), whole minutes, a span's last day not before its first, time off ending
 * after it starts, and a decided request saying when and by whom.
 */
export class ProviderAvailability1764900180000 implements MigrationInterface {
  name = 'ProviderAvailability1764900180000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createTenantTable(queryRunner, 'provider_availabilities', {
      columns: [
        'care_professional_id uuid NOT NULL',
        'site_id uuid',
        'weekday varchar(9) NOT NULL',
        'start_time time(0) NOT NULL',
        'end_time time(0) NOT NULL',
        'valid_from date NOT NULL',
        'valid_to date',
      ],
      references: { care_professional_id: 'care_professionals', site_id: 'sites' },
      checks: {
        weekday: `weekday IN ${WEEKDAYS}`,
        start_time: "start_time < '24:00' AND extract(second FROM start_time) = 0",
        end_time: 'end_time > start_time AND extract(second FROM end_time) = 0',
        valid_to: 'valid_to >= valid_from',
      },
      writable: true,
    });

    await createTenantTable(queryRunner, 'time_off_requests', {
      columns: [
        'care_professional_id uuid NOT NULL',
        'start_time timestamptz NOT NULL',
        'end_time timestamptz NOT NULL',
        'reason varchar(500)',
        "status varchar(16) NOT NULL DEFAULT 'REQUESTED'",
        'decided_at timestamptz',
        'decided_by_id uuid',
      ],
      references: { care_professional_id: 'care_professionals', decided_by_id: 'memberships' },
      checks: {
        end_time: 'end_time > start_time',
        reason: 'length(btrim(reason)) > 0',
        status: "status IN ('REQUESTED', 'APPROVED', 'REJECTED', 'CANCELLED')",
        // CANCELLED may have been decided (approved, then cancelled) or not.
        decided_at: `CASE status WHEN 'REQUESTED' THEN decided_at IS NULL AND decided_by_id IS NULL
                                 WHEN 'CANCELLED' THEN (decided_at IS NULL) = (decided_by_id IS NULL)
                                 ELSE decided_at IS NOT NULL AND decided_by_id IS NOT NULL END`,
      },
      // Bookings and freeSlots look up a professional's approved time off by time.
      indexes: [{ columns: ['care_professional_id', 'start_time'], where: "status = 'APPROVED'", live: true, name: 'time_off_requests_tenant_approved_idx' }],
      writable: true,
    });
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropTenantTable(queryRunner, 'time_off_requests');
    await dropTenantTable(queryRunner, 'provider_availabilities');
  }
}
