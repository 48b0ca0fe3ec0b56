import type { DigestFrequency, NotificationCategory, NotificationChannel } from '#app/generated/prisma/enums'

/**
 * The preference centre's rules, pure: the categories a person may choose a channel for, the
 * defaults, and what a category's channel means. No I/O (preferences.server.ts reads and writes).
 */
export const CATEGORIES = ['RECOMMENDED', 'SAVED_SEARCH', 'MY_APPLICATIONS', 'MY_NEEDS', 'FOLLOWED_NEEDS', 'GROUP_NEEDS', 'STAFF_QUEUES', 'BILLING'] as const satisfies readonly NotificationCategory[]
export const CHANNELS = ['APP', 'EMAIL', 'DIGEST', 'OFF'] as const satisfies readonly NotificationChannel[]
export const FREQUENCIES = ['DAILY', 'WEEKLY', 'NEVER'] as const satisfies readonly DigestFrequency[]

export type Category = (typeof CATEGORIES)[number]
export type Channel = (typeof CHANNELS)[number]

/** Who the person is on the platform: which categories concern them. */
export interface Persona {
  firm: boolean
  partner: boolean
  staff: boolean
}

/**
 * The default channel of each category: what concerns one application or one need of the person
 * comes at once by e-mail; what is a stream (recommendations, alerts, queues) comes in the digest.
 */
export const DEFAULT_CHANNELS: Record<Category, Channel> = {
  RECOMMENDED: 'DIGEST',
  SAVED_SEARCH: 'DIGEST',
  MY_APPLICATIONS: 'EMAIL',
  MY_NEEDS: 'EMAIL',
  FOLLOWED_NEEDS: 'EMAIL',
  // A working group's needs and announcements are a stream: the digest (decision 0026).
  GROUP_NEEDS: 'DIGEST',
  STAFF_QUEUES: 'DIGEST',
  // The organisation's dues (issue 15): a payment received or failed, a renewal coming; at once by e-mail.
  BILLING: 'EMAIL',
}

export const DEFAULT_DIGEST = { frequency: 'DAILY', weekday: 1, hour: 8, minScore: 60, timeZone: 'Europe/Paris' } as const

/** A hub's digest defaults (Hub.digestFrequencyDefault, Hub.digestHourDefault). */
export interface HubDigestDefaults {
  frequency: DigestFrequency
  hour: number
}

export interface StoredDigest {
  digestFrequency: DigestFrequency
  digestWeekday: number
  digestHour: number
  /** Set when the person chose (preference centre, one-click unsubscribe); null: never chose. */
  digestChosenAt: Date | null
}

/**
 * Whether a stored row is the person's own choice of digest: they saved it (`digestChosenAt`), or it
 * holds something other than the platform's defaults (sign-up creates the row with those, so such
 * a row was changed by someone on purpose: an import, a former version, a test).
 */
export function digestWasChosen(row: StoredDigest | null): boolean {
  if (!row) return false
  if (row.digestChosenAt) return true
  return row.digestFrequency !== DEFAULT_DIGEST.frequency || row.digestHour !== DEFAULT_DIGEST.hour || row.digestWeekday !== DEFAULT_DIGEST.weekday
}

/**
 * The digest a person gets (decision 0022): their own choice when they made one; otherwise their
 * hub's defaults (frequency and hour; weekly digests on Mondays), and the platform's without a hub.
 * SQL twin: digests/due.server.ts (keep both in step).
 */
export function effectiveDigest(row: StoredDigest | null, hub: HubDigestDefaults | null): { frequency: DigestFrequency; weekday: number; hour: number; fromHub: boolean } {
  if (row && digestWasChosen(row)) return { frequency: row.digestFrequency, weekday: row.digestWeekday, hour: row.digestHour, fromHub: false }
  if (hub) return { frequency: hub.frequency, weekday: DEFAULT_DIGEST.weekday, hour: hub.hour, fromHub: true }
  return { frequency: DEFAULT_DIGEST.frequency, weekday: DEFAULT_DIGEST.weekday, hour: DEFAULT_DIGEST.hour, fromHub: false }
}

/** The categories shown to a person in the preference centre (the others never reach them). */
export function categoriesFor(persona: Persona): Category[] {
  return CATEGORIES.filter((category) => {
    switch (category) {
      case 'RECOMMENDED':
      case 'SAVED_SEARCH':
      case 'MY_APPLICATIONS':
        return persona.firm
      case 'MY_NEEDS':
        return persona.partner
      case 'FOLLOWED_NEEDS':
        // Whoever may follow a need: firms' members and hub staff (a partner's members never follow their own needs).
        return persona.firm || persona.staff
      case 'GROUP_NEEDS':
        // Organisations join working groups (firms and partners); staff post, they do not join.
        return persona.firm || persona.partner
      case 'STAFF_QUEUES':
        return persona.staff
      case 'BILLING':
        // The dues of the person's organisation (sent to its owners and admins).
        return persona.firm || persona.partner
    }
  })
}

/**
 * The channels a category may take. Recommended needs and staff queues are streams computed for
 * the digest only (no event announces them one by one): the digest, or nothing.
 */
export function channelsAllowed(category: Category): readonly Channel[] {
  return category === 'RECOMMENDED' || category === 'STAFF_QUEUES' ? ['DIGEST', 'OFF'] : CHANNELS
}

/** A category's channel: the person's choice, else the default. */
export function channelOf(category: Category, chosen: Partial<Record<Category, Channel>> = {}): Channel {
  return chosen[category] ?? DEFAULT_CHANNELS[category]
}

/** Whether a notification of that channel is shown in the app (every channel but OFF). */
export const showsInApp = (channel: Channel) => channel !== 'OFF'
