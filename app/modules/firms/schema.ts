import type { Commune } from '#app/modules/geo/communes'
import { lookupCommune } from '#app/modules/organisations/commune-input'
import { parseNafList } from '#app/modules/naf/format'
import { revenueBands } from '#app/modules/organisations/schema'
import { splitTags } from '#app/modules/organisations/profile-schema'
import { z } from '../shared/zod'

/** Firms per page of the directory. */
export const FIRM_DIRECTORY_PAGE_SIZE = 20
/** The largest radius around a commune, in kilometres (the sillon alpin is about 250 km long). */
export const MAX_DISTANCE_KM = 300
/** The longest note staff may leave with a recommendation. */
export const RECOMMENDATION_NOTE_MAX = 1_000

export type RevenueBandChoice = (typeof revenueBands)[number]

export interface FirmDirectoryFilters {
  /** Words of the name, the description or the offerings. */
  q?: string
  /** Skills the firm must all have (normalised like the profile's tags). */
  skills?: string[]
  /** NAF codes, any of them. */
  nafCodes?: string[]
  /** The commune distances are measured from (and sorted by). */
  commune?: Commune
  /** With a commune: at most this far, in km. */
  km?: number
  band?: RevenueBandChoice
  hubId?: string
  cohortId?: string
  groupId?: string
  sort?: 'name' | 'distance'
  page?: number
  /** Invitation or recommendation mode: the need the results are chosen for. */
  forNeedId?: string
}

const id = z.string().min(1).max(64, 'validation.invalidChoice').regex(/^[\w-]+$/, 'validation.invalidChoice')

/**
 * The directory's filters (query string), each checked on its own as on the needs list: a bad
 * value is reported next to its field and ignored, the others still apply.
 */
const filterFields = {
  q: z.string().trim().max(100, 'validation.tooLong'),
  skills: z.string().max(600, 'validation.tooLong'),
  naf: z.string().max(200, 'validation.tooLong'),
  commune: z.string().trim().max(80, 'validation.tooLong'),
  km: z.coerce.number({ error: 'validation.number' }).int('validation.integer').min(1, 'validation.tooSmall').max(MAX_DISTANCE_KM, 'validation.tooLarge'),
  band: z.enum(revenueBands, { error: 'validation.invalidChoice' }),
  hub: id,
  cohort: id,
  group: id,
  sort: z.enum(['name', 'distance'], { error: 'validation.invalidChoice' }),
  page: z.coerce.number({ error: 'validation.number' }).int('validation.integer').min(1, 'validation.tooSmall').max(1_000, 'validation.tooLarge'),
  for: id,
} as const

type FilterName = keyof typeof filterFields

export function parseFirmDirectoryFilters(params: URLSearchParams): { filters: FirmDirectoryFilters; errors: Record<string, string[]> } {
  const values: Partial<Record<FilterName, unknown>> = {}
  const errors: Record<string, string[]> = {}
  for (const [name, schema] of Object.entries(filterFields) as Array<[FilterName, z.ZodType]>) {
    const all = params.getAll(name)
    if (all.length === 0 || (all.length === 1 && all[0]!.trim() === '')) continue
    if (all.length > 1) {
      errors[name] = ['validation.invalidChoice']
      continue
    }
    const parsed = schema.safeParse(all[0])
    if (parsed.success) values[name] = parsed.data
    else errors[name] = [...new Set(parsed.error.issues.map((issue) => issue.message))]
  }
  const filters: FirmDirectoryFilters = {}
  if (values.q) filters.q = values.q as string
  if (values.skills !== undefined) {
    const skills = splitTags(values.skills as string)
    if (skills.length > 10) errors.skills = ['validation.tooMany']
    else if (skills.length) filters.skills = skills
  }
  if (values.naf !== undefined) {
    const { codes, invalid } = parseNafList(values.naf as string)
    if (invalid.length) errors.naf = ['validation.nafInvalid']
    else if (codes.length) filters.nafCodes = codes
  }
  if (values.commune !== undefined) {
    const { commune, error } = lookupCommune(values.commune as string)
    if (commune) filters.commune = commune
    else errors.commune = [error]
  }
  if (values.km !== undefined) {
    if (filters.commune) filters.km = values.km as number
    else if (!errors.commune) errors.km = ['firms.filters.kmNeedsCommune']
  }
  if (values.band) filters.band = values.band as RevenueBandChoice
  if (values.hub) filters.hubId = values.hub as string
  if (values.cohort) filters.cohortId = values.cohort as string
  if (values.group) filters.groupId = values.group as string
  if (values.sort) {
    if (values.sort === 'distance' && !filters.commune) errors.sort = ['firms.filters.distanceNeedsCommune']
    else filters.sort = values.sort as 'name' | 'distance'
  }
  if (values.page) filters.page = values.page as number
  if (values.for) filters.forNeedId = values.for as string
  return { filters, errors }
}

const requiredId = z.string({ error: 'validation.required' }).min(1, 'validation.required').max(64, 'validation.invalidChoice').regex(/^[\w-]+$/, 'validation.invalidChoice')
const slug = z.string({ error: 'validation.required' }).min(1, 'validation.required').max(100, 'validation.invalidChoice').regex(/^[\w-]+$/, 'validation.invalidChoice')

/** A partner invites a firm of the directory to one of its published needs. */
export const directoryInviteSchema = z.object({
  intent: z.literal('invite'),
  needId: requiredId,
  firm: slug,
})

/** Staff recommend a firm of their hub to a need's partner, with an optional note. */
export const recommendFirmSchema = z.object({
  intent: z.literal('recommend'),
  needId: requiredId,
  firm: slug,
  note: z
    .string()
    .trim()
    .max(RECOMMENDATION_NOTE_MAX, 'validation.tooLong')
    .optional()
    .transform((value) => value || undefined),
})

export const directoryActionSchema = z.discriminatedUnion('intent', [directoryInviteSchema, recommendFirmSchema])
export type DirectoryAction = z.infer<typeof directoryActionSchema>

/** The owner's choice: the firm does not appear in the directory. */
export const directoryVisibilitySchema = z.object({
  intent: z.literal('directory'),
  directoryHidden: z
    .union([z.literal('on'), z.literal('true'), z.literal('false'), z.literal('')])
    .optional()
    .transform((value) => value === 'on' || value === 'true'),
})
