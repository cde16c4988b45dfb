import Redis from 'ioredis';
import type { Logger } from 'pino';

/**
 * The Redis every instance shares (REDIS_URL). A command never waits for a connection: while
 * Redis is away it fails at once and its users fall back to their own memory (the rate limits'
 * insurance), and the client reconnects in the background. Its errors are logged (without
 * keys or values), never thrown at the process: an unhandled 'error' event would end it.
 */
export function connectRedis(url: string, logger: Logger): Redis {
  const redis = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2000, lazyConnect: false });
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
  return redis;
}
