// One error type for the whole application. The code travels to GraphQL clients as
// `extensions.code` and to CLI users as the exit message, so every failure has a stable name.

export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  DB_UNAVAILABLE: 'DB_UNAVAILABLE',
  QUERY_TIMEOUT: 'QUERY_TIMEOUT',
  QUERY_REFUSED: 'QUERY_REFUSED',
  LIMIT_EXCEEDED: 'LIMIT_EXCEEDED',
  CONFLICT: 'CONFLICT',
  IMPORT_FAILED: 'IMPORT_FAILED',
  CONFIG_INVALID: 'CONFIG_INVALID',
  NEO4J_LAUNCHER: 'NEO4J_LAUNCHER',
  INTERNAL: 'INTERNAL',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown; details?: Record<string, unknown> }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.details = options?.details;
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

/** Wrap anything thrown into an AppError, keeping AppErrors as they are. */
export function toAppError(e: unknown): AppError {
  if (e instanceof AppError) return e;
  if (e instanceof Error && e.name === 'EmbeddedNeo4jError') return new AppError(ErrorCode.NEO4J_LAUNCHER, e.message, { cause: e });
  const message = e instanceof Error ? e.message : String(e);
  return new AppError(ErrorCode.INTERNAL, message, { cause: e });
}
