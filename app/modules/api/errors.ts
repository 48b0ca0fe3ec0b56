import type { TFunction } from 'i18next'
import { translateKey } from '#app/i18n/translate'
import { AppError } from '#app/modules/shared/app-error'

/**
 * The API's errors: the application's one typed error (`AppError`) with the API's own codes for
 * what happens before a service is called (authentication, body, validation). Every error
 * answers the same JSON shape, `{ error: { code, message, fields } }`, with the error's status.
 */
export const MAX_BODY_BYTES = 1_048_576
/** Field errors reported at most (an object with 100 000 unknown keys gets a short answer). */
const MAX_FIELDS = 50

export const apiErrors = {
  tokenMissing: () => new AppError(401, 'token_missing', 'api.errors.tokenMissing'),
  tokenInvalid: () => new AppError(401, 'token_invalid', 'api.errors.tokenInvalid'),
  invalidJson: () => new AppError(400, 'invalid_json', 'api.errors.invalidJson'),
  bodyNotObject: () => new AppError(400, 'validation_failed', 'api.errors.bodyNotObject'),
  bodyTooDeep: () => new AppError(400, 'validation_failed', 'api.errors.bodyTooDeep'),
  validationFailed: (fields: Record<string, string[]>) => new AppError(400, 'validation_failed', 'errors.invalidInput', {}, fields),
  payloadTooLarge: () => new AppError(413, 'payload_too_large', 'api.errors.payloadTooLarge', { maxKb: MAX_BODY_BYTES / 1024 }),
  unsupportedMediaType: () => new AppError(415, 'unsupported_media_type', 'api.errors.unsupportedMediaType'),
  notFound: () => new AppError(404, 'not_found', 'api.errors.notFound'),
}

export interface ApiErrorBody {
  error: { code: string; message: string; fields: Record<string, string[]>; [detail: string]: unknown }
}

/** The JSON body of an error, its sentences in the reader's language. */
export function errorBody(
  t: TFunction,
  error: { code: string; messageKey: string; params?: Record<string, string | number>; fields?: Record<string, string[]>; details?: Record<string, unknown> },
): ApiErrorBody {
  const fields: Record<string, string[]> = {}
  for (const [name, messages] of Object.entries(error.fields ?? {}).slice(0, MAX_FIELDS)) {
    fields[name] = [...new Set(messages.map((message) => translateKey(t, message)))]
  }
  return { error: { ...error.details, code: error.code, message: translateKey(t, error.messageKey, error.params), fields } }
}

/** The 401's challenge (RFC 6750): `error="invalid_token"` when a token was given but refused. */
export function bearerChallenge(code: string) {
  return code === 'token_invalid' ? 'Bearer realm="sillon", error="invalid_token"' : 'Bearer realm="sillon"'
}
