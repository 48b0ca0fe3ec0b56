import type Stripe from 'stripe'
import { toLocale } from '#app/i18n/config'
import { writeAudit } from '#app/modules/audit/audit.server'
import { assertActsFor } from '#app/modules/policy/acting'
import type { Actor } from '#app/modules/policy/policy'
import { AppError, isUniqueViolation } from '#app/modules/shared/app-error'
import { prisma, transaction } from '#app/utils/db.server'
import { getEnv } from '#app/utils/env.server'
import { mayStartCheckout } from './billing-status'
import { choosePlan } from './plan-choice'
import { ensurePlanPrice, PLAN_SELECT } from './plans.server'
import { billingViewFor } from './policy'
import type { CheckoutInput } from './schema'
import { callStripe, compensate } from './stripe-errors.server'
import { duesEnabled, getStripe } from './stripe.server'

/**
 * Paying the dues (decision 0030): the organisation's owner or administrator is sent to a Stripe
 * Checkout Session in subscription mode (card or SEPA debit). One Stripe customer per organisation,
 * created at its first Checkout and kept in Subscription.stripeCustomerId; the Subscription row
 * also keeps the billing e-mail and the plan chosen. Its status is left to the webhooks.
 */

/** The organisation of a billing request, for its owners and administrators (staff of its hub: 403; others: 404). */
export async function billingOrganisation(actor: Actor, slug: string) {
  const organisation = await prisma.organisation.findUnique({
    where: { slug },
    select: {
      id: true,
      slug: true,
      name: true,
      kind: true,
      status: true,
      siren: true,
      revenueBand: true,
      homeHubId: true,
      subscription: { select: { id: true, status: true, stripeCustomerId: true, billingEmail: true, planId: true } },
    },
  })
  const view = organisation ? billingViewFor(actor, organisation) : 'none'
  if (!organisation || view === 'none') throw AppError.notFound()
  if (view !== 'manager') throw AppError.forbidden('billing.errors.managersOnly')
  return organisation
}

export function billingUrl(slug: string, search = '') {
  return `${getEnv().APP_URL}/orgs/${slug}/billing${search}`
}

/** Stripe speaks the reader's language on its pages; French unless they chose English. */
export function stripeLocale(actor: Actor): 'fr' | 'en' {
  return toLocale(actor.locale)
}

type BillingOrganisation = Awaited<ReturnType<typeof billingOrganisation>>

/**
 * The organisation's Stripe customer: created once (name, billing e-mail, SIREN, French invoices),
 * its e-mail updated when the payer changes it. Two first Checkouts at once: the first stored wins,
 * the other customer is deleted at Stripe.
 */
async function ensureCustomer(stripe: Stripe, organisation: BillingOrganisation, billingEmail: string, context: { actorId: string; requestId?: string }) {
  const existing = organisation.subscription?.stripeCustomerId
  if (existing) {
    if (organisation.subscription?.billingEmail !== billingEmail) {
      await callStripe('customers.update', () => stripe.customers.update(existing, { email: billingEmail, name: organisation.name }))
    }
    return existing
  }
  const customer = await callStripe('customers.create', () =>
    stripe.customers.create({
      name: organisation.name,
      email: billingEmail,
      preferred_locales: ['fr'],
      metadata: { organisationId: organisation.id, siren: organisation.siren ?? '' },
    }),
  )
  const stored = await transaction(async ({ db }) => {
    const row = await db.subscription.findUnique({ where: { organisationId: organisation.id }, select: { stripeCustomerId: true } })
    if (row?.stripeCustomerId) return row.stripeCustomerId
    if (row) await db.subscription.updateMany({ where: { organisationId: organisation.id, stripeCustomerId: null }, data: { stripeCustomerId: customer.id, billingEmail } })
    else await db.subscription.create({ data: { organisationId: organisation.id, stripeCustomerId: customer.id, billingEmail } })
    await writeAudit(db, {
      actorId: context.actorId,
      actorOrgId: organisation.id,
      hubId: organisation.homeHubId,
      action: 'billing.customer-create',
      target: { type: 'Organisation', id: organisation.id },
      after: { stripeCustomerId: customer.id, billingEmail },
      requestId: context.requestId,
    })
    return customer.id
  }).catch(async (error: unknown) => {
    if (!isUniqueViolation(error)) throw error
    return (await prisma.subscription.findUniqueOrThrow({ where: { organisationId: organisation.id }, select: { stripeCustomerId: true } })).stripeCustomerId
  })
  if (stored !== customer.id) await compensate('customers.del', () => stripe.customers.del(customer.id))
  if (!stored) throw AppError.conflict('concurrent_change', 'errors.concurrentChange')
  return stored
}

/** Starts a Checkout Session and returns its URL (the route answers 303 to it). */
export async function startCheckout(actor: Actor, slug: string, input: CheckoutInput, requestId?: string) {
  const organisation = await billingOrganisation(actor, slug)
  assertActsFor(actor, organisation.id)
  if (!duesEnabled()) throw AppError.conflict('dues_disabled', 'billing.errors.duesDisabled')
  if (!mayStartCheckout(organisation.subscription?.status)) {
    throw AppError.conflict('subscription_running', organisation.subscription?.status === 'PAST_DUE' ? 'billing.pay.errors.late' : 'billing.pay.errors.active')
  }
  const plans = await prisma.membershipPlan.findMany({ where: { hubId: organisation.homeHubId, archivedAt: null }, select: PLAN_SELECT })
  const choice = choosePlan(plans, organisation, input.interval ?? null)
  if (!choice) throw AppError.conflict('no_plan', 'billing.pay.errors.noPlan')
  const plan = choice.plan
  const context = { actorId: actor.userId, requestId }
  const stripe = getStripe()
  const priceId = await ensurePlanPrice(plan, context)
  const customerId = await ensureCustomer(stripe, organisation, input.billingEmail, context)
  const metadata = { organisationId: organisation.id, planId: plan.id }
  const session = await callStripe('checkout.sessions.create', () =>
    stripe.checkout.sessions.create({
      mode: 'subscription',
      customer: customerId,
      line_items: [{ price: priceId, quantity: 1 }],
      // API 2026-10-28: `payment_method_types` is gone from Checkout; this filter offers card and SEPA debit only.
      allowed_payment_method_types: ['card', 'sepa_debit'],
      locale: stripeLocale(actor),
      client_reference_id: organisation.id,
      metadata,
      subscription_data: { metadata },
      success_url: billingUrl(organisation.slug, '?checkout=success'),
      cancel_url: billingUrl(organisation.slug, '?checkout=canceled'),
    }),
  )
  if (!session.url) throw new AppError(502, 'stripe_refused', 'billing.errors.stripeRefused', { code: 'no_url' })
  await transaction(async ({ db }) => {
    const before = await db.subscription.findUniqueOrThrow({ where: { organisationId: organisation.id }, select: { planId: true, billingEmail: true } })
    await db.subscription.update({ where: { organisationId: organisation.id }, data: { planId: plan.id, billingEmail: input.billingEmail } })
    await writeAudit(db, {
      actorId: actor.userId,
      actorOrgId: organisation.id,
      hubId: organisation.homeHubId,
      action: 'billing.checkout-start',
      target: { type: 'Organisation', id: organisation.id },
      before,
      after: { planId: plan.id, billingEmail: input.billingEmail, checkoutSessionId: session.id },
      requestId,
    })
  })
  return { url: session.url, sessionId: session.id }
}
