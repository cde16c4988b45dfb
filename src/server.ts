import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, RequestListener } from 'node:http';
import express from 'express';
import { ApolloServer, ApolloServerPlugin, HeaderMap } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { DataSource } from 'typeorm';
import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import { BODY_LIMIT, configuredKeyring, uploadBodyLimit, type Config } from './config';
import { useDataKeyring } from './crypto/data-keys';
import type { Context } from './context';
import { buildCareGraphSchema } from './schema';
import { operationChecksPlugin } from './graphql/operation-checks';
import { checkDocumentText, checkVariables } from './graphql/request-limits';
import { createErrorFormatter, errorLogPlugin } from './errors/format-error';
import { databaseUnavailable, RETRY_AFTER_SECONDS } from './db/unavailable';
import { createTokenService, unauthenticated } from './auth/tokens';
import { CredentialStore } from './auth/credential-store';
import { Sessions } from './auth/sessions';
import { RequestDb } from './db/request-db';
import { DataAccess } from './data/data-access';
import { ColumnInfo, describeTable, TableInfo } from './data/table';
import { CursorCodec } from './data/cursor';
import { RESOURCES } from './resources';
import type { Resource } from './data/resource';
import { mountGraphiql, wantsGraphiql } from './http/graphiql';
import { createGraphqlHandler } from './http/graphql-handler';
import { compiledReadPlugin, stringifyResult } from './graphql/compiled-read-plugin';
import { mountDownloads } from './http/downloads';
import { credentialAttemptsPlugin, rateLimitedError, RequestRateLimiter, sendRateLimited, type Admission } from './http/rate-limits';
import { connectRedis } from './db/redis';
import { parsedDocumentCache, persistedQueryCache } from './graphql/persisted-queries';
import { TrustedDocumentStore } from './graphql/trusted-documents';
import { resolveTrustedDocument } from './http/persisted-documents';
import { LocalDiskFileStore } from './storage/file-store';
import type { Caller } from './auth/caller';
import { permissionOf, refusalFor, readsDeIdentified } from './auth/permissions';
import { documentResource } from './resources/document.resource';
import { API_KEY_REFUSED, ApiKeyAuthenticator, presentedApiKey } from './auth/api-keys';
import { AppError } from './errors/app-error';

export interface ServerOptions {
  config: Config;
  /** Connected as the request role (checked by assertRequestRoleIsSafe before this is called). */
  dataSource: DataSource;
  /** Connection URL of the auth role, which alone reads password hashes (login). */
  authDatabaseUrl: string;
  logger: Logger;
  /** Tests only: switch the application's tenant predicate off to prove RLS alone isolates tenants. */
  applicationTenantFilter?: boolean;
  /** Tests only: false answers every query through the resolvers, to compare the two read paths. */
  compiledReads?: boolean;
  /** Tests only: called after each GraphQL request's transaction ended. */
  onRequestFinished?: (info: { requestId: string; statementCount: number; operationName: string | null }) => void;
}

export interface CareGraphServer {
  /** The whole HTTP API, for `http.createServer` (and supertest). */
  requestListener: RequestListener;
  /** Shutting down: /readyz answers 503 from now on. */
  drain(): void;
  stop(): Promise<void>;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;
const READY_TIMEOUT_MS = 2000;
/** Apollo's parsed documents, source text included (its own default budget). */
const PARSED_DOCUMENTS_BYTES = 30 * 1_048_576;

/**
 * Ends each request's transaction when its response is ready: commit, or roll back a mutation
 * that reported any error (a request's writes commit together or not at all). If the commit
 * itself fails, the client is told so instead of seeing a success that did not happen.
 */
function transactionPlugin(options: ServerOptions, formatError: ReturnType<typeof createErrorFormatter>): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response, operation, operationName }) {
          const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
          const failedMutation = operation?.operation === 'mutation' && !!body?.errors?.length;
          try {
            await contextValue.db.finish(!failedMutation, operationName ?? null);
            // Fields that had succeeded before the failure were rolled back too: do not report them as done.
            if (failedMutation && body) body.data = null;
          } catch (error) {
            if (body) {
              response.body = { kind: 'single', singleResult: { errors: [formatError({ message: 'commit failed' }, error)] } };
              response.http.status = 500;
            }
          }
          // The database refused an API key as the request began (revoked, suspended… since it was read): the answer any bad key gets.
          if (contextValue.caller?.apiClient && response.body.kind === 'single' && response.body.singleResult.errors?.some((e) => e.extensions?.reason === API_KEY_REFUSED.extensions.reason)) {
            response.body = { kind: 'single', singleResult: { errors: [API_KEY_REFUSED] } };
            response.http.status = 401;
          }
          // The database was unavailable somewhere in the request (a field, the commit): the whole answer is a 503.
          const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
          if (errors?.some((e) => e.extensions?.code === 'SERVICE_UNAVAILABLE')) {
            response.http.status = 503;
            response.http.headers.set('retry-after', String(RETRY_AFTER_SECONDS));
          }
          options.onRequestFinished?.({ requestId: contextValue.requestId, statementCount: contextValue.db.statementCount, operationName: operationName ?? null });
        },
      };
    },
  };
}

/**
 * A column the compiled read path may select: not JSON, which its GraphQL scalar checks and
 * serializes in JavaScript, and not an encrypted one, which only this process can open.
 */
function isPlainColumn(column: ColumnInfo | undefined): boolean {
  return !!column && column.sqlType !== 'json' && column.sqlType !== 'jsonb' && !column.encrypted;
}

export async function createServer(options: ServerOptions): Promise<CareGraphServer> {
  const { config, dataSource, logger } = options;
  const applicationTenantFilter = options.applicationTenantFilter ?? true;
  useDataKeyring(configuredKeyring(config));
  const tables = new Map<Resource, TableInfo>(RESOURCES.map((resource) => [resource, describeTable(dataSource, resource)]));
  const tokens = createTokenService(config.jwtSecret, config.jwtTtlSeconds);
  const credentials = new CredentialStore(options.authDatabaseUrl, logger);
  const cursors = new CursorCodec(config.jwtSecret);
  const sessions = new Sessions(credentials, tokens, config.refreshTtlSeconds);
  const files = new LocalDiskFileStore(config.fileStoreDir);
  const redis = config.redisUrl ? connectRedis(config.redisUrl, logger) : undefined;
  const rateLimiter = new RequestRateLimiter(config.rateLimits, redis);
  const apiKeys = new ApiKeyAuthenticator(credentials, logger);
  // A client's (or the tenant's apps') registered documents, read in the tenant (one round trip)
  // when not kept already. Not as the caller: a stale token must still reach refreshSession.
  const trustedDocuments = new TrustedDocumentStore(async (tenantId, clientId) => {
    const db = new RequestDb(dataSource, { caller: null }, randomUUID(), tenantId);
    const rows = await db.queryWholeRequest<{ sha256: string; body: string }>(
      `SELECT d.document_id AS sha256, d.body FROM trusted_documents d WHERE d.tenant_id = $1 AND d.api_client_id IS NOT DISTINCT FROM $2 AND d.deleted_at IS NULL`,
      [tenantId, clientId],
    );
    return { documents: new Map(rows.map((r) => [r.sha256, { body: r.body }])) };
  });
  /** One request's database session and data path, for a GraphQL request and a download alike. */
  const openScope = (caller: Caller | null, requestId: string) => {
    // An API key the database refuses is forgotten here too: the next request looks it up again.
    const onAccessRefused = (refused: Caller) => refused.apiClient && apiKeys.forget(refused.apiClient.clientId);
    const statementTimeoutMs = caller && readsDeIdentified(caller.role) ? config.analystStatementTimeoutMs : undefined;
    const db = new RequestDb(dataSource, { caller, onAccessRefused, statementTimeoutMs }, requestId, caller?.tenantId ?? null);
    return { db, data: new DataAccess(db, caller, tables, cursors, { applicationTenantFilter, maxFilterConditions: config.limits.maxFilterConditions, aggregates: config.aggregates }) };
  };

  const schema = buildCareGraphSchema();
  const formatError = createErrorFormatter(logger);
  const apollo = new ApolloServer<Context>({
    schema,
    logger, // Apollo's own messages (an error no plugin handled) into the structured log, not the console
    formatError,
    includeStacktraceInErrorResponses: false,
    introspection: true, // analysts explore the schema in GraphiQL
    // main.ts owns SIGINT/SIGTERM (close HTTP, stop Apollo, close the pool): Apollo's own
    // handlers would race it and leave the process hanging in stop().
    stopOnTerminationSignals: false,
    // Compact JSON: Apollo's default pretty-prints every response (twice the bytes, slower).
    stringifyResult,
    // No cache hints are used; the default cache-control plugin would hook every field resolution.
    // graphql-js stops parsing past this many tokens (the HTTP handler has refused larger texts already).
    parseOptions: { maxTokens: config.limits.maxTokens },
    // Automatic persisted queries (first-party apps): bounded in memory, or shared through Redis.
    persistedQueries: { cache: persistedQueryCache(config.persistedQueries, redis), ttl: config.persistedQueries.ttlSeconds },
    documentStore: parsedDocumentCache(PARSED_DOCUMENTS_BYTES),
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      errorLogPlugin(),
      credentialAttemptsPlugin<Context>(rateLimiter),
      operationChecksPlugin<Context>(schema, { ...config.limits, maxCost: config.maxQueryCost, maxSelections: config.maxQuerySelections }),
      ...(options.compiledReads === false ? [] : [compiledReadPlugin(schema, (resource, property) => isPlainColumn(tables.get(resource)?.columns.get(property)), logger, formatError)]),
      transactionPlugin(options, formatError),
    ],
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  // No ETag: it hashes every response body, and GraphQL POST responses are not cached by it.
  app.set('etag', false);
  app.set('trust proxy', false);

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  let draining = false;
  app.get('/readyz', async (_req, res) => {
    // Shutting down: load balancers stop sending requests while in-flight ones finish.
    if (draining) return void res.status(503).json({ status: 'draining' });
    try {
      await Promise.race([
        dataSource.query('SELECT 1'),
        new Promise((_, reject) => setTimeout(() => reject(new Error('database timeout')), READY_TIMEOUT_MS).unref()),
      ]);
      res.json({ status: 'ready' });
    } catch (error) {
      logger.warn({ err: error }, 'readiness check failed');
      res.status(503).json({ status: 'unavailable', reason: 'database not answering' });
    }
  });

  mountGraphiql(app, '/graphql');
  mountDownloads(app, { tokens, files, openScope, formatError, admit: (req, caller) => rateLimiter.admit(req, caller) });

  // Failures Express catches (a GraphiQL asset that cannot be read, …): masked, with an error id that is logged.
  app.use((error: unknown, _req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (res.headersSent) return next(error);
    res.status(500).json({ errors: [formatError({ message: 'unhandled HTTP error' }, error)] });
  });

  const uploadLimit = uploadBodyLimit(config);
  /**
   * Who a request is: the caller of its access token or API key, null without either, or the
   * refusal of a bad one (answered 401 by the context, after the checks that need no caller).
   * Established once per request, before the rate limit, which counts by it.
   */
  const identities = new WeakMap<IncomingMessage, { caller: Caller | null; refusal?: GraphQLError }>();
  const identify = async (req: IncomingMessage, beforeKeyLookup?: () => Promise<void>): Promise<{ caller: Caller | null; refusal?: GraphQLError }> => {
    let identity: { caller: Caller | null; refusal?: GraphQLError };
    try {
      const key = presentedApiKey(req.headers);
      identity = { caller: key === undefined ? tokens.verifyHeader(req.headers.authorization) : await apiKeys.authenticate(key, beforeKeyLookup) };
    } catch (error) {
      if (error instanceof AppError && error.code === 'UNAUTHENTICATED') identity = { caller: null, refusal: unauthenticated(error.message, error.details) };
      else if (error instanceof GraphQLError) identity = { caller: null, refusal: error };
      else {
        // The key could not be looked up (the database away, the auth pool busy): 503 with
        // Retry-After for an unavailable database, otherwise a masked 500, as for any request.
        const unavailable = error instanceof AppError && error.code === 'SERVICE_UNAVAILABLE';
        const http = unavailable ? { status: 503, headers: new HeaderMap([['retry-after', String(RETRY_AFTER_SECONDS)]]) } : { status: 500 };
        // The error formatter reads the original: SERVICE_UNAVAILABLE as it is, anything else masked and logged.
        identity = { caller: null, refusal: new GraphQLError('API key lookup failed', { originalError: error as Error, extensions: { http } }) };
      }
    }
    identities.set(req, identity);
    return identity;
  };
  const callerOf = (req: IncomingMessage): Caller | null => identities.get(req)?.caller ?? null;
  const mayUpload = (req: IncomingMessage): boolean => {
    const caller = callerOf(req);
    return !!caller && !refusalFor(caller, permissionOf(documentResource, 'upload'));
  };
  const graphql = createGraphqlHandler<Context>({
    apollo,
    // A document's file comes in the request: only callers who may upload get the larger limit.
    bodyLimit: (req) => (mayUpload(req) ? uploadLimit : BODY_LIMIT),
    // Automatic persisted queries are first-party apps' (members signed in): partners and anonymous callers fill no cache.
    mayRegisterPersistedQueries: (req) => {
      const caller = callerOf(req);
      return caller !== null && !caller.apiClient;
    },
    resolveDocument: async (req, request) => {
      // A refused credential is answered by the context (401), whatever the request names.
      if (identities.get(req)?.refusal) return request;
      try {
        return await resolveTrustedDocument(trustedDocuments, callerOf(req), request);
      } catch (error) {
        // Reading the documents failed in the database (away, a timeout, a lock): busy, retry. Anything else is the handler's 500.
        const fromDatabase = (error instanceof AppError && error.code === 'SERVICE_UNAVAILABLE') || (!(error instanceof AppError) && typeof (error as { code?: unknown })?.code === 'string');
        if (!fromDatabase) throw error;
        const unavailable = Object.assign(databaseUnavailable(), { cause: error });
        return { refusal: { status: 503, error: formatError({ message: unavailable.message }, unavailable), headers: { 'retry-after': String(RETRY_AFTER_SECONDS) } } };
      }
    },
    maskUnexpectedError: (error) => formatError({ message: 'unhandled HTTP error' }, error),
    checkRequest: ({ query, variables }) => {
      const refused = (typeof query === 'string' ? checkDocumentText(query, config.limits) : null) ?? checkVariables(variables, config.limits);
      return refused && formatError({ message: refused.message }, refused);
    },
    context: async (req, res): Promise<Context> => {
      const header = req.headers['x-request-id'];
      const requestId = typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();
      res.setHeader('x-request-id', requestId);
      const { caller, refusal } = identities.get(req) ?? (await identify(req));
      if (refusal) throw refusal;
      const { db, data } = openScope(caller, requestId);
      // Whatever happens to the response, the connection goes back to the pool.
      res.on('close', () => {
        if (db.isOpen) db.finish(false, null).catch((error: { code?: string }) => logger.warn({ requestId, sqlState: error?.code }, 'rollback after the client left failed'));
      });
      return { requestId, caller, db, data, tokens, credentials, sessions, config, files, clientAddress: rateLimiter.clientAddress(req), rateLimiter, trustedDocuments };
    },
  });

  /**
   * Counts the request, then establishes who it is. A key not verified lately is counted by the
   * client's address first: guessing keys costs a database lookup each, so it is braked like a login.
   */
  const admitAndIdentify = async (req: IncomingMessage): Promise<Admission> => {
    let byAddress: Admission = null;
    const { caller } = await identify(req, async () => {
      byAddress = await rateLimiter.admit(req, null);
      if (byAddress) throw rateLimitedError(byAddress); // stops the lookup; the 429 is sent below
    });
    return byAddress ?? rateLimiter.admit(req, caller);
  };

  // The GraphQL endpoint goes straight to Apollo; GraphiQL (a browser's GET of the endpoint) and every other path to Express.
  const requestListener: RequestListener = (req, res) => {
    const path = req.url!.split('?', 1)[0];
    if ((path === '/graphql' || path === '/graphql/') && !wantsGraphiql(req)) {
      // Counted before anything is read or asked of the database. The handler answers every
      // failure itself; the catch is the last resort if answering failed too.
      admitAndIdentify(req)
        .then((admission) => (admission ? sendRateLimited(res, admission) : graphql(req, res)))
        .catch((error: unknown) => {
          formatError({ message: 'unhandled HTTP error' }, error);
          res.destroy();
        });
    } else app(req, res);
  };

  return {
    requestListener,
    drain: () => {
      draining = true;
    },
    stop: async () => {
      await apollo.stop();
      await credentials.close();
      redis?.disconnect();
    },
  };
}
