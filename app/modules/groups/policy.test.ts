import { describe, expect, test } from 'vitest'
import {
  canAddressNeedToGroup,
  canManageGroup,
  canReserveNeedToCohort,
  canSeeGroup,
  canUseGroups,
  groupJoinRefusal,
  groupLeaveRefusal,
  type Actor,
  type GroupAccessInfo,
  type OrgStatus,
} from '#app/modules/policy/policy'

/** The working groups' rules (policy.ts, block "issue 14: groups"; decision 0026), table by table. */
function actor(memberships: Array<{ id: string; hub: string; status?: OrgStatus; kind?: 'FIRM' | 'PARTNER' }>, staffHubs: string[] = []): Actor {
  return {
    userId: 'u',
    name: 'U',
    email: 'u@example.test',
    locale: 'fr',
    timeZone: 'Europe/Paris',
    memberships: memberships.map((m) => ({
      organisationId: m.id,
      role: 'MEMBER',
      organisation: { id: m.id, slug: m.id, name: m.id, kind: m.kind ?? 'FIRM', status: m.status ?? 'VERIFIED', homeHubId: m.hub },
    })),
    staffRoles: staffHubs.map((hubId) => ({ hubId, role: 'MODERATOR' })),
  }
}

const open: GroupAccessInfo = { hubId: 'H', openToAllHubs: true, archivedAt: null, memberOrgIds: ['fb'] }
const hubOnly: GroupAccessInfo = { hubId: 'H', openToAllHubs: false, archivedAt: null, memberOrgIds: [] }
const archived: GroupAccessInfo = { hubId: 'H', openToAllHubs: true, archivedAt: new Date(), memberOrgIds: ['fa'] }

const firmH = actor([{ id: 'fa', hub: 'H' }])
const firmH2 = actor([{ id: 'fh', hub: 'H2' }])
const partnerH2 = actor([{ id: 'ph', hub: 'H2', kind: 'PARTNER' }])
const pending = actor([{ id: 'fp', hub: 'H', status: 'PENDING' }])
const staffH = actor([], ['H'])
const staffH2 = actor([], ['H2'])
const both = actor([
  { id: 'fa', hub: 'H' },
  { id: 'fh', hub: 'H2' },
])

describe('who sees a working group', () => {
  test.each([
    ['a firm of H', firmH, [true, true, true]],
    ['a firm of H2', firmH2, [true, false, false]],
    ['a partner of H2', partnerH2, [true, false, false]],
    ['a pending firm', pending, [false, false, false]],
    ['staff of H', staffH, [true, true, true]],
    ['staff of H2', staffH2, [true, false, false]],
    ['nobody', null, [false, false, false]],
  ] as const)('%s: open, hub-only, archived', (_who, who, expected) => {
    expect([open, hubOnly, archived].map((group) => canSeeGroup(who, group))).toEqual(expected)
  })

  test('the pages are for verified organisations and staff', () => {
    expect([firmH, pending, staffH2, null].map(canUseGroups)).toEqual([true, false, true, false])
  })

  test('an archived group stays with its members and its hub’s staff', () => {
    expect(canSeeGroup(firmH, { ...archived, memberOrgIds: [] })).toBe(false)
    expect(canSeeGroup(staffH, { ...archived, memberOrgIds: [] })).toBe(true)
  })
})

describe('joining and leaving', () => {
  test.each([
    ['a firm of H, open group', firmH, open, 'fa', null],
    ['a firm of H2, open group', firmH2, open, 'fh', null],
    ['a firm of H, hub-only group', firmH, hubOnly, 'fa', null],
    ['a firm of H2, hub-only group (unknown to it)', firmH2, hubOnly, 'fh', 'notFound'],
    ['someone of both hubs, for the H2 firm', both, hubOnly, 'fh', 'otherHub'],
    ['for someone else’s organisation', firmH, open, 'fh', 'forbidden'],
    ['staff, for no organisation of theirs', staffH, open, 'fa', 'forbidden'],
    ['a member already', actor([{ id: 'fb', hub: 'H' }]), open, 'fb', 'already'],
    ['an archived group', firmH, archived, 'fa', 'archived'],
  ] as const)('%s', (_case, who, group, organisationId, refusal) => {
    expect(groupJoinRefusal(who, group, organisationId)).toBe(refusal)
  })

  test('leaving: a member organisation, by any of its members, archived groups too', () => {
    expect(groupLeaveRefusal(firmH, archived, 'fa')).toBeNull()
    expect(groupLeaveRefusal(firmH, open, 'fa')).toBe('notMember')
    expect(groupLeaveRefusal(firmH2, open, 'fb')).toBe('forbidden')
  })

  test('managing: the staff of the group’s hub', () => {
    expect([staffH, staffH2, firmH].map((who) => canManageGroup(who, open))).toEqual([true, false, false])
  })
})

describe('the need form’s choices', () => {
  test('a group open to all, or of the partner’s home hub; never archived', () => {
    expect(canAddressNeedToGroup({ homeHubId: 'H2' }, open)).toBe(true)
    expect(canAddressNeedToGroup({ homeHubId: 'H2' }, hubOnly)).toBe(false)
    expect(canAddressNeedToGroup({ homeHubId: 'H' }, hubOnly)).toBe(true)
    expect(canAddressNeedToGroup({ homeHubId: 'H' }, archived)).toBe(false)
  })

  test('a cohort of the partner’s home hub, not archived', () => {
    expect(canReserveNeedToCohort({ homeHubId: 'H' }, { hubId: 'H', archivedAt: null })).toBe(true)
    expect(canReserveNeedToCohort({ homeHubId: 'H' }, { hubId: 'H2', archivedAt: null })).toBe(false)
    expect(canReserveNeedToCohort({ homeHubId: 'H' }, { hubId: 'H', archivedAt: new Date() })).toBe(false)
  })

  test('a cohort whose last day has passed is not offered; its last day still is', () => {
    const now = new Date('2026-12-07T19:00:00Z')
    expect(canReserveNeedToCohort({ homeHubId: 'H' }, { hubId: 'H', archivedAt: null, endsOn: new Date('2026-12-06T00:00:00Z') }, now)).toBe(false)
    expect(canReserveNeedToCohort({ homeHubId: 'H' }, { hubId: 'H', archivedAt: null, endsOn: new Date('2026-12-07T00:00:00Z') }, now)).toBe(true)
    expect(canReserveNeedToCohort({ homeHubId: 'H' }, { hubId: 'H', archivedAt: null, endsOn: null }, now)).toBe(true)
  })
})
