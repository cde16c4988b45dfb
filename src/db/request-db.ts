import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import type { CustomTypesConfig, PoolClient, QueryResult, QueryResultRow } from 'pg';
import type { Caller } from '../auth/caller';
import { AppError } from '../errors/app-error';

const sessionFinished = () => new Error('request database session already finished');

/** A value as an SQL literal, for the few statements sent with others in one simple-protocol round trip. */
function literal(client: PoolClient, value: string | null): string {
  return value === null ? 'NULL' : client.escapeLiteral(value);
}

/** What the tenant-scoped TypeORM subscriber reads from `queryRunner.data`. */
export interface RunnerScope {
  caller: Caller | null;
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

  private opening?: Promise<{ runner: QueryRunner; client: PoolClient }>;
  /** Statements of one request run one after another on its connection (resolvers run concurrently). */
  private queue: Promise<unknown> = Promise.resolve();
  private finished = false;
  /** Set once the connection is back in the pool: a statement still queued then must not run on it. */
  private released = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly scope: RunnerScope,
    readonly requestId: string,
    private tenantId: string | null,
  ) {}

  private open(): Promise<{ runner: QueryRunner; client: PoolClient }> {
    if (this.finished) return Promise.reject(sessionFinished());
    this.opening ??= (async () => {
      const runner = this.dataSource.createQueryRunner();
      runner.data = this.scope;
      const client = (await runner.connect()) as PoolClient;
      const originalQuery = client.query;
      // Count and queue every statement of this request, TypeORM's included; undone on release.
      client.query = ((...args: unknown[]) => {
        this.statementCount++;
        const run = this.queue.then(() => {
          if (this.released) throw sessionFinished();
          return (originalQuery as (...a: unknown[]) => Promise<unknown>).apply(client, args);
        });
        this.queue = run.catch(() => undefined);
        return run;
      }) as PoolClient['query'];
      try {
        // BEGIN and the request settings in one round trip (simple protocol, so the values are
        // sent as escaped literals: verified token claims and a validated request id).
        const results = (await client.query(
          `BEGIN; SELECT app_begin_request(${literal(client, this.tenantId ?? '')}, ${literal(client, this.scope.caller?.userId ?? '')}, ${literal(client, this.requestId)}) AS role`,
        )) as unknown as QueryResult<{ role: string | null }>[];
        const role = results[1].rows[0].role;
        const caller = this.scope.caller;
        if (caller && role !== caller.role) {
          throw new AppError('UNAUTHENTICATED', 'Your access in this tenant has changed since you logged in: log in again');
        }
      } catch (error) {
        delete (client as Partial<PoolClient>).query;
        await client.query('ROLLBACK').catch(() => undefined);
        await (runner as unknown as { releasePostgresConnection(e?: Error): Promise<void> }).releasePostgresConnection(
          error instanceof AppError ? undefined : (error as Error),
        );
        throw error;
      }
      return { runner, client };
    })();
    return this.opening;
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

  /** Login only: the tenant is known after the slug was resolved inside this session. */
  async switchTenant(tenantId: string): Promise<void> {
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
    try {
      if (commit) {
        // The access log row and COMMIT in one round trip; if the insert fails, COMMIT never runs.
        const caller = this.scope.caller;
        const logRead =
          caller && this.patientIdsRead.size > 0
            ? `INSERT INTO access_logs (tenant_id, actor_user_id, request_id, operation_name, patient_ids) VALUES (${[
                caller.tenantId,
                caller.userId,
                this.requestId,
                operationName?.slice(0, 200) ?? null,
              ]
                .map((value) => literal(client, value))
                .join(', ')}, ${literal(client, `{${[...this.patientIdsRead].join(',')}}`)}::uuid[]); `
            : '';
        await client.query(`${logRead}COMMIT`);
      } else {
        await client.query('ROLLBACK');
      }
    } catch (error) {
      failure = error as Error;
      await client.query('ROLLBACK').catch(() => undefined);
    } finally {
      this.released = true;
      delete (client as Partial<PoolClient>).query;
      if (failure) {
        // A connection whose transaction failed to end is destroyed rather than reused
        // (TypeORM's public release() cannot pass the error on to pg's pool).
        await (runner as unknown as { releasePostgresConnection(e: Error): Promise<void> }).releasePostgresConnection(failure);
      } else {
        await runner.release();
      }
    }
    if (failure) throw failure;
  }
}
