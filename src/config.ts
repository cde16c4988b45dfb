import { randomBytes } from 'node:crypto';
import { DEFAULT_REQUEST_LIMITS, RequestLimits } from './graphql/request-limits';
import { dataKeyring, DataKeyring, developmentDataKey } from './crypto/data-keys';
import { developmentPseudonymKey, pseudonymKeyFrom } from './crypto/pseudonyms';
import type { RateLimitSettings } from './http/rate-limits';
import type { PersistedQuerySettings } from './graphql/persisted-queries';

/** Every setting CareGraph reads from the environment, with its default. Documented in the README. */
export interface Config {
  nodeEnv: string;
  isProduction: boolean;
  port: number;
  /** Owner connection: runs migrations and the demo loader. Unset → embedded PostgreSQL under `.data/`. */
  databaseUrl?: string;
  /** Connection used to serve requests; must be a non-owner, non-superuser role. Derived from databaseUrl when unset. */
  appDatabaseUrl?: string;
  appDbPassword: string;
  /** Connection that reads password hashes at login (the auth role). Derived from databaseUrl when unset. */
  authDatabaseUrl?: string;
  authDbPassword: string;
  embeddedPgPort: number;
  dataDir: string;
  poolSize: number;
  /** Milliseconds a request waits for a free database connection before it is answered 503. */
  poolTimeoutMs: number;
  /** Milliseconds one SQL statement of a request may run before PostgreSQL cancels it (LIMIT_EXCEEDED). */
  statementTimeoutMs: number;
  /** Where document files are kept (src/storage/file-store.ts): a durable volume shared by every instance. */
  fileStoreDir: string;
  /** Largest file one document version may hold, in bytes; the GraphQL body limit grows to carry it in base64. */
  documentMaxBytes: number;
  /** Lifetime of a document download link. */
  downloadLinkTtlSeconds: number;
  /** Requests per member and per anonymous client address (src/http/rate-limits.ts). */
  rateLimits: RateLimitSettings;
  /** Redis shared by every instance (rate limit counters, persisted queries); unset: each instance keeps its own in memory. */
  redisUrl?: string;
  /** Automatic persisted queries (src/graphql/persisted-queries.ts). */
  persistedQueries: PersistedQuerySettings;
  /** Milliseconds between two sweeps moving invoices past their due date to OVERDUE (also run once at start). */
  overdueSweepIntervalMs: number;
  jwtSecret: string;
  jwtTtlSeconds: number;
  /** Lifetime of a refresh token (each refresh replaces it with a new one). */
  refreshTtlSeconds: number;
  /** Where people reach the web app: invitation links start with it. */
  publicUrl: string;
  /** `<key id>:<base64 key>`: seals encrypted columns (src/crypto/data-keys.ts). */
  dataEncryptionKey: string;
  /** Keys of earlier rotations, still able to open what they sealed until `npm run data:reencrypt` has run. */
  previousDataEncryptionKeys: string[];
  /** Keys `Patient.pseudonym` (HMAC-SHA256): the same patient keeps the same key as long as this does not change. */
  pseudonymKey: string;
  logLevel: string;
  loadDemoData: boolean;
  /** Aggregates: groups concerning fewer distinct patients are suppressed for roles that read patients de-identified; a grouping holds at most `maxGroups` groups. */
  aggregates: { smallCellThreshold: number; maxGroups: number; maxStatements: number };
  /** statement_timeout of every statement of a caller who reads patients de-identified (analysts explore; a runaway aggregate stops here). */
  analystStatementTimeoutMs: number;
  /** Largest accepted query cost (page sizes multiplied through nesting; see src/graphql/query-cost.ts). */
  maxQueryCost: number;
  /** Largest accepted number of field selections (aliases included) in one operation. */
  maxQuerySelections: number;
  /** Shape limits checked before parsing and coercion (src/graphql/request-limits.ts). */
  limits: RequestLimits;
  /** On SIGTERM/SIGINT, how long in-flight HTTP requests may take to finish before their connections are closed. */
  shutdownTimeoutMs: number;
  /** As root: where the embedded PostgreSQL's binaries are copied when the `postgres` user cannot reach node_modules. */
  embeddedPgCacheDir: string;
}

function intFrom(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return value;
}

function nonNegativeIntFrom(name: string, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > max) throw new Error(`${name} must be an integer from 0 to ${max}, got "${raw}"`);
  return value;
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required when NODE_ENV=production`);
  return value;
}

export function loadConfig(): Config {
  const nodeEnv = process.env.NODE_ENV ?? 'development';
  const isProduction = nodeEnv === 'production';
  return {
    nodeEnv,
    isProduction,
    port: intFrom('PORT', 4000),
    databaseUrl: process.env.DATABASE_URL || undefined,
    appDatabaseUrl: process.env.APP_DATABASE_URL || undefined,
    // The dev default only ever guards a loopback-only embedded server.
    appDbPassword: isProduction ? required('APP_DB_PASSWORD') : process.env.APP_DB_PASSWORD || 'caregraph-app-dev',
    authDatabaseUrl: process.env.AUTH_DATABASE_URL || undefined,
    authDbPassword: isProduction ? required('AUTH_DB_PASSWORD') : process.env.AUTH_DB_PASSWORD || 'caregraph-auth-dev',
    embeddedPgPort: intFrom('EMBEDDED_PG_PORT', 54329),
    dataDir: process.env.DATA_DIR || '.data',
    poolSize: intFrom('DB_POOL_SIZE', 10),
    poolTimeoutMs: intFrom('DB_POOL_TIMEOUT_MS', 5000),
    statementTimeoutMs: intFrom('DB_STATEMENT_TIMEOUT_MS', 15_000),
    fileStoreDir: process.env.FILE_STORE_DIR || `${process.env.DATA_DIR || '.data'}/files`,
    documentMaxBytes: intFrom('DOCUMENT_MAX_BYTES', 8 * 1_048_576),
    downloadLinkTtlSeconds: intFrom('DOWNLOAD_LINK_TTL_SECONDS', 300),
    redisUrl: process.env.REDIS_URL || undefined,
    persistedQueries: {
      maxEntries: intFrom('APQ_MAX_ENTRIES', 10_000),
      maxBytes: intFrom('APQ_MAX_BYTES', 32 * 1_048_576),
      ttlSeconds: intFrom('APQ_TTL_SECONDS', 86_400),
      maxDocumentLength: intFrom('APQ_MAX_DOCUMENT_LENGTH', 32_768),
    },
    rateLimits: {
      member: { perMinute: intFrom('RATE_LIMIT_PER_MINUTE', 600), burst: nonNegativeIntFrom('RATE_LIMIT_BURST', 300) },
      anonymous: { perMinute: intFrom('RATE_LIMIT_ANONYMOUS_PER_MINUTE', 60), burst: nonNegativeIntFrom('RATE_LIMIT_ANONYMOUS_BURST', 30) },
      trustProxyHops: nonNegativeIntFrom('TRUST_PROXY_HOPS', 0, 10),
      accountFailures: intFrom('RATE_LIMIT_ACCOUNT_FAILURES', 10),
    },
    overdueSweepIntervalMs: intFrom('OVERDUE_SWEEP_INTERVAL_MS', 60_000),
    // Outside production a random secret per process is fine: tokens simply end with the process.
    jwtSecret: isProduction ? required('JWT_SECRET') : process.env.JWT_SECRET || randomBytes(32).toString('hex'),
    // Short-lived: a logout or a revoked session leaves at most this long to a stolen access token.
    jwtTtlSeconds: intFrom('JWT_TTL_SECONDS', 900),
    refreshTtlSeconds: intFrom('REFRESH_TTL_SECONDS', 30 * 86_400),
    publicUrl: process.env.PUBLIC_URL || `http://localhost:${intFrom('PORT', 4000)}`,
    // Not random per process like JWT_SECRET: data sealed by one run must open in the next.
    dataEncryptionKey: isProduction ? required('DATA_ENCRYPTION_KEY') : process.env.DATA_ENCRYPTION_KEY || developmentDataKey(process.env.DATA_DIR || '.data'),
    previousDataEncryptionKeys: (process.env.DATA_ENCRYPTION_PREVIOUS_KEYS ?? '').split(',').map((k) => k.trim()).filter(Boolean),
    // Its own secret, not derived from the data key: data keys rotate, pseudonyms must not change with them.
    pseudonymKey: pseudonymKeyFrom(isProduction ? required('PSEUDONYM_KEY') : process.env.PSEUDONYM_KEY || developmentPseudonymKey(process.env.DATA_DIR || '.data')),
    logLevel: process.env.LOG_LEVEL || (nodeEnv === 'test' ? 'silent' : 'info'),
    loadDemoData: !isProduction && process.env.LOAD_DEMO_DATA !== 'false',
    aggregates: { smallCellThreshold: intFrom('SMALL_CELL_THRESHOLD', 5), maxGroups: intFrom('AGGREGATE_MAX_GROUPS', 10_000), maxStatements: intFrom('AGGREGATE_MAX_STATEMENTS', 20) },
    analystStatementTimeoutMs: intFrom('ANALYST_STATEMENT_TIMEOUT_MS', 10_000),
    maxQueryCost: intFrom('MAX_QUERY_COST', 250_000),
    maxQuerySelections: intFrom('MAX_QUERY_SELECTIONS', 500),
    limits: {
      maxTokens: intFrom('MAX_QUERY_TOKENS', DEFAULT_REQUEST_LIMITS.maxTokens),
      maxNesting: intFrom('MAX_QUERY_NESTING', DEFAULT_REQUEST_LIMITS.maxNesting),
      maxDepth: intFrom('MAX_QUERY_DEPTH', DEFAULT_REQUEST_LIMITS.maxDepth),
      maxVariables: intFrom('MAX_VARIABLES', DEFAULT_REQUEST_LIMITS.maxVariables),
      maxVariableValues: intFrom('MAX_VARIABLE_VALUES', DEFAULT_REQUEST_LIMITS.maxVariableValues),
      maxFilterConditions: intFrom('MAX_FILTER_CONDITIONS', DEFAULT_REQUEST_LIMITS.maxFilterConditions),
    },
    shutdownTimeoutMs: intFrom('SHUTDOWN_TIMEOUT_MS', 10_000),
    embeddedPgCacheDir: process.env.EMBEDDED_PG_CACHE_DIR || '/var/cache/caregraph',
  };
}

/** The largest GraphQL request body accepted, in inflated bytes. */
export const BODY_LIMIT = 1_048_576;

/** The body limit of a caller who may upload documents: room for one file of DOCUMENT_MAX_BYTES in base64. */
export function uploadBodyLimit(config: Pick<Config, 'documentMaxBytes'>): number {
  return Math.max(BODY_LIMIT, Math.ceil(config.documentMaxBytes / 3) * 4 + 65_536);
}

/** The keyring the configuration gives: main, the server, the demo loader and the data commands install it with useDataKeyring. */
export function configuredKeyring(config: Pick<Config, 'dataEncryptionKey' | 'previousDataEncryptionKeys'>): DataKeyring {
  return dataKeyring(config.dataEncryptionKey, config.previousDataEncryptionKeys);
}
