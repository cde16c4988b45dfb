import request from 'supertest';
import { ACME, startTestApp, TestApp, createTestDatabase, TestDatabase } from './support/harness';
import { Role } from '../src/entities/enums';
import { appRoleUrl, assertRequestRoleIsSafe, createRequestDataSource } from '../src/db/database';

describe('health and readiness', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.stop());

  it('/healthz answers while the process lives; /readyz only while the database answers', async () => {
    expect((await request(app.server.requestListener).get('/healthz')).status).toBe(200);
    expect((await request(app.server.requestListener).get('/readyz')).body).toEqual({ status: 'ready' });
    await app.dataSource.destroy(); // the database goes away
    try {
      const ready = await request(app.server.requestListener).get('/readyz');
      expect(ready.status).toBe(503);
      expect(ready.body.status).toBe('unavailable');
      expect((await request(app.server.requestListener).get('/healthz')).status).toBe(200);
    } finally {
      await app.dataSource.initialize();
    }
    expect((await request(app.server.requestListener).get('/readyz')).status).toBe(200);
  });

  it('/readyz answers 503 once the server drains for shutdown, while GraphQL requests are still served', async () => {
    const token = await app.login(Role.CLINICIAN, ACME);
    app.server.drain();
    const ready = await request(app.server.requestListener).get('/readyz');
    expect([ready.status, ready.body]).toEqual([503, { status: 'draining' }]);
    expect((await app.graphql(`{ patients(first: 1) { nodes { id } } }`, undefined, token)).status).toBe(200);
  });
});

describe('GraphiQL on the real endpoint', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.stop());

  it('a browser GET /graphql gets the local GraphiQL page, not Apollo’s CDN landing page', async () => {
    const page = await request(app.server.requestListener).get('/graphql').set('accept', 'text/html');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.text).toContain('/graphiql-assets/graphiql.min.js');
    expect(page.text).not.toMatch(/https?:\/\//);
    const api = await request(app.server.requestListener).post('/graphql').set('content-type', 'application/json').send({ query: '{ __typename }' });
    expect(api.body).toEqual({ data: { __typename: 'Query' } });
  });
});

describe('the server refuses an unsafe request role', () => {
  let db: TestDatabase;
  const suffix = Math.random().toString(36).slice(2, 8);
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.owner(`DROP ROLE IF EXISTS bypasser_${suffix}`);
    await db.drop();
  });

  async function check(url: string) {
    const dataSource = createRequestDataSource(url, 1);
    await dataSource.initialize();
    try {
      await assertRequestRoleIsSafe(dataSource);
    } finally {
      await dataSource.destroy();
    }
  }

  it('accepts the application role', async () => {
    await expect(check(db.appUrl)).resolves.toBeUndefined();
  });

  it('refuses a superuser (the owner)', async () => {
    await expect(check(db.ownerUrl)).rejects.toThrow(/Refusing to start.*is a superuser.*owns/);
  });

  it('refuses a BYPASSRLS role', async () => {
    await db.owner(`CREATE ROLE bypasser_${suffix} LOGIN BYPASSRLS PASSWORD 'bypass'`);
    const url = new URL(db.ownerUrl);
    url.username = `bypasser_${suffix}`;
    url.password = 'bypass';
    await expect(check(url.toString())).rejects.toThrow(/has BYPASSRLS/);
  });

  it('refuses to run over a tenant table whose row-level security is not forced', async () => {
    await db.owner(`ALTER TABLE clinical_notes NO FORCE ROW LEVEL SECURITY`);
    try {
      await expect(check(appRoleUrl(db.ownerUrl, process.env.CAREGRAPH_TEST_APP_PASSWORD!))).rejects.toThrow(/without forced row-level security: clinical_notes/);
    } finally {
      await db.owner(`ALTER TABLE clinical_notes FORCE ROW LEVEL SECURITY`);
    }
  });
});

describe('shutdown', () => {
  it('leaves SIGINT and SIGTERM to main.ts, even in production (Apollo’s own handlers hung stop())', async () => {
    const before = { int: process.listenerCount('SIGINT'), term: process.listenerCount('SIGTERM') };
    const saved = { ...process.env };
    // Apollo installs its handlers outside NODE_ENV=test; production config needs its secrets.
    Object.assign(process.env, { NODE_ENV: 'production', APP_DB_PASSWORD: 'unused-here', AUTH_DB_PASSWORD: 'unused-here', JWT_SECRET: 'unused-here-unused-here-unused-here' });
    let app: TestApp;
    try {
      app = await startTestApp();
    } finally {
      process.env = saved;
    }
    try {
      expect({ int: process.listenerCount('SIGINT'), term: process.listenerCount('SIGTERM') }).toEqual(before);
    } finally {
      await app.stop();
    }
  });
});
