import { http, HttpResponse } from 'msw'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { prisma } from '#app/utils/db.server'
import { resetEnvForTests } from '#app/utils/env.server'
import { createHub, createMember, createStaff, createUser } from '#tests/factories'
import { loadBuild, signedIn } from '#tests/helpers/app'
import { server } from '#tests/mocks/server'
import { stripeFake, TEST_STRIPE_ENV } from '#tests/mocks/stripe'

/**
 * Paying the dues (decision 0030) with dues on: one Stripe customer per organisation, a Checkout
 * Session in subscription mode (303 to its URL), the Billing Portal, and the billing page that
 * says where the organisation stands. Stripe is the stateful double of tests/mocks/stripe.ts.
 */
let hubId: string

beforeAll(async () => {
  Object.assign(process.env, TEST_STRIPE_ENV)
  resetEnvForTests()
  await loadBuild()
  hubId = (await createHub({ requiresDues: true })).id
})

afterAll(() => {
  delete process.env.STRIPE_SECRET_KEY
  delete process.env.STRIPE_WEBHOOK_SECRET
  resetEnvForTests()
})

beforeEach(async () => {
  stripeFake.reset()
  await prisma.subscription.deleteMany({})
  await prisma.membershipPlan.deleteMany({})
})

/** A plan stored while dues were off (no Stripe ids): its price is made at its first Checkout. */
async function plan(fields: { orgKind?: 'FIRM' | 'PARTNER'; revenueBand?: 'M1_2M' | null; interval?: 'YEAR' | 'MONTH'; amountCents?: number; name?: string } = {}) {
  return prisma.membershipPlan.create({
    data: { hubId, name: fields.name ?? 'Adhésion entreprise', orgKind: fields.orgKind ?? 'FIRM', revenueBand: fields.revenueBand ?? null, interval: fields.interval ?? 'YEAR', amountCents: fields.amountCents ?? 48_000 },
  })
}

const checkoutSessions = () => stripeFake.calls.filter((call) => call.method === 'POST' && call.path === '/v1/checkout/sessions')

describe('paying through Checkout', () => {
  test('one customer per organisation, a subscription-mode session with card and SEPA debit, 303 to its URL', async () => {
    const yearly = await plan()
    const { user, organisation } = await createMember(hubId, 'FIRM')
    const owner = await signedIn(user.email)
    const page = await (await owner.get(`/orgs/${organisation.slug}/billing`)).text()
    expect(page).toContain('Votre association demande une cotisation pour publier des besoins et candidater.')
    expect(page).toContain('Pas d’adhésion en cours.')
    expect(page).toContain('480\u00a0€ par an')
    expect(page).toContain('Payer avec Stripe')
    expect(page).toContain(`value="${user.email}"`)

    const response = await owner.post(`/orgs/${organisation.slug}/billing`, { intent: 'checkout', billingEmail: 'Compta@Startup.example', interval: 'YEAR' })
    expect(response.status).toBe(303)
    const [session] = stripeFake.list('checkout.session')
    expect(response.headers.get('Location')).toBe(`https://checkout.stripe.com/c/pay/${session!.id}`)

    const [customer] = stripeFake.list('customer')
    expect(customer).toMatchObject({
      name: organisation.name,
      email: 'compta@startup.example',
      preferred_locales: ['fr'],
      metadata: { organisationId: organisation.id, siren: organisation.siren },
      // French invoices show the SIREN.
      invoice_settings: { custom_fields: [{ name: 'SIREN', value: organisation.siren }] },
    })
    // The plan got its Stripe price at this first Checkout.
    const mirrored = await prisma.membershipPlan.findUniqueOrThrow({ where: { id: yearly.id } })
    expect(stripeFake.get(mirrored.stripePriceId!)).toMatchObject({ unit_amount: 48_000, recurring: { interval: 'year' }, currency: 'eur' })
    expect(session).toMatchObject({
      mode: 'subscription',
      customer: customer!.id,
      allowed_payment_method_types: ['card', 'sepa_debit'],
      locale: 'fr',
      client_reference_id: organisation.id,
      line_items: [{ price: mirrored.stripePriceId, quantity: '1' }],
      subscription_data: { metadata: { organisationId: organisation.id, planId: yearly.id } },
      success_url: `http://localhost:3000/orgs/${organisation.slug}/billing?checkout=success`,
      cancel_url: `http://localhost:3000/orgs/${organisation.slug}/billing?checkout=canceled`,
    })
    expect(await prisma.subscription.findUniqueOrThrow({ where: { organisationId: organisation.id } })).toMatchObject({
      status: 'NONE',
      stripeCustomerId: customer!.id,
      billingEmail: 'compta@startup.example',
      planId: yearly.id,
    })
    expect(await prisma.auditLog.count({ where: { action: { in: ['billing.customer-create', 'billing.checkout-start', 'billing.plan-mirror'] }, actorId: user.id } })).toBe(3)

    // Back from Stripe without paying, then again: the same customer, its e-mail and SIREN kept up to
    // date, and the session still open is the one offered again (never two payable ones).
    expect(await (await owner.get(`/orgs/${organisation.slug}/billing?checkout=canceled`)).text()).toContain('Vous avez quitté la page de paiement : rien n’a été payé.')
    const again = await owner.post(`/orgs/${organisation.slug}/billing`, { intent: 'checkout', billingEmail: 'factures@startup.example' })
    expect(again.status).toBe(303)
    expect(again.headers.get('Location')).toBe(`https://checkout.stripe.com/c/pay/${session!.id}`)
    expect(stripeFake.list('customer')).toHaveLength(1)
    expect(stripeFake.get(customer!.id)).toMatchObject({ email: 'factures@startup.example' })
    const update = stripeFake.calls.find((call) => call.method === 'POST' && call.path === `/v1/customers/${customer!.id}`)
    expect(update?.body).toMatchObject({ invoice_settings: { custom_fields: [{ name: 'SIREN', value: organisation.siren }] } })
    expect(checkoutSessions()).toHaveLength(1)
    // The price was made once.
    expect(stripeFake.list('price')).toHaveLength(1)
  })

  test('two first Checkouts at once: one customer, one price and one session, both sent to it', async () => {
    const yearly = await plan()
    const { user, organisation } = await createMember(hubId, 'FIRM')
    const owner = await signedIn(user.email)
    const answers = await Promise.all([0, 1].map(() => owner.post(`/orgs/${organisation.slug}/billing`, { intent: 'checkout', billingEmail: user.email })))
    expect(answers.map((answer) => answer.status)).toEqual([303, 303])
    const stored = await prisma.subscription.findUniqueOrThrow({ where: { organisationId: organisation.id } })
    const price = (await prisma.membershipPlan.findUniqueOrThrow({ where: { id: yearly.id } })).stripePriceId
    expect(stripeFake.list('customer').map((customer) => customer.id)).toEqual([stored.stripeCustomerId])
    expect(stripeFake.list('price').filter((item) => item.active).map((item) => item.id)).toEqual([price])
    const sessions = stripeFake.list('checkout.session')
    expect(sessions).toHaveLength(1)
    expect(sessions[0]).toMatchObject({ customer: stored.stripeCustomerId, line_items: [{ price }], status: 'open' })
    expect(answers.map((answer) => answer.headers.get('Location'))).toEqual([sessions[0]!.url, sessions[0]!.url])
  })

  test('paid at Stripe before the webhook is processed: no pay form after the return, a second Checkout refused, the portal instead', async () => {
    await plan()
    await plan({ interval: 'MONTH', amountCents: 4_500, name: 'Adhésion mensuelle' })
    const { user, organisation } = await createMember(hubId, 'FIRM')
    const owner = await signedIn(user.email)
    expect((await owner.post(`/orgs/${organisation.slug}/billing`, { intent: 'checkout', billingEmail: user.email, interval: 'YEAR' })).status).toBe(303)
    // Changing one's mind: the yearly session is expired, a monthly one opened; only one can be paid.
    const monthly = await owner.post(`/orgs/${organisation.slug}/billing`, { intent: 'checkout', billingEmail: user.email, interval: 'MONTH' })
    expect(monthly.status).toBe(303)
    const [yearlySession, monthlySession] = [...stripeFake.list('checkout.session')].sort((a, b) => a.id.localeCompare(b.id))
    expect(yearlySession).toMatchObject({ status: 'expired' })
    expect(monthly.headers.get('Location')).toBe(monthlySession!.url)

    // The first payment (a SEPA debit) is being confirmed; the membership still says NONE here.
    stripeFake.completeCheckout(monthlySession!.id, { status: 'incomplete' })
    const back = await (await owner.get(`/orgs/${organisation.slug}/billing?checkout=success`)).text()
    expect(back).toContain('Paiement reçu')
    expect(back).toContain('Votre paiement est en cours de confirmation : inutile de payer à nouveau.')
    expect(back).not.toContain('Payer avec Stripe')
    expect(back).toContain('Ouvrir le portail de facturation')
    const pending = await owner.post(`/orgs/${organisation.slug}/billing`, { intent: 'checkout', billingEmail: user.email })
    expect(pending.status).toBe(409)
    expect(await pending.text()).toContain('Votre paiement est en cours de confirmation par Stripe : inutile de payer à nouveau.')

    // Confirmed at Stripe, the webhook still on its way: refused as well, naming the organisation.
    const subscription = stripeFake.list('subscription')[0]!
    stripeFake.update(subscription.id, { status: 'active' })
    const refused = await owner.post(`/orgs/${organisation.slug}/billing`, { intent: 'checkout', billingEmail: user.email, interval: 'YEAR' })
    expect(refused.status).toBe(409)
    expect(await refused.text()).toContain(`Un abonnement existe déjà pour ${organisation.name} : gérez-le depuis l’espace de facturation Stripe`)
    expect(stripeFake.list('checkout.session')).toHaveLength(2)
    expect(await prisma.auditLog.count({ where: { action: 'billing.checkout-start', actorOrgId: organisation.id } })).toBe(2)

    // Once it has ended at Stripe, paying again is possible.
    stripeFake.cancelSubscription(subscription.id)
    expect((await owner.post(`/orgs/${organisation.slug}/billing`, { intent: 'checkout', billingEmail: user.email, interval: 'YEAR' })).status).toBe(303)
  })

  test('an administrator in English pays the monthly plan in English; a firm of a band with its own plan pays that one', async () => {
    await plan()
    const monthly = await plan({ interval: 'MONTH', amountCents: 4_500, name: 'Adhésion mensuelle' })
    const bandPlan = await plan({ revenueBand: 'M1_2M', name: 'Adhésion 1 à 2 M€', amountCents: 90_000 })
    const { organisation } = await createMember(hubId, 'FIRM', { organisation: { revenueBand: 'M5_10M' } })
    const adminUser = await createUser({ locale: 'en' })
    await prisma.membership.create({ data: { userId: adminUser.id, organisationId: organisation.id, role: 'ADMIN' } })
    const administrator = await signedIn(adminUser.email)
    const page = await (await administrator.get(`/orgs/${organisation.slug}/billing`)).text()
    expect(page).toContain('Adhésion mensuelle')
    expect((await administrator.post(`/orgs/${organisation.slug}/billing`, { intent: 'checkout', billingEmail: adminUser.email, interval: 'MONTH' })).status).toBe(303)
    expect(checkoutSessions()[0]!.body).toMatchObject({ locale: 'en', subscription_data: { metadata: { planId: monthly.id } } })

    const { user, organisation: banded } = await createMember(hubId, 'FIRM', { organisation: { revenueBand: 'M1_2M' } })
    const owner = await signedIn(user.email)
    expect((await owner.post(`/orgs/${banded.slug}/billing`, { intent: 'checkout', billingEmail: user.email, interval: 'MONTH' })).status).toBe(303)
    expect(checkoutSessions()[1]!.body).toMatchObject({ subscription_data: { metadata: { organisationId: banded.id, planId: bandPlan.id } } })
  })

  test('while active: no second Checkout, the portal instead (303 to Stripe’s portal); the page says until when', async () => {
    const yearly = await plan()
    const { user, organisation } = await createMember(hubId, 'FIRM')
    const owner = await signedIn(user.email)
    // No customer yet: nothing to manage.
    const early = await owner.post(`/orgs/${organisation.slug}/billing`, { intent: 'portal' })
    expect(early.status).toBe(409)
    expect(await early.text()).toContain('il n’y a rien à gérer dans le portail')

    expect((await owner.post(`/orgs/${organisation.slug}/billing`, { intent: 'checkout', billingEmail: user.email })).status).toBe(303)
    const periodEnd = new Date('2027-12-07T10:00:00Z')
    await prisma.subscription.update({ where: { organisationId: organisation.id }, data: { status: 'ACTIVE', currentPeriodEnd: periodEnd, stripeSubscriptionId: 'sub_test_active' } })
    await prisma.billingInvoice.create({
      data: {
        id: 'in_test_0001',
        organisationId: organisation.id,
        number: 'SIL-0001',
        status: 'paid',
        amountDueCents: 48_000,
        amountPaidCents: 48_000,
        amountRefundedCents: 12_000,
        hostedInvoiceUrl: 'https://invoice.stripe.com/i/in_test_0001',
        invoicePdfUrl: 'https://pay.stripe.com/invoice/in_test_0001/pdf',
        issuedAt: new Date('2026-12-07T10:00:00Z'),
      },
    })
    const page = await (await owner.get(`/orgs/${organisation.slug}/billing?checkout=success`)).text()
    expect(page).toContain('Paiement reçu : votre adhésion s’active dès que Stripe nous le confirme, en général en quelques secondes.')
    expect(page).toContain('Adhésion active jusqu’au 7 décembre 2027.')
    expect(page).toContain('Votre cotisation est à jour : vous pouvez publier des besoins et candidater.')
    expect(page).toContain('Prochain renouvellement : 7 décembre 2027.')
    expect(page).toContain(`${yearly.name} — 480\u00a0€ par an`)
    expect(page).toContain('SIL-0001')
    expect(page).toContain('Remboursée : 120\u00a0€')
    expect(page).toContain('https://invoice.stripe.com/i/in_test_0001')
    expect(page).toContain('https://pay.stripe.com/invoice/in_test_0001/pdf')
    expect(page).not.toContain('Payer avec Stripe')

    const refused = await owner.post(`/orgs/${organisation.slug}/billing`, { intent: 'checkout', billingEmail: user.email })
    expect(refused.status).toBe(409)
    expect(await refused.text()).toContain('Votre adhésion est déjà active : gérez-la (carte, résiliation, factures) depuis le portail de facturation.')
    expect(checkoutSessions()).toHaveLength(1)

    const portal = await owner.post(`/orgs/${organisation.slug}/billing`, { intent: 'portal' })
    expect(portal.status).toBe(303)
    const [portalSession] = stripeFake.list('billing_portal.session')
    expect(portal.headers.get('Location')).toBe(`https://billing.stripe.com/p/session/${portalSession!.id}`)
    expect(portalSession).toMatchObject({ customer: stripeFake.list('customer')[0]!.id, return_url: `http://localhost:3000/orgs/${organisation.slug}/billing`, locale: 'fr' })

    // Cancelled at period end, then late, then waived: each said in words.
    await prisma.subscription.update({ where: { organisationId: organisation.id }, data: { cancelAtPeriodEnd: true } })
    expect(await (await owner.get(`/orgs/${organisation.slug}/billing`)).text()).toContain('Adhésion résiliée : elle prendra fin le 7 décembre 2027.')
    await prisma.subscription.update({ where: { organisationId: organisation.id }, data: { status: 'PAST_DUE', cancelAtPeriodEnd: false, pastDueSince: new Date(Date.now() - 86_400_000) } })
    const late = await (await owner.get(`/orgs/${organisation.slug}/billing`)).text()
    expect(late).toContain('Paiement en retard : délai de grâce jusqu’au')
    expect(late).toContain('Paiement en retard : vous pouvez encore publier des besoins et candidater jusqu’au')
    expect((await owner.post(`/orgs/${organisation.slug}/billing`, { intent: 'checkout', billingEmail: user.email })).status).toBe(409)
    await prisma.subscription.update({ where: { organisationId: organisation.id }, data: { status: 'CANCELED', pastDueSince: null, waivedAt: new Date(), waiverReason: 'Startup de première année' } })
    const waived = await (await owner.get(`/orgs/${organisation.slug}/billing`)).text()
    expect(waived).toContain('Adhésion résiliée.')
    expect(waived).toContain('Cotisation exonérée par l’association : Startup de première année')
    expect(waived).toContain('Votre association vous exonère de cotisation')
  })

  test('bad billing e-mail: a message next to the field, nothing at Stripe', async () => {
    await plan()
    const { user, organisation } = await createMember(hubId, 'FIRM')
    const response = await (await signedIn(user.email)).post(`/orgs/${organisation.slug}/billing`, { intent: 'checkout', billingEmail: 'pas-une-adresse' })
    expect(response.status).toBe(400)
    expect(await response.text()).toContain('Indiquez une adresse e-mail valide.')
    expect(stripeFake.calls).toHaveLength(0)
    expect(await prisma.subscription.count()).toBe(0)
  })

  test('no plan for the organisation: the page says so, paying is refused', async () => {
    await plan({ orgKind: 'PARTNER' })
    const { user, organisation } = await createMember(hubId, 'FIRM')
    const owner = await signedIn(user.email)
    const page = await (await owner.get(`/orgs/${organisation.slug}/billing`)).text()
    expect(page).toContain('Votre association n’a pas encore publié de tarif de cotisation pour votre organisation.')
    expect(page).not.toContain('Payer avec Stripe')
    const refused = await owner.post(`/orgs/${organisation.slug}/billing`, { intent: 'checkout', billingEmail: user.email })
    expect(refused.status).toBe(409)
    expect(stripeFake.calls).toHaveLength(0)
  })

  test('who may: owners and administrators pay; plain members and strangers get 404; the hub’s staff read without paying', async () => {
    await plan()
    const { organisation } = await createMember(hubId, 'FIRM')
    const memberUser = await createUser()
    await prisma.membership.create({ data: { userId: memberUser.id, organisationId: organisation.id, role: 'MEMBER' } })
    const member = await signedIn(memberUser.email)
    expect((await member.get(`/orgs/${organisation.slug}/billing`)).status).toBe(404)
    expect((await member.post(`/orgs/${organisation.slug}/billing`, { intent: 'checkout', billingEmail: memberUser.email })).status).toBe(404)
    const stranger = await signedIn((await createMember(hubId, 'FIRM')).user.email)
    expect((await stranger.get(`/orgs/${organisation.slug}/billing`)).status).toBe(404)
    expect((await stranger.post(`/orgs/${organisation.slug}/billing`, { intent: 'portal' })).status).toBe(404)
    const otherStaff = await signedIn((await createStaff((await createHub()).id, 'ADMIN')).email)
    expect((await otherStaff.get(`/orgs/${organisation.slug}/billing`)).status).toBe(404)

    const moderator = await signedIn((await createStaff(hubId, 'MODERATOR')).email)
    const read = await moderator.get(`/orgs/${organisation.slug}/billing`)
    expect(read.status).toBe(200)
    const html = await read.text()
    expect(html).toContain('Vous consultez cette page en tant qu’équipe du hub')
    expect(html).not.toContain('Payer avec Stripe')
    expect((await moderator.post(`/orgs/${organisation.slug}/billing`, { intent: 'checkout', billingEmail: 'x@example.org' })).status).toBe(403)
    expect(stripeFake.calls).toHaveLength(0)
    expect(await prisma.subscription.count()).toBe(0)
  })

  test('a pending organisation sees its page and may not pay yet', async () => {
    await plan()
    const { user, organisation } = await createMember(hubId, 'FIRM', { organisation: { status: 'PENDING' } })
    const owner = await signedIn(user.email)
    const page = await (await owner.get(`/orgs/${organisation.slug}/billing`)).text()
    expect(page).toContain('une fois vérifiée')
    expect((await owner.post(`/orgs/${organisation.slug}/billing`, { intent: 'checkout', billingEmail: user.email })).status).toBe(403)
    expect(stripeFake.calls).toHaveLength(0)
  })

  test('the organisation page and its settings link the billing page for owners and administrators', async () => {
    const { user, organisation } = await createMember(hubId, 'FIRM')
    const owner = await signedIn(user.email)
    expect(await (await owner.get(`/orgs/${organisation.slug}`)).text()).toContain(`href="/orgs/${organisation.slug}/billing"`)
    expect(await (await owner.get(`/orgs/${organisation.slug}/settings`)).text()).toContain(`href="/orgs/${organisation.slug}/billing"`)
    const memberUser = await createUser()
    await prisma.membership.create({ data: { userId: memberUser.id, organisationId: organisation.id, role: 'MEMBER' } })
    expect(await (await (await signedIn(memberUser.email)).get(`/orgs/${organisation.slug}`)).text()).not.toContain(`/orgs/${organisation.slug}/billing`)
  })
})

describe('Stripe failing at Checkout', () => {
  test.each([
    ['answers 500', () => HttpResponse.json({ error: { type: 'api_error', message: 'boom' } }, { status: 500 })],
    ['is unreachable', () => HttpResponse.error()],
  ])('Stripe %s: a French message, no 500, nothing written', async (_name, answer) => {
    await plan()
    const { user, organisation } = await createMember(hubId, 'FIRM')
    server.use(http.all('https://api.stripe.com/*', answer))
    const response = await (await signedIn(user.email)).post(`/orgs/${organisation.slug}/billing`, { intent: 'checkout', billingEmail: user.email })
    expect(response.status).toBe(503)
    expect(await response.text()).toContain('Stripe ne répond pas pour le moment : rien n’a été enregistré.')
    expect(await prisma.subscription.count()).toBe(0)
    expect((await prisma.membershipPlan.findFirstOrThrow()).stripePriceId).toBeNull()
    expect(await prisma.auditLog.count({ where: { actorId: user.id, action: { startsWith: 'billing.' } } })).toBe(0)
  })

  test('the session fails after the customer was made: the customer is kept (and reused), no plan recorded', async () => {
    await plan()
    const { user, organisation } = await createMember(hubId, 'FIRM')
    server.use(http.post('https://api.stripe.com/v1/checkout/sessions', () => HttpResponse.json({ error: { type: 'api_error', message: 'boom' } }, { status: 500 })))
    const owner = await signedIn(user.email)
    expect((await owner.post(`/orgs/${organisation.slug}/billing`, { intent: 'checkout', billingEmail: user.email })).status).toBe(503)
    const kept = await prisma.subscription.findUniqueOrThrow({ where: { organisationId: organisation.id } })
    expect(kept).toMatchObject({ status: 'NONE', planId: null, stripeCustomerId: stripeFake.list('customer')[0]!.id })
    server.resetHandlers()
    expect((await owner.post(`/orgs/${organisation.slug}/billing`, { intent: 'checkout', billingEmail: user.email })).status).toBe(303)
    expect(stripeFake.list('customer')).toHaveLength(1)
  })
})
