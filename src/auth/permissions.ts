import { Feature, Role } from '../entities/enums';
import type { Operation, Resource } from '../data/resource';
import type { Caller } from './caller';
import { AppError } from '../errors/app-error';

const { ADMIN, CLINICIAN, CARE_WORKER, COORDINATOR, ANALYST, SDR, HEALTH_COACH } = Role;

/**
 * Role × operation building blocks for resource declarations (each resource states its own
 * permissions; the README's table is generated from the registry and a test keeps the two equal).
 * Clinical content is for those who give care; coordinators and analysts work with schedules and
 * demographics; SDRs work leads and health coaches patients' journeys (neither reads clinical notes).
 */
export const EVERYONE = [ADMIN, CLINICIAN, CARE_WORKER, COORDINATOR, ANALYST, SDR, HEALTH_COACH] as const;
/** Everyone but SDRs, who work leads: patients' records start at conversion, in the coaches' hands. */
export const PATIENT_READERS = [ADMIN, CLINICIAN, CARE_WORKER, COORDINATOR, ANALYST, HEALTH_COACH] as const;
/**
 * Minimum necessary (resources' `masks`): those whose work needs to know who a person is. An
 * ANALYST counts and compares, and sees patients de-identified: initials, a postcode district,
 * no identifiers, contact details or free text.
 */
export const IDENTIFYING_READERS = [ADMIN, CLINICIAN, CARE_WORKER, COORDINATOR, SDR, HEALTH_COACH] as const;
/** Whether a role (a system role, or a custom role's or API client's masking profile) reads patients de-identified: aggregates suppress its small cells, its statements have the analysts' time limit. */
export const readsDeIdentified = (role: Role): boolean => !(IDENTIFYING_READERS as readonly Role[]).includes(role);
/** Those who arrange or give care, who need the national identifiers; not coaches or SDRs. */
export const CARE_TEAM = [ADMIN, CLINICIAN, CARE_WORKER, COORDINATOR] as const;
/** Those who give care. */
export const CARE_GIVERS = [ADMIN, CLINICIAN, CARE_WORKER] as const;

export type Permissions = Readonly<Record<Operation, readonly Role[]>>;

/** Everyone reads; admins write: reference data and configuration. */
export const ADMIN_MANAGED: Permissions = { read: EVERYONE, create: [ADMIN], update: [ADMIN], delete: [ADMIN], restore: [ADMIN] };

export const OPERATIONS: readonly Operation[] = ['read', 'create', 'update', 'delete', 'restore'];

/**
 * One thing a caller may be allowed to do: an operation on a resource (`PATIENT_READ`) or a
 * declared action (`PATIENT_ADMIT_RESIDENT`, `TENANT_UPDATE_SETTINGS`). Every check, whichever
 * path a request takes, goes through `refusalFor` with one of these.
 */
export interface Permission {
  /** `PATIENT_READ`, `PATIENT_ADMIT_RESIDENT`: a row of the README's role table, a value of the GraphQL enum `Permission`, what a custom role lists. */
  readonly key: string;
  /** `Patient`, `Tenant`: the resource (or the tenant) it is about. */
  readonly subject: string;
  /** `read`, `admitResident`. */
  readonly operation: string;
  /** The system roles that have it. */
  readonly roles: readonly Role[];
  /** The feature it belongs to: refused with FEATURE_DISABLED while the tenant has it off. */
  readonly feature?: Feature;
  /** What it lets a caller do, for the README and the catalogue (a resource operation's is generated). */
  readonly description?: string;
}

/** `CarePlanReview` → `CARE_PLAN_REVIEW`. */
const screaming = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();

/** Declares a permission (a resource's, made by permissionOf, or the tenant's own): its key is `<SUBJECT>_<OPERATION>`. */
export function permission(subject: string, operation: string, roles: readonly Role[], feature?: Feature, description?: string): Permission {
  return { key: `${screaming(subject)}_${screaming(operation)}`, subject, operation, roles, ...(feature ? { feature } : {}), ...(description ? { description } : {}) };
}

/** FEATURE_DISABLED for `what` (a permission's key, a field) while the tenant has `feature` off. */
export function featureDisabled(feature: Feature, what: string): AppError {
  return new AppError('FEATURE_DISABLED', `${what} needs the feature ${feature}, which is off for this tenant (its plan, or its admins)`, { feature });
}

/** Why the caller may not use `permission` (FEATURE_DISABLED or FORBIDDEN), or null when they may. */
export function refusalFor(caller: Caller, permission: Permission): AppError | null {
  if (permission.feature && !caller.features.has(permission.feature)) return featureDisabled(permission.feature, permission.key);
  // A custom role works only while its feature is on (a plan without it): its members fall back to nothing, never to more.
  if (caller.customRoleId && !caller.features.has(Feature.CUSTOM_ROLES)) return featureDisabled(Feature.CUSTOM_ROLES, `Your custom role (${permission.key})`);
  // A custom role has exactly its own permissions; a system role those the table gives it.
  const allowed = caller.permissions ? caller.permissions.has(permission.key) : permission.roles.includes(caller.role);
  if (!allowed) {
    const who = caller.customRoleId ? 'Your custom role' : `Role ${caller.role}`;
    return new AppError('FORBIDDEN', `${who} does not have the permission ${permission.key}`, { permission: permission.key });
  }
  return null;
}

/** The tenant's own administration: its settings and its feature switches. */
export const TENANT_PERMISSIONS = {
  updateSettings: permission('Tenant', 'updateSettings', [Role.ADMIN], undefined, 'edit the tenant’s name, domain, branding, time zone, locale and currency (`updateTenantSettings`)'),
  setFeature: permission('Tenant', 'setFeature', [Role.ADMIN], undefined, 'switch features of the plan off and on (`setTenantFeature`)'),
} as const;

const resourcePermissions = new WeakMap<Resource, Map<string, Permission>>();

/**
 * A resource's permission: an operation (`read`…`restore`, roles from `permissions`) or one of
 * its declared `actions`, under the resource's feature. Made once per resource and operation.
 */
export function permissionOf(resource: Resource, operation: Operation | string): Permission {
  let byOperation = resourcePermissions.get(resource);
  if (!byOperation) resourcePermissions.set(resource, (byOperation = new Map()));
  let found = byOperation.get(operation);
  if (!found) {
    const action = resource.actions?.[operation];
    const rolesNow = () => (resource.permissions as Record<string, readonly Role[]>)[operation] ?? resource.actions?.[operation]?.roles;
    if (!rolesNow()) throw new Error(`${resource.typeName} declares no operation or action ${operation}`);
    const made = permission(resource.typeName, operation, [], action?.feature ?? resource.feature, action?.description);
    // Read from the declaration at each check, not copied (a declaration is the one place its roles are written).
    found = Object.defineProperty(made, 'roles', { get: () => rolesNow() ?? [], enumerable: true });
    byOperation.set(operation, found);
  }
  return found;
}

/** Every permission the API offers, by key: filled by permissionCatalogue() before the schema is built. */
export const PERMISSIONS_BY_KEY = new Map<string, Permission>();

/** The permissions a caller holds, features aside: a custom role's own list, or those the role table gives a system role. */
export function heldBy(caller: Caller): ReadonlySet<string> {
  return caller.permissions ?? systemRolePermissions(caller.role);
}

/** What the role table gives a system role. */
export function systemRolePermissions(role: Role): Set<string> {
  return new Set([...PERMISSIONS_BY_KEY.values()].filter((p) => p.roles.includes(role)).map((p) => p.key));
}

/**
 * What a role may write or act on, it may read: a write's answer is the row as written (a pay
 * period's figures), so a role changing rows it may not read would read them through it. The
 * permissions of `keys` that need a read permission missing from them (a resource's `<X>_READ`).
 */
export function missingReads(keys: Iterable<string>): string[] {
  const given = new Set(keys);
  const missing = new Set<string>();
  for (const key of given) {
    const permission = PERMISSIONS_BY_KEY.get(key);
    if (!permission || permission.operation === 'read') continue;
    const read = [...PERMISSIONS_BY_KEY.values()].find((p) => p.subject === permission.subject && p.operation === 'read');
    if (read && !given.has(read.key)) missing.add(read.key);
  }
  return [...missing];
}

export function assertReadsWhatItWrites(keys: Iterable<string>, field: string): void {
  const missing = missingReads(keys);
  if (missing.length) {
    throw AppError.badInput([{ field, rule: 'needsRead', message: `writes or acts on what it may not read: add ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''}` }]);
  }
}

/**
 * A custom role or an API client sees data as its masking profile. A de-identified profile
 * (ANALYST) has masks declared for what that system role reads, and nowhere else: such a role
 * may read nothing more (reading leads or medical records, it would see names and notes no mask
 * was declared for). Rule `profileReads`. An identified profile sees in full what it is given.
 */
export function assertReadsWithinProfile(keys: Iterable<string>, profile: Role, field: string): void {
  if (!readsDeIdentified(profile)) return;
  const profileHolds = systemRolePermissions(profile);
  const beyond = [...new Set(keys)].filter((key) => PERMISSIONS_BY_KEY.get(key)?.operation === 'read' && !profileHolds.has(key));
  if (beyond.length) {
    throw AppError.badInput([{ field, rule: 'profileReads', message: `reads what its masking profile ${profile} may not (${beyond.slice(0, 5).join(', ')}${beyond.length > 5 ? ', …' : ''}): its view of those is not declared` }]);
  }
}

/**
 * Nobody grants or takes away more than they hold: a role given to a member or an invitee, the
 * permissions of a custom role, or a member whose role is administered, must be within the
 * caller's own permissions (an admin may give any). Otherwise a custom role holding
 * MEMBER_CHANGE_ROLE could make its member ADMIN.
 */
export function assertWithinOwn(caller: Caller, keys: Iterable<string>, field: string, what: string): void {
  // System roles: administration is the admin's, who may give any role (the table gives no other system role these actions).
  if (!caller.permissions) return;
  const held = caller.permissions;
  const beyond = [...new Set(keys)].filter((key) => !held.has(key));
  if (beyond.length) {
    throw new AppError('FORBIDDEN', `${what} goes beyond your own permissions (${beyond.slice(0, 5).join(', ')}${beyond.length > 5 ? ', …' : ''})`, {
      rule: 'beyondOwn',
      field,
      permissions: beyond,
    });
  }
}
