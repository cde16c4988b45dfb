/** Expected failures. Each code maps to one GraphQL `extensions.code` (see format-error.ts). */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'LIMIT_EXCEEDED'
  /** The operation belongs to a feature the tenant has off (its plan, or its admins). */
  | 'FEATURE_DISABLED'
  | 'SERVICE_UNAVAILABLE';

/** One broken rule on one input field, e.g. { field: 'input.nhsNumber', rule: 'nhsNumber' }. */
export interface FieldProblem {
  field: string;
  rule: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'AppError';
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

  /** An `expectedVersion` that is no longer the row's: CONFLICT, never a silent overwrite. `current` null when unknown. */
  static stale(typeName: string, expected: number, current: number | null): AppError {
    return AppError.conflict(
      `${typeName} was changed by someone else (expected version ${expected}${current === null ? '' : `, now ${current}`}); reload and retry`,
      { expectedVersion: expected, currentVersion: current },
    );
  }
}
