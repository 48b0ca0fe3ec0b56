import { z } from '../shared/zod'
import { MAX_NAF_CODES, parseNafList } from '../naf/format'
import { optionalInt } from '../shared/fields'
import { normaliseTag } from '../shared/tags'
import { communeInseeSchema, revenueBands } from './schema'
import { departements, isDepartementCode, sortDepartementCodes } from './departements'

/**
 * The organisation profile editor (`/orgs/<slug>/edit`): one form per section, told apart by an
 * `intent` field. Pure: the same schemas validate in the browser and on the server; messages are
 * i18n keys. What needs the database or the NAF nomenclature (the commune exists, the codes
 * exist, at most 20 references) is checked by `profile.server.ts`.
 */

export const PROFILE_LIMITS = {
  name: 120,
  website: 300,
  description: 5000,
  offerings: 5000,
  skills: 30,
  skillLength: 40,
  labels: 10,
  labelLength: 60,
  nafCodes: MAX_NAF_CODES,
  references: 20,
  referenceTitle: 160,
  referenceDescription: 2000,
  referenceOutcome: 1000,
  charterResponseDays: { min: 5, max: 60, default: 15 },
  charterPaymentDays: { min: 15, max: 60, default: 30 },
  /** « Je me déplace jusqu’à … km » around the firm's commune. */
  interventionRadiusKm: { min: 1, max: 1000 },
} as const

/** Who the client of a reference was. Stored as these codes in `Reference.clientType`. */
export const clientTypes = ['LARGE_ACCOUNT', 'ETI', 'PME', 'PUBLIC_AUTHORITY', 'HEALTH_ESTABLISHMENT', 'OTHER'] as const
export type ClientType = (typeof clientTypes)[number]

/** Labels offered as suggestions (free text is accepted too); proper names, the same in every language. */
export const suggestedLabels = [
  'French Tech',
  'French Tech 2030',
  'Deeptech',
  'Entreprise innovante',
  'Jeune entreprise innovante (JEI)',
  'Numérique responsable',
  'B Corp',
  'Entreprise à mission',
  'ISO 27001',
  'Hébergeur de données de santé (HDS)',
  'Qualiopi',
] as const

export const profileIntents = ['general', 'expertise', 'intervention', 'reference-add', 'reference-update', 'reference-remove', 'charter'] as const
export type ProfileIntent = (typeof profileIntents)[number]

/** Sections that only firms have, and those that only partners have. */
export const firmOnlyIntents: readonly ProfileIntent[] = ['expertise', 'intervention', 'reference-add', 'reference-update', 'reference-remove']
export const partnerOnlyIntents: readonly ProfileIntent[] = ['charter']

export function intentFitsKind(intent: ProfileIntent, kind: 'PARTNER' | 'FIRM') {
  if (kind === 'FIRM') return !partnerOnlyIntents.includes(intent)
  return !firmOnlyIntents.includes(intent)
}

// ───────── fields ─────────

/** A text field: "required" when missing, "invalid" when it is not a single text (a repeated field). */
const textError = (issue: { input?: unknown }) => (issue.input === undefined ? 'validation.required' : 'profile.validation.invalidValue')

const optionalText = (max: number) =>
  z
    .string({ error: textError })
    .trim()
    .max(max, 'validation.tooLong')
    .optional()
    .transform((value) => value ?? '')

/** A year that is not in the future; the current year is read at each parse. */
const pastYear = (min: number) =>
  optionalInt(min, 9999).refine((year) => year === undefined || year <= new Date().getFullYear(), 'validation.tooLarge')

const websiteSchema = z
  .string({ error: textError })
  .trim()
  .max(PROFILE_LIMITS.website, 'validation.tooLong')
  .optional()
  .transform((value) => value || undefined)
  .pipe(z.url({ protocol: /^https?$/, error: 'validation.url' }).optional())

/** Tags as typed, one list: separated by commas, semicolons or line breaks, deduplicated ignoring case. */
export function splitTags(input: string | null | undefined, { keepCase = false } = {}) {
  const seen = new Set<string>()
  const tags: string[] = []
  for (const part of (input ?? '').split(/[,;\n]/)) {
    const tag = keepCase ? part.normalize('NFC').trim().replace(/\s+/g, ' ') : normaliseTag(part)
    const key = tag.toLowerCase()
    if (!tag || seen.has(key)) continue
    seen.add(key)
    tags.push(tag)
  }
  return tags
}

/**
 * A list of tags. Unlike `parseTags`, nothing is dropped silently: a tag too long or one too many
 * is reported next to the field.
 */
const tagListSchema = ({ max, maxLength, keepCase, tooMany }: { max: number; maxLength: number; keepCase: boolean; tooMany: string }) =>
  z
    .string({ error: textError })
    .max(max * (maxLength + 2) + 100, 'validation.tooLong')
    .optional()
    .transform((value) => splitTags(value, { keepCase }))
    .refine((tags) => tags.every((tag) => tag.length <= maxLength), 'profile.validation.tagTooLong')
    .refine((tags) => tags.length <= max, tooMany)

/** NAF sub-class codes, typed or picked: "62.01Z, 6202A" → ["62.01Z", "62.02A"]. */
export const nafCodesFieldSchema = z
  .string({ error: textError })
  .max(500, 'validation.tooLong')
  .optional()
  .transform((value) => parseNafList(value))
  .refine((list) => list.invalid.length === 0, 'validation.nafInvalid')
  .refine((list) => list.codes.length <= PROFILE_LIMITS.nafCodes, 'profile.validation.tooManyNafCodes')
  .transform((list) => list.codes)

const checkbox = z
  .union([z.literal('on'), z.literal('true'), z.boolean()], { error: 'validation.invalidChoice' })
  .optional()
  .transform((value) => value === true || value === 'on' || value === 'true')

const recordId = z
  .string({ error: 'validation.required' })
  .min(1, 'validation.required')
  .max(64, 'validation.invalidChoice')
  .regex(/^[\w-]+$/, 'validation.invalidChoice')

// ───────── sections ─────────

export const generalSectionSchema = z.object({
  intent: z.literal('general'),
  name: z
    .string({ error: textError })
    .trim()
    .min(2, 'validation.tooShort')
    .max(PROFILE_LIMITS.name, 'validation.tooLong'),
  website: websiteSchema,
  communeInsee: communeInseeSchema,
  headcount: optionalInt(1, 1_000_000),
  revenueBand: z.enum(revenueBands, { error: 'validation.invalidChoice' }).optional(),
  foundedYear: pastYear(1800),
  description: optionalText(PROFILE_LIMITS.description),
  offerings: optionalText(PROFILE_LIMITS.offerings),
})
export type GeneralSectionInput = z.output<typeof generalSectionSchema>

export const expertiseSectionSchema = z.object({
  intent: z.literal('expertise'),
  skills: tagListSchema({ max: PROFILE_LIMITS.skills, maxLength: PROFILE_LIMITS.skillLength, keepCase: false, tooMany: 'profile.validation.tooManySkills' }),
  nafCodes: nafCodesFieldSchema,
  labels: tagListSchema({ max: PROFILE_LIMITS.labels, maxLength: PROFILE_LIMITS.labelLength, keepCase: true, tooMany: 'profile.validation.tooManyLabels' }),
})
export type ExpertiseSectionInput = z.output<typeof expertiseSectionSchema>

/**
 * A firm's intervention area (« Zone d’intervention »): départements where it also takes on projects,
 * whatever the distance, and how far it travels from its commune. Both optional.
 */
export const interventionSectionSchema = z.object({
  intent: z.literal('intervention'),
  // Checkboxes: absent when none is ticked, a string when one is, a list otherwise.
  interventionDepartements: z
    .union([z.string(), z.array(z.string())], { error: 'validation.invalidChoice' })
    .optional()
    .transform((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]).map((code) => code.trim().toUpperCase()).filter(Boolean))
    .refine((codes) => codes.length <= departements.length, 'validation.tooMany')
    .refine((codes) => codes.every(isDepartementCode), 'profile.validation.departementUnknown')
    .transform(sortDepartementCodes),
  interventionRadiusKm: optionalInt(PROFILE_LIMITS.interventionRadiusKm.min, PROFILE_LIMITS.interventionRadiusKm.max),
})
export type InterventionSectionInput = z.output<typeof interventionSectionSchema>

const referenceFields = {
  title: z
    .string({ error: textError })
    .trim()
    .min(3, 'validation.tooShort')
    .max(PROFILE_LIMITS.referenceTitle, 'validation.tooLong'),
  description: optionalText(PROFILE_LIMITS.referenceDescription),
  clientType: z.enum(clientTypes, { error: 'validation.invalidChoice' }).optional(),
  year: pastYear(1950),
  outcome: optionalText(PROFILE_LIMITS.referenceOutcome),
}

export const addReferenceSchema = z.object({ intent: z.literal('reference-add'), ...referenceFields })
export const updateReferenceSchema = z.object({ intent: z.literal('reference-update'), referenceId: recordId, ...referenceFields })
export const removeReferenceSchema = z.object({ intent: z.literal('reference-remove'), referenceId: recordId })
export type ReferenceInput = Omit<z.output<typeof addReferenceSchema>, 'intent'>

export const charterSectionSchema = z.object({
  intent: z.literal('charter'),
  /** Required the first time (the service checks it); once accepted, the date stays. */
  acceptCharter: checkbox,
  responseDays: optionalInt(PROFILE_LIMITS.charterResponseDays.min, PROFILE_LIMITS.charterResponseDays.max),
  paymentDays: optionalInt(PROFILE_LIMITS.charterPaymentDays.min, PROFILE_LIMITS.charterPaymentDays.max),
})
export type CharterSectionInput = z.output<typeof charterSectionSchema>

/** Every form of the editor; the route parses with this one, each form validates with its own. */
export const profileActionSchema = z.discriminatedUnion(
  'intent',
  [generalSectionSchema, expertiseSectionSchema, interventionSectionSchema, addReferenceSchema, updateReferenceSchema, removeReferenceSchema, charterSectionSchema],
  { error: 'validation.invalidChoice' },
)
export type ProfileAction = z.output<typeof profileActionSchema>

// ───────── changes ─────────

/** The fields of a firm that matching reads (DESIGN.md §4); references count too. */
export const firmMatchingFields = [
  'description',
  'offerings',
  'skills',
  'nafCodes',
  'communeInsee',
  'headcount',
  'revenueBand',
  'foundedYear',
  'interventionDepartements',
  'interventionRadiusKm',
] as const

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, index) => sameValue(item, b[index]))
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime()
  return a === b
}

/** The keys of `next` whose value differs from `current` (arrays compared item by item, in order). */
export function changedFields<T extends Record<string, unknown>>(current: T, next: Partial<T>): Array<keyof T & string> {
  return (Object.keys(next) as Array<keyof T & string>).filter((key) => !sameValue(current[key], next[key]))
}

/** Whether a change to these fields must have matching re-score the firm. */
export function touchesFirmMatching(kind: 'PARTNER' | 'FIRM', fields: readonly string[]) {
  return kind === 'FIRM' && fields.some((field) => (firmMatchingFields as readonly string[]).includes(field))
}

// ───────── form defaults ─────────

const text = (value: number | string | null | undefined) => (value === null || value === undefined ? '' : String(value))

export function generalDefaults(organisation: {
  name: string
  website: string | null
  communeLabel: string | null
  headcount: number | null
  revenueBand: string | null
  foundedYear: number | null
  description: string
  offerings: string
}) {
  return {
    name: organisation.name,
    website: text(organisation.website),
    communeInsee: text(organisation.communeLabel),
    headcount: text(organisation.headcount),
    revenueBand: text(organisation.revenueBand),
    foundedYear: text(organisation.foundedYear),
    description: organisation.description,
    offerings: organisation.offerings,
  }
}

export function interventionDefaults(organisation: { interventionDepartements: string[]; interventionRadiusKm: number | null }) {
  return {
    interventionDepartements: organisation.interventionDepartements,
    interventionRadiusKm: text(organisation.interventionRadiusKm),
  }
}

export function expertiseDefaults(organisation: { skills: string[]; nafCodes: string[]; labels: string[] }) {
  return {
    skills: organisation.skills.join(', '),
    nafCodes: organisation.nafCodes.join(', '),
    labels: organisation.labels.join(', '),
  }
}

export function referenceDefaults(reference: {
  title: string
  description: string
  clientType: string | null
  year: number | null
  outcome: string | null
}) {
  return {
    title: reference.title,
    description: reference.description,
    clientType: (clientTypes as readonly string[]).includes(reference.clientType ?? '') ? reference.clientType! : '',
    year: text(reference.year),
    outcome: text(reference.outcome),
  }
}

/** The hub's usual delay when it is one a partner may commit to, else 15 days. */
export function defaultResponseDays(hubResponseDays: number | null | undefined) {
  const { min, max, default: fallback } = PROFILE_LIMITS.charterResponseDays
  return hubResponseDays !== null && hubResponseDays !== undefined && hubResponseDays >= min && hubResponseDays <= max ? hubResponseDays : fallback
}

export function charterDefaults(
  organisation: { charterResponseDays: number | null; charterPaymentDays: number | null },
  hubResponseDays: number | null = null,
) {
  return {
    responseDays: text(organisation.charterResponseDays ?? defaultResponseDays(hubResponseDays)),
    paymentDays: text(organisation.charterPaymentDays ?? PROFILE_LIMITS.charterPaymentDays.default),
  }
}
