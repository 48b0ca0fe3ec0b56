import type { Prisma } from '#app/generated/prisma/client'
import { writeAudit } from '#app/modules/audit/audit.server'
import { listAuditForActor } from '#app/modules/audit/queries.server'
import { issuePasswordReset } from '#app/modules/auth/service.server'
import { SESSION_IDLE_MS } from '#app/modules/auth/session.server'
import { wasSubmitted } from '#app/modules/needs/need-state'
import { normaliseSiren } from '#app/modules/organisations/siren'
import {
  adminHubIds,
  applicationViewFor,
  canAdministerUser,
  canViewOrganisationAsStaff,
  canViewUserAsStaff,
  isHubAdmin,
  staffHubIds,
  type Actor,
  type UserHubs,
} from '#app/modules/policy/policy'
import { AppError, assertFound } from '#app/modules/shared/app-error'
import { prisma, transaction } from '#app/utils/db.server'
import { DIRECTORY_CSV_CAP, DIRECTORY_PAGE_SIZE, type OrganisationFilters, type UserAdminInput, type UserFilters } from './directory-schema'

/**
 * The staff directory (issue 13, part 6; decision 0023): the organisations of the actor's hubs
 * (their home hub: a partner of another hub whose needs are shared with the hub is not listed),
 * their staff page, the users who belong to those hubs, and the administration of an account
 * (disable, enable, force a password reset) by the hub's administrators.
 */

function requireStaff(actor: Actor) {
  const hubIds = staffHubIds(actor)
  if (hubIds.length === 0) throw AppError.forbidden()
  return hubIds
}

// ───────── organisations ─────────

function organisationWhere(hubIds: string[], filters: OrganisationFilters): Prisma.OrganisationWhereInput {
  const hubs = filters.hub && hubIds.includes(filters.hub) ? [filters.hub] : hubIds
  const where: Prisma.OrganisationWhereInput = { homeHubId: { in: hubs } }
  if (filters.status) where.status = filters.status
  if (filters.kind) where.kind = filters.kind
  const q = filters.q
  if (q) {
    const or: Prisma.OrganisationWhereInput[] = [{ name: { contains: q, mode: 'insensitive' } }, { skills: { has: q.toLowerCase() } }]
    const digits = normaliseSiren(q)
    if (/^\d{3,9}$/.test(digits)) or.push({ siren: { startsWith: digits } })
    where.OR = or
  }
  return where
}

const organisationRowSelect = {
  id: true,
  name: true,
  kind: true,
  siren: true,
  status: true,
  communeName: true,
  revenueBand: true,
  skills: true,
  createdAt: true,
  verifiedAt: true,
  homeHub: { select: { id: true, shortName: true } },
  _count: { select: { memberships: true } },
} satisfies Prisma.OrganisationSelect

/**
 * The organisations of the actor's hubs matching a search (name, SIREN or skill) and filters, a
 * page of them, or every one (up to DIRECTORY_CSV_CAP) for the CSV export.
 */
export async function searchOrganisations(actor: Actor, filters: OrganisationFilters, options: { all?: boolean } = {}) {
  const hubIds = requireStaff(actor)
  const where = organisationWhere(hubIds, filters)
  const [total, rows, hubs] = await Promise.all([
    prisma.organisation.count({ where }),
    prisma.organisation.findMany({
      where,
      orderBy: [{ name: 'asc' }, { id: 'asc' }],
      skip: options.all ? 0 : (filters.page - 1) * DIRECTORY_PAGE_SIZE,
      take: options.all ? DIRECTORY_CSV_CAP : DIRECTORY_PAGE_SIZE,
      select: organisationRowSelect,
    }),
    prisma.hub.findMany({ where: { id: { in: hubIds } }, orderBy: { shortName: 'asc' }, select: { id: true, shortName: true } }),
  ])
  return {
    total,
    page: filters.page,
    pageSize: DIRECTORY_PAGE_SIZE,
    hubs,
    organisations: rows.map(({ _count, ...row }) => ({ ...row, membersCount: _count.memberships })),
  }
}

/**
 * An organisation's staff page: staff of its home hub only (anyone else: 404). Drafts of needs and
 * applications stay with their authors; applications are those the actor reads as staff.
 */
export async function getOrganisationForStaff(actor: Actor, organisationId: string) {
  const organisation = await prisma.organisation.findUnique({
    where: { id: organisationId },
    select: {
      ...organisationRowSelect,
      slug: true,
      homeHubId: true,
      headcount: true,
      website: true,
      description: true,
      statusReason: true,
      charterAcceptedAt: true,
      memberships: {
        orderBy: { createdAt: 'asc' },
        select: { role: true, createdAt: true, user: { select: { id: true, name: true, email: true, lastLoginAt: true, disabledAt: true } } },
      },
    },
  })
  assertFound(organisation && canViewOrganisationAsStaff(actor, organisation))
  const hubIds = staffHubIds(actor)

  const needs = (
    await prisma.need.findMany({
      where: { partnerId: organisation.id, status: { not: 'DRAFT' }, hubId: { in: hubIds } },
      orderBy: { createdAt: 'desc' },
      take: 200,
      select: { id: true, title: true, status: true, createdAt: true, submittedAt: true, publishedAt: true, closedAt: true },
    })
  ).filter((need) => wasSubmitted(need))

  const applicationRows = await prisma.application.findMany({
    where: {
      status: { not: 'DRAFT' },
      need: { hubId: { in: hubIds } },
      ...(organisation.kind === 'FIRM' ? { firmId: organisation.id } : { need: { partnerId: organisation.id, hubId: { in: hubIds } } }),
    },
    orderBy: { submittedAt: 'desc' },
    take: 200,
    select: {
      id: true,
      status: true,
      firmId: true,
      submittedAt: true,
      decidedAt: true,
      priceEur: true,
      firm: { select: { id: true, name: true } },
      consortium: { select: { organisationId: true } },
      need: { select: { id: true, title: true, partnerId: true, hubId: true, screeningRequired: true, partner: { select: { name: true } }, sharedWith: { select: { hubId: true } } } },
      deal: { select: { id: true, status: true, pilotValueEur: true, contractValueEur: true, contractSignedAt: true, createdAt: true } },
    },
  })
  const applications = applicationRows.filter(
    (row) =>
      applicationViewFor(actor, {
        firmId: row.firmId,
        status: row.status,
        consortiumIds: row.consortium.map((member) => member.organisationId),
        need: { ...row.need, sharedHubIds: row.need.sharedWith.map((share) => share.hubId) },
      }) === 'staff',
  )
  const deals = applications.flatMap((row) =>
    row.deal ? [{ ...row.deal, applicationId: row.id, needTitle: row.need.title, firmName: row.firm.name, partnerName: row.need.partner.name }] : [],
  )

  // The audit viewer's own query and rule (its hubs, no drafts never submitted), its newest ten rows.
  const { rows: audit } = await listAuditForActor(actor, { actor: undefined, organisation: organisation.id, record: undefined, action: undefined, before: undefined }, { start: new Date(0), end: new Date(8.64e15) }, { limit: 10, paged: false })

  const { memberships, _count, ...profile } = organisation
  return {
    organisation: { ...profile, membersCount: _count.memberships },
    members: memberships.map((membership) => ({ ...membership.user, role: membership.role, memberSince: membership.createdAt })),
    needs,
    applications: applications.map(({ consortium: _consortium, deal: _deal, ...row }) => ({
      id: row.id,
      status: row.status,
      submittedAt: row.submittedAt,
      decidedAt: row.decidedAt,
      priceEur: row.priceEur,
      firmName: row.firm.name,
      needTitle: row.need.title,
      partnerName: row.need.partner.name,
    })),
    deals,
    audit: audit.map((row) => ({ id: row.id, action: row.action, targetType: row.targetType, createdAt: row.createdAt, actorName: row.actorName })),
  }
}

// ───────── users ─────────

/** The users staff may find (`canViewUserAsStaff`): members of their hubs' organisations, and the staff of the hubs they administer. */
function userScope(actor: Actor): Prisma.UserWhereInput {
  return {
    OR: [
      { memberships: { some: { organisation: { homeHubId: { in: staffHubIds(actor) } } } } },
      { staffRoles: { some: { hubId: { in: adminHubIds(actor) } } } },
    ],
  }
}

export async function searchUsers(actor: Actor, filters: UserFilters, options: { all?: boolean } = {}) {
  const hubIds = requireStaff(actor)
  const where: Prisma.UserWhereInput = { AND: [userScope(actor)] }
  if (filters.q) {
    ;(where.AND as Prisma.UserWhereInput[]).push({
      OR: [{ name: { contains: filters.q, mode: 'insensitive' } }, { email: { contains: filters.q, mode: 'insensitive' } }],
    })
  }
  const [total, rows] = await Promise.all([
    prisma.user.count({ where }),
    prisma.user.findMany({
      where,
      orderBy: [{ name: 'asc' }, { id: 'asc' }],
      skip: options.all ? 0 : (filters.page - 1) * DIRECTORY_PAGE_SIZE,
      take: options.all ? DIRECTORY_CSV_CAP : DIRECTORY_PAGE_SIZE,
      select: {
        id: true,
        name: true,
        email: true,
        lastLoginAt: true,
        disabledAt: true,
        passwordResetRequiredAt: true,
        memberships: {
          where: { organisation: { homeHubId: { in: hubIds } } },
          select: { role: true, organisation: { select: { id: true, name: true } } },
        },
        staffRoles: { where: { hubId: { in: adminHubIds(actor) } }, select: { role: true, hub: { select: { shortName: true } } } },
      },
    }),
  ])
  return { total, page: filters.page, pageSize: DIRECTORY_PAGE_SIZE, users: rows }
}

async function userHubs(userId: string): Promise<UserHubs | null> {
  const user = await prisma.user.findUnique({
    where: { id: userId },
    select: { id: true, memberships: { select: { organisation: { select: { homeHubId: true } } } }, staffRoles: { select: { hubId: true } } },
  })
  if (!user) return null
  return {
    userId: user.id,
    memberHubIds: [...new Set(user.memberships.map((membership) => membership.organisation.homeHubId))],
    staffHubIds: user.staffRoles.map((role) => role.hubId),
  }
}

/**
 * A user's staff page. Memberships and staff roles are those of the actor's hubs (the page of an
 * organisation of another hub would answer 404: the list does not name it either).
 */
export async function getUserForStaff(actor: Actor, userId: string) {
  const hubIds = staffHubIds(actor)
  const hubs = await userHubs(userId)
  assertFound(hubs && canViewUserAsStaff(actor, hubs))
  const now = Date.now()
  const [user, sessions] = await Promise.all([
    prisma.user.findUniqueOrThrow({
      where: { id: userId },
      select: {
        id: true,
        name: true,
        email: true,
        createdAt: true,
        lastLoginAt: true,
        emailVerifiedAt: true,
        disabledAt: true,
        disabledReason: true,
        passwordResetRequiredAt: true,
        memberships: {
          where: { organisation: { homeHubId: { in: hubIds } } },
          orderBy: { createdAt: 'asc' },
          select: { role: true, createdAt: true, organisation: { select: { id: true, name: true, kind: true, status: true, homeHub: { select: { shortName: true } } } } },
        },
        staffRoles: { where: { hubId: { in: adminHubIds(actor) } }, select: { role: true, hub: { select: { shortName: true } } } },
      },
    }),
    prisma.session.count({ where: { userId, expiresAt: { gt: new Date(now) }, lastSeenAt: { gt: new Date(now - SESSION_IDLE_MS) } } }),
  ])
  return {
    user: { ...user, sessions },
    canAdminister: canAdministerUser(actor, hubs),
    isAdmin: [...hubs.memberHubIds, ...hubs.staffHubIds].some((hubId) => isHubAdmin(actor, hubId)),
  }
}

/** The hub an administration is audited in: the first hub of the user's that the actor administers. */
function auditHub(actor: Actor, hubs: UserHubs) {
  return [...hubs.staffHubIds, ...hubs.memberHubIds].find((hubId) => isHubAdmin(actor, hubId)) ?? null
}

/**
 * Disable, enable or force a password reset. Unknown to the actor: 404; known but not theirs to
 * administer (a moderator, themselves, another hub's staff): 403. Each is one transaction with its
 * audit row (before, after, and the reason of a disabling).
 */
export async function authoriseUserAdministration(actor: Actor, userId: string) {
  const hubs = await userHubs(userId)
  assertFound(hubs && canViewUserAsStaff(actor, hubs))
  if (!canAdministerUser(actor, hubs)) throw AppError.forbidden()
  return hubs
}

export async function administerUser(actor: Actor, input: UserAdminInput, requestId?: string) {
  const hubs = await authoriseUserAdministration(actor, input.userId)
  const hubId = auditHub(actor, hubs)
  return transaction(async (tx) => {
    const user = await tx.db.user.findUniqueOrThrow({
      where: { id: input.userId },
      select: { id: true, name: true, disabledAt: true, disabledReason: true, passwordResetRequiredAt: true },
    })
    const audit = (action: string, before: Prisma.InputJsonValue, after: Prisma.InputJsonValue) =>
      writeAudit(tx.db, { actorId: actor.userId, hubId, action, target: { type: 'User', id: user.id }, before, after, requestId })
    if (input.intent === 'disable') {
      if (user.disabledAt) throw AppError.conflict('already_disabled', 'directory.errors.alreadyDisabled')
      const disabledAt = new Date()
      // Conditional on the state read above: two administrators at once disable once.
      const updated = await tx.db.user.updateMany({ where: { id: user.id, disabledAt: null }, data: { disabledAt, disabledReason: input.reason } })
      if (updated.count === 0) throw AppError.conflict('concurrent_change', 'errors.concurrentChange')
      const sessions = await tx.db.session.deleteMany({ where: { userId: user.id } })
      await audit('user.disable', { disabledAt: null }, { disabledAt: disabledAt.toISOString(), reason: input.reason, sessionsEnded: sessions.count })
      return { done: 'disable' as const }
    }
    if (input.intent === 'enable') {
      if (!user.disabledAt) throw AppError.conflict('not_disabled', 'directory.errors.notDisabled')
      const updated = await tx.db.user.updateMany({ where: { id: user.id, disabledAt: user.disabledAt }, data: { disabledAt: null, disabledReason: null } })
      if (updated.count === 0) throw AppError.conflict('concurrent_change', 'errors.concurrentChange')
      await audit('user.enable', { disabledAt: user.disabledAt.toISOString(), reason: user.disabledReason }, { disabledAt: null })
      return { done: 'enable' as const }
    }
    // A disabled account receives no e-mail, a reset link least of all: enable it first.
    if (user.disabledAt) throw AppError.conflict('user_disabled', 'directory.errors.resetWhileDisabled')
    const requiredAt = new Date()
    await tx.db.user.update({ where: { id: user.id }, data: { passwordResetRequiredAt: requiredAt } })
    const sessions = await tx.db.session.deleteMany({ where: { userId: user.id } })
    await issuePasswordReset(tx, user)
    await audit(
      'user.force-reset',
      { passwordResetRequiredAt: user.passwordResetRequiredAt?.toISOString() ?? null },
      { passwordResetRequiredAt: requiredAt.toISOString(), sessionsEnded: sessions.count },
    )
    return { done: 'forceReset' as const }
  })
}
