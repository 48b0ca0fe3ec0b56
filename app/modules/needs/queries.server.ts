import { Prisma } from '#app/generated/prisma/client'
import { communeByInsee, distanceKm } from '#app/modules/geo/communes'
import { ALGORITHM_VERSION } from '#app/modules/matching/engine/config'
import {
  actorAsMemberOf,
  applicationKeepsNeedOpen,
  canEditNeed,
  canSeeGroup,
  canModerateNeed,
  isNeedPartner,
  firmThatMayApply,
  needVisibilityFor,
  reservationRuns,
  staffHubIds,
  verifiedOrganisations,
  type Actor,
  type NeedAccessInfo,
} from '#app/modules/policy/policy'
import { AppError, assertFound } from '#app/modules/shared/app-error'
import { groupsSeenBy } from '#app/modules/groups/seen.server'
import { currentNdaFor } from '#app/modules/hubs/nda.server'
import { PLATFORM_NDA_VERSION, type CurrentNda } from '#app/modules/hubs/nda'
import { prisma } from '#app/utils/db.server'
import { isEditableDraft, needMachine, wasPublished, wasSubmitted, type NeedStatus } from './need-state'
import type { NeedFilters } from './schema'
import { searchQueryText } from './search-text'
import { readRevision } from './revision'
import { needVisibilitySql } from './visibility.server'

/** The platform's NDA version, for hubs without a text of their own (decision 0022). */
export const NDA_TEXT_VERSION = PLATFORM_NDA_VERSION
const PAGE_SIZE = 20

function accessInfo(need: {
  partnerId: string
  hubId: string
  status: NeedStatus
  publishedAt: Date | null
  submittedAt: Date | null
  visibility: NeedAccessInfo['visibility']
  matchingMode: NeedAccessInfo['matchingMode']
  sharedWith: Array<{ hubId: string }>
  workingGroupId: string | null
  reservedCohortId: string | null
  reservedUntil: Date | null
}, now: Date): NeedAccessInfo {
  return {
    partnerId: need.partnerId,
    hubId: need.hubId,
    status: need.status,
    visibility: need.visibility,
    matchingMode: need.matchingMode,
    sharedHubIds: need.sharedWith.map((share) => share.hubId),
    wasPublished: wasPublished(need),
    wasSubmitted: wasSubmitted(need),
    workingGroupId: need.workingGroupId,
    // Only while the reservation runs: afterwards the need opens to all per its visibility.
    reservedCohortId: reservationRuns(need, now) ? need.reservedCohortId : null,
  }
}

/** The need as this actor may see it, with what they may do next. 404 when they may not see it. */
export async function getNeedForActor(actor: Actor, needId: string, now = new Date()) {
  const need = await prisma.need.findUnique({
    where: { id: needId },
    include: {
      partner: { select: { id: true, name: true, slug: true, charterResponseDays: true } },
      hub: { select: { id: true, shortName: true, name: true, charterResponseDays: true } },
      sharedWith: { select: { hubId: true, hub: { select: { shortName: true, name: true } } } },
      // What `canSeeGroup` asks: the page names the group only to who may open the group's page.
      workingGroup: {
        select: {
          id: true,
          slug: true,
          name: true,
          hubId: true,
          openToAllHubs: true,
          archivedAt: true,
          members: { where: { organisationId: { in: actor.memberships.map((membership) => membership.organisationId) } }, select: { organisationId: true } },
        },
      },
      reservedCohort: { select: { id: true, name: true } },
    },
  })
  if (!need) throw AppError.notFound()
  const reserved = reservationRuns(need, now)
  const firmIds = verifiedOrganisations(actor, 'FIRM').map((membership) => membership.organisationId)
  const [invitedMatches, ndas, ownApplications, consortia, ndaText, groupMembers, cohortMembers] = await Promise.all([
    firmIds.length
      ? prisma.match.findMany({ where: { needId, firmId: { in: firmIds }, status: 'INVITED' }, select: { firmId: true } })
      : [],
    // The NDA binds a user for one firm: accepted for another firm of theirs, it opens nothing here.
    firmIds.length
      ? prisma.ndaAcceptance.findMany({ where: { needId, userId: actor.userId, organisationId: { in: firmIds } }, select: { organisationId: true, acceptedAt: true } })
      : [],
    // One application per (need, firm): each of the actor's firms may hold one.
    firmIds.length
      ? prisma.application.findMany({ where: { needId, firmId: { in: firmIds } }, select: { id: true, status: true, submittedAt: true, firmId: true } })
      : [],
    // Consortium partners (asked or confirmed) of an application to this need read it like invited firms.
    firmIds.length
      ? prisma.consortiumMember.findMany({ where: { organisationId: { in: firmIds }, status: { not: 'DECLINED' }, application: { needId } }, select: { organisationId: true } })
      : [],
    // Confidential needs: the NDA of the need's hub (its newest text, or the platform's).
    need.visibility === 'INVITE_ONLY' ? currentNdaFor(prisma, need.hubId) : Promise.resolve<CurrentNda | null>(null),
    // The actor's firms in the working group it is addressed to, in the cohort it is reserved to.
    firmIds.length && need.workingGroupId
      ? prisma.workingGroupMember.findMany({ where: { workingGroupId: need.workingGroupId, organisationId: { in: firmIds } }, select: { organisationId: true } })
      : [],
    firmIds.length && need.reservedCohortId
      ? prisma.cohortMember.findMany({ where: { cohortId: need.reservedCohortId, organisationId: { in: firmIds } }, select: { organisationId: true } })
      : [],
  ])
  const access = accessInfo(need, now)
  const groupFirmIds = groupMembers.map((row) => row.organisationId)
  const cohortFirmIds = cohortMembers.map((row) => row.organisationId)
  const invitedFirmIds = invitedMatches.map((match) => match.firmId)
  const ndaFirmIds = new Set(ndas.map((row) => row.organisationId))
  // The firm (of the actor's) that may apply: the one the curation or invitation concerns.
  const context = { invitedFirmIds, ndaAccepted: invitedFirmIds.some((id) => ndaFirmIds.has(id)), groupFirmIds, cohortFirmIds }
  const openerIds = [...new Set([...invitedFirmIds, ...consortia.map((member) => member.organisationId)])]
  // How each of the actor's firms sees the need (a confidential need opens with that firm's NDA).
  const firmView = (firmId: string) => {
    const application = ownApplications.find((row) => row.firmId === firmId)
    const own = application !== undefined && applicationKeepsNeedOpen(application) && need.status !== 'ARCHIVED'
    const seen = needVisibilityFor(actorAsMemberOf(actor, firmId), access, { invitedFirmIds: openerIds, ndaAccepted: ndaFirmIds.has(firmId), groupFirmIds, cohortFirmIds })
    return own ? 'full' : seen
  }
  let visibility = needVisibilityFor(actor, access, context)
  // A firm that applied keeps seeing the need it applied to (whatever became of it, a draft
  // excepted), as does a consortium partner of an application (after the NDA when confidential).
  if (visibility !== 'full' && firmIds.some((firmId) => firmView(firmId) === 'full')) visibility = 'full'
  if (visibility === 'none' && firmIds.some((firmId) => firmView(firmId) === 'teaser')) visibility = 'teaser'
  if (visibility === 'none') throw AppError.notFound()
  // The firms the actor may act for on this need: ask a question (full view), accept its NDA (teaser).
  const firmRef = (firmId: string) => ({ id: firmId, name: actor.memberships.find((membership) => membership.organisationId === firmId)!.organisation.name })
  const actingFirms = {
    question: firmIds.filter((firmId) => firmView(firmId) === 'full').map(firmRef),
    nda: need.visibility === 'INVITE_ONLY' ? firmIds.filter((firmId) => openerIds.includes(firmId) && !ndaFirmIds.has(firmId)).map(firmRef) : [],
  }
  const nda = ndas.find((row) => openerIds.includes(row.organisationId)) ?? null

  const isPartner = isNeedPartner(actor, need)
  const partnerActs = canEditNeed(actor, need)
  const isModerator = canModerateNeed(actor, need)
  const revision = readRevision(need.pendingRevision)
  const deadlinePassed = need.deadline !== null && need.deadline.getTime() <= now.getTime()
  const applyingFirm = firmThatMayApply(actor, access, context)
  // The application shown: the applying firm's, else the furthest along of the actor's firms'.
  const ownApplication =
    ownApplications.find((row) => row.firmId === applyingFirm?.id) ?? ownApplications.find((row) => row.status !== 'DRAFT') ?? ownApplications[0] ?? null

  const [match, applicationCount, questions] = await Promise.all([
    firmIds.length && visibility === 'full'
      ? prisma.match.findFirst({
          where: { needId, firmId: { in: firmIds }, algorithmVersion: ALGORITHM_VERSION },
          orderBy: { score: 'desc' },
          select: { id: true, score: true, breakdown: true, computedAt: true, status: true, feedback: { where: { side: 'FIRM' }, select: { value: true }, take: 1, orderBy: { createdAt: 'desc' } } },
        })
      : null,
    isPartner || isModerator ? prisma.application.count({ where: { needId, status: { notIn: ['DRAFT', 'WITHDRAWN'] } } }) : 0,
    visibility === 'full'
      ? prisma.question.findMany({
          where: {
            needId,
            ...(isPartner || isModerator ? {} : { OR: [{ answer: { not: null } }, { askedByOrgId: { in: firmIds } }] }),
          },
          orderBy: { createdAt: 'asc' },
          select: { id: true, body: true, answer: true, answeredAt: true, createdAt: true, askedByOrgId: true },
        })
      : [],
  ])

  const base = {
    id: need.id,
    title: need.title,
    status: need.status,
    kind: need.kind,
    visibility: need.visibility,
    matchingMode: need.matchingMode,
    partner: { id: need.partner.id, name: need.partner.name, slug: need.partner.slug },
    hub: { id: need.hub.id, shortName: need.hub.shortName, name: need.hub.name },
    deadline: need.deadline,
  }
  const actions = {
    edit: partnerActs && (isEditableDraft(need.status) || need.status === 'PUBLISHED'),
    submit: partnerActs && needMachine.transition(need.status, 'submit').ok,
    publish: isModerator && (needMachine.transition(need.status, 'publish').ok || revision?.state === 'SUBMITTED'),
    requestChanges: isModerator && (needMachine.transition(need.status, 'requestChanges').ok || revision?.state === 'SUBMITTED'),
    withdrawRevision: partnerActs && revision !== null,
    close: partnerActs && needMachine.transition(need.status, 'close').ok,
    award: partnerActs && needMachine.transition(need.status, 'award').ok,
    notAward: partnerActs && needMachine.transition(need.status, 'notAward').ok,
    archive: partnerActs && needMachine.transition(need.status, 'archive').ok && revision === null,
    apply: Boolean(applyingFirm) && !ownApplication && !deadlinePassed,
    continueDraft: Boolean(applyingFirm) && ownApplication?.status === 'DRAFT' && !deadlinePassed,
    viewApplications: isPartner || isModerator,
    askQuestion: visibility === 'full' && actingFirms.question.length > 0 && need.status === 'PUBLISHED' && !deadlinePassed,
    answerQuestions: partnerActs,
    acceptNda: actingFirms.nda.length > 0,
    manageMatches: (partnerActs || isModerator) && need.status === 'PUBLISHED',
  }

  /**
   * Issue 14, cooperation made visible (decision 0029): the hubs it is shared with (their names), the
   * working group it is addressed to (only to readers who may see the group, `canSeeGroup`: a
   * hub-only group is not named to another hub's readers), the cohort it is reserved to. While the reservation runs,
   * everyone who reads the need in full is told; once it ended, only its partner, the staff of the
   * hubs concerned and the cohort's own firms read that it "was reserved" (other firms, never told
   * of the cohort before, see nothing of it).
   */
  const groupSeen = (group: { hubId: string; openToAllHubs: boolean; archivedAt: Date | null; members: Array<{ organisationId: string }> }) =>
    canSeeGroup(actor, { hubId: group.hubId, openToAllHubs: group.openToAllHubs, archivedAt: group.archivedAt, memberOrgIds: group.members.map((member) => member.organisationId) })
  const cooperationOf = () => {
    const insider = isPartner || staffHubIds(actor).some((hubId) => hubId === need.hubId || need.sharedWith.some((share) => share.hubId === hubId))
    const cohort = need.reservedCohort && need.reservedUntil ? { name: need.reservedCohort.name, until: need.reservedUntil } : null
    return {
      sharedHubs: need.sharedWith.map((share) => share.hub.name),
      group: need.workingGroup && groupSeen(need.workingGroup) ? { slug: need.workingGroup.slug, name: need.workingGroup.name } : null,
      reservation: cohort && (reserved || insider || cohortFirmIds.length > 0) ? { ...cohort, running: reserved } : null,
    }
  }

  if (visibility === 'teaser') {
    return { visibility, need: base, details: null, revision: null, match: null, application: ownApplication, applyingFirmId: null, applicationCount: 0, questions: [], deadlinePassed, ndaTextVersion: ndaText?.version ?? NDA_TEXT_VERSION, nda: ndaText, actingFirms, actions }
  }
  return {
    visibility,
    need: base,
    details: {
      summary: need.summary,
      description: need.description,
      skills: need.skills,
      nafCodes: need.nafCodes,
      budgetMinEur: need.budgetMinEur,
      budgetMaxEur: need.budgetMaxEur,
      expectedStart: need.expectedStart,
      communeName: need.communeName,
      communeInsee: need.communeInsee,
      radiusKm: need.radiusKm,
      remoteOk: need.remoteOk,
      headcountMin: need.headcountMin,
      headcountMax: need.headcountMax,
      revenueBands: need.revenueBands,
      minAgeYears: need.minAgeYears,
      screeningRequired: need.screeningRequired,
      sharedWith: need.sharedWith.map((share) => share.hub.shortName),
      cooperation: cooperationOf(),
      moderationComment: isPartner || isModerator ? need.moderationComment : null,
      publishedAt: need.publishedAt,
      submittedAt: need.submittedAt,
      closedAt: need.closedAt,
      ndaAcceptedAt: nda?.acceptedAt ?? null,
    },
    // Only the partner and staff know that an edit awaits moderation.
    revision:
      (isPartner || isModerator) && revision
        ? {
            state: revision.state,
            submittedAt: revision.submittedAt,
            title: revision.data.title,
            summary: revision.data.summary,
            description: revision.data.description,
            skills: revision.data.skills,
            budgetMinEur: revision.data.budgetMinEur,
            budgetMaxEur: revision.data.budgetMaxEur,
            deadline: revision.data.deadline,
          }
        : null,
    match: match ? { id: match.id, score: match.score, breakdown: match.breakdown, computedAt: match.computedAt, status: match.status, feedback: match.feedback[0]?.value ?? null } : null,
    application: ownApplication,
    applyingFirmId: applyingFirm?.id ?? null,
    applicationCount,
    // Questions are anonymous: nobody sees who asked, except that a firm sees which are its own.
    questions: questions.map((question) => ({
      id: question.id,
      body: question.body,
      answer: question.answer,
      answeredAt: question.answeredAt,
      createdAt: question.createdAt,
      mine: firmIds.includes(question.askedByOrgId),
    })),
    deadlinePassed,
    ndaTextVersion: ndaText?.version ?? NDA_TEXT_VERSION,
    nda: ndaText,
    actingFirms,
    actions,
  }
}

/** The editor's values: a draft's fields, or the pending revision of a published need. */
export async function getNeedForEditing(actor: Actor, needId: string) {
  const need = await prisma.need.findUnique({ where: { id: needId }, include: { sharedWith: { select: { hubId: true } } } })
  assertFound(need && canEditNeed(actor, need))
  if (!isEditableDraft(need.status) && need.status !== 'PUBLISHED') {
    throw AppError.conflict('not_editable', 'errors.needNotEditable', { status: need.status })
  }
  const revision = readRevision(need.pendingRevision)
  if (revision) {
    return {
      ...need,
      ...revision.data,
      deadline: revision.data.deadline ? new Date(revision.data.deadline) : null,
      expectedStart: revision.data.expectedStart ? new Date(revision.data.expectedStart) : null,
      sharedWith: revision.sharedHubIds.map((hubId) => ({ hubId })),
      revisionState: revision.state,
    }
  }
  return { ...need, revisionState: 'NONE' as const }
}

// ───────── lists ─────────

type Perspective = 'firm' | 'partner' | 'staff'

interface ListRow {
  id: string
  title: string
  summary: string
  kind: string
  status: NeedStatus
  visibility: string
  deadline: Date | null
  budgetMinEur: number | null
  budgetMaxEur: number | null
  communeName: string | null
  remoteOk: boolean
  skills: string[]
  partnerName: string
  hubShortName: string
  score: number | null
  /** Firms: why this need suits them (the stored reasons of their match). */
  reasons: unknown
  /** Firms: someone of the firm marked the match "not relevant" (it ranks with the unscored). */
  dismissed: boolean
  applicationCount: number
  revisionPending: boolean
  ndaAccepted: boolean
}

/**
 * The needs' communes within `km` of a firm's commune (the geographic filter, computed in the app
 * over the communes needs actually name, not the whole French table).
 */
async function communesWithin(insee: string | null, km: number) {
  const origin = communeByInsee(insee)
  if (!origin) return null
  const rows = await prisma.$queryRaw<Array<{ insee: string }>>`SELECT DISTINCT "communeInsee" AS insee FROM "Need" WHERE "communeInsee" IS NOT NULL`
  return rows.flatMap(({ insee: code }) => {
    const commune = communeByInsee(code)
    return commune && distanceKm(origin, commune) <= km ? [code] : []
  })
}

/**
 * One firm's page of needs ranked by its match score (the firms' default list): the needs it has
 * a current, not dismissed score for, best first (walked down the firm's scores index, stopping
 * after the page), then the others by deadline. A confidential need before its NDA ranks with the
 * unscored. Same order as the general query; it avoids ranking every visible need.
 */
function firmScorePage({ firmId, whereSql, teaser, offset, scoredOnly }: { firmId: string; whereSql: Prisma.Sql; teaser: Prisma.Sql; offset: number; scoredOnly: boolean }) {
  const scoredFor = (m: string) =>
    Prisma.sql`${Prisma.raw(m)}."firmId" = ${firmId} AND ${Prisma.raw(m)}."algorithmVersion" = ${ALGORITHM_VERSION} AND NOT ${teaser}
      AND NOT EXISTS (SELECT 1 FROM "MatchFeedback" f WHERE f."matchId" = ${Prisma.raw(m)}.id AND f.side = 'FIRM' AND f.value = 'NOT_RELEVANT')`
  const scored = Prisma.sql`
      SELECT n.id FROM "Match" m JOIN "Need" n ON n.id = m."needId"
      WHERE ${scoredFor('m')} AND ${whereSql}
      ORDER BY m.score DESC, n.deadline ASC NULLS LAST, n.id COLLATE "C"
      LIMIT ${PAGE_SIZE} OFFSET ${offset}`
  const total = Prisma.sql`(SELECT count(*) FROM "Need" n WHERE ${whereSql})`
  // A page among the scored needs (the usual case) is planned without the unscored branch:
  // PostgreSQL plans a statement on each run, and that branch tripled the planning.
  if (scoredOnly) return Prisma.sql`SELECT ids.id, ${total} AS total, row_number() OVER () AS position FROM (${scored}) ids`
  // PostgreSQL evaluates each scalar subquery below once, and only when a branch needs it: the
  // unscored needs and the number of scored ones are read only for pages past the scored needs.
  return Prisma.sql`
    WITH scored AS MATERIALIZED (${scored}), unscored AS MATERIALIZED (
      SELECT n.id FROM "Need" n
      WHERE (SELECT count(*) FROM scored) < ${PAGE_SIZE} AND ${whereSql}
        AND NOT EXISTS (SELECT 1 FROM "Match" m WHERE m."needId" = n.id AND ${scoredFor('m')})
      ORDER BY n.deadline ASC NULLS LAST, n.id COLLATE "C"
      LIMIT ${PAGE_SIZE} - (SELECT count(*) FROM scored)
      OFFSET CASE WHEN (SELECT count(*) FROM scored) > 0 THEN 0
        ELSE GREATEST(0, ${offset} - (SELECT count(*) FROM "Match" m JOIN "Need" n ON n.id = m."needId" WHERE ${scoredFor('m')} AND ${whereSql})) END
    )
    SELECT ids.id, ${total} AS total, row_number() OVER () AS position
    FROM (SELECT id FROM scored UNION ALL SELECT id FROM unscored) ids`
}

/**
 * Narrowing the list for internal callers (the saved-search alerts of the digests): only these
 * needs, published after an instant, not yet announced to a user, only those whose page the actor
 * sees in full (not the teaser). The /needs list passes none.
 */
export interface ListRestriction {
  needIds?: string[]
  publishedAfter?: Date
  notAnnouncedTo?: string
  fullOnly?: boolean
}

/**
 * The needs whose page the actor may open (`needVisibilitySql`, the page's own rule), with
 * full-text search (`french` configuration, accents ignored) and filters, one SQL query each for
 * the page and the count. Firms see the open needs by default, ranked by their match score (or
 * deadline, relevance, recency), and past ones through the status filter; partners their
 * organisation's needs; staff those of their hubs.
 */
export async function listNeedsForActor(actor: Actor, filters: NeedFilters = {}, restrict: ListRestriction = {}) {
  const firms = verifiedOrganisations(actor, 'FIRM')
  const perspective: Perspective =
    firms.length > 0 ? 'firm' : actor.memberships.some((membership) => membership.organisation.kind === 'PARTNER') ? 'partner' : 'staff'
  const page = filters.page ?? 1
  const firmIds = firms.map((firm) => firm.organisationId)
  if (actor.memberships.length === 0 && staffHubIds(actor).length === 0) return emptyList(perspective)

  // One rule for the list and the page: a need is listed only if its page answers.
  const access = needVisibilitySql(actor, 'n')
  const where: Prisma.Sql[] = [access.visible]
  if (filters.status) where.push(Prisma.sql`n.status = ${filters.status}::"NeedStatus"`)
  else if (perspective === 'firm') where.push(Prisma.sql`n.status = 'PUBLISHED'`)
  // A confidential need before its NDA shows a firm its title, kind, deadline and partner only:
  // searches, filters, scores and their order answer on nothing else (not its text, budget,
  // sectors or place), or a firm could probe the hidden details one query at a time.
  const teaser = access.teaser
  const query = searchQueryText(filters.q)
  const textQuery = Prisma.sql`websearch_to_tsquery('french', ${query})`
  const searchVector = Prisma.sql`(CASE WHEN ${teaser} THEN setweight(${teaserSearchVector('n')}, 'A') ELSE n.search END)`
  if (query) {
    // Teaser rows match on the teaser's words alone, negated words included (no yes/no oracle on
    // the hidden text). Without a negation, a match on the teaser is also one on the whole text,
    // so the GIN index on `search` narrows the candidates first.
    if (!hasNegation(query)) where.push(Prisma.sql`n.search @@ ${textQuery}`)
    where.push(Prisma.sql`(CASE WHEN ${teaser} THEN ${teaserSearchVector('n')} @@ ${textQuery} ELSE n.search @@ ${textQuery} END)`)
  }
  if (filters.kind?.length) where.push(Prisma.sql`n.kind = ANY(${filters.kind}::"NeedKind"[])`)
  if (filters.naf) where.push(Prisma.sql`(NOT ${teaser} AND EXISTS (SELECT 1 FROM unnest(n."nafCodes") code WHERE code LIKE ${`${filters.naf}%`}))`)
  if (filters.budgetMin !== undefined) where.push(Prisma.sql`(NOT ${teaser} AND (n."budgetMaxEur" IS NULL OR n."budgetMaxEur" >= ${filters.budgetMin}))`)
  if (filters.budgetMax !== undefined) where.push(Prisma.sql`(NOT ${teaser} AND (n."budgetMinEur" IS NULL OR n."budgetMinEur" <= ${filters.budgetMax}))`)
  if (filters.deadlineBefore) where.push(Prisma.sql`n.deadline <= ${filters.deadlineBefore}`)
  // A teaser shows the home hub only: where a confidential need is shared is not searchable before the NDA.
  if (filters.hub) where.push(Prisma.sql`(n."hubId" = ${filters.hub} OR (NOT ${teaser} AND EXISTS (SELECT 1 FROM "NeedShare" s2 WHERE s2."needId" = n.id AND s2."hubId" = ${filters.hub})))`)
  // The group a need is addressed to is not shown on a teaser: not searchable before the NDA either.
  // Only a group the reader may see (`canSeeGroup`): a guessed slug of another hub's own group
  // tells nothing of which needs are addressed to it.
  if (filters.group) {
    const [seen] = await groupsSeenBy(actor, { slug: filters.group })
    where.push(seen ? Prisma.sql`(NOT ${teaser} AND n."workingGroupId" = ${seen.id})` : Prisma.sql`false`)
  }
  // Internal narrowing for the saved-search alerts (never from the query string).
  if (restrict.needIds) where.push(Prisma.sql`n.id = ANY(${restrict.needIds})`)
  // A need reserved to a cohort opens to the others at `reservedUntil`: announced from then on
  // (the cohort's firms had it since its publication; `notAnnouncedTo` keeps them from a repeat).
  if (restrict.publishedAfter) where.push(Prisma.sql`GREATEST(n."publishedAt", n."reservedUntil") > ${restrict.publishedAfter}`)
  if (restrict.notAnnouncedTo) where.push(Prisma.sql`NOT EXISTS (SELECT 1 FROM "DigestItem" di WHERE di."userId" = ${restrict.notAnnouncedTo} AND di."needId" = n.id)`)
  if (restrict.fullOnly) where.push(Prisma.sql`NOT ${teaser}`)
  if (filters.distanceKm && perspective === 'firm') {
    const nearby = await communesWithin(await firmCommune(firms[0]!.organisationId), filters.distanceKm)
    if (nearby) where.push(Prisma.sql`(NOT ${teaser} AND (n."remoteOk" OR n."communeInsee" = ANY(${nearby})))`)
  }
  const whereSql = Prisma.join(where, ' AND ')

  const sort = filters.sort ?? (perspective === 'firm' ? (query ? 'relevance' : 'score') : 'recent')
  const rankByScore = perspective === 'firm' && (sort === 'score' || (sort === 'relevance' && query !== ''))
  // To rank by it, the firm's best current score per need, aggregated once (not per visible need);
  // otherwise only the page's twenty scores are read, below.
  // A match the firm marked "not relevant" ranks with the unscored needs.
  const firmDismissed = Prisma.sql`EXISTS (SELECT 1 FROM "MatchFeedback" f WHERE f."matchId" = m.id AND f.side = 'FIRM' AND f.value = 'NOT_RELEVANT')`
  const scoreJoin = rankByScore
    ? Prisma.sql`LEFT JOIN (
        SELECT m."needId", max(m.score) AS score FROM "Match" m
        WHERE m."firmId" = ANY(${firmIds}) AND m."algorithmVersion" = ${ALGORITHM_VERSION} AND NOT ${firmDismissed}
        GROUP BY m."needId"
      ) sm ON sm."needId" = n.id`
    : Prisma.empty
  const score = Prisma.sql`(CASE WHEN ${teaser} THEN NULL ELSE sm.score END)`
  // Ties end on the id in byte order: a stable page boundary without locale-aware comparisons.
  const orderBy =
    sort === 'deadline'
      ? Prisma.sql`n.deadline ASC NULLS LAST, n.id COLLATE "C"`
      : sort === 'relevance' && query
        ? Prisma.sql`ts_rank_cd(${searchVector}, ${textQuery}) DESC, ${score} DESC NULLS LAST, n.id COLLATE "C"`
        : rankByScore
          ? Prisma.sql`${score} DESC NULLS LAST, n.deadline ASC NULLS LAST, n.id COLLATE "C"`
          : Prisma.sql`n."updatedAt" DESC, n.id COLLATE "C"`
  // The page's twenty rows: the firm's best current match, hidden before a confidential need's NDA.
  const firmMatch =
    perspective === 'firm'
      ? Prisma.sql`LEFT JOIN LATERAL (
          SELECT m.score, m.breakdown -> 'reasons' AS reasons, ${firmDismissed} AS dismissed FROM "Match" m
          WHERE m."needId" = n.id AND m."firmId" = ANY(${firmIds}) AND m."algorithmVersion" = ${ALGORITHM_VERSION}
            AND NOT ${teaser}
          ORDER BY m.score DESC LIMIT 1
        ) fm ON true`
      : Prisma.sql`LEFT JOIN (SELECT NULL::float8 AS score, NULL::jsonb AS reasons, false AS dismissed) fm ON true`

  const offset = (page - 1) * PAGE_SIZE
  // The page's ids in order with their position, and the number of needs the filters let through.
  const walkScores = rankByScore && sort === 'score' && firmIds.length === 1
  const pageCte = (scoredOnly: boolean) =>
    walkScores
      ? firmScorePage({ firmId: firmIds[0]!, whereSql, teaser, offset, scoredOnly })
      : // One pass over the visible needs: rank them on narrow columns (index-only scans), count
        // them in the same pass, keep one page of ids (a top-N sort). The ranked subquery hands
        // its rows over in order, which row_number() OVER () records as the position.
        Prisma.sql`
        SELECT ranked.id, ranked.total, row_number() OVER () AS position
        FROM (
          SELECT n.id, count(*) OVER () AS total
          FROM "Need" n
          ${scoreJoin}
          WHERE ${whereSql}
          ORDER BY ${orderBy}
          LIMIT ${PAGE_SIZE} OFFSET ${offset}
        ) ranked`
  // Only then the page's details (partner, hub, score, counts, NDA) for those twenty rows.
  const pageRows = (scoredOnly: boolean) => prisma.$queryRaw<Array<ListRow & { teaser: boolean; total: number }>>`
    WITH page AS MATERIALIZED (${pageCte(scoredOnly)})
    SELECT n.id, n.title, n.summary, n.kind::text AS kind, n.status::text AS status, n.visibility::text AS visibility,
           n.deadline, n."budgetMinEur", n."budgetMaxEur", n."communeName", n."remoteOk", n.skills,
           p.name AS "partnerName", h."shortName" AS "hubShortName", fm.score, fm.reasons, COALESCE(fm.dismissed, false) AS dismissed, page.total::int AS total,
           ${perspective === 'firm' ? Prisma.sql`0` : Prisma.sql`(SELECT count(*) FROM "Application" a WHERE a."needId" = n.id AND a.status NOT IN ('DRAFT', 'WITHDRAWN'))`}::int AS "applicationCount",
           (n."pendingRevision" IS NOT NULL) AS "revisionPending",
           EXISTS (SELECT 1 FROM "NdaAcceptance" nda WHERE nda."needId" = n.id AND nda."userId" = ${actor.userId}) AS "ndaAccepted",
           ${teaser} AS teaser
    FROM page
    JOIN "Need" n ON n.id = page.id
    JOIN "Organisation" p ON p.id = n."partnerId"
    JOIN "Hub" h ON h.id = n."hubId"
    ${firmMatch}
    ORDER BY page.position`
  // Walking the firm's scores, a page short of the scored needs reaches the unscored ones: read again with them.
  let rows = await pageRows(walkScores)
  if (walkScores && rows.length < PAGE_SIZE) rows = await pageRows(false)
  // Past the last page the window has no row to carry the count: count on its own then.
  const total =
    rows[0]?.total ?? (page > 1 ? ((await prisma.$queryRaw<Array<{ total: number }>>`SELECT count(*)::int AS total FROM "Need" n WHERE ${whereSql}`)[0]?.total ?? 0) : 0)
  return {
    perspective,
    total,
    page,
    pageSize: PAGE_SIZE,
    sort,
    needs: rows.map(({ teaser: teaserRow, total: _total, ...row }) =>
      // A confidential need shows only its title and partner until the firm accepts its NDA.
      teaserRow
        ? { ...row, summary: '', budgetMinEur: null, budgetMaxEur: null, skills: [], communeName: null, remoteOk: false, revisionPending: false }
        : { ...row, revisionPending: perspective === 'firm' ? false : row.revisionPending },
    ),
  }
}

/** A firm's best-scored open needs with their reasons (its home page); empty for others. */
export async function recommendedNeedsFor(actor: Actor, take = 5) {
  const firmIds = verifiedOrganisations(actor, 'FIRM').map((firm) => firm.organisationId)
  if (firmIds.length === 0) return []
  const list = await listNeedsForActor(actor, { sort: 'score' })
  const scored = list.needs.filter((need) => need.score !== null && !need.dismissed)
  // Only what the firm can act on: a curated or confidential need is recommended once the firm is invited.
  const invitedOnly = await prisma.need.findMany({
    where: { id: { in: scored.map((need) => need.id) }, OR: [{ matchingMode: 'CURATED' }, { visibility: 'INVITE_ONLY' }] },
    select: { id: true, matches: { where: { firmId: { in: firmIds }, status: 'INVITED' }, select: { id: true } } },
  })
  const closedToFirm = new Set(invitedOnly.filter((need) => need.matches.length === 0).map((need) => need.id))
  return scored.filter((need) => !closedToFirm.has(need.id)).slice(0, take)
}

/**
 * What a teaser shows, as searchable text: the title (accent-folded, as stored) and the partner's
 * name, folded here like `foldAccents` does for the letters of French and its neighbours.
 */
function teaserSearchVector(alias: string) {
  const n = Prisma.raw(alias)
  return Prisma.sql`to_tsvector('french', ${n}."searchTitle" || ' ' || translate(
    (SELECT tp.name FROM "Organisation" tp WHERE tp.id = ${n}."partnerId"),
    'ÀÁÂÃÄÅàáâãäåÇçÈÉÊËèéêëÌÍÎÏìíîïÑñÒÓÔÕÖòóôõöÙÚÛÜùúûüÝýÿ',
    'AAAAAAaaaaaaCcEEEEeeeeIIIIiiiiNnOOOOOoooooUUUUuuuuYyy'))`
}

/** `websearch_to_tsquery` reads "-word" as a negation (hyphenated words are judged alike: no harm). */
function hasNegation(query: string) {
  return query.includes('-')
}

async function firmCommune(firmId: string) {
  const firm = await prisma.organisation.findUnique({ where: { id: firmId }, select: { communeInsee: true } })
  return firm?.communeInsee ?? null
}

function emptyList(perspective: Perspective) {
  return { perspective, total: 0, page: 1, pageSize: PAGE_SIZE, sort: 'recent' as const, needs: [] as ListRow[] }
}

/**
 * What waits for the staff of the actor's hubs: submitted needs and submitted revisions they may
 * moderate (`canModerateNeed`: never their own organisation's), among the needs whose page they
 * may open (`needVisibilitySql`).
 */
export async function listModerationQueue(actor: Actor) {
  const hubIds = staffHubIds(actor)
  if (hubIds.length === 0) throw AppError.forbidden()
  const ownOrganisations = actor.memberships.map((membership) => membership.organisationId)
  const waiting = await prisma.$queryRaw<Array<{ id: string }>>`
    SELECT n.id FROM "Need" n
    WHERE n."hubId" = ANY(${hubIds}) AND NOT (n."partnerId" = ANY(${ownOrganisations}))
      AND (n.status = 'SUBMITTED' OR (n.status = 'PUBLISHED' AND n."revisionSubmittedAt" IS NOT NULL))
      AND ${needVisibilitySql(actor, 'n').visible}
    ORDER BY n."submittedAt" ASC NULLS LAST, n.id COLLATE "C"
    LIMIT 200`
  const order = new Map(waiting.map((row, index) => [row.id, index]))
  const needs = await prisma.need.findMany({
    where: { id: { in: [...order.keys()] } },
    select: {
      id: true,
      title: true,
      summary: true,
      kind: true,
      status: true,
      visibility: true,
      matchingMode: true,
      submittedAt: true,
      revisionSubmittedAt: true,
      pendingRevision: true,
      deadline: true,
      budgetMinEur: true,
      budgetMaxEur: true,
      partner: { select: { name: true } },
      hub: { select: { shortName: true } },
    },
  })
  return needs
    .sort((a, b) => order.get(a.id)! - order.get(b.id)!)
    .filter((need) => need.status === 'SUBMITTED' || readRevision(need.pendingRevision)?.state === 'SUBMITTED')
    .map(({ pendingRevision, ...need }) => ({ ...need, isRevision: pendingRevision !== null }))
}
