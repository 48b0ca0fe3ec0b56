import { describe, expect, test } from 'vitest'
import { canAdministerUser, canViewOrganisationAsStaff, canViewUserAsStaff, type Actor } from '#app/modules/policy/policy'

/** The staff directory's rules (decision 0023), table-driven. */
const actor = (staffRoles: Actor['staffRoles'], userId = 'actor'): Actor => ({ userId, name: 'A', email: 'a@x', locale: 'fr', timeZone: 'Europe/Paris', memberships: [], staffRoles })
const adminH = actor([{ hubId: 'H', role: 'ADMIN' }])
const modH = actor([{ hubId: 'H', role: 'MODERATOR' }])
const user = (memberHubIds: string[], staffHubIds: string[] = [], userId = 'u') => ({ userId, memberHubIds, staffHubIds })

describe('staff directory rules', () => {
  test('organisations by home hub only', () => {
    expect(canViewOrganisationAsStaff(modH, { homeHubId: 'H' })).toBe(true)
    expect(canViewOrganisationAsStaff(modH, { homeHubId: 'H2' })).toBe(false)
    expect(canViewOrganisationAsStaff(null, { homeHubId: 'H' })).toBe(false)
  })

  test.each([
    ['a member of H, for H’s moderator', modH, user(['H']), true, false],
    ['a member of H, for H’s admin', adminH, user(['H']), true, true],
    ['a member of H2 only', adminH, user(['H2']), false, false],
    ['H’s moderator, for H’s moderator (the team is the admins’ to read)', modH, user([], ['H']), false, false],
    ['H’s moderator, for H’s admin', adminH, user([], ['H']), true, true],
    ['a member of H who is staff of H2', adminH, user(['H'], ['H2']), true, false],
    ['the admin themselves', adminH, user(['H'], ['H'], 'actor'), true, false],
  ])('%s', (_label, who, target, view, administer) => {
    expect(canViewUserAsStaff(who, target)).toBe(view)
    expect(canAdministerUser(who, target)).toBe(administer)
  })
})
