import { describe, expect, test } from 'vitest'
import type { Actor } from '#app/modules/policy/policy'
import { billingViewFor, canEditPlans, canPayDues, canReadPlans } from './policy'

const org = { id: 'o', homeHubId: 'h' }
const actor = (fields: Partial<Actor>): Actor => ({ userId: 'u', name: 'U', email: 'u@example.org', locale: 'fr', timeZone: 'Europe/Paris', memberships: [], staffRoles: [], ...fields })
const member = (role: 'OWNER' | 'ADMIN' | 'MEMBER') =>
  actor({ memberships: [{ organisationId: 'o', role, organisation: { id: 'o', slug: 'o', name: 'O', kind: 'FIRM', status: 'VERIFIED', homeHubId: 'h' } }] })

describe('billing policy', () => {
  test('the billing page: owners and administrators manage, the hub’s staff read, others none', () => {
    expect(billingViewFor(member('OWNER'), org)).toBe('manager')
    expect(billingViewFor(member('ADMIN'), org)).toBe('manager')
    expect(billingViewFor(member('MEMBER'), org)).toBe('none')
    expect(billingViewFor(actor({ staffRoles: [{ hubId: 'h', role: 'MODERATOR' }] }), org)).toBe('staff')
    expect(billingViewFor(actor({ staffRoles: [{ hubId: 'other', role: 'ADMIN' }] }), org)).toBe('none')
    expect(billingViewFor(null, org)).toBe('none')
    expect(canPayDues(member('ADMIN'), org)).toBe(true)
    expect(canPayDues(member('MEMBER'), org)).toBe(false)
  })

  test('plans: the hub’s staff read, its administrators edit', () => {
    const moderator = actor({ staffRoles: [{ hubId: 'h', role: 'MODERATOR' }] })
    const admin = actor({ staffRoles: [{ hubId: 'h', role: 'ADMIN' }] })
    expect([canReadPlans(moderator, 'h'), canEditPlans(moderator, 'h')]).toEqual([true, false])
    expect([canReadPlans(admin, 'h'), canEditPlans(admin, 'h')]).toEqual([true, true])
    expect([canReadPlans(admin, 'other'), canEditPlans(admin, 'other')]).toEqual([false, false])
  })
})
