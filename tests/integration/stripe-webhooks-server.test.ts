import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { getQueue } from '#app/modules/jobs/queue.server'
import { prisma } from '#app/utils/db.server'
import { startWebServer, type WebServer } from '#tests/helpers/real-server'
import { signedWebhook, stripeEvent, TEST_STRIPE_ENV } from '#tests/mocks/stripe'

/**
 * `POST /webhooks/stripe` through the real web process (decision 0031): the edge hands the body's
 * exact bytes to the route, the signature is checked on them with Stripe's 300 s tolerance, and a
 * verified event of a handled type becomes one job whose id is the event id. Nothing here talks
 * to Stripe: the check is local, the job (not run here) does the fetching.
 */
let web: WebServer

beforeAll(async () => {
  web = await startWebServer({ ...TEST_STRIPE_ENV })
})

afterAll(async () => {
  await web?.stop()
})

const SECRET = TEST_STRIPE_ENV.STRIPE_WEBHOOK_SECRET
const subscription = { id: 'sub_test_server', object: 'subscription', status: 'active', customer: 'cus_test_server', metadata: {} }

const post = (body: string, headers: Record<string, string>) => web.send('/webhooks/stripe', { method: 'POST', headers, body })

async function jobsInQueue() {
  const counts = await getQueue('billing').getJobCounts('waiting', 'delayed', 'active', 'completed', 'failed', 'prioritized')
  return Object.values(counts).reduce((sum, count) => sum + count, 0)
}

const nothingWritten = async () => {
  expect(await prisma.stripeEvent.count()).toBe(0)
  expect(await prisma.pendingJob.count()).toBe(0)
  expect(await jobsInQueue()).toBe(0)
}

describe('refused deliveries: 400 in JSON, nothing written, nothing queued', () => {
  test('a signature made with another secret', async () => {
    const { payload, headers } = signedWebhook(stripeEvent('customer.subscription.updated', subscription), 'whsec_someone_else')
    const answer = await post(payload, headers)
    expect(answer.status).toBe(400)
    expect(answer.headers['content-type']).toMatch(/^application\/json/)
    expect(JSON.parse(answer.text)).toEqual({ error: { code: 'signature_invalid', message: expect.stringContaining('Signature Stripe invalide') } })
    await nothingWritten()
  })

  test('a signature 301 s old (Stripe’s tolerance is 300 s)', async () => {
    const { payload, headers } = signedWebhook(stripeEvent('customer.subscription.updated', subscription), SECRET, Math.floor(Date.now() / 1000) - 301)
    const answer = await post(payload, headers)
    expect(answer.status).toBe(400)
    expect(JSON.parse(answer.text).error.code).toBe('signature_invalid')
    await nothingWritten()
  })

  test('the same event re-serialised (same JSON, other bytes) under the original signature', async () => {
    const { payload, headers } = signedWebhook(stripeEvent('customer.subscription.updated', subscription), SECRET)
    const reserialised = JSON.stringify(JSON.parse(payload))
    expect(reserialised).not.toBe(payload)
    const answer = await post(reserialised, headers)
    expect(answer.status).toBe(400)
    expect(JSON.parse(answer.text).error.code).toBe('signature_invalid')
    await nothingWritten()
  })

  test('no signature at all', async () => {
    const { payload } = signedWebhook(stripeEvent('customer.subscription.updated', subscription), SECRET)
    const answer = await post(payload, { 'content-type': 'application/json' })
    expect(answer.status).toBe(400)
    expect(JSON.parse(answer.text).error.code).toBe('signature_missing')
    await nothingWritten()
  })

  test('a GET: 405, POST only', async () => {
    const answer = await web.send('/webhooks/stripe')
    expect(answer.status).toBe(405)
    expect(answer.headers.allow).toBe('POST')
    expect(JSON.parse(answer.text).error.code).toBe('method_not_allowed')
  })
})

describe('verified deliveries', () => {
  test('an event type the product does not handle: 200, acknowledged, no job', async () => {
    const { payload, headers } = signedWebhook(stripeEvent('customer.created', { id: 'cus_test_new', object: 'customer' }), SECRET)
    const answer = await post(payload, headers)
    expect(answer.status).toBe(200)
    expect(JSON.parse(answer.text)).toMatchObject({ received: true, queued: false })
    await nothingWritten()
  })

  test('a handled event, from Stripe’s servers (another Origin, a stray session cookie): 200 and one job whose id is the event id, with ids and the event’s time only', async () => {
    const event = stripeEvent('invoice.payment_failed', { id: 'in_test_server', object: 'invoice', customer: 'cus_test_server', customer_email: 'compta@alpes.example' })
    const { payload, headers } = signedWebhook(event, SECRET)
    const answer = await post(payload, { ...headers, Origin: 'https://stripe.com', Cookie: 'sillon_session=whatever' })
    expect(answer.status).toBe(200)
    expect(JSON.parse(answer.text)).toEqual({ received: true, eventId: event.id, queued: true })
    const job = await getQueue('billing').getJob(event.id)
    expect(job?.name).toBe('billing.stripe-event')
    // Ids and the event's time (the grace of a failed payment runs from it), nothing of the customer.
    expect(job?.data).toEqual({ eventId: event.id, type: 'invoice.payment_failed', objectId: 'in_test_server', createdAt: new Date(event.created * 1000).toISOString() })
    // The route writes nothing: the job stores the event with its effect.
    expect(await prisma.stripeEvent.count()).toBe(0)
    await getQueue('billing').obliterate({ force: true })
  })

  test('the same delivery five times at once: five 200s, one job', async () => {
    const event = stripeEvent('customer.subscription.updated', subscription)
    const { payload, headers } = signedWebhook(event, SECRET)
    const answers = await Promise.all(Array.from({ length: 5 }, () => post(payload, headers)))
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200])
    expect(await jobsInQueue()).toBe(1)
    expect((await getQueue('billing').getJob(event.id))?.data).toMatchObject({ eventId: event.id, objectId: subscription.id })
    await getQueue('billing').obliterate({ force: true })
  })
})

describe('without Stripe keys (the embedded default)', () => {
  test('503 in JSON: not configured; nothing queued', async () => {
    const off = await startWebServer({ STRIPE_SECRET_KEY: '', STRIPE_WEBHOOK_SECRET: '' })
    try {
      const { payload, headers } = signedWebhook(stripeEvent('customer.subscription.updated', subscription), SECRET)
      const answer = await off.send('/webhooks/stripe', { method: 'POST', headers, body: payload })
      expect(answer.status).toBe(503)
      expect(JSON.parse(answer.text).error.code).toBe('webhooks_not_configured')
      await nothingWritten()
    } finally {
      await off.stop()
    }
  })
})
