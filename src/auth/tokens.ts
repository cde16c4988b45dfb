import { createSecretKey } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { GraphQLError } from 'graphql';
import { isUuid } from '../graphql/global-id';
import { Role } from '../entities/enums';
import type { Caller } from './caller';

const ISSUER = 'caregraph';
const AUDIENCE = 'caregraph-api';
const ROLES = new Set<string>(Object.values(Role));

export interface TokenService {
  issue(caller: Caller): { accessToken: string; expiresAt: Date };
  /** The caller of a `Bearer` header, null without one; a bad or expired token is UNAUTHENTICATED (401). */
  verifyHeader(authorization: string | undefined): Caller | null;
}

const unauthenticated = (message: string) =>
  new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });

/** Signed JWTs (HS256, short-lived) carrying user, tenant and role. */
export function createTokenService(secret: string, ttlSeconds: number): TokenService {
  // One key object for the process: given a string, jsonwebtoken would build one per call.
  const key = createSecretKey(Buffer.from(secret, 'utf8'));
  return {
    issue(caller) {
      const accessToken = jwt.sign({ tid: caller.tenantId, role: caller.role }, key, {
        algorithm: 'HS256',
        subject: caller.userId,
        expiresIn: ttlSeconds,
        issuer: ISSUER,
        audience: AUDIENCE,
      });
      return { accessToken, expiresAt: new Date(Date.now() + ttlSeconds * 1000) };
    },
    verifyHeader(authorization) {
      if (!authorization) return null;
      const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(authorization.trim());
      if (!match) throw unauthenticated('Authorization must be "Bearer <accessToken>"');
      let claims: jwt.JwtPayload;
      try {
        claims = jwt.verify(match[1], key, { algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE }) as jwt.JwtPayload;
      } catch (error) {
        const expired = error instanceof jwt.TokenExpiredError;
        throw unauthenticated(expired ? 'Access token expired: log in again' : 'Invalid access token');
      }
      const { sub, tid, role } = claims as { sub?: unknown; tid?: unknown; role?: unknown };
      if (typeof sub !== 'string' || !isUuid(sub) || typeof tid !== 'string' || !isUuid(tid) || typeof role !== 'string' || !ROLES.has(role)) {
        throw unauthenticated('Invalid access token');
      }
      return { userId: sub, tenantId: tid, role: role as Role };
    },
  };
}
