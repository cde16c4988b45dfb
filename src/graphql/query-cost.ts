import { getNamedType, GraphQLError, GraphQLSchema } from 'graphql';
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
 * Checks the operation's cost once it is resolved, with its variables. A plugin hook rather
 * than a validation rule: Apollo skips validation rules when a parsed document is cached.
 */
export function queryCostPlugin(schema: GraphQLSchema, maxCost: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          let cost: number;
          try {
            cost = getComplexity({
              schema,
              query: document,
              operationName: request.operationName,
              variables: request.variables,
              estimators: [connectionEstimator, simpleEstimator({ defaultComplexity: 1 })],
            });
          } catch {
            // Invalid variables: execution refuses them next, with GraphQL's own clear error.
            return;
          }
          if (cost > maxCost) {
            throw new GraphQLError(`Query too expensive: cost ${cost} exceeds the limit of ${maxCost}. Ask for smaller pages or fewer nested levels.`, {
              extensions: { code: 'LIMIT_EXCEEDED', cost, maxCost, http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}
