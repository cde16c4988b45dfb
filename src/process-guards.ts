import type { Logger } from 'pino';

/**
 * The last resort: a rejection nobody handled, or an exception nothing caught, is logged (its
 * class and stack, never a value of a request) and the server keeps serving. The lint rules
 * (no-floating-promises) and the error formatter are the real guard; this keeps one missed
 * case from ending the process for every client, with no supervisor to restart it.
 */
export function installLastResortHandlers(logger: Logger): () => void {
  const describe = (error: unknown) => (error instanceof Error ? { errorClass: error.constructor.name, stack: error.stack } : { errorType: typeof error });
  const onRejection = (reason: unknown) => logger.error(describe(reason), 'unhandled promise rejection (the server keeps serving)');
  const onException = (error: unknown) => logger.error(describe(error), 'uncaught exception (the server keeps serving)');
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  return () => {
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onException);
  };
}
