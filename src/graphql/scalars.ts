import { GraphQLScalarType } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';

const CANONICAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * graphql-scalars' DateTime, except that a timestamp already in the API's output form
 * (`2026-05-21T09:15:00.000Z`, as reads produce it: src/db/read-types.ts) is sent as is
 * instead of being turned into a Date and printed again. Input parsing is unchanged.
 */
export const DateTime = new GraphQLScalarType({
  ...DateTimeResolver.toConfig(),
  serialize: (value) => (typeof value === 'string' && CANONICAL.test(value) ? value : DateTimeResolver.serialize(value)),
});
