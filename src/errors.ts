/**
 * An expected failure with a code a listener maps to a helpful reply. Anything that
 * is not an AppError is a bug and goes to Bolt's error handler and the log.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** What the person can do instead, shown under the message. */
    readonly hint?: string,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
