/**
 * The one typed error of the application. Services throw it; routes and the API turn it into a
 * 4xx response whose message is translated from `messageKey` (keys of the i18n files).
 */
export type AppErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 502 | 503

export class AppError extends Error {
  constructor(
    readonly status: AppErrorStatus,
    /** Stable, for API clients: e.g. `not_found`, `invalid_transition`. */
    readonly code: string,
    /** An i18n key, e.g. `errors.notFound`. */
    readonly messageKey: string,
    readonly params: Record<string, string | number> = {},
    /** Field-level messages (i18n keys) when the error concerns form fields. */
    readonly fields: Record<string, string[]> = {},
    /** Data an API client needs to act on the refusal (e.g. the applications still undecided). */
    readonly details: Record<string, unknown> = {},
  ) {
    super(`${code}: ${messageKey}`)
    this.name = 'AppError'
  }

  static notFound() {
    return new AppError(404, 'not_found', 'errors.notFound')
  }

  static forbidden(messageKey = 'errors.forbidden') {
    return new AppError(403, 'forbidden', messageKey)
  }

  static conflict(code: string, messageKey: string, params: Record<string, string | number> = {}) {
    return new AppError(409, code, messageKey, params)
  }

  static invalid(fields: Record<string, string[]>, messageKey = 'errors.invalidInput') {
    return new AppError(422, 'invalid_input', messageKey, {}, fields)
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError
}

/** Throws a 404 unless the condition holds: for records the actor may not know about. */
export function assertFound<T>(value: T | null | undefined | false): asserts value {
  if (!value) throw AppError.notFound()
}

/** A unique constraint refused the write (Prisma P2002), e.g. two sign-ups with one address at once. */
export function isUniqueViolation(error: unknown) {
  return typeof error === 'object' && error !== null && 'code' in error && (error as { code: unknown }).code === 'P2002'
}
