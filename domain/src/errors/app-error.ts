/**
 * The one error type use-cases throw for expected failures. Adapters map `code` to an HTTP status (admin API) or a
 * localized message key `errors.<code>` (bot, web); `details` carries values for the message, never personal data.
 */
export const APP_ERROR_CODES = [
  'VALIDATION',
  'NOT_FOUND',
  'UNAUTHENTICATED',
  'INVALID_CREDENTIALS',
  'CSRF',
  'FORBIDDEN',
  'CONFLICT',
  'RATE_LIMITED',
  'INVALID_STATE',
  'UNAVAILABLE',
] as const;

export type AppErrorCode = (typeof APP_ERROR_CODES)[number];

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export function isAppError(error: unknown, code?: AppErrorCode): error is AppError {
  return error instanceof AppError && (code === undefined || error.code === code);
}
