import { z } from '../shared/zod'
import { recordId } from '../shared/fields'

/**
 * The staff directory's filters (read from the URL: a bad value is ignored, never an error page)
 * and the user administration form (decision 0023).
 */
export const DIRECTORY_PAGE_SIZE = 25
/** A CSV export holds every row of the filter, up to this many. */
export const DIRECTORY_CSV_CAP = 10_000

const orgStatuses = ['PENDING', 'VERIFIED', 'REJECTED', 'SUSPENDED'] as const
const orgKinds = ['PARTNER', 'FIRM'] as const

const text = z.string().trim().max(200).catch('')
const page = z.coerce.number().int().min(1).max(10_000).catch(1)

export const organisationFiltersSchema = z.object({
  q: text,
  status: z.enum(orgStatuses).optional().catch(undefined),
  kind: z.enum(orgKinds).optional().catch(undefined),
  hub: z.string().max(64).optional().catch(undefined),
  page,
})
export type OrganisationFilters = z.infer<typeof organisationFiltersSchema>

export const userFiltersSchema = z.object({ q: text, page })
export type UserFilters = z.infer<typeof userFiltersSchema>

export function parseFilters<S extends z.ZodType>(schema: S, params: URLSearchParams): z.infer<S> {
  const raw = Object.fromEntries([...params].filter(([, value]) => value !== ''))
  return schema.parse(raw)
}

export const userAdminSchema = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('disable'),
    userId: recordId,
    reason: z.string({ error: 'validation.reasonRequired' }).trim().min(1, 'validation.reasonRequired').max(500, 'validation.tooLong'),
  }),
  z.object({ intent: z.literal('enable'), userId: recordId }),
  z.object({ intent: z.literal('forceReset'), userId: recordId }),
])
export type UserAdminInput = z.infer<typeof userAdminSchema>
