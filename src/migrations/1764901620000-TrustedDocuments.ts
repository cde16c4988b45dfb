import { MigrationInterface, QueryRunner } from 'typeorm';
import { checkNotBlank, checkOneOf, createTenantTable, dropTenantTable } from '../db/tenant-table';
import { APP_DB_ROLE } from '../db/roles';

/**
 * Trusted documents: the operations a partner app (an API client) or the tenant's own apps (no
 * client) may run, registered from a manifest (Apollo's persisted query manifest) after being
 * validated and costed. A document's id is the SHA-256 of its body, which the database checks,
 * so a body never changes under its id. Each registration of a client's manifest is a new
 * `manifest_version`; a document is retired by soft deletion. `tenants.trusted_documents_only`
 * restricts the tenant's members to their apps' registered documents too; members' tokens carry
 * it, so changing it moves the tenant's access version.
 */
export class TrustedDocuments1764901620000 implements MigrationInterface {
  name = 'TrustedDocuments1764901620000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createTenantTable(queryRunner, 'trusted_documents', {
      columns: [
        'api_client_id uuid',
        'document_id char(64) NOT NULL',
        'name varchar(200) NOT NULL',
        'operation_type varchar(16) NOT NULL',
        'body text NOT NULL',
        'cost integer NOT NULL',
        'manifest_version integer NOT NULL',
      ],
      references: { api_client_id: 'api_clients' },
      checks: {
        document_id: "document_id ~ '^[0-9a-f]{64}$' AND document_id = encode(sha256(convert_to(body, 'UTF8')), 'hex')",
        name: checkNotBlank('name'),
        operation_type: checkOneOf('operation_type', ['QUERY', 'MUTATION']),
        body: 'length(body) BETWEEN 1 AND 100000',
        cost: 'cost >= 0',
        manifest_version: 'manifest_version >= 1',
      },
      indexes: [
        { columns: ['api_client_id', 'document_id'], unique: true, live: true, where: 'api_client_id IS NOT NULL', name: 'trusted_documents_client_document_key' },
        { columns: ['document_id'], unique: true, live: true, where: 'api_client_id IS NULL', name: 'trusted_documents_apps_document_key' },
        { columns: ['api_client_id', 'manifest_version'] },
      ],
      writable: true,
    });
    await queryRunner.query(`
ALTER TABLE tenants ADD COLUMN trusted_documents_only boolean NOT NULL DEFAULT false;
GRANT UPDATE (trusted_documents_only) ON tenants TO ${APP_DB_ROLE};
-- Members' tokens carry the setting: changing it refuses the tokens issued before (they refresh).
CREATE FUNCTION tenants_trusted_documents_access() RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_temp AS $f$
BEGIN
  NEW.access_version := OLD.access_version + 1;
  RETURN NEW;
END $f$;
CREATE TRIGGER tenants_trusted_documents_access BEFORE UPDATE OF trusted_documents_only ON tenants FOR EACH ROW
  WHEN (NEW.trusted_documents_only IS DISTINCT FROM OLD.trusted_documents_only) EXECUTE FUNCTION tenants_trusted_documents_access();`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER tenants_trusted_documents_access ON tenants; DROP FUNCTION tenants_trusted_documents_access();
REVOKE UPDATE (trusted_documents_only) ON tenants FROM ${APP_DB_ROLE}; ALTER TABLE tenants DROP COLUMN trusted_documents_only;`);
    await dropTenantTable(queryRunner, 'trusted_documents');
  }
}
