// The benchmark's own PostgreSQL: the project's embedded server (from the root install) with
// pg_stat_statements loaded, under bench/.data, migrated by CareGraph's own migrations.
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(here, '../..');
export const BENCH = path.resolve(here, '..');
const rootRequire = createRequire(path.join(ROOT, 'package.json'));

export const PG_PORT = Number(process.env.BENCH_PG_PORT || 54339);
export const DATABASE = 'caregraph_bench';
export const OWNER_URL = `postgres://postgres:postgres@localhost:${PG_PORT}/${DATABASE}`;
export const APP_ROLE = 'caregraph_app';
export const APP_PASSWORD = 'caregraph-bench-app';
export const APP_URL = `postgres://${APP_ROLE}:${APP_PASSWORD}@localhost:${PG_PORT}/${DATABASE}`;

/** CareGraph's compiled modules (the root `npm run build` output). */
export function caregraph(modulePath) {
  return rootRequire(path.join(ROOT, 'dist/src', modulePath));
}

export function rootModule(name) {
  return rootRequire(name);
}

/** Starts (initialising on first use) the benchmark's PostgreSQL, with CareGraph's own embedded-server code. */
export async function startDatabase({ dataDir = path.join(BENCH, '.data/pg') } = {}) {
  const { startEmbeddedPostgres } = caregraph('db/embedded.js');
  return startEmbeddedPostgres({
    dataDir,
    port: PG_PORT,
    persistent: true,
    database: DATABASE,
    settings: {
      shared_preload_libraries: 'pg_stat_statements',
      'pg_stat_statements.track': 'top',
      max_connections: '200',
      shared_buffers: '512MB',
    },
  });
}

/** Applies CareGraph's migrations, lets the request role log in, and loads pg_stat_statements. */
export async function prepareSchema() {
  const { runMigrations, enableAppRoleLogin } = caregraph('db/database.js');
  await runMigrations(OWNER_URL);
  await enableAppRoleLogin(OWNER_URL, APP_PASSWORD);
  const { Client } = rootRequire('pg');
  const client = new Client({ connectionString: OWNER_URL });
  await client.connect();
  try {
    await client.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
  } finally {
    await client.end();
  }
}
