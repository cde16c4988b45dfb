import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';

/**
 * Moves every tenant's open invoices past their due date to OVERDUE (the database function
 * `mark_overdue_invoices`, migration Billing, which applies the invoice status rule and is
 * audited like any write): one statement, so one short transaction, per tenant. A tenant that
 * fails (a lock held too long) is logged by its SQLSTATE and left to the next sweep; the others
 * go on. Returns how many moved.
 */
export async function markOverdueInvoices(dataSource: DataSource, logger?: Logger): Promise<number> {
  const tenants = (await dataSource.query('SELECT overdue_sweep_tenants() AS id')) as Array<{ id: string }>;
  let moved = 0;
  for (const { id } of tenants) {
    try {
      const [row] = (await dataSource.query('SELECT mark_overdue_invoices($1) AS moved', [id])) as Array<{ moved: number }>;
      moved += row.moved;
    } catch (error) {
      logger?.warn({ tenantId: id, sqlState: (error as { code?: string }).code }, 'overdue invoice sweep failed for a tenant');
    }
  }
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
    running ??= markOverdueInvoices(dataSource, logger)
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
