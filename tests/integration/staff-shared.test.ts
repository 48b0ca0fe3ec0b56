import { parse } from 'csv-parse/sync'
import { beforeAll, describe, expect, test } from 'vitest'
import { ALGORITHM_VERSION } from '#app/modules/matching/engine/config'
import { prisma } from '#app/utils/db.server'
import { createHub, createMember, createNeed, createStaff } from '#tests/factories'
import { signedIn, Visitor } from '#tests/helpers/app'

/**
 * /staff/shared (issue 14, decision 0029): a hub's staff see the published needs other hubs share
 * with their hub (with the staff recommendations already made, and the link to recommend firms of
 * their own hub), and their own hub's needs shared out, with the hubs; only needs whose page they
 * open; the CSV holds the same rows.
 */
const DAY = 86_400_000
const inDays = (days: number) => new Date(Date.now() + days * DAY)
const ago = (days: number) => new Date(Date.now() - days * DAY)
const DATA = '_data=routes%2Fstaff.shared'

interface SharedRow {
  id: string
  title: string
  hubName: string
  sharedWith: string[]
  recommendations: number
  ourRecommendations: number
}

let grenoble: { id: string; name: string }
let annecy: { id: string; name: string }
let savoie: { id: string; name: string }
const ids: Record<string, string> = {}
const emails: Record<string, string> = {}

beforeAll(async () => {
  grenoble = await createHub({ name: 'Digital Grenoble', shortName: 'Grenoble' })
  annecy = await createHub({ name: 'Digital Annecy', shortName: 'Annecy' })
  savoie = await createHub({ name: 'Digital Savoie', shortName: 'Savoie' })
  const elsewhere = await createHub({ name: 'Digital Valence', shortName: 'Valence' })
  const partnerG = await createMember(grenoble.id, 'PARTNER', { organisation: { name: 'Hôpital du Dauphiné' } })
  const partnerA = await createMember(annecy.id, 'PARTNER', { organisation: { name: 'Industries du Lac' } })
  const need = (partner: typeof partnerG, hubId: string, title: string, overrides: Parameters<typeof createNeed>[3] = {}) =>
    createNeed(partner.organisation.id, hubId, partner.user.id, { status: 'PUBLISHED', submittedAt: ago(5), publishedAt: ago(4), title, ...overrides })

  ids.toAnnecy = (await need(partnerG, grenoble.id, 'Robot de pharmacie', { deadline: inDays(10), sharedWith: { create: [{ hubId: annecy.id }, { hubId: savoie.id }] } })).id
  ids.toSavoie = (await need(partnerG, grenoble.id, 'Logistique des blocs', { visibility: 'MEMBERS', deadline: inDays(20), sharedWith: { create: [{ hubId: savoie.id }] } })).id
  ids.submitted = (await need(partnerG, grenoble.id, 'Soumis partagé', { status: 'SUBMITTED', publishedAt: null, sharedWith: { create: [{ hubId: annecy.id }] } })).id
  ids.closed = (await need(partnerG, grenoble.id, 'Clos partagé', { status: 'CLOSED', sharedWith: { create: [{ hubId: annecy.id }] } })).id
  ids.notShared = (await need(partnerG, grenoble.id, 'Non partagé')).id
  ids.fromAnnecy = (await need(partnerA, annecy.id, 'Capteurs du lac', { sharedWith: { create: [{ hubId: grenoble.id }] } })).id

  // Staff recommendations already made on the need shared with Annecy: two by Annecy, one by Savoie.
  const staffAnnecy = await createStaff(annecy.id)
  const staffGrenoble = await createStaff(grenoble.id)
  const staffValence = await createStaff(elsewhere.id)
  const firm = await createMember(annecy.id, 'FIRM')
  for (const hubId of [annecy.id, annecy.id, savoie.id]) {
    const recommended = await createMember(hubId, 'FIRM')
    await prisma.match.create({
      data: {
        needId: ids.toAnnecy,
        firmId: recommended.organisation.id,
        score: 0.5,
        breakdown: { reasons: [] },
        algorithmVersion: ALGORITHM_VERSION,
        source: 'STAFF',
        recommendedById: hubId === annecy.id ? staffAnnecy.id : null,
        recommendedHubId: hubId,
        recommendedAt: new Date(),
      },
    })
  }
  // An engine suggestion nobody recommended does not count.
  await prisma.match.create({ data: { needId: ids.toAnnecy, firmId: firm.organisation.id, score: 0.7, breakdown: { reasons: [] }, algorithmVersion: ALGORITHM_VERSION } })
  Object.assign(emails, { staffAnnecy: staffAnnecy.email, staffGrenoble: staffGrenoble.email, staffValence: staffValence.email, firm: firm.user.email })
}, 60_000)

async function rows(visitor: Visitor, search = '') {
  const response = await visitor.get(`/staff/shared?${search}${search ? '&' : ''}${DATA}`)
  expect(response.status).toBe(200)
  return ((await response.json()) as { needs: SharedRow[] }).needs
}

describe('/staff/shared', () => {
  test('the staff of a hub see the published needs other hubs share with it, with the recommendations made, and recommend from there', async () => {
    const staff = await signedIn(emails.staffAnnecy!)
    const received = await rows(staff)
    expect(received.map((row) => row.id)).toEqual([ids.toAnnecy])
    expect(received[0]).toMatchObject({ hubName: 'Digital Grenoble', sharedWith: ['Digital Annecy', 'Digital Savoie'], recommendations: 3, ourRecommendations: 2 })
    // Every need listed opens for them.
    for (const row of received) expect((await staff.get(`/needs/${row.id}`)).status).toBe(200)

    const html = await (await staff.get('/staff/shared')).text()
    expect(html).toContain('Robot de pharmacie')
    expect(html).toContain(`/firms?for=${ids.toAnnecy}`)
    expect(html).toContain('Recommander des entreprises de mon association')
    expect(html).toContain('3 recommandations')
    expect(html).toContain('dont 2 de votre association')
    expect(html).not.toContain('Soumis partagé')
    expect(html).not.toContain('Clos partagé')

    // Their own hub's needs shared out, with the hubs.
    const sent = await rows(staff, 'direction=sent')
    expect(sent.map((row) => row.id)).toEqual([ids.fromAnnecy])
    expect(sent[0]!.sharedWith).toEqual(['Digital Grenoble'])
  })

  test('the home hub’s staff see both directions; the need page names the hubs it is shared with', async () => {
    const staff = await signedIn(emails.staffGrenoble!)
    expect((await rows(staff)).map((row) => row.id)).toEqual([ids.fromAnnecy])
    const sent = await rows(staff, 'direction=sent')
    expect(sent.map((row) => row.id)).toEqual([ids.toAnnecy, ids.toSavoie])
    const html = await (await staff.get('/staff/shared?direction=sent')).text()
    expect(html).toContain('Digital Annecy et Digital Savoie')
    expect(html).not.toContain('Non partagé')

    const page = await (await staff.get(`/needs/${ids.toAnnecy}`)).text()
    expect(page).toContain('Partagé avec Digital Annecy et Digital Savoie')
  })

  test('a hub with nothing shared says so; firms are refused; visitors go to the log-in form', async () => {
    const staff = await signedIn(emails.staffValence!)
    expect(await rows(staff)).toEqual([])
    const html = await (await staff.get('/staff/shared')).text()
    expect(html).toContain('Aucun besoin publié n’est partagé avec votre association pour l’instant.')
    expect(await (await staff.get('/staff/shared?direction=sent')).text()).toContain('Votre association ne partage aucun besoin publié pour l’instant.')

    const firm = await signedIn(emails.firm!)
    expect((await firm.get('/staff/shared')).status).toBe(403)
    const anonymous = await new Visitor().get('/staff/shared')
    expect(anonymous.status).toBe(302)
    expect(anonymous.headers.get('Location')).toMatch(/^\/login\?redirectTo=/)
  })

  test('the CSV holds the rows of the page, and the export is audited', async () => {
    const staff = await signedIn(emails.staffAnnecy!)
    const response = await staff.get('/staff/shared?format=csv')
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toContain('text/csv')
    const csv = parse(await response.text(), { bom: true, columns: true }) as Array<Record<string, string>>
    expect(csv.map((row) => row['Besoin'])).toEqual(['Robot de pharmacie'])
    expect(csv[0]).toMatchObject({
      Sens: 'Partagés avec mon association',
      Partenaire: 'Hôpital du Dauphiné',
      'Association d’origine': 'Digital Grenoble',
      'Partagé avec': 'Digital Annecy et Digital Savoie',
      Recommandations: '3',
      'Recommandations de mon association': '2',
    })
    expect(csv[0]!['Lien']).toMatch(new RegExp(`/needs/${ids.toAnnecy}$`))
    const sent = parse(await (await staff.get('/staff/shared?direction=sent&format=csv&separator=semicolon')).text(), { bom: true, columns: true, delimiter: ';' }) as Array<Record<string, string>>
    expect(sent.map((row) => row['Besoin'])).toEqual(['Capteurs du lac'])
    expect(await prisma.auditLog.count({ where: { action: 'export.csv', targetId: { startsWith: 'shared-needs' } } })).toBe(2)
  })
})

describe('the need page says how hubs cooperate on it', () => {
  test('the working group it is addressed to, the cohort it is reserved to, and after the reservation only to those concerned', async () => {
    const partner = await createMember(grenoble.id, 'PARTNER')
    const group = await prisma.workingGroup.create({ data: { hubId: grenoble.id, slug: 'groupe-sante-connectee', name: 'Santé connectée' } })
    const cohort = await prisma.cohort.create({ data: { hubId: grenoble.id, name: 'Accélérateur Alpes 2026', year: 2026, targetEur: 300_000 } })
    const insider = await createMember(annecy.id, 'FIRM')
    const outsider = await createMember(grenoble.id, 'FIRM')
    await prisma.cohortMember.create({ data: { cohortId: cohort.id, organisationId: insider.organisation.id } })
    const until = new Date('2027-01-15T11:00:00Z')
    const need = await createNeed(partner.organisation.id, grenoble.id, partner.user.id, {
      status: 'PUBLISHED',
      submittedAt: ago(2),
      publishedAt: ago(1),
      title: 'Télésurveillance des patients',
      workingGroupId: group.id,
      reservedCohortId: cohort.id,
      reservedDays: 10,
      reservedUntil: until,
    })
    const insiderPage = await (await signedIn(insider.user.email)).get(`/needs/${need.id}`)
    expect(insiderPage.status).toBe(200)
    const html = await insiderPage.text()
    expect(html).toContain('Adressé au groupe de travail')
    expect(html).toContain('href="/groups/groupe-sante-connectee"')
    expect(html).toContain('Réservé à la cohorte Accélérateur Alpes 2026 jusqu’au 15 janvier 2027')
    const outsiderVisitor = await signedIn(outsider.user.email)
    expect((await outsiderVisitor.get(`/needs/${need.id}`)).status).toBe(404)

    // The reservation over: the other firms see the need, not the cohort; its partner reads that it was reserved.
    await prisma.need.update({ where: { id: need.id }, data: { reservedUntil: ago(1) } })
    const opened = await outsiderVisitor.get(`/needs/${need.id}`)
    expect(opened.status).toBe(200)
    const openedHtml = await opened.text()
    expect(openedHtml).toContain('Télésurveillance des patients')
    expect(openedHtml).not.toContain('Accélérateur Alpes 2026')
    const partnerHtml = await (await (await signedIn(partner.user.email)).get(`/needs/${need.id}`)).text()
    expect(partnerHtml).toContain('Était réservé à la cohorte Accélérateur Alpes 2026')
  })
})
