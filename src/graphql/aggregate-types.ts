import { FieldNode, getArgumentValues, getNamedType, GraphQLObjectType, GraphQLResolveInfo } from 'graphql';
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, Float, Info, InputType, Int, ObjectType, registerEnumType, Resolver, Root } from 'type-graphql';
import { IsOptional, MaxLength, ValidateNested } from 'class-validator';
import type { Context } from '../context';
import { orderName, type AggregateKey, type AggregateMeasure, type Resource } from '../data/resource';
import { DATE_BUCKETS, type AggregateValues, type GroupArgs, type GroupPage, type MeasureRequest } from '../data/aggregates';
import { SortDirection } from '../entities/enums';
import { DateScalar, DateTime, Decimal } from './scalars';
import { DecimalFilter, IntFilter } from './filter-inputs';
import { createConnectionType } from './connection';
import { namedClass } from './resource-types';
import { ARGS_TYPES } from './args-types';
import { collectFields, objectSelection } from './selection';

/**
 * The GraphQL side of aggregates (src/data/aggregates.ts), generated for every resource from its
 * AggregateSpec: `<Type>Aggregate` (count, countDistinct, sum, avg, min, max, suppressed,
 * groups), `<Type>Group` with typed `keys` (a reference key is its object), `<Type>GroupBy`,
 * `<Type>GroupOrder` and `<Type>AggregateHaving`. Only what a request selects is computed.
 */

export const DateBucketEnum = Object.fromEntries(DATE_BUCKETS.map((b) => [b, b]));
registerEnumType(DateBucketEnum, {
  name: 'DateBucket',
  description: 'How a date or time groups: by its day, ISO week (from Monday), month, quarter or year, in the tenant’s timezone for times.',
});

/** What the resolvers hand on: the values of the totals, and where the groups come from. */
export interface AggregateObject extends Partial<AggregateValues> {
  resource: Resource;
  filter?: Record<string, unknown> | null;
  parent?: { foreignKey: string; id: string };
}

export interface AggregateTypes {
  Aggregate: new () => object;
  resolvers: Function[];
}

const built = new Map<Resource, AggregateTypes>();

function measureType(measure: AggregateMeasure): unknown {
  switch (measure.kind) {
    case 'int': return Int;
    case 'decimal': return Decimal;
    case 'date': return DateScalar;
    case 'datetime': return DateTime;
  }
}

function keyType(key: AggregateKey): unknown {
  switch (key.kind) {
    case 'enum': return key.enumObject;
    case 'boolean': return Boolean;
    case 'text': return String;
    case 'reference': return key.target!().entity;
    default: return DateScalar;
  }
}

/** An object type of one field per entry, all nullable (a suppressed group's values are null). */
function valuesType(name: string, description: string, fields: Array<[string, unknown, string?]>): new () => object {
  const Type = namedClass(name);
  for (const [field, type, fieldDescription] of fields) Field(() => type as never, { nullable: true, ...(fieldDescription ? { description: fieldDescription } : {}) })(Type.prototype, field);
  ObjectType(name, { description, simpleResolvers: true })(Type);
  return Type;
}

export function aggregateTypes(resource: Resource): AggregateTypes {
  const existing = built.get(resource);
  if (existing) return existing;
  const name = resource.typeName;
  const { keys, numbers, extremes } = resource.aggregates;

  const KeyEnum = Object.fromEntries(Object.keys(keys).map((k) => [k, k]));
  registerEnumType(KeyEnum, { name: `${name}AggregateKey`, description: `What ${name} rows group by, or are counted distinct by.` });

  const GroupBy = namedClass(`${name}GroupBy`);
  Field(() => KeyEnum)(GroupBy.prototype, 'key');
  Field(() => DateBucketEnum, { nullable: true, description: 'For a date or time key: its bucket (DAY when not given). Refused for any other key.' })(GroupBy.prototype, 'bucket');
  InputType(`${name}GroupBy`)(GroupBy);

  const Keys = valuesType(
    `${name}AggregateKeys`,
    `The keys of one group of ${name} rows: those grouped by are set (a date or time as its bucket’s first day), the others null.`,
    Object.values(keys).map((key) => [key.field, keyType(key)]),
  );
  const Sums = Object.keys(numbers).length
    ? valuesType(`${name}AggregateSums`, 'Sums: an Int field’s as a Float, a Decimal’s exact.', Object.values(numbers).map((m) => [m.property, m.kind === 'int' ? Float : Decimal]))
    : undefined;
  const Averages = Object.keys(numbers).length ? valuesType(`${name}AggregateAverages`, 'Averages, as Floats.', Object.values(numbers).map((m) => [m.property, Float])) : undefined;
  const Extremes = Object.keys(extremes).length ? valuesType(`${name}AggregateExtremes`, 'Least or greatest values.', Object.values(extremes).map((m) => [m.property, measureType(m)])) : undefined;

  // The fields totals and groups share.
  const addValueFields = (Type: new () => object) => {
    Field(() => Int, { nullable: true, description: 'Rows counted; null when suppressed.' })(Type.prototype, 'count');
    Field(() => Boolean, { description: `True when the rows concern fewer distinct patients than the small-cell threshold (SMALL_CELL_THRESHOLD, for roles that read patients de-identified), or when hiding another cell needs it: every value is then null.` })(Type.prototype, 'suppressed');
    if (Sums) Field(() => Sums, { nullable: true })(Type.prototype, 'sum');
    if (Averages) Field(() => Averages, { nullable: true })(Type.prototype, 'avg');
    if (Extremes) {
      Field(() => Extremes, { nullable: true })(Type.prototype, 'min');
      Field(() => Extremes, { nullable: true })(Type.prototype, 'max');
    }
  };

  const Group = namedClass(`${name}Group`);
  Field(() => Keys)(Group.prototype, 'keys');
  addValueFields(Group);
  ObjectType(`${name}Group`, { description: `One group of ${name} rows: its keys and aggregates.`, simpleResolvers: true })(Group);
  const GroupConnection = createConnectionType(Group as new () => object, `${name}Group`);

  const orderValues = [...Object.keys(keys), 'COUNT', ...Object.values(numbers).flatMap((m) => ['SUM', 'AVG'].map((k) => `${k}_${orderName(m.property)}`)), ...Object.values(extremes).flatMap((m) => ['MIN', 'MAX'].map((k) => `${k}_${orderName(m.property)}`))];
  const OrderField = Object.fromEntries(orderValues.map((v) => [v, v]));
  registerEnumType(OrderField, { name: `${name}GroupOrderField`, description: 'A key of the grouping, the count, or a measure. Suppressed groups always come last.' });
  const GroupOrder = namedClass(`${name}GroupOrder`);
  Field(() => OrderField)(GroupOrder.prototype, 'field');
  Field(() => SortDirection, { defaultValue: SortDirection.ASC })(GroupOrder.prototype, 'direction');
  InputType(`${name}GroupOrder`)(GroupOrder);

  const Having = namedClass(`${name}AggregateHaving`);
  Field(() => IntFilter, { nullable: true, description: 'On the rows counted.' })(Having.prototype, 'count');
  ValidateNested()(Having.prototype, 'count');
  if (Object.keys(numbers).length) {
    const NumberHaving = namedClass(`${name}NumberHaving`);
    for (const m of Object.values(numbers)) {
      Field(() => DecimalFilter, { nullable: true })(NumberHaving.prototype, m.property);
      ValidateNested()(NumberHaving.prototype, m.property);
    }
    InputType(`${name}NumberHaving`)(NumberHaving);
    for (const kind of ['sum', 'avg', 'min', 'max']) {
      Field(() => NumberHaving, { nullable: true })(Having.prototype, kind);
      ValidateNested()(Having.prototype, kind);
    }
  }
  InputType(`${name}AggregateHaving`, { description: 'Conditions on a group’s aggregates, all of which hold. A suppressed group has no values to compare: it is left out.' })(Having);

  const GroupsArgs = namedClass(`${name}GroupsArgs`);
  Field(() => [GroupBy], { description: 'The keys, 1 to 4; a date or time key with its bucket.' })(GroupsArgs.prototype, 'groupBy');
  Field(() => Having, { nullable: true })(GroupsArgs.prototype, 'having');
  Field(() => [GroupOrder], { nullable: true, description: 'Sort keys, in order; then the keys of the grouping. Default: by the keys.' })(GroupsArgs.prototype, 'orderBy');
  Field(() => Int, { nullable: true, description: 'Page size from the start (default 20, at most 500).' })(GroupsArgs.prototype, 'first');
  Field(() => String, { nullable: true, description: 'Cursor to start after.' })(GroupsArgs.prototype, 'after');
  Field(() => Int, { nullable: true, description: 'Page size from the end (at most 500).' })(GroupsArgs.prototype, 'last');
  Field(() => String, { nullable: true, description: 'Cursor to end before.' })(GroupsArgs.prototype, 'before');
  for (const cursor of ['after', 'before']) {
    IsOptional()(GroupsArgs.prototype, cursor);
    MaxLength(4000)(GroupsArgs.prototype, cursor);
  }
  for (const nested of ['groupBy', 'orderBy']) ValidateNested({ each: true })(GroupsArgs.prototype, nested);
  ValidateNested()(GroupsArgs.prototype, 'having');
  ArgsType()(GroupsArgs);
  ARGS_TYPES.add(GroupsArgs);

  const Aggregate = namedClass(`${name}Aggregate`);
  addValueFields(Aggregate);
  ObjectType(`${name}Aggregate`, {
    description: `Aggregates of the ${name} rows you may read that match the filter: one statement for the totals, one for each grouping.`,
    simpleResolvers: true,
  })(Aggregate);

  @Resolver(() => Aggregate)
  class AggregateResolver {
    @FieldResolver(() => Int, { nullable: true, description: 'Distinct values of a key among the rows (a reference’s distinct objects: PATIENT counts patients); null when suppressed.' })
    countDistinct(@Root() aggregate: AggregateObject, @Arg('key', () => KeyEnum) key: string): number | null {
      return aggregate.distinct?.[key] ?? null;
    }

    @FieldResolver(() => GroupConnection, { description: 'The rows in groups, ordered and paged like any list.' })
    async groups(@Root() aggregate: AggregateObject, @Args(() => GroupsArgs) args: GroupArgs, @Ctx() { data }: Context, @Info() info: GraphQLResolveInfo) {
      const measures = groupMeasures(info);
      const page = await data.aggregateGroups(resource, aggregate.filter, measures, args, aggregate.parent);
      return groupConnection(resource, page);
    }
  }

  @Resolver(() => Group)
  class GroupResolver {
    @FieldResolver(() => Int, { nullable: true, description: 'Distinct values of a key among the group’s rows; null when suppressed.' })
    countDistinct(@Root() group: AggregateValues, @Arg('key', () => KeyEnum) key: string): number | null {
      return group.distinct?.[key] ?? null;
    }
  }

  const types: AggregateTypes = { Aggregate, resolvers: [AggregateResolver, GroupResolver] };
  built.set(resource, types);
  return types;
}

/** A page of groups as the connection type shows it; a reference key resolves to its object (batched, role-checked, masked like any read). */
function groupConnection(resource: Resource, page: GroupPage) {
  const references = Object.values(resource.aggregates.keys).filter((k) => k.kind === 'reference');
  const nodes = page.nodes.map((group) => {
    const keys: Record<string, unknown> = { ...group.keys };
    for (const key of references) {
      const id = group.keys[key.field] as string | null | undefined;
      keys[key.field] = id ? (_args: unknown, { data }: Context, info: GraphQLResolveInfo) => data.byId(key.target!(), id, objectSelection(info)) : null;
    }
    return { ...group, keys };
  });
  // Cursors are getters: sealed only for the edges and page info a client selects.
  return {
    nodes,
    edges: nodes.map((node, i) => ({
      node,
      get cursor() {
        return page.cursor(i);
      },
    })),
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: page.hasPreviousPage,
      get startCursor() {
        return nodes.length ? page.cursor(0) : null;
      },
      get endCursor() {
        return nodes.length ? page.cursor(nodes.length - 1) : null;
      },
    },
    totalCount: page.totalCount,
  };
}


/** The measures selected on aggregate objects of `type` (`count`, `countDistinct(key:)`, `sum { … }`…): only those are computed. */
function measuresOf(nodes: FieldNode[], type: GraphQLObjectType, info: GraphQLResolveInfo): MeasureRequest {
  const measures: MeasureRequest = { distinct: [], sum: [], avg: [], min: [], max: [] };
  for (const node of nodes) {
    const name = node.name.value;
    if (name === 'countDistinct') {
      const { key } = getArgumentValues(type.getFields().countDistinct, node, info.variableValues) as { key: string };
      if (!measures.distinct.includes(key)) measures.distinct.push(key);
    } else if (name === 'sum' || name === 'avg' || name === 'min' || name === 'max') {
      for (const field of collectFields(node.selectionSet, info.fragments)) {
        if (field.name.value !== '__typename' && !measures[name].includes(field.name.value)) measures[name].push(field.name.value);
      }
    }
  }
  return measures;
}

/** The measures an aggregate field's own selection asks for (its totals). */
export function totalMeasures(info: GraphQLResolveInfo): MeasureRequest | null {
  const type = getNamedType(info.returnType) as GraphQLObjectType;
  const nodes = info.fieldNodes.flatMap((node) => collectFields(node.selectionSet, info.fragments));
  const totals = nodes.filter((n) => n.name.value !== 'groups' && n.name.value !== '__typename');
  return totals.length ? measuresOf(totals, type, info) : null;
}

/** The measures selected on a groups connection's nodes (`nodes { … }`, `edges { node { … } }`). */
function groupMeasures(info: GraphQLResolveInfo): MeasureRequest {
  const connection = getNamedType(info.returnType) as GraphQLObjectType;
  const groupType = getNamedType(connection.getFields().nodes.type) as GraphQLObjectType;
  const top = info.fieldNodes.flatMap((node) => collectFields(node.selectionSet, info.fragments));
  const edges = top.filter((n) => n.name.value === 'edges').flatMap((n) => collectFields(n.selectionSet, info.fragments));
  const nodes = [...top.filter((n) => n.name.value === 'nodes'), ...edges.filter((n) => n.name.value === 'node')].flatMap((n) => collectFields(n.selectionSet, info.fragments));
  return measuresOf(nodes, groupType, info);
}
