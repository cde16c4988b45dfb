import { Pool } from 'pg';
import type { Logger } from 'pino';
import type { Role } from '../entities/enums';
import { asUnavailable, databaseUnavailable } from '../db/unavailable';

export interface Credentials {
  tenantId: string;
  id: string;
  email: string;
  displayName: string;
  isDemo: boolean;
  passwordHash: string;
  role: Role;
}

export type InvitationCredentials = {
  tenantId: string;
  invitationId: string;
  email: string;
  role: Role;
  /** The existing account of the invitation's e-mail, if any. */
  userId: string | null;
  passwordHash: string | null;
  alreadyMember: boolean;
};

/** An API key's row, its hash and its client's access (migration ApiClients, `api_key_candidate`). */
export interface ApiKeyCandidate {
  keyId: string;
  secretHash: Buffer;
  keyExpiresAt: Date | null;
  keyRevokedAt: Date | null;
  tenantId: string;
  clientId: string;
  userId: string;
  status: string;
  expiresAt: Date | null;
  deleted: boolean;
  maskingProfile: string;
  scopes: string[];
  rateLimitPerMinute: number | null;
  clientVersion: number;
  accessVersion: number;
  features: string[];
}

/**
 * Reads a member's password hash for login, as the auth role (src/db/roles.ts) on a small pool
 * of its own: the request role cannot reach any hash, so neither can a statement injected
 * into a request. The hash never leaves this module's caller (authenticate).
 */
export class CredentialStore {
  private readonly pool: Pool;

  constructor(url: string, logger: Logger) {
    // Bounded statements and lock waits: a login or an acceptance never holds one of these few
    // connections for long, whatever a request does meanwhile.
    this.pool = new Pool({
      connectionString: url,
      max: 2,
      connectionTimeoutMillis: 5000,
      idleTimeoutMillis: 30_000,
      application_name: 'caregraph-auth',
      statement_timeout: 5000,
      lock_timeout: 2000,
    });
    // An idle connection the server dropped: the pool replaces it; without a listener it would end the process.
    this.pool.on('error', (error) => logger.warn({ sqlState: (error as { code?: string }).code }, 'idle login connection lost'));
  }

  /** The member of the tenant with this slug and email (case-insensitive), or null. */
  async find(tenantSlug: string, email: string): Promise<Credentials | null> {
    const { rows } = await this.pool
      .query<Credentials>(
        `SELECT tenant_id AS "tenantId", id, email, display_name AS "displayName", is_demo AS "isDemo", password_hash AS "passwordHash", role FROM login_credentials($1, $2)`,
        [tenantSlug, email],
      )
      .catch((error: unknown) => {
        throw asUnavailable(error);
      });
    return rows[0] ?? null;
  }

  /** The PENDING, unexpired invitation with this token hash, and the account its e-mail already has (hash included), or null. */
  async invitation(tenantSlug: string, tokenHash: string): Promise<InvitationCredentials | null> {
    const rows = await this.call<InvitationCredentials>(
      `SELECT tenant_id AS "tenantId", invitation_id AS "invitationId", email, role, user_id AS "userId", password_hash AS "passwordHash", already_member AS "alreadyMember"
         FROM invitation_for_token($1, $2)`,
      [tenantSlug, tokenHash],
    );
    return rows[0] ?? null;
  }

  /**
   * Accepts the invitation in one statement (user made if new, membership added, invitation
   * ACCEPTED), if the e-mail's account is still `checkedUserId` (null: none). The status says
   * what happened (migration Invitations).
   */
  async acceptInvitation(
    tenantSlug: string,
    tokenHash: string,
    passwordHash: string,
    displayName: string,
    checkedUserId: string | null,
  ): Promise<{ status: 'OK' | 'INVALID' | 'SUSPENDED' | 'CHANGED'; tenantId: string; userId: string; role: Role }> {
    const [row] = await this.call<{ status: 'OK' | 'INVALID' | 'SUSPENDED' | 'CHANGED'; tenantId: string; userId: string; role: Role }>(
      `SELECT status, tenant_id AS "tenantId", user_id AS "userId", role FROM accept_invitation($1, $2, $3, $4, $5)`,
      [tenantSlug, tokenHash, passwordHash, displayName, checkedUserId],
    );
    return row;
  }

  /** Stores a new refresh token's hash, in a family (a new one at login). */
  async issueRefreshToken(tenantId: string, userId: string, familyId: string, tokenHash: string, expiresAt: Date): Promise<void> {
    await this.call(`SELECT session_issue($1, $2, $3, $4, $5)`, [tenantId, userId, familyId, tokenHash, expiresAt]);
  }

  /** Spends a refresh token for the next one of its family (migration Sessions says what each status means). */
  async rotateRefreshToken(tenantId: string, tokenHash: string, nextHash: string, expiresAt: Date): Promise<{ status: 'OK' | 'INVALID' | 'REUSED'; userId: string | null; role: Role | null }> {
    const [row] = await this.call<{ status: 'OK' | 'INVALID' | 'REUSED'; userId: string | null; role: Role | null }>(
      `SELECT status, user_id AS "userId", role FROM session_rotate($1, $2, $3, $4)`,
      [tenantId, tokenHash, nextHash, expiresAt],
    );
    return row;
  }

  /** Revokes the family of the token with this hash and, given a user, every family of theirs in the tenant. */
  async revokeRefreshTokens(tenantId: string, tokenHash: string | null, userId: string | null): Promise<number> {
    const [row] = await this.call<{ revoked: number }>(`SELECT session_revoke($1, $2, $3) AS revoked`, [tenantId, tokenHash, userId]);
    return row.revoked;
  }

  /** The key with this public prefix, with its hash and its client's access, or null. */
  async apiKeyCandidate(prefix: string): Promise<ApiKeyCandidate | null> {
    const [row] = await this.busyIsUnavailable(this.call<ApiKeyCandidate & Record<string, unknown>>(
      `SELECT key_id AS "keyId", secret_hash AS "secretHash", key_expires_at AS "keyExpiresAt", key_revoked_at AS "keyRevokedAt", tenant_id AS "tenantId",
              client_id AS "clientId", user_id AS "userId", status, expires_at AS "expiresAt", deleted, masking_profile AS "maskingProfile", scopes,
              rate_limit_per_minute AS "rateLimitPerMinute", client_version AS "clientVersion", access_version AS "accessVersion", features
         FROM api_key_candidate($1)`,
      [prefix],
    ));
    return row ?? null;
  }

  /** This pool's lock and statement timeouts mean it is busy (every request with a key waits on it): 503, retry. */
  private busyIsUnavailable<T>(query: Promise<T>): Promise<T> {
    return query.catch((error: { code?: string }) => {
      throw error?.code === '55P03' || error?.code === '57014' ? databaseUnavailable() : error;
    });
  }

  /** Records a key's use now (the database keeps at most one a minute). */
  async apiKeyUsed(tenantId: string, keyId: string): Promise<void> {
    await this.call('SELECT api_key_used($1, $2)', [tenantId, keyId]);
  }

  private async call<R extends Record<string, unknown>>(sql: string, params: unknown[]): Promise<R[]> {
    const { rows } = await this.pool.query<R>(sql, params).catch((error: unknown) => {
      throw asUnavailable(error);
    });
    return rows;
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
