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

/**
 * Runs an operator's command (`npm run <name>`): a failure prints one line and exits 1. Our own
 * errors say what was wrong; a database error shows its SQLSTATE only (its message or detail can
 * quote row values).
 */
export function runCommand(name: string, main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    const code = (error as { code?: string } | null)?.code;
    console.error(`${name} failed: ${error instanceof Error && !code ? error.message : `database error ${code ?? ''}`.trim()}`);
    process.exit(1);
  });
}
