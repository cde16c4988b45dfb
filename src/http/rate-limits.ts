import type { IncomingMessage, ServerResponse } from 'node:http';
import proxyAddr from 'proxy-addr';
import type Redis from 'ioredis';
import { BurstyRateLimiter, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { Caller } from '../auth/caller';

/** How many requests one caller makes: a steady rate per minute, plus a burst allowance refilled every ten minutes. */
export interface RateLimit {
  perMinute: number;
  burst: number;
}

export interface RateLimitSettings {
  /** Per signed-in member (tenant and user). */
  member: RateLimit;
  /** Per client address, for requests without a valid token (login, invitations, refresh). */
  anonymous: RateLimit;
  /** Proxies in front of the server whose `X-Forwarded-For` is believed (0: the socket's address). */
  trustProxyHops: number;
}

/** The request may go on (null), or must wait this many seconds. */
export type Admission = { retryAfterSeconds: number } | null;

const BURST_WINDOW_SECONDS = 600;

/**
 * Request rate limits, checked before a request's body is read or the database is touched:
 * rate-limiter-flexible's BurstyRateLimiter (its token-bucket shape: a steady rate, and a burst
 * allowance used once the steady rate is spent). With a Redis client the counters are Redis's,
 * shared by every instance (one atomic script per count); while Redis cannot answer, each
 * instance counts in its own memory instead (the library's insurance limiter), so a Redis outage
 * neither stops the API nor lifts the limits. Without Redis, they live in this process's memory.
 */
export class RequestRateLimiter {
  private readonly member: BurstyRateLimiter;
  private readonly anonymous: BurstyRateLimiter;
  private readonly trust: (address: string, hop: number) => boolean;

  constructor(settings: RateLimitSettings, redis?: Redis) {
    const counter = (keyPrefix: string, points: number, duration: number) => {
      const inMemory = new RateLimiterMemory({ keyPrefix, points, duration });
      return redis ? new RateLimiterRedis({ storeClient: redis, keyPrefix: `caregraph:rate:${keyPrefix}`, points, duration, insuranceLimiter: inMemory }) : inMemory;
    };
    const limiter = (prefix: string, limit: RateLimit) =>
      new BurstyRateLimiter(counter(prefix, limit.perMinute, 60), counter(`${prefix}-burst`, Math.max(limit.burst, 1), BURST_WINDOW_SECONDS));
    this.member = limiter('member', settings.member);
    this.anonymous = limiter('anonymous', settings.anonymous);
    // As Express's numeric `trust proxy`: the nearest `trustProxyHops` addresses are proxies.
    this.trust = (_address, hop) => hop < settings.trustProxyHops;
  }

  /** The client's address: the socket's, or the one the trusted proxies name. */
  clientAddress(req: IncomingMessage): string {
    return proxyAddr(req as Parameters<typeof proxyAddr>[0], this.trust);
  }

  /** Counts one request of `caller` (a member), or of the client's address when there is none. */
  async admit(req: IncomingMessage, caller: Caller | null): Promise<Admission> {
    const [limiter, key] = caller ? [this.member, `${caller.tenantId}:${caller.userId}`] : [this.anonymous, this.clientAddress(req)];
    try {
      await limiter.consume(key);
      return null;
    } catch (refusal) {
      if (refusal instanceof RateLimiterRes) return { retryAfterSeconds: Math.max(1, Math.ceil(refusal.msBeforeNext / 1000)) };
      throw refusal;
    }
  }
}

/** The answer to a request over its limit: 429 with Retry-After, in GraphQL's error shape. */
export function sendRateLimited(res: ServerResponse, admission: { retryAfterSeconds: number }): void {
  const body = JSON.stringify({
    errors: [{ message: `Too many requests: retry in ${admission.retryAfterSeconds} s`, extensions: { code: 'RATE_LIMITED', retryAfterSeconds: admission.retryAfterSeconds } }],
  });
  res.writeHead(429, { 'content-type': 'application/json; charset=utf-8', 'retry-after': String(admission.retryAfterSeconds), 'cache-control': 'no-store' });
  res.end(body);
}
