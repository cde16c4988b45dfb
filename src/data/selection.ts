/** What a resolver's caller asked for of the objects it returns: decides the columns fetched. */
export interface Selection {
  /** GraphQL field names selected on the object (or on a connection's nodes). */
  fields: ReadonlySet<string>;
  /** A connection whose cursors are selected (edges.cursor, pageInfo.start/endCursor). */
  cursors: boolean;
  /** Stable key of `fields`, for batching only identical selections together. */
  key: string;
}
