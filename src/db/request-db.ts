import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import type { CustomTypesConfig, PoolClient, QueryResultRow } from 'pg';
import type { Caller } from '../auth/caller';
import { AppError } from '../errors/app-error';
import { apiKeyRefused } from '../auth/api-keys';
import { asUnavailable } from './unavailable';

/** A statement issued after the request's session ended (the client hung up, or the response was sent). */
export class SessionFinishedError extends Error {
  constructor() {
    super('request database session already finished');
  }
}
const sessionFinished = () => new SessionFinishedError();

/** app_begin_request's refusal: the caller's membership or role, or the tenant's access version, changed since the token was issued. */
const isAccessChanged = (error: unknown) => (error as { code?: string } | null)?.code === '28000';
const accessChangedError = () =>
  new AppError('UNAUTHENTICATED', 'Your access in this tenant has changed since this token was issued (membership, role, features or permissions): refresh the session (refreshSession) or log in again', {
    reason: 'ACCESS_CHANGED',
  });

/**
 * Gives the connection back to the pool; with an error, pg destroys it instead of reusing it
 * (TypeORM's public release() cannot pass the error on).
 */
function release(runner: QueryRunner, error?: Error): Promise<void> {
  return (runner as unknown as { releasePostgresConnection(e?: Error): Promise<void> }).releasePostgresConnection(error);
}

/**
 * Statements issued inside `issue` leave in one socket write: with pg's pipeline mode (see
 * createRequestDataSource) each is written at once, and corking gathers them into one packet.
 */
function withOneWrite<T>(client: PoolClient, issue: () => T): T {
  const stream = (client as unknown as { connection: { stream: { cork(): void; uncork(): void } } }).connection.stream;
  stream.cork();
  try {
    return issue();
  } finally {
    stream.uncork();
  }
}

/** What the tenant-scoped TypeORM subscriber reads from `queryRunner.data`. */
export interface RunnerScope {
  caller: Caller | null;
  /** Told when the database refuses the caller's access (app_begin_request): an API key's kept access is dropped. */
  onAccessRefused?: (caller: Caller) => void;
  /** This request's statement_timeout, when not the connection's (DB_STATEMENT_TIMEOUT_MS): an analyst's is ANALYST_STATEMENT_TIMEOUT_MS. */
  statementTimeoutMs?: number;
}

/**
 * One request's database session: a pooled connection, one transaction (ours: BEGIN and
 * COMMIT are sent here, TypeORM only runs statements inside it), and the tenant, user
 * and request id set with `set_config(…, true)`, so they end with the transaction and never
 * reach the next request on that connection (PgBouncer transaction mode safe). Opening it also
 * re-checks the caller's membership and role, so a token outlives neither.
 * Opened lazily: requests that never touch the database never take a connection.
 */
export class RequestDb {
  /** Round trips to the database this request made, BEGIN and COMMIT included (asserted by tests). */
  statementCount = 0;
  /** Patients whose data this request returned; written to access_logs before commit. */
  readonly patientIdsRead = new Set<string>();
  /** Run once the transaction has committed (a cache to forget what it wrote): never on a rollback. */
  readonly afterCommit: Array<() => void> = [];

  private opening?: Promise<{ runner: QueryRunner; client: PoolClient }>;
  /** Statements of one request run one after another on its connection (resolvers run concurrently). */
  private queue: Promise<unknown> = Promise.resolve();
  private finished = false;
  /** Set once the connection is back in the pool: a statement still queued then must not run on it. */
  private released = false;
  /** The connection's own query method: finish() ends the transaction with it, past the guard. */
  private ownQuery?: PoolClient['query'];

  constructor(
    private readonly dataSource: DataSource,
    private readonly scope: RunnerScope,
    readonly requestId: string,
    private tenantId: string | null,
  ) {}

  private open(): Promise<{ runner: QueryRunner; client: PoolClient }> {
    if (this.finished) return Promise.reject(sessionFinished());
    this.opening ??= (async () => {
      const { runner, client } = await this.connect();
      try {
        await this.begin(client);
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        const accessChanged = isAccessChanged(error);
        await release(runner, accessChanged ? undefined : (error as Error));
        throw accessChanged ? this.accessRefused() : asUnavailable(error);
      }
      const originalQuery = client.query;
      this.ownQuery = originalQuery.bind(client) as PoolClient['query'];
      // Count and queue every statement of this request, TypeORM's included; undone on release.
      client.query = ((...args: unknown[]) => {
        this.statementCount++;
        const run = this.queue
          .then(() => {
            if (this.released) throw sessionFinished();
            return (originalQuery as (...a: unknown[]) => Promise<unknown>).apply(client, args);
          })
          .catch((error: unknown) => {
            throw asUnavailable(error);
          });
        this.queue = run.catch(() => undefined);
        return run;
      }) as PoolClient['query'];
      return { runner, client };
    })();
    return this.opening;
  }

  /** A pooled connection for this request; its first round trip (BEGIN and the settings) is counted here. */
  private async connect(): Promise<{ runner: QueryRunner; client: PoolClient }> {
    const runner = this.dataSource.createQueryRunner();
    runner.data = this.scope;
    // No connection free in time, or the database is down: a 503, not an internal error.
    const client = (await runner.connect().catch((error: unknown) => {
      throw asUnavailable(error);
    })) as PoolClient;
    this.statementCount++;
    return { runner, client };
  }

  /** The refusal of a caller whose access changed: an API key gets the one answer every bad key gets. */
  private accessRefused(): AppError {
    const caller = this.scope.caller!;
    this.scope.onAccessRefused?.(caller);
    return caller.apiClient ? apiKeyRefused() : accessChangedError();
  }

  /**
   * Writes BEGIN and the request settings (a prepared statement) together: one round trip.
   * app_begin_request raises SQLSTATE 28000 when the caller's membership or role is no longer
   * the token's. The caller corks the socket when more statements should join the same write.
   */
  private begin(client: PoolClient): Promise<unknown> {
    const caller = this.scope.caller;
    const apiClient = caller?.apiClient;
    const values = [this.tenantId ?? '', caller?.userId ?? '', this.requestId, caller?.role ?? null, caller?.accessVersion ?? null, caller?.customRoleId ?? null, apiClient?.keyId ?? null, apiClient?.version ?? null];
    const timeout = this.scope.statementTimeoutMs;
    return withOneWrite(client, () =>
      Promise.all([
        client.query('BEGIN'),
        client.query({ name: 'caregraph_begin_request', text: 'SELECT app_begin_request($1, $2, $3, $4, $5, $6, $7, $8)', values }),
        // For this transaction only, in the same round trip.
        ...(timeout ? [client.query({ name: 'caregraph_statement_timeout', text: `SELECT set_config('statement_timeout', $1, true)`, values: [String(timeout)] })] : []),
      ]),
    );
  }

  /**
   * A request whose only statement is this read (the compiled read path): BEGIN with the
   * settings, the read and COMMIT are written at once (pg's pipeline mode, see
   * createRequestDataSource) and answered in one round trip, in one transaction. If the role
   * check fails, the read runs in the aborted transaction and fails too, COMMIT rolls back, and
   * the UNAUTHENTICATED error is thrown. Once the session is open, the read simply joins its transaction.
   */
  async queryWholeRequest<R extends QueryResultRow = Record<string, unknown>>(sql: string, params: unknown[], types?: CustomTypesConfig, name?: string): Promise<R[]> {
    if (this.opening || this.finished) return this.query<R>(sql, params, types, name);
    this.finished = true; // nothing else runs in this session: finish() has nothing left to do
    const { runner, client } = await this.connect();
    const [began, result, committed] = await withOneWrite(client, () =>
      Promise.allSettled([
        this.begin(client),
        client.query<R>({ text: sql, values: params, ...(types ? { types } : {}), ...(name ? { name } : {}) }),
        client.query('COMMIT'),
      ]),
    );
    // Errors PostgreSQL reported leave the connection idle again (COMMIT ended the transaction);
    // any other failure (a lost connection) means it is not reused.
    const broken = committed.status === 'rejected' ? (committed.reason as Error) : undefined;
    await release(runner, broken);
    if (began.status === 'rejected') {
      if (!isAccessChanged(began.reason)) throw asUnavailable(began.reason);
      // Nothing was read: the session may still be opened, so the resolvers can report the refusal where it belongs.
      this.finished = false;
      throw this.accessRefused();
    }
    if (result.status === 'rejected') throw asUnavailable(result.reason);
    if (broken) throw asUnavailable(broken);
    return result.value.rows;
  }

  /**
   * Runs one statement; `types` overrides pg's value parsers (reads keep timestamps as ISO
   * text); a `name` makes it a prepared statement, planned once per pooled connection.
   */
  async query<R extends QueryResultRow = Record<string, unknown>>(sql: string, params: unknown[] = [], types?: CustomTypesConfig, name?: string): Promise<R[]> {
    // After finish() (response sent, or client gone) resolvers still running get an error, not a connection.
    if (this.finished) throw sessionFinished();
    const { client } = await this.open();
    const result = await client.query<R>({ text: sql, values: params, ...(types ? { types } : {}), ...(name ? { name } : {}) });
    return result.rows;
  }

  /** TypeORM's manager on this request's transaction: writes through it reach the tenant subscriber. */
  async manager(): Promise<EntityManager> {
    if (this.finished) throw sessionFinished();
    return (await this.open()).runner.manager;
  }

  /**
   * A sign-in (a login, an accepted invitation, a refreshed session): the request acts in the
   * member's tenant from here on, and as nobody else. A token its header carried is not checked
   * for the session the sign-in opens: a stale one (refused after a feature switch) must not fail
   * the very refresh that replaces it.
   */
  async switchTenant(tenantId: string): Promise<void> {
    if (!this.opening) this.scope.caller = null;
    this.tenantId = tenantId;
    await this.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
  }

  get isOpen(): boolean {
    return this.opening !== undefined && !this.finished;
  }

  /** Commits (writing the access log first) or rolls back, and returns the connection to the pool. */
  async finish(commit: boolean, operationName: string | null): Promise<void> {
    if (!this.opening || this.finished) {
      this.finished = true;
      return;
    }
    this.finished = true;
    const session = await this.opening.catch(() => null);
    if (!session) return; // never opened: open() already gave the connection back
    const { runner, client } = session;
    let failure: Error | undefined;
    await this.queue; // statements already issued run inside the transaction, before it ends
    // From here a statement issued late (TypeORM between its awaits, after the client left) is
    // refused by the guard in open(), until the connection is back in the pool: it must never
    // run after the ROLLBACK, outside this request's transaction.
    this.released = true;
    const query = this.ownQuery!;
    try {
      this.statementCount++;
      if (commit) {
        // The access log row and COMMIT in one write; if the insert fails, COMMIT only rolls back.
        const caller = this.scope.caller;
        const [logged, committed] = await withOneWrite(client, () =>
          Promise.allSettled([
            caller && this.patientIdsRead.size > 0
              ? query({
                  name: 'caregraph_log_read',
                  text: 'INSERT INTO access_logs (tenant_id, actor_user_id, request_id, operation_name, patient_ids) VALUES ($1, $2, $3, $4, $5)',
                  values: [caller.tenantId, caller.userId, this.requestId, operationName?.slice(0, 200) ?? null, [...this.patientIdsRead]],
                })
              : null,
            query('COMMIT'),
          ]),
        );
        if (logged.status === 'rejected') throw logged.reason;
        if (committed.status === 'rejected') throw committed.reason;
      } else {
        await query('ROLLBACK');
      }
    } catch (error) {
      failure = error as Error;
      await query('ROLLBACK').catch(() => undefined);
    }
    // No await between removing the guard and giving the connection back.
    delete (client as Partial<PoolClient>).query;
    await release(runner, failure);
    if (failure) throw asUnavailable(failure);
    if (commit) for (const callback of this.afterCommit.splice(0)) callback();
  }
}
