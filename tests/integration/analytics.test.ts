import { parse } from 'csv-parse/sync'
import { beforeAll, describe, expect, test } from 'vitest'
import { prisma } from '#app/utils/db.server'
import { createHub, createMember, createNeed, createOrganisation, createStaff } from '#tests/factories'
import { signedIn, type Visitor } from '#tests/helpers/app'

/**
 * The analytics page on known records, its figures computed by hand:
 *
 * Hub H1 (shares its figures), hub H2 (does not), hub H3 (shares). Period 2026-01-01 → 2026-06-30.
 * - N1 (H1, shared with H2, published 10 March): F1 and F2 recommended, F2 and F3 invited (F3 not
 *   recommended); F1 applied on the 12th (shortlisted, pilot, contract of 50 000 € signed 15 May),
 *   F2 on the 14th; F3's application is a draft (not counted).
 * - N2 (H1, published 20 March, procurement): F1 recommended; F2 applied on the 26th (shortlisted, pilot).
 * - N3 (H2, published 5 March): F4 recommended and applied.
 * - N4 (H3, published 8 March): F1 recommended and applied.
 * - N5 (H1) a draft, N6 (H1) published in December 2025: outside the funnel.
 * Cohort C (H1) holds F1.
 */
const day = (iso: string) => new Date(`${iso}T10:00:00Z`)
const PERIOD = 'from=2026-01-01&to=2026-06-30'

type Row = Record<string, string>
const csvRows = (text: string) => parse(text, { bom: true, columns: true }) as Row[]

/** `?format=csv` as a browser asks for it: the page's own URL answers the file. */
async function download(visitor: Visitor, path: string) {
  const response = await visitor.get(path)
  if (response.status === 200) expect(response.headers.get('Content-Type')).toContain('text/csv')
  return response
}
const csvOf = async (visitor: Visitor, path: string) => csvRows(await (await download(visitor, path)).text())

let world: Awaited<ReturnType<typeof buildWorld>>

async function buildWorld() {
  const h1 = await createHub({ name: 'Association Un', shareAnalytics: true })
  const h2 = await createHub({ name: 'Association Deux', shareAnalytics: false })
  const h3 = await createHub({ name: 'Association Trois', shareAnalytics: true })
  const empty = await createHub({ name: 'Association Vide', shareAnalytics: false })
  const mod1 = await createStaff(h1.id)
  const mod2 = await createStaff(h2.id)
  const modEmpty = await createStaff(empty.id)
  const partner = await createMember(h1.id, 'PARTNER', { organisation: { name: 'Grand Compte Alpin' } })
  const partner2 = await createMember(h2.id, 'PARTNER', { organisation: { name: 'Grand Compte Drômois' } })
  const partner3 = await createMember(h3.id, 'PARTNER', { organisation: { name: 'Grand Compte Savoyard' } })
  const [f1, f2, f3] = await Promise.all([1, 2, 3].map((n) => createOrganisation(h1.id, 'FIRM', { name: `Entreprise F${n}` })))
  const f4 = await createOrganisation(h2.id, 'FIRM', { name: 'Entreprise F4' })
  const published = (p: { organisation: { id: string }; user: { id: string } }, hubId: string, at: string, kind: 'PILOT' | 'PROCUREMENT' = 'PILOT') =>
    createNeed(p.organisation.id, hubId, p.user.id, { status: 'PUBLISHED', kind, publishedAt: day(at), submittedAt: day(at) })
  const n1 = await published(partner, h1.id, '2026-03-10')
  await prisma.needShare.create({ data: { needId: n1.id, hubId: h2.id } })
  const n2 = await published(partner, h1.id, '2026-03-20', 'PROCUREMENT')
  const n3 = await published(partner2, h2.id, '2026-03-05')
  const n4 = await published(partner3, h3.id, '2026-03-08')
  await createNeed(partner.organisation.id, h1.id, partner.user.id, { status: 'DRAFT' })
  const n6 = await published(partner, h1.id, '2025-12-15')

  const match = (needId: string, firmId: string, options: { top?: boolean; invitedAt?: string } = {}) =>
    prisma.match.create({
      data: {
        needId,
        firmId,
        score: 70,
        breakdown: {},
        algorithmVersion: 'test',
        inNeedTop: options.top ?? false,
        status: options.invitedAt ? 'INVITED' : 'SUGGESTED',
        invitedAt: options.invitedAt ? day(options.invitedAt) : null,
      },
    })
  await match(n1.id, f1.id, { top: true })
  await match(n1.id, f2.id, { top: true, invitedAt: '2026-03-11' })
  await match(n1.id, f3.id, { invitedAt: '2026-03-11' })
  await match(n2.id, f1.id, { top: true })
  await match(n3.id, f4.id, { top: true })
  await match(n4.id, f1.id, { top: true })
  await match(n6.id, f1.id, { top: true })

  const apply = async (needId: string, firmId: string, submitted: string | null, then: { shortlisted?: boolean; deal?: { signed?: string; value?: number } } = {}) => {
    const application = await prisma.application.create({
      data: {
        needId,
        firmId,
        createdById: partner.user.id,
        status: submitted ? (then.deal ? 'ACCEPTED' : then.shortlisted ? 'SHORTLISTED' : 'SUBMITTED') : 'DRAFT',
        submittedAt: submitted ? day(submitted) : null,
      },
    })
    if (submitted) await prisma.statusChange.create({ data: { applicationId: application.id, fromStatus: 'DRAFT', toStatus: 'SUBMITTED', at: day(submitted) } })
    if (then.shortlisted) await prisma.statusChange.create({ data: { applicationId: application.id, fromStatus: 'SUBMITTED', toStatus: 'SHORTLISTED', at: day(submitted!) } })
    if (then.deal) {
      await prisma.deal.create({
        data: {
          applicationId: application.id,
          status: then.deal.signed ? 'CONTRACT' : 'PILOT',
          contractSignedAt: then.deal.signed ? day(then.deal.signed) : null,
          contractValueEur: then.deal.value ?? null,
        },
      })
    }
    return application
  }
  await apply(n1.id, f1.id, '2026-03-12', { shortlisted: true, deal: { signed: '2026-05-15', value: 50_000 } })
  await apply(n1.id, f2.id, '2026-03-14')
  await apply(n1.id, f3.id, null)
  await apply(n2.id, f2.id, '2026-03-26', { shortlisted: true, deal: {} })
  await apply(n3.id, f4.id, '2026-03-07')
  await apply(n4.id, f1.id, '2026-03-09')
  await apply(n6.id, f1.id, '2025-12-20')

  const cohort = await prisma.cohort.create({ data: { hubId: h1.id, name: 'Promotion Alpes 2026', year: 2026, targetEur: 100_000 } })
  await prisma.cohortMember.create({ data: { cohortId: cohort.id, organisationId: f1.id } })

  return { h1, h2, h3, empty, mod1, mod2, modEmpty, partner, cohort }
}

beforeAll(async () => {
  world = await buildWorld()
})

const STEP_HEADERS = ['Besoins publiés', 'Entreprises recommandées', 'Invitations', 'Candidatures', 'Présélections', 'Pilotes', 'Contrats']
const counts = (row: Row) => STEP_HEADERS.map((header) => row[header])

describe('the analytics page', () => {
  test('a hub’s funnel, its charts and their tables, as computed by hand', async () => {
    const staff = await signedIn(world.mod1.email)
    const response = await staff.get(`/staff/analytics?${PERIOD}`)
    expect(response.status).toBe(200)
    const html = await response.text()
    // Charts drawn on the server: images with a name and a description, each followed by its table.
    for (const id of ['funnel-chart', 'first-application-chart', 'contract-value-chart']) {
      expect(html).toContain(`aria-labelledby="${id}-title ${id}-desc"`)
      expect(html).toContain(`<title id="${id}-title">`)
    }
    expect(html.match(/role="img"/g)?.length).toBe(3)
    expect(html).toContain('<caption')
    expect(html).toContain('scope="row"')
    expect(html).toContain('Association\u202f: Association Un. Les besoins partagés avec elle sont compris.')
    // The funnel's description reads the figures: 2 needs, 3 recommended, 2 invited, 3 applications…
    expect(html).toMatch(/Besoins publiés\u202f: 2\u202f; Entreprises recommandées\u202f: 3 \(150[\u00a0\u202f]%/)
    // Time to first application in March: N1 2 days, N2 6 days → median 4, p90 5.6 (interpolated).
    expect(html).toContain('mars 2026')
    expect(html).toContain('4 jours')
    expect(html).toContain('5,6 jours')

    const csv = await download(staff, `/staff/analytics?${PERIOD}&by=hub&format=csv`)
    expect(csv.status).toBe(200)
    expect(csv.headers.get('content-type')).toContain('text/csv')
    expect(csv.headers.get('content-disposition')).toContain('analyses-par-association')
    const rows = csvRows(await csv.text())
    expect(rows).toHaveLength(1)
    expect(rows[0]['Association']).toBe('Association Un')
    expect(counts(rows[0])).toEqual(['2', '3', '2', '3', '2', '2', '1'])
    expect(rows[0]['Candidatures / Invitations']).toBe('1.5')

    const byKind = parse(await (await download(staff, `/staff/analytics?${PERIOD}&by=kind&format=csv&separator=semicolon`)).text(), { bom: true, columns: true, delimiter: ';' }) as Row[]
    expect(Object.fromEntries(byKind.map((row) => [row['Type de besoin'], counts(row)]))).toEqual({
      'Projet pilote': ['1', '2', '2', '2', '1', '1', '1'],
      Achat: ['1', '1', '0', '1', '1', '1', '0'],
    })

    // A cohort groups firms: F1's steps in the cohort, the rest outside it.
    const byCohort = await csvOf(staff, `/staff/analytics?${PERIOD}&by=cohort&format=csv`)
    expect(Object.fromEntries(byCohort.map((row) => [row['Cohorte'], counts(row)]))).toEqual({
      'Promotion Alpes 2026': ['', '2', '0', '1', '1', '1', '1'],
      'Hors cohorte': ['', '1', '2', '2', '1', '1', '0'],
    })

    const byMonth = await csvOf(staff, `/staff/analytics?${PERIOD}&by=month&format=csv`)
    expect(byMonth.map((row) => [row['Mois de publication'], row['Besoins publiés']])).toEqual([['mars 2026', '2']])

    // Every export is audited.
    expect(await prisma.auditLog.count({ where: { action: 'export.csv', actorId: world.mod1.id } })).toBe(4)
  })

  test('a need shared with a hub counts for that hub too', async () => {
    const staff = await signedIn(world.mod2.email)
    const rows = await csvOf(staff, `/staff/analytics?${PERIOD}&format=csv`)
    // H2: N3 and the shared N1.
    expect(rows.map((row) => [row['Association'], ...counts(row)])).toEqual([['Association Deux', '2', '3', '2', '3', '1', '1', '1']])
    const byPartner = await csvOf(staff, `/staff/analytics?${PERIOD}&by=partner&format=csv`)
    // Hub H1's partner counts there, unnamed: H2's console does not name another hub's partners.
    expect(byPartner.map((row) => row['Partenaire']).sort()).toEqual(['Grand Compte Drômois', 'Partenaires d’autres associations (besoins partagés)'])
    // The contract of the shared need counts in H2's contract value too.
    const html = await (await staff.get(`/staff/analytics?${PERIOD}`)).text()
    expect(html).toMatch(/mai 2026<\/th><td[^>]*>1<\/td><td[^>]*>50[\u202f\u00a0]000[\u202f\u00a0]€/)
  })

  test('the platform view covers the hubs that share, for the staff of a hub that shares', async () => {
    const staff = await signedIn(world.mod1.email)
    const response = await staff.get(`/staff/analytics?${PERIOD}&hub=platform`)
    expect(response.status).toBe(200)
    const html = await response.text()
    expect(html).toContain('Vue plateforme\u202f: Association Trois, Association Un.')
    expect(html).not.toContain('Association Deux<')
    const rows = await csvOf(staff, `/staff/analytics?${PERIOD}&hub=platform&format=csv`)
    expect(Object.fromEntries(rows.map((row) => [row['Association'], counts(row)]))).toEqual({
      'Association Un': ['2', '3', '2', '3', '2', '2', '1'],
      'Association Trois': ['1', '1', '0', '1', '0', '0', '0'],
    })
    // Hub H2 does not share: its own need N3 is not there; N1 counts once, for H1.
    const byPartner = await csvOf(staff, `/staff/analytics?${PERIOD}&hub=platform&by=partner&format=csv`)
    expect(byPartner.map((row) => row['Partenaire']).sort()).toEqual(['Grand Compte Alpin', 'Grand Compte Savoyard'])

    // The staff of a hub that does not share have no platform view, and no other hub.
    const mod2 = await signedIn(world.mod2.email)
    expect((await mod2.get(`/staff/analytics?${PERIOD}&hub=platform`)).status).toBe(403)
    expect((await download(mod2, `/staff/analytics?${PERIOD}&hub=platform&format=csv`)).status).toBe(403)
    expect((await mod2.get(`/staff/analytics?${PERIOD}&hub=${world.h1.id}`)).status).toBe(404)
    const page = await (await mod2.get(`/staff/analytics?${PERIOD}`)).text()
    expect(page).not.toContain('value="platform"')
  })

  test('non-staff are refused; a period with nothing says so in French', async () => {
    const partner = await signedIn(world.partner.user.email)
    expect((await partner.get('/staff/analytics')).status).toBe(403)
    expect((await download(partner, '/staff/analytics?format=csv')).status).toBe(403)

    const staff = await signedIn(world.modEmpty.email)
    const html = await (await staff.get(`/staff/analytics?${PERIOD}`)).text()
    expect(html).toContain('Rien sur cette période')
    expect(html).not.toContain('role="img"')
  })
})
