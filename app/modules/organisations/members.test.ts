import { describe, expect, test } from 'vitest'
import type { MemberRole, OrgStatus } from '#app/modules/policy/policy'
import { decideMemberChange, memberActionsFor, type MemberChange, type TeamContext } from './members'

const team = (actorRole: MemberRole | null, ownerCount = 2, organisationStatus: OrgStatus = 'VERIFIED'): TeamContext => ({
  actorRole,
  ownerCount,
  organisationStatus,
})
const remove = (targetRole: MemberRole, self = false): MemberChange => ({ type: 'remove', targetRole, self })
const setRole = (targetRole: MemberRole, newRole: MemberRole, self = false): MemberChange => ({ type: 'change-role', targetRole, newRole, self })
const transfer = (targetRole: MemberRole, self = false): MemberChange => ({ type: 'transfer-ownership', targetRole, self })

describe('removing a member', () => {
  test.each([
    ['an owner removes a member', team('OWNER'), remove('MEMBER'), null],
    ['an owner removes an admin', team('OWNER'), remove('ADMIN'), null],
    ['an owner removes another owner', team('OWNER', 2), remove('OWNER'), null],
    ['an admin removes a member', team('ADMIN'), remove('MEMBER'), null],
    ['an admin removes another admin', team('ADMIN'), remove('ADMIN'), 'owners-only'],
    ['an admin removes an owner', team('ADMIN'), remove('OWNER'), 'owners-only'],
    ['a member removes a member', team('MEMBER'), remove('MEMBER'), 'managers-only'],
    ['someone no longer a member', team(null), remove('MEMBER'), 'not-member'],
    ['the last owner removes themselves', team('OWNER', 1), remove('OWNER', true), 'last-owner'],
    ['one of two owners removes themselves', team('OWNER', 2), remove('OWNER', true), null],
    ['a member of a suspended organisation is removed', team('OWNER', 1, 'SUSPENDED'), remove('MEMBER'), null],
  ])('%s', (_label, context, change, refusal) => {
    expect(decideMemberChange(context, change)).toEqual(refusal ? { ok: false, refusal } : { ok: true })
  })
})

describe('changing a role', () => {
  test.each([
    ['an owner promotes a member to admin', team('OWNER'), setRole('MEMBER', 'ADMIN'), null],
    ['an owner promotes an admin to owner', team('OWNER'), setRole('ADMIN', 'OWNER'), null],
    ['an owner demotes another owner', team('OWNER', 2), setRole('OWNER', 'ADMIN'), null],
    ['the last owner demotes themselves', team('OWNER', 1), setRole('OWNER', 'ADMIN', true), 'last-owner'],
    ['one of two owners steps down', team('OWNER', 2), setRole('OWNER', 'MEMBER', true), null],
    ['an admin promotes a member to admin', team('ADMIN'), setRole('MEMBER', 'ADMIN'), null],
    ['an admin promotes a member to owner', team('ADMIN'), setRole('MEMBER', 'OWNER'), 'owners-only'],
    ['an admin promotes themselves to owner', team('ADMIN'), setRole('ADMIN', 'OWNER', true), 'owners-only'],
    ['an admin demotes another admin', team('ADMIN'), setRole('ADMIN', 'MEMBER'), 'owners-only'],
    ['an admin steps down', team('ADMIN'), setRole('ADMIN', 'MEMBER', true), null],
    ['an admin demotes an owner', team('ADMIN'), setRole('OWNER', 'ADMIN'), 'owners-only'],
    ['a member promotes themselves', team('MEMBER'), setRole('MEMBER', 'ADMIN', true), 'managers-only'],
    ['the same role again', team('OWNER'), setRole('ADMIN', 'ADMIN'), 'same-role'],
    ['a promotion in a suspended organisation', team('OWNER', 1, 'SUSPENDED'), setRole('MEMBER', 'ADMIN'), 'organisation-inactive'],
    ['a promotion in a rejected organisation', team('OWNER', 1, 'REJECTED'), setRole('MEMBER', 'ADMIN'), 'organisation-inactive'],
    ['a promotion in a pending organisation', team('OWNER', 1, 'PENDING'), setRole('MEMBER', 'ADMIN'), null],
    ['a demotion in a suspended organisation', team('OWNER', 1, 'SUSPENDED'), setRole('ADMIN', 'MEMBER'), null],
  ])('%s', (_label, context, change, refusal) => {
    expect(decideMemberChange(context, change)).toEqual(refusal ? { ok: false, refusal } : { ok: true })
  })
})

describe('transferring ownership, leaving, cancelling an invitation', () => {
  test.each([
    ['an owner transfers to an admin', team('OWNER', 1), transfer('ADMIN'), null],
    ['an owner transfers to a member', team('OWNER', 1), transfer('MEMBER'), null],
    ['an owner transfers to another owner', team('OWNER', 2), transfer('OWNER'), 'same-role'],
    ['an owner transfers to themselves', team('OWNER', 1), transfer('OWNER', true), 'self'],
    ['an admin transfers ownership', team('ADMIN'), transfer('MEMBER'), 'owners-only'],
    ['a member transfers ownership', team('MEMBER'), transfer('MEMBER'), 'managers-only'],
    ['a transfer in a suspended organisation', team('OWNER', 1, 'SUSPENDED'), transfer('ADMIN'), 'organisation-inactive'],
    ['a member leaves', team('MEMBER'), { type: 'leave' } as const, null],
    ['an admin leaves', team('ADMIN'), { type: 'leave' } as const, null],
    ['the last owner leaves', team('OWNER', 1), { type: 'leave' } as const, 'last-owner'],
    ['one of two owners leaves', team('OWNER', 2), { type: 'leave' } as const, null],
    ['someone who already left leaves', team(null), { type: 'leave' } as const, 'not-member'],
    ['an admin cancels an invitation', team('ADMIN'), { type: 'cancel-invitation' } as const, null],
    ['a member cancels an invitation', team('MEMBER'), { type: 'cancel-invitation' } as const, 'managers-only'],
  ])('%s', (_label, context, change, refusal) => {
    expect(decideMemberChange(context, change)).toEqual(refusal ? { ok: false, refusal } : { ok: true })
  })
})

describe('the actions a row offers', () => {
  test.each([
    ['an admin, on a member', team('ADMIN'), { role: 'MEMBER' as const, self: false }, { remove: true, roles: ['ADMIN'], transferOwnership: false, leave: false }],
    ['an admin, on an owner', team('ADMIN'), { role: 'OWNER' as const, self: false }, { remove: false, roles: [], transferOwnership: false, leave: false }],
    ['an admin, on themselves', team('ADMIN'), { role: 'ADMIN' as const, self: true }, { remove: false, roles: ['MEMBER'], transferOwnership: false, leave: true }],
    ['the only owner, on themselves', team('OWNER', 1), { role: 'OWNER' as const, self: true }, { remove: false, roles: [], transferOwnership: false, leave: false }],
    ['the only owner, on an admin', team('OWNER', 1), { role: 'ADMIN' as const, self: false }, { remove: true, roles: ['OWNER', 'MEMBER'], transferOwnership: true, leave: false }],
    ['a member, on themselves', team('MEMBER'), { role: 'MEMBER' as const, self: true }, { remove: false, roles: [], transferOwnership: false, leave: true }],
    ['a member, on an owner', team('MEMBER'), { role: 'OWNER' as const, self: false }, { remove: false, roles: [], transferOwnership: false, leave: false }],
  ])('%s', (_label, context, target, actions) => {
    expect(memberActionsFor(context, target)).toEqual(actions)
  })
})
