/** One page of a connection as the data layer returns it; `<Type>Connection` (src/graphql/connection.ts) describes it to GraphQL. */
export interface Page<N> {
  nodes: N[];
  /** Built (and their cursors sealed) only when read: most clients select `nodes`. */
  readonly edges: Array<{ node: N; readonly cursor: string }>;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; readonly startCursor: string | null; readonly endCursor: string | null };
  /** Counted only when a client selects `totalCount`. */
  totalCount(): Promise<number>;
}
