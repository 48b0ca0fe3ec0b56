import { z } from 'zod'
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

/** Only local paths, never another site (open redirects). */
export const redirectToSchema = z
  .string()
  .optional()
  .transform((value) => (value && value.startsWith('/') && !value.startsWith('//') ? value : undefined))

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
