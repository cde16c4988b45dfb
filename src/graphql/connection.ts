import { Field, Int, ObjectType } from 'type-graphql';
import type { Page } from '../data/page';

@ObjectType({ description: 'Relay page information.', simpleResolvers: true })
export class PageInfo {
  @Field() hasNextPage!: boolean;
  @Field() hasPreviousPage!: boolean;
  @Field(() => String, { nullable: true }) startCursor!: string | null;
  @Field(() => String, { nullable: true }) endCursor!: string | null;
}

export interface Edge<N> {
  cursor: string;
  node: N;
}

/**
 * Shared by every `<Type>Connection`; the subclasses add typed `edges` and `nodes`. A schema
 * description only: resolvers return the data layer's `Page` objects, whose `totalCount` is a
 * function (GraphQL's default resolver calls it, so it runs only when selected).
 */
@ObjectType({ simpleResolvers: true }) // never emitted itself: type-graphql 2 only emits reachable types
export class ConnectionBase<N = unknown> implements Page<N> {
  edges!: Edge<N>[];
  nodes!: N[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int, { description: 'Rows matching the filter, across all pages. Computed only when selected.' })
  totalCount!: () => Promise<number>;
}

export type ConnectionClass<N> = new () => ConnectionBase<N>;

/** `<Type>Edge` and `<Type>Connection` for one node type. */
export function createConnectionType<N>(nodeType: new () => N, typeName: string): ConnectionClass<N> {
  @ObjectType(`${typeName}Edge`, { simpleResolvers: true })
  class EdgeType {
    @Field({ description: 'Opaque keyset cursor; pass it as `after` or `before`.' }) cursor!: string;
    @Field(() => nodeType) node!: N;
  }

  @ObjectType(`${typeName}Connection`, { simpleResolvers: true })
  class Connection extends ConnectionBase<N> {
    @Field(() => [EdgeType]) declare edges: Edge<N>[];
    @Field(() => [nodeType], { description: 'The nodes of `edges`, for clients that need no cursors.' }) declare nodes: N[];
  }
  return Connection;
}
