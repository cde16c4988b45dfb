import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * access_logs gets a row on every request that reads patient data. Its foreign key to tenants
 * made each of those inserts lock the tenant's row (FOR KEY SHARE, which writes the row's lock
 * and, with concurrent requests, a multixact): the largest part of a single-patient read's time
 * in PostgreSQL, and contention between all readers of one tenant. The key guarded nothing a
 * request could break: the row level security policy only admits the request's own tenant,
 * which app_begin_request has just checked the caller's membership of, and tenants are never
 * deleted (the request role has no DELETE on any table).
 */
export class AccessLogsWithoutTenantLock1763856060000 implements MigrationInterface {
  name = 'AccessLogsWithoutTenantLock1763856060000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE access_logs DROP CONSTRAINT access_logs_tenant_id_fkey`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE access_logs ADD CONSTRAINT access_logs_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES tenants(id)`);
  }
}
