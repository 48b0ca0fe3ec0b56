import { UnrecoverableError } from 'bullmq'
import type { Logger } from 'pino'
import { processStripeEvent } from '#app/modules/billing/events.server'
import { isAppError } from '#app/modules/shared/app-error'
import { createProcessor } from './run-job'

/** The `billing` queue: verified Stripe webhooks, one job per event (app/modules/billing/events.server.ts). */
export function billingProcessor(logger: Logger) {
  return createProcessor(
    {
      'billing.stripe-event': async (payload) => {
        try {
          return await processStripeEvent(payload)
        } catch (error) {
          // Dues turned off since the event was queued (no keys): no retry can succeed.
          if (isAppError(error) && error.code === 'dues_disabled') throw new UnrecoverableError('dues are off: no Stripe key to fetch the event’s object')
          throw error
        }
      },
    },
    logger,
  )
}
