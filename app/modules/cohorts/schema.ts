import { z } from '../shared/zod'
import { recordId, requiredInt } from '../shared/fields'
import { revenueBands } from '../organisations/schema'

/** The staff's firm picker shows at most this many firms (the page says so, hence here: the browser needs it). */
export const PICKER_LIMIT = 200

/** A calendar date from a date input (YYYY-MM-DD), kept as midnight UTC; "" means none. */
const optionalDay = z
  .string({ error: 'validation.date' })
  .trim()
  .max(10, 'validation.date')
  .optional()
  .transform((value) => value || undefined)
  .pipe(
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'validation.date')
      // 2026-02-31 would silently become 3 March: the date must read back as typed.
      .refine((value) => {
        const date = new Date(`${value}T00:00:00.000Z`)
        return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value && date.getUTCFullYear() > 1999 && date.getUTCFullYear() < 2200
      }, 'validation.date')
      .transform((value) => new Date(`${value}T00:00:00.000Z`))
      .optional(),
  )

const text = (min: number, max: number, tooShort = 'validation.tooShort') =>
  z
    .string({ error: 'validation.required' })
    .trim()
    .min(1, 'validation.required')
    .min(min, tooShort)
    .max(max, 'validation.tooLong')

const cohortFields = {
  name: text(3, 120),
  programme: z.string().trim().max(120, 'validation.tooLong').optional().default(''),
  description: z.string().trim().max(4000, 'validation.tooLong').optional().default(''),
  year: requiredInt(2000, 2199),
  startsOn: optionalDay,
  endsOn: optionalDay,
  targetEur: requiredInt(0, 100_000_000),
  targetPilots: requiredInt(0, 1000),
}

function datesInOrder(value: { startsOn?: Date; endsOn?: Date }, context: z.RefinementCtx) {
  if (value.startsOn && value.endsOn && value.endsOn.getTime() < value.startsOn.getTime()) {
    context.addIssue({ code: 'custom', path: ['endsOn'], message: 'cohorts.validation.endBeforeStart' })
  }
}

/** The cohort form, to create one in a hub. Amounts in whole euros. */
export const createCohortSchema = z.object({ intent: z.literal('create'), hubId: recordId, ...cohortFields }).superRefine(datesInOrder)

/** The same form, to edit a cohort. */
export const updateCohortSchema = z.object({ intent: z.literal('update'), ...cohortFields }).superRefine(datesInOrder)

export type CohortFields = Omit<z.infer<typeof updateCohortSchema>, 'intent'>

export const cohortFirmSchema = z.object({
  intent: z.enum(['add', 'remove'], { error: 'validation.invalidChoice' }),
  organisationId: z.string({ error: 'cohorts.validation.chooseFirm' }).trim().min(1, 'cohorts.validation.chooseFirm').max(64, 'validation.invalidChoice').regex(/^[\w-]+$/, 'validation.invalidChoice'),
})

export const archiveCohortSchema = z.object({ intent: z.literal('archive') })

/** The firm picker's filter: `?band=` one band, `all`, or the accelerators' bands (default). */
export const pickerBandValues = ['accelerator', 'all', ...revenueBands] as const
export type PickerBand = (typeof pickerBandValues)[number]

export function parsePickerBand(value: string | null): PickerBand {
  return (pickerBandValues as readonly string[]).includes(value ?? '') ? (value as PickerBand) : 'accelerator'
}
