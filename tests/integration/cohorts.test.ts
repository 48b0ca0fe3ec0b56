import { parse } from 'csv-parse/sync'
import { describe, expect, test } from 'vitest'
import { moveDeal, startPilot } from '#app/modules/deals/service.server'
import { prisma } from '#app/utils/db.server'
import { createHub, createMember, createNeed, createStaff } from '#tests/factories'
import { actorFor } from '#tests/helpers/actor'
import { signedIn } from '#tests/helpers/app'

/** The page as text: French typography’s non-breaking spaces as plain ones, without React’s text separators. */
const plain = (text: string) => text.replace(/<!-- -->/g, '').replace(/[\u00a0\u202f]/g, ' ')
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10)

const COHORT = {
  intent: 'create',
  name: 'Promotion Croissance 2026',
  programme: 'Accélérateur Croissance Alpes',
  description: 'Dix-huit mois pour signer des ventes stratégiques avec les grands comptes du sillon alpin.',
  year: '2026',
  startsOn: day(-60),
  endsOn: day(300),
  targetEur: '300000',
  targetPilots: '2',
}

/** A submitted application of `firmId`, accepted by the partner, whose pilot starts: the deal the partner signs later. */
async function acceptedApplication(partner: { userId: string; organisationId: string; hubId: string }, firm: { userId: string; organisationId: string }, title: string) {
  const need = await createNeed(partner.organisationId, partner.hubId, partner.userId, { status: 'PUBLISHED', publishedAt: new Date(), title })
  const application = await prisma.application.create({
    data: {
      needId: need.id,
      firmId: firm.organisationId,
      createdById: firm.userId,
      status: 'ACCEPTED',
      approach: 'Une approche détaillée pour ce besoin, avec un planning.',
      submittedAt: new Date(),
      decidedAt: new Date(),
      statusChanges: { create: [{ toStatus: 'SUBMITTED' }, { fromStatus: 'SUBMITTED', toStatus: 'SHORTLISTED' }, { fromStatus: 'SHORTLISTED', toStatus: 'ACCEPTED' }] },
    },
  })
  await startPilot(await actorFor(partner.userId), application.id, { successCriteria: ['Disponibilité'], pilotStartsOn: new Date(), pilotEndsOn: new Date(Date.now() + 30 * 86_400_000) })
  return application
}

describe('accelerator cohorts', () => {
  test('staff build a cohort, follow a firm’s progress as its deal is signed; other hubs and firms see nothing', async () => {
    const hub = await createHub()
    const otherHub = await createHub()
    const mod = await createStaff(hub.id, 'MODERATOR')
    const mod2 = await createStaff(otherHub.id, 'MODERATOR')
    const partner = await createMember(hub.id, 'PARTNER')
    const firmA = await createMember(hub.id, 'FIRM', { organisation: { name: 'Capteurs Alpins', revenueBand: 'M2_5M' } })
    const firmB = await createMember(hub.id, 'FIRM', { organisation: { name: 'Neige Data', revenueBand: 'M1_2M' } })
    const big = await createMember(hub.id, 'FIRM', { organisation: { name: 'Grosse Industrie Numérique', revenueBand: 'M10_50M' } })
    const pending = await createMember(hub.id, 'FIRM', { organisation: { name: 'Jeune Pousse En Attente', status: 'PENDING', revenueBand: 'M1_2M' } })
    const foreign = await createMember(otherHub.id, 'FIRM', { organisation: { name: 'Savoie Logiciels', revenueBand: 'M2_5M' } })
    const staff = await signedIn(mod.email)
    const otherStaff = await signedIn(mod2.email)

    // Bad input: the messages next to the fields (422), nothing written.
    const bad = await staff.post('/staff/cohorts', { ...COHORT, hubId: hub.id, name: '', targetEur: 'beaucoup' })
    expect(bad.status).toBe(422)
    const badText = plain(await bad.text())
    expect(badText).toContain('Ce champ est obligatoire.')
    expect(badText).toContain('Saisissez un nombre.')
    const reversed = await staff.post('/staff/cohorts', { ...COHORT, hubId: hub.id, startsOn: day(10), endsOn: day(5) })
    expect(reversed.status).toBe(422)
    expect(plain(await reversed.text())).toContain('Le dernier jour ne peut pas précéder le premier.')
    // Another hub's staff cannot create a cohort in this hub.
    expect((await otherStaff.post('/staff/cohorts', { ...COHORT, hubId: hub.id })).status).toBe(404)
    expect(await prisma.cohort.count({ where: { hubId: hub.id } })).toBe(0)

    const created = await staff.post('/staff/cohorts', { ...COHORT, hubId: hub.id })
    expect(created.status).toBe(302)
    const cohort = await prisma.cohort.findFirstOrThrow({ where: { hubId: hub.id } })
    expect(created.headers.get('Location')).toBe(`/staff/cohorts/${cohort.id}`)
    expect(cohort).toMatchObject({ name: COHORT.name, targetEur: 300_000, targetPilots: 2, year: 2026, createdById: mod.id })
    const page = `/staff/cohorts/${cohort.id}`

    // Staff of another hub: the cohort does not exist for them, on the page, its CSV and its forms.
    expect((await otherStaff.get(page)).status).toBe(404)
    expect((await otherStaff.get(`${page}?format=csv`)).status).toBe(404)
    expect((await otherStaff.post(page, { intent: 'add', organisationId: foreign.organisation.id })).status).toBe(404)
    expect(plain(await (await otherStaff.get('/staff/cohorts')).text())).not.toContain(COHORT.name)

    // The picker offers the hub's verified 1–10 M€ firms by default, the others on demand, never another hub's.
    const picker = plain(await (await staff.get(page)).text())
    expect(picker).toContain('Capteurs Alpins — 2 à 5 M€')
    expect(picker).toContain('Neige Data — 1 à 2 M€')
    expect(picker).not.toContain('Grosse Industrie Numérique')
    expect(picker).not.toContain('Jeune Pousse En Attente')
    expect(picker).not.toContain('Savoie Logiciels')
    expect(plain(await (await staff.get(`${page}?band=all`)).text())).toContain('Grosse Industrie Numérique — 10 à 50 M€')

    expect((await staff.post(page, { intent: 'add', organisationId: firmA.organisation.id })).status).toBe(302)
    expect((await staff.post(page, { intent: 'add', organisationId: firmB.organisation.id })).status).toBe(302)
    for (const refused of [foreign, pending]) {
      const answer = await staff.post(page, { intent: 'add', organisationId: refused.organisation.id })
      expect(answer.status).toBe(422)
      expect(plain(await answer.text())).toContain('Seules les entreprises vérifiées de l’association de la cohorte peuvent la rejoindre.')
    }
    const twice = await staff.post(page, { intent: 'add', organisationId: firmA.organisation.id })
    expect(twice.status).toBe(422)
    expect(await prisma.cohortMember.count({ where: { cohortId: cohort.id } })).toBe(2)

    // Progress: nothing yet, then a pilot, then the contract.
    const pilotA = await acceptedApplication({ userId: partner.user.id, organisationId: partner.organisation.id, hubId: hub.id }, { userId: firmA.user.id, organisationId: firmA.organisation.id }, 'Capteurs de neige')
    const pilotB = await acceptedApplication({ userId: partner.user.id, organisationId: partner.organisation.id, hubId: hub.id }, { userId: firmB.user.id, organisationId: firmB.organisation.id }, 'Données d’enneigement')
    let text = plain(await (await staff.get(page)).text())
    expect(text).toContain('0 € sur 300 000 € (0 %)')
    expect(text).toContain('1 pilote sur 2')
    expect(text).toContain('role="progressbar"')

    const partnerActor = await actorFor(partner.user.id)
    await moveDeal(partnerActor, pilotA.id, 'signContract', { purchaseOrder: 'BC-2026-001', contractValueEur: 120_000, contractSignedAt: new Date() })
    await moveDeal(partnerActor, pilotB.id, 'signContract', { purchaseOrder: 'BC-2026-002', contractValueEur: 77_777, contractSignedAt: new Date() })
    text = plain(await (await staff.get(page)).text())
    expect(text).toContain('120 000 € sur 300 000 € (40 %)')
    expect(text).toContain('77 777 € sur 300 000 € (26 %)')
    // The cohort as a whole: 197 777 € of 2 × 300 000 €.
    expect(text).toContain('197 777 € sur 600 000 € (33 %)')
    expect(plain(await (await staff.get('/staff/cohorts')).text())).toContain('197 777 € sur 600 000 € (33 %)')

    const csv = await staff.get(`${page}?format=csv`)
    expect(csv.status).toBe(200)
    expect(csv.headers.get('Content-Type')).toContain('text/csv')
    const lines = (await csv.text()).split(/\r?\n/)
    expect(lines.find((line) => line.includes('Capteurs Alpins'))).toContain('120000')
    const listCsv = await (await staff.get('/staff/cohorts?format=csv')).text()
    expect(listCsv).toContain(COHORT.name)
    expect(listCsv).toContain('197777')

    // A firm sees its own progress, the other firms' names, never their figures.
    const firmAPage = plain(await (await (await signedIn(firmA.user.email)).get(`/cohorts/${cohort.id}`)).text())
    expect(firmAPage).toContain('120 000 € sur 300 000 € (40 %)')
    expect(firmAPage).toContain('Neige Data')
    expect(firmAPage).not.toContain('77 777')
    expect(firmAPage).not.toContain('197 777')
    const firmBVisitor = await signedIn(firmB.user.email)
    const firmBPage = plain(await (await firmBVisitor.get(`/cohorts/${cohort.id}`)).text())
    expect(firmBPage).toContain('77 777 € sur 300 000 €')
    expect(firmBPage).not.toContain('120 000')
    expect(plain(await (await firmBVisitor.get('/cohorts')).text())).toContain(COHORT.name)
    // The firm's page links its members to the cohort; other visitors of that page see no cohort.
    expect(await (await firmBVisitor.get(`/orgs/${firmB.organisation.slug}`)).text()).toContain(`href="/cohorts/${cohort.id}"`)
    expect(await (await (await signedIn(big.user.email)).get(`/orgs/${firmB.organisation.slug}`)).text()).not.toContain(`/cohorts/${cohort.id}`)
    // A firm outside the cohort, a partner and staff: no such page.
    expect((await (await signedIn(big.user.email)).get(`/cohorts/${cohort.id}`)).status).toBe(404)
    expect((await (await signedIn(partner.user.email)).get(`/cohorts/${cohort.id}`)).status).toBe(404)
    expect((await staff.get(`/cohorts/${cohort.id}`)).status).toBe(404)
    // Firms and partners have no console page.
    expect((await firmBVisitor.get(page)).status).toBe(403)

    // Remove, edit, archive.
    expect((await staff.post(page, { intent: 'remove', organisationId: firmB.organisation.id })).status).toBe(302)
    expect((await firmBVisitor.get(`/cohorts/${cohort.id}`)).status).toBe(404)
    const badEdit = await staff.post(page, { ...COHORT, intent: 'update', targetEur: '-1' })
    expect(badEdit.status).toBe(422)
    expect(plain(await badEdit.text())).toContain('Valeur trop petite.')
    expect((await prisma.cohort.findUniqueOrThrow({ where: { id: cohort.id } })).targetEur).toBe(300_000)
    expect((await staff.post(page, { ...COHORT, intent: 'update', targetEur: '240000' })).status).toBe(302)
    expect(plain(await (await staff.get(page)).text())).toContain('120 000 € sur 240 000 € (50 %)')
    expect((await staff.post(page, { intent: 'archive' })).status).toBe(302)
    const afterArchive = await staff.post(page, { intent: 'add', organisationId: firmB.organisation.id })
    expect(afterArchive.status).toBe(409)
    expect(await prisma.cohortMember.count({ where: { cohortId: cohort.id } })).toBe(1)
    expect(plain(await (await staff.get('/staff/cohorts')).text())).toContain('Archivée')

    const audit = await prisma.auditLog.findMany({ where: { targetType: 'Cohort', targetId: cohort.id }, orderBy: { createdAt: 'asc' }, select: { action: true, actorId: true, hubId: true } })
    expect(audit.map((row) => row.action)).toEqual(['cohort.create', 'cohort.add-firm', 'cohort.add-firm', 'cohort.remove-firm', 'cohort.update', 'cohort.archive'])
    expect(audit.every((row) => row.actorId === mod.id && row.hubId === hub.id)).toBe(true)
  })

  test('contracts count within the cohort’s dates only', async () => {
    const hub = await createHub()
    const mod = await createStaff(hub.id, 'MODERATOR')
    const partner = await createMember(hub.id, 'PARTNER')
    const firm = await createMember(hub.id, 'FIRM', { organisation: { name: 'Fibre Vercors', revenueBand: 'M5_10M' } })
    const staff = await signedIn(mod.email)
    await staff.post('/staff/cohorts', { ...COHORT, hubId: hub.id, name: 'Promotion passée', startsOn: day(-400), endsOn: day(-40) })
    const cohort = await prisma.cohort.findFirstOrThrow({ where: { hubId: hub.id } })
    await staff.post(`/staff/cohorts/${cohort.id}`, { intent: 'add', organisationId: firm.organisation.id })
    const application = await acceptedApplication({ userId: partner.user.id, organisationId: partner.organisation.id, hubId: hub.id }, { userId: firm.user.id, organisationId: firm.organisation.id }, 'Fibre en altitude')
    await moveDeal(await actorFor(partner.user.id), application.id, 'signContract', { purchaseOrder: 'BC-9', contractValueEur: 50_000, contractSignedAt: new Date() })
    const text = plain(await (await staff.get(`/staff/cohorts/${cohort.id}`)).text())
    // Signed after the cohort's last day: not won for this cohort (the last activity still shows).
    expect(text).toContain('0 € sur 300 000 € (0 %)')
    expect(text).not.toContain('>Aucune<')
  })

  test('the analytics’ cohort breakdown counts a firm’s needs published within the cohort’s dates, archived cohorts included', async () => {
    const hub = await createHub()
    const mod = await createStaff(hub.id, 'MODERATOR')
    const partner = await createMember(hub.id, 'PARTNER')
    const firm = await createMember(hub.id, 'FIRM', { organisation: { name: 'Glacier Analytique', revenueBand: 'M2_5M' } })
    const staff = await signedIn(mod.email)
    await staff.post('/staff/cohorts', { ...COHORT, hubId: hub.id, name: 'Promotion été 2026', startsOn: '2026-06-01', endsOn: '2026-12-31' })
    const cohort = await prisma.cohort.findFirstOrThrow({ where: { hubId: hub.id } })
    await staff.post(`/staff/cohorts/${cohort.id}`, { intent: 'add', organisationId: firm.organisation.id })
    for (const at of ['2026-03-10', '2026-07-10']) {
      const need = await createNeed(partner.organisation.id, hub.id, partner.user.id, { status: 'PUBLISHED', publishedAt: new Date(`${at}T10:00:00Z`) })
      await prisma.application.create({
        data: { needId: need.id, firmId: firm.organisation.id, createdById: firm.user.id, status: 'SUBMITTED', approach: 'Une approche détaillée.', submittedAt: new Date(`${at}T12:00:00Z`) },
      })
    }
    const byCohort = async () => {
      const text = await (await staff.get(`/staff/analytics?hub=${hub.id}&from=2026-01-01&to=2026-12-31&by=cohort&format=csv`)).text()
      const rows = parse(text, { bom: true, columns: true }) as Array<Record<string, string>>
      return Object.fromEntries(rows.map((row) => [row['Cohorte'], row['Candidatures']]))
    }
    // March's application predates the cohort: outside it; July's counts for it.
    expect(await byCohort()).toEqual({ 'Promotion été 2026': '1', 'Hors cohorte': '1' })
    await staff.post(`/staff/cohorts/${cohort.id}`, { intent: 'archive' })
    expect(await byCohort()).toEqual({ 'Promotion été 2026': '1', 'Hors cohorte': '1' })
  })
})
