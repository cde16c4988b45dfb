import http from 'node:http';
import net from 'node:net';
import { once } from 'node:events';
import { Client } from 'pg';
import { Writable } from 'node:stream';
import pino from 'pino';
import type { PoolClient } from 'pg';
import { ACME, onlyError, startTestApp, TestApp, TestDatabase, createTestDatabase } from './support/harness';
import { Role } from '../src/entities/enums';
import { DEMO_PASSWORD, demoEmail } from '../src/demo/demo-data';

/**
 * A TCP proxy in front of the real PostgreSQL: stopping it is the database going away (refused
 * connections, live ones cut), starting it again is the database coming back.
 */
class DatabaseLink {
  private server?: net.Server;
  private readonly sockets = new Set<net.Socket>();
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  async up(): Promise<void> {
    if (this.server?.listening) return;
    this.server = net.createServer((client) => {
      const upstream = net.connect(this.target.port, this.target.host);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve, reject) => this.server!.once('error', reject).listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
  }

  async down(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  route(url: string): string {
    const routed = new URL(url);
    routed.hostname = '127.0.0.1';
    routed.port = String(this.port);
    return routed.toString();
  }
}

/** Every log line the server writes, as parsed JSON. */
function captureLogs() {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n')) if (line.trim()) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, logger: pino({ level: 'debug' }, stream) };
}

const SECRET_NAME = 'Zelphine-Quarrington';
const query = `query { patients(first: 2) { nodes { id lastName } } }`;
const queryWithCount = `query { patients(first: 2) { totalCount nodes { id } } }`;
const createPatient = `mutation($input: CreatePatientInput!) { createPatient(input: $input) { patient { id } } }`;

let db: TestDatabase;
let link: DatabaseLink;
let app: TestApp;
let token: string;
const logs = captureLogs();

beforeAll(async () => {
  db = await createTestDatabase();
  const target = new URL(db.appUrl);
  link = new DatabaseLink({ host: target.hostname, port: Number(target.port) });
  await link.up();
  app = await startTestApp({ db: { ...db, appUrl: link.route(db.appUrl), authUrl: link.route(db.authUrl) }, poolSize: 2, poolTimeoutMs: 300, logger: logs.logger });
  token = await app.login(Role.CLINICIAN, ACME);
});
afterAll(async () => {
  await link.up();
  await app.stop();
  await link.down();
  await db.drop();
});

/** Asks until `ok` holds (bounded), returning how many tries it took. */
async function eventually(request: () => Promise<{ status: number }>, ok: (status: number) => boolean): Promise<number> {
  for (let attempt = 1; attempt <= 100; attempt++) {
    if (ok((await request()).status)) return attempt;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('never happened');
}

describe('when the database is unavailable', () => {
  it('every kind of request is a 503 with Retry-After and SERVICE_UNAVAILABLE, then the server recovers by itself', async () => {
    await link.down();
    try {
      const answers = [
        await app.graphql(query, undefined, token), // compiled read path
        await app.graphql(queryWithCount, undefined, token), // resolvers
        await app.graphql(createPatient, { input: { firstName: 'Una', lastName: SECRET_NAME } }, token),
        await app.graphql(`mutation($input: LoginInput!) { login(input: $input) { accessToken } }`, {
          input: { email: demoEmail(Role.ADMIN, ACME), password: DEMO_PASSWORD, tenantSlug: ACME },
        }),
      ];
      for (const answer of answers) {
        expect(answer.status).toBe(503);
        expect(onlyError(answer).extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
      }
      const raw = await fetchHeaders();
      expect(raw.status).toBe(503);
      expect(raw.retryAfter).toBe('2');
    } finally {
      await link.up();
    }
    const tries = await eventually(() => app.graphql(queryWithCount, undefined, token), (status) => status === 200);
    expect(tries).toBeLessThan(100);
    expect((await app.graphql(query, undefined, token)).status).toBe(200);
  });

  it('connections cut while idle are replaced: the next requests are answered, the process lives on', async () => {
    await link.down();
    await link.up();
    await eventually(() => app.graphql(query, undefined, token), (status) => status === 200);
    const created = await app.graphql(createPatient, { input: { firstName: 'Kept', lastName: 'After-Cut' } }, token);
    expect(created.errors).toBeUndefined();
    const [row] = await db.owner(`SELECT count(*)::int AS n FROM patients WHERE last_name = 'After-Cut'`);
    expect(row.n).toBe(1); // acknowledged, so committed
  });

  it('when no connection is free in time, the answer is a 503, not a hang or an internal error', async () => {
    const pool = (app.dataSource.driver as unknown as { master: { connect(): Promise<PoolClient> } }).master;
    const held = [await pool.connect(), await pool.connect()];
    try {
      const answer = await app.graphql(query, undefined, token);
      expect(answer.status).toBe(503);
      expect(onlyError(answer).extensions?.code).toBe('SERVICE_UNAVAILABLE');
    } finally {
      for (const client of held) client.release();
    }
    expect((await app.graphql(query, undefined, token)).status).toBe(200);
  });

  it('a client hanging up mid-request is not a server error: nothing logged at error level, the process serves on', async () => {
    const locker = new Client({ connectionString: db.ownerUrl });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE patients IN ACCESS EXCLUSIVE MODE');
      for (const document of [query, queryWithCount]) {
        const server = http.createServer(app.server.requestListener).listen(0, '127.0.0.1');
        await once(server, 'listening');
        const body = JSON.stringify({ query: document });
        const request = http.request({ port: (server.address() as net.AddressInfo).port, method: 'POST', path: '/graphql', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } });
        request.on('error', () => undefined);
        request.end(body);
        // Hang up once the request waits on the lock inside PostgreSQL.
        await eventually(async () => ({ status: (await db.owner(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND application_name = 'caregraph'`))[0].n as number }), (n) => n > 0);
        request.destroy();
        await new Promise((resolve) => setTimeout(resolve, 100));
        server.close();
      }
    } finally {
      await locker.query('COMMIT');
      await locker.end();
    }
    expect((await app.graphql(query, undefined, token)).status).toBe(200);
    expect((await app.graphql(queryWithCount, undefined, token)).status).toBe(200);
    expect(logs.lines.filter((l) => (l.level as number) >= 50)).toEqual([]);
  });

  it('a write whose client hangs up never runs after its transaction ended (nothing logged at error level)', async () => {
    const server = http.createServer(app.server.requestListener).listen(0, '127.0.0.1');
    await once(server, 'listening');
    const port = (server.address() as net.AddressInfo).port;
    try {
      for (let attempt = 0; attempt < 80; attempt++) {
        const body = JSON.stringify({ query: createPatient, variables: { input: { firstName: 'Gone', lastName: `Hangup-${attempt}` } } });
        const request = http.request({ port, method: 'POST', path: '/graphql', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } });
        request.on('error', () => undefined);
        request.end(body);
        await new Promise((resolve) => setTimeout(resolve, attempt % 20));
        request.destroy();
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    } finally {
      server.close();
    }
    expect(logs.lines.filter((l) => (l.level as number) >= 50)).toEqual([]);
    expect((await app.graphql(query, undefined, token)).status).toBe(200);
  });

  it('a statement running past DB_STATEMENT_TIMEOUT_MS is cancelled: LIMIT_EXCEEDED on both read paths, the connection freed', async () => {
    const limited = await startTestApp({ db, statementTimeoutMs: 200 });
    const locker = new Client({ connectionString: db.ownerUrl });
    await locker.connect();
    try {
      const limitedToken = await limited.login(Role.CLINICIAN, ACME);
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE patients IN ACCESS EXCLUSIVE MODE'); // every read of patients now waits
      for (const document of [query, queryWithCount]) {
        const answer = await limited.graphql(document, undefined, limitedToken);
        expect([document, onlyError(answer).extensions?.code]).toEqual([document, 'LIMIT_EXCEEDED']);
      }
      await locker.query('COMMIT');
      expect((await limited.graphql(queryWithCount, undefined, limitedToken)).errors).toBeUndefined();
    } finally {
      await locker.end();
      await limited.stop();
    }
  });

  it('logs say what failed (error id, code, SQL state, operation) and never carry variables or SQL parameters', () => {
    const text = JSON.stringify(logs.lines);
    const unavailable = logs.lines.filter((l) => l.msg === 'database unavailable');
    expect(unavailable.length).toBeGreaterThan(0);
    // Every line names its request, the compiled read path's included.
    expect(unavailable.filter((l) => l.code !== 'SERVICE_UNAVAILABLE' || typeof l.requestId !== 'string')).toEqual([]);
    expect(text).not.toContain(SECRET_NAME);
    expect(text).not.toContain(DEMO_PASSWORD);
    expect(logs.lines.filter((l) => (l.level as number) >= 50)).toEqual([]);
  });
});

async function fetchHeaders(): Promise<{ status: number; retryAfter: string | undefined }> {
  const supertest = (await import('supertest')).default;
  const response = await supertest(app.server.requestListener)
    .post('/graphql')
    .set('content-type', 'application/json')
    .set('authorization', `Bearer ${token}`)
    .send({ query });
  return { status: response.status, retryAfter: response.headers['retry-after'] };
}
