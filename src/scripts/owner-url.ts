import type { Config } from '../config';

/**
 * The owner connection an operator's command uses: DATABASE_URL, or outside production the
 * embedded server that `npm start` runs (it must be running).
 */
export function ownerUrlFor(config: Config): string {
  if (config.databaseUrl) return config.databaseUrl;
  if (config.isProduction) throw new Error('DATABASE_URL (the owner connection) is required');
  return `postgres://postgres:postgres@localhost:${config.embeddedPgPort}/caregraph`;
}
