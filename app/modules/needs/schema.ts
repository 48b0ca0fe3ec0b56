import { z } from 'zod'
import { optionalInt } from '../shared/fields'
import { nafListSchema, revenueBands, tagsSchema } from '../organisations/schema'

export const needKinds = ['PILOT', 'PROCUREMENT', 'CO_DEVELOPMENT', 'PROOF_OF_CONCEPT'] as const
export const visibilities = ['PUBLIC', 'MEMBERS', 'INVITE_ONLY'] as const
export const matchingModes = ['OPEN', 'CURATED'] as const

const MAX_EUR = 100_000_000

/** A calendar date from a date input (YYYY-MM-DD), kept as midnight UTC. */
const optionalDate = z
  .string()
  .trim()
  .max(10, 'validation.date')
  .optional()
  .transform((value) => value || undefined)
  .pipe(
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'validation.date')
      .transform((value) => new Date(`${value}T00:00:00.000Z`))
      .refine((date) => !Number.isNaN(date.getTime()) && date.getUTCFullYear() < 2200, 'validation.date')
      .optional(),
  )

const checkbox = z
  .union([z.literal('on'), z.literal('true'), z.literal(''), z.boolean()])
  .optional()
  .transform((value) => value === true || value === 'on' || value === 'true')

const idList = z
  .union([z.string().max(64), z.array(z.string().max(64)).max(10, 'validation.tooMany')])
  .optional()
  .transform((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]).filter(Boolean))

/**
 * The need editor. Saving a draft checks types and sizes only; submitting also checks that the
 * need is complete (`completenessErrors`).
 */
export const needFormSchema = z
  .object({
    kind: z.enum(needKinds, { error: 'validation.invalidChoice' }),
    title: z.string({ error: 'validation.required' }).trim().min(5, 'validation.tooShort').max(140, 'validation.tooLong'),
    summary: z.string().trim().max(500, 'validation.tooLong').optional().transform((value) => value ?? ''),
    description: z.string().trim().max(20_000, 'validation.tooLong').optional().transform((value) => value ?? ''),
    skills: tagsSchema,
    nafCodes: nafListSchema,
    budgetMinEur: optionalInt(0, MAX_EUR),
    budgetMaxEur: optionalInt(0, MAX_EUR),
    deadline: optionalDate,
    expectedStart: optionalDate,
    communeInsee: z
      .string()
      .trim()
      .max(80, 'validation.communeUnknown')
      .optional()
      .transform((value) => value || undefined),
    radiusKm: optionalInt(1, 1000),
    remoteOk: checkbox,
    headcountMin: optionalInt(1, 1_000_000),
    headcountMax: optionalInt(1, 1_000_000),
    revenueBands: z
      .union([z.enum(revenueBands), z.array(z.enum(revenueBands, { error: 'validation.invalidChoice' }))], {
        error: 'validation.invalidChoice',
      })
      .optional()
      .transform((value) => (value === undefined ? [] : Array.isArray(value) ? [...new Set(value)] : [value])),
    minAgeYears: optionalInt(0, 100),
    visibility: z.enum(visibilities, { error: 'validation.invalidChoice' }).default('PUBLIC'),
    matchingMode: z.enum(matchingModes, { error: 'validation.invalidChoice' }).default('OPEN'),
    sharedHubIds: idList,
  })
  .superRefine((need, ctx) => {
    if (need.budgetMinEur !== undefined && need.budgetMaxEur !== undefined && need.budgetMinEur > need.budgetMaxEur) {
      ctx.addIssue({ code: 'custom', path: ['budgetMaxEur'], message: 'validation.budgetOrder' })
    }
    if (need.headcountMin !== undefined && need.headcountMax !== undefined && need.headcountMin > need.headcountMax) {
      ctx.addIssue({ code: 'custom', path: ['headcountMax'], message: 'validation.headcountOrder' })
    }
  })

export type NeedFormInput = z.output<typeof needFormSchema>

export const needIntentSchema = z.enum(['save', 'submit'], { error: 'validation.invalidChoice' })

export const requestChangesSchema = z.object({
  intent: z.literal('requestChanges'),
  needId: z.string().min(1).max(64),
  comment: z.string({ error: 'validation.required' }).trim().min(5, 'validation.tooShort').max(2000, 'validation.tooLong'),
})

export const moderateNeedSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('publish'), needId: z.string().min(1).max(64) }),
  requestChangesSchema,
])
