import Stripe from 'stripe'
import { AppError } from '#app/modules/shared/app-error'
import { getLogger } from '#app/utils/logger.server'

/**
 * A Stripe failure, in words (decision 0030): unreachable or failing on its side (network,
 * timeout, 5xx, rate limit) → 503 "réessayez"; a refusal of our request (4xx) → 502 with Stripe's
 * code. Either way the caller wrote nothing, or only Stripe ids that stay consistent.
 */
export function stripeFailure(error: unknown, what: string): never {
  if (!(error instanceof Stripe.errors.StripeError)) throw error
  const status = error.statusCode
  const unavailable =
    error instanceof Stripe.errors.StripeConnectionError ||
    error instanceof Stripe.errors.StripeAPIError ||
    error instanceof Stripe.errors.StripeRateLimitError ||
    status === undefined ||
    status >= 500 ||
    status === 429
  getLogger().warn({ stripe: { type: error.type, code: error.code, status, requestId: error.requestId }, what }, 'Stripe request failed')
  if (unavailable) throw new AppError(503, 'stripe_unavailable', 'billing.errors.stripeUnavailable')
  throw new AppError(502, 'stripe_refused', 'billing.errors.stripeRefused', { code: error.code ?? error.type })
}

/** Runs a Stripe call; its failure becomes the French message above. */
export async function callStripe<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call()
  } catch (error) {
    stripeFailure(error, what)
  }
}

/** Undo work at Stripe after a later step failed: best effort, logged, never thrown. */
export async function compensate(what: string, call: () => Promise<unknown>) {
  try {
    await call()
  } catch (error) {
    getLogger().warn({ err: error, what }, 'Stripe compensation failed; the object stays at Stripe, unused')
  }
}
