import { z } from 'zod'

/**
 * The hub settings' forms (/staff/hub, hub administrators). Errors are i18n keys of the `audit`
 * pair, shown next to their field. Checkboxes left unticked are absent: false.
 */
const wholeNumber = (min: number, max: number, message: string) => z.number({ error: message }).int(message).min(min, message).max(max, message)

/** A hub's default digest: daily or weekly (a hub cannot switch its members' digest off). */
export const HUB_DIGEST_FREQUENCIES = ['DAILY', 'WEEKLY'] as const

export const hubSettingsSchema = z.object({
  intent: z.literal('settings'),
  hubId: z.string({ error: 'validation.required' }).min(1, 'validation.required').max(40, 'validation.tooLong'),
  charterResponseDays: wholeNumber(1, 90, 'audit.hub.errors.charterResponseDays'),
  requiresDues: z.boolean().default(false),
  digestFrequencyDefault: z.enum(HUB_DIGEST_FREQUENCIES, { error: 'audit.hub.errors.digestFrequency' }),
  digestHourDefault: wholeNumber(0, 23, 'audit.hub.errors.digestHour'),
  shareAnalytics: z.boolean().default(false),
  showCharterCompliance: z.boolean().default(false),
})
export type HubSettingsInput = z.output<typeof hubSettingsSchema>

export const NDA_TEXT_MAX = 20_000

export const ndaTextSchema = z.object({
  intent: z.literal('nda'),
  hubId: z.string({ error: 'validation.required' }).min(1, 'validation.required').max(40, 'validation.tooLong'),
  text: z
    .string({ error: 'audit.hub.errors.ndaText' })
    .transform((value) => value.replace(/\r\n?/g, '\n').trim())
    .pipe(z.string().min(50, 'audit.hub.errors.ndaText').max(NDA_TEXT_MAX, 'validation.tooLong')),
})
export type NdaTextInput = z.output<typeof ndaTextSchema>

export const hubActionSchema = z.discriminatedUnion('intent', [hubSettingsSchema, ndaTextSchema])
