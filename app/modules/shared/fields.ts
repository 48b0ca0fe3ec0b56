import { z } from 'zod'

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

