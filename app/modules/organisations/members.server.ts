import { writeAudit } from '#app/modules/audit/audit.server'
import { queueEmail } from '#app/modules/notifications/email.server'
import { notifyUsers } from '#app/modules/notifications/notifications.server'
import type { Actor, MemberRole, OrgStatus } from '#app/modules/policy/policy'
import { AppError, assertFound } from '#app/modules/shared/app-error'
import { prisma, transaction, type Tx } from '#app/utils/db.server'
import { getEnv } from '#app/utils/env.server'
import { revokeTokensOfMember } from './api-tokens.server'
import type { TeamAction } from './members-schema'
import { decideMemberChange, memberActionsFor, refusalMessage, type MemberDecision, type TeamContext } from './members'

/**
 * An organisation's team, managed by its owners and administrators (decision record 0014): remove
 * a member, change a role, transfer ownership, cancel an invitation; any member leaves. The rules
 * are the pure `decideMemberChange`; every change runs in one transaction that first locks the
 * organisation's row, then reads the actor's role and the owners afresh, so two owners demoting
 * each other at once are served one after the other and the second is refused.
 */

const teamSelect = {
  id: true,
  slug: true,
  name: true,
  status: true,
  homeHubId: true,
  memberships: {
    orderBy: { createdAt: 'asc' },
    select: { id: true, role: true, userId: true, createdAt: true, user: { select: { name: true, email: true } } },
  },
} as const

function teamContext(organisation: { status: OrgStatus; memberships: Array<{ userId: string; role: MemberRole }> }, userId: string): TeamContext {
  return {
    actorRole: organisation.memberships.find((membership) => membership.userId === userId)?.role ?? null,
    ownerCount: organisation.memberships.filter((membership) => membership.role === 'OWNER').length,
    organisationStatus: organisation.status,
  }
}

function assertAllowed(decision: MemberDecision) {
  if (decision.ok) return
  const { status, code, messageKey } = refusalMessage(decision.refusal)
  throw status === 404 ? AppError.notFound() : new AppError(status, code, messageKey)
}

// ───────── the settings page ─────────

/** The team section of the settings page, for any member of the organisation (404 for anyone else). */
export async function getTeamSettings(actor: Actor, slug: string, now = new Date()) {
  const organisation = await prisma.organisation.findUnique({
    where: { slug },
    select: {
      ...teamSelect,
      kind: true,
      invitations: {
        where: { acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
        orderBy: { createdAt: 'desc' },
        select: { id: true, email: true, role: true, createdAt: true, expiresAt: true, invitedBy: { select: { name: true } } },
      },
    },
  })
  const context = organisation ? teamContext(organisation, actor.userId) : null
  assertFound(organisation && context?.actorRole)
  const canManage = decideMemberChange(context, { type: 'cancel-invitation' }).ok
  const leave = decideMemberChange(context, { type: 'leave' })
  return {
    organisation: { id: organisation.id, slug: organisation.slug, name: organisation.name, kind: organisation.kind, status: organisation.status },
    role: context.actorRole,
    canManage,
    canLeave: leave.ok,
    members: organisation.memberships.map((membership) => {
      const self = membership.userId === actor.userId
      return {
        id: membership.id,
        name: membership.user.name,
        email: membership.user.email,
        role: membership.role,
        joinedAt: membership.createdAt,
        self,
        actions: memberActionsFor(context, { role: membership.role, self }),
      }
    }),
    invitations: canManage
      ? organisation.invitations.map(({ invitedBy, ...invitation }) => ({ ...invitation, invitedByName: invitedBy.name }))
      : [],
  }
}

/** The leave page: what leaving does, or why the actor may not leave (404 for non-members). */
export async function getLeavePage(actor: Actor, slug: string) {
  const organisation = await prisma.organisation.findUnique({
    where: { slug },
    select: { id: true, slug: true, name: true, status: true, memberships: { select: { userId: true, role: true } } },
  })
  const context = organisation ? teamContext(organisation, actor.userId) : null
  assertFound(organisation && context?.actorRole)
  const decision = decideMemberChange(context, { type: 'leave' })
  const activeTokens = await prisma.apiToken.count({ where: { organisationId: organisation.id, createdById: actor.userId, revokedAt: null } })
  return {
    organisation: { slug: organisation.slug, name: organisation.name },
    canLeave: decision.ok,
    refusal: decision.ok ? null : refusalMessage(decision.refusal).messageKey,
    activeTokens,
  }
}

// ───────── changes ─────────

type Team = NonNullable<Awaited<ReturnType<typeof lockTeam>>>

/**
 * Locks the organisation's row for the transaction and reads its team as it is now. `NO KEY
 * UPDATE` serialises team changes with one another without blocking the inserts that reference
 * the organisation (an invitation being accepted, a token created), which would risk a deadlock.
 */
async function lockTeam(tx: Tx, slug: string) {
  const [locked] = await tx.db.$queryRaw<Array<{ id: string }>>`SELECT id FROM "Organisation" WHERE slug = ${slug} FOR NO KEY UPDATE`
  if (!locked) return null
  return tx.db.organisation.findUnique({ where: { id: locked.id }, select: teamSelect })
}

async function changeTeam<T>(actor: Actor, slug: string, work: (team: Team, context: TeamContext, tx: Tx) => Promise<T>) {
  return transaction(async (tx) => {
    const team = await lockTeam(tx, slug)
    const context = team ? teamContext(team, actor.userId) : null
    // Someone who is not (or no longer) a member learns nothing about the organisation.
    assertFound(team && context?.actorRole)
    return work(team, context, tx)
  })
}

function findMember(team: Team, membershipId: string) {
  const member = team.memberships.find((membership) => membership.id === membershipId)
  assertFound(member)
  return member
}

const settingsLink = (slug: string) => `/orgs/${slug}/settings`

/**
 * Takes a member out: their membership, the API tokens they created for the organisation (they
 * may have copied them) and the invitations they sent that are still pending (they may have
 * invited themselves under another address). Their next request no longer acts for it.
 */
async function takeOut(tx: Tx, team: Team, member: Team['memberships'][number], actorId: string, requestId?: string) {
  const now = new Date()
  const deleted = await tx.db.membership.deleteMany({ where: { id: member.id, organisationId: team.id } })
  if (deleted.count === 0) throw AppError.conflict('concurrent_change', 'errors.concurrentChange')
  const revokedTokens = await revokeTokensOfMember(tx.db, { organisationId: team.id, userId: member.userId, now, actorId, hubId: team.homeHubId, requestId })
  const cancelled = await tx.db.invitation.updateMany({
    where: { organisationId: team.id, invitedById: member.userId, acceptedAt: null, revokedAt: null },
    data: { revokedAt: now },
  })
  return { revokedTokens: revokedTokens.length, cancelledInvitations: cancelled.count }
}

/** An owner or administrator removes a member (removing oneself is leaving). */
export async function removeMember(actor: Actor, slug: string, membershipId: string, requestId?: string) {
  return changeTeam(actor, slug, async (team, context, tx) => {
    const member = findMember(team, membershipId)
    const self = member.userId === actor.userId
    if (self) return leave(actor, team, context, tx, requestId)
    assertAllowed(decideMemberChange(context, { type: 'remove', targetRole: member.role, self }))
    const effects = await takeOut(tx, team, member, actor.userId, requestId)
    await writeAudit(tx.db, {
      actorId: actor.userId,
      actorOrgId: team.id,
      hubId: team.homeHubId,
      action: 'organisation.member-remove',
      target: { type: 'Membership', id: member.id },
      before: { userId: member.userId, role: member.role },
      after: effects,
      requestId,
    })
    await notifyUsers(tx.db, [member.userId], { kind: 'members:removed', payload: { organisation: team.name } })
    await queueEmail(tx, {
      userId: member.userId,
      about: { type: 'ORGANISATION', id: team.id },
      kind: 'member-removed',
      template: { name: 'members.removed', data: { name: member.user.name, organisationName: team.name, actorName: actor.name } },
    })
    return { name: member.user.name, organisation: team.name, left: false }
  })
}

/** A member leaves the organisation; its owners are told in the app. */
export async function leaveOrganisation(actor: Actor, slug: string, requestId?: string) {
  return changeTeam(actor, slug, (team, context, tx) => leave(actor, team, context, tx, requestId))
}

async function leave(actor: Actor, team: Team, context: TeamContext, tx: Tx, requestId?: string) {
  assertAllowed(decideMemberChange(context, { type: 'leave' }))
  const member = team.memberships.find((membership) => membership.userId === actor.userId)
  assertFound(member)
  const effects = await takeOut(tx, team, member, actor.userId, requestId)
  await writeAudit(tx.db, {
    actorId: actor.userId,
    actorOrgId: team.id,
    hubId: team.homeHubId,
    action: 'organisation.member-leave',
    target: { type: 'Membership', id: member.id },
    before: { userId: member.userId, role: member.role },
    after: effects,
    requestId,
  })
  const owners = team.memberships.filter((membership) => membership.role === 'OWNER' && membership.userId !== actor.userId)
  await notifyUsers(
    tx.db,
    owners.map((owner) => owner.userId),
    { kind: 'members:left', payload: { organisation: team.name, member: member.user.name }, link: settingsLink(team.slug) },
  )
  return { name: member.user.name, organisation: team.name, left: true }
}

/** Changes a member's role (OWNER, ADMIN or MEMBER); the member is told in the app and by e-mail. */
export async function changeMemberRole(actor: Actor, slug: string, membershipId: string, role: MemberRole, requestId?: string) {
  return changeTeam(actor, slug, async (team, context, tx) => {
    const member = findMember(team, membershipId)
    const self = member.userId === actor.userId
    assertAllowed(decideMemberChange(context, { type: 'change-role', targetRole: member.role, newRole: role, self }))
    await setRole(tx, team, member, role)
    await writeAudit(tx.db, {
      actorId: actor.userId,
      actorOrgId: team.id,
      hubId: team.homeHubId,
      action: 'organisation.member-role',
      target: { type: 'Membership', id: member.id },
      before: { userId: member.userId, role: member.role },
      after: { userId: member.userId, role },
      requestId,
    })
    if (!self) await tellRoleChanged(tx, team, member, role, actor.name, 'roleChanged')
    return { name: member.user.name, role }
  })
}

/** The owner hands ownership to another member and stays on as an administrator. */
export async function transferOwnership(actor: Actor, slug: string, membershipId: string, requestId?: string) {
  return changeTeam(actor, slug, async (team, context, tx) => {
    const member = findMember(team, membershipId)
    const self = member.userId === actor.userId
    assertAllowed(decideMemberChange(context, { type: 'transfer-ownership', targetRole: member.role, self }))
    const mine = team.memberships.find((membership) => membership.userId === actor.userId)
    assertFound(mine)
    await setRole(tx, team, member, 'OWNER')
    await setRole(tx, team, mine, 'ADMIN')
    await writeAudit(tx.db, {
      actorId: actor.userId,
      actorOrgId: team.id,
      hubId: team.homeHubId,
      action: 'organisation.ownership-transfer',
      target: { type: 'Organisation', id: team.id },
      before: { owner: actor.userId, newOwnerRole: member.role },
      after: { owner: member.userId, previousOwnerRole: 'ADMIN' },
      requestId,
    })
    await tellRoleChanged(tx, team, member, 'OWNER', actor.name, 'ownershipReceived')
    return { name: member.user.name }
  })
}

async function setRole(tx: Tx, team: Team, member: { id: string; role: MemberRole }, role: MemberRole) {
  // Conditional on the role read under the lock: belt and braces.
  const updated = await tx.db.membership.updateMany({ where: { id: member.id, organisationId: team.id, role: member.role }, data: { role } })
  if (updated.count === 0) throw AppError.conflict('concurrent_change', 'errors.concurrentChange')
}

async function tellRoleChanged(
  tx: Tx,
  team: Team,
  member: Team['memberships'][number],
  role: MemberRole,
  actorName: string,
  template: 'roleChanged' | 'ownershipReceived',
) {
  const link = settingsLink(team.slug)
  await notifyUsers(tx.db, [member.userId], {
    kind: template === 'roleChanged' ? 'members:role-changed' : 'members:ownership-received',
    payload: { organisation: team.name, role },
    link,
  })
  const data = { name: member.user.name, organisationName: team.name, actorName, role, link: `${getEnv().APP_URL}${link}` }
  await queueEmail(tx, {
    userId: member.userId,
    about: { type: 'ORGANISATION', id: team.id },
    kind: template === 'roleChanged' ? 'member-role-changed' : 'member-ownership-received',
    template: template === 'roleChanged' ? { name: 'members.roleChanged', data } : { name: 'members.ownershipReceived', data },
  })
}

/** Cancels a pending invitation: its link answers that it was cancelled; the invited address is told. */
export async function cancelInvitation(actor: Actor, slug: string, invitationId: string, requestId?: string) {
  return changeTeam(actor, slug, async (team, context, tx) => {
    assertAllowed(decideMemberChange(context, { type: 'cancel-invitation' }))
    const invitation = await tx.db.invitation.findFirst({
      where: { id: invitationId, organisationId: team.id },
      select: { id: true, email: true, role: true, acceptedAt: true, revokedAt: true },
    })
    assertFound(invitation)
    if (invitation.acceptedAt) throw AppError.conflict('invitation_accepted', 'members.errors.invitationAccepted')
    if (invitation.revokedAt) return { email: invitation.email }
    const now = new Date()
    const updated = await tx.db.invitation.updateMany({ where: { id: invitation.id, acceptedAt: null, revokedAt: null }, data: { revokedAt: now } })
    if (updated.count === 0) throw AppError.conflict('invitation_accepted', 'members.errors.invitationAccepted')
    await writeAudit(tx.db, {
      actorId: actor.userId,
      actorOrgId: team.id,
      hubId: team.homeHubId,
      action: 'organisation.invitation-cancel',
      target: { type: 'Invitation', id: invitation.id },
      before: { email: invitation.email, role: invitation.role, revokedAt: null },
      after: { revokedAt: now.toISOString() },
      requestId,
    })
    const user = await tx.db.user.findUnique({ where: { email: invitation.email }, select: { id: true } })
    await queueEmail(tx, {
      userId: user?.id,
      to: invitation.email,
      locale: actor.locale,
      about: { type: 'ORGANISATION', id: team.id },
      kind: 'invitation-cancelled',
      template: { name: 'members.invitationCancelled', data: { name: invitation.email, organisationName: team.name, actorName: actor.name } },
    })
    return { email: invitation.email }
  })
}

// ───────── one entry for the settings page's forms ─────────

type TeamActionDone = { stillMember: boolean; toast: { messageKey: string; values: Record<string, string> } }

/** Applies one team form of the settings page; the toast to show, and whether the actor is still a member. */
export async function applyTeamAction(actor: Actor, slug: string, action: TeamAction, requestId?: string): Promise<TeamActionDone> {
  switch (action.intent) {
    case 'remove-member': {
      const removed = await removeMember(actor, slug, action.membershipId, requestId)
      return removed.left
        ? { stillMember: false, toast: { messageKey: 'members.toasts.left', values: { organisation: removed.organisation } } }
        : { stillMember: true, toast: { messageKey: 'members.toasts.removed', values: { name: removed.name } } }
    }
    case 'change-role': {
      const changed = await changeMemberRole(actor, slug, action.membershipId, action.role, requestId)
      return { stillMember: true, toast: { messageKey: 'members.toasts.roleChanged', values: { name: changed.name, role: changed.role } } }
    }
    case 'transfer-ownership': {
      const transferred = await transferOwnership(actor, slug, action.membershipId, requestId)
      return { stillMember: true, toast: { messageKey: 'members.toasts.transferred', values: { name: transferred.name } } }
    }
    case 'cancel-invitation': {
      const cancelled = await cancelInvitation(actor, slug, action.invitationId, requestId)
      return { stillMember: true, toast: { messageKey: 'members.toasts.invitationCancelled', values: { email: cancelled.email } } }
    }
  }
}
