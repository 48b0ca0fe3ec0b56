import { http, HttpResponse } from 'msw'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { prisma } from '#app/utils/db.server'
import { resetEnvForTests } from '#app/utils/env.server'
import { createHub, createMember, createStaff } from '#tests/factories'
import { loadBuild, signedIn, type Visitor } from '#tests/helpers/app'
import { server } from '#tests/mocks/server'
import { stripeFake, TEST_STRIPE_ENV } from '#tests/mocks/stripe'

/**
 * Membership plans (/staff/dues/plans, decision 0030) with dues on: hub administrators create,
 * edit and archive their hub's plans, each mirrored at Stripe (the stateful double of
 * tests/mocks/stripe.ts) as a Product and a recurring EUR Price.
 */
const PLAN = { intent: 'create', name: 'Cotisation jeune pousse', orgKind: 'FIRM', revenueBand: 'ANY', interval: 'YEAR', amount: '1 200,50' }

let hubId: string
let otherHubId: string
let admin: Visitor
let adminId: string

beforeAll(async () => {
  Object.assign(process.env, TEST_STRIPE_ENV)
  resetEnvForTests()
  await loadBuild()
  hubId = (await createHub()).id
  otherHubId = (await createHub()).id
  const adminUser = await createStaff(hubId, 'ADMIN')
  adminId = adminUser.id
  admin = await signedIn(adminUser.email)
})

afterAll(() => {
  delete process.env.STRIPE_SECRET_KEY
  delete process.env.STRIPE_WEBHOOK_SECRET
  resetEnvForTests()
})

beforeEach(async () => {
  stripeFake.reset()
  await prisma.membershipPlan.deleteMany({})
  await prisma.auditLog.deleteMany({ where: { action: { startsWith: 'billing.' } } })
})

async function createThroughPage(fields: Record<string, string> = {}) {
  const response = await admin.post('/staff/dues/plans', { ...PLAN, hubId, ...fields })
  return { response, plan: await prisma.membershipPlan.findFirst({ where: { hubId, name: fields.name ?? PLAN.name }, orderBy: { createdAt: 'desc' } }) }
}

describe('plans mirrored at Stripe', () => {
  test('a new plan is a Stripe product and a yearly EUR price of its amount in cents; the change is audited', async () => {
    const { response, plan } = await createThroughPage()
    expect(response.status).toBe(302)
    expect(plan).toMatchObject({ orgKind: 'FIRM', revenueBand: null, interval: 'YEAR', amountCents: 120_050, archivedAt: null })
    const product = stripeFake.get(plan!.stripeProductId!)!
    expect(product).toMatchObject({ object: 'product', name: 'Cotisation jeune pousse', active: true, metadata: { hubId, planId: plan!.id } })
    const price = stripeFake.get(plan!.stripePriceId!)!
    expect(price).toMatchObject({ product: product.id, currency: 'eur', unit_amount: 120_050, recurring: { interval: 'year' }, active: true, metadata: { planId: plan!.id } })
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: 'billing.plan-create', targetId: plan!.id } })
    expect(audit).toMatchObject({ actorId: adminId, hubId, after: { amountCents: 120_050, interval: 'YEAR', stripePriceId: price.id } })
    // The page lists it, in euros, as created in Stripe.
    const page = await (await admin.get('/staff/dues/plans')).text()
    expect(page).toContain('Cotisation jeune pousse')
    expect(page).toContain('1\u202f200,50\u00a0€ par an')
    expect(page).toContain('Créée dans Stripe')
  })

  test('a new amount or interval is a new price, the former one deactivated; a new name renames the product', async () => {
    const { plan } = await createThroughPage({ interval: 'MONTH', amount: '90' })
    expect(stripeFake.get(plan!.stripePriceId!)).toMatchObject({ unit_amount: 9_000, recurring: { interval: 'month' } })
    const first = plan!.stripePriceId!

    const changed = await admin.post('/staff/dues/plans', { intent: 'update', planId: plan!.id, name: 'Adhésion mensuelle', interval: 'MONTH', amount: '95,5' })
    expect(changed.status).toBe(302)
    const afterAmount = await prisma.membershipPlan.findUniqueOrThrow({ where: { id: plan!.id } })
    expect(afterAmount.amountCents).toBe(9_550)
    expect(afterAmount.stripePriceId).not.toBe(first)
    expect(afterAmount.stripeProductId).toBe(plan!.stripeProductId)
    expect(stripeFake.get(first)).toMatchObject({ active: false })
    expect(stripeFake.get(afterAmount.stripePriceId!)).toMatchObject({ active: true, unit_amount: 9_550, recurring: { interval: 'month' }, metadata: { planId: plan!.id } })
    expect(stripeFake.get(plan!.stripeProductId!)).toMatchObject({ name: 'Adhésion mensuelle' })

    expect((await admin.post('/staff/dues/plans', { intent: 'update', planId: plan!.id, name: 'Adhésion mensuelle', interval: 'YEAR', amount: '95,5' })).status).toBe(302)
    const afterInterval = await prisma.membershipPlan.findUniqueOrThrow({ where: { id: plan!.id } })
    expect(stripeFake.get(afterInterval.stripePriceId!)).toMatchObject({ unit_amount: 9_550, recurring: { interval: 'year' } })
    expect(stripeFake.get(afterAmount.stripePriceId!)).toMatchObject({ active: false })
    expect(stripeFake.list('price').filter((price) => price.active)).toHaveLength(1)
    const audits = await prisma.auditLog.findMany({ where: { action: 'billing.plan-update', targetId: plan!.id }, orderBy: { createdAt: 'asc' } })
    expect(audits.map((row) => (row.after as { amountCents: number; interval: string }).interval)).toEqual(['MONTH', 'YEAR'])

    // The same values again: nothing at Stripe, nothing audited.
    const calls = stripeFake.calls.length
    expect((await admin.post('/staff/dues/plans', { intent: 'update', planId: plan!.id, name: 'Adhésion mensuelle', interval: 'YEAR', amount: '95,50' })).status).toBe(302)
    expect(stripeFake.calls.length).toBe(calls)
  })

  test('one active plan per kind, band and interval: a duplicate is refused with a message, nothing created at Stripe', async () => {
    await createThroughPage()
    const calls = stripeFake.calls.length
    const duplicate = await admin.post('/staff/dues/plans', { ...PLAN, hubId, name: 'Doublon' })
    expect(duplicate.status).toBe(409)
    expect(await duplicate.text()).toContain('Une formule active existe déjà pour ce type d’organisation, cette tranche et cette périodicité (« Cotisation jeune pousse »)')
    expect(stripeFake.calls.length).toBe(calls)
    expect(await prisma.membershipPlan.count({ where: { hubId } })).toBe(1)
    // Another band, another interval, another kind are other plans.
    expect((await createThroughPage({ name: 'Startup 1 à 2 M€', revenueBand: 'M1_2M' })).response.status).toBe(302)
    expect((await createThroughPage({ name: 'Startup mensuelle', interval: 'MONTH' })).response.status).toBe(302)
    expect((await createThroughPage({ name: 'Grand compte', orgKind: 'PARTNER' })).response.status).toBe(302)
    // Changing a plan's interval onto a taken one is refused too.
    const monthly = await prisma.membershipPlan.findFirstOrThrow({ where: { name: 'Startup mensuelle' } })
    const clash = await admin.post('/staff/dues/plans', { intent: 'update', planId: monthly.id, name: monthly.name, interval: 'YEAR', amount: '10' })
    expect(clash.status).toBe(409)
    expect(await prisma.membershipPlan.findUniqueOrThrow({ where: { id: monthly.id } })).toMatchObject({ interval: 'MONTH', stripePriceId: monthly.stripePriceId })
  })

  test('archiving deactivates the product; the slot is free again', async () => {
    const { plan } = await createThroughPage()
    expect((await admin.post('/staff/dues/plans', { intent: 'archive', planId: plan!.id })).status).toBe(302)
    expect((await prisma.membershipPlan.findUniqueOrThrow({ where: { id: plan!.id } })).archivedAt).not.toBeNull()
    expect(stripeFake.get(plan!.stripeProductId!)).toMatchObject({ active: false })
    expect(await prisma.auditLog.count({ where: { action: 'billing.plan-archive', targetId: plan!.id } })).toBe(1)
    // An archived plan no longer changes.
    expect((await admin.post('/staff/dues/plans', { intent: 'update', planId: plan!.id, name: 'Encore', interval: 'YEAR', amount: '10' })).status).toBe(409)
    expect((await createThroughPage({ name: 'Adhésion 2027' })).response.status).toBe(302)
  })

  test('bad input: a French message next to each field, 400, nothing written', async () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{ amount: 'douze' }, 'Indiquez un montant en euros, par exemple 1 200 ou 1 200,50.'],
      [{ amount: '0' }, 'Le montant doit être supérieur à zéro.'],
      [{ amount: '-5' }, 'Le montant doit être supérieur à zéro.'],
      [{ amount: '100000,01' }, 'Le montant ne peut pas dépasser 100 000 €.'],
      [{ amount: '12,345' }, 'Le montant s’arrête aux centimes : deux décimales au plus.'],
      [{ name: 'x' }, 'Donnez un nom de 3 à 80 caractères.'],
      [{ interval: 'WEEK' }, 'Choisissez une périodicité annuelle ou mensuelle.'],
      [{ orgKind: 'PARTNER', revenueBand: 'M1_2M' }, 'Les formules des grands comptes valent pour toutes tailles'],
    ]
    for (const [fields, message] of cases) {
      const response = await admin.post('/staff/dues/plans', { ...PLAN, hubId, ...fields })
      expect(response.status, JSON.stringify(fields)).toBe(400)
      expect(await response.text()).toContain(message)
    }
    expect(await prisma.membershipPlan.count()).toBe(0)
    expect(stripeFake.calls).toHaveLength(0)
  })

  test('moderators read, other staff see their own hubs only, non-staff are refused', async () => {
    const { plan } = await createThroughPage()
    const moderator = await signedIn((await createStaff(hubId, 'MODERATOR')).email)
    const read = await moderator.get('/staff/dues/plans')
    expect(read.status).toBe(200)
    const html = await read.text()
    expect(html).toContain('Cotisation jeune pousse')
    expect(html).toContain('seuls les administrateurs du hub les modifient')
    expect(html).not.toContain('Créer la formule')
    expect((await moderator.post('/staff/dues/plans', { ...PLAN, hubId, name: 'Par un modérateur', revenueBand: 'LT_1M' })).status).toBe(403)
    expect((await moderator.post('/staff/dues/plans', { intent: 'archive', planId: plan!.id })).status).toBe(403)

    const otherAdmin = await signedIn((await createStaff(otherHubId, 'ADMIN')).email)
    const own = await (await otherAdmin.get('/staff/dues/plans')).text()
    expect(own).not.toContain('Cotisation jeune pousse')
    expect((await otherAdmin.get(`/staff/dues/plans?hub=${hubId}`)).status).toBe(404)
    expect((await otherAdmin.post('/staff/dues/plans', { intent: 'archive', planId: plan!.id })).status).toBe(404)
    expect((await otherAdmin.post('/staff/dues/plans', { ...PLAN, hubId })).status).toBe(404)

    const member = await signedIn((await createMember(hubId, 'FIRM')).user.email)
    expect((await member.get('/staff/dues/plans')).status).toBe(403)
    expect((await member.post('/staff/dues/plans', { ...PLAN, hubId })).status).toBe(403)
    expect(await prisma.membershipPlan.count()).toBe(1)
    expect((await prisma.membershipPlan.findUniqueOrThrow({ where: { id: plan!.id } })).archivedAt).toBeNull()
  })
})

describe('Stripe failing', () => {
  test.each([
    ['answers 500', 'Stripe ne répond pas pour le moment : rien n’a été enregistré.', () => HttpResponse.json({ error: { type: 'api_error', message: 'boom' } }, { status: 500 }), 503],
    ['is unreachable', 'Stripe ne répond pas pour le moment : rien n’a été enregistré.', () => HttpResponse.error(), 503],
    ['refuses the request', 'Stripe a refusé la demande (parameter_invalid_integer)', () => HttpResponse.json({ error: { type: 'invalid_request_error', code: 'parameter_invalid_integer', message: 'Invalid integer' } }, { status: 400 }), 502],
  ])('creating a plan while Stripe %s: a French message, no 500, nothing written', async (_name, message, answer, status) => {
    server.use(http.all('https://api.stripe.com/*', answer))
    const response = await admin.post('/staff/dues/plans', { ...PLAN, hubId })
    expect(response.status).toBe(status)
    expect(await response.text()).toContain(message)
    expect(await prisma.membershipPlan.count()).toBe(0)
    expect(await prisma.auditLog.count({ where: { action: { startsWith: 'billing.' } } })).toBe(0)
  })

  test('the price fails after the product was made: the product is deactivated, nothing stored', async () => {
    server.use(http.post('https://api.stripe.com/v1/prices', () => HttpResponse.json({ error: { type: 'api_error', message: 'boom' } }, { status: 500 })))
    const response = await admin.post('/staff/dues/plans', { ...PLAN, hubId })
    expect(response.status).toBe(503)
    expect(await prisma.membershipPlan.count()).toBe(0)
    const products = stripeFake.list('product')
    expect(products).toHaveLength(1)
    expect(products[0]).toMatchObject({ active: false })
  })

  test('a new amount while Stripe fails: the plan keeps its amount and its price, the new price is deactivated', async () => {
    const { plan } = await createThroughPage()
    // Deactivating the former price fails (three times: the client retries twice), then Stripe is back for the undo.
    let failures = 0
    server.use(http.post('https://api.stripe.com/v1/prices/:id', () => (failures++ < 3 ? HttpResponse.json({ error: { type: 'api_error', message: 'boom' } }, { status: 500 }) : undefined)))
    const response = await admin.post('/staff/dues/plans', { intent: 'update', planId: plan!.id, name: PLAN.name, interval: 'YEAR', amount: '1500' })
    expect(response.status).toBe(503)
    expect(await prisma.membershipPlan.findUniqueOrThrow({ where: { id: plan!.id } })).toMatchObject({ amountCents: 120_050, stripePriceId: plan!.stripePriceId })
    expect(stripeFake.get(plan!.stripePriceId!)).toMatchObject({ active: true })
    const created = stripeFake.list('price').filter((price) => price.id !== plan!.stripePriceId)
    expect(created).toHaveLength(1)
    expect(created[0]).toMatchObject({ unit_amount: 150_000, active: false })
    expect(await prisma.auditLog.count({ where: { action: 'billing.plan-update' } })).toBe(0)
  })
})
