import { parse } from 'csv-parse/sync'
import { beforeAll, describe, expect, test } from 'vitest'
import { listPartnerScorecards, getOwnScorecard } from '#app/modules/analytics/scorecard.server'
import { prisma } from '#app/utils/db.server'
import { createHub, createMember, createNeed, createOrganisation, createStaff } from '#tests/factories'
import { actorFor } from '#tests/helpers/actor'
import { signedIn, type Visitor } from '#tests/helpers/app'

/**
 * One partner's scorecard recomputed by hand from records with known dates, compared with the
 * service, with /staff/partners and its CSV, and with the partner's page and its CSV (parsed back
 * with csv-parse). Partner P of hub H (charter delay 10 days) over June to November 2026.
 */
const FROM = '2026-06-01'
const TO = '2026-11-30'
const period = { start: new Date(`${FROM}T00:00:00Z`), end: new Date('2026-12-01T00:00:00Z') }
const at = (iso: string) => new Date(iso)

let hubH: { id: string }
let partner: { id: string; slug: string; name: string }
let needs: Record<'n1' | 'n2' | 'n3' | 'n4', string>
let moderator: { id: string; email: string }
let moderatorH2: { id: string; email: string }
let partnerUser: { id: string; email: string }
let firmUser: { id: string; email: string }

/** `?format=csv` as a browser asks for it: the page's own URL answers the file. */
async function csvOf(visitor: Visitor, path: string) {
  const response = await visitor.get(path)
  expect(response.status).toBe(200)
  expect(response.headers.get('Content-Type')).toContain('text/csv')
  // As bytes: Response.text() drops a byte-order mark.
  const text = Buffer.from(await response.arrayBuffer()).toString('utf8')
  expect(text.charCodeAt(0)).toBe(0xfeff)
  return parse(text.slice(1), { delimiter: ';' }) as string[][]
}

beforeAll(async () => {
  hubH = await createHub({ shortName: 'Hub des scorecards', charterResponseDays: 15 })
  const hubH2 = await createHub({ shortName: 'Autre hub' })
  moderator = await createStaff(hubH.id, 'MODERATOR')
  moderatorH2 = await createStaff(hubH2.id, 'MODERATOR')
  const p = await createMember(hubH.id, 'PARTNER', { organisation: { name: 'Aciéries du Grésivaudan', charterResponseDays: 10 } })
  partner = p.organisation
  partnerUser = p.user
  // Another partner of H with nothing in the period, and one of H2 that H's staff never see.
  await createOrganisation(hubH.id, 'PARTNER', { name: 'Banque des Alpes' })
  await createOrganisation(hubH2.id, 'PARTNER', { name: 'Papeteries du Léman' })

  const f1 = await createMember(hubH2.id, 'FIRM', { organisation: { name: 'Capteurs Belledonne', revenueBand: 'M2_5M' } })
  const f2 = await createMember(hubH2.id, 'FIRM', { organisation: { name: 'Grand Intégrateur', revenueBand: 'GT_50M' } })
  const f3 = await createMember(hubH2.id, 'FIRM', { organisation: { name: 'Vision Chartreuse', revenueBand: 'M1_2M' } })
  const f4 = await createMember(hubH.id, 'FIRM', { organisation: { name: 'Jeune Pousse', revenueBand: null } })
  const f5 = await createMember(hubH.id, 'FIRM', { organisation: { name: 'Services Dauphiné', revenueBand: 'M10_50M' } })
  firmUser = f4.user

  const need = (title: string, publishedAt: Date | null) =>
    createNeed(partner.id, hubH.id, partnerUser.id, { title, status: publishedAt ? 'PUBLISHED' : 'DRAFT', publishedAt })
  needs = {
    n1: (await need('Supervision des fours', at('2026-06-10T09:00:00Z'))).id,
    n2: (await need('Jumeau numérique du laminoir', at('2026-09-01T09:00:00Z'))).id,
    n3: (await need('Maintenance des ponts roulants', at('2026-03-01T09:00:00Z'))).id,
    n4: (await need('Brouillon', null)).id,
  }

  const apply = (needId: string, firm: { organisation: { id: string }; user: { id: string } }, data: { status: string; submittedAt: Date | null; decidedAt?: Date; declineReason?: 'BUDGET' }) =>
    prisma.application.create({
      data: {
        needId,
        firmId: firm.organisation.id,
        createdById: firm.user.id,
        status: data.status as 'SUBMITTED',
        submittedAt: data.submittedAt,
        decidedAt: data.decidedAt ?? null,
        declineReason: data.declineReason ?? null,
      },
    })
  const move = (applicationId: string, toStatus: string, iso: string, actorId: string) =>
    prisma.statusChange.create({ data: { applicationId, toStatus: toStatus as 'SUBMITTED', at: at(iso), actorId } })

  // A1: screened by staff (not a response), shortlisted after 2 days, accepted on day 5 (due 25 June).
  const a1 = await apply(needs.n1, f1, { status: 'ACCEPTED', submittedAt: at('2026-06-15T08:00:00Z'), decidedAt: at('2026-06-20T08:00:00Z') })
  await move(a1.id, 'SCREENING', '2026-06-15T10:00:00Z', moderator.id)
  await move(a1.id, 'SHORTLISTED', '2026-06-17T08:00:00Z', partnerUser.id)
  await move(a1.id, 'ACCEPTED', '2026-06-20T08:00:00Z', partnerUser.id)
  // A2: declined with a reason after 6 days (due 26 June).
  const a2 = await apply(needs.n1, f2, { status: 'DECLINED', submittedAt: at('2026-06-16T08:00:00Z'), decidedAt: at('2026-06-22T08:00:00Z'), declineReason: 'BUDGET' })
  await move(a2.id, 'DECLINED', '2026-06-22T08:00:00Z', partnerUser.id)
  // A7: declined without a reason after 2 days: answered, but not "decided with a reason".
  const a7 = await apply(needs.n1, f3, { status: 'DECLINED', submittedAt: at('2026-06-20T08:00:00Z'), decidedAt: at('2026-06-22T08:00:00Z') })
  await move(a7.id, 'DECLINED', '2026-06-22T08:00:00Z', partnerUser.id)
  // A draft: never counted.
  await apply(needs.n1, f4, { status: 'DRAFT', submittedAt: null })
  // A3: information requested after 4 days, accepted on 30 September (due 15 September: late).
  const a3 = await apply(needs.n2, f3, { status: 'ACCEPTED', submittedAt: at('2026-09-05T08:00:00Z'), decidedAt: at('2026-09-30T08:00:00Z') })
  await move(a3.id, 'INFO_REQUESTED', '2026-09-09T08:00:00Z', partnerUser.id)
  await move(a3.id, 'ACCEPTED', '2026-09-30T08:00:00Z', partnerUser.id)
  // A4: only screened by staff, never answered: late (due 20 September).
  const a4 = await apply(needs.n2, f4, { status: 'SCREENING', submittedAt: at('2026-09-10T08:00:00Z') })
  await move(a4.id, 'SCREENING', '2026-09-11T08:00:00Z', moderator.id)
  // A5: on a need published before the period, withdrawn by the firm: nothing owed.
  const a5 = await apply(needs.n3, f1, { status: 'WITHDRAWN', submittedAt: at('2026-07-01T08:00:00Z') })
  await move(a5.id, 'WITHDRAWN', '2026-07-02T08:00:00Z', f1.user.id)
  // Before the period: A6 shortlisted and still undecided (late today), A9 and A10 accepted.
  const a6 = await apply(needs.n2, f2, { status: 'SHORTLISTED', submittedAt: at('2026-05-20T08:00:00Z') })
  await move(a6.id, 'SHORTLISTED', '2026-05-22T08:00:00Z', partnerUser.id)
  const a9 = await apply(needs.n3, f5, { status: 'ACCEPTED', submittedAt: at('2026-01-10T08:00:00Z'), decidedAt: at('2026-01-15T08:00:00Z') })
  const a10 = await apply(needs.n3, f4, { status: 'ACCEPTED', submittedAt: at('2026-02-01T08:00:00Z'), decidedAt: at('2026-02-05T08:00:00Z') })

  // Deals: D1 pilot in July then a contract in October (firm of 2–5 M€ of H2); D2 pilot in October,
  // succeeded; D3 piloted in February, signed in August (firm of 10–50 M€ of H); D4 without a
  // start date, created in July, failed.
  await prisma.deal.create({ data: { applicationId: a1.id, status: 'CONTRACT', pilotStartsOn: at('2026-07-01T00:00:00Z'), contractSignedAt: at('2026-10-01T10:00:00Z'), contractValueEur: 120_000 } })
  await prisma.deal.create({ data: { applicationId: a3.id, status: 'PILOT_SUCCEEDED', pilotStartsOn: at('2026-10-15T00:00:00Z') } })
  await prisma.deal.create({ data: { applicationId: a9.id, status: 'CONTRACT', pilotStartsOn: at('2026-02-01T00:00:00Z'), contractSignedAt: at('2026-08-01T10:00:00Z'), contractValueEur: 80_000 } })
  await prisma.deal.create({ data: { applicationId: a10.id, status: 'PILOT_FAILED', pilotStartsOn: null, createdAt: at('2026-07-15T10:00:00Z') } })

  // Invitations: one in the period, one before, one suggestion never sent.
  const match = (needId: string, firmId: string, invitedAt: Date | null) =>
    prisma.match.create({ data: { needId, firmId, score: 0.7, breakdown: {}, algorithmVersion: 'test', status: invitedAt ? 'INVITED' : 'SUGGESTED', invitedAt } })
  await match(needs.n1, f5.organisation.id, at('2026-06-12T09:00:00Z'))
  await match(needs.n3, f3.organisation.id, at('2026-04-01T09:00:00Z'))
  await match(needs.n2, f1.organisation.id, null)
})

/** The scorecard of P over the period, by hand from the records above. */
const DAY = 86_400_000
const delays = [
  (at('2026-06-17T08:00:00Z').getTime() - at('2026-06-15T08:00:00Z').getTime()) / DAY, // A1: 2
  (at('2026-06-22T08:00:00Z').getTime() - at('2026-06-16T08:00:00Z').getTime()) / DAY, // A2: 6
  (at('2026-06-22T08:00:00Z').getTime() - at('2026-06-20T08:00:00Z').getTime()) / DAY, // A7: 2
  (at('2026-09-09T08:00:00Z').getTime() - at('2026-09-05T08:00:00Z').getTime()) / DAY, // A3: 4
].sort((a, b) => a - b) // [2, 2, 4, 6]
const byHand = {
  needsPublished: 2, // N1 (10 June), N2 (1 September); N3 was published in March, N4 is a draft
  applicationsReceived: 6, // A1, A2, A7, A3, A4, A5 (A6, A9, A10 before the period; the draft never submitted)
  responded: 4, // A1, A2, A7, A3 (A4 only screened by staff, A5 withdrawn)
  responseMedianDays: (delays[1] + delays[2]) / 2, // (2 + 4) / 2 = 3
  responseP90Days: Math.round((delays[2] + (delays[3] - delays[2]) * 0.7) * 10) / 10, // rank 0.9 × 3 = 2.7: 4 + 2 × 0.7 = 5.4
  charterCounted: 5, // A1, A2 on time; A3 decided late; A4 undecided past its due day; A7 declined without a reason; A5 withdrawn: not counted
  charterOnTime: 2,
  charterShare: 2 / 5,
  lateNow: 2, // A4 and A6 (undecided, past due today, whatever the period)
  invitationsSent: 1,
  pilotsStarted: 3, // D1 (1 July), D2 (15 October), D4 (created 15 July); D3 started in February
  pilotsSucceeded: 2, // D1 (contract), D2 (succeeded)
  contractsSigned: 2, // D1 (1 October), D3 (1 August)
  contractValueEur: 120_000 + 80_000,
  smallFirmValueEur: 120_000, // D1's firm declares 2–5 M€; D3's 10–50 M€
  smallFirmShare: 120_000 / 200_000,
  hubFirmValueEur: 80_000, // D3's firm belongs to H; D1's to H2
  hubFirmShare: 80_000 / 200_000,
}

describe('the partner scorecard recomputed by hand', () => {
  test('the service agrees', async () => {
    const { rows } = await listPartnerScorecards(await actorFor(moderator.id), { period, sort: 'name', dir: 'asc' })
    expect(rows.map((row) => row.name)).toEqual(['Aciéries du Grésivaudan', 'Banque des Alpes'])
    expect(rows[0]).toMatchObject({ ...byHand, charterDays: 10 })
    expect(byHand.responseMedianDays).toBe(3)
    expect(byHand.responseP90Days).toBe(5.4)
    expect(rows[1]).toMatchObject({ needsPublished: 0, applicationsReceived: 0, responseMedianDays: null, charterShare: null, contractValueEur: 0, smallFirmShare: null })
    // The partner's own home reads the same scorecard.
    expect(await getOwnScorecard(await actorFor(partnerUser.id), partner.id, period)).toMatchObject(byHand)
    await expect(getOwnScorecard(await actorFor(firmUser.id), partner.id, period)).rejects.toMatchObject({ status: 404 })
  })

  test('/staff/partners shows it, sorts it and exports it', async () => {
    const visitor = await signedIn(moderator.email)
    const page = await visitor.get(`/staff/partners?from=${FROM}&to=${TO}&sort=charterShare&dir=desc`)
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('Aciéries du Grésivaudan')
    expect(html).not.toContain('Papeteries du Léman')
    expect(html).toMatch(/aria-sort="descending"/)
    // The sorted column's link turns the order around.
    expect(html).toContain('sort=charterShare&amp;dir=asc')

    const rows = await csvOf(visitor, `/staff/partners?from=${FROM}&to=${TO}&format=csv&separator=semicolon`)
    const [header, ...body] = rows
    expect(body.map((row) => row[0])).toEqual(['Aciéries du Grésivaudan', 'Banque des Alpes'])
    const record = Object.fromEntries(header.map((name, index) => [name, body[0][index]]))
    const number = (name: string) => Number(record[name])
    expect(record['Partenaire']).toBe('Aciéries du Grésivaudan')
    expect(number('Délai de la charte (jours)')).toBe(10)
    expect(number('Besoins publiés')).toBe(byHand.needsPublished)
    expect(number('Candidatures reçues')).toBe(byHand.applicationsReceived)
    expect(number('Première réponse, médiane (jours)')).toBe(byHand.responseMedianDays)
    expect(number('Première réponse, 9ᵉ décile (jours)')).toBe(byHand.responseP90Days)
    expect(number('Part décidée dans le délai')).toBeCloseTo(byHand.charterShare, 10)
    expect(number('Réponses en retard aujourd’hui')).toBe(byHand.lateNow)
    expect(number('Invitations envoyées')).toBe(byHand.invitationsSent)
    expect(number('Pilotes lancés')).toBe(byHand.pilotsStarted)
    expect(number('Pilotes réussis')).toBe(byHand.pilotsSucceeded)
    expect(number('Contrats signés')).toBe(byHand.contractsSigned)
    expect(number('Valeur des contrats (€)')).toBe(byHand.contractValueEur)
    expect(number('Part vers les entreprises de 1 à 10 M€')).toBeCloseTo(byHand.smallFirmShare, 10)
    expect(number('Part vers les entreprises du hub')).toBeCloseTo(byHand.hubFirmShare, 10)
    // An empty figure is an empty cell, not 0.
    expect(body[1][header.indexOf('Part décidée dans le délai')]).toBe('')

    const audit = await prisma.auditLog.findFirst({ where: { actorId: moderator.id, action: 'export.csv' }, orderBy: { createdAt: 'desc' } })
    expect(audit).toMatchObject({ hubId: hubH.id })
  })

  test('the partner’s page: its figures and its needs, by hand, in HTML and CSV', async () => {
    const visitor = await signedIn(moderator.email)
    const page = await visitor.get(`/staff/partners/${partner.id}?from=${FROM}&to=${TO}`)
    expect(page.status).toBe(200)
    const html = await page.text()
    for (const title of ['Supervision des fours', 'Jumeau numérique du laminoir', 'Maintenance des ponts roulants']) expect(html).toContain(title)
    expect(html).not.toContain('Brouillon')
    expect(html).toContain('Ce que mesurent ces chiffres')

    const [header, ...body] = await csvOf(visitor, `/staff/partners/${partner.id}?from=${FROM}&to=${TO}&format=csv&separator=semicolon`)
    const byTitle = new Map(body.map((row) => [row[0], Object.fromEntries(header.map((name, index) => [name, row[index]]))]))
    expect([...byTitle.keys()].sort()).toEqual(['Jumeau numérique du laminoir', 'Maintenance des ponts roulants', 'Supervision des fours'])
    // N1: A1 (2 days), A2 (6), A7 (2): median 2, 90th percentile 2 + (6 − 2) × 0.8 = 5.2; on time A1, A2 of 3.
    expect(byTitle.get('Supervision des fours')).toMatchObject({
      'Candidatures reçues': '3',
      'Candidatures avec réponse': '3',
      'Première réponse, médiane (jours)': '2',
      'Première réponse, 9ᵉ décile (jours)': String(Math.round((2 + (6 - 2) * 0.8) * 10) / 10),
      'Réponses dues': '3',
      'Décidées dans le délai': '2',
    })
    // N2: A3 (4 days, decided late), A4 (never answered, late).
    expect(byTitle.get('Jumeau numérique du laminoir')).toMatchObject({
      'Candidatures reçues': '2',
      'Première réponse, médiane (jours)': '4',
      'Réponses dues': '2',
      'Décidées dans le délai': '0',
      'Part décidée dans le délai': '0',
    })
    // N3: published before the period; A5 withdrawn: nothing to measure.
    expect(byTitle.get('Maintenance des ponts roulants')).toMatchObject({ 'Candidatures reçues': '1', 'Première réponse, médiane (jours)': '', 'Part décidée dans le délai': '' })
  })
})

describe('who sees a scorecard', () => {
  test('staff of another hub: 404; the partner’s members and firms: 403 on the staff pages', async () => {
    expect((await (await signedIn(moderatorH2.email)).get(`/staff/partners/${partner.id}`)).status).toBe(404)
    const h2List = await (await signedIn(moderatorH2.email)).get('/staff/partners')
    expect(h2List.status).toBe(200)
    expect(await h2List.text()).not.toContain('Aciéries du Grésivaudan')
    const own = await signedIn(partnerUser.email)
    expect((await own.get('/staff/partners')).status).toBe(403)
    expect((await own.get(`/staff/partners/${partner.id}`)).status).toBe(403)
    expect((await (await signedIn(firmUser.email)).get(`/staff/partners?format=csv`)).status).toBe(403)
  })

  test('members read the charter compliance on the profile only where the hub shows it', async () => {
    const firm = await signedIn(firmUser.email)
    const hidden = await (await firm.get(`/orgs/${partner.slug}`)).text()
    expect(hidden).not.toContain('Respect de la charte')
    await prisma.hub.update({ where: { id: hubH.id }, data: { showCharterCompliance: true } })
    const shown = await (await firm.get(`/orgs/${partner.slug}`)).text()
    expect(shown).toContain('Respect de la charte')
    expect(shown).toContain('2 réponses en retard aujourd’hui.')
    await prisma.hub.update({ where: { id: hubH.id }, data: { showCharterCompliance: false } })
  })
})
