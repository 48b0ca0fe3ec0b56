import { formatDate, onDay } from '#app/i18n/format'
import { canManageOrganisation, type Actor } from '#app/modules/policy/policy'
import { AppError } from '#app/modules/shared/app-error'
import { prisma } from '#app/utils/db.server'
import { membershipStanding, mayAct, type Standing } from './standing'
import { duesEnabled } from './stripe.server'
import { DUES_HUB_SELECT } from './membership-select'

/**
 * The dues gate (decision 0032): where an organisation's home hub requires dues and dues are on
 * (Stripe configured), submitting a need for publication and submitting an application need the
 * dues ACTIVE, a staff waiver still running, or PAST_DUE within the hub's grace period. Drafts are
 * never gated. The rule itself is the pure `membershipStanding`; this file reads its inputs and
 * words the refusal.
 */
export const billingPath = (slug: string) => `/orgs/${slug}/billing`

const STANDING_SELECT = {
  id: true,
  slug: true,
  name: true,
  homeHub: { select: DUES_HUB_SELECT },
  subscription: { select: { status: true, pastDueSince: true, waivedAt: true, waivedUntil: true } },
} as const

/** An organisation's standing now; null when dues are off on this installation (no query then). */
export async function readStanding(organisationId: string, now = new Date()) {
  if (!duesEnabled()) return null
  const organisation = await prisma.organisation.findUnique({ where: { id: organisationId }, select: STANDING_SELECT })
  if (!organisation) return null
  const standing = membershipStanding({ duesEnabled: true, hub: organisation.homeHub, subscription: organisation.subscription, now })
  return { organisation: { id: organisation.id, slug: organisation.slug, name: organisation.name, hubName: organisation.homeHub.name }, standing }
}

type Closed = Extract<Standing, { gate: 'closed' }>

type Found = NonNullable<Awaited<ReturnType<typeof readStanding>>>

/**
 * The refusal's sentence: an i18n key of the `dues` pair and its values, dated in the reader's
 * language and zone. The billing page is its OWNER and ADMIN members' (others get a 404 there):
 * they read the link to pay; a plain member reads whom to ask instead.
 */
function closedMessage(actor: Actor, organisation: Found['organisation'], standing: Closed, now: Date) {
  const billingUrl = billingPath(organisation.slug)
  const canPay = canManageOrganisation(actor, organisation.id)
  const day = standing.graceEndedAt ? onDay(standing.graceEndedAt, actor.locale, actor.timeZone || 'Europe/Paris', now) : ''
  const messageKey = `dues.gate.${canPay ? 'closed' : 'closedMember'}.${standing.reason}`
  return { messageKey, params: { hub: organisation.hubName, organisation: organisation.name, day, billingUrl }, billingUrl, canPay }
}

/**
 * Refuses (403 `dues_required`) when the organisation may not post or apply because of its dues.
 * The message names the hub and the reason and gives the billing page to its owners and admins
 * (whom to ask to the other members); the API answer carries `reason` and `billingUrl` too.
 */
export async function assertDuesAllowAct(actor: Actor, organisationId: string, now = new Date()) {
  const found = await readStanding(organisationId, now)
  if (!found || mayAct(found.standing)) return
  const standing = found.standing as Closed
  const { messageKey, params, billingUrl } = closedMessage(actor, found.organisation, standing, now)
  throw new AppError(403, 'dues_required', messageKey, params, {}, { reason: standing.reason, billingUrl })
}

export type DuesNotice =
  | { state: 'closed'; messageKey: string; params: Record<string, string>; billingUrl: string; canPay: boolean }
  | { state: 'grace'; until: string; billingUrl: string; canPay: boolean; organisation: string }

/**
 * What a form shows before anyone fills it (/needs/new, the apply page): the refusal to come when
 * the gate is closed, the grace banner while it runs; null otherwise.
 */
export async function duesNoticeFor(actor: Actor, organisationId: string | null | undefined, now = new Date()): Promise<DuesNotice | null> {
  if (!organisationId) return null
  const found = await readStanding(organisationId, now)
  if (!found) return null
  const { standing, organisation } = found
  if (standing.gate === 'closed') {
    const { messageKey, params, billingUrl, canPay } = closedMessage(actor, organisation, standing, now)
    return { state: 'closed', messageKey, params, billingUrl, canPay }
  }
  if (standing.gate === 'open' && standing.reason === 'grace') {
    return {
      state: 'grace',
      until: formatDate(standing.graceEndsAt, actor.locale, { timeZone: actor.timeZone || 'Europe/Paris' }),
      billingUrl: billingPath(organisation.slug),
      canPay: canManageOrganisation(actor, organisation.id),
      organisation: organisation.name,
    }
  }
  return null
}
