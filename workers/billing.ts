import type { Logger } from 'pino'
import { createProcessor } from './run-job'

/** The `billing` queue: verified Stripe webhooks, one job per event (app/modules/billing). */
export function billingProcessor(logger: Logger) {
  return createProcessor(
    {
      // Issue 15, webhooks: replaced by the event processor (fetch again from Stripe, apply once).
      'billing.stripe-event': async () => {
        throw new Error('billing.stripe-event: not implemented yet')
      },
    },
    logger,
  )
}
