import { ArgsType, Field, InputType, Int, registerEnumType } from 'type-graphql';
import { IsOptional, MaxLength, ValidateNested } from 'class-validator';
import { SortDirection } from '../entities/enums';
import type { FilterKind, Resource } from '../data/resource';
import { ConnectionClass, createConnectionType } from './connection';
import { ARGS_TYPES } from './args-types';
import { BooleanFilter, DateFilter, DateTimeFilter, DecimalFilter, EncryptedFieldFilter, enumFilter, IdFilter, IntFilter, JsonFilter, StringFilter } from './filter-inputs';
import { columnsOf, graphqlFieldOf } from '../data/entity-metadata';

/** The GraphQL types generated for one resource: `<Type>Connection`, `<Type>Filter`, `<Type>Order`, connection args. */
export interface ResourceTypes {
  Connection: ConnectionClass<unknown>;
  ConnectionArgs: new () => object;
  /** `<Type>Filter`: what a connection's and an aggregate's `filter` takes. */
  Filter: new () => object;
}

function filterInputFor(kind: FilterKind): new () => unknown {
  switch (kind.kind) {
    case 'string': return StringFilter;
    case 'int': return IntFilter;
    case 'decimal': return DecimalFilter;
    case 'boolean': return BooleanFilter;
    case 'json': return JsonFilter;
    case 'date': return DateFilter;
    case 'datetime': return DateTimeFilter;
    case 'id': return IdFilter;
    case 'enum': return enumFilter(kind.enumObject, kind.enumName);
  }
}

/** A class built at run time, named as GraphQL will show it; decorators are applied to it as if written on it. */
export function namedClass(name: string): new () => object {
  const cls = class {};
  Object.defineProperty(cls, 'name', { value: name });
  return cls;
}

function createFilterType(resource: Resource): new () => object {
  const Filter = namedClass(`${resource.typeName}Filter`);
  for (const [name, spec] of Object.entries(resource.filterFields)) {
    const input = filterInputFor(spec.filter);
    Field(() => input, { nullable: true })(Filter.prototype, name);
    ValidateNested()(Filter.prototype, name);
  }
  // Encrypted fields are named, so that a filter on one is refused saying why (compileFilter).
  for (const [property, column] of columnsOf(resource.entity)) {
    if (column.encrypted && graphqlFieldOf(resource.entity, property)) {
      Field(() => EncryptedFieldFilter, { nullable: true, description: 'Encrypted at rest: not filterable (refused).' })(Filter.prototype, property);
    }
  }
  Field(() => [Filter], { nullable: true, description: 'All of these hold.' })(Filter.prototype, 'and');
  Field(() => [Filter], { nullable: true, description: 'At least one of these holds.' })(Filter.prototype, 'or');
  Field(() => Filter, { nullable: true, description: 'This does not hold.' })(Filter.prototype, 'not');
  for (const combinator of ['and', 'or']) ValidateNested({ each: true })(Filter.prototype, combinator);
  ValidateNested()(Filter.prototype, 'not');
  InputType(`${resource.typeName}Filter`, { description: `Conditions on ${resource.typeName}; fields are ANDed.` })(Filter);
  return Filter;
}

function createOrderType(resource: Resource): new () => object {
  const fieldEnum = Object.fromEntries(Object.keys(resource.orderFields).map((name) => [name, name]));
  const valuesConfig = Object.fromEntries(
    Object.entries(resource.orderFields)
      .filter(([, field]) => field.rank)
      .map(([name, field]) => [name, { description: `By rank: ${field.rank!.join(' < ')}.` }]),
  );
  registerEnumType(fieldEnum, { name: `${resource.typeName}OrderField`, valuesConfig });
  const Order = namedClass(`${resource.typeName}Order`);
  Field(() => fieldEnum)(Order.prototype, 'field');
  Field(() => SortDirection, { defaultValue: SortDirection.ASC })(Order.prototype, 'direction');
  InputType(`${resource.typeName}Order`)(Order);
  return Order;
}

function createConnectionArgs(resource: Resource, Filter: new () => object, Order: new () => object): new () => object {
  const Args = namedClass(`${resource.typeName}ConnectionArgs`);
  const page = (description: string) => ({ nullable: true, description });
  Field(() => Int, page('Page size from the start (default 20, at most 500).'))(Args.prototype, 'first');
  Field(() => String, page('Cursor to start after.'))(Args.prototype, 'after');
  Field(() => Int, page('Page size from the end (at most 500).'))(Args.prototype, 'last');
  Field(() => String, page('Cursor to end before.'))(Args.prototype, 'before');
  for (const cursor of ['after', 'before']) {
    IsOptional()(Args.prototype, cursor);
    MaxLength(4000)(Args.prototype, cursor);
  }
  Field(() => Filter, { nullable: true })(Args.prototype, 'filter');
  ValidateNested()(Args.prototype, 'filter');
  Field(() => [Order], { nullable: true, description: 'Sort keys, in order; the id always breaks ties.' })(Args.prototype, 'orderBy');
  ArgsType()(Args);
  ARGS_TYPES.add(Args);
  return Args;
}

const built = new Map<Resource, ResourceTypes>();


export function resourceTypes(resource: Resource): ResourceTypes {
  let types = built.get(resource);
  if (!types) {
    const Filter = createFilterType(resource);
    const Order = createOrderType(resource);
    types = {
      Connection: createConnectionType(resource.entity as new () => unknown, resource.typeName),
      ConnectionArgs: createConnectionArgs(resource, Filter, Order),
      Filter,
    };
    built.set(resource, types);
  }
  return types;
}
