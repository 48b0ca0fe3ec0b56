import { beforeAll, describe, expect, test } from 'vitest'
import { prisma } from '#app/utils/db.server'
import { createHub, createMarketplace, createMember, createNeed, createStaff } from '#tests/factories'
import { signedIn, type FormFields, type Visitor } from '#tests/helpers/app'

/**
 * The thin journey through its forms, as the browser posts them, and every form's bad input:
 * empty, too long, wrong type, unknown choice, another organisation's record. Each gets a 4xx
 * with a message next to the field (or a 404), never a 500, and writes nothing.
 */
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)

const validNeed: FormFields = {
  kind: 'PROOF_OF_CONCEPT',
  title: 'Jumeau numérique d’une ligne de production',
  summary: 'Une preuve de concept de jumeau numérique sur une ligne d’embouteillage.',
  description: 'Modéliser la ligne, brancher les automates existants, simuler les arrêts et mesurer le gain de disponibilité.',
  skills: 'jumeau numérique, IoT, python',
  nafCodes: '62.01Z',
  budgetMinEur: '30000',
  budgetMaxEur: '90000',
  deadline: inDays(40),
  expectedStart: inDays(60),
  communeInsee: 'Grenoble (38)',
  radiusKm: '100',
  visibility: 'PUBLIC',
  matchingMode: 'OPEN',
}

async function snapshot() {
  const [needs, applications, audit, emails] = await Promise.all([
    prisma.need.findMany({ select: { id: true, status: true, title: true, updatedAt: true }, orderBy: { id: 'asc' } }),
    prisma.application.findMany({ select: { id: true, status: true, approach: true }, orderBy: { id: 'asc' } }),
    prisma.auditLog.count(),
    prisma.emailMessage.count(),
  ])
  return { needs, applications, audit, emails }
}

async function expectRefused(visitor: Visitor, path: string, form: FormFields, status: number, message?: string) {
  const before = await snapshot()
  const response = await visitor.post(path, form)
  expect(response.status, `${path} ${JSON.stringify(form).slice(0, 120)}`).toBe(status)
  if (message) expect(await response.text()).toContain(message)
  expect(await snapshot()).toEqual(before)
}

describe('the thin journey through its forms', () => {
  let market: Awaited<ReturnType<typeof createMarketplace>>
  let partner: Visitor
  let moderator: Visitor
  let firm: Visitor

  beforeAll(async () => {
    market = await createMarketplace()
    partner = await signedIn(market.partner.user.email)
    moderator = await signedIn(market.moderator.email)
    firm = await signedIn(market.firm.user.email)
  })

  test('draft, submit, publish, apply, and the partner sees the application', async () => {
    const created = await partner.post('/needs/new', { ...validNeed, intent: 'save' })
    expect(created.status).toBe(302)
    const needId = created.headers.get('Location')!.split('/').at(-1)!
    const draft = await prisma.need.findUniqueOrThrow({ where: { id: needId } })
    expect(draft).toMatchObject({ status: 'DRAFT', communeInsee: '38185', communeName: 'Grenoble', skills: ['jumeau numérique', 'iot', 'python'] })

    const page = await partner.get(`/needs/${needId}`)
    expect(await page.text()).toContain('Jumeau numérique d’une ligne de production')
    expect((await firm.get(`/needs/${needId}`)).status).toBe(404)

    const submitted = await partner.post(`/needs/${needId}`, { intent: 'submit' })
    expect(submitted.status).toBe(302)
    const queue = await moderator.get('/staff/moderation/needs')
    expect(await queue.text()).toContain('Jumeau numérique d’une ligne de production')

    const published = await moderator.post(`/needs/${needId}`, { intent: 'publish' })
    expect(published.status).toBe(302)
    expect((await prisma.need.findUniqueOrThrow({ where: { id: needId } })).status).toBe('PUBLISHED')

    const list = await firm.get('/needs')
    expect(await list.text()).toContain('Jumeau numérique d’une ligne de production')
    const form = await firm.get(`/needs/${needId}/apply`)
    expect(form.status).toBe(200)
    const applied = await firm.post(`/needs/${needId}/apply`, {
      intent: 'submit',
      approach: 'Modélisation sous Python, connecteurs OPC-UA, tableau de bord de disponibilité.',
      timeline: '10 semaines',
      priceEur: '72000',
    })
    expect(applied.status).toBe(302)
    expect(applied.headers.get('Location')).toMatch(/^\/applications\/[a-z0-9]+$/)
    expect(await (await firm.get('/applications')).text()).toContain('Jumeau numérique d’une ligne de production')

    const applications = await partner.get(`/needs/${needId}/applications`)
    const html = await applications.text()
    expect(html).toContain(market.firm.organisation.name)
    expect(html).toContain('connecteurs OPC-UA')

    const again = await firm.post(`/needs/${needId}/apply`, { intent: 'submit', approach: 'Une deuxième candidature identique ne doit pas passer.' })
    expect(again.status).toBe(409)
    expect(await prisma.application.count({ where: { needId } })).toBe(1)
  })

  describe('bad input on the need editor', () => {
    test.each([
      ['everything empty', { kind: '', title: '' }, 400, 'Ce champ est obligatoire.'],
      ['a title too long', { title: 'T'.repeat(141) }, 400, 'Trop long.'],
      ['a description too long', { description: 'D'.repeat(20_001) }, 400, 'Trop long.'],
      ['an unknown kind', { kind: 'HACKATHON' }, 400, 'Choix invalide.'],
      ['an unknown visibility', { visibility: 'SECRET' }, 400, 'Choix invalide.'],
      ['an unknown revenue band', { revenueBands: ['HUGE'] }, 400, 'Choix invalide.'],
      ['a budget that is not a number', { budgetMaxEur: 'cent mille' }, 400, 'Saisissez un nombre.'],
      ['a negative budget', { budgetMinEur: '-5' }, 400, 'Valeur trop petite.'],
      ['a budget range upside down', { budgetMinEur: '90000', budgetMaxEur: '10000' }, 400, 'supérieur ou égal au minimum'],
      ['a malformed date', { deadline: '31/12/2026' }, 400, 'Saisissez une date valide.'],
      ['an unknown commune', { communeInsee: 'Atlantis' }, 422, 'Commune inconnue'],
      ['a hub to share with that does not exist', { sharedHubIds: ['not-a-hub'] }, 422, 'Choix invalide.'],
    ] as Array<[string, FormFields, number, string]>)('refuses %s', async (_label, change, status, message) => {
      await expectRefused(partner, '/needs/new', { ...validNeed, ...change, intent: 'save' }, status, message)
    })

    test('an incomplete need is refused at submission, field by field, and nothing is saved', async () => {
      await expectRefused(
        partner,
        '/needs/new',
        { ...validNeed, summary: 'Court', deadline: inDays(-1), skills: '', intent: 'submit' },
        422,
        'Le résumé doit faire au moins 20 caractères.',
      )
    })

    test('an unknown intent is refused', async () => {
      await expectRefused(partner, '/needs/new', { ...validNeed, intent: 'publish' }, 400)
    })

    test('a firm, a moderator and a pending partner cannot post needs', async () => {
      await expectRefused(firm, '/needs/new', { ...validNeed, intent: 'save' }, 403)
      await expectRefused(moderator, '/needs/new', { ...validNeed, intent: 'save' }, 403)
      const pending = await createMember(market.hub.id, 'PARTNER', { organisation: { status: 'PENDING' } })
      await expectRefused(await signedIn(pending.user.email), '/needs/new', { ...validNeed, intent: 'save' }, 403)
    })
  })

  describe('another organisation’s records', () => {
    test('a partner cannot see, edit or submit another partner’s need: 404', async () => {
      const other = await createMember(market.hub.id, 'PARTNER')
      const theirs = await createNeed(other.organisation.id, market.hub.id, other.user.id)
      expect((await partner.get(`/needs/${theirs.id}`)).status).toBe(404)
      expect((await partner.get(`/needs/${theirs.id}/edit`)).status).toBe(404)
      await expectRefused(partner, `/needs/${theirs.id}/edit`, { ...validNeed, intent: 'save' }, 404)
      await expectRefused(partner, `/needs/${theirs.id}`, { intent: 'submit' }, 404)
      expect((await partner.get(`/needs/${theirs.id}/applications`)).status).toBe(404)
    })

    test('a moderator of another hub cannot publish: 404; a firm cannot moderate: 404', async () => {
      const need = await createNeed(market.partner.organisation.id, market.hub.id, market.partner.user.id, { status: 'SUBMITTED' })
      const otherHub = await createHub()
      const outsider = await signedIn((await createStaff(otherHub.id)).email)
      await expectRefused(outsider, `/needs/${need.id}`, { intent: 'publish' }, 404)
      await expectRefused(firm, `/needs/${need.id}`, { intent: 'publish' }, 404)
    })

    test('a firm cannot apply to a need it may not see', async () => {
      const draft = await createNeed(market.partner.organisation.id, market.hub.id, market.partner.user.id)
      await expectRefused(firm, `/needs/${draft.id}/apply`, { intent: 'submit', approach: 'x'.repeat(40) }, 404)
      await expectRefused(firm, '/needs/does-not-exist/apply', { intent: 'submit', approach: 'x'.repeat(40) }, 404)
      await expectRefused(firm, '/needs/bad%20id%3B/apply', { intent: 'submit', approach: 'x'.repeat(40) }, 404)
    })
  })

  describe('bad input on moderation and applications', () => {
    test('moderation: an illegal transition is 409 with a sentence, a missing comment a field message', async () => {
      const draft = await createNeed(market.partner.organisation.id, market.hub.id, market.partner.user.id)
      await expectRefused(moderator, `/needs/${draft.id}`, { intent: 'publish' }, 404)
      const submitted = await createNeed(market.partner.organisation.id, market.hub.id, market.partner.user.id, { status: 'SUBMITTED' })
      await expectRefused(moderator, `/needs/${submitted.id}`, { intent: 'requestChanges', comment: '' }, 400)
      await expectRefused(moderator, `/needs/${submitted.id}`, { intent: 'requestChanges', comment: 'c'.repeat(2001) }, 400)
      await expectRefused(moderator, `/needs/${submitted.id}`, { intent: 'delete' }, 400)
      const published = await createNeed(market.partner.organisation.id, market.hub.id, market.partner.user.id, { status: 'PUBLISHED' })
      await expectRefused(moderator, `/needs/${published.id}`, { intent: 'publish' }, 409, 'Action impossible : ce besoin est au statut « Publié ».')
      await expectRefused(partner, `/needs/${published.id}`, { intent: 'submit' }, 409, 'Action impossible')
    })

    test('applying: empty, too long, wrong type, unknown intent', async () => {
      const need = await createNeed(market.partner.organisation.id, market.hub.id, market.partner.user.id, {
        status: 'PUBLISHED',
        publishedAt: new Date(),
      })
      const path = `/needs/${need.id}/apply`
      await expectRefused(firm, path, { intent: 'submit', approach: '' }, 422, 'Décrivez votre approche')
      await expectRefused(firm, path, { intent: 'submit', approach: 'a'.repeat(10_001) }, 400, 'Trop long.')
      await expectRefused(firm, path, { intent: 'submit', approach: 'a'.repeat(40), priceEur: 'gratuit' }, 400, 'Saisissez un nombre.')
      await expectRefused(firm, path, { intent: 'submit', approach: 'a'.repeat(40), priceEur: '1.5' }, 400, 'nombre entier')
      await expectRefused(firm, path, { intent: 'send-now', approach: 'a'.repeat(40) }, 400)
      await expectRefused(partner, path, { intent: 'submit', approach: 'a'.repeat(40) }, 403)
    })
  })
})
