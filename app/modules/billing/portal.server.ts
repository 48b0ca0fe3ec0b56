import type { Actor } from '#app/modules/policy/policy'
import { AppError } from '#app/modules/shared/app-error'
import { billingOrganisation, billingUrl, stripeLocale } from './checkout.server'
import { callStripe } from './stripe-errors.server'
import { duesEnabled, getStripe } from './stripe.server'

/**
 * The Stripe Billing Portal (decision 0030): card, SEPA mandate, cancellation and invoices, for the
 * organisation's owners and administrators once it has a Stripe customer. Open whatever the
 * organisation's status: a suspended organisation may still cancel and read its invoices.
 */
export async function openBillingPortal(actor: Actor, slug: string) {
  const organisation = await billingOrganisation(actor, slug)
  if (!duesEnabled()) throw AppError.conflict('dues_disabled', 'billing.errors.duesDisabled')
  const customer = organisation.subscription?.stripeCustomerId
  if (!customer) throw AppError.conflict('no_customer', 'billing.portal.errors.noCustomer')
  const stripe = getStripe()
  const session = await callStripe('billingPortal.sessions.create', () =>
    stripe.billingPortal.sessions.create({ customer, return_url: billingUrl(organisation.slug), locale: stripeLocale(actor) }),
  )
  return { url: session.url }
}
