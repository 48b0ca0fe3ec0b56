import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { http, HttpResponse, type RequestHandler } from 'msw'
import Stripe from 'stripe'

/**
 * A small, stateful stand-in for Stripe's API (the third party the product calls for dues), served
 * by MSW where api.stripe.com would answer. It keeps the objects the product creates (customers,
 * products, prices, Checkout and portal sessions) and those a test makes happen on Stripe's side
 * (`completeCheckout`, `failPayment`, …), in the shapes of the API version stripe-node pins
 * (a subscription's period on its items; an invoice's subscription under `parent`; a charge
 * names no invoice: its PaymentIntent does, through `GET /v1/invoice_payments?payment[…]`).
 *
 * Lists: subscriptions by `customer` and `status` (`all`; canceled left out by default), Checkout
 * sessions by `customer` and `status`; an open session can be expired (`POST …/expire`).
 *
 * Tests read `stripeFake.calls` to see what the product asked, and build signed webhooks with
 * `signedEvent`. With STRIPE_FAKE_STATE set (a file path), the state is kept in that file so that
 * the product's own processes (browser journeys) and the test share one Stripe.
 */
type StripeObject = Record<string, unknown> & { id: string }

interface State {
  seq: number
  now: number | null
  objects: Record<string, StripeObject>
}

export interface StripeCall {
  method: string
  path: string
  body: Record<string, unknown>
}

const API = 'https://api.stripe.com'

function emptyState(): State {
  return { seq: 0, now: null, objects: {} }
}

/** Sets `a[b][0][c]=v` (Stripe's form encoding) into a nested object. */
export function parseStripeForm(text: string): Record<string, unknown> {
  const root: Record<string, unknown> = {}
  for (const [key, value] of new URLSearchParams(text)) {
    const parts = key.split(/\[|\]\[|\]/).filter((part) => part !== '')
    let node: Record<string, unknown> = root
    parts.forEach((part, index) => {
      if (index === parts.length - 1) {
        node[part] = value
        return
      }
      const next = parts[index + 1]!
      node[part] ??= /^\d+$/.test(next) ? [] : {}
      node = node[part] as Record<string, unknown>
    })
  }
  return root
}

export function createStripeFake(stateFile = process.env.STRIPE_FAKE_STATE) {
  let state = emptyState()
  const calls: StripeCall[] = []
  const load = () => {
    if (stateFile && existsSync(stateFile)) state = JSON.parse(readFileSync(stateFile, 'utf8')) as State
  }
  const save = () => {
    if (!stateFile) return
    // Written aside then renamed, so that a process reading the file never sees half of it.
    const partial = `${stateFile}.${process.pid}.tmp`
    writeFileSync(partial, JSON.stringify(state))
    renameSync(partial, stateFile)
  }
  const nowSeconds = () => Math.floor((state.now ?? Date.now()) / 1000)
  const newId = (prefix: string) => `${prefix}_test_${String(++state.seq).padStart(6, '0')}`
  const put = (object: StripeObject) => {
    state.objects[object.id] = object
    return object
  }
  const get = (id: string) => state.objects[id]
  const all = (object: string) => Object.values(state.objects).filter((item) => item.object === object)
  const notFound = (id: string) =>
    HttpResponse.json({ error: { type: 'invalid_request_error', code: 'resource_missing', message: `No such object: '${id}'`, param: 'id' } }, { status: 404 })

  const PERIOD_DAYS = { year: 365, month: 30 } as const

  function subscriptionFor(customer: string, price: StripeObject, metadata: unknown, status: string) {
    const start = nowSeconds()
    const interval = ((price.recurring as { interval?: 'year' | 'month' } | undefined)?.interval ?? 'year') as 'year' | 'month'
    const end = start + PERIOD_DAYS[interval] * 86_400
    const id = newId('sub')
    return put({
      id,
      object: 'subscription',
      customer,
      status,
      cancel_at_period_end: false,
      canceled_at: null,
      created: start,
      start_date: start,
      metadata: metadata ?? {},
      latest_invoice: null,
      items: { object: 'list', data: [{ id: newId('si'), object: 'subscription_item', price, quantity: 1, current_period_start: start, current_period_end: end, subscription: id }] },
    })
  }

  function invoiceFor(subscription: StripeObject, paid: boolean) {
    const item = (subscription.items as { data: Array<{ price: StripeObject; current_period_start: number; current_period_end: number }> }).data[0]!
    const amount = Number(item.price.unit_amount ?? 0)
    const id = newId('in')
    const charge = paid ? chargeFor(String(subscription.customer), amount) : null
    const invoice = put({
      id,
      object: 'invoice',
      customer: subscription.customer,
      number: `SIL-${String(state.seq).padStart(4, '0')}`,
      status: paid ? 'paid' : 'open',
      amount_due: amount,
      amount_paid: paid ? amount : 0,
      amount_remaining: paid ? 0 : amount,
      currency: 'eur',
      created: nowSeconds(),
      period_start: item.current_period_start,
      period_end: item.current_period_end,
      hosted_invoice_url: `https://invoice.stripe.com/i/${id}`,
      invoice_pdf: `https://pay.stripe.com/invoice/${id}/pdf`,
      parent: { type: 'subscription_details', subscription_details: { subscription: subscription.id, metadata: subscription.metadata } },
      lines: { object: 'list', data: [{ id: newId('il'), object: 'line_item', amount, currency: 'eur', period: { start: item.current_period_start, end: item.current_period_end } }] },
      charge_id: charge?.id ?? null,
    })
    subscription.latest_invoice = id
    if (charge) invoicePaymentFor(invoice, charge)
    return invoice
  }

  /** A successful charge and the PaymentIntent it belongs to (a charge names its invoice only through it). */
  function chargeFor(customer: string, amount: number) {
    const paymentIntent = newId('pi')
    return put({ id: newId('ch'), object: 'charge', customer, amount, amount_refunded: 0, refunded: false, currency: 'eur', created: nowSeconds(), payment_intent: paymentIntent, metadata: {} })
  }

  /** The link Stripe keeps between an invoice and the payment that paid it (`GET /v1/invoice_payments`). */
  function invoicePaymentFor(invoice: StripeObject, charge: StripeObject) {
    return put({
      id: newId('inpay'),
      object: 'invoice_payment',
      invoice: invoice.id,
      amount_paid: charge.amount,
      amount_requested: invoice.amount_due,
      currency: 'eur',
      is_default: true,
      livemode: false,
      created: nowSeconds(),
      status: 'paid',
      payment: { type: 'payment_intent', payment_intent: charge.payment_intent },
      status_transitions: { canceled_at: null, paid_at: nowSeconds() },
    })
  }

  const handlers: RequestHandler[] = [
    http.all(`${API}/v1/*`, async ({ request }) => {
      const url = new URL(request.url)
      const method = request.method
      const path = url.pathname
      const body = method === 'GET' || method === 'DELETE' ? Object.fromEntries(url.searchParams) : parseStripeForm(await request.text())
      // Read, answer and write with no await in between: another process may share the file.
      load()
      calls.push({ method, path, body })
      const answer = route(method, path, body, url.searchParams)
      save()
      return answer
    }),
  ]

  function route(method: string, path: string, body: Record<string, unknown>, query: URLSearchParams) {
    const [, , resource, id, sub, subId] = path.split('/')
    const key = `${method} ${resource}${resource === 'checkout' || resource === 'billing_portal' ? `/${id}` : ''}`
    const objectId = resource === 'checkout' || resource === 'billing_portal' ? sub : id
    switch (key) {
      case 'POST customers':
        if (id) {
          const customer = get(id)
          return customer ? HttpResponse.json(Object.assign(customer, body)) : notFound(id)
        }
        return HttpResponse.json(put({ id: newId('cus'), object: 'customer', created: nowSeconds(), invoice_settings: {}, preferred_locales: [], metadata: {}, ...body }))
      case 'DELETE customers':
        if (id && get(id)) {
          delete state.objects[id]
          return HttpResponse.json({ id, object: 'customer', deleted: true })
        }
        return notFound(id ?? '')
      case 'GET customers':
        return id ? (get(id) ? HttpResponse.json(get(id)) : notFound(id)) : HttpResponse.json({ object: 'list', data: all('customer'), has_more: false })
      case 'POST products':
        if (id) {
          const product = get(id)
          return product ? HttpResponse.json(Object.assign(product, body, 'active' in body ? { active: body.active === 'true' } : {})) : notFound(id)
        }
        return HttpResponse.json(put({ id: newId('prod'), object: 'product', active: true, created: nowSeconds(), metadata: {}, ...body }))
      case 'POST prices': {
        if (id) {
          const price = get(id)
          return price ? HttpResponse.json(Object.assign(price, body, 'active' in body ? { active: body.active === 'true' } : {})) : notFound(id)
        }
        const recurring = body.recurring as Record<string, string> | undefined
        return HttpResponse.json(
          put({ id: newId('price'), object: 'price', active: true, created: nowSeconds(), metadata: {}, ...body, unit_amount: Number(body.unit_amount), recurring: recurring ? { interval: recurring.interval, interval_count: 1 } : null, type: recurring ? 'recurring' : 'one_time' }),
        )
      }
      case 'GET products':
      case 'GET prices':
        return id ? (get(id) ? HttpResponse.json(get(id)) : notFound(id)) : HttpResponse.json({ object: 'list', data: all(resource === 'products' ? 'product' : 'price'), has_more: false })
      case 'POST checkout/sessions': {
        if (objectId && subId === 'expire') {
          const session = get(objectId)
          if (!session) return notFound(objectId)
          if (session.status !== 'open') return HttpResponse.json({ error: { type: 'invalid_request_error', message: `Only open sessions can be expired (${session.status as string})` } }, { status: 400 })
          return HttpResponse.json(Object.assign(session, { status: 'expired', url: null }))
        }
        if (objectId) return notFound(objectId)
        const sessionId = newId('cs')
        return HttpResponse.json(
          put({ id: sessionId, object: 'checkout.session', status: 'open', payment_status: 'unpaid', subscription: null, created: nowSeconds(), url: `https://checkout.stripe.com/c/pay/${sessionId}`, metadata: {}, ...body }),
        )
      }
      case 'GET checkout/sessions':
        if (!objectId) {
          // Listing: by customer and status (`open`, `complete`, `expired`), newest first.
          return HttpResponse.json({
            object: 'list',
            data: all('checkout.session')
              .filter((item) => !query.get('customer') || item.customer === query.get('customer'))
              .filter((item) => !query.get('status') || item.status === query.get('status'))
              .sort((a, b) => Number(b.created) - Number(a.created))
              .slice(0, Number(query.get('limit') ?? 10)),
            has_more: false,
          })
        }
        return get(objectId) ? HttpResponse.json(get(objectId)) : notFound(objectId)
      case 'POST billing_portal/sessions': {
        const portalId = newId('bps')
        return HttpResponse.json(put({ id: portalId, object: 'billing_portal.session', created: nowSeconds(), url: `https://billing.stripe.com/p/session/${portalId}`, ...body }))
      }
      case 'GET subscriptions':
        if (id) {
          const subscription = get(id)
          if (!subscription) return notFound(id)
          return HttpResponse.json(query.getAll('expand[]').includes('latest_invoice') && subscription.latest_invoice ? { ...subscription, latest_invoice: get(String(subscription.latest_invoice)) } : subscription)
        }
        // Listing: by customer and status; as at Stripe, without `status` the canceled ones are left out, `all` keeps them.
        return HttpResponse.json({
          object: 'list',
          data: all('subscription')
            .filter((item) => !query.get('customer') || item.customer === query.get('customer'))
            .filter((item) => (query.get('status') === 'all' ? true : query.get('status') ? item.status === query.get('status') : item.status !== 'canceled')),
          has_more: false,
        })
      case 'POST subscriptions':
        if (id && get(id)) {
          const subscription = get(id)!
          if (body.cancel_at_period_end !== undefined) subscription.cancel_at_period_end = body.cancel_at_period_end === 'true'
          if (body.metadata) subscription.metadata = body.metadata
          return HttpResponse.json(subscription)
        }
        return notFound(id ?? '')
      case 'DELETE subscriptions':
        if (id && get(id)) return HttpResponse.json(Object.assign(get(id)!, { status: 'canceled', canceled_at: nowSeconds() }))
        return notFound(id ?? '')
      case 'GET invoices':
        if (id) return get(id) ? HttpResponse.json(get(id)) : notFound(id)
        return HttpResponse.json({
          object: 'list',
          data: all('invoice')
            .filter((item) => !query.get('customer') || item.customer === query.get('customer'))
            .filter((item) => !query.get('subscription') || (item.parent as { subscription_details?: { subscription?: string } }).subscription_details?.subscription === query.get('subscription'))
            .sort((a, b) => Number(b.created) - Number(a.created))
            .slice(0, Number(query.get('limit') ?? 10)),
          has_more: false,
        })
      case 'GET invoice_payments':
        return HttpResponse.json({
          object: 'list',
          data: all('invoice_payment')
            .filter((item) => !query.get('invoice') || item.invoice === query.get('invoice'))
            .filter((item) => !query.get('payment[payment_intent]') || (item.payment as { payment_intent?: string }).payment_intent === query.get('payment[payment_intent]'))
            .slice(0, Number(query.get('limit') ?? 10)),
          has_more: false,
        })
      case 'GET charges':
        return id && get(id) ? HttpResponse.json(get(id)) : notFound(id ?? '')
      default:
        return HttpResponse.json({ error: { type: 'invalid_request_error', message: `Unrecognized request URL (${method}: ${path}) in the test double${subId ? '' : ''}` } }, { status: 404 })
    }
  }

  return {
    handlers,
    calls,
    /** Forgets every object and call (between tests). */
    reset() {
      state = emptyState()
      calls.length = 0
      save()
    },
    /** Stripe's clock for what the fake creates (seconds are what Stripe returns). */
    setNow(date: Date | null) {
      load()
      state.now = date ? date.getTime() : null
      save()
    },
    get(id: string) {
      load()
      return get(id)
    },
    list(object: string) {
      load()
      return all(object)
    },
    /** What happens on Stripe's side when the customer pays on the Checkout page: a subscription, its first invoice paid. */
    completeCheckout(sessionId: string, options: { status?: 'active' | 'incomplete' | 'trialing' } = {}) {
      load()
      const session = get(sessionId)
      if (!session) throw new Error(`no Checkout session ${sessionId}`)
      const lineItems = session.line_items as Array<{ price: string }>
      const price = get(lineItems[0]!.price)!
      const subscription = subscriptionFor(String(session.customer), price, (session.subscription_data as { metadata?: unknown } | undefined)?.metadata ?? session.metadata, options.status ?? 'active')
      const invoice = invoiceFor(subscription, (options.status ?? 'active') !== 'incomplete')
      Object.assign(session, { status: 'complete', payment_status: 'paid', subscription: subscription.id })
      save()
      return { session, subscription, invoice }
    },
    /** A subscription created directly on Stripe (dashboard, API) for a customer and a price. */
    createSubscription(customer: string, priceId: string, metadata: Record<string, string> = {}, status = 'active') {
      load()
      const subscription = subscriptionFor(customer, get(priceId)!, metadata, status)
      const invoice = invoiceFor(subscription, status === 'active')
      save()
      return { subscription, invoice }
    },
    /** The renewal's payment failed: a new open invoice, the subscription past due. */
    failPayment(subscriptionId: string) {
      load()
      const subscription = get(subscriptionId)!
      const invoice = invoiceFor(subscription, false)
      subscription.status = 'past_due'
      save()
      return { subscription, invoice }
    },
    /** The customer paid (again): the open invoice paid, the period renewed, the subscription active. */
    payInvoice(invoiceId: string) {
      load()
      const invoice = get(invoiceId)!
      const subscription = get(String((invoice.parent as { subscription_details: { subscription: string } }).subscription_details.subscription))!
      const charge = chargeFor(String(invoice.customer), Number(invoice.amount_due))
      Object.assign(invoice, { status: 'paid', amount_paid: invoice.amount_due, amount_remaining: 0, charge_id: charge.id })
      invoicePaymentFor(invoice, charge)
      const item = (subscription.items as { data: Array<{ current_period_start: number; current_period_end: number }> }).data[0]!
      if (item.current_period_end <= nowSeconds()) {
        const length = item.current_period_end - item.current_period_start
        item.current_period_start = nowSeconds()
        item.current_period_end = nowSeconds() + length
      }
      subscription.status = 'active'
      save()
      return { subscription, invoice, charge }
    },
    /** Cancelled on Stripe (portal, dashboard, or unpaid for too long). */
    cancelSubscription(subscriptionId: string) {
      load()
      const subscription = Object.assign(get(subscriptionId)!, { status: 'canceled', canceled_at: nowSeconds() })
      save()
      return subscription
    },
    /** A refund of a charge, in whole or in part. */
    refundCharge(chargeId: string, amount?: number) {
      load()
      const charge = get(chargeId)!
      const refunded = amount ?? Number(charge.amount)
      Object.assign(charge, { amount_refunded: refunded, refunded: refunded >= Number(charge.amount) })
      save()
      return charge
    },
    update(id: string, fields: Record<string, unknown>) {
      load()
      const object = Object.assign(get(id)!, fields)
      save()
      return object
    },
  }
}

export type StripeFake = ReturnType<typeof createStripeFake>

/** The fake every test file shares (its handlers are in tests/mocks/handlers.ts). */
export const stripeFake = createStripeFake()

let eventSeq = 0

/** A Stripe event as a webhook delivers it, about a copy of `object` as it is now. */
export function stripeEvent(type: string, object: Record<string, unknown>, options: { id?: string; created?: Date } = {}) {
  return {
    id: options.id ?? `evt_test_${Date.now().toString(36)}_${++eventSeq}`,
    object: 'event',
    api_version: Stripe.API_VERSION,
    created: Math.floor((options.created ?? new Date()).getTime() / 1000),
    type,
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    data: { object: structuredClone(object) },
  }
}

/**
 * A webhook delivery as Stripe sends it: the body's exact bytes and a `Stripe-Signature` header
 * made with the secret (`generateTestHeaderString`), at `timestamp` (seconds; now by default).
 */
export function signedWebhook(event: object, secret: string, timestamp = Math.floor(Date.now() / 1000)) {
  const payload = JSON.stringify(event, null, 2)
  const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp })
  return { payload, headers: { 'content-type': 'application/json', 'stripe-signature': signature } }
}

/** Keys for tests that turn dues on (test-mode shapes; nothing leaves the machine). */
export const TEST_STRIPE_ENV = {
  STRIPE_SECRET_KEY: 'sk_test_sillon_fake_key',
  STRIPE_WEBHOOK_SECRET: 'whsec_sillon_fake_secret',
} as const
