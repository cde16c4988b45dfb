import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import type { Context } from '../context';
import { createOperationPlanner, IsColumn, RawJson } from './compiled-read';
import { AppError } from '../errors/app-error';

/**
 * Answers the queries the compiled read path supports before graphql-js executes anything
 * (Apollo's responseForOperation hook; plugins that check the operation, such as the query
 * cost limit, have already run). Every other operation, or one the data layer hands back,
 * executes through the resolvers.
 */
export function compiledReadPlugin(schema: GraphQLSchema, isColumn: IsColumn, logger: Logger): ApolloServerPlugin<Context> {
  const plan = createOperationPlanner(schema, isColumn);
  return {
    async requestDidStart() {
      return {
        async responseForOperation({ document, operationName, request, contextValue, response }) {
          const operationPlan = plan(document, operationName ?? null);
          if (!operationPlan) return null;
          let body: string | null;
          try {
            body = await contextValue.data.readCompiled(operationPlan, request.variables ?? {}, operationName ?? null);
          } catch (error) {
            // Refused before anything was read (the caller's access changed): the resolvers report it, as for any query.
            if (error instanceof AppError) return null;
            throw error;
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
