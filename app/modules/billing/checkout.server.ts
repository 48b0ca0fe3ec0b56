import type Stripe from 'stripe'
import { toLocale } from '#app/i18n/config'
import { writeAudit } from '#app/modules/audit/audit.server'
import { assertActsFor } from '#app/modules/policy/acting'
import type { Actor } from '#app/modules/policy/policy'
import { AppError, isUniqueViolation } from '#app/modules/shared/app-error'
import { prisma, transaction } from '#app/utils/db.server'
import { getEnv } from '#app/utils/env.server'
import { mayStartCheckout, runningAtStripe } from './billing-status'
import { lockSubscription } from './mirror.server'
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

/** The SIREN printed on the organisation's invoices (a custom field of its customer), when it has one. */
function invoiceSettings(organisation: BillingOrganisation): Stripe.CustomerCreateParams.InvoiceSettings | undefined {
  return organisation.siren ? { custom_fields: [{ name: 'SIREN', value: organisation.siren }] } : undefined
}

/**
 * The organisation's Stripe customer: created once (name, billing e-mail, SIREN in its metadata and
 * on its invoices, French invoices), its name, e-mail and SIREN brought up to date at each Checkout.
 * Two first Checkouts at once: the first stored wins, the other customer is deleted at Stripe.
 */
async function ensureCustomer(stripe: Stripe, organisation: BillingOrganisation, billingEmail: string, context: { actorId: string; requestId?: string }) {
  const existing = organisation.subscription?.stripeCustomerId
  const invoice_settings = invoiceSettings(organisation)
  if (existing) {
    await callStripe('customers.update', () =>
      stripe.customers.update(existing, {
        email: billingEmail,
        name: organisation.name,
        ...(invoice_settings ? { invoice_settings, metadata: { siren: organisation.siren ?? '' } } : {}),
      }),
    )
    return existing
  }
  const customer = await callStripe('customers.create', () =>
    stripe.customers.create({
      name: organisation.name,
      email: billingEmail,
      preferred_locales: ['fr'],
      metadata: { organisationId: organisation.id, siren: organisation.siren ?? '' },
      ...(invoice_settings ? { invoice_settings } : {}),
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
  const locale = stripeLocale(actor)

  // One Checkout at a time per organisation: the Subscription row stays locked while Stripe is asked
  // what the customer already has, so two clicks (or two managers) never open two payable sessions.
  return transaction(
    async (tx) => {
      await lockSubscription(tx, organisation.id)
      // The mirror may lag (the webhook not processed yet, a subscription still `incomplete`): Stripe says.
      const subscriptions = await callStripe('subscriptions.list', () => stripe.subscriptions.list({ customer: customerId, status: 'all', limit: 100 }))
      const running = runningAtStripe(subscriptions.data)
      if (running) {
        throw AppError.conflict('subscription_running', running.pending ? 'billing.pay.errors.confirming' : 'billing.pay.errors.existing', { organisation: organisation.name })
      }
      // A session still open for the same plan and language is reused; any other open one is expired,
      // so only one can ever be paid.
      const open = await callStripe('checkout.sessions.list', () => stripe.checkout.sessions.list({ customer: customerId, status: 'open', limit: 100 }))
      const reusable = open.data.find((session) => session.url && session.metadata?.planId === plan.id && session.locale === locale)
      for (const stale of open.data) {
        if (stale.id !== reusable?.id) await callStripe('checkout.sessions.expire', () => stripe.checkout.sessions.expire(stale.id))
      }
      const session =
        reusable ??
        (await callStripe('checkout.sessions.create', () =>
          stripe.checkout.sessions.create({
            mode: 'subscription',
            customer: customerId,
            line_items: [{ price: priceId, quantity: 1 }],
            // API 2026-10-28: `payment_method_types` is gone from Checkout; this filter offers card and SEPA debit only.
            allowed_payment_method_types: ['card', 'sepa_debit'],
            locale,
            client_reference_id: organisation.id,
            metadata,
            subscription_data: { metadata },
            success_url: billingUrl(organisation.slug, '?checkout=success'),
            cancel_url: billingUrl(organisation.slug, '?checkout=canceled'),
          }),
        ))
      if (!session.url) throw new AppError(502, 'stripe_refused', 'billing.errors.stripeRefused', { code: 'no_url' })
      const before = await tx.db.subscription.findUniqueOrThrow({ where: { organisationId: organisation.id }, select: { planId: true, billingEmail: true } })
      await tx.db.subscription.update({ where: { organisationId: organisation.id }, data: { planId: plan.id, billingEmail: input.billingEmail } })
      await writeAudit(tx.db, {
        actorId: actor.userId,
        actorOrgId: organisation.id,
        hubId: organisation.homeHubId,
        action: 'billing.checkout-start',
        target: { type: 'Organisation', id: organisation.id },
        before,
        after: { planId: plan.id, billingEmail: input.billingEmail, checkoutSessionId: session.id, reused: Boolean(reusable) },
        requestId,
      })
      return { url: session.url, sessionId: session.id }
    },
    { timeoutMs: 30_000 },
  )
}
