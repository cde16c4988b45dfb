import { getMetadataStorage, GraphQLISODateTime, ID, Int } from 'type-graphql';
import { GraphQLBoolean, GraphQLFloat, GraphQLID, GraphQLInt, GraphQLScalarType, GraphQLString } from 'graphql';
import type { TenantOwnedEntity } from '../entities/base.entity';
import { columnsOf, graphqlFieldOf, type ColumnFacts } from '../data/entity-metadata';
import { orderName, type AggregateSpec, type FilterKind, type Resource, type ResourceDeclaration } from '../data/resource';

export { orderName };
import { assertInitialState, assertTransition, stampFor } from '../domain/status-machine';
import { assertAtMostOne, assertExactlyOne, assertNotInFuture, assertPeriod } from '../domain/periods';
import { toGlobalId } from '../data/global-id';
import { TRANSFORMS } from '../data/masks';
import { DateScalar, DateTime, Decimal, JsonObject } from '../graphql/scalars';

/**
 * Turns a declaration into a resource. Derived fields that need every resource (inverse
 * connections, cascades) are filled by `linkResources` once the registry is complete.
 */
export function defineResource<E extends TenantOwnedEntity>(declaration: ResourceDeclaration<E>): Resource<E> {
  const resource: Resource<E> = {
    ...declaration,
    rules: withDeclaredRules(declaration),
    filterFields: {},
    orderFields: {},
    defaultOrderTerms: [],
    references: {},
    cascadeDelete: [],
    parents: [],
    connections: {},
    toOne: {},
    aggregates: { keys: {}, numbers: {}, extremes: {} },
  };
  return resource;
}


/** The filter operators of a property follow from its GraphQL type: nothing is repeated by hand. */
export function filterKindOf(resource: Resource, property: string): FilterKind {
  const type = graphqlFieldOf(resource.entity, property)?.getType();
  const enumInfo = getMetadataStorage().enums.find((e) => e.enumObj === type);
  if (enumInfo) return { kind: 'enum', enumObject: enumInfo.enumObj as object, enumName: enumInfo.name };
  if (type === String || type === GraphQLString) return { kind: 'string' };
  if (type === Int || type === GraphQLInt) return { kind: 'int' };
  if (type === Boolean || type === GraphQLBoolean) return { kind: 'boolean' };
  if (type === Decimal) return { kind: 'decimal' };
  if (type === JsonObject) return { kind: 'json' };
  if (type === DateScalar) return { kind: 'date' };
  if (type === DateTime || type === GraphQLISODateTime) return { kind: 'datetime' };
  if (type === ID || type === GraphQLID) return { kind: 'id', typeName: resource.typeName };
  const name = type instanceof GraphQLScalarType ? type.name : type === Number || type === GraphQLFloat ? 'Float (use Decimal or Int)' : String(type);
  throw new Error(`${resource.typeName}.${property}: no filter for GraphQL type ${name}`);
}

/** The registered resources by type name, filled by linkResources. */
const registered = new Map<string, Resource>();

/**
 * A registered resource by its type name, for a relation target whose module imports this one
 * (the activity feed points at leads, whose rules write to the feed): `target: () => resourceNamed('Lead')`.
 */
export function resourceNamed(typeName: string): Resource {
  const resource = registered.get(typeName);
  if (!resource) throw new Error(`no resource named ${typeName} is registered`);
  return resource;
}

/**
 * Completes every resource from the declarations of all of them: a relation declared on the
 * child gives the parent its nested connection and cascade. Fails at start-up, naming the
 * declaration, on a property that is not a column or a relation field that collides.
 */
export function linkResources(resources: Resource[]): void {
  const byTypeName = new Map<string, Resource>();
  for (const resource of resources) {
    if (byTypeName.has(resource.typeName)) throw new Error(`two resources named ${resource.typeName}`);
    byTypeName.set(resource.typeName, resource);
    registered.set(resource.typeName, resource);
    // Global ids carry the resource's type name, whatever the class is called.
    const typeName = resource.typeName;
    Object.defineProperty(resource.entity.prototype, 'globalId', {
      get(this: { id: string }) {
        return toGlobalId(typeName, this.id);
      },
      configurable: true,
    });
  }
  for (const resource of resources) {
    const columns = columnsOf(resource.entity);
    const fail = (what: string) => {
      throw new Error(`${resource.typeName}: ${what}`);
    };
    const relationByField = new Map<string, string>();
    for (const [foreignKey, relation] of Object.entries(resource.relations ?? {})) {
      const column = columns.get(foreignKey) ?? fail(`relation ${relation.field} holds ${foreignKey}, which is not a column`);
      const target = relation.target;
      if (!byTypeName.has(target().typeName)) fail(`relation ${relation.field} points at ${target().typeName}, which is not registered`);
      relationByField.set(relation.field, foreignKey);
      if (relation.targetIs && !columnsOf(target().entity).has(relation.targetIs.property)) fail(`relation ${relation.field} requires ${relation.targetIs.property} of ${target().typeName}, which has no such column`);
      resource.references[foreignKey] = target;
      // Only a target the API can delete can be deleted under this row; checking it also locks
      // it (FOR SHARE), which needs the UPDATE grant that read-only tables do not give.
      if (target().inputs) resource.parents.push({ resource: target, foreignKey });
      // Non-null only when the row cannot outlive its target: a required key whose target's deletion cascades here.
      resource.toOne[relation.field] = { resource: target, foreignKey, nullable: column.nullable || !relation.cascade, description: relation.description };
      const parent = target();
      if (relation.inverse) {
        if (parent.connections[relation.inverse]) fail(`${parent.typeName}.${relation.inverse} is declared twice`);
        parent.connections[relation.inverse] = { resource: () => resource as Resource, foreignKey, samePatient: relation.samePatient, description: relation.inverseDescription };
      }
      if (relation.cascade) parent.cascadeDelete.push({ resource: () => resource as Resource, foreignKey });
    }
    resource.filterFields = { id: { property: 'id', filter: { kind: 'id', typeName: resource.typeName } } };
    for (const name of resource.filters) {
      const foreignKey = relationByField.get(name);
      if (foreignKey) {
        resource.filterFields[name] = { property: foreignKey, filter: { kind: 'id', typeName: resource.toOne[name].resource().typeName } };
        continue;
      }
      const computed = resource.computed?.[name];
      if (computed) {
        resource.filterFields[name] = { property: name, filter: { kind: computed.type }, expression: (alias) => computed.sql(alias) };
        continue;
      }
      if (!columns.has(name)) fail(`filters on ${name}, which is neither a column, a relation field nor a computed field`);
      if (columns.get(name)!.encrypted) fail(`filters on ${name}, which is encrypted at rest: SQL cannot compare it`);
      resource.filterFields[name] = { property: name, filter: filterKindOf(resource, name) };
    }
    resource.orderFields = {};
    for (const entry of resource.orderBy) {
      const field = typeof entry === 'string' ? { property: entry } : { property: entry.property, rank: entry.byRank };
      const column = columns.get(field.property) ?? fail(`orders by ${field.property}, which is not a column`);
      if (column.nullable) fail(`orders by ${field.property}: keyset ordering needs a NOT NULL column`);
      if (column.encrypted) fail(`orders by ${field.property}, which is encrypted at rest: SQL cannot compare it`);
      resource.orderFields[orderName(field.property)] = field;
    }
    resource.defaultOrderTerms = resource.defaultOrder.map((term) => {
      const field = orderName(term.property);
      if (!resource.orderFields[field]) fail(`default order ${term.property} is not in orderBy`);
      return { field, direction: term.direction };
    });
    for (const [name, computed] of Object.entries(resource.computed ?? {})) {
      for (const property of computed.needs) if (!columns.has(property)) fail(`computed field ${name} needs ${property}, which is not a column`);
    }
    for (const property of [...(resource.periods ?? []).flatMap(({ start, end }) => [start, end]), ...(resource.exactlyOne ?? []).flat(), ...(resource.atMostOne ?? []).flat(), ...(resource.notInFuture ?? [])]) {
      if (!columns.has(property)) fail(`a period, exactlyOne, atMostOne or notInFuture entry names ${property}, which is not a column`);
    }
    for (const [property, mask] of Object.entries(resource.masks ?? {})) {
      const field = graphqlFieldOf(resource.entity, property) ?? fail(`masks ${property}, which is not a GraphQL field of the entity`);
      if (!columns.has(property)) fail(`masks ${property}, which is not a column`);
      const nullWhenMasked = mask.as === 'refused' || TRANSFORMS[mask.as].nullable;
      if (nullWhenMasked && field.typeOptions?.nullable !== true) fail(`masks ${property} as ${mask.as}, which can be null: the field must be nullable`);
    }
    resource.aggregates = aggregateSpecOf(resource, columns);
    const machine = resource.status;
    if (machine) {
      for (const property of [machine.property, ...Object.values(machine.stamps ?? {})]) {
        if (!columns.has(property as string)) fail(`status machine names ${String(property)}, which is not a column`);
      }
    }
  }
}

/** The declared life cycle, periods and exactlyOne / atMostOne groups, checked before the resource's own rules. */
function withDeclaredRules<E extends TenantOwnedEntity>(declaration: ResourceDeclaration<E>): ResourceDeclaration<E>['rules'] {
  const machine = declaration.status;
  const periods = declaration.periods ?? [];
  const groups = declaration.exactlyOne ?? [];
  const optionalGroups = declaration.atMostOne ?? [];
  const past = declaration.notInFuture ?? [];
  const own = declaration.rules;
  if (!machine && !periods.length && !groups.length && !optionalGroups.length && !past.length) return own;
  const enter = (values: Record<string, unknown>, state: string) => {
    values[machine!.property] = state;
    const stamp = stampFor(machine!, state);
    if (stamp) values[stamp] = new Date();
  };
  const checkRow = (row: Record<string, unknown>) => {
    for (const { start, end } of periods) assertPeriod(row[start], row[end], start, end);
    for (const group of groups) assertExactlyOne(row, group);
    for (const group of optionalGroups) assertAtMostOne(row, group);
  };
  return {
    beforeCreate(values, data) {
      const record = values as Record<string, unknown>;
      if (machine) {
        const state = (record[machine.property] as string | undefined) ?? machine.initial[0];
        assertInitialState(machine, declaration.typeName, state);
        enter(record, state);
      }
      checkRow(record);
      for (const property of past) assertNotInFuture(record[property], property);
      return own?.beforeCreate?.(values, data);
    },
    beforeUpdate(current, changes, data) {
      const record = changes as Record<string, unknown>;
      if (machine) {
        const from = (current as Record<string, unknown>)[machine.property] as string;
        const to = record[machine.property] as string | undefined;
        if (to !== undefined && to !== from) {
          if (!machine.overrideRoles?.includes(data.requireCaller().role)) assertTransition(machine, from, to);
          enter(record, to);
        }
      }
      const touched = [...periods.flatMap(({ start, end }) => [start, end]), ...groups.flat(), ...optionalGroups.flat()].some((property) => property in record);
      if (touched) checkRow({ ...(current as Record<string, unknown>), ...record });
      for (const property of past) assertNotInFuture(record[property], property);
      return own?.beforeUpdate?.(current, changes, data);
    },
  };
}

/** Bookkeeping, not a measure of anything: never summed or grouped. */
const NOT_MEASURES = new Set(['id', 'version', 'tenantId']);

/**
 * What every resource can be aggregated by, from its columns' GraphQL types: enums, booleans,
 * references and dates or times are keys; numbers are summed and averaged; numbers, dates and
 * times have a least and a greatest. Encrypted columns are none of these (SQL cannot read them).
 */
function aggregateSpecOf(resource: Resource, columns: Map<string, ColumnFacts>): AggregateSpec {
  const spec: AggregateSpec = { keys: {}, numbers: {}, extremes: {} };
  for (const [property, column] of columns) {
    const field = graphqlFieldOf(resource.entity, property);
    if (column.encrypted || NOT_MEASURES.has(property) || !field) continue;
    let kind: FilterKind;
    try {
      kind = filterKindOf(resource, property);
    } catch {
      continue; // a type neither grouped nor measured (JSON)
    }
    // Lists (a role's permissions) are neither one key nor one number. (type-graphql knows a
    // field is a list once its type has been asked for, as filterKindOf just did.)
    if (field.typeOptions?.array) continue;
    if (kind.kind === 'enum') spec.keys[orderName(property)] = { field: property, property, kind: 'enum', enumObject: kind.enumObject };
    else if (kind.kind === 'boolean') spec.keys[orderName(property)] = { field: property, property, kind: 'boolean' };
    else if (kind.kind === 'date' || kind.kind === 'datetime') {
      spec.keys[orderName(property)] = { field: property, property, kind: kind.kind };
      spec.extremes[property] = { property, kind: kind.kind };
    } else if (kind.kind === 'int' || kind.kind === 'decimal') {
      spec.numbers[property] = { property, kind: kind.kind };
      spec.extremes[property] = { property, kind: kind.kind };
    }
  }
  for (const [field, reference] of Object.entries(resource.toOne)) {
    spec.keys[orderName(field)] = { field, property: reference.foreignKey, kind: 'reference', target: reference.resource };
  }
  for (const [field, computed] of Object.entries(resource.computed ?? {})) {
    spec.keys[orderName(field)] = { field, property: field, kind: computed.type === 'boolean' ? 'boolean' : 'text', expression: (alias) => computed.sql(alias) };
  }
  return spec;
}
