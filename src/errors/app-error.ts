import { HeaderMap } from '@apollo/server';

/** Seconds a client is asked to wait before retrying a 503 (the database is unavailable). */
export const RETRY_AFTER_SECONDS = 2;

/** Expected failures. Each code maps to one GraphQL `extensions.code` (see format-error.ts). */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'LIMIT_EXCEEDED'
  | 'SERVICE_UNAVAILABLE';

/** One broken rule on one input field, e.g. { field: 'input.nhsNumber', rule: 'nhsNumber' }. */
export interface FieldProblem {
  field: string;
  rule: string;
  message: string;
}

export class AppError extends Error {
  /**
   * Read by graphql-js and Apollo from a thrown error: an HTTP status for the whole response
   * (`http`), where the error decides it (503 with Retry-After). An own property, so that it
   * survives TypeORM copying a driver error's properties.
   */
  readonly extensions?: { http: { status: number; headers: HeaderMap } };

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
    httpStatus?: number,
  ) {
    super(message);
    this.name = 'AppError';
    if (httpStatus) {
      const headers = new HeaderMap(httpStatus === 503 ? [['retry-after', String(RETRY_AFTER_SECONDS)]] : []);
      this.extensions = { http: { status: httpStatus, headers } };
    }
  }

  static badInput(fields: FieldProblem[]): AppError {
    const summary = fields.map((f) => `${f.field}: ${f.message}`).join('; ');
    return new AppError('BAD_USER_INPUT', `Invalid input. ${summary}`, { fields });
  }

  static unauthenticated(): AppError {
    return new AppError('UNAUTHENTICATED', 'Log in first: this operation needs an access token');
  }

  static notFound(typeName: string, field = 'id'): AppError {
    return new AppError('NOT_FOUND', `No ${typeName} with this ${field}`, { field });
  }

  static conflict(message: string, details: Record<string, unknown> = {}): AppError {
    return new AppError('CONFLICT', message, details);
  }
}
