import { pitchNotificationsRefused } from '#app/modules/pitches/digest.server'
import { Prisma } from '#app/generated/prisma/client'
import { getT, translateKey } from '#app/i18n/translate'
import { applicationVisibilitySql } from '#app/modules/applications/visibility.server'
import { ALGORITHM_VERSION } from '#app/modules/matching/engine/config'
import { listModerationQueue, listNeedsForActor } from '#app/modules/needs/queries.server'
import { parseNeedFilters } from '#app/modules/needs/schema'
import { firmNeedAccessSql, needVisibilitySql } from '#app/modules/needs/visibility.server'
import { notificationKey } from '#app/modules/notifications/kinds'
import { channelOf, type Category, type Channel } from '#app/modules/notifications/preferences'
import { staffHubIds, verifiedOrganisations, type Actor } from '#app/modules/policy/policy'
import { prisma } from '#app/utils/db.server'
import type { DueUser } from './due.server'
import { emptyDigest, ITEMS_PER_SECTION, type DigestAlert, type DigestModel, type DigestNeed, type StaffCounts } from './model'
import { safeTimeZone } from './period'

/**
 * The digests of a batch of due users, built with set-based queries (one per section for the
 * whole batch where the rule allows; per user only for the few with saved-search alerts, updates
 * or staff roles), each item checked at build time against the page rule of the person it goes to.
 */

/** Recommended needs kept per person and digest (shown: the first five; the rest counted and announced). */
const MAX_RECOMMENDED = 100
const DEADLINE_WINDOW_MS = 3 * 24 * 3600 * 1000
const UPDATE_CATEGORIES = ['MY_APPLICATIONS', 'MY_NEEDS', 'FOLLOWED_NEEDS', 'GROUP_NEEDS', 'BILLING'] as const satisfies readonly Category[]

/** A dues notice (BILLING, decision 0032) is kept while the person still manages its organisation's dues (owner or admin). */
function managesDuesOf(actor: Actor, payload: unknown) {
  const organisationId = typeof payload === 'object' && payload !== null ? (payload as { organisationId?: unknown }).organisationId : undefined
  return actor.memberships.some((membership) => membership.organisationId === organisationId && (membership.role === 'OWNER' || membership.role === 'ADMIN'))
}

interface Context {
  at: Date
  asOf: Date
  users: DueUser[]
  actors: Map<string, Actor>
  channels: Map<string, Partial<Record<Category, Channel>>>
  minScores: Map<string, number>
  since: Map<string, Date>
}

/** Runs `work` over items, a few at a time (per-user queries of a batch). */
async function eachLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await work(items[next++]!)
    }),
  )
}

function channel(context: Context, userId: string, category: Category) {
  return channelOf(category, context.channels.get(userId))
}

/** (user, verified firm, firm's home hub) rows of the batch: the columns the per-firm rule reads. */
function firmRows(context: Context, userIds: string[]) {
  const users: string[] = []
  const firms: string[] = []
  const hubs: string[] = []
  const minScores: number[] = []
  for (const userId of userIds) {
    for (const firm of verifiedOrganisations(context.actors.get(userId) ?? null, 'FIRM')) {
      users.push(userId)
      firms.push(firm.organisationId)
      hubs.push(firm.organisation.homeHubId)
      minScores.push(context.minScores.get(userId) ?? 60)
    }
  }
  return { users, firms, hubs, minScores }
}

const unnestFirms = (rows: ReturnType<typeof firmRows>) =>
  Prisma.sql`unnest(${rows.users}::text[], ${rows.firms}::text[], ${rows.hubs}::text[], ${rows.minScores}::int[]) AS u("userId", "firmId", "hubId", "minScore")`

const firmAccess = () =>
  firmNeedAccessSql('n', { firmId: Prisma.sql`u."firmId"`, hubId: Prisma.sql`u."hubId"`, userId: Prisma.sql`u."userId"` })

/**
 * a. Recommended needs: the current, not dismissed matches of the person's verified firms from
 * their minimum score, need PUBLISHED and open, not yet announced to them, that the firm's page
 * shows in full — curated or confidential needs only once the firm is invited (as
 * `recommendedNeedsFor`). Best first, one query for the batch.
 */
async function recommended(context: Context): Promise<Map<string, DigestNeed[]>> {
  const userIds = context.users.map((user) => user.userId).filter((userId) => channel(context, userId, 'RECOMMENDED') === 'DIGEST')
  const rows = firmRows(context, userIds)
  if (rows.users.length === 0) return new Map()
  const found = await prisma.$queryRaw<Array<DigestNeed & { userId: string }>>`
    WITH candidates AS (
      SELECT DISTINCT ON (u."userId", n.id) u."userId", n.id AS "needId", m.score, n.title, p.name AS "partnerName", n.deadline
      FROM ${unnestFirms(rows)}
      JOIN "Match" m ON m."firmId" = u."firmId" AND m."algorithmVersion" = ${ALGORITHM_VERSION} AND m.score >= u."minScore"
      JOIN "Need" n ON n.id = m."needId"
      JOIN "Organisation" p ON p.id = n."partnerId"
      WHERE n.status = 'PUBLISHED' AND (n.deadline IS NULL OR n.deadline > ${context.asOf})
        AND NOT EXISTS (SELECT 1 FROM "MatchFeedback" f WHERE f."matchId" = m.id AND f.side = 'FIRM' AND f.value = 'NOT_RELEVANT')
        AND NOT EXISTS (SELECT 1 FROM "DigestItem" di WHERE di."userId" = u."userId" AND di."needId" = n.id)
        AND ((n."matchingMode" = 'OPEN' AND n.visibility <> 'INVITE_ONLY') OR m.status = 'INVITED')
        AND ${firmAccess().full}
      ORDER BY u."userId", n.id, m.score DESC
    )
    SELECT "userId", "needId", score, title, "partnerName", deadline FROM (
      SELECT c.*, row_number() OVER (PARTITION BY c."userId" ORDER BY c.score DESC, c."needId") AS rank FROM candidates c
    ) ranked
    WHERE rank <= ${MAX_RECOMMENDED}
    ORDER BY "userId", rank`
  const byUser = new Map<string, DigestNeed[]>()
  for (const { userId, ...need } of found) {
    const list = byUser.get(userId) ?? []
    list.push(need)
    byUser.set(userId, list)
  }
  return byUser
}

/**
 * b. Saved-search alerts: for each search with alerts on, the needs published since the last
 * digest (and since the search was saved), not yet announced, through the /needs list's own query
 * (`listNeedsForActor` with the saved filters), in full view only. Per person: they are few.
 */
async function alerts(context: Context): Promise<Map<string, DigestAlert[]>> {
  const userIds = context.users.map((user) => user.userId).filter((userId) => channel(context, userId, 'SAVED_SEARCH') === 'DIGEST')
  if (userIds.length === 0) return new Map()
  const searches = await prisma.savedSearch.findMany({
    where: { userId: { in: userIds }, alert: true },
    orderBy: [{ userId: 'asc' }, { createdAt: 'asc' }],
    select: { id: true, userId: true, name: true, query: true, createdAt: true },
  })
  const byUser = new Map<string, typeof searches>()
  for (const search of searches) byUser.set(search.userId, [...(byUser.get(search.userId) ?? []), search])
  const result = new Map<string, DigestAlert[]>()
  await eachLimited([...byUser], 4, async ([userId, userSearches]) => {
    const actor = context.actors.get(userId)
    if (!actor) return
    const since = context.since.get(userId)
    const alertsOfUser: DigestAlert[] = []
    for (const search of userSearches) {
      const query = typeof search.query === 'string' ? search.query : ''
      const { filters } = parseNeedFilters(new URLSearchParams(query))
      const publishedAfter = since && since > search.createdAt ? since : search.createdAt
      const list = await listNeedsForActor(
        actor,
        { ...filters, status: 'PUBLISHED', page: 1 },
        { publishedAfter, notAnnouncedTo: userId, fullOnly: true },
      )
      const items = list.needs
        .filter((need) => !need.deadline || need.deadline > context.asOf)
        .map((need) => ({ needId: need.id, title: need.title, partnerName: need.partnerName, deadline: need.deadline }))
      if (items.length > 0) alertsOfUser.push({ searchId: search.id, name: search.name, query, items, total: Math.max(list.total, items.length) })
    }
    if (alertsOfUser.length) result.set(userId, alertsOfUser)
  })
  return result
}

/**
 * c. Updates: the person's in-app notifications of the DIGEST-channel categories since the last
 * digest, kept only when they may still open the need and the application they are about.
 */
async function updates(context: Context): Promise<Map<string, { items: DigestModel['updates']['items']; total: number }>> {
  const wanted = new Map<string, Category[]>()
  for (const { userId } of context.users) {
    const categories = UPDATE_CATEGORIES.filter((category) => channel(context, userId, category) === 'DIGEST')
    if (categories.length) wanted.set(userId, categories)
  }
  if (wanted.size === 0) return new Map()
  const userIds = [...wanted.keys()]
  const since = userIds.map((userId) => context.since.get(userId) ?? new Date(context.asOf.getTime() - windowMs(context, userId)))
  const rows = await prisma.$queryRaw<Array<{ id: string; userId: string; kind: string; payload: unknown; link: string | null; category: Category; needId: string | null; applicationId: string | null; createdAt: Date }>>`
    SELECT nt.id, nt."userId", nt.kind, nt.payload, nt.link, nt.category::text AS category, nt."needId", nt."applicationId", nt."createdAt"
    FROM unnest(${userIds}::text[], ${since}::timestamptz[]) AS s("userId", since)
    JOIN "Notification" nt ON nt."userId" = s."userId" AND nt."createdAt" > s.since AND nt."createdAt" <= ${context.asOf}
    WHERE nt.category::text = ANY(${[...UPDATE_CATEGORIES]})
    ORDER BY nt."userId", nt."createdAt" DESC`
  const byUser = new Map<string, typeof rows>()
  for (const row of rows) {
    if (!wanted.get(row.userId)?.includes(row.category)) continue
    byUser.set(row.userId, [...(byUser.get(row.userId) ?? []), row])
  }
  const result = new Map<string, { items: DigestModel['updates']['items']; total: number }>()
  await eachLimited([...byUser], 4, async ([userId, candidates]) => {
    const actor = context.actors.get(userId)
    if (!actor) return
    // Asked again now: the person may have lost access since the notification was written.
    const needRule = needVisibilitySql(actor, 'n')
    // An answer on a followed need is read on the full page (its questions); a teaser does not show them.
    const allowed = await prisma.$queryRaw<Array<{ id: string }>>`
      SELECT nt.id FROM "Notification" nt
      LEFT JOIN "Need" n ON n.id = nt."needId"
      LEFT JOIN "Application" a ON a.id = nt."applicationId"
      LEFT JOIN "Need" an ON an.id = a."needId"
      WHERE nt.id = ANY(${candidates.map((row) => row.id)})
        AND (nt."needId" IS NULL OR (n.id IS NOT NULL AND ${needRule.visible} AND (nt.category <> 'FOLLOWED_NEEDS' OR NOT ${needRule.teaser})))
        AND (nt."applicationId" IS NULL OR (a.id IS NOT NULL AND ${applicationVisibilitySql(actor, 'a', 'an')}))`
    const ok = new Set(allowed.map((row) => row.id))
    // Issue 14: a notification about a pitch is kept only while the pitch page's rule lets the person in.
    for (const id of await pitchNotificationsRefused(actor, [...ok])) ok.delete(id)
    const kept = candidates.filter((row) => ok.has(row.id) && (row.category !== 'BILLING' || managesDuesOf(actor, row.payload)))
    if (kept.length === 0) return
    const t = getT(actor.locale)
    result.set(userId, {
      total: kept.length,
      items: kept.slice(0, ITEMS_PER_SECTION).map((row) => ({
        id: row.id,
        label: translateKey(t, notificationKey(row.kind), (row.payload ?? {}) as Record<string, unknown>),
        link: row.link && row.link.startsWith('/') && !row.link.startsWith('//') ? row.link : null,
        createdAt: row.createdAt,
      })),
    })
  })
  return result
}

/**
 * d. Draft deadlines: published needs whose deadline falls within three days, for which one of
 * the person's firms holds a draft application, and whose page the firm still opens.
 */
async function deadlines(context: Context): Promise<Map<string, DigestModel['deadlines']['items']>> {
  const userIds = context.users.map((user) => user.userId).filter((userId) => channel(context, userId, 'MY_APPLICATIONS') !== 'OFF')
  const rows = firmRows(context, userIds)
  if (rows.users.length === 0) return new Map()
  const found = await prisma.$queryRaw<Array<{ userId: string; needId: string; title: string; deadline: Date }>>`
    SELECT DISTINCT ON (u."userId", n.id) u."userId", n.id AS "needId", n.title, n.deadline
    FROM ${unnestFirms(rows)}
    JOIN "Application" a ON a."firmId" = u."firmId" AND a.status = 'DRAFT'
    JOIN "Need" n ON n.id = a."needId"
    WHERE n.status = 'PUBLISHED' AND n.deadline > ${context.asOf} AND n.deadline <= ${new Date(context.asOf.getTime() + DEADLINE_WINDOW_MS)}
      AND ${firmAccess().visible}
    ORDER BY u."userId", n.id`
  const byUser = new Map<string, DigestModel['deadlines']['items']>()
  for (const { userId, ...item } of found) byUser.set(userId, [...(byUser.get(userId) ?? []), item])
  for (const items of byUser.values()) items.sort((a, b) => a.deadline.getTime() - b.deadline.getTime())
  return byUser
}

/** e. Staff queues: what waits in their hubs (the moderation queue's own rule, organisations, curation). */
async function staffCounts(context: Context): Promise<Map<string, StaffCounts>> {
  const staff = context.users
    .map((user) => context.actors.get(user.userId))
    .filter((actor): actor is Actor => actor !== undefined && staffHubIds(actor).length > 0 && channel(context, actor.userId, 'STAFF_QUEUES') === 'DIGEST')
  const result = new Map<string, StaffCounts>()
  await eachLimited(staff, 4, async (actor) => {
    const hubIds = staffHubIds(actor)
    const [queue, organisations, matches] = await Promise.all([
      listModerationQueue(actor),
      prisma.organisation.count({ where: { homeHubId: { in: hubIds }, status: 'PENDING' } }),
      prisma.match.count({
        where: { status: 'SUGGESTED', inNeedTop: true, algorithmVersion: ALGORITHM_VERSION, need: { hubId: { in: hubIds }, status: 'PUBLISHED', matchingMode: 'CURATED' } },
      }),
    ])
    result.set(actor.userId, {
      needs: queue.filter((need) => !need.isRevision).length,
      revisions: queue.filter((need) => need.isRevision).length,
      organisations,
      matches,
    })
  })
  return result
}

function windowMs(context: Context, userId: string) {
  const frequency = context.users.find((user) => user.userId === userId)?.frequency
  return (frequency === 'WEEKLY' ? 7 : 1) * 24 * 3600 * 1000
}

/**
 * The digest of each due user of a batch (empty ones included: the pass records them SKIPPED).
 * `asOf`: the instant the build reads up to (the next digest's updates start there).
 */
export async function buildDigests(users: DueUser[], actors: Map<string, Actor>, at: Date, asOf: Date): Promise<DigestModel[]> {
  const userIds = users.map((user) => user.userId)
  const [settings, preferences, lastDeliveries] = await Promise.all([
    prisma.notificationSetting.findMany({ where: { userId: { in: userIds } }, select: { userId: true, category: true, channel: true } }),
    prisma.notificationPreference.findMany({ where: { userId: { in: userIds } }, select: { userId: true, minScore: true } }),
    prisma.digestDelivery.groupBy({ by: ['userId'], where: { userId: { in: userIds } }, _max: { createdAt: true } }),
  ])
  const channels = new Map<string, Partial<Record<Category, Channel>>>()
  for (const row of settings) channels.set(row.userId, { ...channels.get(row.userId), [row.category]: row.channel as Channel })
  const context: Context = {
    at,
    asOf,
    users,
    actors,
    channels,
    minScores: new Map(preferences.map((row) => [row.userId, row.minScore])),
    since: new Map(lastDeliveries.filter((row) => row._max.createdAt).map((row) => [row.userId, row._max.createdAt!])),
  }
  const [recommendedByUser, alertsByUser, updatesByUser, deadlinesByUser, staffByUser] = await Promise.all([
    recommended(context),
    alerts(context),
    updates(context),
    deadlines(context),
    staffCounts(context),
  ])
  return users.flatMap((user) => {
    const actor = actors.get(user.userId)
    if (!actor) return []
    const model = emptyDigest({
      userId: user.userId,
      name: actor.name,
      email: actor.email,
      locale: actor.locale === 'en' ? 'en' : 'fr',
      timeZone: safeTimeZone(actor.timeZone),
      frequency: user.frequency,
      period: user.period,
      at: asOf,
    })
    const recommendedNeeds = recommendedByUser.get(user.userId) ?? []
    model.recommended = { items: recommendedNeeds, total: recommendedNeeds.length }
    // A need is announced once: in the first section that has it.
    const seen = new Set(recommendedNeeds.map((need) => need.needId))
    for (const alert of alertsByUser.get(user.userId) ?? []) {
      const items = alert.items.filter((item) => !seen.has(item.needId))
      items.forEach((item) => seen.add(item.needId))
      const total = alert.total - (alert.items.length - items.length)
      if (total > 0 && items.length > 0) model.alerts.push({ ...alert, items, total })
    }
    model.updates = updatesByUser.get(user.userId) ?? { items: [], total: 0 }
    const drafts = deadlinesByUser.get(user.userId) ?? []
    model.deadlines = { items: drafts, total: drafts.length }
    model.staff = staffByUser.get(user.userId) ?? null
    return [model]
  })
}
