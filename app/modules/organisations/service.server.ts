import { createHash, randomBytes } from 'node:crypto'
import { writeAudit } from '#app/modules/audit/audit.server'
import { checkSirenForCreation } from '#app/modules/companies/service.server'
import { enqueueJob } from '#app/modules/jobs/queue.server'
import { assertKnownNafCodes } from '#app/modules/naf/naf'
import { queueEmail } from '#app/modules/notifications/email.server'
import {
  actsForOrganisation,
  canManageOrganisation,
  canModerateOrganisation,
  canViewOrganisation,
  isMemberOf,
  staffHubIds,
  type Actor,
} from '#app/modules/policy/policy'
import { AppError, assertFound, isUniqueViolation } from '#app/modules/shared/app-error'
import { prisma, transaction } from '#app/utils/db.server'
import { getEnv } from '#app/utils/env.server'
import { organisationMachine, type OrganisationAction } from './organisation-state'
import { requireCommune } from './commune-input'
import type { CreateOrganisationInput } from './schema'

const INVITATION_TTL_MS = 14 * 24 * 60 * 60 * 1000

export async function listHubs() {
  return prisma.hub.findMany({ orderBy: { name: 'asc' }, select: { id: true, slug: true, name: true, shortName: true, city: true } })
}

export function slugify(value: string) {
  return (
    value
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 50) || 'organisation'
  )
}

/** Slugs that would collide with the organisation routes (/orgs/new …). */
const RESERVED_SLUGS = new Set(['new', 'edit', 'settings', 'tokens', 'team', 'api', 'admin', 'staff'])

async function uniqueSlug(name: string) {
  const base = RESERVED_SLUGS.has(slugify(name)) ? `${slugify(name)}-organisation` : slugify(name)
  for (let attempt = 0; attempt < 50; attempt++) {
    const candidate = attempt === 0 ? base : `${base}-${attempt + 1}`
    const taken = await prisma.organisation.findUnique({ where: { slug: candidate }, select: { id: true } })
    if (!taken) return candidate
  }
  return `${base}-${randomBytes(3).toString('hex')}`
}

/** A new organisation starts PENDING until its hub's staff verify it; its creator is its owner. */
export async function createOrganisation(actor: Actor, input: CreateOrganisationInput, requestId?: string) {
  const hub = await prisma.hub.findUnique({ where: { id: input.homeHubId }, select: { id: true } })
  if (!hub) throw AppError.invalid({ homeHubId: ['validation.invalidChoice'] })
  const commune = requireCommune(input.communeInsee)
  const sirenTaken = await prisma.organisation.findUnique({ where: { siren: input.siren }, select: { id: true } })
  if (sirenTaken) throw AppError.invalid({ siren: ['validation.sirenTaken'] })
  // The public company directory: a ceased company is refused; its answer is kept for staff.
  const directory = await checkSirenForCreation(input.siren)
  assertKnownNafCodes(input.nafCodes)
  const slug = await uniqueSlug(input.name)
  return transaction(async ({ db }) => {
    const organisation = await db.organisation
      .create({
      data: {
        slug,
        kind: input.kind,
        name: input.name,
        siren: input.siren,
        homeHubId: hub.id,
        communeInsee: commune.insee,
        communeName: commune.name,
        headcount: input.headcount ?? null,
        revenueBand: input.revenueBand ?? null,
        foundedYear: input.foundedYear ?? null,
        website: input.website ?? null,
        description: input.description,
        skills: input.skills,
        nafCodes: input.nafCodes,
        memberships: { create: { userId: actor.userId, role: 'OWNER' } },
        ...directory,
      },
      select: { id: true, slug: true, status: true, kind: true, name: true },
      })
      .catch((error: unknown) => {
        // The same SIREN (or slug) registered at the same moment by someone else.
        if (isUniqueViolation(error)) throw AppError.invalid({ siren: ['validation.sirenTaken'] })
        throw error
      })
    await writeAudit(db, {
      actorId: actor.userId,
      actorOrgId: organisation.id,
      hubId: hub.id,
      action: 'organisation.create',
      target: { type: 'Organisation', id: organisation.id },
      after: { status: organisation.status, kind: organisation.kind, name: organisation.name },
      requestId,
    })
    return organisation
  })
}

export async function getOrganisationPage(actor: Actor, slug: string) {
  const organisation = await prisma.organisation.findUnique({
    where: { slug },
    include: {
      homeHub: { select: { id: true, name: true } },
      memberships: {
        orderBy: { createdAt: 'asc' },
        select: { id: true, role: true, user: { select: { id: true, name: true, email: true } } },
      },
      invitations: {
        where: { acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
        orderBy: { createdAt: 'desc' },
        select: { id: true, email: true, role: true, createdAt: true },
      },
    },
  })
  assertFound(organisation && canViewOrganisation(actor, organisation))
  const isMember = isMemberOf(actor, organisation.id)
  const canManage = canManageOrganisation(actor, organisation.id)
  return {
    organisation: {
      id: organisation.id,
      slug: organisation.slug,
      kind: organisation.kind,
      name: organisation.name,
      siren: organisation.siren,
      status: organisation.status,
      statusReason: isMember ? organisation.statusReason : null,
      hub: organisation.homeHub,
      communeName: organisation.communeName,
      headcount: organisation.headcount,
      revenueBand: organisation.revenueBand,
      foundedYear: organisation.foundedYear,
      website: organisation.website,
      description: organisation.description,
      skills: organisation.skills,
      nafCodes: organisation.nafCodes,
      labels: organisation.labels,
    },
    // Team e-mails are for the team and its hub's staff only.
    members: organisation.memberships.map((membership) => ({
      id: membership.id,
      role: membership.role,
      name: membership.user.name,
      email: isMember || staffHubIds(actor).includes(organisation.homeHubId) ? membership.user.email : null,
    })),
    invitations: canManage ? organisation.invitations : [],
    canManage,
    isMember,
  }
}

function hashToken(token: string) {
  return createHash('sha256').update(token).digest('hex')
}

export async function inviteMember(
  actor: Actor,
  organisationId: string,
  input: { email: string; role: 'OWNER' | 'ADMIN' | 'MEMBER' },
  requestId?: string,
) {
  const organisation = await prisma.organisation.findUnique({
    where: { id: organisationId },
    select: { id: true, name: true, homeHubId: true, memberships: { select: { user: { select: { email: true } } } } },
  })
  assertFound(organisation && isMemberOf(actor, organisation.id))
  if (!canManageOrganisation(actor, organisation.id)) throw AppError.forbidden('errors.onlyOrgAdmins')
  if (!actsForOrganisation(actor, organisation.id)) throw AppError.forbidden('errors.inviteNeedsVerified')
  if (input.role === 'OWNER') throw AppError.invalid({ role: ['validation.invalidChoice'] })
  if (organisation.memberships.some((membership) => membership.user.email === input.email)) {
    throw AppError.invalid({ email: ['validation.alreadyMember'] })
  }
  const token = randomBytes(32).toString('base64url')
  const link = `${getEnv().APP_URL}/invitations/${token}`
  await transaction(async (tx) => {
    const invitation = await tx.db.invitation.create({
      data: {
        organisationId: organisation.id,
        email: input.email,
        role: input.role,
        tokenHash: hashToken(token),
        invitedById: actor.userId,
        expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
      },
      select: { id: true },
    })
    const existingUser = await tx.db.user.findUnique({ where: { email: input.email }, select: { id: true } })
    await queueEmail(tx, {
      userId: existingUser?.id,
      to: input.email,
      locale: actor.locale,
      about: { type: 'ORGANISATION', id: organisation.id },
      kind: 'invitation',
      template: { name: 'invitation', data: { inviterName: actor.name, organisationName: organisation.name, link } },
    })
    await writeAudit(tx.db, {
      actorId: actor.userId,
      actorOrgId: organisation.id,
      hubId: organisation.homeHubId,
      action: 'organisation.invite',
      target: { type: 'Invitation', id: invitation.id },
      after: { email: input.email, role: input.role },
      requestId,
    })
  })
}

export async function getInvitation(token: string) {
  if (token.length < 20 || token.length > 100) return null
  const invitation = await prisma.invitation.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      id: true,
      email: true,
      role: true,
      acceptedAt: true,
      revokedAt: true,
      expiresAt: true,
      organisation: { select: { id: true, name: true, slug: true, kind: true } },
      invitedBy: { select: { name: true } },
    },
  })
  if (!invitation || invitation.acceptedAt || invitation.revokedAt || invitation.expiresAt.getTime() <= Date.now()) return null
  return invitation
}

/** Whether an invitation link was cancelled by the organisation (its page says so rather than "invalid"). */
export async function isInvitationCancelled(token: string) {
  if (token.length < 20 || token.length > 100) return false
  const invitation = await prisma.invitation.findUnique({ where: { tokenHash: hashToken(token) }, select: { acceptedAt: true, revokedAt: true } })
  return Boolean(invitation?.revokedAt && !invitation.acceptedAt)
}

/** The invitation goes to an address; whoever holds the link and is signed in with that address joins. */
export async function acceptInvitation(actor: Actor, token: string, requestId?: string) {
  const invitation = await getInvitation(token)
  if (!invitation) throw AppError.conflict('invitation_invalid', 'errors.invitationInvalid')
  if (invitation.email !== actor.email) {
    throw AppError.conflict('invitation_other_address', 'errors.invitationOtherAddress', { email: invitation.email })
  }
  const verified = await prisma.user.findUnique({ where: { id: actor.userId }, select: { emailVerifiedAt: true } })
  if (!verified?.emailVerifiedAt) throw AppError.conflict('email_unverified', 'account.errors.unverifiedInvitation')
  return transaction(async ({ db }) => {
    const accepted = await db.invitation.updateMany({
      // Not if it was accepted or cancelled meanwhile.
      where: { id: invitation.id, acceptedAt: null, revokedAt: null },
      data: { acceptedAt: new Date() },
    })
    if (accepted.count === 0) throw AppError.conflict('invitation_invalid', 'errors.invitationInvalid')
    await db.membership.upsert({
      where: { userId_organisationId: { userId: actor.userId, organisationId: invitation.organisation.id } },
      create: { userId: actor.userId, organisationId: invitation.organisation.id, role: invitation.role },
      update: {},
    })
    await writeAudit(db, {
      actorId: actor.userId,
      actorOrgId: invitation.organisation.id,
      action: 'organisation.join',
      target: { type: 'Organisation', id: invitation.organisation.id },
      after: { role: invitation.role },
      requestId,
    })
    return invitation.organisation
  })
}

// ───────── staff ─────────

export async function listOrganisationsForStaff(actor: Actor, status: 'PENDING' | 'VERIFIED' | 'REJECTED' | 'SUSPENDED' = 'PENDING') {
  const hubIds = staffHubIds(actor)
  if (hubIds.length === 0) throw AppError.forbidden()
  return prisma.organisation.findMany({
    where: { homeHubId: { in: hubIds }, status },
    orderBy: { createdAt: 'asc' },
    take: 200,
    select: {
      id: true,
      slug: true,
      name: true,
      kind: true,
      siren: true,
      status: true,
      communeName: true,
      createdAt: true,
      homeHub: { select: { shortName: true } },
    },
  })
}

export async function moderateOrganisation(
  actor: Actor,
  input: { organisationId: string; action: OrganisationAction; reason: string },
  requestId?: string,
) {
  const organisation = await prisma.organisation.findUnique({
    where: { id: input.organisationId },
    select: { id: true, kind: true, name: true, slug: true, status: true, homeHubId: true, memberships: { where: { role: 'OWNER' }, select: { userId: true, user: { select: { name: true } } } } },
  })
  assertFound(organisation && canModerateOrganisation(actor, organisation))
  if ((input.action === 'reject' || input.action === 'suspend') && !input.reason) {
    throw AppError.invalid({ reason: ['validation.reasonRequired'] })
  }
  const result = organisationMachine.transition(organisation.status, input.action)
  if (!result.ok) {
    throw AppError.conflict('invalid_transition', 'errors.organisationTransition', {
      action: input.action,
      status: organisation.status,
    })
  }
  return transaction(async (tx) => {
    // Conditional on the status read above: two staff acting at once cannot both apply.
    const updated = await tx.db.organisation.updateMany({
      where: { id: organisation.id, status: organisation.status },
      data: {
        status: result.to,
        statusReason: input.reason || null,
        ...(result.to === 'VERIFIED' ? { verifiedAt: new Date() } : {}),
      },
    })
    if (updated.count === 0) {
      throw AppError.conflict('concurrent_change', 'errors.concurrentChange')
    }
    await writeAudit(tx.db, {
      actorId: actor.userId,
      hubId: organisation.homeHubId,
      action: `organisation.${input.action}`,
      target: { type: 'Organisation', id: organisation.id },
      before: { status: organisation.status },
      after: { status: result.to, reason: input.reason || null },
      requestId,
    })
    // A firm verified gets its matches; suspended or rejected, it loses them.
    if (organisation.kind === 'FIRM') tx.afterCommit(() => enqueueJob('matching.score-firm', { firmId: organisation.id }, { delay: 0 }))
    if (input.action === 'verify') {
      for (const owner of organisation.memberships) {
        await queueEmail(tx, {
          userId: owner.userId,
          about: { type: 'ORGANISATION', id: organisation.id },
          kind: 'organisation-verified',
          template: {
            name: 'organisationVerified',
            data: { name: owner.user.name, organisationName: organisation.name, link: `${getEnv().APP_URL}/orgs/${organisation.slug}` },
          },
        })
      }
    }
    return { status: result.to }
  })
}
