import { AppError } from '../errors/app-error';

/** Seconds a client is asked to wait before retrying a 503. */
export const RETRY_AFTER_SECONDS = 2;

/** SQLSTATE classes and codes that mean "the database cannot serve now", not "this request is wrong". */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300', '53400', '08000', '08001', '08003', '08004', '08006']);
const UNAVAILABLE_NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/** pg and pg-pool signal a lost or unobtainable connection with these plain messages. */
const UNAVAILABLE_MESSAGES = /^(timeout exceeded when trying to connect|Connection terminated( unexpectedly| due to connection timeout)?|Client has encountered a connection error and is not queryable|Client was closed and is not queryable|Cannot use a pool after calling end on the pool)$/;

/** Whether an error means the database is down, restarting, or has no connection free in time. */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  if (error instanceof AppError) return error.code === 'SERVICE_UNAVAILABLE';
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (code === 'SERVICE_UNAVAILABLE') return true; // an AppError's properties, copied by TypeORM's QueryFailedError
  if (typeof code === 'string' && (UNAVAILABLE_SQLSTATES.has(code) || UNAVAILABLE_NETWORK_CODES.has(code))) return true;
  return typeof message === 'string' && UNAVAILABLE_MESSAGES.test(message);
}

/** Code SERVICE_UNAVAILABLE (HTTP 503 with Retry-After, set in server.ts): the request's transaction did not commit. */
export function databaseUnavailable(): AppError {
  return new AppError('SERVICE_UNAVAILABLE', `The database is not available right now; retry in ${RETRY_AFTER_SECONDS} seconds`, {});
}

/** The error to throw for `error`: the 503 error when the database is unavailable, else `error` itself. */
export function asUnavailable(error: unknown): unknown {
  return isDatabaseUnavailable(error) && !(error instanceof AppError) ? databaseUnavailable() : error;
}
