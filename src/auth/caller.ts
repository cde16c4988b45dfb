import type { Feature, Role } from '../entities/enums';

/**
 * The verified identity of a request, from its access token: who, in which tenant, with which
 * role (system or custom), and what the tenant had on when the token was issued. The database refuses the token
 * once the membership, the role or the tenant's access version is no longer the token's
 * (app_begin_request), so these are current for every request that gets an answer.
 */
export interface Caller {
  userId: string;
  tenantId: string;
  /** The system role; for a member given a custom role, that role's masking profile (what rows and fields it sees). */
  role: Role;
  /** The member's custom role, if any (the database checks it is still the membership's). */
  customRoleId: string | null;
  /** A custom role's permissions (keys of the catalogue): then the only ones the caller has. Null: the system role's, from the role table. */
  permissions: ReadonlySet<string> | null;
  /** The tenant's `access_version` at issue: it changes when a feature is switched or the plan changes. */
  accessVersion: number;
  /** The features on for the tenant at issue (migration Features, `tenant_features_on`). */
  features: ReadonlySet<Feature>;
  /**
   * Set for a partner app calling with an API key (src/auth/api-keys.ts): `userId` is then the
   * client's own account, `permissions` its scopes and `role` its masking profile. The database
   * refuses the request once the key or the client is no longer the one read (app_begin_request).
   */
  apiClient?: ApiClientAccess;
  /** The tenant holds its members to registered documents (`trustedDocumentsOnly`; changing it moves the access version). */
  trustedDocumentsOnly?: boolean;
}

/** What a request made with an API key carries of its client. */
export interface ApiClientAccess {
  clientId: string;
  keyId: string;
  /** The client's `access_version` when its key was read: a change of its scopes refuses older reads. */
  version: number;
  /** Its own rate limit (requests a minute), or null for the server's. */
  rateLimitPerMinute: number | null;
}
