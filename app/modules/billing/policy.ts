import { canManageOrganisation, isStaffOf, type Actor } from '#app/modules/policy/policy'

/**
 * Who sees and pays an organisation's dues (pure; decision 0030), built on the one policy module:
 * the billing page is its owners' and administrators' (like its settings), read-only for the staff
 * of its home hub; everyone else gets 404. Paying and the Billing Portal: owners and administrators.
 * The plans: the staff of a hub read them, its administrators change them.
 */
export type BillingView = 'manager' | 'staff' | 'none'

export function billingViewFor(actor: Actor | null, organisation: { id: string; homeHubId: string }): BillingView {
  if (canManageOrganisation(actor, organisation.id)) return 'manager'
  if (isStaffOf(actor, organisation.homeHubId)) return 'staff'
  return 'none'
}

export function canPayDues(actor: Actor | null, organisation: { id: string }) {
  return canManageOrganisation(actor, organisation.id)
}

export function canReadPlans(actor: Actor | null, hubId: string) {
  return isStaffOf(actor, hubId)
}

export function canEditPlans(actor: Actor | null, hubId: string) {
  return actor?.staffRoles.some((role) => role.hubId === hubId && role.role === 'ADMIN') ?? false
}
