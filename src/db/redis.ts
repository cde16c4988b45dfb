import Redis from 'ioredis';
import type { Logger } from 'pino';

/**
 * The Redis every instance shares (REDIS_URL). A command never waits long: while Redis is away
 * it fails at once (no offline queue), while it does not answer it fails after its timeout, and
 * its users fall back to their own memory (the rate limits' insurance, a persisted-query miss);
 * the client reconnects in the background. Its errors are logged (without
 * keys or values), never thrown at the process: an unhandled 'error' event would end it.
 */
export function connectRedis(url: string, logger: Logger): Redis {
  // commandTimeout: a Redis that holds the connection open but does not answer (a hung host, a
  // paused server) fails each command after 200 ms instead of holding every request with it.
  const redis = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2000, commandTimeout: 200, keepAlive: 10_000 });
  let reported = false;
  redis.on('error', (error: Error & { code?: string }) => {
    // Once per outage: a reconnect loop would otherwise log every few hundred milliseconds.
    if (!reported) logger.warn({ code: error.code, reason: error.name }, 'Redis unavailable: counting in memory until it is back');
    reported = true;
  });
  redis.on('ready', () => {
    if (reported) logger.info('Redis available again');
    reported = false;
  });
  // A connection that stays open while Redis does not answer (a hung host) is not seen as lost:
  // each command would wait for its timeout and stay queued. Two unanswered pings in a row drop
  // it; while ioredis reconnects, commands fail at once (no offline queue) and callers count in memory.
  let unanswered = 0;
  const watch = setInterval(() => {
    if (redis.status !== 'ready') return;
    redis.ping().then(
      () => (unanswered = 0),
      () => {
        if (++unanswered < 2) return;
        unanswered = 0;
        if (!reported) logger.warn('Redis not answering: reconnecting, counting in memory meanwhile');
        reported = true;
        redis.disconnect(true);
      },
    );
  }, WATCH_INTERVAL_MS);
  watch.unref();
  redis.once('end', () => clearInterval(watch));
  return redis;
}

const WATCH_INTERVAL_MS = 1000;
