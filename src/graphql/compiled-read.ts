import {
  DocumentNode,
  FieldNode,
  FragmentDefinitionNode,
  getNamedType,
  GraphQLField,
  GraphQLObjectType,
  GraphQLSchema,
  isEnumType,
  isInterfaceType,
  isNonNullType,
  isObjectType,
  isScalarType,
  Kind,
  OperationDefinitionNode,
  SelectionSetNode,
} from 'graphql';
import type { Resource } from '../data/resource';
import { type ConnectionItem, type ConnectionPlan, type EdgeItem, type NodeField, type NodeRootPlan, type OperationPlan, PAGE_INFO_FIELDS, type PageInfoField } from '../data/read-plan';
import { RESOURCES } from '../resources';
import { resourceTypes } from './resource-types';
import { argumentsValid } from './compiled-args';

/**
 * The compiled read path. A query made only of resource connections (`patients`, …) and `node(id)`, their
 * `nodes`, `edges` and `pageInfo` (cursors included), column fields, `id`, `__typename` and the
 * nested connections resources declare (`Patient.appointments`, …) is planned once per
 * document and answered by ONE SQL statement that builds the response JSON in PostgreSQL (see
 * DataAccess.readCompiled), with the same tenant predicate, soft-delete filter, role checks,
 * keyset paging and access logging as the resolvers. Connections take their `filter` (compiled
 * by the resolvers' own compileFilter) and answer `totalCount`; references to single objects
 * (`Appointment.patient`, `ClinicalNote.appointment.patient`, …) are joined at any depth.
 * Anything else (directives, mutations, fields with resolvers of their own) returns null here
 * and runs through the resolvers as before. Tests hold both paths to the same answers.
 */

/** Arguments the compiled path applies itself (the filter through the resolvers' compileFilter); any other sends the query to the resolvers. */
const PAGE_ARGUMENTS = new Set(['first', 'last', 'after', 'before', 'orderBy', 'filter']);
/** json_build_object takes at most 100 arguments: 50 keys. */
const MAX_KEYS = 50;

const GRAPHQL_NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;
/** PostgreSQL cuts identifiers (a node's keys are column names) to 63 bytes. */
const MAX_KEY_LENGTH = 63;

class Unsupported extends Error {}
const unsupported = (): never => {
  throw new Unsupported();
};

/** Fields by response key, through fragments that apply to `type`; merged as GraphQL merges them. */
function fieldsByKey(type: GraphQLObjectType, selectionSet: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, into = new Map<string, FieldNode[]>()) {
  for (const selection of selectionSet.selections) {
    if (selection.directives?.length) unsupported();
    if (selection.kind === Kind.FIELD) {
      const key = selection.alias?.value ?? selection.name.value;
      // Response keys are written into the SQL text (as JSON keys and column names): only GraphQL
      // names, which the parser guarantees, and no longer than PostgreSQL keeps a column name.
      if (!GRAPHQL_NAME.test(key) || key.length > MAX_KEY_LENGTH) unsupported();
      into.set(key, [...(into.get(key) ?? []), selection]);
      continue;
    }
    const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : fragments.get(selection.name.value);
    if (!fragment) return unsupported();
    if (fragment.kind === Kind.FRAGMENT_DEFINITION && fragment.directives?.length) unsupported();
    const condition = fragment.typeCondition?.name.value;
    if (condition && condition !== type.name && !type.getInterfaces().some((i) => i.name === condition)) continue;
    fieldsByKey(type, fragment.selectionSet, fragments, into);
  }
  return into;
}

function mergedSelection(nodes: FieldNode[]): SelectionSetNode {
  return { kind: Kind.SELECTION_SET, selections: nodes.flatMap((n) => n.selectionSet?.selections ?? []) };
}

/** A to-one field as the resource declares it (Resource.toOne: target, foreign key; keyed by GraphQL field name). */
function toOneReference(resource: Resource, field: string): Resource['toOne'][string] | undefined {
  return Object.prototype.hasOwnProperty.call(resource.toOne, field) ? resource.toOne[field] : undefined;
}

const resourcesByType = () => new Map(RESOURCES.map((r) => [r.typeName, r]));
const resourcesByRootField = () => new Map(RESOURCES.map((r) => [r.pluralField, r]));

function planConnection(schema: GraphQLSchema, isColumn: IsColumn, resource: Resource, field: GraphQLField<unknown, unknown>, nodes: FieldNode[], fragments: Map<string, FragmentDefinitionNode>, foreignKey?: string, samePatient?: boolean): ConnectionPlan {
  for (const argument of nodes[0].arguments ?? []) if (!PAGE_ARGUMENTS.has(argument.name.value)) unsupported();
  const connectionType = getNamedType(field.type);
  if (!isObjectType(connectionType)) return unsupported();
  const items: ConnectionItem[] = [];
  const nodeShapes: FieldNode[][] = [];
  for (const [key, fieldNodes] of fieldsByKey(connectionType, mergedSelection(nodes), fragments)) {
    const name = fieldNodes[0].name.value;
    if (name === '__typename') items.push({ kind: 'typename', key, typeName: connectionType.name });
    else if (name === 'nodes') {
      nodeShapes.push(fieldNodes);
      items.push({ kind: 'nodes', key });
    } else if (name === 'edges') {
      const edgeType = getNamedType(connectionType.getFields().edges.type) as GraphQLObjectType;
      const edgeItems = [...fieldsByKey(edgeType, mergedSelection(fieldNodes), fragments)].map(([edgeKey, edgeNodes]): EdgeItem => {
        const edgeField = edgeNodes[0].name.value;
        if (edgeField === '__typename') return { kind: 'typename', key: edgeKey, typeName: edgeType.name };
        if (edgeField === 'cursor') return { kind: 'cursor', key: edgeKey };
        if (edgeField !== 'node') return unsupported();
        nodeShapes.push(edgeNodes);
        return { kind: 'node', key: edgeKey };
      });
      if (edgeItems.length > MAX_KEYS) unsupported();
      items.push({ kind: 'edges', key, items: edgeItems });
    } else if (name === 'pageInfo') {
      const pageInfoType = getNamedType(connectionType.getFields().pageInfo.type) as GraphQLObjectType;
      const pageItems = [...fieldsByKey(pageInfoType, mergedSelection(fieldNodes), fragments)].map(([itemKey, [n]]) => {
        const value = n.name.value as PageInfoField;
        if (!PAGE_INFO_FIELDS.has(value)) return unsupported();
        return { key: itemKey, value };
      });
      if (pageItems.length > MAX_KEYS) unsupported();
      items.push({ kind: 'pageInfo', key, typeName: pageInfoType.name, items: pageItems });
    } else if (name === 'totalCount') items.push({ kind: 'totalCount', key });
    else unsupported();
  }
  if (nodeShapes.length > 1 || items.length > MAX_KEYS) unsupported();
  const nodeFields = nodeShapes.length ? planNode(schema, isColumn, resource, nodeShapes[0], fragments) : [];
  const { ConnectionArgs } = resourceTypes(resource);
  return {
    resource,
    foreignKey,
    samePatient,
    field,
    node: nodes[0],
    typeName: connectionType.name,
    items,
    nodeFields,
    argumentsValid: (args) => argumentsValid(field, ConnectionArgs, args),
  };
}

function planNode(schema: GraphQLSchema, isColumn: IsColumn, resource: Resource, nodes: FieldNode[], fragments: Map<string, FragmentDefinitionNode>): NodeField[] {
  const type = schema.getType(resource.typeName);
  if (!isObjectType(type)) return unsupported();
  const typeFields = type.getFields();
  const plan: NodeField[] = [];
  for (const [key, fieldNodes] of fieldsByKey(type, mergedSelection(nodes), fragments)) {
    const name = fieldNodes[0].name.value;
    const fieldDef = typeFields[name];
    const connection = resource.connections?.[name];
    const toOne = toOneReference(resource, name);
    if (name === '__typename') plan.push({ kind: 'typename', key, typeName: type.name });
    else if (name === 'id') plan.push({ kind: 'id', key, typeName: type.name });
    else if (connection) plan.push({ kind: 'connection', key, connection: planConnection(schema, isColumn, connection.resource(), fieldDef, fieldNodes, fragments, connection.foreignKey, connection.samePatient) });
    else if (toOne && fieldDef && fieldDef.args.length === 0) {
      const target = toOne.resource();
      // The field's type must be the declared target's (the resolver returns exactly that object).
      if (getNamedType(fieldDef.type).name !== target.typeName || !isColumn(resource, toOne.foreignKey)) return unsupported();
      const fields = planNode(schema, isColumn, target, fieldNodes, fragments);
      const feature = resource.fieldFeatures?.[name];
      plan.push({ kind: 'toOne', key, reference: { resource: target, foreignKey: toOne.foreignKey, nullable: !isNonNullType(fieldDef.type), path: `${type.name}.${name}`, fields, ...(feature ? { feature } : {}) } });
    }
    else {
      const named = fieldDef && getNamedType(fieldDef.type);
      const isLeaf = named && (isScalarType(named) || isEnumType(named)) && fieldDef.args.length === 0;
      // A column served as stored: no resolver of its own (none computes or checks a role, which
      // the compiled path would skip), unless its resolver only checks its feature or applies
      // its mask, which the statement does too (a refusal is an error: the resolvers report it).
      // Anything else goes to the resolvers.
      const feature = resource.fieldFeatures?.[name];
      const mask = resource.masks?.[name];
      const servedInSql = (feature !== undefined || mask !== undefined) && mask?.as !== 'refused';
      if (!isLeaf || (fieldDef.resolve && !servedInSql) || !isColumn(resource, name)) return unsupported();
      const render = named.name === 'DateTime' ? 'dateTime' : named.name === 'Decimal' ? 'decimal' : 'asStored';
      plan.push({ kind: 'column', key, property: name, render, ...(feature ? { feature } : {}) });
    }
  }
  if (plan.length > MAX_KEYS || isInterfaceType(type)) unsupported();
  return plan;
}

/**
 * `node(id)` through inline fragments: planned for every resource type, since only the id,
 * read at execution, tells which one applies. A type whose selection is not compilable is
 * left to the resolvers (null), as is any id that names no resource.
 */
function planNodeRoot(schema: GraphQLSchema, isColumn: IsColumn, field: GraphQLField<unknown, unknown>, nodes: FieldNode[], fragments: Map<string, FragmentDefinitionNode>): NodeRootPlan {
  for (const argument of nodes[0].arguments ?? []) if (argument.name.value !== 'id') unsupported();
  const byType: NodeRootPlan['byType'] = new Map();
  for (const resource of RESOURCES) {
    try {
      byType.set(resource.typeName, { resource, fields: planNode(schema, isColumn, resource, nodes, fragments) });
    } catch (error) {
      if (!(error instanceof Unsupported)) throw error;
      byType.set(resource.typeName, null);
    }
  }
  return { field, node: nodes[0], byType };
}

/** Whether a GraphQL field of a resource is one of its table's columns (TypeORM metadata, read by the data layer). */
export type IsColumn = (resource: Resource, property: string) => boolean;

function planOperation(schema: GraphQLSchema, isColumn: IsColumn, document: DocumentNode, operationName: string | null): OperationPlan | null {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
  if (!operation || operation.operation !== 'query' || operation.directives?.length) return null;
  const fragments = new Map(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
  );
  const queryType = schema.getQueryType()!;
  const byRootField = resourcesByRootField();
  const byType = resourcesByType();
  try {
    const roots: OperationPlan['roots'] = [];
    for (const [key, nodes] of fieldsByKey(queryType, operation.selectionSet, fragments)) {
      const name = nodes[0].name.value;
      if (name === '__typename') {
        roots.push({ key, typename: queryType.name });
        continue;
      }
      if (name === 'node') {
        roots.push({ key, node: planNodeRoot(schema, isColumn, queryType.getFields()[name], nodes, fragments) });
        continue;
      }
      const resource = byRootField.get(name);
      if (!resource || !byType.has(resource.typeName)) return null;
      roots.push({ key, connection: planConnection(schema, isColumn, resource, queryType.getFields()[name], nodes, fragments) });
    }
    return roots.some((r) => !('typename' in r)) && roots.length <= MAX_KEYS ? { roots } : null;
  } catch (error) {
    if (error instanceof Unsupported) return null;
    throw error;
  }
}

/** Plans per document and operation, kept as long as Apollo keeps the parsed document. */
export function createOperationPlanner(schema: GraphQLSchema, isColumn: IsColumn): (document: DocumentNode, operationName: string | null) => OperationPlan | null {
  const plans = new WeakMap<DocumentNode, Map<string, OperationPlan | null>>();
  return (document, operationName) => {
    let byName = plans.get(document);
    if (!byName) plans.set(document, (byName = new Map()));
    const key = operationName ?? '';
    if (!byName.has(key)) byName.set(key, planOperation(schema, isColumn, document, operationName));
    return byName.get(key)!;
  };
}

/** A whole response body, `{"data":…}`, already in JSON text (built by PostgreSQL): written out as is. */
export class RawJson {
  constructor(readonly text: string) {}
}
