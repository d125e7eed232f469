/**
 * Errors the app can explain to a user. `code` is stable (tests and the Teams layer
 * branch on it, never on the message); `messageKey` selects the user-facing text in cards/.
 */
export type AppErrorCode =
  | 'STORAGE_UNAVAILABLE'
  | 'STORAGE_OUTCOME_UNKNOWN'
  | 'STORAGE_CONFLICT'
  | 'INVALID_INPUT';

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AppError';
  }
}

/** Storage did not answer in time or at all; nothing was saved, the user may retry. */
export class StorageUnavailableError extends AppError {
  constructor(operation: string, cause?: unknown) {
    super('STORAGE_UNAVAILABLE', `storage unavailable during ${operation}`, { operation }, { cause });
    this.name = 'StorageUnavailableError';
  }
}

/**
 * A commit was sent but its answer never came (timeout, broken connection, server error): it
 * may or may not have been applied. The store settles this before anyone is told anything
 * (GremienStore fences the commit's audit row); this error reaches the user only if storage
 * stays unreachable, and then says that the outcome is unknown, never "nothing changed".
 */
export class StorageOutcomeUnknownError extends AppError {
  constructor(operation: string, cause?: unknown) {
    super('STORAGE_OUTCOME_UNKNOWN', `outcome unknown after ${operation}`, { operation }, { cause });
    this.name = 'StorageOutcomeUnknownError';
  }
}

/**
 * Someone else changed the row since it was read (ETag mismatch), or it already exists.
 * Operations that are safe to repeat re-read and retry; others report it.
 */
export class StorageConflictError extends AppError {
  constructor(operation: string, cause?: unknown) {
    super('STORAGE_CONFLICT', `conflicting change during ${operation}`, { operation }, { cause });
    this.name = 'StorageConflictError';
  }
}

/** A value would break a storage limit (key characters, text length, row size): nothing was written. */
export class StorageLimitError extends AppError {
  constructor(field: string, problem: string) {
    super('INVALID_INPUT', `${field}: ${problem}`, { field, problem });
    this.name = 'StorageLimitError';
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
