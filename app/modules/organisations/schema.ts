import { z } from '../shared/zod'
import { optionalInt, recordId } from '../shared/fields'
import { emailSchema } from '../auth/schema'
import { parseTags } from '../shared/tags'
import { isValidSiren, normaliseSiren } from './siren'

export const orgKinds = ['PARTNER', 'FIRM'] as const
export const revenueBands = ['LT_1M', 'M1_2M', 'M2_5M', 'M5_10M', 'M10_50M', 'GT_50M'] as const
export const memberRoles = ['OWNER', 'ADMIN', 'MEMBER'] as const

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, 'validation.tooLong')
    .optional()
    .transform((value) => value ?? '')


export const sirenSchema = z
  .string({ error: 'validation.required' })
  .trim()
  .min(1, 'validation.required')
  .max(20, 'validation.sirenInvalid')
  .transform(normaliseSiren)
  .refine(isValidSiren, 'validation.sirenInvalid')

/**
 * A commune as typed: an INSEE code, a name or a suggestion label ("Meylan (38)"). The schema also
 * runs in the browser, so it checks the shape only; services resolve it (`resolveCommune`).
 */
export const communeInseeSchema = z
  .string({ error: 'validation.required' })
  .trim()
  .min(1, 'validation.required')
  .max(80, 'validation.communeUnknown')

export const nafCodeSchema = z.string().regex(/^\d{2}\.\d{2}[A-Z]$/, 'validation.nafInvalid')

export const tagsSchema = z
  .string()
  .max(2000, 'validation.tooLong')
  .optional()
  .transform((value) => parseTags(value))

export const nafListSchema = z
  .string()
  .max(500, 'validation.tooLong')
  .optional()
  .transform((value) =>
    (value ?? '')
      .split(/[,;\s]+/)
      .map((code) => code.trim().toUpperCase())
      .filter(Boolean),
  )
  // Messages on the field itself, not on one item of the list.
  .refine((codes) => codes.every((code) => nafCodeSchema.safeParse(code).success), 'validation.nafInvalid')
  .refine((codes) => codes.length <= 10, 'validation.tooMany')

export const createOrganisationSchema = z.object({
  kind: z.enum(orgKinds, { error: 'validation.invalidChoice' }),
  name: z.string({ error: 'validation.required' }).trim().min(2, 'validation.tooShort').max(120, 'validation.tooLong'),
  siren: sirenSchema,
  homeHubId: z.string({ error: 'validation.required' }).min(1, 'validation.required').max(64, 'validation.invalidChoice'),
  communeInsee: communeInseeSchema,
  headcount: optionalInt(1, 1_000_000),
  revenueBand: z.enum(revenueBands, { error: 'validation.invalidChoice' }).optional(),
  // The current year is read at each parse (a long-running process crosses New Year).
  foundedYear: optionalInt(1800, 9999).refine((year) => year === undefined || year <= new Date().getFullYear(), 'validation.tooLarge'),
  website: z
    .string()
    .trim()
    .max(300, 'validation.tooLong')
    .optional()
    .transform((value) => value || undefined)
    .pipe(z.url({ protocol: /^https?$/, error: 'validation.url' }).optional()),
  description: optionalText(5000),
  skills: tagsSchema,
  nafCodes: nafListSchema,
})
export type CreateOrganisationInput = z.output<typeof createOrganisationSchema>

export const inviteMemberSchema = z.object({
  email: emailSchema,
  role: z.enum(memberRoles, { error: 'validation.invalidChoice' }).default('MEMBER'),
})

export const moderateOrganisationSchema = z.object({
  organisationId: recordId,
  action: z.enum(['verify', 'reject', 'suspend', 'reinstate'], { error: 'validation.invalidChoice' }),
  reason: optionalText(1000),
})
