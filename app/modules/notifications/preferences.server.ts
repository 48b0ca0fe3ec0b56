import type { DigestFrequency } from '#app/generated/prisma/enums'
import { writeAudit } from '#app/modules/audit/audit.server'
import type { Actor } from '#app/modules/policy/policy'
import { prisma, transaction, type DbClient } from '#app/utils/db.server'
import type { PreferencesInput } from './preferences-schema'
import { categoriesFor, channelOf, DEFAULT_CHANNELS, DEFAULT_DIGEST, digestWasChosen, effectiveDigest, type Category, type Channel, type HubDigestDefaults, type Persona } from './preferences'
import type { UnsubscribeScope } from './unsubscribe'

/**
 * The preference centre (/settings/notifications) and the one-click unsubscribe (/unsubscribe).
 * No row means the defaults of preferences.ts: a channel equal to its default is stored as no row,
 * so that the page says "par défaut" honestly and a better default later reaches everyone who
 * never chose.
 */

/** Who the person is: a member of a firm, of a corporate partner, hub staff (several at once is possible). */
export function personaOf(actor: Pick<Actor, 'memberships' | 'staffRoles'>): Persona {
  return {
    firm: actor.memberships.some((membership) => membership.organisation.kind === 'FIRM'),
    partner: actor.memberships.some((membership) => membership.organisation.kind === 'PARTNER'),
    staff: actor.staffRoles.length > 0,
  }
}

const MAX_SAVED_SEARCHES_SHOWN = 20

/**
 * The digest defaults of a person's hub (decision 0022): the home hub of their first organisation
 * (by membership date), else the hub of their first staff role; null without any. The digest pass
 * uses the same rule in SQL (digests/due.server.ts).
 */
export async function hubDigestDefaultsFor(db: DbClient, userId: string): Promise<HubDigestDefaults | null> {
  const select = { digestFrequencyDefault: true, digestHourDefault: true } as const
  const membership = await db.membership.findFirst({
    where: { userId },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: { organisation: { select: { homeHub: { select } } } },
  })
  const hub = membership?.organisation.homeHub ?? (await db.staffRole.findFirst({ where: { userId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], select: { hub: { select } } }))?.hub
  return hub ? { frequency: hub.digestFrequencyDefault, hour: hub.digestHourDefault } : null
}

/** What the page shows: each category of the persona with its channel (and whether it is the default), the digest, zone and language. */
export async function loadPreferences(actor: Actor) {
  const persona = personaOf(actor)
  const categories = categoriesFor(persona)
  const [user, preference, settings, savedSearches, hubDefaults] = await Promise.all([
    prisma.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { timeZone: true, locale: true } }),
    prisma.notificationPreference.findUnique({ where: { userId: actor.userId } }),
    prisma.notificationSetting.findMany({ where: { userId: actor.userId }, select: { category: true, channel: true } }),
    persona.firm
      ? prisma.savedSearch.findMany({
          where: { userId: actor.userId, alert: true },
          orderBy: { createdAt: 'desc' },
          take: MAX_SAVED_SEARCHES_SHOWN,
          select: { id: true, name: true, query: true },
        })
      : Promise.resolve([]),
    hubDigestDefaultsFor(prisma, actor.userId),
  ])
  const digest = effectiveDigest(preference, hubDefaults)
  const chosen = new Map(settings.map((row) => [row.category as Category, row.channel as Channel]))
  return {
    persona,
    categories: categories.map((category) => ({
      category,
      channel: channelOf(category, Object.fromEntries(chosen)),
      isDefault: !chosen.has(category),
      defaultChannel: DEFAULT_CHANNELS[category],
    })),
    digest: {
      // Never chosen: the hub's defaults (or the platform's) apply, and follow the hub's changes.
      isDefault: !digestWasChosen(preference) && (preference?.minScore ?? DEFAULT_DIGEST.minScore) === DEFAULT_DIGEST.minScore,
      frequency: digest.frequency,
      weekday: digest.weekday,
      hour: digest.hour,
      minScore: preference?.minScore ?? DEFAULT_DIGEST.minScore,
    },
    timeZone: user.timeZone,
    locale: user.locale,
    savedSearches: savedSearches.map((search) => ({ id: search.id, name: search.name, query: String(search.query) })),
  }
}

export type LoadedPreferences = Awaited<ReturnType<typeof loadPreferences>>

/**
 * Saves the whole form in one transaction, with an audit row. Only the categories of the person's
 * persona are written (others posted are ignored). A choice made here ends any pending "undo" of
 * a one-click unsubscribe (previous* cleared): the person has decided.
 */
export async function savePreferences(actor: Actor, input: PreferencesInput, requestId?: string) {
  const userId = actor.userId
  const categories = categoriesFor(personaOf(actor))
  await transaction(async ({ db }) => {
    const [user, preference, settings, hubDefaults] = await Promise.all([
      db.user.findUniqueOrThrow({ where: { id: userId }, select: { timeZone: true, locale: true } }),
      db.notificationPreference.findUnique({ where: { userId } }),
      db.notificationSetting.findMany({ where: { userId }, select: { category: true, channel: true } }),
      hubDigestDefaultsFor(db, userId),
    ])
    const before = {
      timeZone: user.timeZone,
      locale: user.locale,
      digest: preference
        ? { frequency: preference.digestFrequency, weekday: preference.digestWeekday, hour: preference.digestHour, minScore: preference.minScore }
        : 'default',
      channels: Object.fromEntries(settings.map((row) => [row.category, row.channel])),
    }
    const channels: Partial<Record<Category, Channel>> = {}
    for (const category of categories) {
      const channel = input.channels[category]
      if (!channel) continue
      channels[category] = channel
      if (channel === DEFAULT_CHANNELS[category]) {
        await db.notificationSetting.deleteMany({ where: { userId, category } })
      } else {
        await db.notificationSetting.upsert({
          where: { userId_category: { userId, category } },
          create: { userId, category, channel },
          update: { channel, previousChannel: null },
        })
      }
    }
    // A save that leaves the digest as the page showed it (the hub's defaults) is no choice: the
    // person keeps following the hub's defaults (decision 0022). Any other value is their choice.
    const shown = effectiveDigest(preference, hubDefaults)
    const choosesDigest =
      digestWasChosen(preference) || input.digestFrequency !== shown.frequency || input.digestHour !== shown.hour || (input.digestFrequency === 'WEEKLY' && input.digestWeekday !== shown.weekday)
    if (choosesDigest) {
      const digest = { digestFrequency: input.digestFrequency, digestWeekday: input.digestWeekday, digestHour: input.digestHour, minScore: input.minScore, digestChosenAt: new Date() }
      await db.notificationPreference.upsert({
        where: { userId },
        create: { userId, ...digest },
        update: { ...digest, previousDigestFrequency: null },
      })
    } else if (preference || input.minScore !== DEFAULT_DIGEST.minScore) {
      await db.notificationPreference.upsert({
        where: { userId },
        create: { userId, minScore: input.minScore },
        update: { minScore: input.minScore, previousDigestFrequency: null },
      })
    }
    await db.user.update({ where: { id: userId }, data: { timeZone: input.timeZone, locale: input.locale } })
    await writeAudit(db, {
      actorId: userId,
      action: 'user.notification-preferences-update',
      target: { type: 'User', id: userId },
      before,
      after: { timeZone: input.timeZone, locale: input.locale, digest: { frequency: input.digestFrequency, weekday: input.digestWeekday, hour: input.digestHour, minScore: input.minScore }, channels },
      requestId,
    })
  })
}

// ───────── one-click unsubscribe ─────────

export type UnsubscribeState = 'unsubscribed' | 'subscribed'

async function stateOf(db: DbClient, userId: string, scope: UnsubscribeScope): Promise<UnsubscribeState> {
  if (scope === 'DIGEST') {
    const preference = await db.notificationPreference.findUnique({ where: { userId }, select: { digestFrequency: true } })
    return (preference?.digestFrequency ?? DEFAULT_DIGEST.frequency) === 'NEVER' ? 'unsubscribed' : 'subscribed'
  }
  const setting = await db.notificationSetting.findUnique({ where: { userId_category: { userId, category: scope } }, select: { channel: true } })
  return channelOf(scope, setting ? { [scope]: setting.channel as Channel } : {}) === 'OFF' ? 'unsubscribed' : 'subscribed'
}

/**
 * What the confirmation page shows for a link: whether its scope is unsubscribed, and whether an
 * "undo" would bring something back (a former value kept by a one-click unsubscribe). A valid
 * link of an account since deleted reads as unsubscribed: nothing is sent to nobody.
 */
export async function unsubscribeStatus(userId: string, scope: UnsubscribeScope): Promise<{ state: UnsubscribeState; canUndo: boolean }> {
  const user = await prisma.user.findUnique({
    where: { id: userId },
    select: {
      notificationPreference: { select: { digestFrequency: true, previousDigestFrequency: true } },
      notificationSettings: { where: { category: scope === 'DIGEST' ? undefined : scope }, select: { category: true, channel: true, previousChannel: true } },
    },
  })
  if (!user) return { state: 'unsubscribed', canUndo: false }
  if (scope === 'DIGEST') {
    const preference = user.notificationPreference
    const off = (preference?.digestFrequency ?? DEFAULT_DIGEST.frequency) === 'NEVER'
    return { state: off ? 'unsubscribed' : 'subscribed', canUndo: off && Boolean(preference?.previousDigestFrequency) }
  }
  const setting = user.notificationSettings.find((row) => row.category === scope)
  const off = channelOf(scope, setting ? { [scope]: setting.channel as Channel } : {}) === 'OFF'
  return { state: off ? 'unsubscribed' : 'subscribed', canUndo: off && Boolean(setting?.previousChannel) }
}

/**
 * Applies a one-click unsubscribe (the token already verified): the digest stops (frequency NEVER)
 * or the category is OFF, the former value kept for the undo. Idempotent: a second unsubscribe
 * keeps the first former value. A valid token of an account since deleted does nothing.
 */
export async function unsubscribe(userId: string, scope: UnsubscribeScope, requestId?: string): Promise<UnsubscribeState> {
  return transaction<UnsubscribeState>(async ({ db }) => {
    // Serialises an unsubscribe and its undo for one user (the row stays as it is).
    const locked = await db.$queryRaw<Array<{ id: string }>>`SELECT id FROM "User" WHERE id = ${userId} FOR UPDATE`
    if (locked.length === 0) return 'unsubscribed'
    if (scope === 'DIGEST') {
      const preference = await db.notificationPreference.findUnique({ where: { userId }, select: { digestFrequency: true, digestWeekday: true, digestHour: true, digestChosenAt: true } })
      const shown = effectiveDigest(preference, await hubDigestDefaultsFor(db, userId))
      const current: DigestFrequency = shown.frequency
      if (current === 'NEVER') return 'unsubscribed'
      // A choice: the hub's defaults no longer apply (the undo brings back the digest as it was).
      const chosen = { digestFrequency: 'NEVER' as const, previousDigestFrequency: current, digestWeekday: shown.weekday, digestHour: shown.hour, digestChosenAt: new Date() }
      await db.notificationPreference.upsert({
        where: { userId },
        create: { userId, ...chosen },
        update: chosen,
      })
      await writeAudit(db, { actorId: userId, action: 'user.unsubscribe', target: { type: 'User', id: userId }, before: { scope, frequency: current }, after: { scope, frequency: 'NEVER' }, requestId })
      return 'unsubscribed'
    }
    const setting = await db.notificationSetting.findUnique({ where: { userId_category: { userId, category: scope } }, select: { channel: true } })
    const current = channelOf(scope, setting ? { [scope]: setting.channel as Channel } : {})
    if (current === 'OFF') return 'unsubscribed'
    await db.notificationSetting.upsert({
      where: { userId_category: { userId, category: scope } },
      create: { userId, category: scope, channel: 'OFF', previousChannel: current },
      update: { channel: 'OFF', previousChannel: current },
    })
    await writeAudit(db, { actorId: userId, action: 'user.unsubscribe', target: { type: 'User', id: userId }, before: { scope, channel: current }, after: { scope, channel: 'OFF' }, requestId })
    return 'unsubscribed'
  })
}

/**
 * The "Annuler" of the confirmation page: the former frequency or channel comes back. Does
 * nothing when there is nothing to undo (already undone, or changed since in the preference centre).
 */
export async function undoUnsubscribe(userId: string, scope: UnsubscribeScope, requestId?: string): Promise<UnsubscribeState> {
  return transaction<UnsubscribeState>(async ({ db }) => {
    const locked = await db.$queryRaw<Array<{ id: string }>>`SELECT id FROM "User" WHERE id = ${userId} FOR UPDATE`
    if (locked.length === 0) return 'unsubscribed'
    if (scope === 'DIGEST') {
      const preference = await db.notificationPreference.findUnique({ where: { userId }, select: { digestFrequency: true, previousDigestFrequency: true } })
      const previous = preference?.previousDigestFrequency
      if (preference?.digestFrequency !== 'NEVER' || !previous) return stateOf(db, userId, scope)
      await db.notificationPreference.update({ where: { userId }, data: { digestFrequency: previous, previousDigestFrequency: null } })
      await writeAudit(db, { actorId: userId, action: 'user.unsubscribe-undo', target: { type: 'User', id: userId }, before: { scope, frequency: 'NEVER' }, after: { scope, frequency: previous }, requestId })
      return stateOf(db, userId, scope)
    }
    const setting = await db.notificationSetting.findUnique({ where: { userId_category: { userId, category: scope } }, select: { channel: true, previousChannel: true } })
    const previous = setting?.previousChannel as Channel | null | undefined
    if (setting?.channel !== 'OFF' || !previous) return stateOf(db, userId, scope)
    // Back to the default: no row, as if the person had never chosen.
    if (previous === DEFAULT_CHANNELS[scope]) await db.notificationSetting.delete({ where: { userId_category: { userId, category: scope } } })
    else await db.notificationSetting.update({ where: { userId_category: { userId, category: scope } }, data: { channel: previous, previousChannel: null } })
    await writeAudit(db, { actorId: userId, action: 'user.unsubscribe-undo', target: { type: 'User', id: userId }, before: { scope, channel: 'OFF' }, after: { scope, channel: previous }, requestId })
    return stateOf(db, userId, scope)
  })
}
