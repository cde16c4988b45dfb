import type { FieldNode, GraphQLField } from 'graphql';
import type { Resource } from './resource';
import type { Feature } from '../entities/enums';

/**
 * A planned read (src/graphql/compiled-read.ts plans it from a GraphQL document; the data layer
 * builds its one SQL statement: DataAccess.readCompiled). The types the two layers share live
 * here, below both, so that the data layer needs nothing from the GraphQL layer.
 */

declare const coerced: unique symbol;
/** Variables graphql-js has coerced against the operation (src/graphql/operation-checks.ts): the only kind a compiled read takes. */
export type CoercedVariables = Readonly<Record<string, unknown>> & { readonly [coerced]: true };

export type ColumnRender = 'asStored' | 'dateTime' | 'decimal';

export type NodeField =
  | { kind: 'typename'; key: string; typeName: string }
  | { kind: 'id'; key: string; typeName: string }
  /**
   * `render`: how the JSON shows the value as the scalar serializes it (a DateTime as ISO text in
   * UTC, a Decimal as exact text, not a JSON number); `feature`: the column belongs to a feature
   * (fieldFeatures), checked when the statement is built.
   */
  | { kind: 'column'; key: string; property: string; render: ColumnRender; feature?: Feature }
  | { kind: 'connection'; key: string; connection: ConnectionPlan }
  | { kind: 'toOne'; key: string; reference: ToOnePlan };

/** A reference to one object (`Appointment.patient`): the target's row by the source's foreign key. */
export interface ToOnePlan {
  resource: Resource;
  /** The source's property holding the target's id. */
  foreignKey: string;
  /** Whether the GraphQL field may be null; a missing target of a non-null field is an error (see DataAccess). */
  nullable: boolean;
  /** `Type.field`, for the error when a non-null target is missing. */
  path: string;
  /** The field belongs to a feature (fieldFeatures), checked when the statement is built. */
  feature?: Feature;
  fields: NodeField[];
}

export type EdgeItem = { kind: 'typename'; key: string; typeName: string } | { kind: 'cursor'; key: string } | { kind: 'node'; key: string };

export type ConnectionItem =
  | { kind: 'typename'; key: string; typeName: string }
  | { kind: 'nodes'; key: string }
  | { kind: 'edges'; key: string; items: EdgeItem[] }
  | { kind: 'pageInfo'; key: string; typeName: string; items: Array<{ key: string; value: PageInfoField }> }
  | { kind: 'totalCount'; key: string };

/** The pageInfo fields the compiled path answers: all of them. */
export const PAGE_INFO_FIELDS = new Set(['hasNextPage', 'hasPreviousPage', 'startCursor', 'endCursor', '__typename'] as const);
export type PageInfoField = typeof PAGE_INFO_FIELDS extends Set<infer F> ? F : never;

export interface ConnectionPlan {
  resource: Resource;
  /** The child's foreign key to its parent; absent at the root. */
  foreignKey?: string;
  /** Each child's patient is the parent's (declared on the resource): the access log has it already. */
  samePatient?: boolean;
  field: GraphQLField<unknown, unknown>;
  /** Where the arguments are read from, with the request's variables. */
  node: FieldNode;
  typeName: string;
  items: ConnectionItem[];
  /** The fields of each node, under `nodes` or `edges.node` (one shape per connection: the SQL builds each node's JSON once). */
  nodeFields: NodeField[];
  /** Whether the GraphQL layer's input rules accept these arguments (as the resolvers' validation would): false leaves the query to the resolvers. */
  argumentsValid(args: Record<string, unknown>): Promise<boolean>;
}

/** `node(id: …)`: the fields to read for each resource type the id may name (null: not compiled). */
export interface NodeRootPlan {
  field: GraphQLField<unknown, unknown>;
  node: FieldNode;
  /** Type name → its resource and the fields to read, or null (not compiled). */
  byType: Map<string, { resource: Resource; fields: NodeField[] } | null>;
}

export interface OperationPlan {
  roots: Array<{ key: string; connection: ConnectionPlan } | { key: string; node: NodeRootPlan } | { key: string; typename: string }>;
}
