// The persisted-versus-full comparison: CareGraph's own queries registered as trusted documents
// of the bench tenant's apps (checked and costed by the same code as `registerTrustedDocuments`,
// from the built server), and a client that names them by id instead of sending their text.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import { ROOT } from './database.mjs';

const require = createRequire(import.meta.url);
const sha256 = (text) => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * Registers every query the CareGraph client sends as a trusted document of the tenant's apps
 * (the bench user is a clinician, not an admin: the owner writes the rows the registration would).
 */
export async function registerClientDocuments(owner, tenantId, queries) {
  require(path.join(ROOT, 'node_modules/reflect-metadata'));
  const { buildCareGraphSchema } = require(path.join(ROOT, 'dist/src/schema.js'));
  const { checkManifestOperation } = require(path.join(ROOT, 'dist/src/graphql/trusted-documents.js'));
  const { DEFAULT_REQUEST_LIMITS } = require(path.join(ROOT, 'dist/src/graphql/request-limits.js'));
  const schema = buildCareGraphSchema();
  const limits = { ...DEFAULT_REQUEST_LIMITS, maxCost: 250_000, maxSelections: 500, maxDocumentLength: 32_768 };
  for (const body of queries) {
    const [, type, name] = /^(query|mutation)\s+([_A-Za-z][_0-9A-Za-z]*)/.exec(body);
    const result = checkManifestOperation(schema, limits, { id: sha256(body), name, type, body }, name);
    if ('problems' in result) throw new Error(`bench document ${name} refused: ${JSON.stringify(result.problems)}`);
    const { sha256: id, operationType, cost } = result.checked;
    await owner.query(
      `INSERT INTO trusted_documents (tenant_id, api_client_id, document_id, name, operation_type, body, cost, manifest_version)
       SELECT $1, NULL, $2, $3, $4, $5, $6, 1 WHERE NOT EXISTS (SELECT 1 FROM trusted_documents WHERE tenant_id = $1 AND api_client_id IS NULL AND document_id = $2 AND deleted_at IS NULL)`,
      [tenantId, id, name, operationType, body, cost],
    );
  }
}

/** A client asking what `client` asks, each request naming its registered document (`documentId`) with the same variables. */
export function persistedClient(client) {
  const persisted = (body) => {
    const { query, variables } = JSON.parse(body);
    return JSON.stringify({ documentId: `sha256:${sha256(query)}`, variables });
  };
  const wrap = (entry) => (entry && typeof entry.body === 'function' ? { ...entry, body: (...args) => persisted(entry.body(...args)) } : entry);
  return Object.fromEntries(Object.entries(client).map(([key, entry]) => [key, typeof entry === 'object' ? wrap(entry) : entry]));
}
