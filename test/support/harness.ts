import { randomBytes } from 'node:crypto';
import { print } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import request from 'supertest';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import pino, { Logger } from 'pino';
import { appRoleUrl, assertRequestRoleIsSafe, authRoleUrl, createRequestDataSource } from '../../src/db/database';
import { createServer, CareGraphServer } from '../../src/server';
import { loadConfig, type Config } from '../../src/config';
import type { RateLimitSettings } from '../../src/http/rate-limits';
import { Role } from '../../src/entities/enums';
import { DEMO_PASSWORD, demoEmail } from '../../src/demo/demo-data';
import { databaseUrl } from './urls';

export const ACME = 'acme-care';
export const NORTHWIND = 'northwind-clinic';

export interface GraphQLResponse<T> {
  status: number;
  data?: T;
  errors?: Array<{ message: string; path?: string[]; extensions?: Record<string, unknown> & { code?: string } }>;
}

export interface TestDatabase {
  ownerUrl: string;
  appUrl: string;
  authUrl: string;
  /** Runs SQL as the owner (superuser in the embedded server): to inspect and to switch RLS off. */
  owner(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  drop(): Promise<void>;
}

/** A database of its own for one test file, cloned from the template (migrations + demo data). */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.CAREGRAPH_TEST_SERVER_URL!;
  const name = `${process.env.CAREGRAPH_TEST_TEMPLATE}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${process.env.CAREGRAPH_TEST_TEMPLATE}`);
  await admin.end();
  const ownerUrl = databaseUrl(serverUrl, name);
  const owner = new Client({ connectionString: ownerUrl });
  await owner.connect();
  return {
    ownerUrl,
    appUrl: appRoleUrl(ownerUrl, process.env.CAREGRAPH_TEST_APP_PASSWORD!),
    authUrl: authRoleUrl(ownerUrl, process.env.CAREGRAPH_TEST_AUTH_PASSWORD!),
    owner: async (sql, params) => (await owner.query(sql, params)).rows,
    drop: async () => {
      await owner.end();
      const dropper = new Client({ connectionString: serverUrl });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}

export interface TestApp {
  db: TestDatabase;
  dataSource: DataSource;
  server: CareGraphServer;
  /** Statement counts of finished GraphQL requests, by request id. */
  statements: Map<string, number>;
  /** A demo member's access token, cached per role and tenant. */
  login(role: Role, tenantSlug?: string): Promise<string>;
  /** Drops the cached tokens: after a change of plan or features, the tokens issued before are refused (ACCESS_CHANGED). */
  forgetTokens(): void;
  graphql<TData, TVariables>(
    document: TypedDocumentNode<TData, TVariables> | string,
    variables?: TVariables,
    token?: string,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<TData> & { requestId: string }>;
  stop(): Promise<void>;
}

export interface TestAppOptions {
  applicationTenantFilter?: boolean;
  poolSize?: number;
  /** How long a request waits for a free connection (DB_POOL_TIMEOUT_MS). */
  poolTimeoutMs?: number;
  /** How long one statement may run (DB_STATEMENT_TIMEOUT_MS). */
  statementTimeoutMs?: number;
  /** The server's logger (silent by default): tests that read what is logged pass their own. */
  logger?: Logger;
  /** false: every query through the resolvers (the compiled read path off). */
  compiledReads?: boolean;
  /** Reuse a database (several apps over one database). */
  db?: TestDatabase;
  /** Settings of this server over the environment's (`rateLimits`, `redisUrl`: test/support/redis.ts starts one). Rate limits are out of reach unless given. */
  config?: Partial<Config>;
}

const NO_RATE_LIMITS: RateLimitSettings = { member: { perMinute: 1_000_000, burst: 1 }, anonymous: { perMinute: 1_000_000, burst: 1 }, trustProxyHops: 0, accountFailures: 1_000_000 };

/** Boots the real server in-process, as the request role, over a database of this file's own. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const db = options.db ?? (await createTestDatabase());
  const dataSource = createRequestDataSource(db.appUrl, options.poolSize ?? 4, options.poolTimeoutMs, options.statementTimeoutMs);
  await dataSource.initialize();
  await assertRequestRoleIsSafe(dataSource);
  const statements = new Map<string, number>();
  const config = { ...loadConfig(), jwtSecret: 'test-secret-test-secret-test-secret', logLevel: 'silent', rateLimits: NO_RATE_LIMITS, redisUrl: undefined, ...options.config };
  const server = await createServer({
    config,
    dataSource,
    authDatabaseUrl: db.authUrl,
    logger: options.logger ?? pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    applicationTenantFilter: options.applicationTenantFilter,
    compiledReads: options.compiledReads,
    onRequestFinished: ({ requestId, statementCount }) => statements.set(requestId, statementCount),
  });
  const tokens = new Map<string, string>();

  const graphql: TestApp['graphql'] = async (document, variables, token, headers = {}) => {
    const query = typeof document === 'string' ? document : print(document);
    let call = request(server.requestListener).post('/graphql').set('content-type', 'application/json');
    if (token) call = call.set('authorization', `Bearer ${token}`);
    for (const [name, value] of Object.entries(headers)) call = call.set(name, value);
    const response = await call.send({ query, variables });
    return { status: response.status, requestId: response.headers['x-request-id'], ...response.body };
  };

  return {
    db,
    dataSource,
    server,
    statements,
    graphql,
    async login(role, tenantSlug = ACME) {
      const key = `${role}@${tenantSlug}`;
      const cached = tokens.get(key);
      if (cached) return cached;
      const result = await graphql<{ login: { accessToken: string } }, unknown>(
        `mutation($input: LoginInput!) { login(input: $input) { accessToken } }`,
        { input: { email: demoEmail(role, tenantSlug), password: DEMO_PASSWORD, tenantSlug } },
      );
      if (!result.data) throw new Error(`login failed: ${JSON.stringify(result.errors)}`);
      tokens.set(key, result.data.login.accessToken);
      return result.data.login.accessToken;
    },
    forgetTokens() {
      tokens.clear();
    },
    async stop() {
      await server.stop();
      await dataSource.destroy();
      if (!options.db) await db.drop();
    },
  };
}

/** Two servers over one database: the compiled read path on, and off (every query through the resolvers), to hold both paths to the same answers. */
export async function startBothPaths(): Promise<{ compiled: TestApp; resolvers: TestApp; stop(): Promise<void> }> {
  const compiled = await startTestApp();
  const resolvers = await startTestApp({ db: compiled.db, compiledReads: false });
  return {
    compiled,
    resolvers,
    async stop() {
      await resolvers.stop();
      await compiled.stop();
    },
  };
}

/**
 * Both read paths for a test file: the servers are started before its tests and stopped after;
 * `compiled` and `resolvers` are set once they run (read them inside tests and hooks).
 */
export function useBothPaths(): { compiled: TestApp; resolvers: TestApp } {
  const paths = {} as { compiled: TestApp; resolvers: TestApp };
  let servers: Awaited<ReturnType<typeof startBothPaths>> | undefined;
  beforeAll(async () => {
    servers = await startBothPaths();
    Object.assign(paths, { compiled: servers.compiled, resolvers: servers.resolvers });
  });
  afterAll(() => servers?.stop());
  return paths;
}

/** Each error as [code, the permission or feature it names (or null), path]: refusals compared in one assertion. */
export function refusals(response: { errors?: ReadonlyArray<{ path?: ReadonlyArray<string | number>; extensions?: Record<string, unknown> }> }): Array<[unknown, unknown, string]> {
  return (response.errors ?? []).map((e) => [e.extensions?.code, e.extensions?.permission ?? e.extensions?.feature ?? null, (e.path ?? []).join('.')]);
}

/** The one error of a failed response, for concise assertions. */
/** The global id of the first member with `role` that `token`'s tenant lists. */
export async function memberIdByRole(app: TestApp, token: string, role: Role): Promise<string> {
  const result = await app.graphql<{ members: { nodes: Array<{ id: string }> } }, unknown>(
    `query($role: Role!) { members(first: 1, filter: { role: { eq: $role } }) { nodes { id } } }`,
    { role },
    token,
  );
  return result.data!.members.nodes[0].id;
}

/** `field:rule` of each problem the one error of a response names (BAD_USER_INPUT, CONFLICT on a rule). */
export function fieldRules(response: GraphQLResponse<unknown>): string[] {
  return ((onlyError(response).extensions?.fields ?? []) as Array<{ field: string; rule: string }>).map((f) => `${f.field}:${f.rule}`);
}

export function onlyError(response: GraphQLResponse<unknown>) {
  expect(response.errors).toHaveLength(1);
  return response.errors![0];
}
