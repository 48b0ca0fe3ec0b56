import { describe, expect, test } from 'vitest'
import {
  canInviteFromDirectory,
  canRecommendFirmForNeed,
  canSeeInFirmDirectory,
  canUseFirmDirectory,
  firmDirectoryScope,
  recommendingHubIds,
  type Actor,
  type DirectoryFirm,
} from '#app/modules/policy/policy'

/** The firm directory's rules (policy.ts, issue 14 block): who uses it, who finds which firm, who invites and recommends. */
function actor(overrides: Partial<Actor> = {}): Actor {
  return { userId: 'u', name: 'U', email: 'u@example.org', locale: 'fr', timeZone: 'Europe/Paris', memberships: [], staffRoles: [], ...overrides }
}
function member(organisationId: string, kind: 'PARTNER' | 'FIRM', homeHubId = 'grenoble', status: 'VERIFIED' | 'PENDING' | 'SUSPENDED' = 'VERIFIED') {
  return { organisationId, role: 'OWNER' as const, organisation: { id: organisationId, slug: organisationId, name: organisationId, kind, status, homeHubId } }
}

const partner = actor({ memberships: [member('partner-a', 'PARTNER')] })
const suspendedPartner = actor({ memberships: [member('partner-s', 'PARTNER', 'grenoble', 'SUSPENDED')] })
const firm = actor({ memberships: [member('firm-g', 'FIRM')] })
const staffGrenoble = actor({ staffRoles: [{ hubId: 'grenoble', role: 'MODERATOR' }] })
const staffAnnecy = actor({ staffRoles: [{ hubId: 'annecy', role: 'MODERATOR' }] })
const staffInPartner = actor({ staffRoles: [{ hubId: 'grenoble', role: 'ADMIN' }], memberships: [member('partner-a', 'PARTNER')] })

const grenobleFirm: DirectoryFirm = { kind: 'FIRM', status: 'VERIFIED', homeHubId: 'grenoble', directoryHidden: false }
const annecyFirm: DirectoryFirm = { ...grenobleFirm, homeHubId: 'annecy' }
const need = { partnerId: 'partner-a', hubId: 'grenoble', sharedHubIds: [] as string[], status: 'PUBLISHED' }

describe('the firm directory', () => {
  test.each([
    ['a verified partner', partner, true],
    ['a suspended partner', suspendedPartner, false],
    ['a firm', firm, false],
    ['staff', staffAnnecy, true],
    ['anonymous', null, false],
  ])('%s uses it: %s', (_label, who, expected) => {
    expect(canUseFirmDirectory(who)).toBe(expected)
  })

  test.each([
    ['partner, a firm of another hub', partner, annecyFirm, true],
    ['partner, a hidden firm', partner, { ...grenobleFirm, directoryHidden: true }, false],
    ['partner, a pending firm', partner, { ...grenobleFirm, status: 'PENDING' as const }, false],
    ['partner, a partner', partner, { ...grenobleFirm, kind: 'PARTNER' as const }, false],
    ['staff, their hub’s firm', staffGrenoble, grenobleFirm, true],
    ['staff, another hub’s firm', staffGrenoble, annecyFirm, false],
    ['staff and partner member, another hub’s firm', staffInPartner, annecyFirm, true],
    ['a firm', firm, grenobleFirm, false],
  ])('%s: %s', (_label, who, target, expected) => {
    expect(canSeeInFirmDirectory(who, target)).toBe(expected)
  })

  test('the list’s filter is the page’s rule', () => {
    expect(firmDirectoryScope(partner)).toEqual({ kind: 'FIRM', status: 'VERIFIED', directoryHidden: false })
    expect(firmDirectoryScope(staffAnnecy)).toEqual({ kind: 'FIRM', status: 'VERIFIED', directoryHidden: false, homeHubId: { in: ['annecy'] } })
    expect(firmDirectoryScope(firm)).toBeNull()
  })
})

describe('inviting and recommending', () => {
  test('a partner invites to its own published needs only', () => {
    expect(canInviteFromDirectory(partner, need, annecyFirm)).toBe(true)
    expect(canInviteFromDirectory(partner, { ...need, status: 'DRAFT' }, annecyFirm)).toBe(false)
    expect(canInviteFromDirectory(partner, { ...need, partnerId: 'partner-b' }, annecyFirm)).toBe(false)
    expect(canInviteFromDirectory(partner, need, { ...annecyFirm, directoryHidden: true })).toBe(false)
    expect(canInviteFromDirectory(staffGrenoble, need, grenobleFirm)).toBe(false)
  })

  test.each([
    ['home-hub staff, their firm', staffGrenoble, need, grenobleFirm, true],
    ['home-hub staff, another hub’s firm', staffGrenoble, need, annecyFirm, false],
    ['other hub’s staff, not shared', staffAnnecy, need, annecyFirm, false],
    ['other hub’s staff, shared with them', staffAnnecy, { ...need, sharedHubIds: ['annecy'] }, annecyFirm, true],
    ['shared hub’s staff, the home hub’s firm', staffAnnecy, { ...need, sharedHubIds: ['annecy'] }, grenobleFirm, false],
    ['not published', staffGrenoble, { ...need, status: 'SUBMITTED' }, grenobleFirm, false],
    ['a hidden firm', staffGrenoble, need, { ...grenobleFirm, directoryHidden: true }, false],
    ['staff of the need’s own partner', staffInPartner, need, grenobleFirm, false],
    ['a partner', partner, need, grenobleFirm, false],
  ])('%s: %s', (_label, who, target, candidate, expected) => {
    expect(canRecommendFirmForNeed(who, target, candidate)).toBe(expected)
  })

  test('the hubs whose firms staff may recommend', () => {
    expect(recommendingHubIds(staffAnnecy, { ...need, sharedHubIds: ['annecy'] })).toEqual(['annecy'])
    expect(recommendingHubIds(staffAnnecy, need)).toEqual([])
    expect(recommendingHubIds(staffInPartner, need)).toEqual([])
  })
})
