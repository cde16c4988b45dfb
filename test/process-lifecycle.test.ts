import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { answers, freePort, isAlive, postGraphql, processesIn, ROOT, Running, spawnUntil, waitFor } from './support/process';
import { createTestDatabase } from './support/harness';

// The real `npm start` (the start script, over a fresh build) in a data directory of its own,
// stopped the way orchestrators do: a signal to the process they started (npm's pid).

const READY = 'CareGraph is ready';
const LOGIN = 'mutation($input: LoginInput!) { login(input: $input) { accessToken } }';
const HEADLINE = `{ patients(first: 20, orderBy: [{ field: LAST_NAME }]) { totalCount nodes { id lastName
  appointments(first: 5) { nodes { title startTime careProfessional { lastName } clinicalNotes(first: 5) { nodes { noteDate content } } } } } } }`;
const PAGE = '{ patients(first: 50, orderBy: [{ field: LAST_NAME }]) { nodes { id lastName } } }';

let dataDir: string;
const started: Api[] = [];

interface Api extends Running {
  port: number;
  pgPort: number;
  nodePid: number;
  /** An owner connection to the embedded server (superuser). */
  owner(): Promise<Client>;
  login(email?: string): Promise<string>;
}

async function startApi(env: Record<string, string> = {}, group = false): Promise<Api> {
  const port = await freePort();
  const pgPort = await freePort();
  const { DATABASE_URL: _a, APP_DATABASE_URL: _b, AUTH_DATABASE_URL: _c, ...inherited } = process.env;
  const running = await spawnUntil('npm', ['start', '--ignore-scripts'], {
    cwd: ROOT,
    env: { ...inherited, NODE_ENV: 'development', LOG_LEVEL: 'info', PORT: String(port), EMBEDDED_PG_PORT: String(pgPort), DATA_DIR: dataDir, LOAD_DEMO_DATA: 'true', ...env },
    ready: READY,
    timeoutMs: 150_000, // the first start initialises the database and loads the demo data
    group,
  });
  const npmPid = running.child.pid!;
  started.push({ ...running, nodePid: 0 } as Api);
  // `exec` in the start script: npm's child is Node itself, with no shell in between.
  const [nodePid] = fs.readFileSync(`/proc/${npmPid}/task/${npmPid}/children`, 'utf8').trim().split(' ').map(Number);
  started[started.length - 1].nodePid = nodePid;
  expect(fs.readFileSync(`/proc/${nodePid}/cmdline`, 'utf8')).toContain('dist/src/main.js');
  return {
    ...running,
    port,
    pgPort,
    nodePid,
    async owner() {
      const client = new Client({ connectionString: `postgres://postgres:postgres@localhost:${pgPort}/caregraph` });
      client.on('error', () => undefined); // the server goes away in these tests
      await client.connect();
      return client;
    },
    async login(email = 'clinician@acme-care.test') {
      const response = await postGraphql(port, { query: LOGIN, variables: { input: { email, password: 'demo-password', tenantSlug: 'acme-care' } } });
      return JSON.parse(response.body).data.login.accessToken;
    },
  };
}

const postmasterPid = () => Number(fs.readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);

/** Nothing of the API or its database is left: no process, nothing listening, no lock file. */
async function expectAllGone(api: Api, postmaster: number): Promise<void> {
  expect(isAlive(api.nodePid)).toBe(false);
  expect(isAlive(postmaster)).toBe(false);
  expect(fs.existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
  expect(processesIn(path.join(dataDir, 'pg'))).toEqual([]);
  expect(await answers(api.port)).toBe(false);
  expect(await answers(api.pgPort)).toBe(false);
}

async function exitOf(api: Running, timeoutMs = 60_000) {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`npm start did not exit:\n${api.output()}`)), timeoutMs)));
  try {
    return await Promise.race([api.exited, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

beforeAll(() => {
  // The start script runs dist/: build it (type errors elsewhere are `npm test`'s business, not this file's).
  spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'ignore' });
  expect(fs.existsSync(path.join(ROOT, 'dist/src/main.js'))).toBe(true);
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'caregraph-lifecycle-'));
  fs.chmodSync(dataDir, 0o755); // as root, the postgres user must reach it
}, 120_000);

/** Waits until `count` request connections wait on a lock (requests held in flight). */
async function waitForLockedRequests(locker: Client, count: number, applicationName = 'caregraph'): Promise<void> {
  let seen: unknown;
  await waitFor(`${count} requests waiting on the lock`, async () => {
    // The locker is inside a transaction, where pg_stat_activity is a snapshot unless cleared.
    await locker.query('SELECT pg_stat_clear_snapshot()');
    const { rows } = await locker.query(`SELECT application_name, state, wait_event_type FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`);
    seen = rows;
    return rows.filter((row) => row.application_name === applicationName && row.wait_event_type === 'Lock').length === count;
  }, 30_000).catch((error: Error) => {
    throw new Error(`${error.message}; sessions: ${JSON.stringify(seen)}`);
  });
}

// A failed test must not leave its processes running (nor its database, which runs detached).
afterEach(() => {
  for (const api of started.splice(0)) {
    const pids = [api.child.pid!, api.nodePid, ...processesIn(path.join(dataDir, 'pg'))];
    for (const pid of pids.filter((pid) => pid && isAlive(pid))) process.kill(pid, 'SIGKILL');
  }
});

afterAll(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('npm start stops cleanly on a signal to its pid', () => {
  it.each([
    ['SIGTERM', 'to npm'],
    ['SIGINT', 'to npm'],
    // Ctrl-C: the terminal signals the whole foreground job (npm and Node), and npm forwards its copy to Node.
    ['SIGINT', 'to the process group, as Ctrl-C'],
  ] as const)('%s %s: in-flight requests finish, then everything stops, exit code 0', async (signal, target) => {
    const group = target !== 'to npm';
    const api = await startApi({}, group);
    const token = await api.login();
    const postmaster = postmasterPid();

    // Requests held inside the database by a lock, so they are surely in flight when the signal comes.
    const locker = await api.owner();
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE patients IN ACCESS EXCLUSIVE MODE');
    const inFlight = Array.from({ length: 4 }, () => postGraphql(api.port, { query: PAGE }, { token }).catch((error: Error) => error));
    await waitForLockedRequests(locker, 4);

    process.kill(group ? -api.child.pid! : api.child.pid!, signal);
    await waitFor('"shutting down"', () => api.output().includes('"shutting down"'), 10_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(isAlive(api.nodePid)).toBe(true); // still waiting for the requests
    expect(await answers(api.port)).toBe(false); // but accepting no new connection
    const released = Date.now();
    await locker.query('ROLLBACK');
    await locker.end();

    for (const response of await Promise.all(inFlight)) {
      if (!('status' in response)) throw response; // a connection error (errors from Node's core fail jest's instanceof)
      expect(response.status).toBe(200);
      expect(JSON.parse(response.body).data.patients.nodes).toHaveLength(50);
    }
    expect(await exitOf(api)).toEqual({ code: 0, signal: null });
    expect(api.output()).not.toContain('second signal'); // Ctrl-C's two copies count as one
    console.log(`${signal} ${target}: stopped ${Date.now() - released} ms after the in-flight requests were released`);
    await expectAllGone(api, postmaster);
  }, 240_000);

  it('stops under load: every answered request is complete', async () => {
    const api = await startApi();
    const token = await api.login();
    const postmaster = postmasterPid();
    const outcomes = { complete: 0, refused: 0, failed: [] as string[] };
    let signalled = 0;
    let answeredAfterSignal = 0;
    const worker = async () => {
      // Keep-alive, as real clients: the server must close these sockets itself.
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
      for (;;) {
        try {
          const response = await postGraphql(api.port, { query: HEADLINE }, { token, agent });
          if (response.status === 200 && JSON.parse(response.body).data.patients.nodes.length === 20) outcomes.complete++;
          else outcomes.failed.push(`${response.status} ${response.body.slice(0, 200)}`);
          if (signalled) answeredAfterSignal++;
        } catch (error) {
          // Refused, or reset before any byte of a response: the server never took the request.
          if ((error as { truncated?: boolean }).truncated) outcomes.failed.push('truncated');
          else outcomes.refused++;
          if (signalled) break;
        }
      }
      agent.destroy();
    };
    const workers = Array.from({ length: 8 }, worker);
    await waitFor('100 answered requests', () => outcomes.complete >= 100, 60_000, 20);

    signalled = Date.now();
    api.child.kill('SIGTERM');
    expect(await exitOf(api)).toEqual({ code: 0, signal: null });
    const stopMs = Date.now() - signalled;
    await Promise.all(workers);
    console.log(`under load (8 keep-alive clients, headline query): stopped ${stopMs} ms after SIGTERM; ${outcomes.complete} complete responses (${answeredAfterSignal} answered after the signal), ${outcomes.refused} refused`);
    expect(outcomes.failed).toEqual([]);
    await expectAllGone(api, postmaster);
  }, 240_000);

  it('a second signal during the drain exits at once, and the database still stops', async () => {
    const api = await startApi({ SHUTDOWN_TIMEOUT_MS: '600000' });
    const token = await api.login();
    const postmaster = postmasterPid();
    const locker = await api.owner();
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE patients IN ACCESS EXCLUSIVE MODE');
    const stuck = postGraphql(api.port, { query: PAGE }, { token }).catch((error: Error) => error);
    await waitForLockedRequests(locker, 1);

    api.child.kill('SIGTERM');
    await waitFor('"shutting down"', () => api.output().includes('"shutting down"'), 10_000);
    // Further than the window in which a Ctrl-C's two copies (terminal and npm) count as one.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(isAlive(api.nodePid)).toBe(true);
    api.child.kill('SIGTERM');
    const { code } = await exitOf(api, 30_000);
    expect(code).not.toBe(0);
    expect(api.output()).toContain('second signal');
    expect(await stuck).toMatchObject({ message: expect.any(String) }); // the connection ended without an answer
    // The exit hook told PostgreSQL to stop (fast shutdown, which also ends the lock holder's session).
    await waitFor('PostgreSQL to stop', () => !isAlive(postmaster) && processesIn(path.join(dataDir, 'pg')).length === 0, 30_000);
    await locker.end().catch(() => undefined);
    await expectAllGone(api, postmaster);
  }, 240_000);
});

describe('the embedded database killed under a running API', () => {
  it('is restarted: requests succeed again without restarting the API, and nothing acknowledged is lost', async () => {
    const api = await startApi();
    const token = await api.login('admin@acme-care.test');
    const created = await postGraphql(api.port, {
      query: 'mutation($input: CreatePatientInput!) { createPatient(input: $input) { patient { id lastName } } }',
      variables: { input: { firstName: 'Durable', lastName: `Before-Kill-${process.pid}` } },
    }, { token });
    const patient = JSON.parse(created.body).data.createPatient.patient;
    expect(patient.lastName).toBe(`Before-Kill-${process.pid}`);

    const killed = postmasterPid();
    const killedAt = Date.now();
    process.kill(killed, 'SIGKILL');
    let unavailable = 0;
    const found = await waitFor('a successful read after the kill', async () => {
      try {
        const response = await postGraphql(api.port, { query: 'query($id: ID!) { node(id: $id) { ... on Patient { id lastName } } }', variables: { id: patient.id } }, { token });
        const body = JSON.parse(response.body);
        if (response.status === 200 && body.data?.node) return body.data.node;
        unavailable++;
      } catch {
        unavailable++;
      }
      return undefined;
    }, 60_000, 50);
    console.log(`recovered ${Date.now() - killedAt} ms after kill -9 of the postmaster (${unavailable} requests failed meanwhile)`);
    expect(found).toEqual(patient);
    expect(isAlive(api.nodePid)).toBe(true);
    expect(api.output().split(READY)).toHaveLength(2); // the API itself never restarted
    // The database may take connections a moment before the API has read its "ready" line and logged the restart.
    await waitFor('the restart logged', async () => (api.output().includes('embedded PostgreSQL restarted') ? true : undefined), 10_000, 50);
    expect(api.output()).toContain('embedded PostgreSQL restarted');
    expect(postmasterPid()).not.toBe(killed);

    // Killed again, then stopped at once: every shutdown step is bounded, with the database dead or restarting.
    const second = postmasterPid();
    process.kill(second, 'SIGKILL');
    await waitFor('the kill to be noticed', () => api.output().split('exited unexpectedly').length === 3, 10_000, 20);
    api.child.kill('SIGTERM');
    expect(await exitOf(api, 60_000)).toEqual({ code: 0, signal: null });
    await waitFor('no PostgreSQL process in the data directory', () => processesIn(path.join(dataDir, 'pg')).length === 0, 30_000);
    expect(isAlive(second)).toBe(false);
    expect(isAlive(api.nodePid)).toBe(false);
    expect(await answers(api.port)).toBe(false);
    expect(await answers(api.pgPort)).toBe(false);
  }, 240_000);
});

describe("the Docker image's command", () => {
  it('with DATABASE_URL, in production: SIGTERM to Node (PID 1 in the container) lets the request in flight finish, exit code 0', async () => {
    const cmd: string[] = JSON.parse(/^CMD (\[.*\])$/m.exec(fs.readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8'))![1]);
    const db = await createTestDatabase();
    const port = await freePort();
    const { DATABASE_URL: _a, APP_DATABASE_URL: _b, AUTH_DATABASE_URL: _c, ...inherited } = process.env;
    const api = await spawnUntil(cmd[0], cmd.slice(1), {
      cwd: ROOT,
      env: {
        ...inherited,
        NODE_ENV: 'production',
        LOG_LEVEL: 'info',
        PORT: String(port),
        DATABASE_URL: db.ownerUrl,
        APP_DB_PASSWORD: process.env.CAREGRAPH_TEST_APP_PASSWORD!, // the roles are the test server's, shared with other files
        AUTH_DB_PASSWORD: process.env.CAREGRAPH_TEST_AUTH_PASSWORD!,
        JWT_SECRET: 'docker-command-test-secret-docker-command',
        SHUTDOWN_TIMEOUT_MS: '8000',
      },
      ready: READY,
      timeoutMs: 60_000,
    });
    try {
      // A login held in the database (demo logins are refused in production: it answers UNAUTHENTICATED, in full).
      const locker = new Client({ connectionString: db.ownerUrl });
      await locker.connect();
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE users IN ACCESS EXCLUSIVE MODE');
      const inFlight = postGraphql(port, { query: LOGIN, variables: { input: { email: 'admin@acme-care.test', password: 'demo-password', tenantSlug: 'acme-care' } } }).catch((error: Error) => error);
      await waitForLockedRequests(locker, 1, 'caregraph-auth');
      api.child.kill('SIGTERM');
      await waitFor('"shutting down"', () => api.output().includes('"shutting down"'), 10_000);
      expect(await answers(port)).toBe(false);
      expect(isAlive(api.child.pid!)).toBe(true);
      await locker.query('ROLLBACK');
      await locker.end();
      const response = await inFlight;
      if (!('status' in response)) throw response;
      expect(JSON.parse(response.body).errors[0].extensions.code).toBe('UNAUTHENTICATED');
      expect(await exitOf(api)).toEqual({ code: 0, signal: null });
    } finally {
      if (isAlive(api.child.pid!)) api.child.kill('SIGKILL');
      await db.drop();
    }
  }, 120_000);
});
