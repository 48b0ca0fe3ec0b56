import Stripe from 'stripe'
import { AppError } from '#app/modules/shared/app-error'
import { getEnv } from '#app/utils/env.server'

/**
 * The one Stripe client (decision 0030). Dues are on only with both STRIPE_SECRET_KEY and
 * STRIPE_WEBHOOK_SECRET; without them (the embedded default) nothing here is called and the
 * billing pages say that dues are off. Building the client calls nothing: the app starts offline.
 *
 * The client speaks through `fetch` (`createFetchHttpClient`), so that the tests' MSW handlers
 * stand in for Stripe's API exactly where the real one would answer.
 */
let client: { key: string; stripe: Stripe } | undefined

export function duesEnabled(): boolean {
  return getEnv().DUES_ENABLED
}

/** The Stripe client; a 409 in French when dues are off (no keys configured). */
export function getStripe(): Stripe {
  const env = getEnv()
  const key = env.STRIPE_SECRET_KEY
  if (!env.DUES_ENABLED || !key) throw AppError.conflict('dues_disabled', 'billing.errors.duesDisabled')
  if (client?.key !== key) {
    client = {
      key,
      stripe: new Stripe(key, {
        httpClient: Stripe.createFetchHttpClient(),
        maxNetworkRetries: 2,
        timeout: 10_000,
        appInfo: { name: 'Sillon' },
      }),
    }
  }
  return client.stripe
}

/** The webhook signing secret (whsec_…), or undefined when dues are off. */
export function webhookSecret(): string | undefined {
  const env = getEnv()
  return env.DUES_ENABLED ? env.STRIPE_WEBHOOK_SECRET : undefined
}

/** Stripe's tolerance for a webhook signature's age, in seconds (its default, said out loud). */
export const WEBHOOK_TOLERANCE_SECONDS = 300
