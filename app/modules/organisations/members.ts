/**
 * Who may change an organisation's team, and how (pure; decision record 0014). The service reads
 * the actor's role and the owner count afresh, under a lock on the organisation, then asks here:
 *
 * | change                     | OWNER                         | ADMIN                              | MEMBER |
 * |----------------------------|-------------------------------|------------------------------------|--------|
 * | remove a MEMBER            | yes                           | yes                                | no     |
 * | remove an ADMIN            | yes                           | no (owners only)                   | no     |
 * | remove an OWNER            | yes, unless the last          | no                                 | no     |
 * | MEMBER → ADMIN             | yes                           | yes                                | no     |
 * | ADMIN → MEMBER             | yes                           | only themselves                    | no     |
 * | anyone → OWNER             | yes                           | no                                 | no     |
 * | OWNER → ADMIN/MEMBER       | yes, unless the last owner    | no                                 | no     |
 * | transfer ownership         | yes (they become ADMIN)       | no                                 | no     |
 * | cancel an invitation       | yes                           | yes                                | no     |
 * | leave                      | unless the last owner         | yes                                | yes    |
 *
 * Changes that give power (a higher role, ownership) need a PENDING or VERIFIED organisation;
 * changes that take it away (removal, demotion, leaving, cancelling) are always possible: a
 * suspended organisation can still show a departed employee the door.
 */
import type { MemberRole, OrgStatus } from '#app/modules/policy/policy'

export const TEAM_ROLES = ['OWNER', 'ADMIN', 'MEMBER'] as const satisfies readonly MemberRole[]

const RANK: Record<MemberRole, number> = { OWNER: 3, ADMIN: 2, MEMBER: 1 }

export interface TeamContext {
  /** The actor's role in the organisation now, or null when they are no longer a member. */
  actorRole: MemberRole | null
  ownerCount: number
  organisationStatus: OrgStatus
}

export type MemberChange =
  | { type: 'remove'; targetRole: MemberRole; self: boolean }
  | { type: 'change-role'; targetRole: MemberRole; newRole: MemberRole; self: boolean }
  | { type: 'transfer-ownership'; targetRole: MemberRole; self: boolean }
  | { type: 'leave' }
  | { type: 'cancel-invitation' }

export type MemberRefusal =
  /** Not a member (any more): the organisation's team is not theirs to see (404). */
  | 'not-member'
  /** A plain member: the team is managed by its owners and administrators. */
  | 'managers-only'
  /** An administrator acting on an administrator or an owner, or granting ownership. */
  | 'owners-only'
  /** The change would leave the organisation without an owner. */
  | 'last-owner'
  /** A higher role or ownership while the organisation is rejected or suspended. */
  | 'organisation-inactive'
  /** The target already has that role (or is already an owner, for a transfer). */
  | 'same-role'
  /** Transferring ownership to oneself. */
  | 'self'

export type MemberDecision = { ok: true } | { ok: false; refusal: MemberRefusal }

const ok: MemberDecision = { ok: true }
const refuse = (refusal: MemberRefusal): MemberDecision => ({ ok: false, refusal })

function grantsAllowed(status: OrgStatus) {
  return status === 'PENDING' || status === 'VERIFIED'
}

/** Whether removing or demoting an owner would leave none. */
function takesLastOwner(context: TeamContext, targetRole: MemberRole) {
  return targetRole === 'OWNER' && context.ownerCount <= 1
}

export function decideMemberChange(context: TeamContext, change: MemberChange): MemberDecision {
  const { actorRole } = context
  if (actorRole === null) return refuse('not-member')

  if (change.type === 'leave' || (change.type === 'remove' && change.self)) {
    return takesLastOwner(context, actorRole) ? refuse('last-owner') : ok
  }
  if (actorRole === 'MEMBER') return refuse('managers-only')
  if (change.type === 'cancel-invitation') return ok

  if (change.type === 'remove') {
    if (actorRole === 'ADMIN' && change.targetRole !== 'MEMBER') return refuse('owners-only')
    return takesLastOwner(context, change.targetRole) ? refuse('last-owner') : ok
  }

  if (change.type === 'transfer-ownership') {
    if (actorRole !== 'OWNER') return refuse('owners-only')
    if (change.self) return refuse('self')
    if (change.targetRole === 'OWNER') return refuse('same-role')
    return grantsAllowed(context.organisationStatus) ? ok : refuse('organisation-inactive')
  }

  // change-role
  const { targetRole, newRole, self } = change
  if (newRole === targetRole) return refuse('same-role')
  if (actorRole === 'ADMIN') {
    if (newRole === 'OWNER') return refuse('owners-only')
    // An administrator promotes members, and may step down themselves; other administrators are the owners' call.
    if (targetRole !== 'MEMBER' && !self) return refuse('owners-only')
  }
  if (targetRole === 'OWNER' && takesLastOwner(context, targetRole)) return refuse('last-owner')
  if (RANK[newRole] > RANK[targetRole] && !grantsAllowed(context.organisationStatus)) return refuse('organisation-inactive')
  return ok
}

/** What the settings page offers on one member's row: exactly the changes `decideMemberChange` allows. */
export function memberActionsFor(context: TeamContext, target: { role: MemberRole; self: boolean }) {
  const allowed = (change: MemberChange) => decideMemberChange(context, change).ok
  return {
    remove: !target.self && allowed({ type: 'remove', targetRole: target.role, self: false }),
    roles: TEAM_ROLES.filter((newRole) => allowed({ type: 'change-role', targetRole: target.role, newRole, self: target.self })),
    transferOwnership: allowed({ type: 'transfer-ownership', targetRole: target.role, self: target.self }),
    leave: target.self && allowed({ type: 'leave' }),
  }
}

/** The i18n key of a refusal's message and its HTTP status. */
export function refusalMessage(refusal: MemberRefusal): { status: 403 | 404 | 409; code: string; messageKey: string } {
  switch (refusal) {
    case 'not-member':
      return { status: 404, code: 'not_found', messageKey: 'errors.notFound' }
    case 'managers-only':
      return { status: 403, code: 'forbidden', messageKey: 'members.errors.managersOnly' }
    case 'owners-only':
      return { status: 403, code: 'forbidden', messageKey: 'members.errors.ownersOnly' }
    case 'last-owner':
      return { status: 409, code: 'last_owner', messageKey: 'members.errors.lastOwner' }
    case 'organisation-inactive':
      return { status: 409, code: 'organisation_inactive', messageKey: 'members.errors.organisationInactive' }
    case 'same-role':
      return { status: 409, code: 'same_role', messageKey: 'members.errors.sameRole' }
    case 'self':
      return { status: 409, code: 'self', messageKey: 'members.errors.transferToSelf' }
  }
}
