import { Prisma } from '#app/generated/prisma/client'
import { prisma } from '#app/utils/db.server'
import { singleton } from '#app/utils/singleton.server'
import { FALLBACK_TIME_ZONE, isTimeZone, passHour } from './period'

/**
 * The users whose digest is due at a pass, in SQL: period.ts's rule (the first pass at or after
 * the local hour, on the local weekday for weekly digests) with PostgreSQL's `AT TIME ZONE`, over
 * the users with a verified address, their digest (their NotificationPreference when they chose it,
 * else their hub's defaults: notifications/preferences.ts `effectiveDigest`) and frequency not NEVER, minus those who already have a DigestDelivery for the period. Pages
 * by user id (keyset), so a pass fans out many small jobs without reading everyone at once.
 */
export interface DueUser {
  userId: string
  period: string
  frequency: 'DAILY' | 'WEEKLY'
}

/**
 * The zones both PostgreSQL and the runtime know, once per process: a stored zone outside them (it
 * is validated on input; this is a guard) counts as Europe/Paris rather than failing the pass.
 */
async function knownZones(): Promise<string[]> {
  return singleton('digest-known-zones', async () => {
    const rows = await prisma.$queryRaw<Array<{ name: string }>>`SELECT name FROM pg_timezone_names`
    return rows.map((row) => row.name).filter(isTimeZone)
  })
}

/**
 * A user's hub for the digest defaults: the home hub of their first organisation (by membership
 * date), else the hub of their first staff role; none: the platform's defaults.
 */
const HUB_DEFAULTS_SQL = Prisma.sql`
  SELECT h."digestFrequencyDefault"::text AS frequency, h."digestHourDefault" AS hour
  FROM "Hub" h
  JOIN (
    SELECT o."homeHubId" AS "hubId", 0 AS rank, m."createdAt" AS at, m.id AS tie FROM "Membership" m JOIN "Organisation" o ON o.id = m."organisationId" WHERE m."userId" = u.id
    UNION ALL
    SELECT s."hubId", 1, s."createdAt", s.id FROM "StaffRole" s WHERE s."userId" = u.id
  ) first ON first."hubId" = h.id
  ORDER BY first.rank, first.at, first.tie
  LIMIT 1`

/** The SQL of the due users; `users` narrows to some ids (a batch), `force` ignores the hour (`--user`). */
async function dueQuery(input: { at: Date; afterUserId?: string; limit?: number; userIds?: string[]; force?: boolean; includeDelivered?: boolean }) {
  const at = passHour(input.at)
  const zones = await knownZones()
  // notifications/preferences.ts `effectiveDigest`: the person's choice, else their hub's defaults.
  const chosen = Prisma.sql`(np."digestChosenAt" IS NOT NULL OR np."digestFrequency" <> 'DAILY' OR np."digestHour" <> 8 OR np."digestWeekday" <> 1)`
  const frequency = Prisma.sql`(CASE WHEN ${chosen} THEN np."digestFrequency"::text ELSE COALESCE(hd.frequency, 'DAILY') END)`
  const hour = Prisma.sql`(CASE WHEN ${chosen} THEN np."digestHour" ELSE COALESCE(hd.hour, 8) END)`
  const weekday = Prisma.sql`(CASE WHEN ${chosen} THEN np."digestWeekday" ELSE 1 END)`
  const threshold = Prisma.sql`(date_trunc('day', lt.now_local) + make_interval(hours => ${hour}))`
  const period = Prisma.sql`(CASE WHEN ${frequency} = 'WEEKLY' THEN 'W:' || to_char(lt.now_local, 'IYYY-"W"IW') ELSE 'D:' || to_char(lt.now_local, 'YYYY-MM-DD') END)`
  const where: Prisma.Sql[] = [Prisma.sql`u."emailVerifiedAt" IS NOT NULL`, Prisma.sql`${frequency} <> 'NEVER'`]
  // A disabled user gets no digest (decision 0023).
  where.push(Prisma.sql`u."disabledAt" IS NULL`)
  if (input.afterUserId) where.push(Prisma.sql`u.id > ${input.afterUserId}`)
  if (input.userIds) where.push(Prisma.sql`u.id = ANY(${input.userIds})`)
  if (!input.force) {
    where.push(Prisma.sql`lt.now_local >= ${threshold} AND lt.prev_local < ${threshold}`)
    where.push(Prisma.sql`(${frequency} = 'DAILY' OR extract(isodow FROM lt.now_local) = ${weekday})`)
  }
  if (!input.includeDelivered) where.push(Prisma.sql`NOT EXISTS (SELECT 1 FROM "DigestDelivery" d WHERE d."userId" = u.id AND d.period = ${period})`)
  return Prisma.sql`
    SELECT u.id AS "userId", ${period} AS period, ${frequency} AS frequency
    FROM "User" u
    LEFT JOIN "NotificationPreference" np ON np."userId" = u.id
    LEFT JOIN LATERAL (${HUB_DEFAULTS_SQL}) hd ON true
    LEFT JOIN unnest(${zones}::text[]) AS zn(name) ON zn.name = u."timeZone"
    CROSS JOIN LATERAL (SELECT COALESCE(zn.name, ${FALLBACK_TIME_ZONE}) AS tz) z
    CROSS JOIN LATERAL (
      SELECT (${at}::timestamptz AT TIME ZONE z.tz) AS now_local,
             ((${at}::timestamptz - interval '1 hour') AT TIME ZONE z.tz) AS prev_local
    ) lt
    WHERE ${Prisma.join(where, ' AND ')}
    ORDER BY u.id
    ${input.limit ? Prisma.sql`LIMIT ${input.limit}` : Prisma.empty}`
}

/** One page of the users due at the pass `at`, after `afterUserId` (keyset). */
export async function dueUsersPage(at: Date, options: { afterUserId?: string; limit: number }): Promise<DueUser[]> {
  return prisma.$queryRaw<DueUser[]>(await dueQuery({ at, afterUserId: options.afterUserId, limit: options.limit }))
}

/**
 * Among some users (a batch), those whose digest is due at `at` and its period, delivered already
 * or not (the claim tells). `force`: due whatever their hour, for the current period (`--user`).
 */
export async function dueAmong(at: Date, userIds: string[], force = false): Promise<DueUser[]> {
  if (userIds.length === 0) return []
  return prisma.$queryRaw<DueUser[]>(await dueQuery({ at, userIds, force, includeDelivered: true }))
}

/** Every page of due users at a pass, as batches of at most `size` user ids. */
export async function* dueBatches(at: Date, size = 500): AsyncGenerator<DueUser[]> {
  let afterUserId: string | undefined
  for (;;) {
    const page = await dueUsersPage(at, { afterUserId, limit: size })
    if (page.length === 0) return
    yield page
    if (page.length < size) return
    afterUserId = page[page.length - 1]!.userId
  }
}
