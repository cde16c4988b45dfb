import { createSigner, createVerifier, TokenError } from 'fast-jwt';
import { GraphQLError } from 'graphql';
import { isUuid } from '../data/global-id';
import { Feature, Role } from '../entities/enums';
import type { ApiClientAccess, Caller } from './caller';

const ISSUER = 'caregraph';
const AUDIENCE = 'caregraph-api';
/** A download link's token: signed with the same key, but never accepted as an access token (nor the reverse). */
const DOWNLOAD_AUDIENCE = 'caregraph-download';
const ROLES = new Set<string>(Object.values(Role));
const FEATURES = new Set<string>(Object.values(Feature));
const PERMISSION_NAME = /^[A-Z][A-Z_]{0,99}$/;

export interface TokenService {
  issue(caller: Caller): { accessToken: string; expiresAt: Date };
  /** The caller of a `Bearer` header, null without one; a bad or expired token is UNAUTHENTICATED (401). */
  verifyHeader(authorization: string | undefined): Caller | null;
  /** A short-lived token for one file (`subject`: a DocumentVersion id) carrying the caller, whose access the download checks again. */
  issueDownload(caller: Caller, subject: string, ttlSeconds: number): { token: string; expiresAt: Date };
  /** The caller and subject of a download token; null when it is not one, altered or expired. */
  verifyDownload(token: string): { caller: Caller; subject: string } | null;
}

/**
 * The claims that carry a caller (`sub`, `tid`, `role`, `av`, `ft`, and `crl` with `pm` for a
 * custom role, `ac` with `pm` for an API client: only download links carry one, since a client
 * authenticates with its key; `tdo` when the tenant runs trusted documents only).
 */
function claimsOf(caller: Caller): Record<string, unknown> {
  const client = caller.apiClient;
  return {
    sub: caller.userId,
    tid: caller.tenantId,
    role: caller.role,
    av: caller.accessVersion,
    ft: [...caller.features],
    ...(caller.customRoleId ? { crl: caller.customRoleId, pm: [...(caller.permissions ?? [])] } : {}),
    ...(client ? { ac: [client.clientId, client.keyId, client.version, client.rateLimitPerMinute], pm: [...(caller.permissions ?? [])] } : {}),
    ...(caller.trustedDocumentsOnly ? { tdo: true } : {}),
  };
}

/** The API client of an `ac` claim, undefined without one, null when it is malformed. */
function apiClientOf(ac: unknown): ApiClientAccess | null | undefined {
  if (ac === undefined) return undefined;
  if (!Array.isArray(ac) || ac.length !== 4) return null;
  const [clientId, keyId, version, rateLimitPerMinute] = ac as unknown[];
  if (typeof clientId !== 'string' || !isUuid(clientId) || typeof keyId !== 'string' || !isUuid(keyId) || !Number.isSafeInteger(version)) return null;
  if (rateLimitPerMinute !== null && !Number.isSafeInteger(rateLimitPerMinute)) return null;
  return { clientId, keyId, version: version as number, rateLimitPerMinute: rateLimitPerMinute as number | null };
}

/** The caller of verified claims; null when they are not well formed. */
function callerOf(claims: Record<string, unknown>): Caller | null {
  const { sub, tid, role, av, ft, crl, pm, ac, tdo } = claims;
  const apiClient = apiClientOf(ac);
  const permissionsGiven = crl !== undefined || apiClient !== undefined;
  if (
    apiClient === null || (crl !== undefined && apiClient !== undefined) || (tdo !== undefined && tdo !== true) ||
    typeof sub !== 'string' || !isUuid(sub) || typeof tid !== 'string' || !isUuid(tid) || typeof role !== 'string' || !ROLES.has(role) ||
    !Number.isSafeInteger(av) || (av as number) < 1 || !Array.isArray(ft) || !ft.every((f) => typeof f === 'string' && FEATURES.has(f)) ||
    (crl !== undefined && (typeof crl !== 'string' || !isUuid(crl))) ||
    // A custom role or an API client comes with its permissions (names of the catalogue; the database checks the role or client is still the one read).
    (permissionsGiven ? !Array.isArray(pm) || pm.length > 1000 || !pm.every((p) => typeof p === 'string' && PERMISSION_NAME.test(p)) : pm !== undefined)
  ) {
    return null;
  }
  return {
    userId: sub,
    tenantId: tid,
    role: role as Role,
    customRoleId: (crl as string | undefined) ?? null,
    permissions: permissionsGiven ? new Set(pm as string[]) : null,
    accessVersion: av as number,
    features: new Set(ft as Feature[]),
    ...(apiClient ? { apiClient } : {}),
    ...(tdo === true ? { trustedDocumentsOnly: true } : {}),
  };
}

/** A refused credential: 401 with UNAUTHENTICATED. */
export const unauthenticated = (message: string, details: Record<string, unknown> = {}) =>
  new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', ...details, http: { status: 401 } } });

/** Signed JWTs (HS256, short-lived) carrying user, tenant, role, the tenant's access version and the features on (`av`, `ft`), and a custom role with its permissions (`crl`, `pm`). */
export function createTokenService(secret: string, ttlSeconds: number): TokenService {
  const key = Buffer.from(secret, 'utf8');
  const sign = createSigner({ key, algorithm: 'HS256', expiresIn: ttlSeconds * 1000, iss: ISSUER, aud: AUDIENCE });
  // Verified tokens are cached (LRU, keyed by a hash of the token, never past their `exp`):
  // every request presents one, and verifying it again cost more than anything else we do per request.
  const verify = createVerifier({ key, algorithms: ['HS256'], allowedIss: ISSUER, allowedAud: AUDIENCE, requiredClaims: ['exp'], cache: 10_000 });
  const signDownload = createSigner({ key, algorithm: 'HS256', iss: ISSUER, aud: DOWNLOAD_AUDIENCE });
  const verifyDownloadToken = createVerifier({ key, algorithms: ['HS256'], allowedIss: ISSUER, allowedAud: DOWNLOAD_AUDIENCE, requiredClaims: ['exp', 'dl'] });
  return {
    issue(caller) {
      return { accessToken: sign(claimsOf(caller)), expiresAt: new Date(Date.now() + ttlSeconds * 1000) };
    },
    verifyHeader(authorization) {
      if (!authorization) return null;
      const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(authorization.trim());
      if (!match) throw unauthenticated('Authorization must be "Bearer <accessToken>" (a member) or "ApiKey <key>" (a partner app)');
      let claims: Record<string, unknown>;
      try {
        claims = verify(match[1]);
      } catch (error) {
        const expired = error instanceof TokenError && error.code === TokenError.codes.expired;
        throw unauthenticated(expired ? 'Access token expired: log in again' : 'Invalid access token');
      }
      const caller = callerOf(claims);
      if (!caller) throw unauthenticated('Invalid access token');
      return caller;
    },
    issueDownload(caller, subject, downloadTtlSeconds) {
      // In whole seconds, as the token's `exp` says: the expiry reported is the one that holds.
      const exp = Math.floor(Date.now() / 1000) + downloadTtlSeconds;
      return { token: signDownload({ ...claimsOf(caller), dl: subject, exp }), expiresAt: new Date(exp * 1000) };
    },
    verifyDownload(token) {
      try {
        const claims = verifyDownloadToken(token);
        const caller = callerOf(claims);
        return caller && typeof claims.dl === 'string' && isUuid(claims.dl) ? { caller, subject: claims.dl } : null;
      } catch {
        return null;
      }
    },
  };
}
