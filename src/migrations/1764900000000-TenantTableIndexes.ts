import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every foreign key of a tenant table gets an index leading with (tenant_id, column), as
 * createTenantTable (src/db/tenant-table.ts) gives new tables; test/catalog.test.ts found these
 * three without one. Full indexes, as the helper makes by default: they serve the foreign key
 * itself (a check from the referenced side sees soft-deleted rows too) and the `site` and
 * `category` filters of the API alike.
 *
 * Plain CREATE INDEX: the migrations run in one transaction, which CREATE INDEX CONCURRENTLY
 * cannot; writes to these three tables wait while each index is built.
 */
export class TenantTableIndexes1764900000000 implements MigrationInterface {
  name = 'TenantTableIndexes1764900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
CREATE INDEX appointments_tenant_site_id_idx ON appointments (tenant_id, site_id);
CREATE INDEX care_professionals_tenant_site_id_idx ON care_professionals (tenant_id, site_id);
CREATE INDEX clinical_notes_tenant_category_id_idx ON clinical_notes (tenant_id, category_id);`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
DROP INDEX IF EXISTS clinical_notes_tenant_category_id_idx;
DROP INDEX IF EXISTS care_professionals_tenant_site_id_idx;
DROP INDEX IF EXISTS appointments_tenant_site_id_idx;`);
  }
}
