import { z } from '../shared/zod'
import { optionalInt, requiredInt } from '../shared/fields'

const isoDate = z
  .string({ error: 'validation.required' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'validation.date')
  .refine((value) => {
    const date = new Date(`${value}T00:00:00.000Z`)
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value
  }, 'validation.date')
  .transform((value) => new Date(`${value}T00:00:00.000Z`))

/** Starting the pilot of an accepted application: criteria (one per line), dates, value. */
export const startPilotSchema = z
  .object({
    intent: z.literal('startPilot'),
    successCriteria: z
      .string({ error: 'validation.required' })
      .max(3_000, 'validation.tooLong')
      .transform((value) =>
        value
          .split('\n')
          .map((line) => line.trim().replace(/^[-*•]\s*/, ''))
          .filter(Boolean),
      )
      .refine((lines) => lines.length >= 1, 'validation.criteriaRequired')
      .refine((lines) => lines.length <= 10 && lines.every((line) => line.length <= 300), 'validation.tooLong'),
    pilotStartsOn: isoDate,
    pilotEndsOn: isoDate,
    pilotValueEur: optionalInt(0, 100_000_000),
  })
  // zod runs this check even when a date was refused (and is still the text typed): compare dates only.
  .refine((pilot) => !(pilot.pilotStartsOn instanceof Date && pilot.pilotEndsOn instanceof Date) || pilot.pilotEndsOn >= pilot.pilotStartsOn, {
    path: ['pilotEndsOn'],
    message: 'validation.endBeforeStart',
  })

export const pilotOutcomeSchema = z.object({ intent: z.enum(['pilotSucceeded', 'pilotFailed', 'cancel'], { error: 'validation.invalidChoice' }) })

export const contractSchema = z.object({
  intent: z.literal('signContract'),
  purchaseOrder: z.string({ error: 'validation.required' }).trim().min(2, 'validation.tooShort').max(80, 'validation.tooLong'),
  contractValueEur: requiredInt(1, 100_000_000),
  contractSignedAt: isoDate,
})
