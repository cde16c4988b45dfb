import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { isUuid } from '../data/global-id';
import { AppError } from '../errors/app-error';
import type { Caller } from './caller';
import type { CredentialStore } from './credential-store';
import type { TokenService } from './tokens';

/**
 * Sessions: a short-lived access token (a JWT, `JWT_TTL_SECONDS`) and a rotating refresh token
 * (`REFRESH_TTL_SECONDS`). A refresh token is `<tenant id>.<32 random bytes, base64url>`: the
 * tenant tells the database where to look; only its SHA-256 is stored. Each refresh spends it
 * and returns the next of its family; a spent one presented again revokes the family.
 */
export interface SessionTokens {
  accessToken: string;
  expiresAt: Date;
  refreshToken: string;
  refreshExpiresAt: Date;
}

const hashOf = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

function newRefreshToken(tenantId: string): { token: string; hash: string } {
  const token = `${tenantId}.${randomBytes(32).toString('base64url')}`;
  return { token, hash: hashOf(token) };
}

/** The tenant and hash of a well-formed refresh token, or null. */
function parseRefreshToken(token: string): { tenantId: string; hash: string } | null {
  const match = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{43})$/.exec(token);
  return match && isUuid(match[1]) ? { tenantId: match[1], hash: hashOf(token) } : null;
}

/** One answer whatever went wrong: unknown, expired, revoked, reused or a membership gone. */
const invalidRefresh = () => new AppError('UNAUTHENTICATED', 'This refresh token is not valid (expired, revoked or already used): log in again');

export class Sessions {
  constructor(
    private readonly credentials: CredentialStore,
    private readonly tokens: TokenService,
    private readonly refreshTtlSeconds: number,
  ) {}

  /** A new session (a login, an accepted invitation): an access token and the first refresh token of a new family. */
  async start(caller: Caller): Promise<SessionTokens> {
    const { token, hash } = newRefreshToken(caller.tenantId);
    const refreshExpiresAt = new Date(Date.now() + this.refreshTtlSeconds * 1000);
    await this.credentials.issueRefreshToken(caller.tenantId, caller.userId, randomUUID(), hash, refreshExpiresAt);
    return { ...this.tokens.issue(caller), refreshToken: token, refreshExpiresAt };
  }

  /**
   * The next tokens of the session, with the member's access as it is now (`accessOf` reads it:
   * role, features; null when the membership is gone); UNAUTHENTICATED otherwise.
   */
  async refresh(refreshToken: string, accessOf: (member: { tenantId: string; userId: string }) => Promise<Caller | null>): Promise<{ caller: Caller; tokens: SessionTokens }> {
    const parsed = parseRefreshToken(refreshToken);
    if (!parsed) throw invalidRefresh();
    const next = newRefreshToken(parsed.tenantId);
    const refreshExpiresAt = new Date(Date.now() + this.refreshTtlSeconds * 1000);
    const rotated = await this.credentials.rotateRefreshToken(parsed.tenantId, parsed.hash, next.hash, refreshExpiresAt);
    if (rotated.status !== 'OK') throw invalidRefresh();
    const caller = await accessOf({ tenantId: parsed.tenantId, userId: rotated.userId! });
    if (!caller) throw invalidRefresh();
    return { caller, tokens: { ...this.tokens.issue(caller), refreshToken: next.token, refreshExpiresAt } };
  }

  /** Ends the session of this refresh token (its whole family). A malformed or unknown token ends nothing, silently. */
  async logout(refreshToken: string): Promise<void> {
    const parsed = parseRefreshToken(refreshToken);
    if (parsed) await this.credentials.revokeRefreshTokens(parsed.tenantId, parsed.hash, null);
  }

  /** Ends every session of the caller in their tenant: their refresh tokens no longer work. */
  logoutEverywhere(caller: Caller): Promise<number> {
    return this.credentials.revokeRefreshTokens(caller.tenantId, null, caller.userId);
  }
}
