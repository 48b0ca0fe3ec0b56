import { z } from 'zod'
import { communeByInsee } from '#app/modules/geo/communes'
import type { FirmDoc, NeedDoc, RevenueBand } from '#app/modules/matching/engine/engine'

/**
 * The JSON file of `npm run matching:rank` (and of the eval set): `{ firms: [...], needs: [...] }`,
 * validated with zod. Every field but `id` may be missing or null. Revenue bands are written as
 * exported by the app (LT_1M, 1M_2M, 2M_5M, 5M_10M, 10M_50M, GT_50M); the Prisma names (M1_2M…)
 * are accepted too.
 */
const BAND_FROM_FILE: Record<string, RevenueBand> = {
  LT_1M: 'LT_1M',
  '1M_2M': 'M1_2M',
  '2M_5M': 'M2_5M',
  '5M_10M': 'M5_10M',
  '10M_50M': 'M10_50M',
  GT_50M: 'GT_50M',
  M1_2M: 'M1_2M',
  M2_5M: 'M2_5M',
  M5_10M: 'M5_10M',
  M10_50M: 'M10_50M',
}
const FILE_BANDS = ['LT_1M', '1M_2M', '2M_5M', '5M_10M', '10M_50M', 'GT_50M'] as const

const band = z.enum(Object.keys(BAND_FROM_FILE) as [string, ...string[]], { error: () => `expected one of ${FILE_BANDS.join(', ')}` })
const text = z.string().nullish()
const tags = z.array(z.string()).nullish()
const count = z.number().int().nonnegative().nullish()

const firmSchema = z.object({
  id: z.string().min(1, { error: 'expected a non-empty string' }),
  name: text,
  description: text,
  offerings: text,
  skills: tags,
  nafCodes: tags,
  communeInsee: text,
  headcount: count,
  revenueBand: band.nullish(),
  foundedYear: z.number().int().min(1800).max(2100).nullish(),
  references: z.array(z.object({ title: text, description: text })).nullish(),
  dealsWon: count,
  responsiveness: z.number().min(0).max(1).nullish(),
})

const needSchema = z.object({
  id: z.string().min(1, { error: 'expected a non-empty string' }),
  kind: z.enum(['PILOT', 'PROCUREMENT', 'CO_DEVELOPMENT', 'PROOF_OF_CONCEPT']).nullish(),
  title: text,
  summary: text,
  description: text,
  skills: tags,
  nafCodes: tags,
  communeInsee: text,
  radiusKm: z.number().positive().nullish(),
  remoteOk: z.boolean().nullish(),
  budgetMinEur: z.number().nonnegative().nullish(),
  budgetMaxEur: z.number().nonnegative().nullish(),
  deadline: z.iso.datetime({ offset: true, error: 'expected an ISO date-time' }).or(z.iso.date({ error: 'expected an ISO date' })).nullish(),
  eligibility: z
    .object({
      headcountMin: count,
      headcountMax: count,
      revenueBands: z.array(band).nullish(),
      minAgeYears: count,
    })
    .nullish(),
})

export const rankInputSchema = z.object({
  firms: z.array(firmSchema),
  needs: z.array(needSchema),
})

export type RankInput = z.infer<typeof rankInputSchema>

export type ParseResult = { ok: true; firms: FirmDoc[]; needs: NeedDoc[]; warnings: string[] } | { ok: false; errors: string[] }

const ARTICLE: Record<string, string> = { array: 'an array', object: 'an object', number: 'a number', string: 'a string', boolean: 'a boolean', int: 'an integer' }

function describe(value: unknown) {
  if (value === undefined) return 'nothing'
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  if (typeof value === 'string') return JSON.stringify(value.length > 30 ? `${value.slice(0, 30)}…` : value)
  if (typeof value === 'object') return 'an object'
  return String(value)
}

function valueAt(root: unknown, path: ReadonlyArray<PropertyKey>) {
  let value: unknown = root
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined
    value = (value as Record<PropertyKey, unknown>)[key]
  }
  return value
}

/** `firms[3] (id "f-12").headcount` */
export function formatPath(root: unknown, path: ReadonlyArray<PropertyKey>) {
  let label = ''
  path.forEach((key, position) => {
    if (typeof key === 'number') {
      label += `[${key}]`
      if (position === 1) {
        const id = valueAt(root, [...path.slice(0, 2), 'id'])
        if (typeof id === 'string' && id) label += ` (id ${JSON.stringify(id)})`
      }
    } else {
      label += label ? `.${String(key)}` : String(key)
    }
  })
  return label || '(file)'
}

function issueMessage(root: unknown, issue: z.core.$ZodIssue) {
  const got = describe(valueAt(root, issue.path))
  if (issue.code === 'invalid_type') {
    const expected = ARTICLE[issue.expected] ?? issue.expected
    return `expected ${expected}, got ${got}`
  }
  return `${issue.message} (got ${got})`
}

export function parseRankInput(json: unknown): ParseResult {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return { ok: false, errors: ['(file): expected a JSON object with "firms" and "needs" arrays'] }
  const parsed = rankInputSchema.safeParse(json)
  if (!parsed.success) {
    return { ok: false, errors: parsed.error.issues.slice(0, 20).map((issue) => `${formatPath(json, issue.path)}: ${issueMessage(json, issue)}`) }
  }
  const warnings: string[] = []
  const checkCommune = (collection: 'firms' | 'needs', position: number, insee: string | null | undefined) => {
    if (insee && !communeByInsee(insee)) warnings.push(`${formatPath(json, [collection, position, 'communeInsee'])}: unknown commune ${JSON.stringify(insee)}, distance ignored`)
  }
  const duplicates = (collection: 'firms' | 'needs', ids: string[]) => {
    const seen = new Set<string>()
    ids.forEach((id, position) => {
      if (seen.has(id)) warnings.push(`${formatPath(json, [collection, position])}: duplicate id, the last record wins`)
      seen.add(id)
    })
  }
  duplicates('firms', parsed.data.firms.map((firm) => firm.id))
  duplicates('needs', parsed.data.needs.map((need) => need.id))

  const firms: FirmDoc[] = parsed.data.firms.map((firm, position) => {
    checkCommune('firms', position, firm.communeInsee)
    return {
      ...firm,
      // Firms of the file are treated as verified and all in scope (the CLI ranks with hubScope 'all').
      verified: true,
      homeHubId: null,
      revenueBand: firm.revenueBand ? BAND_FROM_FILE[firm.revenueBand] : null,
    }
  })
  const needs: NeedDoc[] = parsed.data.needs.map((need, position) => {
    checkCommune('needs', position, need.communeInsee)
    return {
      ...need,
      eligibility: need.eligibility ? { ...need.eligibility, revenueBands: (need.eligibility.revenueBands ?? []).map((value) => BAND_FROM_FILE[value]) } : null,
    }
  })
  return { ok: true, firms, needs, warnings }
}
