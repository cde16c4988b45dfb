import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError, GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import type { Context } from '../context';
import { createOperationPlanner, IsColumn, RawJson } from './compiled-read';
import { AppError } from '../errors/app-error';
import { noteErrorContext } from '../errors/format-error';

/**
 * Answers the queries the compiled read path supports before graphql-js executes anything
 * (Apollo's responseForOperation hook; plugins that check the operation, such as the query
 * cost limit, have already run). Every other operation, or one the data layer hands back,
 * executes through the resolvers.
 */
export function compiledReadPlugin(
  schema: GraphQLSchema,
  isColumn: IsColumn,
  logger: Logger,
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError,
): ApolloServerPlugin<Context> {
  const plan = createOperationPlanner(schema, isColumn);
  return {
    async requestDidStart() {
      return {
        async responseForOperation({ document, operationName, contextValue, response }) {
          const operationPlan = plan(document, operationName ?? null);
          // Only variables graphql-js coerced (operation-checks.ts) ever reach the compiled path.
          const { variables } = contextValue;
          if (!operationPlan || !variables) return null;
          let body: string | null;
          try {
            body = await contextValue.data.readCompiled(operationPlan, variables, operationName ?? null);
          } catch (error) {
            // Refused before anything was read (the caller's access changed): the resolvers report it, as for any query.
            if (error instanceof AppError && error.code !== 'SERVICE_UNAVAILABLE') return null;
            // Anything else (the database unavailable) is this request's answer: an error thrown
            // from this hook would escape Apollo's request pipeline as a bare 500.
            noteErrorContext(error, { requestId: contextValue.requestId, operationName });
            return { http: response.http, body: { kind: 'single', singleResult: { errors: [formatError({ message: 'compiled read failed' }, error)] } } };
          }
          if (body === null) return null;
          logger.debug({ requestId: contextValue.requestId }, 'answered by the compiled read path');
          return { http: response.http, body: { kind: 'single', singleResult: { data: new RawJson(body) as unknown as Record<string, unknown> } } };
        },
      };
    },
  };
}

/** Apollo's `stringifyResult`: compact JSON, or a compiled response body as PostgreSQL built it. */
export function stringifyResult(value: { data?: unknown; errors?: unknown; extensions?: unknown }): string {
  if (!(value.data instanceof RawJson)) return JSON.stringify(value);
  const rest = JSON.stringify({ ...value, data: undefined });
  // `{"data":…}` as is; anything a plugin added (errors, extensions) goes before its closing brace.
  return rest === '{}' ? value.data.text : `${value.data.text.slice(0, -1)},${rest.slice(1)}`;
}
