import { z } from '../shared/zod'
import { supportedLocales } from '#app/i18n/config'

/**
 * Form schemas. Messages are i18n keys (`validation.*`), translated where they are shown, so the
 * same schema serves the forms, the API and the jobs.
 */
export const emailSchema = z
  .string({ error: 'validation.required' })
  .trim()
  .min(1, 'validation.required')
  .max(254, 'validation.tooLong')
  .pipe(z.email({ error: 'validation.email' }))
  .transform((value) => value.toLowerCase())

export const passwordSchema = z
  .string({ error: 'validation.required' })
  .min(10, 'validation.passwordTooShort')
  .max(200, 'validation.tooLong')

export const nameSchema = z
  .string({ error: 'validation.required' })
  .trim()
  .min(2, 'validation.tooShort')
  .max(120, 'validation.tooLong')

/** A path of this site as a browser reads a Location: one "/" first, never "//" or "/\\", no control character. */
function isSameOriginPath(value: string) {
  return value.startsWith('/') && !value.startsWith('//') && !/[\\\u0000-\u001f\u007f]/.test(value)
}

/**
 * The one check of every `redirectTo` a route follows: only a path of this site, never another
 * one. "//evil", "/\\evil" and control characters are refused (browsers read some of them as
 * another host), and the check is made again on the final value, after normalisation:
 * `/.//evil.example/x` would otherwise become `//evil.example/x`.
 */
export function safeRedirectPath(value: string | null | undefined) {
  if (!value || value.length > 500 || !isSameOriginPath(value)) return undefined
  const url = new URL(value, 'http://sillon.invalid')
  if (url.origin !== 'http://sillon.invalid') return undefined
  const path = `${url.pathname}${url.search}${url.hash}`
  return isSameOriginPath(path) ? path : undefined
}

export const redirectToSchema = z.string().optional().transform(safeRedirectPath)

export const loginSchema = z.object({
  email: emailSchema,
  password: z.string({ error: 'validation.required' }).min(1, 'validation.required').max(200, 'validation.tooLong'),
  redirectTo: redirectToSchema,
})

export const signupSchema = z
  .object({
    name: nameSchema,
    email: emailSchema,
    password: passwordSchema,
    confirmPassword: z.string({ error: 'validation.required' }).max(200, 'validation.tooLong'),
    redirectTo: redirectToSchema,
  })
  .refine((data) => data.password === data.confirmPassword, {
    path: ['confirmPassword'],
    message: 'validation.passwordsDiffer',
  })

export const forgotPasswordSchema = z.object({ email: emailSchema })

export const resetPasswordSchema = z
  .object({
    token: z.string({ error: 'validation.required' }).min(20, 'errors.resetLinkInvalid').max(200, 'errors.resetLinkInvalid'),
    password: passwordSchema,
    confirmPassword: z.string({ error: 'validation.required' }).max(200, 'validation.tooLong'),
  })
  .refine((data) => data.password === data.confirmPassword, {
    path: ['confirmPassword'],
    message: 'validation.passwordsDiffer',
  })

export const localeSchema = z.object({
  locale: z.enum(supportedLocales, { error: 'validation.invalidChoice' }),
  redirectTo: redirectToSchema,
})

/**
 * The name of an IANA time zone this runtime knows (`Intl.supportedValuesOf('timeZone')`), given
 * as listed or as one of its aliases (Asia/Kolkata is listed as Asia/Calcutta by ICU); null otherwise.
 */
export function canonicalTimeZone(value: string): string | null {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/.test(value)) return null
  try {
    const zones = Intl.supportedValuesOf('timeZone')
    if (zones.includes(value)) return value
    const canonical = new Intl.DateTimeFormat('en', { timeZone: value }).resolvedOptions().timeZone
    return zones.includes(canonical) || canonical === 'UTC' ? canonical : null
  } catch {
    return null
  }
}

export const isTimeZone = (value: string) => canonicalTimeZone(value) !== null

export const verifyEmailSchema = z.object({
  intent: z.literal('confirm'),
  token: z.string({ error: 'account.errors.linkInvalid' }).min(20, 'account.errors.linkInvalid').max(200, 'account.errors.linkInvalid'),
})

const currentPasswordSchema = z.string({ error: 'validation.required' }).min(1, 'validation.required').max(200, 'validation.tooLong')

export const accountProfileSchema = z.object({
  intent: z.literal('profile'),
  name: nameSchema,
  locale: z.enum(supportedLocales, { error: 'validation.invalidChoice' }),
  timeZone: z
    .string({ error: 'validation.required' })
    .max(64, 'validation.tooLong')
    .refine(isTimeZone, 'account.errors.timeZone')
    .transform((value) => canonicalTimeZone(value)!),
})

export const accountPasswordSchema = z
  .object({
    intent: z.literal('password'),
    currentPassword: currentPasswordSchema,
    password: passwordSchema,
    confirmPassword: z.string({ error: 'validation.required' }).max(200, 'validation.tooLong'),
  })
  .refine((data) => data.password === data.confirmPassword, { path: ['confirmPassword'], message: 'validation.passwordsDiffer' })

export const accountEmailSchema = z.object({ intent: z.literal('email'), email: emailSchema, currentPassword: currentPasswordSchema })

/** The account page's forms, told apart by `intent`. */
export const accountActionSchema = z.discriminatedUnion('intent', [
  accountProfileSchema,
  accountPasswordSchema,
  accountEmailSchema,
  z.object({ intent: z.literal('revoke-session'), sessionId: z.string().regex(/^[0-9a-f]{64}$/, 'validation.invalidChoice') }),
  z.object({ intent: z.literal('revoke-others') }),
])
