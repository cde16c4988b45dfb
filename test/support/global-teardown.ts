import fs from 'node:fs';
import { Client } from 'pg';
import type { EmbeddedDatabase } from '../../src/db/embedded';

export default async function globalTeardown(): Promise<void> {
  const files = (globalThis as Record<string, unknown>).__CAREGRAPH_FILES__ as string | undefined;
  if (files) fs.rmSync(files, { recursive: true, force: true });
  const state = (globalThis as Record<string, unknown>).__CAREGRAPH_PG__ as { embedded: EmbeddedDatabase; dataDir: string } | undefined;
  if (state) {
    await state.embedded.stop();
    fs.rmSync(state.dataDir, { recursive: true, force: true });
    return;
  }
  const admin = new Client({ connectionString: process.env.CAREGRAPH_TEST_SERVER_URL });
  await admin.connect();
  // The template and every per-file clone share the template's name as prefix.
  const { rows } = await admin.query(`SELECT datname FROM pg_database WHERE starts_with(datname, $1)`, [process.env.CAREGRAPH_TEST_TEMPLATE]);
  for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  await admin.end();
}
