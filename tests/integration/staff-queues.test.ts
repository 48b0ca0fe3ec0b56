import { parse } from 'csv-parse/sync'
import { beforeAll, describe, expect, test } from 'vitest'
import { ALGORITHM_VERSION } from '#app/modules/matching/engine/config'
import { getMonthFigures, getStaffQueues } from '#app/modules/staff/queues.server'
import { STAFF_QUEUES, type StaffQueue } from '#app/modules/staff/queues'
import { prisma } from '#app/utils/db.server'
import { createHub, createMember, createNeed, createOrganisation, createStaff } from '#tests/factories'
import { actorFor } from '#tests/helpers/actor'
import { signedIn, type Visitor } from '#tests/helpers/app'

/**
 * The staff home's daily queues: each lists what waits in the actor's hubs, oldest first, as the
 * page it links to would (hub H2's moderator never sees hub H's items), its tab counts what it
 * lists, and its CSV export holds the same rows in the same order. The month's figures count the
 * hub's needs, applications, decisions within the charter and contracts.
 */
const DAY = 86_400_000
const ago = (days: number) => new Date(Date.now() - days * DAY)

interface Side {
  hubId: string
  expected: Record<StaffQueue, string[]>
}

async function side(label: string): Promise<Side> {
  const hub = await createHub()
  const partner = await createMember(hub.id, 'PARTNER')
  const firms = await Promise.all([1, 2, 3].map(() => createOrganisation(hub.id, 'FIRM')))
  const need = (overrides: Parameters<typeof createNeed>[3]) => createNeed(partner.organisation.id, hub.id, partner.user.id, overrides)

  // Moderation: two submitted needs and a submitted revision of a published one, dated apart.
  const submittedLate = await need({ status: 'SUBMITTED', title: `${label} soumis il y a trois jours`, submittedAt: ago(3) })
  const submittedRecent = await need({ status: 'SUBMITTED', title: `${label} soumis hier`, submittedAt: ago(1) })
  const revised = await need({
    status: 'PUBLISHED',
    title: `${label} révisé`,
    submittedAt: ago(30),
    publishedAt: ago(29),
    pendingRevision: { state: 'SUBMITTED', data: {} },
    revisionSubmittedAt: ago(2),
  })
  await need({ status: 'PUBLISHED', title: `${label} révision à reprendre`, submittedAt: ago(30), publishedAt: ago(29), pendingRevision: { state: 'CHANGES_REQUESTED', data: {} }, revisionSubmittedAt: ago(5) })

  // Verification: pending organisations, the oldest sign-up first; a verified one is not listed.
  const pendingOld = await createOrganisation(hub.id, 'FIRM', { status: 'PENDING', createdAt: ago(9) })
  const pendingNew = await createOrganisation(hub.id, 'PARTNER', { status: 'PENDING', createdAt: ago(4) })

  // Curation: curated published needs with suggestions, the earliest published first.
  const curatedOld = await need({ status: 'PUBLISHED', matchingMode: 'CURATED', title: `${label} sur sélection ancien`, publishedAt: ago(12) })
  const curatedNew = await need({ status: 'PUBLISHED', matchingMode: 'CURATED', title: `${label} sur sélection récent`, publishedAt: ago(6) })
  const curatedDone = await need({ status: 'PUBLISHED', matchingMode: 'CURATED', title: `${label} sur sélection traité`, publishedAt: ago(20) })
  const match = (needId: string, firmId: string, status: 'SUGGESTED' | 'APPROVED' | 'REJECTED' = 'SUGGESTED', algorithmVersion = ALGORITHM_VERSION) =>
    prisma.match.create({ data: { needId, firmId, score: 70, breakdown: { reasons: [] }, algorithmVersion, status, inNeedTop: true } })
  await match(curatedOld.id, firms[0]!.id)
  await match(curatedOld.id, firms[1]!.id)
  await match(curatedNew.id, firms[0]!.id)
  await match(curatedNew.id, firms[1]!.id, 'APPROVED')
  await match(curatedDone.id, firms[0]!.id, 'REJECTED')
  await match(curatedDone.id, firms[1]!.id, 'SUGGESTED', 'an-older-engine')

  // Screening: applications to a screened need, submitted or being screened; a shortlisted one is past it.
  const screened = await need({ status: 'PUBLISHED', screeningRequired: true, title: `${label} filtré`, publishedAt: ago(15) })
  const application = (needId: string, firmId: string, status: 'SUBMITTED' | 'SCREENING' | 'SHORTLISTED' | 'ACCEPTED', submittedAt: Date, decidedAt?: Date) =>
    prisma.application.create({ data: { needId, firmId, createdById: partner.user.id, status, submittedAt, decidedAt, approach: 'Une approche.' } })
  const screenOld = await application(screened.id, firms[0]!.id, 'SCREENING', ago(8))
  const screenNew = await application(screened.id, firms[1]!.id, 'SUBMITTED', ago(2))
  await application(screened.id, firms[2]!.id, 'SHORTLISTED', ago(9))

  // Late: undecided past the charter's 15 days; a recent one and a decided one are not late.
  const open = await need({ status: 'PUBLISHED', title: `${label} ouvert`, publishedAt: ago(60) })
  const lateMost = await application(open.id, firms[0]!.id, 'SUBMITTED', ago(40))
  const lateLess = await application(open.id, firms[1]!.id, 'SHORTLISTED', ago(20))
  await application(open.id, firms[2]!.id, 'SUBMITTED', ago(1))

  return {
    hubId: hub.id,
    expected: {
      moderation: [submittedLate.id, revised.id, submittedRecent.id],
      verification: [pendingOld.id, pendingNew.id],
      curation: [curatedOld.id, curatedNew.id],
      screening: [screenOld.id, screenNew.id],
      late: [lateMost.id, lateLess.id],
    },
  }
}

let h: Side
let h2: Side
let mod: Visitor
let mod2: Visitor
let modId: string
let mod2Id: string

beforeAll(async () => {
  h = await side('H')
  h2 = await side('H2')
  const moderator = await createStaff(h.hubId)
  const moderator2 = await createStaff(h2.hubId)
  modId = moderator.id
  mod2Id = moderator2.id
  mod = await signedIn(moderator.email)
  mod2 = await signedIn(moderator2.email)
})

const rowIdsOf = (html: string) => [...html.matchAll(/data-queue-row="([^"]+)"/g)].map((found) => found[1]!)
const tabCountOf = (html: string, queue: StaffQueue) => {
  const found = new RegExp(`href="/staff\\?queue=${queue}"[^>]*>[^<]*<span[^>]*>([^<]+)</span>`).exec(html)
  return found ? Number(found[1]) : null
}

describe('the staff home’s queues', () => {
  test.each(STAFF_QUEUES)('%s: oldest first, the hub’s own items, its count its length', async (queue) => {
    for (const [visitor, own, other] of [
      [mod, h, h2],
      [mod2, h2, h],
    ] as const) {
      const response = await visitor.get(`/staff?queue=${queue}`)
      expect(response.status).toBe(200)
      const html = await response.text()
      const ids = rowIdsOf(html)
      expect(ids).toEqual(own.expected[queue])
      for (const foreign of other.expected[queue]) expect(html).not.toContain(foreign)
      // The tab of every queue counts its list.
      for (const name of STAFF_QUEUES) expect(tabCountOf(html, name)).toBe(own.expected[name].length)
      expect(html).toMatch(new RegExp(`href="/staff\\?queue=${queue}"[^>]*aria-current="page"|aria-current="page"[^>]*href="/staff\\?queue=${queue}"`))
    }
  })

  test('the service lists what the page shows', async () => {
    const queues = await getStaffQueues(await actorFor(modId))
    for (const queue of STAFF_QUEUES) expect(queues[queue].map((row) => row.id)).toEqual(h.expected[queue])
    // Each row links where staff act: the need, its suggestions, the application.
    expect(queues.curation[0]!.href).toBe(`/needs/${h.expected.curation[0]}/recommendations?status=SUGGESTED`)
    expect(queues.curation.map((row) => row.detail.values?.count)).toEqual([2, 1])
    expect(queues.screening[0]!.href).toBe(`/applications/${h.expected.screening[0]}`)
  })

  test('an unknown queue shows the first one; an empty queue says so in French', async () => {
    const html = await (await mod.get('/staff?queue=nimporte')).text()
    expect(rowIdsOf(html)).toEqual(h.expected.moderation)
    const hub = await createHub()
    const lonely = await signedIn((await createStaff(hub.id)).email)
    const empty = await (await lonely.get('/staff?queue=moderation')).text()
    expect(empty).toContain('Rien à modérer\u202f: tout est à jour.')
    expect(rowIdsOf(empty)).toEqual([])
  })

  test.each(STAFF_QUEUES)('%s as CSV: the same rows in the same order, parsed back', async (queue) => {
    const response = await mod.get(`/staff?queue=${queue}&format=csv&separator=semicolon`)
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toMatch(/^text\/csv/)
    expect(response.headers.get('Content-Disposition')).toMatch(new RegExp(`attachment; filename="queue-${queue}-\\d{4}-\\d{2}-\\d{2}\\.csv"`))
    const bytes = new Uint8Array(await response.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const records: string[][] = parse(Buffer.from(bytes), { bom: true, delimiter: ';' })
    const [header, ...rows] = records
    expect(header![0]).toBe('En attente depuis le')
    expect(header!.at(-1)).toBe('Lien')
    // Each row's link names its record (an organisation to verify links to the verification page: its name then).
    const links = rows.map((row) => new URL(row.at(-1)!))
    if (queue === 'verification') {
      const names = await prisma.organisation.findMany({ where: { id: { in: h.expected.verification } }, select: { id: true, name: true } })
      expect(rows.map((row) => row[header!.indexOf('Organisation')])).toEqual(h.expected.verification.map((id) => names.find((org) => org.id === id)!.name))
      expect(links.every((link) => link.pathname === '/staff/organisations')).toBe(true)
    } else {
      expect(links.map((link) => link.pathname.split('/')[2])).toEqual(h.expected[queue])
    }
    expect(rows).toHaveLength(h.expected[queue].length)
    // Oldest first in the file too.
    const dates = rows.map((row) => Date.parse(row[0]!))
    expect([...dates].sort((a, b) => a - b)).toEqual(dates)
    const audit = await prisma.auditLog.findFirst({ where: { actorId: modId, action: 'export.csv', targetId: `queue-${queue}` } })
    expect(audit?.after).toMatchObject({ path: '/staff', rows: rows.length })
  })

  test('hub H2’s moderator exports only hub H2’s rows', async () => {
    const response = await mod2.get('/staff?queue=late&format=csv')
    const records: string[][] = parse(Buffer.from(await response.arrayBuffer()), { bom: true })
    const links = records.slice(1).map((row) => row.at(-1)!)
    expect(links).toEqual(h2.expected.late.map((id) => `http://localhost:3000/applications/${id}`))
    void mod2Id
  })
})

describe('the month’s key figures', () => {
  test('needs published, applications, decisions within the charter, contracts and their value, this month and last', async () => {
    const now = new Date('2026-12-15T12:00:00Z')
    const hub = await createHub({ charterResponseDays: 10 })
    const shared = await createHub()
    const partner = await createMember(hub.id, 'PARTNER')
    const otherPartner = await createMember(shared.id, 'PARTNER')
    const firm = await createOrganisation(hub.id, 'FIRM')
    const firm2 = await createOrganisation(hub.id, 'FIRM')
    const admin = await createStaff(hub.id, 'ADMIN')
    const thisMonth = new Date('2026-12-03T10:00:00Z')
    const lastMonth = new Date('2026-11-10T10:00:00Z')
    const needNow = await createNeed(partner.organisation.id, hub.id, partner.user.id, { status: 'PUBLISHED', publishedAt: thisMonth })
    await createNeed(partner.organisation.id, hub.id, partner.user.id, { status: 'PUBLISHED', publishedAt: lastMonth })
    // A need of another hub shared with this one counts for it too.
    const sharedNeed = await createNeed(otherPartner.organisation.id, shared.id, otherPartner.user.id, { status: 'PUBLISHED', publishedAt: thisMonth })
    await prisma.needShare.create({ data: { needId: sharedNeed.id, hubId: hub.id } })
    // Not published this month: a draft and another hub's unshared need.
    await createNeed(partner.organisation.id, hub.id, partner.user.id, { status: 'DRAFT' })
    await createNeed(otherPartner.organisation.id, shared.id, otherPartner.user.id, { status: 'PUBLISHED', publishedAt: thisMonth })

    const apply = (needId: string, firmId: string, submittedAt: Date, status: 'SUBMITTED' | 'ACCEPTED' | 'DECLINED', decidedAt?: Date) =>
      prisma.application.create({ data: { needId, firmId, createdById: partner.user.id, status, submittedAt, decidedAt } })
    // Decided within 10 days, decided after 12 days (both this month), one undecided.
    const accepted = await apply(needNow.id, firm.id, new Date('2026-12-04T09:00:00Z'), 'ACCEPTED', new Date('2026-12-08T09:00:00Z'))
    await apply(needNow.id, firm2.id, new Date('2026-11-28T09:00:00Z'), 'DECLINED', new Date('2026-12-10T09:00:00Z'))
    await apply(sharedNeed.id, firm.id, new Date('2026-12-05T09:00:00Z'), 'SUBMITTED')
    await prisma.deal.create({ data: { applicationId: accepted.id, status: 'CONTRACT', contractValueEur: 48_000, contractSignedAt: new Date('2026-12-12T09:00:00Z') } })

    const figures = await getMonthFigures(await actorFor(admin.id), now)
    expect(figures.current.month).toBe('2026-12')
    expect(figures.previous.month).toBe('2026-11')
    expect(figures.current.figures).toEqual({
      needsPublished: 2,
      applications: 2,
      decided: 2,
      decidedWithinCharter: 1,
      withinCharterPercent: 50,
      contracts: 1,
      contractValueEur: 48_000,
    })
    expect(figures.previous.figures).toEqual({
      needsPublished: 1,
      applications: 1,
      decided: 0,
      decidedWithinCharter: 0,
      withinCharterPercent: null,
      contracts: 0,
      contractValueEur: 0,
    })
  })

  test('the home shows them in French', async () => {
    const html = await (await mod.get('/staff')).text()
    expect(html).toContain('Les chiffres du mois')
    expect(html).toContain('Décisions rendues dans le délai de la charte')
    expect(html).toContain('data-figure="current-needsPublished"')
  })
})
