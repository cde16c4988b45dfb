import { RequestDb } from '../src/db/request-db';
import { Role } from '../src/entities/enums';
import { ACME, startTestApp, TestApp } from './support/harness';

let app: TestApp;
let tenantId: string;
let userId: string;
let accessVersion: number;
beforeAll(async () => {
  app = await startTestApp({ poolSize: 1 });
  [{ id: tenantId, accessVersion }] = (await app.db.owner(`SELECT id, access_version AS "accessVersion" FROM tenants WHERE slug = $1`, [ACME])) as Array<{ id: string; accessVersion: number }>;
  [{ id: userId }] = (await app.db.owner(`SELECT id FROM users WHERE email = 'admin@acme-care.test'`)) as Array<{ id: string }>;
});
afterAll(() => app.stop());

const session = (requestId: string) =>
  new RequestDb(app.dataSource, { caller: { tenantId, userId, role: Role.ADMIN, customRoleId: null, permissions: null, accessVersion, features: new Set() } }, requestId, tenantId);

describe('a request database session', () => {
  it('runs concurrent statements one after another inside its transaction, and counts them', async () => {
    const db = session('req-concurrent');
    const results = await Promise.all([1, 2, 3].map((n) => db.query<{ n: number; tenant: string }>(`SELECT $1::int AS n, current_setting('app.tenant_id') AS tenant`, [n])));
    expect(results.map(([row]) => row)).toEqual([1, 2, 3].map((n) => ({ n, tenant: tenantId })));
    await db.finish(true, null);
    expect(db.statementCount).toBe(5); // BEGIN with the settings, three statements, COMMIT
  });

  it('refuses statements once finished, so nothing runs on a connection that went back to the pool', async () => {
    const db = session('req-finished');
    await db.query('SELECT 1');
    await db.finish(true, null);
    await expect(db.query(`SELECT set_config('app.tenant_id', 'leaked', false)`)).rejects.toThrow(/already finished/);
    await expect(db.manager()).rejects.toThrow(/already finished/);
    // The pool's only connection carries nothing over.
    const [settings] = await app.dataSource.query(`SELECT coalesce(current_setting('app.tenant_id', true), '') AS tenant`);
    expect(settings.tenant).toBe('');
  });

  it('never opens a connection for a request that does not touch the database', async () => {
    const db = session('req-idle');
    await db.finish(true, null);
    expect(db.statementCount).toBe(0);
    expect(db.isOpen).toBe(false);
  });
});
