import { rm } from 'node:fs/promises'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { prisma } from '#app/utils/db.server'
import { createHub, createMember, createStaff, PASSWORD } from '#tests/factories'
import { act, checkAccessible, launchBrowser, logIn, sharedSkillsReason, textOf } from '#tests/helpers/browser'
import { startProduct } from '#tests/helpers/server'

/**
 * A partner's need from the first draft to the deal, in headless Chromium against the production
 * web and worker processes (queues on PostgreSQL, the embedded default): editor with its pickers,
 * moderation back and forth, scoring by the worker, invitation, application with a PDF, the
 * pipeline, questions, acceptance, pilot, contract, award — and what each side sees on the way.
 */
const TITLE = 'Capteurs de vibrations sur les conduites forcées'
const PDF = path.join(import.meta.dirname, '../fixtures/e2e/proposition-technique.pdf')
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10)

describe('a partner’s need, from the draft to the deal', () => {
  let product: Awaited<ReturnType<typeof startProduct>>
  let browser: Browser
  let world: {
    moderator: { id: string; email: string }
    partner: { id: string; email: string; organisation: string }
    firm: { id: string; email: string; organisation: string; organisationId: string }
    otherHub: string
  }
  const pageErrors: string[] = []
  const pages: Record<'partner' | 'moderator' | 'firm', Page> = {} as never
  let needUrl = ''
  let applicationUrl = ''

  beforeAll(async () => {
    const hub = await createHub({ name: 'Digital Grenoble', shortName: 'Grenoble' })
    const otherHub = await createHub({ name: 'Collectif Digital Savoie', shortName: 'Savoie', city: 'Chambéry' })
    const moderator = await createStaff(hub.id, 'MODERATOR')
    const partner = await createMember(hub.id, 'PARTNER', { organisation: { name: 'Alpiva Énergie' } })
    const firm = await createMember(hub.id, 'FIRM', {
      organisation: {
        name: 'Belledonne Capteurs',
        skills: ['capteurs iot', 'edge computing', 'maintenance prédictive', 'python'],
        nafCodes: ['62.01Z'],
        communeInsee: '38229',
        communeName: 'Meylan',
        headcount: 14,
        revenueBand: 'M1_2M',
        foundedYear: 2016,
      },
    })
    // A weaker match: recommended too, after Belledonne Capteurs.
    await createMember(hub.id, 'FIRM', { organisation: { name: 'Chartreuse Logiciel', skills: ['python', 'edge computing'] } })
    world = {
      moderator: { id: moderator.id, email: moderator.email },
      partner: { id: partner.user.id, email: partner.user.email, organisation: partner.organisation.name },
      firm: { id: firm.user.id, email: firm.user.email, organisation: firm.organisation.name, organisationId: firm.organisation.id },
      otherHub: otherHub.name,
    }
    product = await startProduct({ REDIS_URL: undefined })
    browser = await launchBrowser()
    const people = { partner: partner.user.email, moderator: moderator.email, firm: firm.user.email }
    await Promise.all(Object.entries(people).map(async ([who, email]) => (pages[who as keyof typeof people] = await logIn(browser, product.baseUrl, who, email, PASSWORD, { pageErrors, expectedHttpErrors: [] }))))
  })

  afterAll(async () => {
    await browser?.close()
    await product?.stop()
    // The uploaded PDF, in this file's own storage directory (tests/setup/database.ts).
    const storage = process.env.STORAGE_DIR
    if (storage?.startsWith('.data/test-uploads/')) await rm(storage, { recursive: true, force: true })
    expect(pageErrors).toEqual([])
  })

  test('the partner drafts the need with the editor, edits the draft and submits it', async () => {
    const partner = pages.partner
    await partner.getByRole('link', { name: 'Publier un besoin' }).click()
    await partner.waitForURL('**/needs/new')
    await partner.getByRole('heading', { name: 'Nouveau besoin' }).waitFor()

    // The need.
    await partner.getByLabel('Type de besoin').selectOption({ label: 'Projet pilote' })
    await partner.getByLabel('Titre', { exact: true }).fill(TITLE)
    await partner.getByLabel('Résumé').fill('Surveiller les vibrations de deux conduites forcées et alerter avant la casse.')
    await partner
      .getByLabel('Description', { exact: true })
      .fill('Nous cherchons une PME qui pose des **capteurs IoT** sans fil, traite les mesures en edge computing et prévient nos équipes de maintenance.')
    const skills = partner.getByRole('combobox', { name: 'Compétences et technologies' })
    const skillOptions = partner.getByRole('listbox', { name: 'Suggestions pour Compétences et technologies' }).getByRole('option')
    await skills.pressSequentially('capt')
    await expect.poll(() => skillOptions.allTextContents()).toEqual(['capteurs iot'])
    await skills.press('ArrowDown')
    await skills.press('Enter')
    await skills.pressSequentially('edge')
    await expect.poll(() => skillOptions.allTextContents()).toContain('edge computing')
    await skillOptions.filter({ hasText: 'edge computing' }).click()
    await skills.pressSequentially('maintenance pr')
    await expect.poll(() => skillOptions.allTextContents()).toContain('maintenance prédictive')
    await skillOptions.filter({ hasText: 'maintenance prédictive' }).click()
    expect(await skills.inputValue()).toBe('capteurs iot, edge computing, maintenance prédictive, ')
    const naf = partner.getByRole('combobox', { name: 'Secteurs (codes NAF)' })
    await naf.pressSequentially('programmation informatique')
    const nafOptions = partner.getByRole('listbox', { name: 'Suggestions pour Secteurs (codes NAF)' }).getByRole('option')
    await expect.poll(() => nafOptions.allTextContents()).toContain('62.01Z — Programmation informatique')
    await nafOptions.filter({ hasText: '62.01Z — Programmation informatique' }).click()
    expect(await naf.inputValue()).toBe('62.01Z, ')
    await partner.getByText('— Programmation informatique').waitFor()

    // Budget and calendar.
    await partner.getByLabel('Budget minimum (€ HT)').fill('30000')
    await partner.getByLabel('Budget maximum (€ HT)').fill('60000')
    await partner.getByLabel('Date limite de candidature').fill(day(30))
    await partner.getByLabel('Démarrage envisagé').fill(day(60))

    // Where: the commune field suggests as one types.
    const commune = partner.getByLabel('Commune', { exact: true })
    await commune.pressSequentially('Grenob')
    await expect.poll(() => partner.locator('datalist option[value="Grenoble (38)"]').count()).toBe(1)
    await commune.fill('Grenoble (38)')
    await partner.getByLabel('Rayon (km)').fill('40')
    await partner.getByLabel('Travail à distance possible').check()

    // Eligible firms.
    await partner.getByLabel('Effectif minimum').fill('5')
    await partner.getByLabel('Effectif maximum').fill('250')
    await partner.getByLabel('Ancienneté minimale (années)').fill('3')
    await partner.getByRole('group', { name: 'Tranches de chiffre d’affaires' }).getByLabel('1 à 2 M€').check()
    await partner.getByRole('group', { name: 'Tranches de chiffre d’affaires' }).getByLabel('2 à 5 M€').check()

    // Audience.
    await partner.getByLabel('Visibilité').selectOption('PUBLIC')
    await partner.getByLabel('Mode de mise en relation').selectOption('OPEN')
    await partner.getByRole('group', { name: 'Partager avec d’autres associations' }).getByLabel(world.otherHub).check()
    await checkAccessible(partner)

    await act(partner, partner.getByRole('button', { name: 'Enregistrer le brouillon' }), 'Brouillon enregistré.')
    needUrl = partner.url()
    expect(needUrl).toMatch(/\/needs\/c[a-z0-9]+$/)
    await partner.getByRole('heading', { name: TITLE }).waitFor()
    expect(await textOf(partner.locator('main'))).toContain('Brouillon')
    expect(await textOf(partner.locator('main'))).toContain('30 000 € – 60 000 €')
    await checkAccessible(partner)

    // The draft reopens with every field as saved; the budget changes.
    await partner.getByRole('link', { name: 'Modifier', exact: true }).click()
    await partner.waitForURL(`${needUrl}/edit`)
    expect(await partner.getByRole('combobox', { name: 'Compétences et technologies' }).inputValue()).toBe('capteurs iot, edge computing, maintenance prédictive')
    expect(await partner.getByRole('combobox', { name: 'Secteurs (codes NAF)' }).inputValue()).toBe('62.01Z')
    await partner.getByText('— Programmation informatique').waitFor()
    expect(await partner.getByLabel('Commune', { exact: true }).inputValue()).toBe('Grenoble (38)')
    expect(await partner.getByLabel('2 à 5 M€').isChecked()).toBe(true)
    expect(await partner.getByLabel(world.otherHub).isChecked()).toBe(true)
    await partner.getByLabel('Budget maximum (€ HT)').fill('70000')
    await checkAccessible(partner)
    await partner.getByRole('button', { name: 'Enregistrer le brouillon' }).click()
    await partner.waitForURL(needUrl)
    await partner.getByText('30 000 € – 70 000 €').waitFor()

    await act(partner, partner.getByRole('button', { name: 'Soumettre à la modération' }), 'Besoin soumis : votre association le relit avant publication.')
    await partner.getByText('Ce besoin attend la relecture de l’association.').waitFor()
    expect(await textOf(partner.locator('main'))).toContain('En modération')

    const need = await prisma.need.findFirstOrThrow({ where: { title: TITLE }, include: { sharedWith: { include: { hub: true } } } })
    expect(need).toMatchObject({
      status: 'SUBMITTED',
      kind: 'PILOT',
      skills: ['capteurs iot', 'edge computing', 'maintenance prédictive'],
      nafCodes: ['62.01Z'],
      budgetMinEur: 30_000,
      budgetMaxEur: 70_000,
      communeInsee: '38185',
      communeName: 'Grenoble',
      radiusKm: 40,
      remoteOk: true,
      headcountMin: 5,
      headcountMax: 250,
      minAgeYears: 3,
      revenueBands: ['M1_2M', 'M2_5M'],
      visibility: 'PUBLIC',
      matchingMode: 'OPEN',
      screeningRequired: false,
    })
    expect(need.sharedWith.map((share) => share.hub.name)).toEqual([world.otherHub])
  })

  test('the moderator asks for changes; the partner reads the comment, edits and resubmits', async () => {
    const { moderator, partner } = pages
    const comment = 'Précisez le nombre de points de mesure et les contraintes d’accès aux conduites.'
    await moderator.getByRole('link', { name: 'Espace association' }).first().click()
    await moderator.waitForURL('**/staff')
    await moderator.getByRole('link', { name: 'Ouvrir la file de modération' }).click()
    await moderator.waitForURL('**/staff/moderation/needs')
    await moderator.getByRole('link', { name: TITLE }).click()
    await moderator.waitForURL(needUrl)
    await moderator.getByRole('heading', { name: 'Modération' }).waitFor()
    await checkAccessible(moderator)
    await moderator.getByLabel('Commentaire pour le grand compte').fill(comment)
    await act(moderator, moderator.getByRole('button', { name: 'Demander des modifications' }), 'Demande de modifications envoyée.')
    expect(await textOf(moderator.locator('main'))).toContain('Modifications demandées')

    // The partner is told in the bell, and reads the comment on the need and in the editor.
    await partner.goto(`${product.baseUrl}/`)
    await partner.getByRole('link', { name: /^Notifications : [1-9]\d* non lues?$/ }).click()
    await partner.waitForURL('**/notifications')
    const notice = partner.getByRole('listitem').filter({ hasText: `Modifications demandées sur « ${TITLE} »` })
    await notice.getByRole('button', { name: 'Ouvrir' }).click()
    await partner.waitForURL(needUrl)
    await partner.getByText('Modifications demandées par l’association').waitFor()
    expect(await textOf(partner.locator('main'))).toContain(comment)
    await partner.getByRole('link', { name: 'Modifier', exact: true }).click()
    await partner.waitForURL(`${needUrl}/edit`)
    await partner.getByText(comment).waitFor()
    const description = partner.getByLabel('Description', { exact: true })
    await description.fill(
      `${await description.inputValue()}\n\nDouze points de mesure sur deux conduites ; accès en cordée, hors période de crue.`,
    )
    await checkAccessible(partner)
    await partner.getByRole('button', { name: 'Soumettre à la modération' }).click()
    await partner.waitForURL(needUrl)
    await partner.getByRole('status').filter({ hasText: 'Besoin soumis : votre association le relit avant publication.' }).waitFor()
    expect(await textOf(partner.locator('main'))).not.toContain('Modifications demandées par l’association')
  })

  test('the moderator publishes; the worker scores; the partner invites the best firm', async () => {
    const { moderator, partner } = pages
    await moderator.goto(needUrl)
    expect(await textOf(moderator.locator('main'))).toContain('Douze points de mesure')
    await act(moderator, moderator.getByRole('button', { name: 'Publier' }), 'Besoin publié : les entreprises recommandées sont en cours de calcul.')
    expect(await textOf(moderator.locator('main'))).toContain('Publié')

    // The worker process scores the need; the recommendations appear on the partner's page (its
    // section is there from the start, empty until the worker has written them).
    const recommended = partner.getByRole('heading', { name: 'Entreprises recommandées' })
    const recommendations = partner.locator('#recommendations > ul > li')
    for (let attempt = 0; attempt < 60; attempt++) {
      await partner.goto(needUrl)
      if ((await recommendations.count()) > 0) break
      await partner.waitForTimeout(250)
    }
    await recommended.waitFor({ timeout: 1_000 })
    expect(await recommendations.count()).toBe(2)
    expect(await textOf(recommendations.first())).toContain(world.firm.organisation)
    expect(await textOf(recommendations.first())).toMatch(sharedSkillsReason(['capteurs iot', 'maintenance prédictive']))
    expect(await textOf(recommendations.nth(1))).toContain('Chartreuse Logiciel')
    const scores = await partner.locator('#recommendations [title="Score de pertinence sur 100"]').allTextContents()
    const [first, second] = scores.map((score) => Number.parseInt(score, 10))
    expect(first).toBeGreaterThan(second!)
    await checkAccessible(partner)

    const best = recommendations.filter({ hasText: world.firm.organisation })
    await act(partner, best.getByRole('button', { name: /^Inviter/ }), 'Invitation envoyée.')
    expect(await textOf(best)).toContain('Invitée')
  })

  test('the invited firm applies and attaches a PDF on its application', async () => {
    const firm = pages.firm
    await firm.goto(`${product.baseUrl}/`)
    await firm.getByRole('link', { name: /^Notifications : [1-9]\d* non lues?$/ }).click()
    await firm.waitForURL('**/notifications')
    await checkAccessible(firm)
    await firm
      .getByRole('listitem')
      .filter({ hasText: `${world.partner.organisation} vous invite à candidater à « ${TITLE} »` })
      .getByRole('button', { name: 'Ouvrir' })
      .click()
    await firm.waitForURL(needUrl)
    await firm.getByRole('heading', { name: 'Pourquoi ce rapprochement' }).waitFor()
    expect(await textOf(firm.locator('main'))).toContain('Douze points de mesure')
    await checkAccessible(firm)

    await firm.getByRole('link', { name: 'Candidater' }).click()
    await firm.waitForURL(`${needUrl}/apply`)
    await firm.getByLabel('Votre approche').fill('Accéléromètres sans fil sur douze points, passerelle edge par conduite, alertes sur seuils appris.')
    await firm.getByLabel('Calendrier proposé').fill('Pose en 3 semaines, apprentissage 2 mois, exploitation ensuite.')
    await firm.getByLabel('Prix ou budget proposé (€ HT)').fill('52000')
    await firm.getByLabel('Références', { exact: true }).fill('Surveillance de télésièges à Chamrousse (2024).')
    await checkAccessible(firm)
    await firm.getByRole('button', { name: 'Envoyer la candidature' }).click()
    await firm.waitForURL(/\/applications\/[a-z0-9]+$/)
    applicationUrl = firm.url()
    await firm.getByRole('status').filter({ hasText: 'Candidature envoyée.' }).waitFor()
    expect(await textOf(firm.locator('main'))).toContain('Prix ou budget proposé (€ HT) : 52 000 €')

    await firm.getByLabel('Ajouter un PDF').setInputFiles(PDF)
    await act(firm, firm.getByRole('button', { name: 'Envoyer le fichier' }), 'Pièce jointe ajoutée.')
    const link = firm.getByRole('link', { name: 'proposition-technique.pdf' })
    await link.waitFor()
    const download = await firm.request.get(new URL((await link.getAttribute('href'))!, product.baseUrl).toString())
    expect(download.status()).toBe(200)
    expect(download.headers()['content-type']).toContain('application/pdf')
    expect((await download.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-')
    await checkAccessible(firm)
  })

  test('the partner works the pipeline: board, list, shortlist, question, answer, acceptance', async () => {
    const { partner, firm } = pages
    await partner.goto(needUrl)
    await partner.getByRole('link', { name: 'Candidatures (1)' }).click()
    await partner.waitForURL(`${needUrl}/applications`)
    const submitted = partner.getByRole('region', { name: /^Envoyée/ })
    await submitted.getByRole('link', { name: new RegExp(world.firm.organisation) }).waitFor()
    await checkAccessible(partner)
    await partner.getByRole('button', { name: 'Liste' }).click()
    await partner.waitForURL(`${needUrl}/applications?view=table`)
    const row = partner.getByRole('row').filter({ hasText: world.firm.organisation })
    await row.waitFor()
    expect(await textOf(row)).toContain('52 000 €')
    expect(await textOf(row)).toContain('Envoyée')
    expect(await partner.getByRole('button', { name: 'Liste' }).getAttribute('aria-pressed')).toBe('true')
    await checkAccessible(partner)
    await row.getByRole('link', { name: world.firm.organisation }).click()
    await partner.waitForURL(applicationUrl)
    await partner.getByRole('link', { name: 'proposition-technique.pdf' }).waitFor()

    await act(partner, partner.getByRole('button', { name: 'Présélectionner' }), 'Candidature présélectionnée.')
    const question = 'Pouvez-vous poser les capteurs sans arrêt de la production ?'
    await partner.getByLabel('Votre question à l’entreprise').fill(question)
    await act(partner, partner.getByRole('button', { name: 'Demander des informations' }), 'Question envoyée à l’entreprise.')
    expect(await textOf(partner.locator('main'))).toContain('Informations demandées')
    await checkAccessible(partner)

    // The firm sees the question and answers it.
    await firm.goto(applicationUrl)
    await firm.getByText('Le grand compte vous demande des informations : répondez ci-dessous.').waitFor()
    await firm.getByText(question).waitFor()
    await firm.getByLabel('Votre réponse au grand compte').fill('Oui : fixation magnétique, pose pendant les rondes de maintenance.')
    await act(firm, firm.getByRole('button', { name: 'Envoyer la réponse' }), 'Réponse envoyée.')
    expect(await textOf(firm.locator('main'))).toContain('Présélectionnée')

    // The partner reads the answer and accepts.
    await partner.goto(applicationUrl)
    await partner.getByText('fixation magnétique').waitFor()
    await act(partner, partner.getByRole('button', { name: 'Retenir' }), 'Candidature retenue : l’entreprise est prévenue.')
    await partner.getByText('Candidature retenue.').waitFor()

    // The firm's view of the decision.
    await firm.goto(applicationUrl)
    await firm.getByText('Candidature retenue.').waitFor()
    expect(await textOf(firm.locator('main'))).toContain('Retenue')
    expect(await firm.getByRole('button', { name: 'Retirer la candidature' }).count()).toBe(0)
  })

  test('the partner starts the pilot, marks it succeeded and records the contract', async () => {
    const { partner, firm } = pages
    await partner.getByLabel('Critères de réussite').fill('Détection d’une anomalie 48 h avant l’arrêt\n- Moins de 2 fausses alertes par mois')
    await partner.getByLabel('Début du pilote').fill('2026-12-01')
    await partner.getByLabel('Fin du pilote').fill('2027-02-26')
    await partner.getByLabel('Montant du pilote (€ HT)').fill('15000')
    await checkAccessible(partner)
    await act(partner, partner.getByRole('button', { name: 'Démarrer le projet pilote' }), 'Projet pilote démarré.')
    const deal = partner.locator('main').getByRole('heading', { name: 'Projet pilote et contrat' }).locator('..')
    expect(await textOf(deal)).toContain('Projet pilote en cours')
    expect(await textOf(deal)).toContain('1er décembre 2026 → 26 février 2027')
    expect(await textOf(deal)).toContain('15 000 €')
    expect(await textOf(deal)).toContain('Moins de 2 fausses alertes par mois')

    // The firm follows the pilot; only the partner moves it.
    await firm.goto(applicationUrl)
    const firmDeal = firm.locator('main').getByRole('heading', { name: 'Projet pilote et contrat' }).locator('..')
    expect(await textOf(firmDeal)).toContain('Projet pilote en cours')
    expect(await textOf(firmDeal)).toContain('Détection d’une anomalie 48 h avant l’arrêt')
    expect(await firm.getByRole('button', { name: 'Pilote réussi' }).count()).toBe(0)

    await act(partner, partner.getByRole('button', { name: 'Pilote réussi' }), 'Pilote déclaré réussi.')
    await partner.getByLabel('Bon de commande').fill('BC-2026-0412')
    await partner.getByLabel('Montant du contrat (€ HT)').fill('52000')
    await partner.getByLabel('Signé le').fill('2026-11-26')
    await act(partner, partner.getByRole('button', { name: 'Enregistrer le contrat' }), 'Contrat enregistré.')
    expect(await textOf(deal)).toContain('Contrat signé')
    expect(await textOf(deal)).toContain('BC-2026-0412')
    expect(await textOf(deal)).toContain('52 000 € · 26 novembre 2026')
    await checkAccessible(partner)
  })

  test('the partner closes the need and declares it awarded; the firm sees the deal', async () => {
    const { partner, firm } = pages
    // The need: closed, then awarded.
    await partner.goto(needUrl)
    await act(partner, partner.getByRole('button', { name: 'Clore les candidatures' }), 'Candidatures closes.')
    await act(partner, partner.getByRole('button', { name: 'Déclarer le besoin attribué' }), 'Besoin attribué.')
    expect(await textOf(partner.locator('main'))).toContain('Attribué')

    // The firm sees the deal on its application, in French figures, and in its list.
    await firm.goto(applicationUrl)
    const firmDeal = firm.locator('main').getByRole('heading', { name: 'Projet pilote et contrat' }).locator('..')
    await firmDeal.waitFor()
    const seen = await textOf(firmDeal)
    expect(seen).toContain('Contrat signé')
    expect(seen).toContain('1er décembre 2026 → 26 février 2027')
    expect(seen).toContain('15 000 €')
    expect(seen).toContain('BC-2026-0412')
    expect(seen).toContain('52 000 € · 26 novembre 2026')
    expect(await firm.getByRole('button', { name: 'Enregistrer le contrat' }).count()).toBe(0)
    await checkAccessible(firm)
    await firm.getByRole('link', { name: 'Mes candidatures' }).click()
    await firm.waitForURL('**/applications')
    const mine = firm.getByRole('listitem').filter({ hasText: TITLE })
    await mine.waitFor()
    expect(await textOf(mine)).toContain('Contrat signé')
    expect(await textOf(mine)).toContain('Retenue')
    await checkAccessible(firm)
    await firm.goto(needUrl)
    expect(await textOf(firm.locator('main'))).toContain('Attribué')
  })

  test('every step is in the audit log, with its actor', async () => {
    const need = await prisma.need.findFirstOrThrow({ where: { title: TITLE }, include: { applications: { include: { deal: true } }, matches: true } })
    expect(need.status).toBe('AWARDED')
    const application = need.applications[0]!
    expect(application).toMatchObject({ status: 'ACCEPTED', priceEur: 52_000, firmId: world.firm.organisationId })
    expect(application.deal).toMatchObject({ status: 'CONTRACT', purchaseOrder: 'BC-2026-0412', contractValueEur: 52_000, pilotValueEur: 15_000 })
    const trail = async (targetType: string, targetId: string) =>
      (await prisma.auditLog.findMany({ where: { targetType, targetId }, orderBy: { id: 'asc' } })).map((row) => [row.action, row.actorId])
    const { partner, moderator, firm } = world
    expect(await trail('Need', need.id)).toEqual([
      ['need.create', partner.id],
      ['need.update', partner.id],
      ['need.submit', partner.id],
      ['need.requestChanges', moderator.id],
      ['need.update', partner.id],
      ['need.submit', partner.id],
      ['need.publish', moderator.id],
      ['need.close', partner.id],
      ['need.award', partner.id],
    ])
    const invited = need.matches.find((match) => match.firmId === firm.organisationId)!
    expect(await trail('Match', invited.id)).toEqual([['match.invite', partner.id]])
    expect(await trail('Application', application.id)).toEqual([
      ['application.submit', firm.id],
      ['application.shortlist', partner.id],
      ['application.requestInfo', partner.id],
      ['application.answerInfo', firm.id],
      ['application.accept', partner.id],
    ])
    const attachment = await prisma.attachment.findFirstOrThrow({ where: { applicationId: application.id } })
    expect(attachment).toMatchObject({ filename: 'proposition-technique.pdf', contentType: 'application/pdf', uploadedById: firm.id })
    expect(await trail('Attachment', attachment.id)).toEqual([['attachment.add', firm.id]])
    expect(await trail('Deal', application.deal!.id)).toEqual([
      ['deal.start-pilot', partner.id],
      ['deal.pilotSucceeded', partner.id],
      ['deal.signContract', partner.id],
    ])
  })
})
