import type { Feature, Role } from '../entities/enums';

/**
 * The verified identity of a request, from its access token: who, in which tenant, with which
 * role, and what the tenant had on when the token was issued. The database refuses the token
 * once the membership, the role or the tenant's access version is no longer the token's
 * (app_begin_request), so these are current for every request that gets an answer.
 */
export interface Caller {
  userId: string;
  tenantId: string;
  role: Role;
  /** The tenant's `access_version` at issue: it changes when a feature is switched or the plan changes. */
  accessVersion: number;
  /** The features on for the tenant at issue (migration Features, `tenant_features_on`). */
  features: ReadonlySet<Feature>;
}
