import { Pool } from 'pg';
import type { Logger } from 'pino';
import type { Role } from '../entities/enums';
import { asUnavailable } from '../db/unavailable';

export interface Credentials {
  tenantId: string;
  id: string;
  email: string;
  displayName: string;
  isDemo: boolean;
  passwordHash: string;
  role: Role;
}

/**
 * Reads a member's password hash for login, as the auth role (src/db/roles.ts) on a small pool
 * of its own: the request role cannot reach any hash, so neither can a statement injected
 * into a request. The hash never leaves this module's caller (authenticate).
 */
export class CredentialStore {
  private readonly pool: Pool;

  constructor(url: string, logger: Logger) {
    this.pool = new Pool({ connectionString: url, max: 2, connectionTimeoutMillis: 5000, idleTimeoutMillis: 30_000, application_name: 'caregraph-auth' });
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

  close(): Promise<void> {
    return this.pool.end();
  }
}
