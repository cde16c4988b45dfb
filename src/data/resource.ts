import type { Role } from '../entities/enums';
import type { TenantOwnedEntity } from '../entities/base.entity';
import type { DataAccess } from './data-access';

export type Operation = 'read' | 'create' | 'update' | 'delete' | 'restore';

/** How a filterable field is compared; decides its GraphQL filter input and its SQL. */
export type FilterKind =
  | { kind: 'string' }
  | { kind: 'int' }
  | { kind: 'date' }
  | { kind: 'datetime' }
  | { kind: 'enum'; enumObject: object; enumName: string }
  /** A reference (or the object's own id), given as global ids of `typeName`. */
  | { kind: 'id'; typeName: string };

export interface FilterField {
  /** Entity property (the column comes from TypeORM metadata). */
  property: string;
  filter: FilterKind;
}

export const filterOn = {
  string: (property: string): FilterField => ({ property, filter: { kind: 'string' } }),
  int: (property: string): FilterField => ({ property, filter: { kind: 'int' } }),
  date: (property: string): FilterField => ({ property, filter: { kind: 'date' } }),
  dateTime: (property: string): FilterField => ({ property, filter: { kind: 'datetime' } }),
  enumOf: (property: string, enumObject: object, enumName: string): FilterField => ({
    property,
    filter: { kind: 'enum', enumObject, enumName },
  }),
  reference: (property: string, typeName: string): FilterField => ({ property, filter: { kind: 'id', typeName } }),
};

export interface OrderTerm {
  field: string;
  direction: 'ASC' | 'DESC';
}

/** Declarative rules that a resource's writes must keep, run inside the request's transaction. */
export interface WriteRules<E> {
  beforeCreate?(values: Partial<E>, data: DataAccess): Promise<void> | void;
  beforeUpdate?(current: E, changes: Partial<E>, data: DataAccess): Promise<void> | void;
}

/**
 * Everything the generic mechanism needs to serve one entity: connections, filters, ordering,
 * cursors, loaders, permissions, soft delete with cascade, reference checks. Adding an entity
 * is declaring one of these (see src/resources/).
 */
export interface Resource<E extends TenantOwnedEntity = TenantOwnedEntity> {
  /** GraphQL type name; also the prefix inside its global ids. */
  typeName: string;
  entity: new () => E;
  /** Top-level connection field, e.g. `patients`. */
  pluralField: string;
  /** GraphQL filter field name → entity property and operator kind. */
  filters: Record<string, FilterField>;
  /** GraphQL order enum value → entity property. Only NOT NULL columns: keyset cursors need total order. */
  orderFields: Record<string, string>;
  defaultOrder: OrderTerm[];
  permissions: Record<Operation, readonly Role[]>;
  /** Input properties that hold ids of other resources: checked to exist (and not be deleted) in the tenant. */
  references?: Record<string, () => Resource>;
  /** Deleting this resource soft-deletes these children too (restored together). */
  cascadeDelete?: Array<{ resource: () => Resource; foreignKey: string }>;
  /** A row cannot be restored while one of these parents is deleted. */
  parents?: Array<{ resource: () => Resource; foreignKey: string }>;
  /**
   * Nested connection fields of this type (GraphQL field name → child resource and the child's
   * foreign key to this one), as the resolvers serve them; the compiled read path
   * (src/graphql/compiled-read.ts) builds them into its one statement. `samePatient`: the
   * database guarantees each child's patient is the parent's (a foreign key), so the access
   * log needs only the parent's.
   */
  connections?: Record<string, { resource: () => Resource; foreignKey: string; samePatient?: boolean }>;
  /** True when rows of this resource are a patient's health data: reads are access-logged by patient. */
  patientIdProperty?: string;
  rules?: WriteRules<E>;
}

export function defineResource<E extends TenantOwnedEntity>(resource: Resource<E>): Resource<E> {
  return resource;
}
