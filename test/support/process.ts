import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';

/** Helpers for tests that run CareGraph as a real process (`npm start`, `node dist/src/main.js`). */

export const ROOT = path.resolve(__dirname, '../..');

/** Binds `port` on loopback and releases it: whether it is free right now. */
function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * A free port for a server a test starts later, drawn below the kernel's ephemeral range
 * (32768 and up on Linux): a port the kernel handed out with `listen(0)` could be handed again,
 * to another test's server or an outgoing connection, before the later server binds it (seen as
 * EADDRINUSE when the suite ran in parallel). Ports here are only ever taken on purpose.
 */
const handedOut = new Set<number>();

export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    // Never the same port twice in one process: two servers of one test would collide.
    if (!handedOut.has(port) && (await bindable(port))) {
      handedOut.add(port);
      return port;
    }
  }
  throw new Error('no free port found between 20000 and 32000');
}

export async function waitFor<T>(what: string, probe: () => T | Promise<T>, timeoutMs: number, everyMs = 100): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** true when something accepts TCP connections on the port. */
export function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Processes whose working directory is `dir`: PostgreSQL's postmaster and every backend chdir into the data directory. */
export function processesIn(dir: string): number[] {
  const real = fs.realpathSync(dir);
  const pids: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (fs.readlinkSync(`/proc/${entry}/cwd`) === real) pids.push(Number(entry));
    } catch {
      // gone, or not ours to look at
    }
  }
  return pids;
}

export interface Running {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Spawns a command and resolves once it prints `ready` (rejects if it exits first). */
export async function spawnUntil(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; ready: string; timeoutMs: number; /** a process group of its own, as a terminal's foreground job */ group?: boolean },
): Promise<Running> {
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'], detached: options.group });
  let output = '';
  child.stdout!.setEncoding('utf8').on('data', (text: string) => (output += text));
  child.stderr!.setEncoding('utf8').on('data', (text: string) => (output += text));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const running = { child, output: () => output, exited };
  let gone = false;
  exited.then(() => (gone = true), () => undefined);
  try {
    await waitFor(`"${options.ready}"`, () => {
      if (gone) throw new Error(`${command} exited before it was ready:\n${output}`);
      return output.includes(options.ready);
    }, options.timeoutMs);
  } catch (error) {
    if (!gone) child.kill('SIGKILL');
    throw error;
  }
  return running;
}

export interface HttpResult {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** POST /graphql. Rejects on a connection error, and when the response ends early (truncated). */
export function postGraphql(port: number, body: unknown, options: { token?: string; agent?: http.Agent | false } = {}): Promise<HttpResult> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: '127.0.0.1',
        port,
        path: '/graphql',
        method: 'POST',
        agent: options.agent ?? false,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), ...(options.token ? { authorization: `Bearer ${options.token}` } : {}) },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
        response.once('error', () => undefined); // reported by 'close' below
        response.once('close', () => {
          if (response.complete) resolve({ status: response.statusCode!, headers: response.headers, body: text });
          else reject(Object.assign(new Error('response truncated'), { truncated: true }));
        });
      },
    );
    request.once('error', reject);
    request.end(payload);
  });
}
