import { describe, expect, test } from 'vitest'
import { actorAsMemberOf, canViewHubAnalytics, canViewPlatformAnalytics, actsForOrganisation, applicationKeepsNeedOpen, applicationViewFor, canCreateNeed, readOnlyStatusOf, canEditNeed, canEditOrganisationProfile, canModerateNeed, firmThatMayApply, needVisibilityFor, reservationRuns, type Actor, type NeedAccessInfo } from './policy'

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
  wasPublished: true,
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
    ['its partner, even as a draft', partnerA, { ...need, status: 'DRAFT', wasPublished: false }, 'full'],
    ['another partner, a draft', partnerB, { ...need, status: 'DRAFT', wasPublished: false }, 'none'],
    ['another partner, published', partnerB, need, 'none'],
    ['a verified firm, public', firmAnnecy, need, 'full'],
    ['a pending firm', pendingFirm, need, 'none'],
    ['a firm of another hub, members only', firmAnnecy, { ...need, visibility: 'MEMBERS' as const }, 'none'],
    ['a firm of a hub it is shared with', firmAnnecy, { ...need, visibility: 'MEMBERS' as const, sharedHubIds: ['annecy'] }, 'full'],
    ['a firm, submitted and never published', firmGrenoble, { ...need, status: 'SUBMITTED', wasPublished: false }, 'none'],
    ['its hub moderator, submitted', moderatorGrenoble, { ...need, status: 'SUBMITTED', wasPublished: false }, 'full'],
    ['its hub moderator, draft', moderatorGrenoble, { ...need, status: 'DRAFT', wasPublished: false }, 'none'],
    ['a moderator of a hub it is shared with, before publication', moderatorAnnecy, { ...need, status: 'SUBMITTED', wasPublished: false, sharedHubIds: ['annecy'] }, 'none'],
    ['a moderator of a hub it is shared with, once published', moderatorAnnecy, { ...need, sharedHubIds: ['annecy'] }, 'full'],
    ['another hub moderator', moderatorAnnecy, { ...need, status: 'SUBMITTED', wasPublished: false }, 'none'],
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
    expect(firmThatMayApply(firmAnnecy, need, none)?.id).toBe('firm-a')
    const curated = { ...need, matchingMode: 'CURATED' as const }
    expect(firmThatMayApply(firmAnnecy, curated, none)).toBeNull()
    expect(firmThatMayApply(firmAnnecy, curated, { invitedFirmIds: ['firm-a'], ndaAccepted: false })?.id).toBe('firm-a')
    expect(firmThatMayApply(partnerA, need, none)).toBeNull()
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

  test('on a need screened by staff, the partner reads an application once it passed screening', () => {
    const screened = { ...application, need: { ...application.need, screeningRequired: true } }
    for (const status of ['SUBMITTED', 'SCREENING']) {
      expect(applicationViewFor(partnerA, { ...screened, status })).toBe('none')
      expect(applicationViewFor(moderatorGrenoble, { ...screened, status })).toBe('staff')
      expect(applicationViewFor(firmGrenoble, { ...screened, status })).toBe('firm')
    }
    expect(applicationViewFor(partnerA, { ...screened, status: 'SHORTLISTED' })).toBe('partner')
    // A member of the partner who is also staff of the hub does not screen its own need's applicants.
    const partnerAndStaff = { ...partnerA, staffRoles: [{ hubId: application.need.hubId, role: 'MODERATOR' as const }] }
    for (const status of ['SUBMITTED', 'SCREENING']) expect(applicationViewFor(partnerAndStaff, { ...screened, status })).toBe('none')
    expect(applicationViewFor(partnerAndStaff, { ...screened, status: 'SHORTLISTED' })).toBe('partner')
  })

  test('an application keeps its need open from its submission on, not as a draft', () => {
    expect(applicationKeepsNeedOpen({ status: 'DRAFT' })).toBe(false)
    for (const status of ['SUBMITTED', 'DECLINED', 'WITHDRAWN', 'ACCEPTED']) expect(applicationKeepsNeedOpen({ status })).toBe(true)
  })
})

describe('organisations that only read', () => {
  const suspended = actor({ memberships: [{ ...member('firm-s', 'FIRM'), organisation: { ...member('firm-s', 'FIRM').organisation, status: 'SUSPENDED' } }] })
  test('members of a verified organisation act for it; pending, rejected and suspended ones only read', () => {
    expect(actsForOrganisation(firmGrenoble, 'firm-g')).toBe(true)
    expect(readOnlyStatusOf(firmGrenoble, 'firm-g')).toBeNull()
    expect(actsForOrganisation(pendingFirm, 'firm-p')).toBe(false)
    expect(readOnlyStatusOf(pendingFirm, 'firm-p')).toBe('PENDING')
    expect(readOnlyStatusOf(suspended, 'firm-s')).toBe('SUSPENDED')
    // Not a member: nothing to say about its status (the caller answers 404 or 403 itself).
    expect(readOnlyStatusOf(firmAnnecy, 'firm-s')).toBeNull()
  })

  test('acting as one organisation drops the others and staff roles', () => {
    const both = actor({ memberships: [member('firm-g', 'FIRM'), member('firm-a', 'FIRM', 'annecy')], staffRoles: [{ hubId: 'grenoble', role: 'ADMIN' }] })
    const asAnnecy = actorAsMemberOf(both, 'firm-a')
    expect(asAnnecy.memberships.map((membership) => membership.organisationId)).toEqual(['firm-a'])
    expect(asAnnecy.staffRoles).toEqual([])
    expect(needVisibilityFor(asAnnecy, { ...need, visibility: 'MEMBERS' }, none)).toBe('none')
    expect(needVisibilityFor(both, { ...need, visibility: 'MEMBERS' }, none)).toBe('full')
  })
})

describe('acting for an organisation', () => {
  test('a suspended partner reads its needs but changes nothing', () => {
    const suspended = actor({ memberships: [{ ...member('partner-a', 'PARTNER'), organisation: { ...member('partner-a', 'PARTNER').organisation, status: 'SUSPENDED' as const } }] })
    expect(needVisibilityFor(suspended, need, none)).toBe('full')
    expect(canEditNeed(suspended, need)).toBe(false)
    expect(canEditNeed(partnerA, need)).toBe(true)
  })

  test('staff never moderate a need of their own organisation', () => {
    const moderatorAndPartner = actor({ memberships: [member('partner-a', 'PARTNER')], staffRoles: [{ hubId: 'grenoble', role: 'MODERATOR' }] })
    expect(canModerateNeed(moderatorAndPartner, { ...need, status: 'SUBMITTED' })).toBe(false)
    expect(canModerateNeed(moderatorGrenoble, { ...need, status: 'SUBMITTED' })).toBe(true)
    expect(canModerateNeed(moderatorGrenoble, { ...need, status: 'DRAFT' })).toBe(false)
  })
})

describe('editing a profile', () => {
  test('owners and admins edit while pending or verified; plain members and others do not', () => {
    const owner = actor({ memberships: [member('firm-g', 'FIRM')] })
    const plain = actor({ memberships: [{ ...member('firm-g', 'FIRM'), role: 'MEMBER' as const }] })
    expect(canEditOrganisationProfile(owner, { id: 'firm-g', status: 'VERIFIED' })).toBe(true)
    expect(canEditOrganisationProfile(owner, { id: 'firm-g', status: 'PENDING' })).toBe(true)
    expect(canEditOrganisationProfile(owner, { id: 'firm-g', status: 'SUSPENDED' })).toBe(false)
    expect(canEditOrganisationProfile(plain, { id: 'firm-g', status: 'VERIFIED' })).toBe(false)
    expect(canEditOrganisationProfile(firmAnnecy, { id: 'firm-g', status: 'VERIFIED' })).toBe(false)
  })
})

describe('analytics', () => {
  const staffOf = (hubId: string): Actor => ({ userId: 's', name: 'S', email: 's@example.org', locale: 'fr', timeZone: 'Europe/Paris', memberships: [], staffRoles: [{ hubId, role: 'MODERATOR' }] })
  test('a hub’s figures for its staff only', () => {
    expect(canViewHubAnalytics(staffOf('h1'), 'h1')).toBe(true)
    expect(canViewHubAnalytics(staffOf('h2'), 'h1')).toBe(false)
    expect(canViewHubAnalytics(null, 'h1')).toBe(false)
  })
  test('the platform view for the staff of a hub that shares its figures', () => {
    expect(canViewPlatformAnalytics(staffOf('h1'), ['h1', 'h3'])).toBe(true)
    expect(canViewPlatformAnalytics(staffOf('h2'), ['h1', 'h3'])).toBe(false)
    expect(canViewPlatformAnalytics(null, ['h1'])).toBe(false)
  })
})

describe('issue 14: working-group needs and cohort reservations', () => {
  const firmSavoie = actor({ memberships: [member('firm-s', 'FIRM', 'savoie')] })
  const grouped = { ...need, visibility: 'MEMBERS' as const, workingGroupId: 'group-1' }
  const reserved = { ...need, reservedCohortId: 'cohort-1' }

  test('a members-only need addressed to a group opens to the group’s firms, whatever their hub', () => {
    expect(needVisibilityFor(firmAnnecy, grouped, none)).toBe('none')
    expect(needVisibilityFor(firmAnnecy, grouped, { ...none, groupFirmIds: ['firm-a'] })).toBe('full')
    expect(needVisibilityFor(firmGrenoble, grouped, none)).toBe('full')
    // Membership of the group opens nothing without the group on the need, nor a confidential need.
    expect(needVisibilityFor(firmAnnecy, { ...need, visibility: 'MEMBERS' }, { ...none, groupFirmIds: ['firm-a'] })).toBe('none')
    expect(needVisibilityFor(firmAnnecy, { ...grouped, visibility: 'INVITE_ONLY' }, { ...none, groupFirmIds: ['firm-a'] })).toBe('none')
    expect(firmThatMayApply(firmAnnecy, grouped, { ...none, groupFirmIds: ['firm-a'] })?.id).toBe('firm-a')
    expect(firmThatMayApply(firmAnnecy, grouped, none)).toBeNull()
  })

  test('while reserved to a cohort, only the cohort’s firms and invited firms see a public or members-only need', () => {
    expect(needVisibilityFor(firmAnnecy, reserved, none)).toBe('none')
    expect(needVisibilityFor(firmGrenoble, reserved, none)).toBe('none')
    expect(needVisibilityFor(firmAnnecy, reserved, { ...none, cohortFirmIds: ['firm-a'] })).toBe('full')
    expect(needVisibilityFor(firmAnnecy, reserved, { ...none, invitedFirmIds: ['firm-a'] })).toBe('full')
    // Members-only: the cohort's firms, even of another hub; the home hub's others wait.
    expect(needVisibilityFor(firmAnnecy, { ...reserved, visibility: 'MEMBERS' }, { ...none, cohortFirmIds: ['firm-a'] })).toBe('full')
    expect(needVisibilityFor(firmGrenoble, { ...reserved, visibility: 'MEMBERS' }, none)).toBe('none')
    // A group does not jump the reservation.
    expect(needVisibilityFor(firmAnnecy, { ...reserved, ...grouped, reservedCohortId: 'cohort-1' }, { ...none, groupFirmIds: ['firm-a'] })).toBe('none')
    // Confidential needs stay invite-only.
    expect(needVisibilityFor(firmAnnecy, { ...reserved, visibility: 'INVITE_ONLY' }, { ...none, cohortFirmIds: ['firm-a'] })).toBe('none')
    // Its partner and its hub's staff as ever.
    expect(needVisibilityFor(partnerA, reserved, none)).toBe('full')
    expect(needVisibilityFor(moderatorGrenoble, reserved, none)).toBe('full')
    // After the reservation (the loader no longer sets the cohort): open to all per its visibility.
    expect(needVisibilityFor(firmAnnecy, { ...reserved, reservedCohortId: null }, none)).toBe('full')
    // The cohort's firms keep a members-only need once it opened; the others of their hub do not get it.
    const opened = { ...reserved, visibility: 'MEMBERS' as const, reservedCohortId: null }
    expect(needVisibilityFor(firmAnnecy, opened, { ...none, cohortFirmIds: ['firm-a'] })).toBe('full')
    expect(needVisibilityFor(firmAnnecy, opened, none)).toBe('none')
    expect(needVisibilityFor(firmGrenoble, opened, none)).toBe('full')
  })

  test('the firm that applies is one that itself sees the need, not any firm of the actor', () => {
    const both = actor({ memberships: [member('firm-s', 'FIRM', 'savoie'), member('firm-a', 'FIRM', 'annecy')] })
    expect(firmThatMayApply(both, reserved, { ...none, cohortFirmIds: ['firm-a'] })?.id).toBe('firm-a')
    expect(firmThatMayApply(both, { ...need, visibility: 'MEMBERS', sharedHubIds: ['annecy'] }, none)?.id).toBe('firm-a')
    expect(firmThatMayApply(both, reserved, none)).toBeNull()
    expect(firmThatMayApply(firmSavoie, reserved, { ...none, cohortFirmIds: ['firm-a'] })).toBeNull()
    // A staff role opens the page, never an application for a firm that does not see it.
    const staffAndFirm = actor({ memberships: [member('firm-s', 'FIRM', 'savoie')], staffRoles: [{ hubId: 'grenoble', role: 'MODERATOR' }] })
    expect(needVisibilityFor(staffAndFirm, { ...need, visibility: 'MEMBERS' }, none)).toBe('full')
    expect(firmThatMayApply(staffAndFirm, { ...need, visibility: 'MEMBERS' }, none)).toBeNull()
  })

  test('a reservation runs until its instant, not after', () => {
    const now = new Date('2026-12-07T12:00:00Z')
    expect(reservationRuns({ reservedCohortId: 'c', reservedUntil: new Date('2026-12-08T00:00:00Z') }, now)).toBe(true)
    expect(reservationRuns({ reservedCohortId: 'c', reservedUntil: now }, now)).toBe(false)
    expect(reservationRuns({ reservedCohortId: 'c', reservedUntil: null }, now)).toBe(false)
    expect(reservationRuns({ reservedCohortId: null, reservedUntil: new Date('2026-12-08T00:00:00Z') }, now)).toBe(false)
  })
})
