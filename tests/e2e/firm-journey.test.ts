import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Prisma } from '#app/generated/prisma/client'
import { scoreNeed } from '#app/modules/matching/service.server'
import { needSearchText } from '#app/modules/needs/search-text'
import { prisma } from '#app/utils/db.server'
import { createHub, createMember, createNeed, createStaff, PASSWORD } from '#tests/factories'
import { act, checkAccessible, launchBrowser, logIn, sharedSkillsReason, textOf } from '#tests/helpers/browser'
import { startProduct } from '#tests/helpers/server'

/**
 * A firm's side of the marketplace in headless Chromium, against the production web and worker
 * processes: search with folded accents and filters, ranking by score, a saved search, an
 * anonymous question and its public answer, a consortium application that waits for the partner
 * firm's confirmation, and a reasoned decline seen on the application, in the list and in the bell.
 */
const NEED = 'Sécurité des automates de nos centrales'

describe('a firm finds a need, asks, applies in a consortium and is declined with a reason', () => {
  let product: Awaited<ReturnType<typeof startProduct>>
  let browser: Browser
  let world: {
    partner: { id: string; email: string; organisation: string }
    firmA: { id: string; email: string; name: string; organisation: string; organisationId: string }
    firmB: { id: string; email: string; organisation: string; organisationId: string; slug: string }
  }
  const pageErrors: string[] = []
  /** Refusals the journey provokes on purpose: the browser logs their status as a console error. */
  const expectedHttpErrors: RegExp[] = []
  const pages: Record<'partner' | 'firmA' | 'firmB', Page> = {} as never
  let needUrl = ''
  let applicationUrl = ''

  beforeAll(async () => {
    const hub = await createHub({ name: 'Digital Grenoble', shortName: 'Grenoble' })
    await createStaff(hub.id, 'MODERATOR')
    const partner = await createMember(hub.id, 'PARTNER', { organisation: { name: 'Alpiva Énergie' } })
    const firmA = await createMember(hub.id, 'FIRM', {
      organisation: { name: 'Belledonne Capteurs', skills: ['cybersécurité', 'réseaux industriels', 'iot', 'python'], communeInsee: '38229', communeName: 'Meylan' },
    })
    const firmB = await createMember(hub.id, 'FIRM', {
      organisation: { name: 'Névé Robotique', skills: ['robotique', 'vision industrielle'], communeInsee: '38185', communeName: 'Grenoble' },
    })
    world = {
      partner: { id: partner.user.id, email: partner.user.email, organisation: partner.organisation.name },
      firmA: { id: firmA.user.id, email: firmA.user.email, name: firmA.user.name, organisation: firmA.organisation.name, organisationId: firmA.organisation.id },
      firmB: { id: firmB.user.id, email: firmB.user.email, organisation: firmB.organisation.name, organisationId: firmB.organisation.id, slug: firmB.organisation.slug },
    }

    // Published needs of the partner, with their search text, scored as the worker does on publication.
    const publish = async (fields: Partial<Prisma.NeedUncheckedCreateInput> & { title: string; summary: string; description: string; skills: string[] }) => {
      const need = await createNeed(partner.organisation.id, hub.id, partner.user.id, {
        status: 'PUBLISHED',
        publishedAt: new Date(),
        submittedAt: new Date(),
        ...fields,
        ...needSearchText({ ...fields, partnerName: partner.organisation.name, communeName: 'Grenoble' }),
      })
      await scoreNeed(need.id)
      return need
    }
    const best = await publish({
      title: NEED,
      kind: 'PILOT',
      summary: 'Cartographier et protéger les automates de deux centrales hydroélectriques.',
      description: 'Audit des réseaux industriels, segmentation, détection d’intrusion sur les automates et les capteurs IoT.',
      skills: ['cybersécurité', 'réseaux industriels', 'iot'],
      budgetMinEur: 40_000,
      budgetMaxEur: 90_000,
    })
    needUrl = `/needs/${best.id}`
    await publish({
      title: 'Sécurité du portail fournisseurs',
      kind: 'PILOT',
      summary: 'Renforcer la sécurité du portail où nos fournisseurs déposent leurs factures.',
      description: 'Tests d’intrusion, correction des failles, authentification forte pour trois mille comptes fournisseurs.',
      skills: ['cybersécurité', 'développement web'],
      budgetMinEur: 30_000,
      budgetMaxEur: 50_000,
    })
    await publish({
      title: 'Audit de sécurité express',
      kind: 'PILOT',
      summary: 'Une journée d’audit de sécurité sur un site de production.',
      description: 'Revue rapide des accès et des sauvegardes, restitution le jour même à l’équipe du site.',
      skills: ['cybersécurité'],
      budgetMinEur: 3_000,
      budgetMaxEur: 8_000,
    })
    await publish({
      title: 'Sécurité incendie connectée',
      kind: 'PROCUREMENT',
      summary: 'Des détecteurs connectés dans nos entrepôts, reliés à la supervision.',
      description: 'Achat et pose de détecteurs IoT, intégration à la supervision existante, maintenance sur trois ans.',
      skills: ['iot'],
      budgetMinEur: 60_000,
      budgetMaxEur: 100_000,
    })
    await publish({
      title: 'Jumeau numérique des turbines',
      kind: 'PILOT',
      summary: 'Simuler le comportement des turbines pour planifier la maintenance.',
      description: 'Modèle physique et données de production, en Python, pour anticiper les arrêts des turbines.',
      skills: ['python'],
      budgetMinEur: 50_000,
      budgetMaxEur: 120_000,
    })

    product = await startProduct({ REDIS_URL: undefined })
    needUrl = `${product.baseUrl}${needUrl}`
    browser = await launchBrowser()
    const people = { firmA: firmA.user.email, firmB: firmB.user.email, partner: partner.user.email }
    await Promise.all(Object.entries(people).map(async ([who, email]) => (pages[who as keyof typeof people] = await logIn(browser, product.baseUrl, who, email, PASSWORD, { pageErrors, expectedHttpErrors }))))
  })

  afterAll(async () => {
    await browser?.close()
    await product?.stop()
    expect(pageErrors).toEqual([])
  })

  async function openNotification(page: Page, text: string) {
    await page.getByRole('link', { name: /^Notifications : [1-9]\d* non lues?$/ }).click()
    await page.waitForURL('**/notifications')
    await page.getByRole('listitem').filter({ hasText: text }).getByRole('button', { name: 'Ouvrir' }).click()
  }

  test('firm A searches without accents, filters, sees the ranking by score and saves the search', async () => {
    const firm = pages.firmA
    await firm.getByRole('link', { name: 'Besoins', exact: true }).click()
    await firm.waitForURL('**/needs')
    await firm.getByText('5 besoins').waitFor()
    const titles = firm.locator('main li h2')

    await firm.getByRole('searchbox', { name: 'Mots-clés' }).fill('securite')
    await firm.getByRole('button', { name: 'Rechercher' }).click()
    await firm.getByText('4 besoins').waitFor()
    expect((await titles.allInnerTexts()).sort()).toEqual(['Audit de sécurité express', 'Sécurité des automates de nos centrales', 'Sécurité du portail fournisseurs', 'Sécurité incendie connectée'])

    await firm.getByText('Plus de filtres').click()
    await firm.getByRole('group', { name: 'Type de besoin' }).getByLabel('Projet pilote').check()
    await firm.getByLabel('Budget max. au moins (€)').fill('20000')
    await firm.getByLabel('Trier par').selectOption({ label: 'Pertinence pour vous' })
    await firm.getByRole('button', { name: 'Appliquer les filtres' }).click()
    await firm.getByText('2 besoins').waitFor()
    const url = new URL(firm.url())
    expect(url.searchParams.get('q')).toBe('securite')
    expect(url.searchParams.getAll('kind')).toEqual(['PILOT'])
    expect(url.searchParams.get('budgetMin')).toBe('20000')
    expect(url.searchParams.get('sort')).toBe('score')

    // Ranked by this firm's score: three shared skills before one.
    expect(await titles.allInnerTexts()).toEqual([NEED, 'Sécurité du portail fournisseurs'])
    const scores = (await firm.locator('main li [title="Score de pertinence sur 100"]').allTextContents()).map((score) => Number.parseInt(score, 10))
    expect(scores).toHaveLength(2)
    expect(scores[0]).toBeGreaterThan(scores[1]!)
    await checkAccessible(firm)

    await firm.getByLabel('Nom de cette recherche').fill('Sécurité, projets pilotes')
    await firm.getByLabel('M’alerter des nouveaux besoins (dans mes résumés)').check()
    await act(firm, firm.getByRole('button', { name: 'Enregistrer la recherche' }), 'Recherche « Sécurité, projets pilotes » enregistrée.')
    const saved = firm.getByRole('listitem').filter({ has: firm.getByRole('link', { name: 'Sécurité, projets pilotes' }) })
    expect(await textOf(saved)).toContain('alerte')
    await firm.getByText('2 besoins').waitFor()
    const stored = await prisma.savedSearch.findFirstOrThrow({ where: { name: 'Sécurité, projets pilotes' } })
    expect(stored).toMatchObject({ userId: world.firmA.id, alert: true })
    expect(new URLSearchParams(String(stored.query)).get('q')).toBe('securite')
    expect(new URLSearchParams(String(stored.query)).getAll('kind')).toEqual(['PILOT'])
    await checkAccessible(firm)

    // Its reasons, on the need.
    await firm.getByRole('link', { name: NEED }).click()
    await firm.waitForURL(needUrl)
    await firm.getByRole('heading', { name: 'Pourquoi ce rapprochement' }).waitFor()
    await firm.getByText(sharedSkillsReason(['cybersécurité', 'réseaux industriels', 'iot'])).waitFor()
  })

  test('firm A asks an anonymous question; the partner answers; firm B reads the answer, not who asked', async () => {
    const { firmA, partner, firmB } = pages
    const question = 'Les automates sont-ils accessibles à distance pendant l’audit ?'
    await firmA.getByLabel('Poser une question').fill(question)
    await act(firmA, firmA.getByRole('button', { name: 'Envoyer la question' }), 'Question envoyée au grand compte.')
    const asked = firmA.locator('#questions li').filter({ hasText: question })
    expect(await textOf(asked)).toContain('votre question')
    expect(await textOf(asked)).toContain('En attente de réponse.')
    await checkAccessible(firmA)

    await partner.goto(`${product.baseUrl}/`)
    await openNotification(partner, `Nouvelle question sur « ${NEED} »`)
    await partner.waitForURL(`${needUrl}#questions`)
    const received = partner.locator('#questions li').filter({ hasText: question })
    await received.waitFor()
    for (const name of [world.firmA.organisation, world.firmA.name, world.firmA.email]) expect(await textOf(partner.locator('#questions'))).not.toContain(name)
    await received.getByLabel('Répondre').fill('Oui, par un accès VPN dédié ouvert pour la durée de l’audit.')
    await act(partner, received.getByRole('button', { name: 'Publier la réponse' }), 'Réponse publiée.')
    await checkAccessible(partner)

    await firmB.goto(needUrl)
    const answered = firmB.locator('#questions li').filter({ hasText: question })
    await answered.waitFor()
    expect(await textOf(answered)).toContain(`Réponse de ${world.partner.organisation} : Oui, par un accès VPN dédié`)
    expect(await textOf(answered)).not.toContain('votre question')
    for (const name of [world.firmA.organisation, world.firmA.name, world.firmA.email]) expect(await textOf(firmB.locator('main'))).not.toContain(name)
    await checkAccessible(firmB)

    await firmA.goto(`${product.baseUrl}/`)
    await openNotification(firmA, `Réponse à votre question sur « ${NEED} »`)
    await firmA.waitForURL(`${needUrl}#questions`)
    await firmA.getByText('Oui, par un accès VPN dédié', { exact: false }).waitFor()
  })

  test('firm A applies as the lead of a consortium: refused until firm B confirms, then sent', async () => {
    const { firmA, firmB } = pages
    await firmA.getByRole('link', { name: 'Candidater' }).click()
    await firmA.waitForURL(`${needUrl}/apply`)
    const approach = 'Cartographie passive des réseaux, segmentation par zones, sondes de détection sur les automates ; Névé Robotique pour la vision.'
    await firmA.getByLabel('Votre approche').fill(approach)
    await firmA.getByLabel('Prix ou budget proposé (€ HT)').fill('68000')
    const partner1 = firmA.getByRole('combobox', { name: 'Entreprise partenaire 1' })
    await partner1.pressSequentially('neve')
    const options = firmA.getByRole('listbox', { name: 'Suggestions pour Entreprise partenaire 1' }).getByRole('option')
    await expect.poll(() => options.allTextContents()).toEqual(['Névé Robotique — Grenoble'])
    await partner1.press('ArrowDown')
    await partner1.press('Enter')
    expect(await partner1.inputValue()).toBe(world.firmB.slug)
    await firmA.getByText('Entreprise choisie : Névé Robotique (Grenoble)').waitFor()
    await checkAccessible(firmA)

    // Sending is refused while firm B has not confirmed; what was typed stays.
    expectedHttpErrors.push(/status of 409 .*\/apply/)
    await firmA.getByRole('button', { name: 'Envoyer la candidature' }).click()
    await firmA.getByRole('alert').filter({ hasText: 'Toutes les entreprises du groupement doivent confirmer avant l’envoi de la candidature.' }).waitFor()
    expect(firmA.url()).toBe(`${needUrl}/apply`)
    expect(await firmA.getByLabel('Votre approche').inputValue()).toBe(approach)
    expect(await partner1.inputValue()).toBe(world.firmB.slug)
    expect(await prisma.application.count({ where: { firmId: world.firmA.organisationId } })).toBe(0)
    await checkAccessible(firmA)

    await act(firmA, firmA.getByRole('button', { name: 'Enregistrer le brouillon' }), 'Brouillon de candidature enregistré.')
    applicationUrl = firmA.url()
    expect(applicationUrl).toMatch(/\/applications\/[a-z0-9]+$/)
    const consortium = firmA.getByRole('heading', { name: 'Groupement' }).locator('..')
    expect(await textOf(consortium)).toContain(`${world.firmB.organisation} à confirmer`)

    // Firm B is asked in its bell, and confirms on the application page.
    await firmB.goto(`${product.baseUrl}/`)
    await openNotification(firmB, `${world.firmA.organisation} vous propose un groupement pour « ${NEED} »`)
    await firmB.waitForURL(applicationUrl)
    await firmB.getByText(`${world.firmA.organisation} vous propose de candidater en groupement`).waitFor()
    await checkAccessible(firmB)
    await act(firmB, firmB.getByRole('button', { name: 'Confirmer la participation' }), 'Participation au groupement confirmée.')
    expect(await textOf(firmB.getByRole('heading', { name: 'Groupement' }).locator('..'))).toContain(`${world.firmB.organisation} confirmé`)

    // Firm A sends the application now.
    await firmA.goto(applicationUrl)
    expect(await textOf(consortium)).toContain(`${world.firmB.organisation} confirmé`)
    await firmA.getByRole('link', { name: 'Reprendre le brouillon' }).click()
    await firmA.waitForURL(`${needUrl}/apply`)
    expect(await firmA.getByLabel('Votre approche').inputValue()).toBe(approach)
    expect(await firmA.getByRole('combobox', { name: 'Entreprise partenaire 1' }).inputValue()).toBe(world.firmB.slug)
    await firmA.getByRole('button', { name: 'Envoyer la candidature' }).click()
    await firmA.waitForURL(applicationUrl)
    await firmA.getByRole('status').filter({ hasText: 'Candidature envoyée.' }).waitFor()
    expect(await textOf(firmA.locator('main'))).toContain('Envoyée')
    expect(await prisma.application.findFirstOrThrow({ where: { firmId: world.firmA.organisationId } })).toMatchObject({ status: 'SUBMITTED', priceEur: 68_000 })
  })

  test('the partner declines with a reason; both firms see the decision, in the list and in the bell', async () => {
    const { partner, firmA, firmB } = pages
    const comment = 'Votre proposition dépasse notre enveloppe pour ce pilote ; nous reviendrons vers vous pour la phase suivante.'
    await partner.goto(needUrl)
    await partner.getByRole('link', { name: 'Candidatures (1)' }).click()
    await partner.waitForURL(`${needUrl}/applications`)
    await partner.getByRole('region', { name: /^Envoyée/ }).getByRole('link', { name: new RegExp(world.firmA.organisation) }).click()
    await partner.waitForURL(applicationUrl)
    expect(await textOf(partner.getByRole('heading', { name: 'Groupement' }).locator('..'))).toContain(`${world.firmB.organisation} confirmé`)
    await partner.getByLabel('Motif').selectOption({ label: 'Budget' })
    await partner.getByLabel('Commentaire pour l’entreprise (obligatoire)').fill(comment)
    await checkAccessible(partner)
    await act(partner, partner.getByRole('button', { name: 'Décliner' }), 'Candidature déclinée : l’entreprise voit votre motif.')
    expect(await textOf(partner.locator('main'))).toContain('Non retenue')

    // Firm A: the bell, the application, "Mes candidatures".
    await firmA.goto(`${product.baseUrl}/`)
    await openNotification(firmA, `Votre candidature à « ${NEED} » n’est pas retenue`)
    await firmA.waitForURL(applicationUrl)
    await firmA.getByText('Non retenue — motif : Budget').waitFor()
    await firmA.getByText(comment).waitFor()
    await checkAccessible(firmA)
    await firmA.getByRole('link', { name: 'Mes candidatures' }).click()
    await firmA.waitForURL('**/applications')
    const mine = firmA.getByRole('listitem').filter({ hasText: NEED })
    await mine.waitFor()
    expect(await textOf(mine)).toContain('Non retenue')
    expect(await textOf(mine)).toContain(`Budget — ${comment}`)
    await checkAccessible(firmA)

    // Firm B, confirmed partner of the consortium, is told too and sees the same decision.
    await firmB.goto(`${product.baseUrl}/`)
    await openNotification(firmB, `Votre candidature à « ${NEED} » n’est pas retenue`)
    await firmB.waitForURL(applicationUrl)
    await firmB.getByText('Non retenue — motif : Budget').waitFor()
    await firmB.getByRole('link', { name: 'Mes candidatures' }).click()
    await firmB.waitForURL('**/applications')
    const theirs = firmB.getByRole('listitem').filter({ hasText: NEED })
    expect(await textOf(theirs)).toContain(`en groupement avec ${world.firmA.organisation}`)
    expect(await textOf(theirs)).toContain('Non retenue')
    await checkAccessible(firmB)

    const application = await prisma.application.findFirstOrThrow({ where: { firmId: world.firmA.organisationId } })
    expect(application).toMatchObject({ status: 'DECLINED', declineReason: 'BUDGET', declineComment: comment })
    expect(expectedHttpErrors).toEqual([])
  })
})
