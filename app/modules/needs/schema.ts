import { z } from '../shared/zod'
import { optionalInt, recordId } from '../shared/fields'
import { declineReasons } from '../applications/schema'
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
      .refine((value) => {
        const date = new Date(`${value}T00:00:00.000Z`)
        return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value
      }, 'validation.date')
      .transform((value) => new Date(`${value}T00:00:00.000Z`))
      // 2026-02-31 would silently become 3 March: the date must read back as typed.
      .refine((date) => !Number.isNaN(date.getTime()) && date.getUTCFullYear() < 2200 && date.getUTCFullYear() > 1900, 'validation.date')
      .optional(),
  )

const checkbox = z
  .union([z.literal('on'), z.literal('true'), z.literal(''), z.boolean()], { error: 'validation.invalidChoice' })
  .optional()
  .transform((value) => value === true || value === 'on' || value === 'true')

const idList = z
  .union([z.string().max(64), z.array(z.string().max(64)).max(10, 'validation.tooMany')])
  .optional()
  .transform((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]).filter(Boolean))

/** An optional record id from a select ("" means none). */
const optionalId = z
  .string({ error: 'validation.invalidChoice' })
  .trim()
  .max(64, 'validation.invalidChoice')
  .regex(/^[\w-]*$/, 'validation.invalidChoice')
  .optional()
  .transform((value) => value || undefined)

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
    screeningRequired: checkbox,
    sharedHubIds: idList,
    /** Issue 14 (decision 0026): the working group the need is addressed to, checked by the service. */
    workingGroupId: optionalId,
    /** Reserved to an accelerator cohort for its first `reservedDays` days (1–30) after publication. */
    reservedCohortId: optionalId,
    reservedDays: optionalInt(1, 30),
  })
  .superRefine((need, ctx) => {
    if (need.reservedCohortId && need.reservedDays === undefined) {
      ctx.addIssue({ code: 'custom', path: ['reservedDays'], message: 'groups.validation.daysRequired' })
    }
    if (!need.reservedCohortId && need.reservedDays !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['reservedCohortId'], message: 'groups.validation.cohortRequired' })
    }
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

/** What the partner does with its need once published. */
export const needLifecycleActions = ['close', 'award', 'notAward', 'archive'] as const
export type NeedLifecycleAction = (typeof needLifecycleActions)[number]

/**
 * Closing or awarding a need decides every application still open in the same step: the partner
 * declines the remaining ones with one reason and a comment (as a bulk decline).
 */
export const declineOpenSchema = z.object({
  reason: z.enum(declineReasons, { error: 'validation.invalidChoice' }),
  comment: z.string({ error: 'validation.required' }).trim().min(10, 'validation.declineCommentTooShort').max(2_000, 'validation.tooLong'),
})
export type DeclineOpenInput = z.output<typeof declineOpenSchema>

/** The lifecycle form of the need page: the action, and the decline of the open applications when asked. */
export const needLifecycleFormSchema = z
  .object({
    intent: z.enum(needLifecycleActions, { error: 'validation.invalidChoice' }),
    declineReason: z.enum(declineReasons, { error: 'validation.invalidChoice' }).optional(),
    declineComment: z.string().trim().max(2_000, 'validation.tooLong').optional(),
  })
  .superRefine((value, context) => {
    if (value.declineReason && (value.declineComment ?? '').length < 10) {
      context.addIssue({ code: 'custom', path: ['declineComment'], message: value.declineComment ? 'validation.declineCommentTooShort' : 'validation.required' })
    }
    if (!value.declineReason && value.declineComment) context.addIssue({ code: 'custom', path: ['declineReason'], message: 'validation.required' })
  })

export const needSorts = ['score', 'deadline', 'relevance', 'recent'] as const

/**
 * The filters of the needs list (query string) and of the API's list. Each field is checked on its
 * own: a bad value is reported next to its field and ignored, the others still apply.
 */
export const needFilterFields = {
  q: z.string().trim().max(200, 'validation.tooLong'),
  kind: z.array(z.enum(needKinds, { error: 'validation.invalidChoice' })).max(4, 'validation.tooMany'),
  naf: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^\d{2}(\.\d{1,2}[A-Z]?)?$/, 'validation.nafPrefixInvalid'),
  budgetMin: z.coerce.number({ error: 'validation.number' }).int('validation.integer').min(0, 'validation.tooSmall').max(100_000_000, 'validation.tooLarge'),
  budgetMax: z.coerce.number({ error: 'validation.number' }).int('validation.integer').min(0, 'validation.tooSmall').max(100_000_000, 'validation.tooLarge'),
  deadlineBefore: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'validation.date')
    .transform((value) => new Date(`${value}T23:59:59.999Z`))
    .refine((date) => !Number.isNaN(date.getTime()), 'validation.date'),
  distanceKm: z.coerce.number({ error: 'validation.number' }).int('validation.integer').min(1, 'validation.tooSmall').max(500, 'validation.tooLarge'),
  hub: z.string().min(1).max(64, 'validation.invalidChoice').regex(/^[\w-]+$/, 'validation.invalidChoice'),
  /** A working group's slug: the needs addressed to it (decision 0026). */
  group: z.string().min(1).max(80, 'validation.invalidChoice').regex(/^[a-z0-9-]+$/, 'validation.invalidChoice'),
  status: z.enum(['DRAFT', 'SUBMITTED', 'CHANGES_REQUESTED', 'PUBLISHED', 'CLOSED', 'AWARDED', 'NOT_AWARDED', 'ARCHIVED'], {
    error: 'validation.invalidChoice',
  }),
  sort: z.enum(needSorts, { error: 'validation.invalidChoice' }),
  page: z.coerce.number({ error: 'validation.number' }).int('validation.integer').min(1, 'validation.tooSmall').max(10_000, 'validation.tooLarge'),
} as const

export type NeedFilters = Partial<{ [K in keyof typeof needFilterFields]: z.output<(typeof needFilterFields)[K]> }>

/** Reads filters from a query string: valid ones apply, invalid ones come back as field errors. */
export function parseNeedFilters(params: URLSearchParams): { filters: NeedFilters; errors: Record<string, string[]> } {
  const filters: Record<string, unknown> = {}
  const errors: Record<string, string[]> = {}
  for (const [name, schema] of Object.entries(needFilterFields)) {
    const raw = name === 'kind' ? params.getAll(name).filter(Boolean) : params.get(name)
    if (raw === null || raw === '' || (Array.isArray(raw) && raw.length === 0)) continue
    const parsed = (schema as z.ZodType).safeParse(raw)
    if (parsed.success) filters[name] = parsed.data
    else errors[name] = [...new Set(parsed.error.issues.map((issue) => issue.message))]
  }
  return { filters: filters as NeedFilters, errors }
}

export const savedSearchSchema = z.object({
  intent: z.literal('saveSearch'),
  name: z
    .string({ error: 'validation.required' })
    .trim()
    .min(2, 'validation.tooShort')
    .max(80, 'validation.tooLong')
    .refine((value) => !/[\r\n]/.test(value), 'edge.singleLine'),
  query: z.string().max(1000, 'validation.tooLong').default(''),
  alert: z
    .union([z.literal('on'), z.literal('true'), z.boolean()], { error: 'validation.invalidChoice' })
    .optional()
    .transform((value) => value === true || value === 'on' || value === 'true'),
})

export const askQuestionSchema = z.object({
  intent: z.literal('askQuestion'),
  body: z.string({ error: 'validation.required' }).trim().min(10, 'validation.questionTooShort').max(2_000, 'validation.tooLong'),
  /** The firm the user acts for, when they belong to several. */
  firmId: recordId.optional(),
})

export const answerQuestionSchema = z.object({
  intent: z.literal('answerQuestion'),
  questionId: recordId,
  answer: z.string({ error: 'validation.required' }).trim().min(2, 'validation.tooShort').max(5_000, 'validation.tooLong'),
})

export const acceptNdaSchema = z.object({
  intent: z.literal('acceptNda'),
  textVersion: z.string({ error: 'validation.required' }).min(1, 'validation.required').max(40, 'validation.tooLong'),
  agree: z.literal('on', { error: 'validation.ndaMustAgree' }),
  /** The firm the user accepts for, when they belong to several. */
  firmId: recordId.optional(),
})
