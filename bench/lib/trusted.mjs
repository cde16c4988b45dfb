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
export async function registerClientDocuments(owner, tenantId, queries, dataEncryptionKey) {
  require(path.join(ROOT, 'node_modules/reflect-metadata'));
  const { buildCareGraphSchema } = require(path.join(ROOT, 'dist/src/schema.js'));
  const { loadConfig } = require(path.join(ROOT, 'dist/src/config.js'));
  const { checkManifestOperation, registrationLimits, storeTrustedDocuments } = require(path.join(ROOT, 'dist/src/graphql/trusted-documents.js'));
  const schema = buildCareGraphSchema();
  // The server's own limits (its configuration's defaults and environment), with the bench's data key so that none is made on disk.
  process.env.DATA_ENCRYPTION_KEY ||= dataEncryptionKey;
  const limits = registrationLimits(loadConfig());
  const operations = queries.map((body) => {
    const [, type, name] = /^(query|mutation)\s+([_A-Za-z][_0-9A-Za-z]*)/.exec(body);
    const result = checkManifestOperation(schema, limits, { id: sha256(body), name, type, body }, name);
    if ('problems' in result) throw new Error(`bench document ${name} refused: ${JSON.stringify(result.problems)}`);
    return result.checked;
  });
  await storeTrustedDocuments(async (sql, params) => (await owner.query(sql, params)).rows, { tenantId, clientId: null, manifestVersion: 1, userId: null }, operations);
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
