import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { prisma } from '#app/utils/db.server'
import { DEMO_EMAILS, DEMO_PASSWORD } from '../../prisma/demo-logins'
import { seedDemoData } from '../../prisma/seed-data'
import { act, checkAccessible, launchBrowser, logIn, textOf, type BrowserErrors } from '#tests/helpers/browser'
import { startProduct } from '#tests/helpers/server'

/**
 * Programmes and the network (issue 14) in French, in headless Chromium against the production web
 * and worker processes and the demo data set (prisma/seed-programmes.ts adds its cohorts, working
 * groups and pitches):
 * - a Grenoble moderator builds a cohort, adds a firm, and sees its progress move when the partner
 *   records the contract of the firm's pilot;
 * - a firm of Annecy joins Grenoble's « IA industrielle » working group, a partner addresses a need
 *   to the group, staff publish it, and the firm is told in the app and opens the need;
 * - a partner finds a firm in the directory (not the one hidden from it) and invites it to a need;
 *   the firm is told and sees the need;
 * - a firm pitches an idea to a partner, its hub's staff approve it, the partner answers (interested,
 *   with a message) and the firm reads the answer;
 * - the demo logins find what the seed planted (a cohort, a group's need, pitches, a recommendation).
 * axe (WCAG 2.1 A/AA) runs on every new page visited.
 *
 * Each journey is its own test; personas' pages are kept from one step to the next.
 */
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10)
/** The revenue bands of the accelerators' firms, as the pages name them. */
const BAND_LABEL: Record<string, string> = { M1_2M: '1 à 2 M€', M2_5M: '2 à 5 M€', M5_10M: '5 à 10 M€' }

describe('programmes and the network, in French', () => {
  let product: Awaited<ReturnType<typeof startProduct>>
  let browser: Browser
  const errors: BrowserErrors = { pageErrors: [], expectedHttpErrors: [] }
  const pages = new Map<string, Page>()

  beforeAll(async () => {
    await seedDemoData()
    product = await startProduct()
    browser = await launchBrowser()
  }, 300_000)

  afterAll(async () => {
    await browser?.close()
    await product?.stop()
  })

  /** The person's page, logged in through the real form on first use. */
  async function as(email: string) {
    const known = pages.get(email)
    if (known) return known
    const page = await logIn(browser, product.baseUrl, email, email, DEMO_PASSWORD, errors)
    pages.set(email, page)
    return page
  }

  /** The owner's e-mail address of a seeded organisation. */
  async function ownerOf(organisationId: string) {
    const membership = await prisma.membership.findFirstOrThrow({ where: { organisationId, role: 'OWNER' }, select: { user: { select: { email: true } } } })
    return membership.user.email
  }

  /** Opens the bell's page and follows the notification that says `text`. */
  async function openNotification(page: Page, text: string | RegExp) {
    await page.goto(`${product.baseUrl}/`)
    await page.getByRole('link', { name: /^Notifications[\s\u202f]: [1-9]\d* non lues?$/ }).click()
    await page.waitForURL('**/notifications')
    const notice = page.getByRole('listitem').filter({ hasText: text })
    await notice.first().waitFor()
    await checkAccessible(page)
    await notice.first().getByRole('button', { name: 'Ouvrir' }).click()
  }

  test('staff build a cohort and see a firm’s progress move when it signs a contract', async () => {
    // A Grenoble firm of 1–10 M€ with a pilot running for a Grenoble partner: the contract is still to sign.
    const deal = await prisma.deal.findFirstOrThrow({
      where: {
        status: 'PILOT',
        application: {
          firm: { status: 'VERIFIED', revenueBand: { in: ['M1_2M', 'M2_5M', 'M5_10M'] }, homeHub: { slug: 'digital-grenoble' }, cohorts: { none: {} } },
          need: { hub: { slug: 'digital-grenoble' } },
        },
      },
      orderBy: { createdAt: 'desc' },
      select: { id: true, pilotValueEur: true, application: { select: { id: true, firm: { select: { id: true, name: true, revenueBand: true } }, need: { select: { partnerId: true } } } } },
    })
    const firm = deal.application.firm
    const staff = await as(DEMO_EMAILS.moderator)

    // The cohort, from the console's tab.
    await staff.goto(`${product.baseUrl}/staff`)
    await staff.getByRole('navigation', { name: 'Console de l’association' }).getByRole('link', { name: 'Cohortes', exact: true }).click()
    await staff.waitForURL((url) => url.pathname === '/staff/cohorts')
    await staff.getByRole('heading', { level: 1, name: 'Cohortes d’accélération' }).waitFor()
    // The seeded cohort of Grenoble is listed with its progress.
    await staff.getByRole('link', { name: /Accélérateur Croissance Alpes/ }).first().waitFor()
    await checkAccessible(staff)
    const name = 'Accélérateur Croissance Alpes · promotion de printemps'
    await staff.getByLabel('Nom', { exact: true }).fill(name)
    await staff.getByLabel('Programme', { exact: true }).fill('Accélérateur Croissance Alpes')
    await staff.getByLabel('Premier jour').fill(day(-1))
    await staff.getByLabel('Dernier jour').fill(day(270))
    await staff.getByLabel('Objectif de ventes stratégiques par entreprise (€)').fill('500000')
    await staff.getByLabel('Objectif de pilotes par entreprise').fill('2')
    await act(staff, staff.getByRole('button', { name: 'Créer la cohorte' }), `Cohorte « ${name} » créée.`)
    await staff.waitForURL(/\/staff\/cohorts\/[^/]+$/)
    const cohortUrl = staff.url()
    await staff.getByRole('heading', { level: 1, name }).waitFor()
    await staff.getByText('Aucune entreprise dans cette cohorte.').waitFor()
    await checkAccessible(staff)

    // A verified firm of 1–10 M€ joins it, found by name among the accelerator's bands.
    await staff.getByLabel('Nom de l’entreprise').fill(firm.name)
    await staff.getByRole('button', { name: 'Filtrer', exact: true }).click()
    // (selectOption waits for the filtered list to offer it.)
    await staff.getByLabel('Entreprise', { exact: true }).selectOption({ label: `${firm.name} — ${BAND_LABEL[firm.revenueBand!]}` })
    await act(staff, staff.getByRole('button', { name: 'Ajouter à la cohorte' }), `${firm.name} a rejoint la cohorte.`)
    const row = staff.getByRole('row').filter({ hasText: firm.name })
    await row.waitFor()
    // Its pilot started before the cohort: nothing won yet.
    expect(await textOf(row)).toMatch(new RegExp(`${firm.name}.* 0[\\s\\u202f]€ sur 500[\\s\\u202f]000[\\s\\u202f]€`))
    await checkAccessible(staff)

    // The partner marks the pilot succeeded and records the contract on the application's page.
    const partner = await as(await ownerOf(deal.application.need.partnerId))
    await partner.goto(`${product.baseUrl}/applications/${deal.application.id}`)
    await act(partner, partner.getByRole('button', { name: 'Pilote réussi' }), 'Pilote déclaré réussi.')
    await partner.getByLabel('Bon de commande').fill('BC-2026-0815')
    await partner.getByLabel('Montant du contrat (€ HT)').fill('80000')
    await partner.getByLabel('Signé le').fill(day(0))
    await act(partner, partner.getByRole('button', { name: 'Enregistrer le contrat' }), 'Contrat enregistré.')

    // The cohort's page: the firm's value won moves to the contract, against its target.
    await staff.goto(cohortUrl)
    const after = await textOf(staff.getByRole('row').filter({ hasText: firm.name }))
    const progress = new RegExp(`80[\\s\\u202f]000[\\s\\u202f]€ sur 500[\\s\\u202f]000[\\s\\u202f]€ \\(16[\\s\\u202f]%\\)`)
    expect(after).toMatch(progress)
    await checkAccessible(staff)

    // The firm sees its cohort and its own progress.
    const member = await as(await ownerOf(firm.id))
    await member.goto(`${product.baseUrl}/cohorts`)
    await member.getByRole('heading', { level: 1, name: 'Mes cohortes' }).waitFor()
    await checkAccessible(member)
    await member.getByRole('link', { name }).click()
    await member.waitForURL((url) => /^\/cohorts\/[^/]+$/.test(url.pathname))
    await member.getByRole('heading', { level: 2, name: `La progression de ${firm.name}` }).waitFor()
    expect(await textOf(member.locator('main'))).toMatch(progress)
    await checkAccessible(member)
  })

  test('a firm of Annecy joins a Grenoble working group and is told of a need addressed to it', async () => {
    // A verified Annecy firm of industrial AI, in no working group yet.
    const annecyFirm = await prisma.organisation.findFirstOrThrow({
      where: { kind: 'FIRM', status: 'VERIFIED', homeHub: { slug: 'collectif-annecy' }, skills: { hasSome: ['machine learning', 'iot'] }, workingGroups: { none: {} }, directoryHidden: false },
      orderBy: { name: 'asc' },
      select: { id: true, name: true },
    })
    const firm = await as(await ownerOf(annecyFirm.id))
    await firm.goto(`${product.baseUrl}/groups`)
    await firm.getByRole('heading', { level: 1, name: 'Groupes de travail' }).waitFor()
    await checkAccessible(firm)
    // The hub-only group of Annecy is for Annecy; the Grenoble group is open to every hub.
    await firm.getByRole('link', { name: 'IA industrielle' }).click()
    await firm.waitForURL('**/groups/ia-industrielle')
    await firm.getByRole('heading', { level: 1, name: 'IA industrielle' }).waitFor()
    await checkAccessible(firm)
    await firm.getByText(`Rejoindre le groupe au nom de ${annecyFirm.name}`).waitFor()
    await act(firm, firm.getByRole('button', { name: 'Rejoindre', exact: true }), 'Votre organisation a rejoint le groupe.')
    await firm.getByText(`${annecyFirm.name} est membre du groupe.`).waitFor()
    await firm.getByRole('region', { name: /organisations? membres?/ }).getByText(annecyFirm.name).waitFor()
    await checkAccessible(firm)

    // A Grenoble partner addresses a need to the group, visible to the members of the hubs concerned only.
    const title = 'Détection d’anomalies sur les turbines par apprentissage'
    const partner = await as(DEMO_EMAILS.partner)
    await partner.goto(`${product.baseUrl}/needs/new`)
    await partner.getByLabel('Type de besoin').selectOption({ label: 'Projet pilote' })
    await partner.getByLabel('Titre', { exact: true }).fill(title)
    await partner.getByLabel('Résumé').fill('Repérer les dérives des turbines avant l’avarie, à partir des données de vibration existantes.')
    await partner
      .getByLabel('Description', { exact: true })
      .fill('Nos turbines de l’Oisans enregistrent vibrations et températures depuis cinq ans. Nous cherchons une entreprise du groupe IA industrielle pour un pilote de détection d’anomalies.')
    await partner.getByRole('combobox', { name: 'Compétences et technologies' }).fill('machine learning, maintenance prédictive')
    await partner.getByLabel('Budget minimum (€ HT)').fill('40000')
    await partner.getByLabel('Budget maximum (€ HT)').fill('80000')
    await partner.getByLabel('Date limite de candidature').fill(day(30))
    await partner.getByLabel('Démarrage envisagé').fill(day(60))
    await partner.getByLabel('Travail à distance possible').check()
    await partner.getByLabel('Visibilité').selectOption('MEMBERS')
    await partner.getByLabel('Adresser à un groupe de travail').selectOption({ label: 'IA industrielle (Grenoble)' })
    await checkAccessible(partner)
    await act(partner, partner.getByRole('button', { name: 'Soumettre à la modération' }), 'Besoin soumis : votre association le relit avant publication.')
    const needUrl = partner.url()

    // Staff publish it; the group's members are told.
    const staff = await as(DEMO_EMAILS.moderator)
    await staff.goto(needUrl)
    await act(staff, staff.getByRole('button', { name: 'Publier' }), 'Besoin publié : les entreprises recommandées sont en cours de calcul.')

    await openNotification(firm, new RegExp(`Nouveau besoin «[\\s\\u202f]${title}[\\s\\u202f]» adressé au groupe IA industrielle`))
    await firm.waitForURL(needUrl)
    await firm.getByRole('heading', { level: 1, name: title }).waitFor()
    expect(await textOf(firm.locator('main'))).toMatch(/IA industrielle/)
    await firm.getByRole('link', { name: 'Candidater' }).waitFor()
    await checkAccessible(firm)

    // In the needs list, the firm keeps to its group's needs.
    await firm.goto(`${product.baseUrl}/needs`)
    await firm.getByText('Plus de filtres').click()
    await firm.getByLabel('Groupe de travail').selectOption({ label: 'IA industrielle' })
    await firm.getByRole('button', { name: 'Appliquer les filtres' }).click()
    await firm.waitForURL((url) => url.searchParams.get('group') === 'ia-industrielle')
    await firm.getByRole('link', { name: title }).waitFor()
    // The seed's need addressed to the same group is there too.
    await firm.getByRole('link', { name: 'Prévision de production photovoltaïque à l’heure près' }).waitFor()
    await checkAccessible(firm)
  })

  test('a partner finds a firm in the directory and invites it to a need', async () => {
    const need = await prisma.need.findFirstOrThrow({
      where: { title: 'Tableau de bord énergie des bâtiments tertiaires', status: 'PUBLISHED' },
      select: { id: true, title: true },
    })
    // A verified firm the engine did not put forward for this need.
    const target = await prisma.organisation.findFirstOrThrow({
      where: { kind: 'FIRM', status: 'VERIFIED', directoryHidden: false, homeHub: { slug: 'collectif-digital-savoie' }, matches: { none: { needId: need.id } } },
      orderBy: { name: 'asc' },
      select: { id: true, name: true },
    })
    const hidden = await prisma.organisation.findFirstOrThrow({ where: { directoryHidden: true }, select: { name: true } })

    const partner = await as(DEMO_EMAILS.partner)
    await partner.goto(`${product.baseUrl}/`)
    await partner.getByRole('link', { name: 'Annuaire des entreprises', exact: true }).first().click()
    await partner.waitForURL((url) => url.pathname === '/firms')
    await partner.getByRole('heading', { level: 1, name: 'Annuaire des entreprises' }).waitFor()
    await checkAccessible(partner)

    /** Searches the directory by keywords and waits for the answer. */
    const search = async (words: string) => {
      await partner.getByLabel('Mots-clés', { exact: true }).fill(words)
      await partner.getByRole('button', { name: 'Chercher', exact: true }).click()
      await partner.waitForURL((url) => url.searchParams.get('q') === words)
    }
    // The firm that chose not to appear is not found, even by its name; the other one is.
    await search(hidden.name)
    await partner.getByText('Aucune entreprise ne correspond à ces critères.').waitFor()
    expect(await partner.getByRole('link', { name: hidden.name }).count()).toBe(0)
    await search(target.name)
    await checkAccessible(partner)
    await partner.getByRole('link', { name: target.name, exact: true }).click()
    await partner.waitForURL((url) => /^\/firms\/[^/]+$/.test(url.pathname))
    await partner.getByRole('heading', { level: 1, name: target.name }).waitFor()
    await checkAccessible(partner)

    // The partner invites it to one of its published needs.
    await partner.getByLabel('Besoin publié').selectOption({ label: need.title })
    await act(partner, partner.getByRole('button', { name: 'Inviter à ce besoin' }), `${target.name} est invitée : ses membres sont prévenus.`)
    await partner.getByText(new RegExp(`Déjà invitée à[\\s\\u202f]: .*${need.title}`)).waitFor()
    await checkAccessible(partner)
    const match = await prisma.match.findUniqueOrThrow({ where: { needId_firmId: { needId: need.id, firmId: target.id } } })
    expect(match).toMatchObject({ status: 'INVITED', source: 'DIRECTORY' })

    // The firm is told, and opens the need it may now apply to.
    const firm = await as(await ownerOf(target.id))
    await openNotification(firm, new RegExp(`Alpiva Énergie vous invite à candidater à «[\\s\\u202f]${need.title}[\\s\\u202f]»`))
    await firm.waitForURL(`**/needs/${need.id}`)
    await firm.getByRole('heading', { level: 1, name: need.title }).waitFor()
    await firm.getByRole('link', { name: 'Candidater' }).waitFor()
    await checkAccessible(firm)
  })

  test('a firm pitches, staff approve, the partner answers', async () => {
    const partnerOrg = await prisma.organisation.findFirstOrThrow({ where: { slug: 'isere-semi-conducteurs' }, select: { id: true, name: true } })
    const title = 'Tri automatique des plaquettes rayées par vision'
    const quoted = `«[\\s\\u202f]${title}[\\s\\u202f]»`

    // The demo firm (Belledonne Vision, Grenoble) proposes an idea to a partner that published nothing about it.
    const firm = await as(DEMO_EMAILS.firm)
    await firm.goto(`${product.baseUrl}/`)
    await firm.getByRole('link', { name: 'Pitchs', exact: true }).first().click()
    await firm.waitForURL((url) => url.pathname === '/pitches')
    await firm.getByRole('heading', { level: 1, name: 'Pitchs' }).waitFor()
    await checkAccessible(firm)
    await firm.getByRole('link', { name: 'Proposer une idée' }).first().click()
    await firm.waitForURL((url) => url.pathname === '/pitches/new')
    await firm.getByRole('heading', { level: 1, name: 'Proposer une idée à un partenaire' }).waitFor()
    await firm.getByLabel('Partenaire', { exact: true }).selectOption({ label: `${partnerOrg.name} (Grenoble)` })
    await firm.getByLabel('Titre de l’idée').fill(title)
    await firm
      .getByLabel('Le problème qu’elle résout')
      .fill('Les plaquettes rayées ne sont repérées qu’au contrôle final, après des heures de procédé : chaque rayure découverte tard coûte une plaquette entière.')
    await firm
      .getByLabel('Votre proposition')
      .fill('Une caméra à lumière rasante en sortie de polissage et un modèle de vision qui écarte les plaquettes rayées en moins d’une seconde ; pilote de six semaines sur une ligne.')
    await firm.getByLabel('Références', { exact: true }).fill('Contrôle visuel des soudures pour un chaudronnier de Voiron (2024) : 92 % des défauts détectés en ligne.')
    await checkAccessible(firm)
    await act(firm, firm.getByRole('button', { name: 'Soumettre à l’association' }), 'Pitch soumis à l’association.')
    await firm.waitForURL(/\/pitches\/[^/]+$/)
    const pitchUrl = firm.url()
    await firm.getByRole('heading', { level: 1, name: title }).waitFor()
    expect(await textOf(firm.locator('main'))).toContain('En relecture')
    await checkAccessible(firm)

    // Grenoble's staff find it in their queue and send it to the partner.
    const staff = await as(DEMO_EMAILS.moderator)
    await staff.goto(`${product.baseUrl}/staff`)
    await staff.getByRole('navigation', { name: 'Console de l’association' }).getByRole('link', { name: 'Pitchs', exact: true }).click()
    await staff.waitForURL((url) => url.pathname === '/staff/pitches')
    await staff.getByRole('heading', { name: 'Pitchs à relire' }).first().waitFor()
    await checkAccessible(staff)
    await staff.getByRole('link', { name: title }).click()
    await staff.waitForURL(pitchUrl)
    await checkAccessible(staff)
    await act(staff, staff.getByRole('button', { name: 'Envoyer au partenaire' }), 'Pitch envoyé au partenaire.')

    // The partner is told, reads it within its charter delay and says it is interested, with a first message.
    const partner = await as(await ownerOf(partnerOrg.id))
    await openNotification(partner, new RegExp(`Nouveau pitch de Belledonne Vision[\\s\\u202f]: ${quoted}`))
    await partner.waitForURL(pitchUrl)
    await partner.getByRole('heading', { level: 1, name: title }).waitFor()
    await partner.getByText(/Réponse attendue/).first().waitFor()
    await checkAccessible(partner)
    await partner
      .getByLabel('Un premier message à l’entreprise (facultatif)')
      .fill('Bonjour, pouvez-vous venir présenter la caméra sur notre ligne de Crolles la semaine prochaine ?')
    await act(partner, partner.getByRole('button', { name: 'Je suis intéressé' }), 'L’entreprise est prévenue de votre intérêt.')
    await checkAccessible(partner)

    // The firm is told, reads the answer and replies in the conversation.
    await openNotification(firm, new RegExp(`${partnerOrg.name} est intéressé par votre pitch ${quoted}`))
    await firm.waitForURL(pitchUrl)
    const main = firm.locator('main')
    await firm.getByText('Le partenaire est intéressé').first().waitFor()
    expect(await textOf(main)).toContain('ligne de Crolles')
    await firm.getByLabel('Votre message').fill('Avec plaisir : mardi 14 h, nous apportons la caméra et un lot de plaquettes de test.')
    await act(firm, firm.getByRole('button', { name: 'Envoyer', exact: true }), 'Message envoyé.')
    expect(await textOf(main)).toContain('mardi 14 h')
    await checkAccessible(firm)

    const pitch = await prisma.pitch.findFirstOrThrow({ where: { title }, select: { status: true, sentAt: true, answeredAt: true, _count: { select: { messages: true } } } })
    expect(pitch).toMatchObject({ status: 'INTERESTED', _count: { messages: 2 } })
    expect(pitch.sentAt).not.toBeNull()
    expect(pitch.answeredAt).not.toBeNull()
  })

  test('the demo logins find the seeded programmes', async () => {
    // The demo firm: its cohort and its progress, the need addressed to its group, its pitch's conversation.
    const firm = await as(DEMO_EMAILS.firm)
    await firm.goto(`${product.baseUrl}/cohorts`)
    await firm.getByRole('link', { name: /^Accélérateur Croissance Alpes 20\d\d$/ }).click()
    await firm.getByRole('heading', { level: 2, name: 'La progression de Belledonne Vision' }).waitFor()
    await checkAccessible(firm)
    await firm.goto(`${product.baseUrl}/notifications`)
    await firm
      .getByRole('listitem')
      .filter({ hasText: /Nouveau besoin «[\s\u202f]Prévision de production photovoltaïque à l’heure près[\s\u202f]» adressé au groupe IA industrielle/ })
      .waitFor()
    await checkAccessible(firm)
    await firm.goto(`${product.baseUrl}/groups/ia-industrielle`)
    await firm.getByText('Belledonne Vision est membre du groupe.').waitFor()
    await firm.getByRole('link', { name: 'Prévision de production photovoltaïque à l’heure près' }).waitFor()
    await firm.getByText('Atelier « Du pilote au contrat » : inscriptions ouvertes').waitFor()
    await checkAccessible(firm)

    // The demo partner: a pitch to answer and a conversation going on.
    const partner = await as(DEMO_EMAILS.partner)
    await partner.goto(`${product.baseUrl}/pitches`)
    await partner.getByRole('link', { name: 'Pilotage des flexibilités électriques de vos bâtiments tertiaires' }).waitFor()
    await checkAccessible(partner)
    await partner.getByRole('link', { name: 'Inspection des grilles de prise d’eau par caméra embarquée' }).click()
    await partner.getByText('Nous pouvons venir sur place la semaine prochaine').waitFor()
    await checkAccessible(partner)

    // Grenoble's moderator: a pitch waiting for the hub.
    const staff = await as(DEMO_EMAILS.moderator)
    await staff.goto(`${product.baseUrl}/staff/pitches`)
    await staff.getByRole('link', { name: 'Réglage automatique des thermoscelleuses par apprentissage' }).waitFor()

    // The need reserved to Annecy's cohort: its firms see it, another Annecy firm does not (yet).
    const reserved = await prisma.need.findFirstOrThrow({
      where: { title: 'Maintenance prédictive des télésièges du domaine', reservedCohortId: { not: null } },
      select: { id: true, reservedCohortId: true },
    })
    const cohortFirm = await prisma.cohortMember.findFirstOrThrow({ where: { cohortId: reserved.reservedCohortId! }, orderBy: { organisation: { name: 'asc' } }, select: { organisationId: true } })
    const insider = await as(await ownerOf(cohortFirm.organisationId))
    await insider.goto(`${product.baseUrl}/needs/${reserved.id}`)
    await insider.getByText(/Réservé à la cohorte Cap Grands Comptes Annecy 20\d\d jusqu’au/).waitFor()
    await checkAccessible(insider)
    const outsider = await prisma.organisation.findFirstOrThrow({
      where: { kind: 'FIRM', status: 'VERIFIED', homeHub: { slug: 'collectif-annecy' }, cohorts: { none: {} }, matches: { none: { needId: reserved.id, invitedAt: { not: null } } } },
      orderBy: { name: 'asc' },
      select: { id: true },
    })
    const other = await as(await ownerOf(outsider.id))
    errors.expectedHttpErrors.push(/404/)
    expect((await other.goto(`${product.baseUrl}/needs/${reserved.id}`))?.status()).toBe(404)
    errors.expectedHttpErrors.length = 0

    // The Annecy bank sees Grenoble's recommendation on its shared need, with the staff's note.
    const need = await prisma.need.findFirstOrThrow({ where: { title: 'Détection de fraude sur les virements instantanés' }, select: { id: true, partnerId: true } })
    const bank = await as(await ownerOf(need.partnerId))
    await bank.goto(`${product.baseUrl}/needs/${need.id}/recommendations`)
    await bank.getByText('Recommandée par Grenoble').waitFor()
    await bank.getByText(/détection d’anomalies des paiements d’une mutuelle grenobloise/).waitFor()
    await checkAccessible(bank)
  })

  test('no page reported an error', () => {
    expect(errors.pageErrors).toEqual([])
  })
})
