import { lexicographicSortSchema, printSchema } from 'graphql';
import { buildCareGraphSchema } from './schema';

/** The schema as committed in schema.graphql: sorted, so diffs show real changes only. */
export function printCareGraphSchema(): string {
  return `${printSchema(lexicographicSortSchema(buildCareGraphSchema()))}\n`;
}
