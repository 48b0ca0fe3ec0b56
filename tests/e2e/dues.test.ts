import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { prisma } from '#app/utils/db.server'
import { createHub, createMember, PASSWORD } from '#tests/factories'
import { checkAccessible, launchBrowser, logIn, textOf } from '#tests/helpers/browser'
import { CHILD_MOCKS, startProduct } from '#tests/helpers/server'
import { createStripeFake, signedWebhook, stripeEvent, TEST_STRIPE_ENV } from '#tests/mocks/stripe'

/**
 * A firm pays its dues, in headless Chromium against the production web and worker processes,
 * whose calls to Stripe's API are answered by the tests' Stripe double (preloaded into them, its
 * state in a file this test shares): the owner opens the organisation's billing page and pays;
 * the browser is sent to the Checkout URL the API gave (served here by a stand-in page, as
 * checkout.stripe.com is out of reach); on Stripe's side the customer pays and Stripe posts the
 * signed `checkout.session.completed`; back on the billing page (the success URL), the membership
 * shows active once the worker has processed the event, with its invoice.
 */
const CHECKOUT_STAND_IN = '<!doctype html><html lang="fr"><head><title>Stripe Checkout (test)</title></head><body><main><h1>Paiement de la cotisation</h1></main></body></html>'

describe('a firm pays its dues: Checkout, the webhook, and back to its billing page', () => {
  let product: Awaited<ReturnType<typeof startProduct>>
  let browser: Browser
  let page: Page
  let dir: string
  let stripe: ReturnType<typeof createStripeFake>
  let firm: { slug: string; id: string; email: string }
  const pageErrors: string[] = []

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'sillon-dues-'))
    const stateFile = path.join(dir, 'stripe.json')
    stripe = createStripeFake(stateFile)
    stripe.reset()
    const hub = await createHub({ name: 'Digital Grenoble', shortName: 'Grenoble', requiresDues: true })
    await prisma.membershipPlan.create({ data: { hubId: hub.id, name: 'Adhésion entreprise — 1 à 10 M€', orgKind: 'FIRM', interval: 'YEAR', amountCents: 96_000 } })
    const member = await createMember(hub.id, 'FIRM', { organisation: { name: 'Belledonne Vision', revenueBand: 'M2_5M' } })
    firm = { slug: member.organisation.slug, id: member.organisation.id, email: member.user.email }
    product = await startProduct({ ...TEST_STRIPE_ENV, STRIPE_FAKE_STATE: stateFile, ENABLE_SCHEDULERS: 'false' }, { preload: [CHILD_MOCKS] })
    browser = await launchBrowser()
    expect((await fetch(`${product.baseUrl}/login`)).status).toBe(200)
    page = await logIn(browser, product.baseUrl, 'firm', firm.email, PASSWORD, { pageErrors, expectedHttpErrors: [] })
    page.context().setDefaultTimeout(30_000)
  })

  afterAll(async () => {
    await browser?.close()
    await product?.stop()
    if (dir) rmSync(dir, { recursive: true, force: true })
    expect(pageErrors).toEqual([])
  })

  /** Stripe posts `type` about `object`, signed with the endpoint's secret; the product acknowledges it. */
  async function deliver(type: string, object: Record<string, unknown>) {
    const { payload, headers } = signedWebhook(stripeEvent(type, object), TEST_STRIPE_ENV.STRIPE_WEBHOOK_SECRET)
    const response = await fetch(`${product.baseUrl}/webhooks/stripe`, { method: 'POST', headers, body: payload })
    expect(response.status, `${type}: ${await response.clone().text()}`).toBe(200)
  }

  /** Reloads the page until its main content shows `text` (the worker's effect), as a person would. */
  async function reloadUntil(text: string, what: string) {
    for (let attempt = 0; ; attempt++) {
      if ((await textOf(page.locator('main'))).includes(text)) return
      if (attempt >= 60) throw new Error(`the billing page never showed ${what}:\n${await textOf(page.locator('main'))}\n${product.output.join('')}`)
      await new Promise((resolve) => setTimeout(resolve, 500))
      await page.reload()
    }
  }

  test('pay → Checkout (the API’s URL) → paid on Stripe’s side, webhook → the billing page shows the membership active and its invoice', async () => {
    const billingUrl = `${product.baseUrl}/orgs/${firm.slug}/billing`
    await page.goto(billingUrl)
    await page.getByRole('heading', { level: 1, name: 'Cotisation' }).waitFor()
    expect(await textOf(page.locator('main'))).toContain('Pas d’adhésion en cours.')
    await checkAccessible(page)

    // checkout.stripe.com is out of this sandbox's reach: a stand-in page answers there.
    await page.route('https://checkout.stripe.com/**', (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: CHECKOUT_STAND_IN }))
    await page.getByLabel('E-mail de facturation').fill('compta@belledonne-vision.example')
    await page.getByRole('button', { name: 'Payer avec Stripe' }).click()
    await page.waitForURL('https://checkout.stripe.com/**')

    // The URL is the session's that the product asked the API for, with the contract's fields.
    const sessions = stripe.list('checkout.session')
    expect(sessions).toHaveLength(1)
    const session = sessions[0]!
    expect(page.url()).toBe(session.url)
    expect(session).toMatchObject({
      mode: 'subscription',
      client_reference_id: firm.id,
      locale: 'fr',
      allowed_payment_method_types: ['card', 'sepa_debit'],
      success_url: `${billingUrl}?checkout=success`,
      cancel_url: `${billingUrl}?checkout=canceled`,
      subscription_data: { metadata: { organisationId: firm.id } },
    })
    const customer = stripe.get(String(session.customer))
    expect(customer).toMatchObject({ email: 'compta@belledonne-vision.example', name: 'Belledonne Vision', metadata: { organisationId: firm.id } })

    // On Stripe's side: the customer pays; Stripe posts the signed checkout.session.completed.
    const { session: completed, invoice } = stripe.completeCheckout(session.id)
    await deliver('checkout.session.completed', completed)

    // Stripe sends the browser back to the success URL; the worker's processing shows on reload.
    await page.goto(String(completed.success_url))
    expect(await textOf(page.locator('main'))).toContain('Paiement reçu')
    await reloadUntil('Adhésion active jusqu’au', 'the membership active')
    expect(await textOf(page.locator('main'))).toContain('Votre cotisation est à jour : vous pouvez publier des besoins et candidater.')

    // Stripe also tells of the first invoice, paid: it is listed on the page.
    await deliver('invoice.paid', invoice)
    await reloadUntil(String(invoice.number), 'the first invoice')
    const invoices = page.getByRole('table', { name: 'Factures de l’organisation, les plus récentes d’abord' })
    const row = invoices.getByRole('row').filter({ hasText: String(invoice.number) })
    expect(await textOf(row)).toContain('960 €')
    expect(await textOf(row)).toContain('Payée')
    await checkAccessible(page)
  })
})
