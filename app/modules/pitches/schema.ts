import { declineReasons } from '../applications/schema'
import { recordId } from '../shared/fields'
import { z } from '../shared/zod'

/** Statuses shown as filters on /staff/pitches. */
export const PITCH_FILTER_STATUSES = ['SUBMITTED', 'CHANGES_REQUESTED', 'REJECTED', 'SENT', 'INTERESTED', 'DECLINED', 'WITHDRAWN'] as const

const text = (max: number) => z.string({ error: 'validation.required' }).trim().max(max, 'validation.tooLong')

/**
 * The pitch editor. Saving a draft needs a title only; submitting needs the problem and the offer
 * too (checked by `assertSubmittable`, with a message next to each field).
 */
export const pitchFormSchema = z.object({
  intent: z.enum(['save', 'submit'], { error: 'validation.invalidChoice' }).default('save'),
  firmId: recordId,
  partnerId: z.string({ error: 'pitches.validation.partnerRequired' }).trim().min(1, 'pitches.validation.partnerRequired').max(64, 'validation.invalidChoice'),
  title: z.string({ error: 'validation.required' }).trim().min(5, 'pitches.validation.titleTooShort').max(160, 'validation.tooLong'),
  problem: text(5_000).optional().transform((value) => value ?? ''),
  offer: text(5_000).optional().transform((value) => value ?? ''),
  referencesText: text(3_000).optional().transform((value) => value ?? ''),
})
export type PitchFormInput = z.output<typeof pitchFormSchema>

/** The least a pitch says before staff read it. */
export const MIN_PITCH_TEXT = 30

/** Field messages for a pitch that cannot be submitted yet (empty when it can). */
export function submitProblems(pitch: { problem: string; offer: string }) {
  const fields: Record<string, string[]> = {}
  if (pitch.problem.trim().length < MIN_PITCH_TEXT) fields.problem = ['pitches.validation.problemTooShort']
  if (pitch.offer.trim().length < MIN_PITCH_TEXT) fields.offer = ['pitches.validation.offerTooShort']
  return fields
}

const comment = z.string({ error: 'validation.required' }).trim().min(10, 'pitches.validation.commentTooShort').max(2_000, 'validation.tooLong')
const message = z.string({ error: 'validation.required' }).trim().min(2, 'validation.tooShort').max(5_000, 'validation.tooLong')
const optionalComment = z.string().trim().max(2_000, 'validation.tooLong').optional().transform((value) => (value ? value : null))

/** Every decision on a pitch page, one form each. */
export const pitchDecisionSchema = z.discriminatedUnion(
  'intent',
  [
    z.object({ intent: z.literal('submit') }),
    z.object({ intent: z.literal('withdraw') }),
    z.object({ intent: z.literal('approve') }),
    z.object({ intent: z.literal('requestChanges'), comment }),
    z.object({ intent: z.literal('reject'), comment: z.string({ error: 'pitches.validation.rejectReasonRequired' }).trim().min(10, 'pitches.validation.rejectReasonRequired').max(2_000, 'validation.tooLong') }),
    z.object({ intent: z.literal('interested'), message: z.string().trim().max(5_000, 'validation.tooLong').optional().transform((value) => (value ? value : null)) }),
    z.object({
      intent: z.literal('decline'),
      reason: z.enum(declineReasons, { error: 'pitches.validation.declineReasonRequired' }),
      comment: optionalComment,
    }),
    z.object({ intent: z.literal('message'), message }),
  ],
  { error: 'validation.invalidChoice' },
)
export type PitchDecision = z.output<typeof pitchDecisionSchema>
export const PITCH_DECISION_INTENTS: readonly string[] = pitchDecisionSchema.options.map((option) => option.shape.intent.value)
