import { getEnv } from '#app/utils/env.server'
import { everyone } from './expect'
import type { MarkerKey } from './markers'
import type { Row } from './table'

/**
 * The access rows of issue 15's payments (spread into accessTable by table.ts): Stripe's webhook,
 * public and guarded by its signature alone (decision 0031). Whoever posts without a valid
 * `Stripe-Signature` (every persona here: no session, cookie or token counts) gets a 400 in JSON
 * and nothing is written or queued; without Stripe keys it answers 503 (not configured) before
 * looking. The expectation is read when the row runs, from the environment of the run, so the
 * rows hold whether or not this run turns dues on. Signed deliveries are tested through the real
 * server (tests/integration/stripe-webhooks-server.test.ts).
 */
const none = () => [] as MarkerKey[]

const unsigned = (label: string, body: Row['body']): Row => ({
  route: 'routes/webhooks.stripe',
  method: 'POST',
  label,
  body,
  get expect() {
    return everyone(getEnv().DUES_ENABLED ? 400 : 503)
  },
  only: none,
})

export const paymentsRows: Row[] = [
  { route: 'routes/webhooks.stripe', method: 'GET', label: 'not a delivery', expect: everyone(405), only: none },
  unsigned('an event without signature', () => ({
    json: { id: 'evt_access_unsigned', object: 'event', type: 'customer.subscription.updated', data: { object: { id: 'sub_access', object: 'subscription', status: 'canceled' } } },
  })),
  unsigned('an empty form', () => ({ form: {} })),
]
