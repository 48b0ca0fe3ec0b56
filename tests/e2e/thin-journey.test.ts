import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { prisma } from '#app/utils/db.server'
import { createHub, createMember, createStaff, PASSWORD } from '#tests/factories'
import { expectAccessible, launchBrowser, sharedSkillsReason } from '#tests/helpers/browser'
import { startProduct } from '#tests/helpers/server'

/**
 * The thin journey clicked through in headless Chromium, against the production build with its
 * worker process on BullMQ's PostgreSQL backend (the embedded default's queue) and, like
 * `npm start`, one web process per CPU; then again on Redis with a single web process.
 */
describe.each([
  { backend: 'PostgreSQL (the embedded default)', env: { REDIS_URL: undefined, WEB_CONCURRENCY: undefined }, suffix: '' },
  { backend: 'Redis', env: { REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379' }, suffix: ' (Redis)' },
])('thin journey in the browser, queues on $backend', ({ env, suffix }) => {
  let product: Awaited<ReturnType<typeof startProduct>>
  let browser: Browser
  let people: {
    partner: { email: string; organisation: string }
    firm: { email: string; organisation: string }
    moderator: { email: string }
  }

  beforeAll(async () => {
    const hub = await createHub({ name: `Digital Grenoble${suffix}`, shortName: 'Grenoble' })
    const moderator = await createStaff(hub.id, 'MODERATOR')
    const partner = await createMember(hub.id, 'PARTNER', { organisation: { name: 'Alpiva Énergie' } })
    const firm = await createMember(hub.id, 'FIRM', {
      organisation: {
        name: 'Belledonne Capteurs',
        skills: ['iot', 'edge computing', 'maintenance prédictive', 'python'],
        communeInsee: '38229',
        communeName: 'Meylan',
      },
    })
    people = {
      partner: { email: partner.user.email, organisation: partner.organisation.name },
      firm: { email: firm.user.email, organisation: firm.organisation.name },
      moderator: { email: moderator.email },
    }
    product = await startProduct(env)
    browser = await launchBrowser()
  })

  const pageErrors: string[] = []

  afterAll(async () => {
    await browser?.close()
    await product?.stop()
    expect(pageErrors).toEqual([])
  })

  async function logIn(email: string): Promise<Page> {
    const context = await browser.newContext({ locale: 'fr-FR' })
    const page = await context.newPage()
    page.on('pageerror', (error) => pageErrors.push(`${email}: ${error.message}`))
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(`${email}: ${message.text()}`)
    })
    await page.goto(`${product.baseUrl}/login`)
    await page.getByLabel('Adresse e-mail').fill(email)
    await page.getByLabel('Mot de passe').fill(PASSWORD)
    await page.getByRole('button', { name: 'Se connecter' }).click()
    // Each person lands on their own home (staff, partner, firm).
    await page.waitForURL((url) => url.pathname !== '/login')
    return page
  }

  test('the home page is French and accessible', async () => {
    const page = await browser.newPage()
    const response = await page.goto(product.baseUrl)
    expect(response?.status()).toBe(200)
    expect(await page.getAttribute('html', 'lang')).toBe('fr')
    expect(await page.textContent('h1')).toContain('Les grandes entreprises achètent')
    await expectAccessible(page)
    await page.close()
  })

  test('a need goes from the partner’s draft to the firm’s application', async () => {
    const deadline = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10)
    const start = new Date(Date.now() + 50 * 86_400_000).toISOString().slice(0, 10)

    // The partner drafts and submits a need.
    const partner = await logIn(people.partner.email)
    await partner.getByRole('link', { name: 'Publier un besoin' }).click()
    await partner.waitForURL('**/needs/new')
    await expectAccessible(partner)
    await partner.getByLabel('Type de besoin').selectOption('PILOT')
    await partner.getByLabel('Titre').fill(`Capteurs connectés sur les conduites forcées${suffix}`)
    await partner.getByLabel('Résumé').fill('Surveiller les vibrations des conduites forcées de deux centrales hydroélectriques.')
    await partner
      .getByLabel('Description')
      .fill('Nous cherchons une PME pour poser des capteurs IoT, traiter les mesures en edge computing et alerter avant les pannes.')
    await partner.getByRole('combobox', { name: 'Compétences et technologies' }).fill('IoT, edge computing, maintenance prédictive')
    await partner.getByLabel('Budget maximum (€ HT)').fill('60000')
    await partner.getByLabel('Date limite de candidature').fill(deadline)
    await partner.getByLabel('Démarrage envisagé').fill(start)
    await partner.getByLabel('Commune').fill('Grenoble (38)')
    await partner.getByRole('button', { name: 'Soumettre à la modération' }).click()
    await partner.waitForURL(/\/needs\/[a-z0-9]+$/)
    await partner.getByText('Besoin soumis : votre association le relit avant publication.').waitFor()
    const needUrl = partner.url()

    // The hub moderator publishes it.
    const moderator = await logIn(people.moderator.email)
    await moderator.getByRole('link', { name: 'Espace association' }).first().click()
    await moderator.waitForURL('**/staff')
    await moderator.getByRole('link', { name: 'Ouvrir la file de modération' }).click()
    await moderator.waitForURL('**/staff/moderation/needs')
    await expectAccessible(moderator)
    await moderator.getByRole('link', { name: `Capteurs connectés sur les conduites forcées${suffix}` }).click()
    await moderator.waitForURL(needUrl)
    await moderator.getByRole('button', { name: 'Publier' }).click()
    await moderator.getByText('Besoin publié : les entreprises recommandées sont en cours de calcul.').waitFor()
    expect(moderator.url()).toBe(needUrl)
    expect(await moderator.textContent('main')).toContain('Publié')

    // The worker scores it; the firm sees it with its score, and applies.
    const firm = await logIn(people.firm.email)
    let score: string | null = null
    for (let attempt = 0; attempt < 40 && !score; attempt++) {
      await firm.goto(`${product.baseUrl}/needs`)
      const card = firm.locator('li', { hasText: `Capteurs connectés sur les conduites forcées${suffix}` })
      if ((await card.count()) > 0 && (await card.locator('[title="Score de pertinence sur 100"]').count()) > 0) {
        score = await card.locator('[title="Score de pertinence sur 100"]').textContent()
      } else {
        await firm.waitForTimeout(250)
      }
    }
    expect(score).toMatch(/\d+\/100/)
    await expectAccessible(firm)
    await firm.getByRole('link', { name: `Capteurs connectés sur les conduites forcées${suffix}` }).click()
    await firm.waitForURL(needUrl)
    // "Why this match", in French: the shared skills are the first reason.
    await firm.getByRole('heading', { name: 'Pourquoi ce rapprochement' }).waitFor()
    await firm.getByText(sharedSkillsReason(['iot', 'edge computing', 'maintenance prédictive'])).waitFor()
    await firm.getByRole('link', { name: 'Candidater' }).click()
    await firm.waitForURL(`${needUrl}/apply`)
    await firm.getByLabel('Votre approche').fill('Accéléromètres sans fil sur les conduites, passerelle edge, alertes par seuils appris.')
    await firm.getByLabel('Prix ou budget proposé (€ HT)').fill('52000')
    await expectAccessible(firm)
    await firm.getByRole('button', { name: 'Envoyer la candidature' }).click()
    await firm.waitForURL(/\/applications\/[a-z0-9]+$/)
    await firm.getByRole('heading', { name: people.firm.organisation }).waitFor()
    await firm.getByRole('link', { name: `Capteurs connectés sur les conduites forcées${suffix}` }).waitFor()

    // The partner sees the application in its pipeline, and opens it.
    await partner.goto(`${needUrl}/applications`)
    await expectAccessible(partner)
    await partner.getByRole('link', { name: new RegExp(people.firm.organisation) }).click()
    await partner.waitForURL(/\/applications\/[a-z0-9]+$/)
    await partner.getByText('Accéléromètres sans fil', { exact: false }).waitFor()
    await expectAccessible(partner)

    // The firm's receipt is in the outbox (no SMTP configured), readable by the hub's staff.
    let subject: string | null = null
    for (let attempt = 0; attempt < 40 && !subject; attempt++) {
      await moderator.goto(`${product.baseUrl}/staff/outbox`)
      const row = moderator.locator('tr', { hasText: people.firm.email })
      if ((await row.count()) > 0) subject = await row.first().textContent()
      else await moderator.waitForTimeout(250)
    }
    expect(subject).toContain('Candidature envoyée')
    await expectAccessible(moderator)

    const application = await prisma.application.findFirstOrThrow({
      where: { need: { title: `Capteurs connectés sur les conduites forcées${suffix}` } },
      include: { need: true },
    })
    expect(application).toMatchObject({ status: 'SUBMITTED', need: { status: 'PUBLISHED' } })
  })
})
