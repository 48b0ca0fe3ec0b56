import { json, type ActionFunctionArgs } from '@remix-run/node'
import { receiveStripeWebhook } from '#app/modules/billing/webhooks.server'

/**
 * Stripe's webhooks (decision 0031). No session, no cookie, no Origin check (server/edge.ts lets
 * /webhooks/ through): the signature of the raw body is the credential. The body is read as the
 * bytes that arrived, never parsed and re-serialised before the check.
 */
const NO_STORE = { 'Cache-Control': 'no-store' }

export async function action({ request, context }: ActionFunctionArgs) {
  if (request.method !== 'POST') return methodNotAllowed()
  const rawBody = Buffer.from(await request.arrayBuffer())
  const answer = await receiveStripeWebhook({ rawBody, signature: request.headers.get('stripe-signature'), requestId: context.requestId })
  return json(answer.body, { status: answer.status, headers: NO_STORE })
}

/** Only Stripe's POSTs: anything else is 405. */
export function loader() {
  return methodNotAllowed()
}

function methodNotAllowed() {
  return json(
    { error: { code: 'method_not_allowed', message: 'Seul POST est accepté ici. / Only POST is accepted here.' } },
    { status: 405, headers: { ...NO_STORE, Allow: 'POST' } },
  )
}
