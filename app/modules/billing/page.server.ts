import type { Actor } from '#app/modules/policy/policy'
import { AppError } from '#app/modules/shared/app-error'
import { prisma } from '#app/utils/db.server'
import { billingStatus, mayStartCheckout, runningWaiver } from './billing-status'
import { choosePlan, planTier } from './plan-choice'
import { PLAN_SELECT } from './plans.server'
import { billingViewFor } from './policy'
import { membershipStanding } from './standing'
import { duesEnabled } from './stripe.server'
import { DUES_HUB_SELECT, MEMBERSHIP_SELECT } from './membership-select'

/**
 * The organisation's billing page (/orgs/:slug/billing; decision 0030): its membership in words,
 * its plan and amount, its invoices, the standing its hub's gate reads, and what the reader may
 * do. Owners and administrators manage; the staff of its home hub read; everyone else: 404.
 */
export async function loadBillingPage(actor: Actor, slug: string, now = new Date()) {
  const organisation = await prisma.organisation.findUnique({
    where: { slug },
    select: {
      id: true,
      slug: true,
      name: true,
      kind: true,
      status: true,
      revenueBand: true,
      homeHubId: true,
      homeHub: { select: DUES_HUB_SELECT },
      subscription: {
        select: {
          ...MEMBERSHIP_SELECT,
          billingEmail: true,
          stripeCustomerId: true,
          plan: { select: { id: true, name: true, interval: true, amountCents: true } },
        },
      },
    },
  })
  const view = organisation ? billingViewFor(actor, organisation) : 'none'
  if (!organisation || view === 'none') throw AppError.notFound()
  const enabled = duesEnabled()
  const subscription = organisation.subscription
  const [plans, invoices] = await Promise.all([
    prisma.membershipPlan.findMany({ where: { hubId: organisation.homeHubId, archivedAt: null }, select: PLAN_SELECT }),
    prisma.billingInvoice.findMany({
      where: { organisationId: organisation.id },
      orderBy: { issuedAt: 'desc' },
      take: 50,
      select: {
        id: true,
        number: true,
        status: true,
        amountDueCents: true,
        amountPaidCents: true,
        amountRefundedCents: true,
        currency: true,
        hostedInvoiceUrl: true,
        invoicePdfUrl: true,
        issuedAt: true,
      },
    }),
  ])
  // Dues off: nothing to pay, so no plan is offered (nor sent to the page).
  const choice = enabled ? choosePlan(plans, organisation) : null
  const offers = planTier(plans, organisation)
    .filter((plan) => choice?.intervals.includes(plan.interval))
    .sort((a, b) => (a.interval === b.interval ? 0 : a.interval === 'YEAR' ? -1 : 1))
    .map((plan) => ({ id: plan.id, name: plan.name, interval: plan.interval, amountCents: plan.amountCents }))
  const running = subscription && !mayStartCheckout(subscription.status)
  const isManager = view === 'manager'
  return {
    organisation: { id: organisation.id, slug: organisation.slug, name: organisation.name, kind: organisation.kind, status: organisation.status },
    hubName: organisation.homeHub.name,
    view,
    duesEnabled: enabled,
    status: billingStatus(subscription, organisation.homeHub.duesGraceDays, now),
    waiver: runningWaiver(subscription, now),
    standing: membershipStanding({ duesEnabled: enabled, hub: organisation.homeHub, subscription, now }),
    hubRequiresDues: organisation.homeHub.requiresDues,
    /** The plan paid (a running subscription), else the plans the organisation would pay. */
    currentPlan: running && subscription.plan ? subscription.plan : null,
    offers,
    invoices: invoices.map((invoice) => ({ ...invoice, refunded: invoice.amountRefundedCents > 0 })),
    /** The pay form's default: the address kept for the organisation, else the payer's own (managers only). */
    billingEmail: isManager ? (subscription?.billingEmail ?? actor.email) : null,
    canPay: isManager && enabled && organisation.status === 'VERIFIED' && !running && offers.length > 0,
    canOpenPortal: isManager && enabled && Boolean(subscription?.stripeCustomerId),
  }
}
