import { z } from '../shared/zod'

export const matchStatuses = ['SUGGESTED', 'APPROVED', 'INVITED', 'REJECTED', 'DISMISSED'] as const

export interface RecommendationFilters {
  /** The firm's home hub. */
  hubId?: string
  status?: (typeof matchStatuses)[number]
  /** 0–100. */
  minScore?: number
  /** Part of the firm's name. */
  q?: string
  page?: number
}

/**
 * The filters of a need's recommended firms (query string). As for the needs list, each field is
 * checked on its own: a bad value is reported next to its field and ignored.
 */
const recommendationFilterFields = {
  hub: z.string().min(1).max(64, 'validation.invalidChoice').regex(/^[\w-]+$/, 'validation.invalidChoice'),
  status: z.enum(matchStatuses, { error: 'validation.invalidChoice' }),
  minScore: z.coerce.number({ error: 'validation.number' }).int('validation.integer').min(0, 'validation.tooSmall').max(100, 'validation.tooLarge'),
  q: z.string().trim().max(80, 'validation.tooLong'),
  page: z.coerce.number({ error: 'validation.number' }).int('validation.integer').min(1, 'validation.tooSmall').max(1_000, 'validation.tooLarge'),
} as const

export function parseRecommendationFilters(params: URLSearchParams): { filters: RecommendationFilters; errors: Record<string, string[]> } {
  const values: Record<string, unknown> = {}
  const errors: Record<string, string[]> = {}
  for (const [name, schema] of Object.entries(recommendationFilterFields)) {
    const all = params.getAll(name)
    if (all.length === 0 || (all.length === 1 && all[0] === '')) continue
    if (all.length > 1) {
      errors[name] = ['validation.invalidChoice']
      continue
    }
    const parsed = (schema as z.ZodType).safeParse(all[0])
    if (parsed.success) values[name] = parsed.data
    else errors[name] = [...new Set(parsed.error.issues.map((issue) => issue.message))]
  }
  const { hub, status, minScore, q, page } = values as { hub?: string; status?: RecommendationFilters['status']; minScore?: number; q?: string; page?: number }
  return { filters: { hubId: hub, status, minScore, q: q || undefined, page }, errors }
}

const id = z.string({ error: 'validation.required' }).min(1, 'validation.required').max(64, 'validation.invalidChoice').regex(/^[\w-]+$/, 'validation.invalidChoice')

/** A decision on a match (partner, staff). */
export const matchDecisionSchema = z.object({
  intent: z.literal('match'),
  decision: z.enum(['approve', 'reject', 'invite', 'dismiss'], { error: 'validation.invalidChoice' }),
  matchId: id,
})

/** An opinion on a match (partner, staff, firm). */
export const matchFeedbackSchema = z.object({
  intent: z.literal('feedback'),
  value: z.enum(['GOOD_MATCH', 'NOT_RELEVANT', 'CLEAR'], { error: 'validation.invalidChoice' }),
  matchId: id,
})
