import { loadActors } from '#app/modules/auth/actors.server'
import { UNDECIDED } from '#app/modules/applications/service.server'
import { listRecommendations } from '#app/modules/matching/invitations.server'
import { actsForOrganisation, type Actor } from '#app/modules/policy/policy'
import { charterDueDay, daysLate } from '#app/modules/reminders/schedule'
import { prisma } from '#app/utils/db.server'
import { homePathFor } from './home-path'

/**
 * The homes after log-in. `homePathFor` (pure) decides where each person lands; the partner's
 * home is read here: its needs by status, the applications it has to decide (late first, by the
 * charter's rule of the reminders), and the best recommended firms of its open needs (as the
 * need's recommendations page lists them, for the same people).
 */

export async function homePathForUser(userId: string) {
  const actor = (await loadActors([userId])).get(userId)
  return actor ? homePathFor(actor) : '/'
}

/** The partner organisations the actor belongs to, the one asked for (by slug) first. */
export function partnerOrganisationsOf(actor: Actor) {
  return actor.memberships.filter((membership) => membership.organisation.kind === 'PARTNER').map((membership) => membership.organisation)
}

/** Needs shown per status on the home; the needs page lists them all. */
const NEEDS_PER_STATUS = 10
/** Open needs whose recommended firms the home shows, and how many firms each. */
const RECOMMENDED_NEEDS = 5
const RECOMMENDED_FIRMS = 3
/** Applications to decide listed on the home (late first). */
const TO_DECIDE_LIMIT = 50

const STATUS_ORDER = ['SUBMITTED', 'CHANGES_REQUESTED', 'PUBLISHED', 'DRAFT', 'CLOSED', 'AWARDED', 'NOT_AWARDED', 'ARCHIVED'] as const

/**
 * The home of one partner organisation the actor belongs to (`null`: the actor belongs to none,
 * or not to the one asked for). Every member reads it; the recommendations only while the
 * organisation is verified, as on the needs' own pages.
 */
export async function getPartnerHome(actor: Actor, slug?: string | null, now = new Date()) {
  const partners = partnerOrganisationsOf(actor)
  const partner = slug ? partners.find((organisation) => organisation.slug === slug) : partners[0]
  if (!partner) return null

  const [byStatus, needs, undecided, charter] = await Promise.all([
    prisma.need.groupBy({ by: ['status'], where: { partnerId: partner.id }, _count: { _all: true } }),
    prisma.need.findMany({
      where: { partnerId: partner.id },
      orderBy: [{ updatedAt: 'desc' }, { id: 'asc' }],
      take: 500,
      select: { id: true, title: true, status: true, deadline: true, publishedAt: true, updatedAt: true, matchingMode: true, revisionSubmittedAt: true },
    }),
    // What the application page shows the partner as undecided: submitted and not withdrawn nor
    // decided, and past staff screening where the need asks for it (`applicationViewFor`).
    prisma.application.findMany({
      where: {
        need: { partnerId: partner.id },
        status: { in: [...UNDECIDED] },
        submittedAt: { not: null },
        NOT: { need: { screeningRequired: true }, status: { in: ['SUBMITTED', 'SCREENING'] } },
      },
      select: { id: true, status: true, submittedAt: true, firm: { select: { name: true } }, need: { select: { id: true, title: true, hub: { select: { charterResponseDays: true } } } } },
    }),
    prisma.organisation.findUnique({ where: { id: partner.id }, select: { charterResponseDays: true } }),
  ])

  const counts = Object.fromEntries(byStatus.map((row) => [row.status, row._count._all])) as Record<string, number>
  const groups = STATUS_ORDER.filter((status) => (counts[status] ?? 0) > 0).map((status) => ({
    status,
    count: counts[status] ?? 0,
    needs: needs.filter((need) => need.status === status).slice(0, NEEDS_PER_STATUS),
  }))

  const toDecide = undecided
    .map((application) => {
      const days = charter?.charterResponseDays ?? application.need.hub.charterResponseDays
      const submittedAt = application.submittedAt!
      return {
        id: application.id,
        status: application.status,
        submittedAt,
        firm: application.firm.name,
        need: { id: application.need.id, title: application.need.title },
        dueDay: charterDueDay(submittedAt, days),
        daysLate: daysLate(submittedAt, days, now),
      }
    })
    // Late first (most late first), then the oldest submitted.
    .sort((a, b) => b.daysLate - a.daysLate || a.submittedAt.getTime() - b.submittedAt.getTime() || (a.id < b.id ? -1 : 1))

  const open = actsForOrganisation(actor, partner.id)
    ? needs
        .filter((need) => need.status === 'PUBLISHED')
        .sort((a, b) => (a.deadline?.getTime() ?? Infinity) - (b.deadline?.getTime() ?? Infinity) || (a.id < b.id ? -1 : 1))
        .slice(0, RECOMMENDED_NEEDS)
    : []
  const recommendations = await Promise.all(
    open.map(async (need) => {
      const list = await listRecommendations(actor, need.id, {}, RECOMMENDED_FIRMS)
      return {
        need: { id: need.id, title: need.title, matchingMode: need.matchingMode },
        total: list.total,
        firms: list.matches.map((match) => ({ id: match.id, score: match.score, status: match.status, firm: { name: match.firm.name, slug: match.firm.slug, communeName: match.firm.communeName, hub: match.firm.homeHub.shortName } })),
      }
    }),
  )

  return {
    partner: { id: partner.id, name: partner.name, slug: partner.slug, status: partner.status },
    partners: partners.map((organisation) => ({ name: organisation.name, slug: organisation.slug })),
    totalNeeds: Object.values(counts).reduce((sum, count) => sum + count, 0),
    groups,
    toDecide: toDecide.slice(0, TO_DECIDE_LIMIT),
    toDecideCount: toDecide.length,
    lateCount: toDecide.filter((application) => application.daysLate > 0).length,
    recommendations: recommendations.filter((entry) => entry.total > 0),
    openNeeds: open.length,
  }
}
