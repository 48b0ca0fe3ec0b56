import { z } from '../shared/zod'
import { recordId } from '../shared/fields'

/**
 * The staff's dues forms (/staff/dues, decision 0032). Errors are i18n keys of the `dues` pair,
 * shown next to their field. A checkbox left unticked is absent: false.
 */
const days = (min: number, max: number, message: string) =>
  z
    .string({ error: message })
    .trim()
    .min(1, message)
    .max(3, message)
    .regex(/^\d+$/, message)
    .transform(Number)
    .pipe(z.number().int(message).min(min, message).max(max, message))

export const GRACE_DAYS_MAX = 90
export const REMINDER_DAYS = { min: 1, max: 60 } as const

export const duesSettingsSchema = z.object({
  intent: z.literal('settings'),
  hubId: recordId,
  requiresDues: z.boolean().default(false),
  duesGraceDays: days(0, GRACE_DAYS_MAX, 'dues.settings.errors.graceDays'),
  duesReminderDays: days(REMINDER_DAYS.min, REMINDER_DAYS.max, 'dues.settings.errors.reminderDays'),
})
export type DuesSettingsInput = z.output<typeof duesSettingsSchema>

export const WAIVER_REASON = { min: 10, max: 500 } as const

export const waiveSchema = z.object({
  intent: z.literal('waive'),
  reason: z
    .string({ error: 'dues.waiver.errors.reason' })
    .transform((value) => value.replace(/\s+/g, ' ').trim())
    .pipe(z.string().min(WAIVER_REASON.min, 'dues.waiver.errors.reason').max(WAIVER_REASON.max, 'dues.waiver.errors.reason')),
  /** The last day of the waiver (YYYY-MM-DD), included; absent: until lifted. */
  until: z
    .string({ error: 'dues.waiver.errors.until' })
    .trim()
    .optional()
    .transform((value) => value || undefined)
    .pipe(
      z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/, 'dues.waiver.errors.until')
        .refine((value) => {
          const date = new Date(`${value}T00:00:00.000Z`)
          return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value && date.getUTCFullYear() < 2200
        }, 'dues.waiver.errors.until')
        .optional(),
    ),
})
export type WaiveInput = z.output<typeof waiveSchema>

export const unwaiveSchema = z.object({ intent: z.literal('unwaive') })

export const waiverActionSchema = z.discriminatedUnion('intent', [waiveSchema, unwaiveSchema])

/** The members' standing list's filter: a subscription status, or the waived ones. */
export const DUES_FILTERS = ['NONE', 'ACTIVE', 'PAST_DUE', 'CANCELED', 'WAIVED'] as const
export type DuesFilter = (typeof DUES_FILTERS)[number]

export function parseDuesFilters(params: URLSearchParams) {
  const status = params.get('status')
  const page = Number(params.get('page') ?? '1')
  return {
    status: (DUES_FILTERS as readonly string[]).includes(status ?? '') ? (status as DuesFilter) : null,
    page: Number.isInteger(page) && page > 0 && page < 10_000 ? page : 1,
    hubId: params.get('hub'),
  }
}

/** The waiver's last day, included: it ends at the end of that day (UTC). */
export function waiverEnd(day: string) {
  return new Date(`${day}T23:59:59.999Z`)
}
