import type { Feature, Role } from '../entities/enums';
import type { TenantOwnedEntity } from '../entities/base.entity';
import type { DataAccess } from './data-access';
import type { Permission } from '../auth/permissions';
import type { FieldMask } from './masks';

export type Operation = 'read' | 'create' | 'update' | 'delete' | 'restore';

/** `startTime` → `START_TIME`: how enum values (order fields, aggregate keys and measures) name a property. */
export const orderName = (property: string) => property.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();

/** How a filterable field is compared; decides its GraphQL filter input and its SQL. */
export type FilterKind =
  | { kind: 'string' }
  | { kind: 'int' }
  | { kind: 'decimal' }
  | { kind: 'boolean' }
  | { kind: 'json' }
  | { kind: 'date' }
  | { kind: 'datetime' }
  | { kind: 'enum'; enumObject: object; enumName: string }
  /** A reference (or the object's own id), given as global ids of `typeName`. */
  | { kind: 'id'; typeName: string };

export interface FilterField {
  /** Entity property (the column comes from TypeORM metadata), or a computed field's name. */
  property: string;
  filter: FilterKind;
  /** A computed field's SQL on a row alias, compared instead of a column. */
  expression?: (alias: string) => string;
}

/**
 * A field computed from a row's columns, declared once with both of its forms: the value the
 * field shows and the SQL a filter on it compares, so the two cannot disagree about a rule.
 */
export interface ComputedField<E> {
  type: 'boolean' | 'string';
  description: string;
  /** The properties `value` reads: loaded whenever the field is selected. */
  needs: readonly string[];
  /** Null only for a string (a patient's age band without a date of birth). */
  value(row: E): boolean | string | null;
  sql(alias: string): string;
}

export interface OrderTerm {
  field: string;
  direction: 'ASC' | 'DESC';
}

/** A sort key: a NOT NULL column, compared as stored or, for an enum, by its declared rank. */
export interface OrderField {
  property: string;
  /** Values in ascending order (an enum's declaration order: LOW before URGENT), not alphabetical. */
  rank?: readonly string[];
}

/**
 * A reference from this resource to another, declared once on the child (the side holding the
 * foreign key). Everything else follows from it: the to-one field, the parent's nested
 * connection, the reference filter, the existence check on write (locked), the restore check,
 * the cascade, and the compiled read path's joins and nested connections.
 */
export interface Relation {
  target: () => Resource;
  /** GraphQL name of the to-one field, e.g. `patient` for `patientId`. */
  field: string;
  description?: string;
  /** Name of the connection on the target listing these rows, e.g. `appointments` on Patient. */
  inverse?: string;
  inverseDescription?: string;
  /** Deleting the target soft-deletes these rows too, with the same timestamp, and restore brings them back. */
  cascade?: boolean;
  /** The database guarantees that these rows' patient is the target's (a composite foreign key): the access log needs only the target's. */
  samePatient?: boolean;
  /**
   * What the target must be (a lead's owner a member with the role SDR, a patient's physician a
   * DOCTOR): its `property` equals `value`, checked with the existence check (locked); refused
   * with `rule` and `message` otherwise. `memberRole(role)` writes the common one.
   */
  targetIs?: { property: string; value: string; rule: string; message: string };
  /**
   * Writing these rows changes the target (a result moves its report's version, in the
   * database): the create's existence check locks the target FOR NO KEY UPDATE instead of FOR
   * SHARE, so that concurrent writers take turns rather than each upgrade a shared lock (a deadlock).
   */
  changesTarget?: boolean;
}

/**
 * A status field's life cycle, declared once: where a new row may start, where each state may
 * go next (states without successors are final), and the timestamps stamped on entering a state
 * (`completedAt` on COMPLETED). The checks and their errors follow (src/resources/define.ts).
 */
export interface StatusMachine<S extends string = string> {
  property: string;
  initial: readonly S[];
  transitions: Readonly<Record<S, readonly S[]>>;
  stamps?: Partial<Record<S, string>>;
  /** Roles that may make any move (an admin correcting a record); their moves still stamp. */
  overrideRoles?: readonly Role[];
}

/** Declarative rules that a resource's writes must keep, run inside the request's transaction. */
export interface WriteRules<E> {
  beforeCreate?(values: Partial<E>, data: DataAccess): Promise<void> | void;
  beforeUpdate?(current: E, changes: Partial<E>, data: DataAccess): Promise<void> | void;
}

/**
 * The fields of the create and update mutations, from which their inputs are generated
 * (src/graphql/resource-inputs.ts): types from the entity, length and not-blank rules from the
 * columns. Foreign keys are given as global ids of the relation's target.
 */
export interface InputDeclaration {
  /** Fields a create must give. */
  required: readonly string[];
  /** Fields a create may give. Required and optional fields may all change on update, unless immutable. */
  optional?: readonly string[];
  /** Given at creation only (absent from the update input). */
  immutable?: readonly string[];
  /** Descriptions where the entity field's own is not the right one for an input. */
  descriptions?: Readonly<Record<string, string>>;
  /** Format rules beyond what the column says (class-validator decorators: an e-mail, an https URL). */
  validate?: Readonly<Record<string, PropertyDecorator[]>>;
  /** Descriptions of the input types themselves. */
  typeDescriptions?: { create?: string; update?: string };
}

/** What an entity's author writes (src/resources/*.resource.ts); `defineResource` derives the rest. */
export interface ResourceDeclaration<E extends TenantOwnedEntity = TenantOwnedEntity> {
  /** GraphQL type name; also the prefix inside its global ids. */
  typeName: string;
  entity: new () => E;
  /** Top-level connection field, e.g. `patients`. */
  pluralField: string;
  /** Foreign-key property → the relation it holds. */
  relations?: Record<string, Relation>;
  /**
   * Fields clients may filter on: entity properties or relation field names. The operators come
   * from the field's GraphQL type (text, numbers, decimals, booleans, JSON, dates, enums, ids).
   * `id` is always filterable.
   */
  filters: readonly string[];
  /** Properties clients may order by (NOT NULL columns: keyset cursors need total order); `{ rank }` for an enum by rank. */
  orderBy: ReadonlyArray<string | { property: string; byRank: readonly string[] }>;
  /** Properties, in order; the id breaks ties. */
  defaultOrder: ReadonlyArray<{ property: string; direction: 'ASC' | 'DESC' }>;
  permissions: Readonly<Record<Operation, readonly Role[]>>;
  /**
   * Operations whose mutation the resource's own resolver serves, under the generic name, input
   * and permission, with a payload holding the row under the generic field (and more):
   * `createApiClient` also returns the new key.
   */
  ownMutations?: ReadonlyArray<Exclude<Operation, 'read'>>;
  /**
   * Domain actions beyond the five operations (`admitResident`), each a permission of its own
   * (`Patient.admitResident`) with the roles that have it, under the resource's feature unless
   * it names its own; their resolvers check it (`permissionOf(resource, name)`).
   */
  actions?: Readonly<Record<string, { roles: readonly Role[]; description: string; feature?: Feature }>>;
  /** The feature the resource belongs to: every operation and action on it is refused while the tenant has it off. */
  feature?: Feature;
  /**
   * Rows a role may read and write, within what `permissions` grant it: SQL over the row (alias
   * given; constants only, no values from a request), added to every read, count, reference
   * check and locked write. A create or update that would leave the role's scope is FORBIDDEN.
   */
  rowScope?: Partial<Record<Role, { description: string; sql(alias: string): string }>>;
  /** Create, update, delete and restore mutations are offered when given (their inputs are generated from it). */
  inputs?: InputDeclaration;
  status?: StatusMachine;
  /**
   * Start/end pairs (dates or times) whose end must come after the start when both are set,
   * checked on create and on update against the row as it would become; the error names the end
   * field (`endAfterStart`). The migration adds the same CHECK.
   */
  periods?: ReadonlyArray<{ start: string; end: string }>;
  /** Dates or times that cannot lie in the future (what happened, when it was recorded), checked on create and update: rule `notInFuture`. */
  notInFuture?: readonly string[];
  /** Groups of properties of which exactly one is set (a reminder is about a task, an appointment or a patient); the migration adds the CHECK. */
  exactlyOne?: ReadonlyArray<readonly string[]>;
  /** Groups of properties of which at most one is set (a task is about a patient, a lead, or neither); the migration adds the CHECK. */
  atMostOne?: ReadonlyArray<readonly string[]>;
  /**
   * Minimum necessary, one entry per personal field (a direct identifier or a health detail):
   * the roles that read it in full, and what every other reader gets instead (src/data/masks.ts:
   * initials, a postcode district, null, or a refusal). Applied on every path (resolvers, the
   * compiled read path, nested fields, `node(id)`); a reader who sees it masked cannot filter,
   * sort or group by it. Its GraphQL description says who sees what.
   */
  masks?: Readonly<Record<string, FieldMask>>;
  /**
   * Fields (columns or to-one relation fields) that belong to a feature on a resource that does
   * not (a patient's `journeyStage` is HealthCRM's, `residentStatus` Write Care Notes'): while
   * the tenant has the feature off, reading, filtering or ordering by them is FEATURE_DISABLED,
   * on every path. A filter on a reference to a resource of a feature that is off is refused too.
   */
  fieldFeatures?: Readonly<Record<string, Feature>>;
  /**
   * Rows that belong to a feature (a task about a lead is HealthCRM's): SQL over the row (alias
   * given; constants only). While the tenant has the feature off they are out of every read,
   * count, reference check and locked write, as rows out of a role's scope are.
   */
  featureRows?: Partial<Record<Feature, (alias: string) => string>>;
  /**
   * Rows seen only by callers holding a permission, whatever their role or custom role (a
   * note's attachments, by those who read notes): SQL over the row (alias given; constants
   * only). For anyone else they are out of every read, count, reference check and locked write.
   */
  permissionRows?: ReadonlyArray<{ permission: () => Permission; sql(alias: string): string }>;
  /** Fields computed from the row (`Task.overdue`); filterable when listed in `filters`. */
  computed?: Record<string, ComputedField<E>>;
  /** True when rows of this resource are a patient's health data: reads are access-logged by patient. */
  patientIdProperty?: string;
  rules?: WriteRules<E>;
}

/**
 * Whether the API offers an operation on a resource: reading always; a mutation when the
 * resource declares inputs and some role is given it. An operation given to no role (a payment
 * is never deleted on its own) has no mutation and no permission a custom role could be granted.
 */
export const offersOperation = (resource: Pick<ResourceDeclaration, 'inputs' | 'permissions'>, operation: Operation): boolean =>
  operation === 'read' || (!!resource.inputs && resource.permissions[operation].length > 0);

/** A member target holding `role` (a lead's owner is an SDR): rule `memberRole`. */
export const memberRole = (role: Role): NonNullable<Relation['targetIs']> => ({ property: 'role', value: role, rule: 'memberRole', message: `must be a member with the role ${role}` });

/** What a resource's rows can be grouped by (`groupBy`, `countDistinct`): an enum, boolean, computed text (an age band), reference, or a date or time in buckets. */
export interface AggregateKey {
  /** GraphQL field of the group's keys (`status`, `site`, `startTime`). */
  field: string;
  /** The column (a foreign key for a reference), or a computed field's name. */
  property: string;
  kind: 'enum' | 'boolean' | 'text' | 'reference' | 'date' | 'datetime';
  /** A computed field's SQL on a row alias, grouped instead of a column. */
  expression?: (alias: string) => string;
  enumObject?: object;
  target?: () => Resource;
}

/** A column summed, averaged (numbers) or taken at its least and greatest (numbers, dates and times). */
export interface AggregateMeasure {
  property: string;
  kind: 'int' | 'decimal' | 'date' | 'datetime';
}

/** A resource's aggregates, derived from its declaration: nothing is declared for them by hand. */
export interface AggregateSpec {
  /** By GraphQL enum value (`START_TIME`). */
  keys: Record<string, AggregateKey>;
  /** Summed and averaged, by property. */
  numbers: Record<string, AggregateMeasure>;
  /** Least and greatest, by property: the numbers, dates and times. */
  extremes: Record<string, AggregateMeasure>;
}

/**
 * Everything the generic mechanism needs to serve one entity: connections, filters, ordering,
 * cursors, loaders, permissions, soft delete with cascade, reference checks. The fields below
 * the declaration's are derived once all resources are known (src/resources/index.ts).
 */
export interface Resource<E extends TenantOwnedEntity = TenantOwnedEntity> extends ResourceDeclaration<E> {
  /** GraphQL filter field name → entity property and operator kind. */
  filterFields: Record<string, FilterField>;
  /** GraphQL order enum value (`LAST_NAME`) → sort key. */
  orderFields: Record<string, OrderField>;
  defaultOrderTerms: OrderTerm[];
  /** Foreign-key properties → the referenced resource: checked to exist (not deleted) in the tenant, under a lock. */
  references: Record<string, () => Resource>;
  /** Deleting this resource soft-deletes these children too (restored together). */
  cascadeDelete: Array<{ resource: () => Resource; foreignKey: string }>;
  /** References whose target (when set) must be live for a row to be restored: those the API can delete. */
  parents: Array<{ resource: () => Resource; foreignKey: string }>;
  /** Nested connection fields of this type: the child resource and its foreign key to this one. */
  connections: Record<string, { resource: () => Resource; foreignKey: string; samePatient?: boolean; description?: string }>;
  /** To-one fields: target, foreign key, and whether the field can be null (optional key, or a target deleted without cascade). */
  toOne: Record<string, { resource: () => Resource; foreignKey: string; nullable: boolean; description?: string }>;
  aggregates: AggregateSpec;
}
