import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { prisma } from '#app/utils/db.server'
import { DEMO_EMAILS, DEMO_PASSWORD } from '../../prisma/demo-logins'
import { seedDemoData } from '../../prisma/seed-data'
import { checkAccessible, launchBrowser, textOf, type BrowserErrors } from '#tests/helpers/browser'
import { startProduct } from '#tests/helpers/server'

/**
 * The association's console in French, in headless Chromium against the production processes and
 * the demo data set with its twelve months of history: a Grenoble moderator runs the day from the
 * queues, the partners' scorecards, the analytics, the directory and the audit log; the hub's admin
 * changes the charter's delay and finds the change in the audit log, then looks at the background
 * jobs; a partner logs in and lands on its own home. axe (WCAG 2.1 A/AA) runs on every page.
 *
 * Each page is its own test, so that one broken page does not hide the others; the personas'
 * browser pages are kept from one test to the next (vitest runs a file's tests in order).
 */
describe('the association’s console, in French', () => {
  let product: Awaited<ReturnType<typeof startProduct>>
  let browser: Browser
  const errors: BrowserErrors = { pageErrors: [], expectedHttpErrors: [] }
  const pages: Partial<Record<'moderator' | 'admin' | 'partner', Page>> = {}

  beforeAll(async () => {
    await seedDemoData()
    product = await startProduct()
    browser = await launchBrowser()
  }, 300_000)

  afterAll(async () => {
    await browser?.close()
    await product?.stop()
  })

  /** Logs in through the real form; each person lands on their own home (never back on /login). */
  async function logIn(who: keyof typeof pages, email: string) {
    const context = await browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris' })
    context.setDefaultTimeout(15_000)
    const page = await context.newPage()
    page.on('pageerror', (error) => errors.pageErrors.push(`${who}: ${error.message}`))
    page.on('console', (message) => {
      if (message.type() !== 'error') return
      const text = `${who}: ${message.text()} (${message.location().url})`
      const expected = errors.expectedHttpErrors.findIndex((pattern) => pattern.test(text))
      if (expected >= 0) errors.expectedHttpErrors.splice(expected, 1)
      else errors.pageErrors.push(text)
    })
    await page.goto(`${product.baseUrl}/login`)
    await page.getByLabel('Adresse e-mail').fill(email)
    await page.getByLabel('Mot de passe').fill(DEMO_PASSWORD)
    await page.getByRole('button', { name: 'Se connecter' }).click()
    await page.waitForURL((url) => !url.pathname.startsWith('/login'))
    pages[who] = page
    return page
  }

  /** The persona's page, logged in on first use (a test run alone still works). */
  async function as(who: keyof typeof pages) {
    const email = { moderator: DEMO_EMAILS.moderator, admin: DEMO_EMAILS.admin, partner: DEMO_EMAILS.partner }[who]
    return pages[who] ?? (await logIn(who, email))
  }

  /** Follows one of the console's tabs and waits for the page's main heading. */
  async function openTab(page: Page, tab: string, path: string, title: string) {
    await page.getByRole('navigation', { name: 'Console de l’association' }).getByRole('link', { name: tab, exact: true }).click()
    await page.waitForURL((url) => url.pathname === path)
    await page.getByRole('heading', { level: 1, name: title }).waitFor()
  }

  /** Submits a GET filter form and waits for the URL to carry the filter. */
  async function search(page: Page, field: string, value: string, button: string, param: string) {
    await page.getByLabel(field, { exact: true }).fill(value)
    await page.getByRole('button', { name: button, exact: true }).click()
    await page.waitForURL((url) => url.searchParams.get(param) === value)
  }

  test('a moderator logs in and lands on the day’s queues', async () => {
    const page = await logIn('moderator', DEMO_EMAILS.moderator)
    expect(new URL(page.url()).pathname).toBe('/staff')
    await page.getByRole('heading', { level: 1, name: 'Espace association' }).waitFor()
    const queues = page.getByRole('navigation', { name: 'Files du jour' })
    const tabs: Array<[string, string]> = [
      ['À modérer', 'Besoins et révisions à modérer'],
      ['Organisations à vérifier', 'Organisations à vérifier'],
      ['Correspondances à valider', 'Correspondances à valider (besoins sur sélection)'],
      ['Candidatures à filtrer', 'Candidatures à filtrer avant le partenaire'],
      ['Réponses en retard', 'Réponses en retard au regard de la charte'],
    ]
    for (const [tab, title] of tabs) {
      // Each tab shows its count; the seed leaves something in every queue of Grenoble.
      const link = queues.getByRole('link', { name: new RegExp(`^${tab} \\d+`) })
      expect(Number((await textOf(link)).replace(tab, '').trim())).toBeGreaterThan(0)
      await link.click()
      await page.getByRole('heading', { level: 2, name: title }).waitFor()
      expect(await queues.getByRole('link', { name: new RegExp(`^${tab}`) }).getAttribute('aria-current')).toBe('page')
      expect(await page.getByRole('table').first().getByRole('row').count()).toBeGreaterThan(1)
      await checkAccessible(page)
    }
    await page.getByRole('heading', { name: 'Les chiffres du mois' }).waitFor()
    // Moderators are not admins: neither the hub's settings nor the jobs in the tabs.
    const console_ = page.getByRole('navigation', { name: 'Console de l’association' })
    expect(await console_.getByRole('link', { name: 'Réglages du hub' }).count()).toBe(0)
    expect(await console_.getByRole('link', { name: 'Tâches de fond' }).count()).toBe(0)
  })

  test('the partners’ scorecards, then one partner’s page', async () => {
    const page = await as('moderator')
    await openTab(page, 'Partenaires', '/staff/partners', 'Partenaires')
    const table = page.getByRole('table', { name: /Tableaux de bord de la charte des partenaires/ })
    const alpiva = table.getByRole('row', { name: /Alpiva Énergie/ })
    await alpiva.waitFor()
    expect(await textOf(alpiva)).toMatch(/\d/)
    await checkAccessible(page)
    // The CSV of the same table, at the page's own address.
    const csv = await page.request.get(`${product.baseUrl}/staff/partners?format=csv`)
    expect(csv.headers()['content-type']).toMatch(/^text\/csv/)
    expect(await csv.text()).toContain('Alpiva Énergie')

    await alpiva.getByRole('link', { name: 'Alpiva Énergie' }).click()
    await page.waitForURL((url) => /^\/staff\/partners\/[^/]+$/.test(url.pathname))
    await page.getByRole('heading', { level: 1, name: /Alpiva Énergie/ }).waitFor()
    await page.getByText(/Partenaire[\s\u202f]: Alpiva Énergie \(Grenoble\)/).waitFor()
    await checkAccessible(page)
  })

  test('the analytics: the funnel as a chart and as its table', async () => {
    const page = await as('moderator')
    await openTab(page, 'Analyses', '/staff/analytics', 'Analyses')
    await page.getByRole('img', { name: /Entonnoir du besoin publié au contrat/ }).waitFor()
    const funnel = page.getByRole('table', { name: /Entonnoir : effectif de chaque étape/ })
    const published = funnel.getByRole('row', { name: /Besoins publiés/ })
    expect(Number((await textOf(published)).replace(/\D+/g, ' ').trim().split(' ')[0])).toBeGreaterThan(0)
    await funnel.getByRole('row', { name: /Contrats/ }).waitFor()
    await page.getByRole('heading', { name: 'Valeur des contrats signés' }).waitFor()
    await checkAccessible(page)
  })

  test('the organisations: a search, then one organisation', async () => {
    const page = await as('moderator')
    await openTab(page, 'Organisations', '/staff/organisations', 'Organisations')
    await search(page, 'Nom, SIREN ou compétence', 'Belledonne', 'Rechercher', 'q')
    const link = page.getByRole('link', { name: 'Belledonne Vision', exact: true })
    await link.waitFor()
    await checkAccessible(page)
    await link.click()
    await page.getByRole('heading', { level: 1, name: 'Belledonne Vision' }).waitFor()
    await page.getByRole('heading', { name: 'Membres' }).waitFor()
    await page.getByText('Thomas Vial').first().waitFor()
    await checkAccessible(page)
  })

  test('the users: a search, then one user', async () => {
    const page = await as('moderator')
    await openTab(page, 'Utilisateurs', '/staff/users', 'Utilisateurs')
    await search(page, 'Nom ou adresse e-mail', 'Rochas', 'Rechercher', 'q')
    const link = page.getByRole('link', { name: 'Claire Rochas', exact: true })
    await link.waitFor()
    await checkAccessible(page)
    await link.click()
    await page.getByRole('heading', { level: 1, name: 'Claire Rochas' }).waitFor()
    await page.getByText('Alpiva Énergie').first().waitFor()
    // A moderator reads the account; only the hub's admins administer it.
    await page.getByText('Seuls les administrateurs de l’association peuvent désactiver un compte ou demander un nouveau mot de passe.').waitFor()
    await checkAccessible(page)
  })

  test('the audit log, filtered on an action', async () => {
    const page = await as('moderator')
    await openTab(page, 'Journal', '/staff/audit', 'Journal')
    const table = page.getByRole('table', { name: 'Entrées du journal' })
    await table.getByRole('row', { name: /Candidature envoyée/ }).first().waitFor()
    await search(page, 'Action', 'need.publish', 'Afficher', 'action')
    // Only the publications are left, each with who published it and the transition.
    await expect.poll(() => table.getByRole('row', { name: /Candidature envoyée/ }).count()).toBe(0)
    const published = table.getByRole('row', { name: /Besoin publié/ })
    expect(await published.count()).toBeGreaterThan(1)
    expect(await textOf(published.first())).toContain('Camille Bérard')
    await checkAccessible(page)
  })

  test('the admins’ pages are refused to a moderator', async () => {
    const page = await as('moderator')
    errors.expectedHttpErrors.push(/403/, /403/)
    expect((await page.goto(`${product.baseUrl}/staff/hub`))?.status()).toBe(403)
    expect((await page.goto(`${product.baseUrl}/staff/jobs`))?.status()).toBe(403)
    errors.expectedHttpErrors.length = 0
  })

  test('the hub’s admin changes the charter’s delay and finds it in the audit log', async () => {
    const page = await logIn('admin', DEMO_EMAILS.admin)
    expect(new URL(page.url()).pathname).toBe('/staff')
    await openTab(page, 'Réglages du hub', '/staff/hub', 'Réglages du hub')
    await checkAccessible(page)
    const days = page.getByLabel('Délai de réponse de la charte (jours)')
    expect(await days.inputValue()).toBe('15')
    await days.fill('20')
    await page.getByRole('button', { name: 'Enregistrer les réglages' }).click()
    await page.getByRole('status').filter({ hasText: 'Réglages du hub enregistrés.' }).waitFor()
    const hub = await prisma.hub.findUniqueOrThrow({ where: { slug: 'digital-grenoble' }, select: { charterResponseDays: true } })
    expect(hub.charterResponseDays).toBe(20)
    await checkAccessible(page)

    await openTab(page, 'Journal', '/staff/audit', 'Journal')
    await search(page, 'Action', 'hub.settings', 'Afficher', 'action')
    const row = page.getByRole('table', { name: 'Entrées du journal' }).getByRole('row', { name: /Julien Faure/ }).first()
    const text = await textOf(row)
    expect(text).toContain('Réglages du hub modifiés')
    expect(text).toMatch(/15.*20/)
    await checkAccessible(page)
  })

  test('the hub’s admin looks at the background jobs', async () => {
    const page = await as('admin')
    await openTab(page, 'Tâches de fond', '/staff/jobs', 'Tâches de fond')
    await page.getByText(/Moteur des files[\s\u202f]: (Redis|PostgreSQL)/).waitFor()
    await page.getByRole('heading', { name: /Correspondances/ }).first().waitFor()
    await checkAccessible(page)
  })

  test('a partner logs in and lands on its own home', async () => {
    const page = await logIn('partner', DEMO_EMAILS.partner)
    expect(new URL(page.url()).pathname).toBe('/partner')
    await page.getByRole('heading', { level: 1, name: 'Espace Alpiva Énergie' }).waitFor()
    await page.getByRole('heading', { level: 2, name: 'Vos besoins', exact: true }).waitFor()
    await page.getByRole('heading', { level: 2, name: 'Candidatures à décider', exact: true }).waitFor()
    await page.getByRole('heading', { level: 2, name: 'Entreprises recommandées pour vos besoins ouverts', exact: true }).waitFor()
    await checkAccessible(page)
  })

  test('no page reported an error', () => {
    expect(errors.pageErrors).toEqual([])
  })
})
