import { z } from 'zod'
import { supportedLocales } from '#app/i18n/config'
import { canonicalTimeZone, isTimeZone } from '#app/modules/auth/schema'
import { CATEGORIES, CHANNELS, channelsAllowed, FREQUENCIES, type Category } from './preferences'

/**
 * The preference centre's form (/settings/notifications). Errors are i18n keys, shown next to
 * their field. Categories are optional here: a person sees (and posts) only those of their
 * persona; the service ignores the others.
 */
const channelSchema = z.enum(CHANNELS, { error: 'prefs.errors.channel' })

const wholeNumber = (min: number, max: number, message: string) =>
  z.number({ error: message }).int(message).min(min, message).max(max, message)

export const preferencesSchema = z.object({
  channels: z
    .object(Object.fromEntries(CATEGORIES.map((category) => [category, channelSchema.optional()])) as Record<Category, z.ZodOptional<typeof channelSchema>>)
    .default({} as Record<Category, undefined>)
    .superRefine((channels, ctx) => {
      for (const category of CATEGORIES) {
        const channel = channels[category]
        if (channel && !channelsAllowed(category).includes(channel)) ctx.addIssue({ code: 'custom', path: [category], message: 'prefs.errors.channel' })
      }
    }),
  minScore: wholeNumber(0, 100, 'prefs.errors.minScore'),
  digestFrequency: z.enum(FREQUENCIES, { error: 'prefs.errors.frequency' }),
  digestWeekday: wholeNumber(1, 7, 'prefs.errors.weekday'),
  digestHour: wholeNumber(0, 23, 'prefs.errors.hour'),
  timeZone: z
    .string({ error: 'validation.required' })
    .max(64, 'validation.tooLong')
    .refine(isTimeZone, 'account.errors.timeZone')
    .transform((value) => canonicalTimeZone(value)!),
  locale: z.enum(supportedLocales, { error: 'validation.invalidChoice' }),
})

export type PreferencesInput = z.output<typeof preferencesSchema>
