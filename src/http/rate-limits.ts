import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import proxyAddr from 'proxy-addr';
import ipaddr from 'ipaddr.js';
import type Redis from 'ioredis';
import { GraphQLError, Kind, type DocumentNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import { BurstyRateLimiter, RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Caller } from '../auth/caller';

/** How many requests one caller makes: a rate per minute, plus a burst allowance refilled every ten minutes (0: none). */
export interface RateLimit {
  perMinute: number;
  burst: number;
}

export interface RateLimitSettings {
  /** Per signed-in member (tenant and user). */
  member: RateLimit;
  /** Per client address: requests without a valid token, and every credential mutation (login, refresh, acceptance), token or not. */
  anonymous: RateLimit;
  /** Proxies in front of the server whose `X-Forwarded-For` is believed (0: the socket's address). */
  trustProxyHops: number;
  /** Failed logins per account (tenant and e-mail) in 15 minutes, from whatever addresses, before its logins wait. */
  accountFailures: number;
}

/** The request may go on (null), or must wait this many seconds. */
export type Admission = { retryAfterSeconds: number } | null;

const BURST_WINDOW_SECONDS = 600;
const ACCOUNT_WINDOW_SECONDS = 900;
/** Mutations that take a credential (a password, a refresh or invitation token): guessed at, so counted by address whatever token comes with them. */
const CREDENTIAL_MUTATIONS: ReadonlySet<string> = new Set(['login', 'refreshSession', 'logout', 'acceptInvitation']);

/**
 * The key of a client address: IPv4 as it is (an IPv4-mapped IPv6 address as its IPv4), IPv6 by
 * its /64 (what one subscriber gets: counting each address would give anyone with a /64 endless
 * buckets), a port a proxy appended left out. What does not parse shares one key.
 */
export function addressKey(address: string | undefined): string {
  // A socket already closed has no address any more.
  if (typeof address !== 'string') return 'unknown';
  const bare = /^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(address) ? address.slice(0, address.lastIndexOf(':')) : address.replace(/^\[(.*)\](:\d+)?$/, '$1').replace(/%.*$/, '');
  if (!ipaddr.isValid(bare)) return 'unparsable';
  let parsed = ipaddr.parse(bare);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  if (parsed.kind() === 'ipv4') return parsed.toString();
  return `${(parsed as ipaddr.IPv6).parts.slice(0, 4).map((part) => part.toString(16)).join(':')}::/64`;
}

/**
 * Request rate limits, counted before a request's body is read or the database is touched, with
 * rate-limiter-flexible: a fixed one-minute window and, once it is spent, a burst allowance
 * refilled every ten minutes (its BurstyRateLimiter, the library's answer to a token bucket).
 * With a Redis client the counters are Redis's, shared by every instance (one atomic script per
 * count); while Redis cannot answer (down, or slower than its command timeout), each instance
 * counts in its own memory instead (the library's insurance limiter), so an outage neither
 * stops the API nor lifts the limits.
 */
export class RequestRateLimiter {
  private readonly member: RateLimiterAbstract | BurstyRateLimiter;
  private readonly anonymous: RateLimiterAbstract | BurstyRateLimiter;
  private readonly credentials: RateLimiterAbstract | BurstyRateLimiter;
  private readonly accounts: RateLimiterAbstract;
  private readonly trust: (address: string, hop: number) => boolean;
  private readonly limiter: (prefix: string, limit: RateLimit) => RateLimiterAbstract | BurstyRateLimiter;
  /** API clients' own limits, one limiter per rate in use. */
  private readonly clientLimiters = new Map<number, RateLimiterAbstract | BurstyRateLimiter>();

  constructor(settings: RateLimitSettings, redis?: Redis) {
    const counter = (keyPrefix: string, points: number, duration: number) => {
      const inMemory = new RateLimiterMemory({ keyPrefix, points, duration });
      return redis ? new RateLimiterRedis({ storeClient: redis, keyPrefix: `caregraph:rate:${keyPrefix}`, points, duration, insuranceLimiter: inMemory }) : inMemory;
    };
    const limiter = (prefix: string, limit: RateLimit) => {
      const steady = counter(prefix, limit.perMinute, 60);
      return limit.burst > 0 ? new BurstyRateLimiter(steady, counter(`${prefix}-burst`, limit.burst, BURST_WINDOW_SECONDS)) : steady;
    };
    this.limiter = limiter;
    this.member = limiter('member', settings.member);
    this.anonymous = limiter('anonymous', settings.anonymous);
    this.credentials = limiter('credentials', settings.anonymous);
    this.accounts = counter('account-failures', settings.accountFailures, ACCOUNT_WINDOW_SECONDS);
    // As Express's numeric `trust proxy`: the nearest `trustProxyHops` addresses are proxies.
    this.trust = (_address, hop) => hop < settings.trustProxyHops;
  }

  /** The client's address: the socket's, or the one the trusted proxies name. */
  clientAddress(req: IncomingMessage): string {
    return proxyAddr(req as Parameters<typeof proxyAddr>[0], this.trust);
  }

  /**
   * Counts one request of `caller` (a member, or an API client under its own rate when it has
   * one: exactly that many a minute, no burst), or of the client's address when there is none.
   */
  admit(req: IncomingMessage, caller: Caller | null): Promise<Admission> {
    if (!caller) return consume(this.anonymous, addressKey(this.clientAddress(req)));
    const own = caller.apiClient?.rateLimitPerMinute;
    return consume(own ? this.clientLimiter(own) : this.member, `${caller.tenantId}:${caller.userId}`);
  }

  private clientLimiter(perMinute: number): RateLimiterAbstract | BurstyRateLimiter {
    let found = this.clientLimiters.get(perMinute);
    if (!found) this.clientLimiters.set(perMinute, (found = this.limiter(`client-${perMinute}`, { perMinute, burst: 0 })));
    return found;
  }

  /**
   * Whether an account may try a login now: after `accountFailures` failed logins in 15 minutes,
   * from any number of addresses, its logins wait (the right password too: the guesser cannot
   * tell). The key is a hash: no e-mail reaches Redis.
   */
  async admitAccount(tenantSlug: string, email: string): Promise<Admission> {
    const found = await this.accounts.get(accountKey(tenantSlug, email));
    return found && found.consumedPoints >= this.accounts.points ? { retryAfterSeconds: Math.max(1, Math.ceil(found.msBeforeNext / 1000)) } : null;
  }

  /** Counts a failed login of an account. */
  async failedLogin(tenantSlug: string, email: string): Promise<void> {
    await this.accounts.penalty(accountKey(tenantSlug, email));
  }

  /** Counts one credential mutation of a client address. */
  admitCredentialAttempt(address: string): Promise<Admission> {
    return consume(this.credentials, addressKey(address));
  }
}

const accountKey = (tenantSlug: string, email: string) => createHash('sha256').update(`${tenantSlug.toLowerCase()}\u0000${email.trim().toLowerCase()}`).digest('hex');

async function consume(limiter: RateLimiterAbstract | BurstyRateLimiter, key: string): Promise<Admission> {
  try {
    await limiter.consume(key);
    return null;
  } catch (refusal) {
    if (refusal instanceof RateLimiterRes) return { retryAfterSeconds: Math.max(1, Math.ceil(refusal.msBeforeNext / 1000)) };
    throw refusal;
  }
}

/** A refusal to throw from a resolver or plugin: 429 with Retry-After. */
export function rateLimitedError(admission: { retryAfterSeconds: number }): GraphQLError {
  const { message, extensions } = tooMany(admission);
  return new GraphQLError(message, { extensions: { ...extensions, http: { status: 429, headers: new HeaderMap([['retry-after', String(admission.retryAfterSeconds)]]) } } });
}

const tooMany = (admission: { retryAfterSeconds: number }) => ({
  message: `Too many requests: retry in ${admission.retryAfterSeconds} s`,
  extensions: { code: 'RATE_LIMITED', retryAfterSeconds: admission.retryAfterSeconds },
});

/** The answer to a request over its limit: 429 with Retry-After, in GraphQL's error shape. */
export function sendRateLimited(res: ServerResponse, admission: { retryAfterSeconds: number }): void {
  res.writeHead(429, { 'content-type': 'application/json; charset=utf-8', 'retry-after': String(admission.retryAfterSeconds), 'cache-control': 'no-store' });
  res.end(JSON.stringify({ errors: [tooMany(admission)] }));
}

/**
 * Credential mutations are counted by client address once the operation is known, before it
 * runs, whatever token came with them: a token of one's own must not lift the brake on guessing
 * another account's password. They also go alone: a sign-in changes the request's session (its
 * tenant and user), so no other root field may share the operation with it; and a partner app
 * (an API key) has no sessions of members to open, refresh or close.
 */
export function credentialAttemptsPlugin<C extends { clientAddress: string; caller: { apiClient?: unknown } | null }>(limiter: RequestRateLimiter): ApolloServerPlugin<C> {
  /** The operation's root field names, through fragments too. */
  const rootFields = (operation: OperationDefinitionNode, document: DocumentNode): string[] => {
    const fragments = new Map(document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])));
    const seen = new Set<string>();
    const names: string[] = [];
    const visit = (set: SelectionSetNode): void => {
      for (const selection of set.selections) {
        if (selection.kind === Kind.FIELD) names.push(selection.name.value);
        else if (selection.kind === Kind.INLINE_FRAGMENT) visit(selection.selectionSet);
        else {
          const fragment = fragments.get(selection.name.value);
          if (!fragment || seen.has(fragment.name.value)) continue;
          seen.add(fragment.name.value);
          visit(fragment.selectionSet);
        }
      }
    };
    visit(operation.selectionSet);
    return names;
  };
  const refused = (message: string) => new GraphQLError(message, { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } });
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, contextValue }) {
          if (!operation || operation.operation !== 'mutation') return;
          const fields = rootFields(operation, document);
          const credentials = fields.filter((name) => CREDENTIAL_MUTATIONS.has(name));
          if (!credentials.length) return;
          if (contextValue.caller?.apiClient) throw refused(`Partner apps authenticate with their key: ${credentials.join(', ')} is for members`);
          if (fields.some((name) => !CREDENTIAL_MUTATIONS.has(name) && name !== '__typename')) {
            throw refused(`${credentials.join(', ')} goes alone: send other fields in a request of their own`);
          }
          const admission = await limiter.admitCredentialAttempt(contextValue.clientAddress);
          if (admission) throw rateLimitedError(admission);
        },
      };
    },
  };
}
