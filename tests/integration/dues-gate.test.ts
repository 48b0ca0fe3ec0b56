import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Prisma } from '#app/generated/prisma/client'
import { onDay } from '#app/i18n/format'
import { sendDuesReminders } from '#app/modules/billing/reminders.server'
import { runDigestBatch } from '#app/modules/digests/service.server'
import { createApiToken } from '#app/modules/organisations/api-tokens.server'
import { sweepReminders } from '#app/modules/reminders/service.server'
import { prisma } from '#app/utils/db.server'
import { resetEnvForTests } from '#app/utils/env.server'
import { createHub, createMember, createNeed, createStaff, createUser, needFormFields } from '#tests/factories'
import { actorFor } from '#tests/helpers/actor'
import { signedIn, Visitor } from '#tests/helpers/app'
import { TEST_STRIPE_ENV } from '#tests/mocks/stripe'

/**
 * The dues gate (decision 0032) through the built app: where the hub requires dues and dues are
 * on, submitting a need and applying are refused with the reason and the link to pay (form and
 * API: 403 `dues_required`), drafts are saved; the grace period; staff waivers (audited); a hub
 * without dues or an installation without keys never refuses; the staff list, its CSV and the
 * settings; the reminders, once each, to owners and admins under their BILLING channel.
 * Subscription rows are written directly: Stripe is not involved here.
 */
const DAY = 86_400_000
const ago = (days: number) => new Date(Date.now() - days * DAY)
const ahead = (days: number) => new Date(Date.now() + days * DAY)

beforeAll(() => {
  Object.assign(process.env, TEST_STRIPE_ENV)
  resetEnvForTests()
})

afterAll(() => {
  delete process.env.STRIPE_SECRET_KEY
  delete process.env.STRIPE_WEBHOOK_SECRET
  resetEnvForTests()
})

async function duesHub(overrides: { requiresDues?: boolean; duesGraceDays?: number; duesReminderDays?: number } = {}) {
  return createHub({ requiresDues: true, duesGraceDays: 15, duesReminderDays: 14, ...overrides })
}

async function setSubscription(organisationId: string, data: Omit<Prisma.SubscriptionUncheckedCreateInput, 'organisationId'>) {
  return prisma.subscription.upsert({ where: { organisationId }, create: { organisationId, ...data }, update: data })
}

async function apiCall(token: string, method: string, path: string, json: unknown) {
  const response = await new Visitor().request(`/api/v1${path}`, { method, json, headers: { Authorization: `Bearer ${token}` } })
  return { status: response.status, json: (await response.json()) as { error?: { code: string; message: string; billingUrl?: string; reason?: string }; need?: { status: string }; application?: { status: string } } }
}

const completeNeed = {
  kind: 'PILOT',
  title: 'Supervision des remontées mécaniques',
  summary: 'Capteurs IoT et prédiction des pannes sur trois télésièges avant la saison.',
  description: 'Nous cherchons une PME capable de poser des capteurs vibratoires, collecter les données en edge et prédire les pannes des remontées mécaniques.',
  skills: ['iot', 'edge computing'],
  nafCodes: ['62.01Z'],
  budgetMaxEur: 80000,
  deadline: ahead(30).toISOString().slice(0, 10),
  expectedStart: ahead(45).toISOString().slice(0, 10),
  communeInsee: '38185',
  radiusKm: 60,
}

async function market(hubOverrides: Parameters<typeof duesHub>[0] = {}) {
  const hub = await duesHub(hubOverrides)
  const moderator = await createStaff(hub.id, 'MODERATOR')
  const partner = await createMember(hub.id, 'PARTNER')
  const firm = await createMember(hub.id, 'FIRM')
  const need = await createNeed(partner.organisation.id, hub.id, partner.user.id, { status: 'PUBLISHED', publishedAt: new Date(), title: 'Jumeau numérique des télécabines' })
  return { hub, moderator, partner, firm, need }
}

const proposal = (intent: 'save' | 'submit') => ({
  intent,
  approach: 'Capteurs vibratoires sur les poulies et modèle de détection d’anomalies entraîné sur deux saisons.',
  timeline: 'Dix semaines',
  priceEur: '45000',
  referencesText: '',
})

describe('the gate where the hub requires dues', () => {
  test('never paid: the forms say so before they are filled; submitting a need and applying are refused with the reason and the link (form and API); drafts are saved', async () => {
    const { hub, partner, firm, need } = await market()
    const billing = `/orgs/${partner.organisation.slug}/billing`
    const asPartner = await signedIn(partner.user.email)

    const form = await (await asPartner.get('/needs/new')).text()
    expect(form).toContain(`Votre cotisation à ${hub.name} n’a pas encore été réglée.`)
    expect(form).toContain(`href="${billing}"`)

    const refused = await asPartner.post('/needs/new', { ...needFormFields(), intent: 'submit' })
    expect(refused.status).toBe(403)
    expect(await refused.text()).toContain(`Votre cotisation à ${hub.name} n’a pas encore été réglée.`)
    expect(await prisma.need.count({ where: { partnerId: partner.organisation.id, id: { not: need.id } } })).toBe(0)

    const saved = await asPartner.post('/needs/new', { ...needFormFields(), intent: 'save' })
    expect(saved.status).toBe(302)
    const draft = await prisma.need.findFirstOrThrow({ where: { partnerId: partner.organisation.id, id: { not: need.id } } })
    expect(draft.status).toBe('DRAFT')
    // The need page's submit button: back to the editor, which says why.
    const fromPage = await asPartner.post(`/needs/${draft.id}`, { intent: 'submit' })
    expect(fromPage.headers.get('Location')).toBe(`/needs/${draft.id}/edit`)
    expect((await prisma.need.findUniqueOrThrow({ where: { id: draft.id } })).status).toBe('DRAFT')

    const partnerToken = (await createApiToken(await actorFor(partner.user.id), partner.organisation.id, { name: 'Achats' })).token
    const viaApi = await apiCall(partnerToken, 'POST', '/needs?submit=true', completeNeed)
    expect(viaApi.status).toBe(403)
    expect(viaApi.json.error).toMatchObject({ code: 'dues_required', reason: 'none', billingUrl: billing })
    expect(viaApi.json.error!.message).toContain('n’a pas encore été réglée')
    expect((await apiCall(partnerToken, 'POST', `/needs/${draft.id}/submit`, {})).json.error?.code).toBe('dues_required')
    const apiDraft = await apiCall(partnerToken, 'POST', '/needs', completeNeed)
    expect(apiDraft.status).toBe(201)

    // The firm, cancelled: the apply page warns, the submission is refused, the draft kept.
    await setSubscription(firm.organisation.id, { status: 'CANCELED' })
    const asFirm = await signedIn(firm.user.email)
    const applyPage = await (await asFirm.get(`/needs/${need.id}/apply`)).text()
    expect(applyPage).toContain(`Votre cotisation à ${hub.name} a été résiliée.`)
    const applied = await asFirm.post(`/needs/${need.id}/apply`, proposal('submit'))
    expect(applied.status).toBe(403)
    expect(await applied.text()).toContain('a été résiliée')
    expect(await prisma.application.count({ where: { needId: need.id } })).toBe(0)
    expect((await asFirm.post(`/needs/${need.id}/apply`, proposal('save'))).status).toBe(302)
    expect((await prisma.application.findFirstOrThrow({ where: { needId: need.id } })).status).toBe('DRAFT')
    const firmToken = (await createApiToken(await actorFor(firm.user.id), firm.organisation.id, { name: 'CRM' })).token
    const appliedApi = await apiCall(firmToken, 'POST', `/needs/${need.id}/applications`, { approach: proposal('submit').approach })
    expect(appliedApi.status).toBe(403)
    expect(appliedApi.json.error).toMatchObject({ code: 'dues_required', reason: 'canceled', billingUrl: `/orgs/${firm.organisation.slug}/billing` })
    expect((await prisma.application.findFirstOrThrow({ where: { needId: need.id } })).status).toBe('DRAFT')

    // Paid: the same submissions go through.
    await setSubscription(firm.organisation.id, { status: 'ACTIVE' })
    expect((await asFirm.post(`/needs/${need.id}/apply`, proposal('submit'))).status).toBe(302)
    expect((await prisma.application.findFirstOrThrow({ where: { needId: need.id } })).status).toBe('SUBMITTED')
    await setSubscription(partner.organisation.id, { status: 'ACTIVE' })
    expect((await apiCall(partnerToken, 'POST', `/needs/${draft.id}/submit`, {})).status).toBe(200)
  })

  test('a failed payment: open with a banner during the grace period, closed once it is over, with the day it ended', async () => {
    const { hub, firm, need } = await market()
    await setSubscription(firm.organisation.id, { status: 'PAST_DUE', pastDueSince: ago(5) })
    const asFirm = await signedIn(firm.user.email)
    const page = await (await asFirm.get(`/needs/${need.id}/apply`)).text()
    expect(page).toContain('Paiement en attente\u00a0: vous pouvez encore publier et candidater jusqu’au')

    // Time passes: the payment failed 20 days ago, the 15-day grace ended 5 days ago.
    const since = ago(20)
    await setSubscription(firm.organisation.id, { pastDueSince: since })
    const refused = await asFirm.post(`/needs/${need.id}/apply`, proposal('submit'))
    expect(refused.status).toBe(403)
    const ended = onDay(new Date(since.getTime() + 15 * DAY), 'fr', 'Europe/Paris')
    expect(await refused.text()).toContain(`Votre cotisation à ${hub.name} n’est pas à jour\u00a0: le délai de grâce s’est terminé ${ended}.`)

    // A longer grace set by the hub opens it again.
    await prisma.hub.update({ where: { id: hub.id }, data: { duesGraceDays: 30 } })
    expect((await asFirm.post(`/needs/${need.id}/apply`, proposal('submit'))).status).toBe(302)
    expect((await prisma.application.findFirstOrThrow({ where: { needId: need.id } })).status).toBe('SUBMITTED')
  })

  test('a plain member is told whom to ask, without the link to the billing page they cannot open; owners and admins get the link', async () => {
    const { hub, partner } = await market()
    const member = await createUser()
    await prisma.membership.create({ data: { userId: member.id, organisationId: partner.organisation.id, role: 'MEMBER' } })
    const billing = `/orgs/${partner.organisation.slug}/billing`
    const asMember = await signedIn(member.email)
    // The billing page is not theirs.
    expect((await asMember.get(billing)).status).toBe(404)

    const ask = `Pour publier des besoins et candidater, demandez à un propriétaire ou administrateur de ${partner.organisation.name} de la régler.`
    const form = await (await asMember.get('/needs/new')).text()
    expect(form).toContain(`Votre cotisation à ${hub.name} n’a pas encore été réglée.`)
    expect(form).toContain(ask)
    expect(form).not.toContain(`href="${billing}"`)
    expect(form).not.toContain('Régler la cotisation')
    const refused = await asMember.post('/needs/new', { ...needFormFields(), intent: 'submit' })
    expect(refused.status).toBe(403)
    const refusedText = await refused.text()
    expect(refusedText).toContain(ask)
    expect(refusedText).not.toContain(`href="${billing}"`)
    expect(refusedText).not.toContain(`candidater\u00a0: ${billing}`)
    // An admin of the organisation reads the link to pay.
    const admin = await createUser()
    await prisma.membership.create({ data: { userId: admin.id, organisationId: partner.organisation.id, role: 'ADMIN' } })
    const asAdmin = await signedIn(admin.email)
    const adminForm = await (await asAdmin.get('/needs/new')).text()
    expect(adminForm).toContain(`href="${billing}"`)
    expect(adminForm).toContain('Régler la cotisation')
    expect(adminForm).not.toContain('demandez à un propriétaire')
    expect(await (await asAdmin.post('/needs/new', { ...needFormFields(), intent: 'submit' })).text()).toContain(`Réglez-la pour publier des besoins et candidater\u00a0: ${billing}`)

    // During a grace period: the member reads who can update the payment, not the link.
    await setSubscription(partner.organisation.id, { status: 'PAST_DUE', pastDueSince: ago(2) })
    const grace = await (await asMember.get('/needs/new')).text()
    expect(grace).toContain(`Un propriétaire ou administrateur de ${partner.organisation.name} peut mettre à jour le paiement.`)
    expect(grace).not.toContain(`href="${billing}"`)
    expect(await (await asAdmin.get('/needs/new')).text()).toContain(`href="${billing}"`)
  })

  test('editing a published need (a revision for moderation) is refused until the dues are paid, and goes through once ACTIVE', async () => {
    const { hub, partner, need } = await market()
    const asPartner = await signedIn(partner.user.email)
    const edit = { ...needFormFields({ title: 'Jumeau numérique des télécabines, trois stations' }), intent: 'submit' }

    const refused = await asPartner.post(`/needs/${need.id}/edit`, edit)
    expect(refused.status).toBe(403)
    expect(await refused.text()).toContain(`Votre cotisation à ${hub.name} n’a pas encore été réglée.`)
    const unchanged = await prisma.need.findUniqueOrThrow({ where: { id: need.id } })
    expect(unchanged).toMatchObject({ status: 'PUBLISHED', title: 'Jumeau numérique des télécabines', pendingRevision: null })
    expect(await prisma.auditLog.count({ where: { action: 'need.revision-submit', targetId: need.id } })).toBe(0)

    await setSubscription(partner.organisation.id, { status: 'ACTIVE' })
    expect((await asPartner.post(`/needs/${need.id}/edit`, edit)).status).toBe(302)
    const revised = await prisma.need.findUniqueOrThrow({ where: { id: need.id } })
    expect(revised.pendingRevision).toMatchObject({ state: 'SUBMITTED', data: { title: 'Jumeau numérique des télécabines, trois stations' } })
    expect(await prisma.auditLog.count({ where: { action: 'need.revision-submit', targetId: need.id } })).toBe(1)
  })

  test('a need made from a pitch and submitted at once is refused until the dues are paid (the pitch stays unlinked), and goes through once ACTIVE', async () => {
    const { hub, partner, firm } = await market()
    const pitch = await prisma.pitch.create({
      data: {
        firmId: firm.organisation.id,
        partnerId: partner.organisation.id,
        hubId: hub.id,
        createdById: firm.user.id,
        status: 'INTERESTED',
        title: 'Détection des pannes de télésièges',
        problem: 'Les pannes de télésièges arrêtent les stations en pleine saison.',
        offer: 'Capteurs vibratoires et modèle de détection d’anomalies.',
        submittedAt: ago(5),
        sentAt: ago(4),
        answeredAt: ago(1),
      },
    })
    const asPartner = await signedIn(partner.user.email)
    const fields = { ...needFormFields({ title: 'Détection des pannes de télésièges' }), intent: 'submit' }

    const refused = await asPartner.post(`/needs/new?fromPitch=${pitch.id}`, fields)
    expect(refused.status).toBe(403)
    expect(await refused.text()).toContain(`Votre cotisation à ${hub.name} n’a pas encore été réglée.`)
    expect(await prisma.need.count({ where: { partnerId: partner.organisation.id, title: 'Détection des pannes de télésièges' } })).toBe(0)
    expect((await prisma.pitch.findUniqueOrThrow({ where: { id: pitch.id } })).needId).toBeNull()

    await setSubscription(partner.organisation.id, { status: 'ACTIVE' })
    expect((await asPartner.post(`/needs/new?fromPitch=${pitch.id}`, fields)).status).toBe(302)
    const made = await prisma.need.findFirstOrThrow({ where: { partnerId: partner.organisation.id, title: 'Détection des pannes de télésièges' } })
    expect(made.status).not.toBe('DRAFT')
    expect((await prisma.pitch.findUniqueOrThrow({ where: { id: pitch.id } })).needId).toBe(made.id)
  })

  test('a staff waiver opens the gate and is audited; lifting it closes the gate again; only staff of the hub', async () => {
    const { hub, moderator, partner } = await market()
    await setSubscription(partner.organisation.id, { status: 'CANCELED' })
    const asStaff = await signedIn(moderator.email)
    const path = `/staff/dues/organisations/${partner.organisation.id}`

    const tooShort = await asStaff.post(path, { intent: 'waive', reason: 'Court', until: '' })
    expect(tooShort.status).toBe(422)
    expect(await tooShort.text()).toContain('Indiquez un motif de 10 à 500 caractères.')
    const past = await asStaff.post(path, { intent: 'waive', reason: 'Jeune pousse, première année offerte', until: '2020-01-01' })
    expect(past.status).toBe(422)
    expect(await prisma.auditLog.count({ where: { action: 'dues.waive', targetId: partner.organisation.id } })).toBe(0)

    // From the organisation's staff page, and back there.
    const orgPage = await (await asStaff.get(`/staff/organisations/${partner.organisation.id}`)).text()
    expect(orgPage).toContain(`action="${path}"`)
    const waived = await asStaff.post(path, { intent: 'waive', reason: 'Jeune pousse, première année offerte', until: '', returnTo: 'organisation' })
    expect(waived.status).toBe(302)
    expect(waived.headers.get('Location')).toBe(`/staff/organisations/${partner.organisation.id}`)
    expect(await prisma.auditLog.findFirstOrThrow({ where: { action: 'dues.waive', targetId: partner.organisation.id } })).toMatchObject({
      actorId: moderator.id,
      hubId: hub.id,
      after: { reason: 'Jeune pousse, première année offerte', until: null },
    })
    const asPartner = await signedIn(partner.user.email)
    expect(await (await asPartner.get('/needs/new')).text()).not.toContain('role="alert"')
    expect((await asPartner.post('/needs/new', { ...needFormFields(), intent: 'submit' })).status).toBe(302)

    // Other staff and everyone else: 404, nothing changes.
    const otherHub = await createHub()
    const stranger = await createStaff(otherHub.id, 'ADMIN')
    expect((await (await signedIn(stranger.email)).post(path, { intent: 'unwaive' })).status).toBe(404)
    expect((await asPartner.post(path, { intent: 'unwaive' })).status).toBe(404)
    expect((await (await signedIn(stranger.email)).get(path)).status).toBe(404)

    // Staff of the hub who are members of the organisation read its dues but do not decide its waiver.
    const insider = await createStaff(hub.id, 'ADMIN')
    await prisma.membership.create({ data: { userId: insider.id, organisationId: partner.organisation.id, role: 'MEMBER' } })
    const asInsider = await signedIn(insider.email)
    const insiderPage = await (await asInsider.get(path)).text()
    expect(insiderPage).toContain('Vous êtes membre de cette organisation\u00a0: un autre membre de l’équipe du hub doit décider de son exonération.')
    expect(insiderPage).toContain('Jeune pousse, première année offerte')
    expect(insiderPage).not.toContain('name="reason"')
    expect(insiderPage).not.toContain('value="unwaive"')
    expect(await (await asInsider.get(`/staff/organisations/${partner.organisation.id}`)).text()).not.toContain('name="intent" value="waive"')
    const ownUnwaive = await asInsider.post(path, { intent: 'unwaive' })
    expect(ownUnwaive.status).toBe(403)
    const ownWaive = await asInsider.post(path, { intent: 'waive', reason: 'Mon organisation, offerte par moi-même', until: '' })
    expect(ownWaive.status).toBe(403)
    expect(await prisma.subscription.findUniqueOrThrow({ where: { organisationId: partner.organisation.id } })).toMatchObject({ waiverReason: 'Jeune pousse, première année offerte', waivedById: moderator.id })
    expect(await prisma.auditLog.count({ where: { action: { in: ['dues.waive', 'dues.unwaive'] }, targetId: partner.organisation.id, actorId: insider.id } })).toBe(0)

    const lifted = await asStaff.post(path, { intent: 'unwaive' })
    expect(lifted.status).toBe(302)
    expect(await prisma.auditLog.findFirstOrThrow({ where: { action: 'dues.unwaive', targetId: partner.organisation.id } })).toMatchObject({ actorId: moderator.id, before: { reason: 'Jeune pousse, première année offerte' } })
    expect((await asPartner.post('/needs/new', { ...needFormFields(), intent: 'submit' })).status).toBe(403)
    expect((await asStaff.post(path, { intent: 'unwaive' })).status).toBe(409)

    // A waiver with a last day still to come keeps the gate open until then.
    const until = ahead(10).toISOString().slice(0, 10)
    expect((await asStaff.post(path, { intent: 'waive', reason: 'Adhésion offerte par la région', until })).status).toBe(302)
    expect((await prisma.subscription.findUniqueOrThrow({ where: { organisationId: partner.organisation.id } })).waivedUntil).toEqual(new Date(`${until}T23:59:59.999Z`))
    expect((await asPartner.post('/needs/new', { ...needFormFields(), intent: 'submit' })).status).toBe(302)
  })

  test('a hub that does not require dues never refuses (the installation without keys: dues-off.test.ts)', async () => {
    const free = await market({ requiresDues: false })
    expect((await (await signedIn(free.partner.user.email)).post('/needs/new', { ...needFormFields(), intent: 'submit' })).status).toBe(302)

  })
})

describe('the staff dues page', () => {
  test('the standing list filtered by status, paged, in CSV; the settings for hub administrators only, audited, with clear messages', async () => {
    const hub = await duesHub()
    const admin = await createStaff(hub.id, 'ADMIN')
    const moderator = await createStaff(hub.id, 'MODERATOR')
    const late = await createMember(hub.id, 'FIRM', { organisation: { name: 'Retard Capteurs' } })
    const paid = await createMember(hub.id, 'PARTNER', { organisation: { name: 'Payé Industries' } })
    const other = await createMember((await createHub()).id, 'FIRM', { organisation: { name: 'Ailleurs Logiciels' } })
    await setSubscription(late.organisation.id, { status: 'PAST_DUE', pastDueSince: ago(3) })
    await setSubscription(paid.organisation.id, { status: 'ACTIVE', currentPeriodEnd: ahead(200) })
    await setSubscription(other.organisation.id, { status: 'PAST_DUE', pastDueSince: ago(3) })

    const asModerator = await signedIn(moderator.email)
    const all = await (await asModerator.get('/staff/dues')).text()
    expect(all).toContain('Retard Capteurs')
    expect(all).toContain('Payé Industries')
    expect(all).not.toContain('Ailleurs Logiciels')
    expect(all).toContain(`/staff/dues/organisations/${late.organisation.id}`)
    expect(all).not.toContain('name="duesGraceDays"')
    const pastDue = await (await asModerator.get('/staff/dues?status=PAST_DUE')).text()
    expect(pastDue).toContain('Retard Capteurs')
    expect(pastDue).not.toContain('Payé Industries')
    expect(pastDue).toContain('En délai de grâce')

    const csv = await asModerator.get('/staff/dues?status=PAST_DUE&format=csv&separator=semicolon')
    expect(csv.headers.get('Content-Type')).toMatch(/^text\/csv/)
    const text = await csv.text()
    expect(text).toContain('Organisation;SIREN;Type;Formule;Statut')
    expect(text).toContain('Retard Capteurs')
    expect(text).toContain('Paiement en retard')
    expect(text).not.toContain('Payé Industries')
    expect(text).not.toContain('Ailleurs Logiciels')
    expect(await prisma.auditLog.count({ where: { action: 'export.csv', targetId: 'dues', hubId: hub.id } })).toBe(1)

    const settings = { intent: 'settings', hubId: hub.id, requiresDues: 'on', duesGraceDays: '30', duesReminderDays: '7' }
    expect((await asModerator.post('/staff/dues', settings)).status).toBe(403)
    const asAdmin = await signedIn(admin.email)
    expect(await (await asAdmin.get('/staff/dues')).text()).toContain('name="duesGraceDays"')
    const bad = await asAdmin.post('/staff/dues', { ...settings, duesGraceDays: '120', duesReminderDays: '0' })
    expect(bad.status).toBe(422)
    const badText = await bad.text()
    expect(badText).toContain('Indiquez un nombre entier de jours entre 0 et 90.')
    expect(badText).toContain('Indiquez un nombre entier de jours entre 1 et 60.')
    expect((await asAdmin.post('/staff/dues', settings)).status).toBe(302)
    expect(await prisma.hub.findUniqueOrThrow({ where: { id: hub.id } })).toMatchObject({ requiresDues: true, duesGraceDays: 30, duesReminderDays: 7 })
    expect(await prisma.auditLog.findFirstOrThrow({ where: { action: 'dues.settings', hubId: hub.id } })).toMatchObject({ before: { duesGraceDays: 15, duesReminderDays: 14 }, after: { duesGraceDays: 30, duesReminderDays: 7 } })
    // Turned off: nobody is refused.
    expect((await asAdmin.post('/staff/dues', { intent: 'settings', hubId: hub.id, duesGraceDays: '30', duesReminderDays: '7' })).status).toBe(302)
    expect((await prisma.hub.findUniqueOrThrow({ where: { id: hub.id } })).requiresDues).toBe(false)
    expect((await (await signedIn(late.user.email)).get('/staff/dues')).status).toBe(403)
  })
})

describe('dues reminders', () => {
  test('renewal coming, grace ending, grace ended: once each, to owners and admins, under their BILLING channel; only where the hub requires dues', async () => {
    const hub = await duesHub({ duesReminderDays: 14, duesGraceDays: 15 })
    const renewing = await createMember(hub.id, 'FIRM', { organisation: { name: 'Renouvelle Bientôt' } })
    const admin = await createUser()
    await prisma.membership.create({ data: { userId: admin.id, organisationId: renewing.organisation.id, role: 'ADMIN' } })
    await prisma.notificationSetting.create({ data: { userId: admin.id, category: 'BILLING', channel: 'DIGEST' } })
    const plain = await createUser()
    await prisma.membership.create({ data: { userId: plain.id, organisationId: renewing.organisation.id, role: 'MEMBER' } })
    const muted = await createUser()
    await prisma.membership.create({ data: { userId: muted.id, organisationId: renewing.organisation.id, role: 'ADMIN' } })
    await prisma.notificationSetting.create({ data: { userId: muted.id, category: 'BILLING', channel: 'OFF' } })
    const periodEnd = ahead(10)
    await setSubscription(renewing.organisation.id, { status: 'ACTIVE', currentPeriodEnd: periodEnd })

    const ending = await createMember(hub.id, 'PARTNER', { organisation: { name: 'Grâce Finissante' } })
    await setSubscription(ending.organisation.id, { status: 'PAST_DUE', pastDueSince: ago(13) })
    const ended = await createMember(hub.id, 'FIRM', { organisation: { name: 'Grâce Terminée' } })
    await setSubscription(ended.organisation.id, { status: 'PAST_DUE', pastDueSince: ago(16) })
    const cancelling = await createMember(hub.id, 'FIRM')
    await setSubscription(cancelling.organisation.id, { status: 'ACTIVE', currentPeriodEnd: ahead(5), cancelAtPeriodEnd: true })
    const farAway = await createMember(hub.id, 'FIRM')
    await setSubscription(farAway.organisation.id, { status: 'ACTIVE', currentPeriodEnd: ahead(40) })
    const waived = await createMember(hub.id, 'FIRM')
    await setSubscription(waived.organisation.id, { status: 'PAST_DUE', pastDueSince: ago(16), waivedAt: ago(1) })
    const freeHub = await createHub({ requiresDues: false })
    const free = await createMember(freeHub.id, 'FIRM')
    await setSubscription(free.organisation.id, { status: 'PAST_DUE', pastDueSince: ago(16) })

    await sweepReminders(new Date())
    await sweepReminders(new Date())
    await sendDuesReminders(new Date())

    const kinds = async (userId: string) => (await prisma.notification.findMany({ where: { userId, category: 'BILLING' }, select: { kind: true } })).map((row) => row.kind)
    expect(await kinds(renewing.user.id)).toEqual(['dues:renewal-soon'])
    expect(await kinds(admin.id)).toEqual(['dues:renewal-soon'])
    expect(await kinds(plain.id)).toEqual([])
    expect(await kinds(muted.id)).toEqual([])
    expect(await kinds(ending.user.id)).toEqual(['dues:grace-ending'])
    expect(await kinds(ended.user.id)).toEqual(['dues:grace-ended'])
    for (const quiet of [cancelling, farAway, waived, free]) expect(await kinds(quiet.user.id)).toEqual([])

    // E-mailed at once to those on EMAIL (the default), not to the admin who chose the digest.
    const mails = async (userId: string, kind: string) => prisma.emailMessage.findMany({ where: { userId, kind } })
    const [renewalMail] = await mails(renewing.user.id, 'dues-renewal-soon')
    expect(renewalMail).toBeDefined()
    expect(renewalMail!.subject).toBe(`Votre cotisation à ${hub.name} se renouvelle ${onDay(periodEnd, 'fr', 'Europe/Paris')}`)
    expect(renewalMail!.textBody).toContain(`/orgs/${renewing.organisation.slug}/billing`)
    expect(renewalMail!.listUnsubscribe).toContain('s=BILLING')
    expect(await mails(admin.id, 'dues-renewal-soon')).toHaveLength(0)
    expect(await mails(ending.user.id, 'dues-grace-ending')).toHaveLength(1)
    expect((await mails(ended.user.id, 'dues-grace-ended'))[0]!.subject).toBe('Cotisation à régler\u00a0: le délai de grâce est terminé')
    expect(await prisma.reminderSent.count({ where: { key: { startsWith: 'dues-' } } })).toBe(3)

    // The in-app notice reads in words.
    const asOwner = await signedIn(renewing.user.email)
    expect(await (await asOwner.get('/notifications')).text()).toContain(`La cotisation de Renouvelle Bientôt à ${hub.name} se renouvelle dans 10\u00a0jours`)

    // The admin who chose the digest finds it there; the one who turned BILLING off gets nothing.
    await runDigestBatch({ at: new Date(), userIds: [admin.id, muted.id], force: true })
    const digest = await prisma.emailMessage.findFirstOrThrow({ where: { userId: admin.id, kind: 'digest' } })
    expect(digest.textBody).toContain(`La cotisation de Renouvelle Bientôt à ${hub.name} se renouvelle dans 10`)
    expect(await prisma.emailMessage.count({ where: { userId: muted.id } })).toBe(0)

    // The preference centre offers the category with its default, and saves a choice.
    const page = await (await asOwner.get('/settings/notifications')).text()
    expect(page).toMatch(/<input[^>]*name="channels\.BILLING"[^>]*checked=""[^>]*value="EMAIL"/)
  })
})
