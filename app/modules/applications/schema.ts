import { z } from '../shared/zod'
import { optionalInt, recordId } from '../shared/fields'

/** The proposal. Saving a draft checks sizes; submitting also needs an approach. */
export const applicationFormSchema = z.object({
  intent: z.enum(['save', 'submit'], { error: 'validation.invalidChoice' }).default('submit'),
  approach: z.string().trim().max(10_000, 'validation.tooLong').optional().transform((value) => value ?? ''),
  timeline: z.string().trim().max(2_000, 'validation.tooLong').optional().transform((value) => value ?? ''),
  priceEur: optionalInt(0, 100_000_000),
  referencesText: z.string().trim().max(5_000, 'validation.tooLong').optional().transform((value) => value ?? ''),
  /** Up to three partner firms of a consortium led by the applicant, by their Sillon address (slug). */
  consortium: z.preprocess(
    // One value, several, or none; empty boxes (undefined once Conform coerced them) are skipped.
    (value) => (value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]),
    z
      .array(z.string({ error: 'validation.invalidChoice' }).max(80, 'validation.tooLong').optional().nullable(), { error: 'validation.invalidChoice' })
      .max(10, 'validation.tooManyPartners')
      .transform((slugs) => [...new Set(slugs.map((slug) => (slug ?? '').trim()).filter(Boolean))])
      .refine((slugs) => slugs.length <= 3, 'validation.tooManyPartners'),
  ),
})
export type ApplicationFormInput = z.output<typeof applicationFormSchema>

export const MIN_APPROACH_LENGTH = 30

export const declineReasons = ['BUDGET', 'TIMING', 'SKILLS_FIT', 'SCOPE_FIT', 'CAPACITY', 'DISTANCE', 'OTHER_CANDIDATE', 'PROJECT_CANCELLED', 'OTHER'] as const

const message = z.string({ error: 'validation.required' }).trim().min(2, 'validation.tooShort').max(5_000, 'validation.tooLong')
const declineComment = z.string({ error: 'validation.required' }).trim().min(10, 'validation.declineCommentTooShort').max(2_000, 'validation.tooLong')
const declineReason = z.enum(declineReasons, { error: 'validation.invalidChoice' })

/** The partner's decisions on one application (and the firm's answers), one form each. */
export const applicationDecisionSchema = z.discriminatedUnion(
  'intent',
  [
    z.object({ intent: z.literal('shortlist') }),
    z.object({ intent: z.literal('requestInfo'), message }),
    z.object({ intent: z.literal('accept') }),
    z.object({ intent: z.literal('decline'), reason: declineReason, comment: declineComment }),
    z.object({ intent: z.literal('startScreening') }),
    z.object({ intent: z.literal('answerInfo'), message }),
    z.object({ intent: z.literal('message'), message }),
    z.object({ intent: z.literal('withdraw') }),
    z.object({ intent: z.literal('confirmConsortium') }),
    z.object({ intent: z.literal('declineConsortium') }),
  ],
  { error: 'validation.invalidChoice' },
)
export type ApplicationDecision = z.output<typeof applicationDecisionSchema>

export const bulkDeclineSchema = z.object({
  intent: z.literal('bulkDecline'),
  applicationIds: z
    .union([recordId, z.array(recordId)], { error: 'validation.selectAtLeastOne' })
    .transform((value) => (Array.isArray(value) ? value : [value]))
    .pipe(z.array(z.string()).min(1, 'validation.selectAtLeastOne').max(200, 'validation.tooMany')),
  reason: declineReason,
  comment: declineComment,
})
