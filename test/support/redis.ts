import { spawn, spawnSync, ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { freePort } from './process';

/**
 * A real Redis for the tests that need one: Debian's `redis-server` (`apt-get install
 * redis-server`; .ci/run installs it), or the binary REDIS_SERVER_BIN names, started on a free
 * port without persistence and stopped by the test. Never a mock.
 */
export interface TestRedis {
  url: string;
  /** Freezes the server (SIGSTOP): connections stay open, nothing is answered, as from a hung host. */
  freeze(): void;
  thaw(): void;
  stop(): Promise<void>;
}

const BINARY = process.env.REDIS_SERVER_BIN || 'redis-server';

/** Whether a Redis server can be started here. In CI it must: a missing one fails the run rather than skipping its tests. */
export function redisAvailable(): boolean {
  const found = spawnSync(BINARY, ['--version'], { encoding: 'utf8' }).status === 0;
  if (!found && process.env.CI) throw new Error(`${BINARY} is not installed: CI runs the Redis tests (apt-get install redis-server)`);
  if (!found) console.warn(`${BINARY} is not installed: the Redis tests are skipped (apt-get install redis-server to run them)`);
  return found;
}

export async function startRedis(): Promise<TestRedis> {
  const port = await freePort();
  const child: ChildProcess = spawn(BINARY, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'yes'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`redis-server did not start: ${output}`)), 10_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with ${code}: ${output}`));
    });
  });
  child.stdout!.resume();
  return {
    url: `redis://127.0.0.1:${port}`,
    freeze: () => child.kill('SIGSTOP'),
    thaw: () => child.kill('SIGCONT'),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await once(child, 'exit');
    },
  };
}
