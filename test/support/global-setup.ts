import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres } from '../../src/db/embedded';
import { enableAppRoleLogin, enableAuthRoleLogin, runMigrations } from '../../src/db/database';
import { loadDemoData } from '../../src/demo/demo-data';
import { configuredKeyring, loadConfig } from '../../src/config';
import { LocalDiskFileStore } from '../../src/storage/file-store';
import { generateDataKey, useDataKeyring } from '../../src/crypto/data-keys';
import { databaseUrl } from './urls';
import { freePort } from './process';


/**
 * Starts the suite's own PostgreSQL (a throw-away embedded server, never the `npm start` data),
 * or uses DATABASE_URL's server, and prepares a template database (migrations + demo data) that
 * each test file clones, so files cannot disturb each other.
 */
export default async function globalSetup(): Promise<void> {
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'caregraph-test-'));
    fs.chmodSync(dataDir, 0o755); // the postgres system user must reach it when we run as root
    const embedded = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'pg'), port: await freePort(), persistent: false, database: 'postgres' });
    (globalThis as Record<string, unknown>).__CAREGRAPH_PG__ = { embedded, dataDir };
    // Killed by SIGTERM, Node runs no exit hook and this server would outlive the run: exit
    // instead, and the hook stops it (Ctrl-C reaches it directly, as part of the terminal's job).
    process.once('SIGTERM', () => process.exit(143));
    serverUrl = embedded.adminUrl;
  }
  // One data key for the run: the demo loader seals with it here, the test files' servers (which
  // inherit this environment) open with it.
  process.env.DATA_ENCRYPTION_KEY ||= generateDataKey('test');
  // Production-mode servers of the tests need one too; any secret of 32 characters or more.
  process.env.PSEUDONYM_KEY ||= randomBytes(32).toString('base64');
  // The run's document files, next to its database: the demo's here, the test files' servers write theirs.
  const fileStoreDir = fs.mkdtempSync(path.join(os.tmpdir(), 'caregraph-test-files-'));
  process.env.FILE_STORE_DIR = fileStoreDir;
  (globalThis as Record<string, unknown>).__CAREGRAPH_FILES__ = fileStoreDir;
  useDataKeyring(configuredKeyring(loadConfig()));
  const template = `caregraph_test_template_${process.pid}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${template}`);
  await admin.query(`CREATE DATABASE ${template}`);
  await admin.end();

  const appPassword = 'caregraph-test-app';
  const authPassword = 'caregraph-test-auth';
  const templateUrl = databaseUrl(serverUrl, template);
  await runMigrations(templateUrl);
  await enableAppRoleLogin(templateUrl, appPassword);
  await enableAuthRoleLogin(templateUrl, authPassword);
  await loadDemoData(templateUrl, new LocalDiskFileStore(fileStoreDir));

  process.env.CAREGRAPH_TEST_SERVER_URL = serverUrl;
  process.env.CAREGRAPH_TEST_TEMPLATE = template;
  process.env.CAREGRAPH_TEST_APP_PASSWORD = appPassword;
  process.env.CAREGRAPH_TEST_AUTH_PASSWORD = authPassword;
}
