import { Prisma } from '#app/generated/prisma/client'
import { staffHubIds, verifiedOrganisations, type Actor } from '#app/modules/policy/policy'

/**
 * The need page's rule (`needVisibilityFor` in app/modules/policy/policy.ts, with the context
 * `getNeedForActor` loads: invitations, NDA, the actor's firms' applications) as SQL over one row
 * of "Need", for every list, search, count and export: a list never shows a need its page refuses,
 * and shows every need its page answers (narrowed only by the list's own filters, e.g. a status).
 *
 * - `visible`: the page answers (full or teaser);
 * - `teaser`: the page shows only the teaser (title, kind, deadline, partner): search, filters and
 *   ranking answer on nothing else for that row.
 *
 * Change it together with `needVisibilityFor`; tests/integration/lists-visibility.test.ts checks,
 * persona by persona and need by need, that the list and the page agree.
 */
export interface NeedVisibilitySql {
  visible: Prisma.Sql
  teaser: Prisma.Sql
}

const FALSE = Prisma.sql`false`

function anyOf(parts: Array<Prisma.Sql | null>) {
  const present = parts.filter((part): part is Prisma.Sql => part !== null)
  return present.length === 0 ? FALSE : Prisma.sql`(${Prisma.join(present, ' OR ')})`
}

/** `alias` names the "Need" row in the caller's query (a constant of the code, never input). */
export function needVisibilitySql(actor: Actor | null, alias = 'n'): NeedVisibilitySql {
  if (!actor) return { visible: FALSE, teaser: FALSE }
  const n = Prisma.raw(alias)
  // A need's partner is a partner organisation (`canCreateNeed`): the actor's firms never are.
  const partnerIds = actor.memberships.filter((membership) => membership.organisation.kind === 'PARTNER').map((membership) => membership.organisationId)
  const staffHubs = staffHubIds(actor)
  const firms = verifiedOrganisations(actor, 'FIRM')

  // need-state.ts: wasPublished, wasSubmitted.
  const wasPublished = Prisma.sql`${n}.status IN ('PUBLISHED', 'CLOSED', 'AWARDED', 'NOT_AWARDED')`
  const wasSubmitted = Prisma.sql`(${n}.status <> 'DRAFT' AND (${n}.status <> 'ARCHIVED' OR ${n}."submittedAt" IS NOT NULL OR ${n}."publishedAt" IS NOT NULL))`
  // EXISTS, not IN: PostgreSQL plans both a hashed subquery (scanning many needs, e.g. counting)
  // and a lookup per row (a page walked down the firm's scores), and picks as it runs.
  const sharedWith = (hubIds: string[]) => Prisma.sql`EXISTS (SELECT 1 FROM "NeedShare" vs WHERE vs."needId" = ${n}.id AND vs."hubId" = ANY(${hubIds}))`

  // Its partner's members (whatever the organisation's status); staff of its home hub once
  // submitted; staff of the hubs it is shared with once published.
  const insider = anyOf([
    partnerIds.length ? Prisma.sql`${n}."partnerId" = ANY(${partnerIds})` : null,
    staffHubs.length ? Prisma.sql`(${n}."hubId" = ANY(${staffHubs}) AND ${wasSubmitted})` : null,
    staffHubs.length ? Prisma.sql`(${wasPublished} AND ${sharedWith(staffHubs)})` : null,
  ])
  if (firms.length === 0) return { visible: insider, teaser: FALSE }

  // Each of the actor's verified firms sees it on its own (getNeedForActor's `firmView`).
  const perFirm = firms.map((firm) =>
    firmNeedAccessSql(alias, {
      firmId: Prisma.sql`${firm.organisationId}`,
      hubId: Prisma.sql`${firm.organisation.homeHubId}`,
      userId: Prisma.sql`${actor.userId}`,
    }),
  )
  const firmFull = anyOf(perFirm.map((firm) => firm.full))
  const firmTeaser = anyOf(perFirm.map((firm) => firm.teaser))
  return {
    visible: Prisma.sql`(${insider} OR ${firmFull} OR ${firmTeaser})`,
    teaser: Prisma.sql`(NOT ${insider} AND NOT ${firmFull} AND ${firmTeaser})`,
  }
}

/**
 * One verified firm's part of the rule, over SQL expressions (parameters for one actor in
 * `needVisibilitySql`; columns of a batch, e.g. an `unnest` of (user, firm, hub), for the digests):
 * once published, every firm sees a PUBLIC need; the firms of the hubs concerned, of the working
 * group it is addressed to, or opened to it, a MEMBERS one; the firms it is opened to an
 * INVITE_ONLY one, the teaser until the user accepted the NDA for that firm. While a PUBLIC or
 * MEMBERS need is reserved to a cohort (`reservedUntil > now()`), only the cohort's firms and the
 * firms it is opened to see it; once it opened, the cohort's firms keep a MEMBERS one. "Opened to" a firm: invited (match INVITED), or a consortium
 * partner (asked or confirmed) of an application to it. A firm whose application is submitted (or
 * later) keeps seeing it, archived aside; a draft does not.
 */
export function firmNeedAccessSql(alias: string, firm: { firmId: Prisma.Sql; hubId: Prisma.Sql; userId: Prisma.Sql }): NeedVisibilitySql & { full: Prisma.Sql } {
  const n = Prisma.raw(alias)
  const { firmId: id, hubId: hub, userId } = firm
  const wasPublished = Prisma.sql`${n}.status IN ('PUBLISHED', 'CLOSED', 'AWARDED', 'NOT_AWARDED')`
  const opened = Prisma.sql`(EXISTS (SELECT 1 FROM "Match" vi WHERE vi."needId" = ${n}.id AND vi."firmId" = ${id} AND vi.status = 'INVITED')
      OR EXISTS (SELECT 1 FROM "ConsortiumMember" vc JOIN "Application" vca ON vca.id = vc."applicationId" WHERE vca."needId" = ${n}.id AND vc."organisationId" = ${id} AND vc.status <> 'DECLINED'))`
  const nda = Prisma.sql`EXISTS (SELECT 1 FROM "NdaAcceptance" va WHERE va."needId" = ${n}.id AND va."userId" = ${userId} AND va."organisationId" = ${id})`
  const inHubs = Prisma.sql`(${n}."hubId" = ${hub} OR EXISTS (SELECT 1 FROM "NeedShare" vs WHERE vs."needId" = ${n}.id AND vs."hubId" = ${hub}))`
  const applied = Prisma.sql`(${n}.status <> 'ARCHIVED' AND EXISTS (SELECT 1 FROM "Application" vp WHERE vp."needId" = ${n}.id AND vp."firmId" = ${id} AND vp.status <> 'DRAFT'))`
  const inGroup = Prisma.sql`(${n}."workingGroupId" IS NOT NULL AND EXISTS (SELECT 1 FROM "WorkingGroupMember" vg WHERE vg."workingGroupId" = ${n}."workingGroupId" AND vg."organisationId" = ${id}))`
  // `reservationRuns` in policy.ts; the loader of the page compares with its own clock, as close.
  const reserved = Prisma.sql`(${n}."reservedCohortId" IS NOT NULL AND ${n}."reservedUntil" > now())`
  const inCohort = Prisma.sql`EXISTS (SELECT 1 FROM "CohortMember" vk WHERE vk."cohortId" = ${n}."reservedCohortId" AND vk."organisationId" = ${id})`
  const full = Prisma.sql`((${wasPublished} AND (
        (${n}.visibility <> 'INVITE_ONLY' AND ${reserved} AND (${inCohort} OR ${opened}))
        OR (${n}.visibility = 'PUBLIC' AND NOT ${reserved})
        OR (${n}.visibility = 'MEMBERS' AND NOT ${reserved} AND (${inHubs} OR ${inGroup} OR ${inCohort} OR ${opened}))
        OR (${n}.visibility = 'INVITE_ONLY' AND ${opened} AND ${nda})
      )) OR ${applied})`
  const teaser = Prisma.sql`(${wasPublished} AND ${n}.visibility = 'INVITE_ONLY' AND ${opened} AND NOT ${nda})`
  return { full, teaser, visible: Prisma.sql`(${full} OR ${teaser})` }
}
