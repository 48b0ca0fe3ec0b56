import { randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, test } from 'vitest'
import { createApiToken } from '#app/modules/organisations/api-tokens.server'
import { prisma } from '#app/utils/db.server'
import { createHub, createMarketplace, createMember, createNeed, needFormFields } from '#tests/factories'
import { actorFor } from '#tests/helpers/actor'
import { handleInProcess, signedIn, type FormFields, type Visitor } from '#tests/helpers/app'

/**
 * Communes and intervention areas on input (issue 16, geography): a commune that does not resolve
 * is refused next to its field, on every form and in the API, and nothing is written; a name that
 * several communes share asks for the département; a firm declares where else it works.
 * The communes used here ("Beaufort" in Isère and in Savoie, "Atlantis" nowhere) keep their meaning
 * whatever the size of the commune table.
 */
const UNKNOWN = 'Commune inconnue : choisissez-la dans la liste'
const AMBIGUOUS = 'Plusieurs communes portent ce nom : ajoutez le département'
const CODE_AMBIGUOUS = 'Ce code est à la fois un code postal et un code INSEE'

async function organisationState(organisationId: string) {
  const [organisation, audit] = await Promise.all([prisma.organisation.findUniqueOrThrow({ where: { id: organisationId } }), prisma.auditLog.count()])
  return { organisation, audit }
}

async function expectProfileRefused(visitor: Visitor, slug: string, organisationId: string, form: FormFields, status: number, message: string) {
  const before = await organisationState(organisationId)
  const response = await visitor.post(`/orgs/${slug}/edit`, form)
  const html = await response.text()
  expect(response.status, html.slice(0, 200)).toBe(status)
  expect(html).toContain(message)
  expect(await organisationState(organisationId)).toEqual(before)
}

const general: FormFields = {
  intent: 'general',
  name: 'Névé Robotique',
  website: '',
  communeInsee: 'Meylan (38)',
  headcount: '14',
  revenueBand: 'M2_5M',
  foundedYear: '2016',
  description: 'Robots de maintenance pour les remontées mécaniques.',
  offerings: 'Inspection automatisée des câbles.',
}

describe('the commune of a firm’s profile', () => {
  let firm: Awaited<ReturnType<typeof createMember>>
  let owner: Visitor

  beforeAll(async () => {
    const hub = await createHub()
    firm = await createMember(hub.id, 'FIRM')
    owner = await signedIn(firm.user.email)
  })

  test('an unknown commune or a shared name is refused next to the field, nothing written', async () => {
    const { slug, id } = firm.organisation
    await expectProfileRefused(owner, slug, id, { ...general, communeInsee: 'Atlantis' }, 422, UNKNOWN)
    await expectProfileRefused(owner, slug, id, { ...general, communeInsee: '99999' }, 422, UNKNOWN)
    await expectProfileRefused(owner, slug, id, { ...general, communeInsee: 'Beaufort (74)' }, 422, UNKNOWN)
    await expectProfileRefused(owner, slug, id, { ...general, communeInsee: 'Beaufort' }, 422, AMBIGUOUS)
    // Lyon 3e's postal code is Albigny-sur-Saône's INSEE code; Villeurbanne's is Irigny's.
    await expectProfileRefused(owner, slug, id, { ...general, communeInsee: '69003' }, 422, CODE_AMBIGUOUS)
    await expectProfileRefused(owner, slug, id, { ...general, communeInsee: '69100' }, 422, CODE_AMBIGUOUS)
  })

  test('with its département the shared name is saved; the hint tells the firm what the commune is for', async () => {
    const response = await owner.post(`/orgs/${firm.organisation.slug}/edit`, { ...general, communeInsee: 'Beaufort (73)' })
    expect(response.status).toBe(302)
    expect(await prisma.organisation.findUniqueOrThrow({ where: { id: firm.organisation.id } })).toMatchObject({ communeInsee: '73034', communeName: 'Beaufort' })
    const page = await (await owner.get(`/orgs/${firm.organisation.slug}/edit`)).text()
    expect(page).toContain('value="Beaufort (73)"')
    expect(page).toContain('sans commune reconnue, ils ne vous sont pas proposés')
  })
})

describe('a firm’s intervention area', () => {
  let firm: Awaited<ReturnType<typeof createMember>>
  let partner: Awaited<ReturnType<typeof createMember>>
  let owner: Visitor
  let partnerOwner: Visitor

  beforeAll(async () => {
    const hub = await createHub()
    firm = await createMember(hub.id, 'FIRM', { organisation: { name: 'Sérac Sécurité' } })
    partner = await createMember(hub.id, 'PARTNER')
    owner = await signedIn(firm.user.email)
    partnerOwner = await signedIn(partner.user.email)
  })

  test('the editor offers every département, overseas included, to firms only', async () => {
    const html = await (await owner.get(`/orgs/${firm.organisation.slug}/edit`)).text()
    expect(html).toContain('Zone d’intervention')
    expect(html).toContain('Je me déplace jusqu’à … km')
    expect(html.match(/name="interventionDepartements"/g)).toHaveLength(109)
    expect(html).toContain('Martinique (972)')
    expect(html).toContain('Corse-du-Sud (2A)')
    const partnerHtml = await (await partnerOwner.get(`/orgs/${partner.organisation.slug}/edit`)).text()
    expect(partnerHtml).not.toContain('Zone d’intervention')
  })

  test('bad départements or distances are refused next to the field, nothing written', async () => {
    const { slug, id } = firm.organisation
    const form = (change: FormFields) => ({ intent: 'intervention', interventionDepartements: ['69'], interventionRadiusKm: '200', ...change })
    await expectProfileRefused(owner, slug, id, form({ interventionDepartements: ['69', '20'] }), 400, 'Département inconnu')
    await expectProfileRefused(owner, slug, id, form({ interventionDepartements: ['Rhône'] }), 400, 'Département inconnu')
    await expectProfileRefused(owner, slug, id, form({ interventionRadiusKm: '0' }), 400, 'Valeur trop petite.')
    await expectProfileRefused(owner, slug, id, form({ interventionRadiusKm: '5000' }), 400, 'Valeur trop grande.')
    await expectProfileRefused(owner, slug, id, form({ interventionRadiusKm: 'loin' }), 400, 'Saisissez un nombre.')
    await expectProfileRefused(partnerOwner, partner.organisation.slug, partner.organisation.id, form({}), 422, 'concerne les entreprises')
  })

  test('saved, audited, marking the firm for re-matching; shown on its page and its directory profile', async () => {
    const before = await prisma.organisation.findUniqueOrThrow({ where: { id: firm.organisation.id } })
    const response = await owner.post(`/orgs/${firm.organisation.slug}/edit`, {
      intent: 'intervention',
      interventionDepartements: ['75', '69', '75'],
      interventionRadiusKm: '200',
    })
    expect(response.status).toBe(302)
    expect(response.headers.get('Location')).toBe(`/orgs/${firm.organisation.slug}/edit#intervention`)
    const after = await prisma.organisation.findUniqueOrThrow({ where: { id: firm.organisation.id } })
    expect(after).toMatchObject({ interventionDepartements: ['69', '75'], interventionRadiusKm: 200 })
    expect(after.updatedAt.getTime()).toBeGreaterThan(before.updatedAt.getTime())
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: 'organisation.intervention.update', targetId: firm.organisation.id } })
    expect(audit).toMatchObject({
      actorId: firm.user.id,
      before: { interventionDepartements: [], interventionRadiusKm: null },
      after: { interventionDepartements: ['69', '75'], interventionRadiusKm: 200 },
    })

    const summary = 'Intervient aussi en : Rhône (69), Paris (75) ; jusqu’à 200 km'
    expect(await (await owner.get(`/orgs/${firm.organisation.slug}`)).text()).toContain(summary)
    const directory = await partnerOwner.get(`/firms/${firm.organisation.slug}`)
    expect(directory.status).toBe(200)
    expect(await directory.text()).toContain(summary)
    const editor = await (await owner.get(`/orgs/${firm.organisation.slug}/edit`)).text()
    expect(editor).toMatch(/<input(?=[^>]*value="69")(?=[^>]*checked="")[^>]*>/)
    expect(editor).not.toMatch(/<input(?=[^>]*value="38")(?=[^>]*checked="")[^>]*>/)
    expect(editor).toContain('value="200"')
  })

  test('the same area again writes nothing; emptied, it leaves the pages', async () => {
    const audits = await prisma.auditLog.count()
    await owner.post(`/orgs/${firm.organisation.slug}/edit`, { intent: 'intervention', interventionDepartements: ['69', '75'], interventionRadiusKm: '200' })
    expect(await prisma.auditLog.count()).toBe(audits)

    await owner.post(`/orgs/${firm.organisation.slug}/edit`, { intent: 'intervention', interventionRadiusKm: '' })
    expect(await prisma.organisation.findUniqueOrThrow({ where: { id: firm.organisation.id } })).toMatchObject({ interventionDepartements: [], interventionRadiusKm: null })
    expect(await (await owner.get(`/orgs/${firm.organisation.slug}`)).text()).not.toContain('Intervient aussi en')

    await owner.post(`/orgs/${firm.organisation.slug}/edit`, { intent: 'intervention', interventionRadiusKm: '150' })
    expect(await (await partnerOwner.get(`/firms/${firm.organisation.slug}`)).text()).toContain('Se déplace jusqu’à 150 km')
  })
})

describe('the commune of a need', () => {
  let market: Awaited<ReturnType<typeof createMarketplace>>
  let partner: Visitor
  let token: string

  beforeAll(async () => {
    market = await createMarketplace()
    partner = await signedIn(market.partner.user.email)
    token = (await createApiToken(await actorFor(market.partner.user.id), market.partner.organisation.id, { name: 'Outil achats' })).token
  })

  async function needsState() {
    return prisma.need.findMany({ where: { partnerId: market.partner.organisation.id }, orderBy: { id: 'asc' } })
  }

  test.each([
    ['an unknown commune', 'Atlantis', UNKNOWN],
    ['a commune in the wrong département', 'Grenoble (73)', UNKNOWN],
    ['a name several communes share', 'Beaufort', AMBIGUOUS],
  ])('the editor refuses %s next to the field, nothing written', async (_label, commune, message) => {
    const before = await needsState()
    const created = await partner.post('/needs/new', { ...needFormFields({ communeInsee: commune }), intent: 'save' })
    expect(created.status).toBe(422)
    expect(await created.text()).toContain(message)
    const need = await createNeed(market.partner.organisation.id, market.hub.id, market.partner.user.id)
    const edited = await partner.post(`/needs/${need.id}/edit`, { ...needFormFields({ communeInsee: commune }), intent: 'save' })
    expect(edited.status).toBe(422)
    expect(await edited.text()).toContain(message)
    expect(await needsState()).toEqual([...before, need])
  })

  test('the editor saves a shared name with its département, and a need without a commune', async () => {
    expect((await partner.post('/needs/new', { ...needFormFields({ communeInsee: 'Beaufort (73)', title: 'Besoin à Beaufort' }), intent: 'save' })).status).toBe(302)
    expect(await prisma.need.findFirstOrThrow({ where: { title: 'Besoin à Beaufort' } })).toMatchObject({ communeInsee: '73034', communeName: 'Beaufort' })
    expect((await partner.post('/needs/new', { ...needFormFields({ communeInsee: '', title: 'Besoin sans commune' }), intent: 'save' })).status).toBe(302)
    expect(await prisma.need.findFirstOrThrow({ where: { title: 'Besoin sans commune' } })).toMatchObject({ communeInsee: null, communeName: null })
  })

  test('a postal code naming one commune is that commune; an INSEE code too', async () => {
    for (const [code, title] of [['38000', 'Besoin au code postal'], ['38185', 'Besoin au code INSEE']] as const) {
      expect((await partner.post('/needs/new', { ...needFormFields({ communeInsee: code, title }), intent: 'save' })).status).toBe(302)
      expect(await prisma.need.findFirstOrThrow({ where: { title } })).toMatchObject({ communeInsee: '38185', communeName: 'Grenoble' })
    }
  })

  test('the editor shows a stored commune as the picker writes it, and saving it again keeps it', async () => {
    const need = await createNeed(market.partner.organisation.id, market.hub.id, market.partner.user.id, { communeInsee: '38032', communeName: 'Beaufort' })
    const html = await (await partner.get(`/needs/${need.id}/edit`)).text()
    expect(html).toContain('value="Beaufort (38)"')
    const saved = await partner.post(`/needs/${need.id}/edit`, { ...needFormFields({ communeInsee: 'Beaufort (38)' }), intent: 'save' })
    expect(saved.status).toBe(302)
    expect(await prisma.need.findUniqueOrThrow({ where: { id: need.id } })).toMatchObject({ communeInsee: '38032' })
  })

  async function api(method: string, pathname: string, body: unknown) {
    const response = await handleInProcess(
      new Request(`http://localhost:3000/api/v1${pathname}`, {
        method,
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'X-Request-Id': randomUUID() },
        body: JSON.stringify(body),
      }),
    )
    return { status: response.status, json: (await response.json()) as { error?: { code: string; fields: Record<string, string[]> } } & Record<string, unknown> }
  }

  const apiNeed = { kind: 'PILOT', title: 'Maintenance prédictive par l’API', skills: ['iot'], visibility: 'PUBLIC', matchingMode: 'OPEN' }

  test('the API answers 422 naming the field, nothing written, on create and on update', async () => {
    const need = await createNeed(market.partner.organisation.id, market.hub.id, market.partner.user.id)
    const before = await needsState()
    for (const [commune, message] of [
      ['Atlantis', UNKNOWN],
      ['Beaufort', AMBIGUOUS],
    ] as const) {
      const created = await api('POST', '/needs', { ...apiNeed, communeInsee: commune })
      expect(created.status, JSON.stringify(created.json)).toBe(422)
      expect(created.json.error).toMatchObject({ code: 'invalid_input', fields: { communeInsee: [expect.stringContaining(message)] } })
      const updated = await api('PATCH', `/needs/${need.id}`, { ...apiNeed, communeInsee: commune })
      expect(updated.status).toBe(422)
      expect(updated.json.error?.fields.communeInsee?.[0]).toContain(message)
    }
    expect(await needsState()).toEqual(before)
    const created = await api('POST', '/needs', { ...apiNeed, communeInsee: 'Beaufort (38)' })
    expect(created.status, JSON.stringify(created.json)).toBe(201)
    expect(created.json).toMatchObject({ need: { details: { communeInsee: '38032', communeName: 'Beaufort' } } })
    // `communeInsee` is an INSEE code: never read as a postal code.
    const albigny = await api('POST', '/needs', { ...apiNeed, communeInsee: '69003' })
    expect(albigny.status, JSON.stringify(albigny.json)).toBe(201)
    expect(albigny.json).toMatchObject({ need: { details: { communeInsee: '69003', communeName: 'Albigny-sur-Saône' } } })
    const postal = await api('POST', '/needs', { ...apiNeed, communeInsee: '38000' })
    expect(postal.status).toBe(422)
    expect(postal.json.error?.fields.communeInsee?.[0]).toContain(UNKNOWN)
  })
})

describe('the firm directory and the commune picker', () => {
  test('the directory’s commune filter says which commune is unknown or shared', async () => {
    const market = await createMarketplace()
    const partner = await signedIn(market.partner.user.email)
    const unknown = await (await partner.get('/firms?commune=Atlantis&km=30')).text()
    expect(unknown).toContain(UNKNOWN)
    const shared = await (await partner.get('/firms?commune=Beaufort&km=30')).text()
    expect(shared).toContain(AMBIGUOUS)
    const near = await (await partner.get(`/firms?commune=${encodeURIComponent('Grenoble (38)')}&km=30`)).text()
    expect(near).toContain(market.firm.organisation.name)
    const far = await (await partner.get(`/firms?commune=${encodeURIComponent('Beaufort (73)')}&km=30`)).text()
    expect(far).not.toContain(market.firm.organisation.name)
  })

  test('suggestions name the département so that homonyms read apart, at most 15', async () => {
    const market = await createMarketplace()
    const visitor = await signedIn(market.firm.user.email)
    const suggest = async (q: string) =>
      ((await (await visitor.get(`/resources/communes?q=${encodeURIComponent(q)}`)).json()) as { communes: Array<{ insee: string; label: string; value: string }> }).communes
    const beaufort = await suggest('Beaufort')
    expect(beaufort).toEqual(
      expect.arrayContaining([
        { insee: '38032', label: 'Beaufort (38)', value: 'Beaufort (38)' },
        { insee: '73034', label: 'Beaufort (73)', value: 'Beaufort (73)' },
      ]),
    )
    expect((await suggest('Beaufort (73)'))[0]).toMatchObject({ insee: '73034' })
    expect(await suggest('sa')).toHaveLength(15)
    expect(await suggest('')).toEqual([])
    // One character ranks nothing: at least two.
    expect(await suggest('e')).toEqual([])
    // A postal code suggests its communes, with the commune whose INSEE code it is.
    expect((await suggest('69003')).map((commune) => commune.label).sort()).toEqual(['Albigny-sur-Saône (69)', 'Lyon 3e Arrondissement (69)'])
    expect((await suggest('38000')).map((commune) => commune.label)).toEqual(['Grenoble (38)'])
  })
})
