import { isStaff, type Actor } from '#app/modules/policy/policy'

/**
 * Where a person lands after logging in without a page to go back to (pure): staff on the
 * console's daily queues, a partner's members on their partner home, a firm's members on the
 * needs (best matches first for a verified firm; its own page while it is checked or suspended),
 * and whoever has no organisation yet on the form that creates one. A staff member who also
 * belongs to an organisation lands on the console: staff work is what waits for them.
 */
export function homePathFor(actor: Pick<Actor, 'memberships' | 'staffRoles'>): string {
  if (isStaff(actor as Actor)) return '/staff'
  if (actor.memberships.some((membership) => membership.organisation.kind === 'PARTNER')) return '/partner'
  const firm = actor.memberships.find((membership) => membership.organisation.kind === 'FIRM')
  if (firm) return firm.organisation.status === 'VERIFIED' ? '/needs' : `/orgs/${firm.organisation.slug}`
  return '/orgs/new'
}
