import Stripe from 'stripe'
import { enqueueJob, getQueue } from '#app/modules/jobs/queue.server'
import { getLogger } from '#app/utils/logger.server'
import { isHandledEventType } from './events.server'
import { duesEnabled, webhookSecret, WEBHOOK_TOLERANCE_SECONDS } from './stripe.server'

/**
 * `POST /webhooks/stripe` (decision 0031): the signature of the body's exact bytes is checked
 * against STRIPE_WEBHOOK_SECRET with a 300 s tolerance; a verified event of a handled type becomes
 * one `billing.stripe-event` job whose id is the event id (a repeated delivery is the same job),
 * carrying ids and the event's time only. Nothing is written here: the job fetches the object again and applies it.
 */
export interface WebhookAnswer {
  status: number
  body: { received: true; eventId: string; queued: boolean } | { error: { code: string; message: string } }
}

const refusal = (status: number, code: string, message: string): WebhookAnswer => ({ status, body: { error: { code, message } } })


export async function receiveStripeWebhook(input: { rawBody: Buffer; signature: string | null; requestId?: string }): Promise<WebhookAnswer> {
  const log = getLogger().child({ requestId: input.requestId, webhook: 'stripe' })
  const secret = webhookSecret()
  if (!duesEnabled() || !secret) {
    return refusal(503, 'webhooks_not_configured', 'Les cotisations ne sont pas activées sur cette installation (STRIPE_SECRET_KEY et STRIPE_WEBHOOK_SECRET). / Dues are not enabled on this installation.')
  }
  if (!input.signature) return refusal(400, 'signature_missing', 'En-tête Stripe-Signature manquant. / Missing Stripe-Signature header.')
  let event: Stripe.Event
  try {
    event = await Stripe.webhooks.constructEventAsync(input.rawBody, input.signature, secret, WEBHOOK_TOLERANCE_SECONDS)
  } catch (error) {
    log.warn({ reason: error instanceof Error ? error.message.slice(0, 200) : String(error) }, 'stripe webhook refused: bad signature')
    return refusal(400, 'signature_invalid', 'Signature Stripe invalide ou trop ancienne. / Invalid or expired Stripe signature.')
  }
  if (!isHandledEventType(event.type)) {
    log.info({ eventId: event.id, type: event.type }, 'stripe webhook acknowledged: type not handled')
    return { status: 200, body: { received: true, eventId: event.id, queued: false } }
  }
  const objectId = (event.data.object as { id?: unknown }).id
  // createdAt: when Stripe's state changed, so a late or retried job does not move the grace's start.
  const job = await enqueueJob('billing.stripe-event', {
    eventId: event.id,
    type: event.type,
    ...(typeof objectId === 'string' ? { objectId } : {}),
    createdAt: new Date(event.created * 1000).toISOString(),
  })
  const retried = job.kept ? false : await retryIfFailed(event.id)
  log.info({ eventId: event.id, type: event.type, objectId, jobId: job.id, kept: job.kept, retried }, 'stripe webhook queued')
  return { status: 200, body: { received: true, eventId: event.id, queued: true } }
}

/**
 * A job that used up its attempts (Stripe unreachable for hours) is kept as failed under the event
 * id, and BullMQ would take a new delivery of that event for the same job and do nothing: Stripe's
 * own retry (it redelivers for three days) puts it back in the queue instead.
 */
async function retryIfFailed(eventId: string) {
  const job = await getQueue('billing').getJob(eventId)
  if (!job || (await job.getState()) !== 'failed') return false
  try {
    await job.retry('failed')
    return true
  } catch {
    // Another delivery of the same event put it back first.
    return false
  }
}
