import { RESOURCES } from '../resources';
import { OPERATIONS, permissionOf, TENANT_PERMISSIONS, type Permission } from './permissions';

/** One permission the API offers, with what it lets a caller do. */
export interface CatalogueEntry {
  permission: Permission;
  /** `Patient`, `Tenant`. */
  subject: string;
  /** `read`, `admitResident`. */
  operation: string;
  description: string;
}

let catalogue: readonly CatalogueEntry[] | undefined;

/**
 * Every permission the API offers, in one list: each resource's operations (read, and the four
 * writes where it has mutations) and declared actions, then the tenant's own. The README's role
 * table is printed from it, and a custom role is a subset of it.
 */
export function permissionCatalogue(): readonly CatalogueEntry[] {
  catalogue ??= [
    ...RESOURCES.flatMap((resource) => [
      ...OPERATIONS.filter((operation) => operation === 'read' || resource.inputs).map((operation) => ({
        permission: permissionOf(resource, operation),
        subject: resource.typeName,
        operation,
        description: `${operation} ${resource.typeName} objects`,
      })),
      ...Object.entries(resource.actions ?? {}).map(([operation, action]) => ({
        permission: permissionOf(resource, operation),
        subject: resource.typeName,
        operation,
        description: action.description,
      })),
    ]),
    ...Object.values(TENANT_PERMISSIONS).map((permission) => {
      const [subject, operation] = permission.key.split('.');
      return { permission, subject, operation, description: permission.description ?? permission.key };
    }),
  ];
  return catalogue;
}
