import { RESOURCES } from '../resources';
import { offersOperation } from '../data/resource';
import { OPERATIONS, permissionOf, PERMISSIONS_BY_KEY, TENANT_PERMISSIONS, type Permission } from './permissions';
import { PERMISSION_DESCRIPTIONS, PERMISSION_ENUM } from './permission-enum';

let catalogue: ReadonlyMap<string, Permission> | undefined;

/**
 * Every permission the API offers, by key, in one list: each resource's operations (read, and
 * the four writes where it has mutations) and declared actions, then the tenant's own. The
 * README's role table is printed from it, the GraphQL enum `Permission` lists it, and a custom
 * role is a subset of it. Built once, before the schema (buildCareGraphSchema asks for it).
 */
export function permissionCatalogue(): ReadonlyMap<string, Permission> {
  if (catalogue) return catalogue;
  const all = [
    ...RESOURCES.flatMap((resource) => [
      ...OPERATIONS.filter((operation) => offersOperation(resource, operation)).map((operation) => permissionOf(resource, operation)),
      ...Object.keys(resource.actions ?? {}).map((action) => permissionOf(resource, action)),
    ]),
    ...Object.values(TENANT_PERMISSIONS),
  ];
  const byKey = new Map<string, Permission>();
  for (const permission of all) {
    if (byKey.has(permission.key)) throw new Error(`two permissions are named ${permission.key}`);
    byKey.set(permission.key, permission);
    PERMISSIONS_BY_KEY.set(permission.key, permission);
    PERMISSION_ENUM[permission.key] = permission.key;
    PERMISSION_DESCRIPTIONS[permission.key] = { description: describe(permission) };
  }
  return (catalogue = byKey);
}

/** `read Patient objects`, or an action's own words; and the feature it needs. */
export function describe(permission: Permission): string {
  const what = permission.description ?? `${permission.operation} ${permission.subject} objects`;
  return permission.feature ? `${what} (feature ${permission.feature})` : what;
}
