import { z } from 'zod'
import { optionalInt } from '../shared/fields'

const optionalEur = optionalInt(0, 100_000_000)

/** The proposal. Saving a draft checks sizes; submitting also needs an approach. */
export const applicationFormSchema = z.object({
  intent: z.enum(['save', 'submit'], { error: 'validation.invalidChoice' }).default('submit'),
  approach: z.string().trim().max(10_000, 'validation.tooLong').optional().transform((value) => value ?? ''),
  timeline: z.string().trim().max(2_000, 'validation.tooLong').optional().transform((value) => value ?? ''),
  priceEur: optionalEur,
  referencesText: z.string().trim().max(5_000, 'validation.tooLong').optional().transform((value) => value ?? ''),
})
export type ApplicationFormInput = z.output<typeof applicationFormSchema>

export const MIN_APPROACH_LENGTH = 30
