import { DocumentNode, FragmentDefinitionNode, getNamedType, GraphQLSchema, Kind, OperationDefinitionNode, SelectionSetNode } from 'graphql';
import { ComplexityEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import { DEFAULT_PAGE_SIZE } from '../data/page-query';

/**
 * A connection costs its page size times what each of its rows asks for, so nesting multiplies:
 * `patients(first: 500) { appointments(first: 500) { clinicalNotes(first: 500) … } }` is refused
 * before it runs, while the everyday shapes stay far below the limit.
 */
const connectionEstimator: ComplexityEstimator = ({ field, args, childComplexity }) => {
  if (!getNamedType(field.type).name.endsWith('Connection')) return undefined;
  const pageSize = Number(args.first ?? args.last ?? DEFAULT_PAGE_SIZE);
  return 1 + Math.max(pageSize, 1) * Math.max(childComplexity, 1);
};

/**
 * An aggregate reads every row its filter matches, however little it returns: at the top it
 * costs as much as ten full pages of rows (at most 50 in one request; AGGREGATE_MAX_STATEMENTS
 * bounds their statements too); nested (`Patient.appointmentsAggregate`) it reads only
 * its parent's rows, in one statement for all parents, and costs like a small page per parent.
 * Its groups, a connection, cost their page on top.
 */
export const AGGREGATE_COST = { top: 5_000, nested: 20 };
const aggregateEstimator: ComplexityEstimator = ({ type, field, childComplexity }) => {
  if (!getNamedType(field.type).name.endsWith('Aggregate')) return undefined;
  return (type.name === 'Query' ? AGGREGATE_COST.top : AGGREGATE_COST.nested) + childComplexity;
};

/** `nodes(ids: [...])` costs what it selects once per id asked for (repeats included). */
const idListEstimator: ComplexityEstimator = ({ args, childComplexity }) =>
  Array.isArray(args.ids) ? 1 + Math.max(args.ids.length, 1) * Math.max(childComplexity, 1) : undefined;

/**
 * Field selections in the operation, aliases and fragments included, not multiplied by page
 * sizes. Each distinct selection can cost a statement, so this bounds the statements of a
 * request the way the cost bounds its rows (20,000 aliases of `me` would otherwise pass).
 */
export function countSelections(document: DocumentNode, operationName?: string | null): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  let operation: OperationDefinitionNode | undefined;
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    else if (definition.kind === Kind.OPERATION_DEFINITION && (!operationName || definition.name?.value === operationName)) operation ??= definition;
  }
  // Per fragment, counted once: a fragment spread ten times into one spread ten times … is
  // counted in linear time (its total grows exponentially and is refused, never walked).
  const perFragment = new Map<string, number>();
  const count = (selectionSet: SelectionSetNode | undefined, depth: number): number => {
    if (!selectionSet || depth > 50) return 0;
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) total += 1 + count(selection.selectionSet, depth + 1);
      else if (selection.kind === Kind.INLINE_FRAGMENT) total += count(selection.selectionSet, depth + 1);
      else {
        const name = selection.name.value;
        if (!perFragment.has(name)) perFragment.set(name, count(fragments.get(name)?.selectionSet, depth + 1));
        total += perFragment.get(name)!;
      }
    }
    return total;
  };
  return operation ? count(operation.selectionSet, 0) : 0;
}

/** The operation's cost with its variables as sent (graphql-query-complexity coerces them): page sizes multiplied through nesting. */
export function queryCost(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown>): number {
  return getComplexity({
    schema,
    query: document,
    operationName: operationName ?? undefined,
    variables,
    estimators: [connectionEstimator, aggregateEstimator, idListEstimator, simpleEstimator({ defaultComplexity: 1 })],
  });
}
