import { MigrationInterface, QueryRunner } from 'typeorm';
import { createTenantTable, dropTenantTable, inEveryTenant, checkOneOf, checkNotBlank } from '../db/tenant-table';


const ROLES_BEFORE = ['ADMIN', 'CLINICIAN', 'CARE_WORKER', 'COORDINATOR', 'ANALYST'];

/**
 * HealthCRM (seed 002): the SDR and HEALTH_COACH roles, and leads. A lead's email is unique
 * among the tenant's live leads; its owner and coach are memberships of the same tenant.
 */
export class Leads1764900360000 implements MigrationInterface {
  name = 'Leads1764900360000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE memberships DROP CONSTRAINT memberships_role_check`);
    await queryRunner.query(`ALTER TABLE memberships ADD CONSTRAINT memberships_role_check CHECK (${checkOneOf('role', [...ROLES_BEFORE, 'SDR', 'HEALTH_COACH'])})`);

    await createTenantTable(queryRunner, 'leads', {
      columns: [
        'first_name varchar(100) NOT NULL',
        'last_name varchar(100) NOT NULL',
        'email varchar(254) NOT NULL',
        'phone varchar(32)',
        "status varchar(32) NOT NULL DEFAULT 'HHQ_STARTED'",
        "source varchar(32) NOT NULL DEFAULT 'NONE'",
        "readiness varchar(16) NOT NULL DEFAULT 'COLD'",
        'outcome varchar(100)',
        'lead_type varchar(100)',
        'call_count integer NOT NULL DEFAULT 0',
        'last_contacted_at timestamptz',
        'owner_id uuid',
        'health_coach_id uuid',
        'notes text',
        'portal_access boolean NOT NULL DEFAULT false',
      ],
      references: { owner_id: { table: 'memberships', live: true }, health_coach_id: { table: 'memberships', live: true } },
      checks: {
        first_name: checkNotBlank('first_name'),
        last_name: checkNotBlank('last_name'),
        email: checkNotBlank('email'),
        notes: 'length(notes) <= 10000',
        status: checkOneOf('status', ['HHQ_STARTED', 'HHQ_SIGNED', 'BOOKING_NOT_PAID', 'BOOKING_PAID_NOT_BOOKED', 'BOOKING_PAID_BOOKED']),
        source: checkOneOf('source', [
          'HHQ_COMPLETE',
          'HHQ_STARTED',
          'LAB_PURCHASE',
          'MAREK_HEALTH_DISCOVERY_CALL',
          'NEWSLETTER_DISCOVERY_CALL',
          'SOCIAL_MEDIA_DISCOVERY_CALL',
          'NEWSLETTER',
          'NONE',
        ]),
        readiness: checkOneOf('readiness', ['COLD', 'WARM', 'HOT', 'FOLLOW_UP']),
        call_count: 'call_count >= 0',
      },
      indexes: [
        { columns: ['lower(email)'], unique: true, live: true },
        { columns: ['created_at', 'id'], live: true },
        { columns: ['owner_id', 'created_at', 'id'], live: true },
        { columns: ['health_coach_id', 'created_at', 'id'], live: true },
        { columns: ['status', 'created_at', 'id'], live: true },
        { columns: ['last_name', 'id'], live: true },
      ],
      writable: true,
    });
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropTenantTable(queryRunner, 'leads');
    // Members with the new roles cannot be given an old one without granting access they never
    // had: they are deactivated (rows that point at them stay valid), and the older check applies
    // to new rows only (NOT VALID). Applying this migration again makes it whole.
    await inEveryTenant(queryRunner, `UPDATE memberships SET deleted_at = now() WHERE role IN ('SDR', 'HEALTH_COACH') AND deleted_at IS NULL`);
    await queryRunner.query(`ALTER TABLE memberships DROP CONSTRAINT memberships_role_check`);
    await queryRunner.query(`ALTER TABLE memberships ADD CONSTRAINT memberships_role_check CHECK (${checkOneOf('role', ROLES_BEFORE)}) NOT VALID`);
  }
}
