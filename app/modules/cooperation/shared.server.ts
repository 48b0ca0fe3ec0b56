import { Prisma } from '#app/generated/prisma/client'
import { type SharedDirection } from '#app/modules/cooperation/schema'
import { needVisibilitySql } from '#app/modules/needs/visibility.server'
import { canViewSharedNeeds, staffHubIds, type Actor } from '#app/modules/policy/policy'
import { AppError } from '#app/modules/shared/app-error'
import { prisma } from '#app/utils/db.server'

/** Enough for a console table: the hubs share a few dozen needs at a time. */
const LIMIT = 500

export interface SharedNeedRow {
  id: string
  title: string
  deadline: Date | null
  publishedAt: Date | null
  partnerName: string
  /** The need's home hub. */
  hubName: string
  /** The hubs it is shared with (names, alphabetical). */
  sharedWith: string[]
  /** Staff recommendations already made to the partner, by any hub. */
  recommendations: number
  /** Of which by the staff of the actor's hubs. */
  ourRecommendations: number
}

/**
 * The needs shared between hubs, for a hub's staff (/staff/shared, decision 0029):
 * - `received`: published needs of other hubs shared with one of the actor's hubs, where the staff
 *   recommend firms of their own hub to the partner (/firms?for=<needId>);
 * - `sent`: published needs of the actor's hubs shared with other hubs, and with which.
 * Only needs whose page the actor opens (`needVisibilitySql`, the page's own rule).
 * The directions live in ./schema.ts (the page's filter uses them in the browser).
 */
export async function listSharedNeeds(actor: Actor, direction: SharedDirection): Promise<SharedNeedRow[]> {
  if (!canViewSharedNeeds(actor)) throw AppError.forbidden()
  const hubIds = staffHubIds(actor)
  const visible = needVisibilitySql(actor, 'n').visible
  const sharedWithMine = Prisma.sql`EXISTS (SELECT 1 FROM "NeedShare" s WHERE s."needId" = n.id AND s."hubId" = ANY(${hubIds}))`
  const sharedAtAll = Prisma.sql`EXISTS (SELECT 1 FROM "NeedShare" s WHERE s."needId" = n.id)`
  const scope =
    direction === 'received'
      ? Prisma.sql`NOT (n."hubId" = ANY(${hubIds})) AND ${sharedWithMine}`
      : Prisma.sql`n."hubId" = ANY(${hubIds}) AND ${sharedAtAll}`
  return prisma.$queryRaw<SharedNeedRow[]>`
    SELECT n.id, n.title, n.deadline, n."publishedAt", p.name AS "partnerName", h.name AS "hubName",
      ARRAY(SELECT sh.name FROM "NeedShare" s JOIN "Hub" sh ON sh.id = s."hubId" WHERE s."needId" = n.id ORDER BY sh.name) AS "sharedWith",
      (SELECT count(*) FROM "Match" m WHERE m."needId" = n.id AND m."recommendedAt" IS NOT NULL)::int AS recommendations,
      (SELECT count(*) FROM "Match" m WHERE m."needId" = n.id AND m."recommendedAt" IS NOT NULL AND m."recommendedHubId" = ANY(${hubIds}))::int AS "ourRecommendations"
    FROM "Need" n
    JOIN "Organisation" p ON p.id = n."partnerId"
    JOIN "Hub" h ON h.id = n."hubId"
    WHERE n.status = 'PUBLISHED' AND ${scope} AND ${visible}
    ORDER BY n.deadline ASC NULLS LAST, n.id COLLATE "C"
    LIMIT ${LIMIT}`
}
