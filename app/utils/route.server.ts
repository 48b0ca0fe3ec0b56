import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import type { SubmissionResult } from '@conform-to/react'
import { isAppError, type AppError } from '#app/modules/shared/app-error'
import { getRequestT } from './i18n.server'
import { translateKey } from '#app/i18n/translate'

/**
 * Runs a loader's or action's body: an `AppError` thrown by a service becomes a translated 4xx
 * response (404 for records the actor may not see, 409 for refused transitions…), caught by the
 * route's ErrorBoundary or read by the form. Loaders and actions stay plain function declarations,
 * so that the compiler can remove them from the browser bundle.
 */
export async function handle<Args extends LoaderFunctionArgs | ActionFunctionArgs, T>(args: Args, fn: (args: Args) => Promise<T>): Promise<T> {
  try {
    return await fn(args)
  } catch (error) {
    if (isAppError(error)) throw await appErrorResponse(args.request, error)
    throw error
  }
}

export async function appErrorResponse(request: Request, error: AppError) {
  const t = await getRequestT(request)
  return json(
    { code: error.code, message: translateKey(t, error.messageKey, error.params) },
    { status: error.status },
  )
}

/**
 * Replies to a form whose service refused the input: field messages next to the fields, the
 * general message above the form, and the error's 4xx status.
 */
type Replyable = {
  reply: (options?: { formErrors?: string[]; fieldErrors?: Record<string, string[]> }) => SubmissionResult<string[]>
}

export async function appErrorReply(request: Request, submission: Replyable, error: unknown) {
  if (!isAppError(error)) throw error
  // The general message is translated here, with its values; field messages stay i18n keys.
  const t = await getRequestT(request)
  return {
    result: submission.reply({ formErrors: [translateKey(t, error.messageKey, error.params)], fieldErrors: error.fields }),
    status: error.status,
  }
}

export async function replyWithAppError(request: Request, submission: Replyable, error: unknown) {
  const { result, status } = await appErrorReply(request, submission, error)
  return json({ result }, { status })
}

/** Parses a route param, answering 404 when it is missing or malformed. */
export function requireParam(params: Record<string, string | undefined>, name: string) {
  const value = params[name]
  if (!value || value.length > 64 || !/^[A-Za-z0-9_-]+$/.test(value)) {
    throw json({ code: 'not_found', message: 'Not found' }, { status: 404 })
  }
  return value
}

/** The same reply for an action that has no Conform submission (e.g. a file upload). */
export async function appErrorResult(request: Request, error: unknown) {
  if (!isAppError(error)) throw error
  const t = await getRequestT(request)
  return {
    result: { status: 'error' as const, error: { '': [translateKey(t, error.messageKey, error.params)], ...error.fields } },
    status: error.status,
  }
}

/**
 * A form refused as a whole, when no field can carry the message: an unknown or duplicated intent,
 * a hidden field tampered with. The general message, for the form's alert block (400).
 */
export function invalidFormResult(): SubmissionResult<string[]> {
  return { status: 'error', initialValue: null, error: { '': ['errors.invalidInput'] } }
}
