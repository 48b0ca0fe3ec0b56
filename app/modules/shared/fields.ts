import { z } from './zod'

/** An optional whole number typed in a text or number input ("" means not given). */
export const optionalInt = (min: number, max: number) =>
  z
    .string({ error: 'validation.number' })
    .trim()
    .max(20, 'validation.number')
    .optional()
    .transform((value) => (value ? value : undefined))
    .pipe(
      z.coerce
        .number<string | undefined>({ error: 'validation.number' })
        .int('validation.integer')
        .min(min, 'validation.tooSmall')
        .max(max, 'validation.tooLarge')
        .optional(),
    )

/** A whole number typed in a text or number input, that must be given. */
export const requiredInt = (min: number, max: number) =>
  z
    .string({ error: 'validation.required' })
    .trim()
    .min(1, 'validation.required')
    .max(20, 'validation.number')
    .pipe(
      z.coerce
        .number<string>({ error: 'validation.number' })
        .int('validation.integer')
        .min(min, 'validation.tooSmall')
        .max(max, 'validation.tooLarge'),
    )

/** The id of a record a form acts on (usually a hidden field): posted once, of an id's shape. */
export const recordId = z
  .string({ error: 'validation.required' })
  .trim()
  .min(1, 'validation.required')
  .max(64, 'validation.invalidChoice')
  .regex(/^[\w-]+$/, 'validation.invalidChoice')
