import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { Logger } from 'pino';
import { Feature, Role } from '../entities/enums';
import { AppError } from '../errors/app-error';
import type { ApiKeyCandidate, CredentialStore } from './credential-store';
import type { Caller } from './caller';

/**
 * API keys: `cgk_<prefix>_<secret>`. The prefix (16 lower-case letters and digits) is public and
 * unique: it finds the key's row without a scan, and names the key in logs and in `ApiClient.keys`.
 * The secret is 32 random bytes (base64url). Only the SHA-256 of the whole key is stored: a slow
 * password hash buys nothing for 256 random bits, and every partner request would pay for it.
 */
const KEY = /^cgk_([a-z0-9]{16})_([A-Za-z0-9_-]{43})$/;
const PREFIX_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
/** How long a verified key's access is kept in memory; the database re-checks the key and the client on every request anyway. */
const CACHE_MS = 30_000;
/** A key's last use is written at most this often (per instance, and by the database per key). */
const USED_EVERY_MS = 60_000;

export const hashApiKey = (key: string): Buffer => createHash('sha256').update(key, 'utf8').digest();

/** A new key: the text shown once to the admin, its public prefix and the hash kept. */
export function generateApiKey(): { key: string; prefix: string; hash: Buffer } {
  const bytes = randomBytes(16);
  // 36 letters from 256 values: the few values past 252 fold over (negligible bias for an identifier that is not a secret).
  const prefix = [...bytes].map((b) => PREFIX_ALPHABET[b % PREFIX_ALPHABET.length]).join('');
  const key = `cgk_${prefix}_${randomBytes(32).toString('base64url')}`;
  return { key, prefix, hash: hashApiKey(key) };
}

/**
 * The one answer to a key that does not open the API, whatever the reason (wrong, revoked,
 * expired, suspended, deleted), and whether it is found before the request begins or by the
 * database as it begins (the server then answers it the same way: 401, this error alone).
 */
export const API_KEY_REFUSED = { message: 'Invalid API key', extensions: { code: 'UNAUTHENTICATED', reason: 'INVALID_API_KEY' } } as const;
export const apiKeyRefused = () => new AppError('UNAUTHENTICATED', API_KEY_REFUSED.message, { reason: API_KEY_REFUSED.extensions.reason });

/** The API key a request presents (`Authorization: ApiKey <key>` or `x-api-key: <key>`), undefined without one. */
export function presentedApiKey(headers: { authorization?: string; 'x-api-key'?: string | string[] }): string | undefined {
  const header = headers['x-api-key'];
  const fromHeader = Array.isArray(header) ? header.join(',') : header;
  const authorization = headers.authorization?.trim();
  const fromAuthorization = authorization && /^ApiKey(\s|$)/i.test(authorization) ? authorization.slice(7).trim() : undefined;
  if (fromHeader !== undefined && authorization) throw new AppError('UNAUTHENTICATED', 'Send one credential: an Authorization header or x-api-key, not both');
  return fromAuthorization ?? fromHeader?.trim();
}

/** Whether a candidate row still opens the API now (the same conditions app_begin_request checks on every request). */
function isLive(row: ApiKeyCandidate, now: number): boolean {
  return (
    row.status === 'ACTIVE' &&
    !row.deleted &&
    !row.keyRevokedAt &&
    (!row.keyExpiresAt || row.keyExpiresAt.getTime() > now) &&
    (!row.expiresAt || row.expiresAt.getTime() > now)
  );
}

/**
 * Turns an API key into its caller: the client's account, tenant, scopes (as permissions) and
 * masking profile (as role). Keys verified lately are kept in memory, by the hash of the key, for
 * at most 30 seconds and never past the key's or client's expiry; the database checks the key and
 * the client again when each request begins, so a revoked, suspended or changed client is
 * refused at once on every instance (and forgotten here).
 */
export class ApiKeyAuthenticator {
  private readonly verified = new LRUCache<string, { caller: Caller; until: number }>({ max: 10_000 });
  private readonly lastMarked = new LRUCache<string, number>({ max: 10_000 });

  constructor(
    private readonly credentials: CredentialStore,
    private readonly logger: Logger,
  ) {}

  /**
   * The caller of a key; UNAUTHENTICATED (always the same answer) for any key that does not open
   * the API. `beforeLookup` runs only when the key must be read from the database (not verified
   * lately), and may throw to stop there: what a key guesser pays for each guess.
   */
  async authenticate(key: string, beforeLookup?: () => Promise<void>): Promise<Caller> {
    const match = KEY.exec(key);
    if (!match) throw apiKeyRefused();
    const hash = hashApiKey(key);
    const cacheKey = hash.toString('hex');
    const now = Date.now();
    const cached = this.verified.get(cacheKey);
    if (cached && cached.until > now) {
      this.markUsed(cached.caller);
      return cached.caller;
    }
    await beforeLookup?.();
    const row = await this.credentials.apiKeyCandidate(match[1]);
    // Compared in constant time; a missing prefix is compared against a hash of its own so that it takes as long.
    const stored = row?.secretHash ?? createHash('sha256').update(cacheKey).digest();
    if (!timingSafeEqual(stored, hash) || !row || !isLive(row, now)) throw apiKeyRefused();
    const caller: Caller = {
      userId: row.userId,
      tenantId: row.tenantId,
      role: row.maskingProfile as Role,
      customRoleId: null,
      permissions: new Set(row.scopes),
      accessVersion: row.accessVersion,
      features: new Set(row.features as Feature[]),
      apiClient: { clientId: row.clientId, keyId: row.keyId, version: row.clientVersion, rateLimitPerMinute: row.rateLimitPerMinute },
    };
    const ends = [row.keyExpiresAt, row.expiresAt].filter((d): d is Date => !!d).map((d) => d.getTime());
    this.verified.set(cacheKey, { caller, until: Math.min(now + CACHE_MS, ...ends) });
    this.markUsed(caller);
    return caller;
  }

  /** Drops what is kept of a client's keys once the database has refused one (revoked, suspended, changed scopes…): the next request reads the client again. */
  forget(clientId: string): void {
    for (const [cacheKey, { caller }] of this.verified.entries()) {
      if (caller.apiClient?.clientId === clientId) this.verified.delete(cacheKey);
    }
  }

  /** Records the key's use (at most once a minute), outside the request: a failure is logged, never the request's. */
  private markUsed(caller: Caller): void {
    const keyId = caller.apiClient!.keyId;
    const now = Date.now();
    if ((this.lastMarked.get(keyId) ?? 0) > now - USED_EVERY_MS) return;
    this.lastMarked.set(keyId, now);
    this.credentials.apiKeyUsed(caller.tenantId, keyId).catch((error: { code?: string }) => this.logger.warn({ sqlState: error?.code }, 'recording an API key’s last use failed'));
  }
}
