import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';

/**
 * Moves every tenant's open invoices past their due date to OVERDUE (the database function
 * `mark_overdue_invoices`, migration Billing, which applies the invoice status rule and is
 * audited like any write). Returns how many moved.
 */
export async function markOverdueInvoices(dataSource: DataSource): Promise<number> {
  const [{ moved }] = (await dataSource.query('SELECT mark_overdue_invoices() AS moved')) as Array<{ moved: number }>;
  return moved;
}

/**
 * Runs the sweep now and then every `intervalMs` (0: never). A failed sweep (database down) is
 * logged by its SQLSTATE and retried at the next tick; it never throws into the process.
 */
export function startOverdueSweep(dataSource: DataSource, intervalMs: number, logger: Logger): { stop(): Promise<void> } {
  if (intervalMs <= 0) return { stop: async () => undefined };
  let running: Promise<void> | undefined;
  // One sweep at a time: a tick that finds one still running (a slow database) lets it be.
  const tick = () => {
    running ??= markOverdueInvoices(dataSource)
      .then(
        (moved) => {
          if (moved) logger.info({ moved }, 'invoices gone overdue');
        },
        (error: Error & { code?: string }) => logger.warn({ sqlState: error.code }, 'overdue invoice sweep failed'),
      )
      .finally(() => (running = undefined));
  };
  tick();
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
