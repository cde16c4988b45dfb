import { DocumentNode, FragmentDefinitionNode, getNamedType, GraphQLError, GraphQLSchema, Kind, OperationDefinitionNode, SelectionSetNode } from 'graphql';
import { ComplexityEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import type { ApolloServerPlugin } from '@apollo/server';
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
  const count = (selectionSet: SelectionSetNode | undefined, depth: number): number => {
    if (!selectionSet || depth > 50) return 0;
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) total += 1 + count(selection.selectionSet, depth + 1);
      else if (selection.kind === Kind.INLINE_FRAGMENT) total += count(selection.selectionSet, depth + 1);
      else total += count(fragments.get(selection.name.value)?.selectionSet, depth + 1);
    }
    return total;
  };
  return operation ? count(operation.selectionSet, 0) : 0;
}

function limitExceeded(message: string, extensions: Record<string, number>): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'LIMIT_EXCEEDED', ...extensions, http: { status: 400 } } });
}

/**
 * Checks the operation's cost once it is resolved, with its variables. A plugin hook rather
 * than a validation rule: Apollo skips validation rules when a parsed document is cached.
 */
export function queryCostPlugin(schema: GraphQLSchema, limits: { maxCost: number; maxSelections: number }): ApolloServerPlugin {
  const { maxCost, maxSelections } = limits;
  // Per parsed document (Apollo reuses it for the same query text): the selection count per
  // operation, and the cost per operation and variables, so repeated queries are not re-walked.
  const measured = new WeakMap<DocumentNode, Map<string, number>>();
  const memo = (document: DocumentNode, key: string, compute: () => number): number => {
    let byKey = measured.get(document);
    if (!byKey) measured.set(document, (byKey = new Map()));
    let value = byKey.get(key);
    if (value === undefined) {
      value = compute();
      if (byKey.size >= 100) byKey.clear(); // variables vary per request: bounded
      byKey.set(key, value);
    }
    return value;
  };
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          const operation = request.operationName ?? '';
          const selections = memo(document, `selections:${operation}`, () => countSelections(document, request.operationName));
          if (selections > maxSelections) {
            throw limitExceeded(`Query too large: ${selections} field selections exceed the limit of ${maxSelections}. Use fewer aliases.`, {
              selections,
              maxSelections,
            });
          }
          const cost = memo(document, `cost:${operation}:${JSON.stringify(request.variables ?? {})}`, () => {
            try {
              return getComplexity({
                schema,
                query: document,
                operationName: request.operationName,
                variables: request.variables,
                estimators: [connectionEstimator, simpleEstimator({ defaultComplexity: 1 })],
              });
            } catch {
              return 0; // invalid variables: execution reports them
            }
          });
          if (cost > maxCost) {
            throw limitExceeded(`Query too expensive: cost ${cost} exceeds the limit of ${maxCost}. Ask for smaller pages or fewer nested levels.`, { cost, maxCost });
          }
        },
      };
    },
  };
}
