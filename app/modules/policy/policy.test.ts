import { describe, expect, test } from 'vitest'
import { applicationViewFor, canCreateNeed, canReadEmail, firmThatMayApply, needVisibilityFor, type Actor, type NeedAccessInfo } from './policy'

function actor(overrides: Partial<Actor> = {}): Actor {
  return { userId: 'u', name: 'U', email: 'u@example.org', locale: 'fr', timeZone: 'Europe/Paris', memberships: [], staffRoles: [], ...overrides }
}
function member(organisationId: string, kind: 'PARTNER' | 'FIRM', homeHubId = 'grenoble', status: 'VERIFIED' | 'PENDING' = 'VERIFIED') {
  return { organisationId, role: 'OWNER' as const, organisation: { id: organisationId, slug: organisationId, name: organisationId, kind, status, homeHubId } }
}

const need: NeedAccessInfo = {
  partnerId: 'partner-a',
  hubId: 'grenoble',
  status: 'PUBLISHED',
  visibility: 'PUBLIC',
  matchingMode: 'OPEN',
  sharedHubIds: [],
  hasPublishedVersion: true,
}
const none = { invitedFirmIds: [], ndaAccepted: false }

const partnerA = actor({ memberships: [member('partner-a', 'PARTNER')] })
const partnerB = actor({ memberships: [member('partner-b', 'PARTNER')] })
const firmGrenoble = actor({ memberships: [member('firm-g', 'FIRM', 'grenoble')] })
const firmAnnecy = actor({ memberships: [member('firm-a', 'FIRM', 'annecy')] })
const pendingFirm = actor({ memberships: [member('firm-p', 'FIRM', 'grenoble', 'PENDING')] })
const moderatorGrenoble = actor({ staffRoles: [{ hubId: 'grenoble', role: 'MODERATOR' }] })
const moderatorAnnecy = actor({ staffRoles: [{ hubId: 'annecy', role: 'MODERATOR' }] })

describe('who sees a need', () => {
  test.each([
    ['anonymous', null, need, 'none'],
    ['its partner, even as a draft', partnerA, { ...need, status: 'DRAFT', hasPublishedVersion: false }, 'full'],
    ['another partner, a draft', partnerB, { ...need, status: 'DRAFT', hasPublishedVersion: false }, 'none'],
    ['another partner, published', partnerB, need, 'none'],
    ['a verified firm, public', firmAnnecy, need, 'full'],
    ['a pending firm', pendingFirm, need, 'none'],
    ['a firm of another hub, members only', firmAnnecy, { ...need, visibility: 'MEMBERS' as const }, 'none'],
    ['a firm of a hub it is shared with', firmAnnecy, { ...need, visibility: 'MEMBERS' as const, sharedHubIds: ['annecy'] }, 'full'],
    ['a firm, submitted and never published', firmGrenoble, { ...need, status: 'SUBMITTED', hasPublishedVersion: false }, 'none'],
    ['its hub moderator, submitted', moderatorGrenoble, { ...need, status: 'SUBMITTED', hasPublishedVersion: false }, 'full'],
    ['its hub moderator, draft', moderatorGrenoble, { ...need, status: 'DRAFT', hasPublishedVersion: false }, 'none'],
    ['another hub moderator', moderatorAnnecy, { ...need, status: 'SUBMITTED', hasPublishedVersion: false }, 'none'],
    ['a firm, confidential, not invited', firmGrenoble, { ...need, visibility: 'INVITE_ONLY' as const }, 'none'],
  ] as const)('%s → %s', (_label, who, target, expected) => {
    expect(needVisibilityFor(who, target as NeedAccessInfo, none)).toBe(expected)
  })

  test('an invited firm sees a confidential need as a teaser until it accepts the NDA', () => {
    const confidential = { ...need, visibility: 'INVITE_ONLY' as const }
    expect(needVisibilityFor(firmGrenoble, confidential, { invitedFirmIds: ['firm-g'], ndaAccepted: false })).toBe('teaser')
    expect(needVisibilityFor(firmGrenoble, confidential, { invitedFirmIds: ['firm-g'], ndaAccepted: true })).toBe('full')
  })
})

describe('who applies', () => {
  test('any verified firm applies to an open need; only invited firms to a curated one', () => {
    expect(firmThatMayApply(firmAnnecy, need, { ...none, status: 'PUBLISHED' })?.id).toBe('firm-a')
    const curated = { ...need, matchingMode: 'CURATED' as const }
    expect(firmThatMayApply(firmAnnecy, curated, { ...none, status: 'PUBLISHED' })).toBeNull()
    expect(firmThatMayApply(firmAnnecy, curated, { invitedFirmIds: ['firm-a'], ndaAccepted: false, status: 'PUBLISHED' })?.id).toBe('firm-a')
    expect(firmThatMayApply(partnerA, need, { ...none, status: 'PUBLISHED' })).toBeNull()
  })

  test('only verified partners post needs', () => {
    expect(canCreateNeed(partnerA, { id: 'partner-a', kind: 'PARTNER', status: 'VERIFIED' })).toBe(true)
    expect(canCreateNeed(partnerA, { id: 'partner-a', kind: 'PARTNER', status: 'PENDING' })).toBe(false)
    expect(canCreateNeed(partnerB, { id: 'partner-a', kind: 'PARTNER', status: 'VERIFIED' })).toBe(false)
  })
})

describe('who sees an application', () => {
  const application = { firmId: 'firm-g', status: 'SUBMITTED', consortiumIds: [], need: { partnerId: 'partner-a', hubId: 'grenoble', sharedHubIds: [] } }
  test.each([
    ['its firm', firmGrenoble, 'firm'],
    ['the need’s partner', partnerA, 'partner'],
    ['another partner', partnerB, 'none'],
    ['another firm', firmAnnecy, 'none'],
    ['the hub moderator', moderatorGrenoble, 'staff'],
    ['another hub moderator', moderatorAnnecy, 'none'],
  ] as const)('%s → %s', (_label, who, expected) => {
    expect(applicationViewFor(who, application)).toBe(expected)
  })

  test('a draft stays with its firm', () => {
    expect(applicationViewFor(partnerA, { ...application, status: 'DRAFT' })).toBe('none')
    expect(applicationViewFor(moderatorGrenoble, { ...application, status: 'DRAFT' })).toBe('none')
  })
})

describe('outbox', () => {
  test('staff read the e-mails of their hub; admins also those tied to no hub', () => {
    const admin = actor({ staffRoles: [{ hubId: 'grenoble', role: 'ADMIN' }] })
    expect(canReadEmail(moderatorGrenoble, { hubId: 'grenoble' })).toBe(true)
    expect(canReadEmail(moderatorGrenoble, { hubId: 'annecy' })).toBe(false)
    expect(canReadEmail(moderatorGrenoble, { hubId: null })).toBe(false)
    expect(canReadEmail(admin, { hubId: null })).toBe(true)
    expect(canReadEmail(firmGrenoble, { hubId: 'grenoble' })).toBe(false)
  })
})
