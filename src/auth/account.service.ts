import { AppError } from '../errors/app-error';
import type { RequestDb } from '../db/request-db';
import type { Caller } from './caller';
import type { CredentialStore } from './credential-store';
import { dummyHash, verifyPassword } from './passwords';
import type { Feature, Role } from '../entities/enums';
import { Tenant, User } from '../entities';

const INVALID_LOGIN = 'Invalid email, password or tenant';

const USER_COLUMNS = `u.id, u.email, u.display_name AS "displayName", u.is_demo AS "isDemo"`;
const TENANT_COLUMNS = `t.id, t.slug, t.name, t.kind, t.plan, t.subscription_status AS "subscriptionStatus", t.domain, t.logo_url AS "logoUrl",
  t.primary_color AS "primaryColor", t.timezone, t.locale, t.currency, t.trusted_documents_only AS "trustedDocumentsOnly", t.version, t.created_at AS "createdAt"`;

const asUser = (row: Record<string, unknown>) => Object.assign(new User(), row);
const asTenant = (row: Record<string, unknown>) => Object.assign(new Tenant(), row);

export interface LoginResult {
  caller: Caller;
  user: User;
  tenant: Tenant;
}

/**
 * Checks an email, password and tenant slug. Every failure (unknown slug, unknown user, not a
 * member, wrong password, demo login in production) gives the same UNAUTHENTICATED error.
 */
export async function authenticate(
  db: RequestDb,
  credentials: CredentialStore,
  input: { email: string; password: string; tenantSlug: string },
  options: { allowDemoLogins: boolean },
): Promise<LoginResult> {
  const found = await credentials.find(input.tenantSlug, input.email);
  // Compared even when nobody matched, so every failure takes the same time.
  const passwordOk = await verifyPassword(found?.passwordHash ?? (await dummyHash()), input.password);
  if (!found || !passwordOk || (found.isDemo && !options.allowDemoLogins)) throw new AppError('UNAUTHENTICATED', INVALID_LOGIN);
  const { tenantId, role: _role, passwordHash: _hash, ...user } = found;
  const result = await signedIn(db, { tenantId, userId: user.id }, user);
  if (!result) throw new AppError('UNAUTHENTICATED', INVALID_LOGIN);
  return result;
}

/**
 * The caller just signed in (a login, an accepted invitation, a refreshed session): the request
 * acts in its tenant from here on, and the caller's access is read as it is now: the role of
 * the membership, the tenant's access version and the features on. Null when the membership
 * is gone. `user` when the sign-in read it already (a login's credentials).
 */
export async function signedIn(db: RequestDb, member: { tenantId: string; userId: string }, user?: Record<string, unknown>): Promise<LoginResult | null> {
  await db.switchTenant(member.tenantId);
  const [row] = user ? [user] : await db.query(`SELECT ${USER_COLUMNS} FROM users u WHERE u.id = $1 AND u.deleted_at IS NULL`, [member.userId]);
  const [tenant] = await db.query<Record<string, unknown> & { memberRole: Role; customRoleId: string | null; permissions: string[] | null; accessVersion: number; features: Feature[] }>(
    `SELECT ${TENANT_COLUMNS}, m.role AS "memberRole", m.custom_role_id AS "customRoleId", r.permissions,
            t.access_version AS "accessVersion", tenant_features_on(t.id) AS features
       FROM tenants t JOIN memberships m ON m.tenant_id = t.id AND m.user_id = $2 AND m.deleted_at IS NULL
       LEFT JOIN custom_roles r ON r.tenant_id = m.tenant_id AND r.id = m.custom_role_id
      WHERE t.id = $1 AND t.deleted_at IS NULL`,
    [member.tenantId, member.userId],
  );
  if (!row || !tenant) return null;
  const { memberRole: role, customRoleId, permissions, accessVersion, features, ...tenantColumns } = tenant;
  const caller: Caller = {
    ...member,
    role,
    customRoleId,
    permissions: customRoleId ? new Set(permissions ?? []) : null,
    accessVersion,
    features: new Set(features),
    ...(tenantColumns.trustedDocumentsOnly === true ? { trustedDocumentsOnly: true } : {}),
  };
  return { caller, user: asUser(row), tenant: asTenant(tenantColumns) };
}

/** The caller's own user and tenant rows (row-level security shows nothing else). */
export async function loadViewer(db: RequestDb, caller: Caller): Promise<{ user: User; tenant: Tenant }> {
  const [user] = await db.query(`SELECT ${USER_COLUMNS} FROM users u WHERE u.id = $1 AND u.deleted_at IS NULL`, [caller.userId]);
  const [tenant] = await db.query(`SELECT ${TENANT_COLUMNS} FROM tenants t WHERE t.id = $1 AND t.deleted_at IS NULL`, [caller.tenantId]);
  if (!user || !tenant) throw new AppError('UNAUTHENTICATED', 'Your account or tenant no longer exists; log in again');
  return { user: asUser(user), tenant: asTenant(tenant) };
}

/** `node(id)` for a Tenant: only the caller's own. */
export async function findTenant(db: RequestDb, caller: Caller, tenantId: string): Promise<Tenant | null> {
  if (tenantId !== caller.tenantId) return null;
  const [tenant] = await db.query(`SELECT ${TENANT_COLUMNS} FROM tenants t WHERE t.id = $1 AND t.deleted_at IS NULL`, [tenantId]);
  return tenant ? asTenant(tenant) : null;
}

/** `node(id)` for a User: only members of the caller's tenant. */
export async function findUser(db: RequestDb, caller: Caller, userId: string): Promise<User | null> {
  const [user] = await db.query(
    `SELECT ${USER_COLUMNS} FROM users u JOIN memberships m ON m.user_id = u.id AND m.tenant_id = $2 AND m.deleted_at IS NULL
      WHERE u.id = $1 AND u.deleted_at IS NULL`,
    [userId, caller.tenantId],
  );
  return user ? asUser(user) : null;
}
