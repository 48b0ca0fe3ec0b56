import { beforeAll, describe, expect, test } from 'vitest'
import { getOwnScorecard, listPartnerScorecards } from '#app/modules/analytics/scorecard.server'
import { loadActors } from '#app/modules/auth/actors.server'
import { buildDigests } from '#app/modules/digests/build.server'
import { parseWithZod } from '@conform-to/zod/v4'
import { needFormSchema } from '#app/modules/needs/schema'
import { addPitchAttachment } from '#app/modules/pitches/attachments.server'
import { createNeedFromPitch } from '#app/modules/pitches/service.server'
import { sendPitchCharterReminders } from '#app/modules/pitches/reminders.server'
import { prisma } from '#app/utils/db.server'
import { createHub, createMember, createStaff, createUser, needFormFields } from '#tests/factories'
import { actorFor } from '#tests/helpers/actor'
import { signedIn, type Visitor } from '#tests/helpers/app'
import { pdfWith } from '#tests/helpers/access/world'

/**
 * Pitches without a need (issue 14, decision 0028), through the routes: a firm of hub H pitches
 * partner P, H's staff ask for changes then send it, P answers; who sees the pitch (lists, page,
 * attachments) at each step; a decline needs a reason; a need made from the pitch is linked to
 * it; the pitch counts in P's scorecard.
 */
let hubH: { id: string }
let partner: { id: string; slug: string }
let firm: { id: string }
let otherPartnerOrg: { id: string }
const users = {} as Record<'firmOwner' | 'firmMember' | 'partnerOwner' | 'mod' | 'mod2' | 'staffInPartner' | 'otherFirm' | 'otherPartner', { id: string; email: string }>
const visitors = {} as Record<keyof typeof users, Visitor>
let pitchId: string
let attachmentId: string

const TITLE = 'Détection précoce du givrage des câbles'
const PROBLEM = 'Le givrage des câbles arrête les remontées plusieurs jours par hiver, sans prévenir.'
const OFFER = 'Des capteurs acoustiques sur les pylônes et un modèle d’alerte, en pilote sur une ligne.'

function idFrom(location: string | null) {
  const match = /\/pitches\/([^/?]+)/.exec(location ?? '')
  if (!match) throw new Error(`no pitch in ${location}`)
  return match[1]!
}

/** The status of each persona's request for a path. */
async function statuses(path: string, who: Array<keyof typeof users>) {
  const result: Record<string, number> = {}
  for (const name of who) result[name] = (await visitors[name].get(path)).status
  return result
}

async function listed(name: keyof typeof users, path: string) {
  const response = await visitors[name].get(path)
  return response.status === 200 && (await response.text()).includes(TITLE)
}

const everyone = ['firmOwner', 'firmMember', 'partnerOwner', 'mod', 'mod2', 'staffInPartner', 'otherFirm', 'otherPartner'] as const

beforeAll(async () => {
  hubH = await createHub({ shortName: 'Hub des pitchs', charterResponseDays: 15 })
  const hubH2 = await createHub({ shortName: 'Autre hub des pitchs' })
  const p = await createMember(hubH.id, 'PARTNER', { organisation: { name: 'Téléphériques du Vercors', charterResponseDays: 10 } })
  partner = p.organisation
  const f = await createMember(hubH.id, 'FIRM', { organisation: { name: 'Acoustique Belledonne' } })
  firm = f.organisation
  const firmMember = await createUser()
  await prisma.membership.create({ data: { userId: firmMember.id, organisationId: firm.id, role: 'MEMBER' } })
  const mod = await createStaff(hubH.id, 'MODERATOR')
  const mod2 = await createStaff(hubH2.id, 'MODERATOR')
  // Staff of H who also belongs to the partner: never the pitch's moderator (conflict of interest).
  const staffInPartner = await createStaff(hubH.id, 'MODERATOR')
  await prisma.membership.create({ data: { userId: staffInPartner.id, organisationId: partner.id, role: 'MEMBER' } })
  const otherFirm = await createMember(hubH.id, 'FIRM', { organisation: { name: 'Autre entreprise' } })
  const otherPartner = await createMember(hubH.id, 'PARTNER', { organisation: { name: 'Autre partenaire' } })
  otherPartnerOrg = otherPartner.organisation
  Object.assign(users, {
    firmOwner: f.user,
    firmMember,
    partnerOwner: p.user,
    mod,
    mod2,
    staffInPartner,
    otherFirm: otherFirm.user,
    otherPartner: otherPartner.user,
  })
  for (const name of everyone) visitors[name] = await signedIn(users[name].email)
})

describe('a pitch from draft to answer', () => {
  test('a plain member of a verified firm opens the editor, the partner preselected', async () => {
    const response = await visitors.firmMember.get(`/pitches/new?partner=${partner.id}`)
    expect(response.status).toBe(200)
    expect(await response.text()).toMatch(new RegExp(`<option value="${partner.id}" selected`))
    // A partner is no firm: no pitching.
    expect((await visitors.partnerOwner.get('/pitches/new')).status).toBe(403)
  })

  test('submitting an incomplete pitch is refused field by field, in French', async () => {
    const response = await visitors.firmMember.post('/pitches/new', { intent: 'submit', firmId: firm.id, partnerId: partner.id, title: TITLE, problem: 'Court.', offer: '' })
    expect(response.status).toBe(422)
    const html = await response.text()
    expect(html).toContain('Décrivez le problème en au moins 30')
    expect(html).toContain('Décrivez votre proposition en au moins 30')
    const noPartner = await visitors.firmMember.post('/pitches/new', { intent: 'save', firmId: firm.id, partnerId: '', title: TITLE })
    expect(noPartner.status).toBe(422)
    expect(await noPartner.text()).toContain('Choisissez le partenaire à qui proposer l’idée.')
  })

  test('the draft is the firm’s alone', async () => {
    const response = await visitors.firmMember.post('/pitches/new', { intent: 'save', firmId: firm.id, partnerId: partner.id, title: TITLE, problem: PROBLEM, offer: OFFER, referencesText: 'Deux stations de Chartreuse.' })
    expect(response.status).toBe(302)
    pitchId = idFrom(response.headers.get('Location'))
    const attachment = await addPitchAttachment(await actorFor(users.firmOwner.id), pitchId, { name: 'offre-givrage.pdf', bytes: pdfWith('offre givrage') })
    attachmentId = attachment.id
    expect(await statuses(`/pitches/${pitchId}`, [...everyone])).toEqual({
      firmOwner: 200,
      firmMember: 200,
      partnerOwner: 404,
      mod: 404,
      mod2: 404,
      staffInPartner: 404,
      otherFirm: 404,
      otherPartner: 404,
    })
    expect(await listed('firmOwner', '/pitches')).toBe(true)
    expect(await listed('partnerOwner', '/pitches')).toBe(false)
    expect(await listed('mod', '/staff/pitches')).toBe(false)
  })

  test('submitted: the hub’s staff review it (not the one who belongs to the partner), the partner still knows nothing', async () => {
    expect((await visitors.firmMember.post(`/pitches/${pitchId}`, { intent: 'submit' })).status).toBe(302)
    const pitch = await prisma.pitch.findUniqueOrThrow({ where: { id: pitchId } })
    expect(pitch).toMatchObject({ status: 'SUBMITTED', hubId: hubH.id })
    expect(await statuses(`/pitches/${pitchId}`, [...everyone])).toMatchObject({ firmOwner: 200, mod: 200, partnerOwner: 404, staffInPartner: 404, mod2: 404, otherFirm: 404 })
    expect(await listed('mod', '/staff/pitches')).toBe(true)
    expect(await listed('staffInPartner', '/staff/pitches')).toBe(false)
    expect(await listed('mod2', '/staff/pitches')).toBe(false)
    expect(await listed('partnerOwner', '/pitches')).toBe(false)
    // Told: the hub's staff, with the pitch's id; never the conflicted one.
    const told = await prisma.notification.findMany({ where: { pitchId, kind: 'pitches:submitted' }, select: { userId: true, category: true } })
    expect(told.map((row) => row.userId).sort()).toEqual([users.mod.id].sort())
    expect(told[0]?.category).toBe('STAFF_QUEUES')
    // The partner cannot answer what it may not see.
    expect((await visitors.partnerOwner.post(`/pitches/${pitchId}`, { intent: 'interested' })).status).toBe(404)
    // The firm may not moderate its own pitch.
    expect((await visitors.firmOwner.post(`/pitches/${pitchId}`, { intent: 'approve' })).status).toBe(403)
  })

  test('changes requested, then resubmitted after an edit', async () => {
    const refused = await visitors.mod.post(`/pitches/${pitchId}`, { intent: 'requestChanges', comment: '' })
    expect(refused.status).toBe(422)
    expect((await visitors.mod.post(`/pitches/${pitchId}`, { intent: 'requestChanges', comment: 'Précisez le coût du pilote et sa durée.' })).status).toBe(302)
    expect(await prisma.notification.count({ where: { pitchId, kind: 'pitches:changes-requested', userId: users.firmOwner.id } })).toBe(1)
    const page = await visitors.firmOwner.get(`/pitches/${pitchId}`)
    expect(await page.text()).toContain('Précisez le coût du pilote et sa durée.')
    const edit = await visitors.firmOwner.post(`/pitches/${pitchId}/edit`, { intent: 'submit', firmId: firm.id, partnerId: partner.id, title: TITLE, problem: PROBLEM, offer: `${OFFER} Pilote de trois mois, 18 000 € HT.` })
    expect(edit.status).toBe(302)
    expect(await prisma.pitch.findUniqueOrThrow({ where: { id: pitchId } })).toMatchObject({ status: 'SUBMITTED', moderationComment: null })
  })

  test('sent: the partner sees it with its due date, the firm is told', async () => {
    expect((await visitors.mod.post(`/pitches/${pitchId}`, { intent: 'approve' })).status).toBe(302)
    const pitch = await prisma.pitch.findUniqueOrThrow({ where: { id: pitchId } })
    expect(pitch.status).toBe('SENT')
    expect(pitch.sentAt).toBeInstanceOf(Date)
    expect(await statuses(`/pitches/${pitchId}`, [...everyone])).toEqual({
      firmOwner: 200,
      firmMember: 200,
      partnerOwner: 200,
      mod: 200,
      mod2: 404,
      // A member of the partner reads it as the partner, once sent.
      staffInPartner: 200,
      otherFirm: 404,
      otherPartner: 404,
    })
    const partnerList = await visitors.partnerOwner.get('/pitches')
    const html = await partnerList.text()
    expect(html).toContain(TITLE)
    expect(html).toContain('Réponse attendue')
    expect(await listed('otherPartner', '/pitches')).toBe(false)
    expect(await prisma.notification.count({ where: { pitchId, kind: 'pitches:received', userId: users.partnerOwner.id, category: 'MY_NEEDS' } })).toBe(1)
    expect(await prisma.notification.count({ where: { pitchId, kind: 'pitches:approved', userId: users.firmOwner.id, category: 'MY_APPLICATIONS' } })).toBe(1)
    // The staff member of the partner is told as a partner, never as staff.
    expect(await prisma.notification.count({ where: { pitchId, userId: users.staffInPartner.id, category: 'STAFF_QUEUES' } })).toBe(0)
  })

  test('attachments are served to those who see the pitch only', async () => {
    expect(await statuses(`/pitches/${pitchId}/attachments/${attachmentId}`, [...everyone])).toEqual({
      firmOwner: 200,
      firmMember: 200,
      partnerOwner: 200,
      mod: 200,
      mod2: 404,
      staffInPartner: 200,
      otherFirm: 404,
      otherPartner: 404,
    })
  })

  test('declining needs a reason, with a French message next to the field', async () => {
    const response = await visitors.partnerOwner.post(`/pitches/${pitchId}`, { intent: 'decline', reason: '', comment: '' })
    expect(response.status).toBe(422)
    expect(await response.text()).toContain('Choisissez le motif pour lequel vous déclinez ce pitch.')
    expect((await prisma.pitch.findUniqueOrThrow({ where: { id: pitchId } })).status).toBe('SENT')
  })

  test('interested: a conversation opens, both sides write, the partner creates a need linked to the pitch', async () => {
    expect((await visitors.partnerOwner.post(`/pitches/${pitchId}`, { intent: 'interested', message: 'Parlons-en : pouvez-vous venir en janvier ?' })).status).toBe(302)
    expect(await prisma.pitch.findUniqueOrThrow({ where: { id: pitchId } })).toMatchObject({ status: 'INTERESTED' })
    expect(await prisma.notification.count({ where: { pitchId, kind: 'pitches:interested', userId: users.firmOwner.id } })).toBe(1)
    expect((await visitors.firmMember.post(`/pitches/${pitchId}`, { intent: 'message', message: 'Avec plaisir, la deuxième semaine.' })).status).toBe(302)
    expect(await prisma.notification.count({ where: { pitchId, kind: 'pitches:message', userId: users.partnerOwner.id } })).toBe(1)
    // Staff moderate the pitch, not the talks: they cannot write, and do not read the conversation.
    expect((await visitors.mod.post(`/pitches/${pitchId}`, { intent: 'message', message: 'Bonjour.' })).status).toBe(403)
    expect(await (await visitors.mod.get(`/pitches/${pitchId}`)).text()).not.toContain('la deuxième semaine')

    const prefill = await visitors.partnerOwner.get(`/needs/new?fromPitch=${pitchId}`)
    expect(prefill.status).toBe(200)
    expect(await prefill.text()).toContain(TITLE)
    // Nobody else may make a need from it.
    expect((await visitors.otherPartner.get(`/needs/new?fromPitch=${pitchId}`)).status).toBe(404)
    const saved = await visitors.partnerOwner.post(`/needs/new?fromPitch=${pitchId}`, { ...needFormFields({ title: TITLE }), intent: 'save' })
    expect(saved.status).toBe(302)
    const needId = /\/needs\/([^/?]+)/.exec(saved.headers.get('Location') ?? '')?.[1]
    expect(needId).toBeTruthy()
    expect((await prisma.pitch.findUniqueOrThrow({ where: { id: pitchId } })).needId).toBe(needId)
    expect(await prisma.need.findUniqueOrThrow({ where: { id: needId! } })).toMatchObject({ partnerId: partner.id, title: TITLE })
    // Once linked, the link is offered no more.
    expect((await visitors.partnerOwner.get(`/needs/new?fromPitch=${pitchId}`)).status).toBe(409)
    // A second save from the same pitch, once the first is linked, is refused before anything is
    // written (the concurrent case, two saves at once, is the transaction's: see below).
    const needsBefore = await prisma.need.count({ where: { partnerId: partner.id } })
    const again = await visitors.partnerOwner.post(`/needs/new?fromPitch=${pitchId}`, { ...needFormFields({ title: `${TITLE} (bis)` }), intent: 'save' })
    expect(again.status).toBe(409)
    expect(await again.text()).toContain('Un besoin a déjà été créé à partir de ce pitch')
    expect(await prisma.need.count({ where: { partnerId: partner.id } })).toBe(needsBefore)
    expect((await prisma.pitch.findUniqueOrThrow({ where: { id: pitchId } })).needId).toBe(needId)
  })
})

describe('a declined pitch and the scorecard', () => {
  test('a second pitch declined with a reason; both count in the partner’s scorecard', async () => {
    const created = await visitors.firmOwner.post('/pitches/new', { intent: 'submit', firmId: firm.id, partnerId: partner.id, title: 'Un second pitch sur la neige de culture', problem: PROBLEM, offer: OFFER })
    expect(created.status).toBe(302)
    const second = idFrom(created.headers.get('Location'))
    expect((await visitors.mod.post(`/pitches/${second}`, { intent: 'approve' })).status).toBe(302)
    expect((await visitors.partnerOwner.post(`/pitches/${second}`, { intent: 'decline', reason: 'TIMING', comment: '' })).status).toBe(302)
    expect(await prisma.pitch.findUniqueOrThrow({ where: { id: second } })).toMatchObject({ status: 'DECLINED', declineReason: 'TIMING' })
    expect(await prisma.notification.count({ where: { pitchId: second, kind: 'pitches:declined', userId: users.firmOwner.id } })).toBe(1)
    // Answered: nothing more to do for anyone.
    expect((await visitors.partnerOwner.post(`/pitches/${second}`, { intent: 'interested' })).status).toBe(409)
    expect((await visitors.firmOwner.post(`/pitches/${second}`, { intent: 'withdraw' })).status).toBe(409)

    // A third one, rejected by staff with a reason: never the partner's.
    const third = idFrom(
      (await visitors.firmOwner.post('/pitches/new', { intent: 'submit', firmId: firm.id, partnerId: partner.id, title: 'Un troisième pitch refusé', problem: PROBLEM, offer: OFFER })).headers.get('Location'),
    )
    expect((await visitors.mod.post(`/pitches/${third}`, { intent: 'reject', comment: '' })).status).toBe(422)
    expect((await visitors.mod.post(`/pitches/${third}`, { intent: 'reject', comment: 'Hors du champ des partenaires de l’association.' })).status).toBe(302)
    expect((await visitors.partnerOwner.get(`/pitches/${third}`)).status).toBe(404)

    const now = new Date()
    const period = { start: new Date(now.getTime() - 86_400_000), end: new Date(now.getTime() + 86_400_000) }
    const own = await getOwnScorecard(await actorFor(users.partnerOwner.id), partner.id, period, now)
    expect(own).toMatchObject({ pitchesReceived: 2, pitchesAnswered: 2, pitchesCharterCounted: 2, pitchesOnTime: 2, pitchesShare: 1, pitchesLateNow: 0 })
    const list = await listPartnerScorecards(await actorFor(users.mod.id), { period, sort: 'pitchesReceived', dir: 'desc' })
    expect(list.rows.find((row) => row.id === partner.id)).toMatchObject({ pitchesReceived: 2, pitchesShare: 1 })
    const csv = await visitors.mod.get('/staff/partners?format=csv')
    expect(csv.status).toBe(200)
    expect(await csv.text()).toContain('Pitchs reçus')
  })

  test('an unanswered pitch sent long ago is late now, on the lists and in the scorecard', async () => {
    const created = await visitors.firmOwner.post('/pitches/new', { intent: 'submit', firmId: firm.id, partnerId: partner.id, title: 'Un pitch resté sans réponse', problem: PROBLEM, offer: OFFER })
    const late = idFrom(created.headers.get('Location'))
    expect((await visitors.mod.post(`/pitches/${late}`, { intent: 'approve' })).status).toBe(302)
    await prisma.pitch.update({ where: { id: late }, data: { sentAt: new Date(Date.now() - 30 * 86_400_000) } })
    expect(await (await visitors.partnerOwner.get('/pitches')).text()).toContain('En retard de')
    const now = new Date()
    const own = await getOwnScorecard(await actorFor(users.partnerOwner.id), partner.id, { start: new Date(now.getTime() - 86_400_000), end: now }, now)
    expect(own.pitchesLateNow).toBe(1)
  })
})

describe('the charter’s reminders for pitches', () => {
  test('two days before the due day, the partner’s members are reminded once', async () => {
    const created = await visitors.firmOwner.post('/pitches/new', { intent: 'submit', firmId: firm.id, partnerId: partner.id, title: 'Un pitch à rappeler', problem: PROBLEM, offer: OFFER })
    const id = idFrom(created.headers.get('Location'))
    expect((await visitors.mod.post(`/pitches/${id}`, { intent: 'approve' })).status).toBe(302)
    // Sent eight days ago at noon (Paris), delay of ten days: due in two days.
    const now = new Date()
    await prisma.pitch.update({ where: { id }, data: { sentAt: new Date(now.getTime() - 8 * 86_400_000) } })
    expect(await sendPitchCharterReminders(now)).toBeGreaterThanOrEqual(1)
    expect(await sendPitchCharterReminders(now)).toBe(0)
    const told = await prisma.notification.findMany({ where: { pitchId: id, kind: 'pitches:charter-soon' }, select: { userId: true } })
    expect(told.map((row) => row.userId).sort()).toEqual([users.partnerOwner.id, users.staffInPartner.id].sort())
  })
})

describe('the digest asks the pitch page’s rule again', () => {
  test('a pitch notification is left out once the person may no longer open the pitch', async () => {
    const userId = users.firmMember.id
    await prisma.notificationSetting.create({ data: { userId, category: 'MY_APPLICATIONS', channel: 'DIGEST' } })
    const notification = await prisma.notification.create({
      data: { userId, kind: 'pitches:approved', payload: { title: TITLE, other: 'Téléphériques du Vercors' }, link: `/pitches/${pitchId}`, category: 'MY_APPLICATIONS', pitchId },
      select: { id: true },
    })
    const digestOf = async () => {
      const at = new Date(Date.now() + 1000)
      const [digest] = await buildDigests([{ userId, period: 'test-pitches', frequency: 'DAILY' }], await loadActors([userId]), at, at)
      return (digest?.updates.items ?? []).map((item) => item.id)
    }
    expect(await digestOf()).toContain(notification.id)
    // The plain member leaves the firm: the pitch is no longer theirs to read.
    await prisma.membership.deleteMany({ where: { userId, organisationId: firm.id } })
    expect((await visitors.firmMember.get(`/pitches/${pitchId}`)).status).toBe(404)
    expect(await digestOf()).not.toContain(notification.id)
  })
})

describe('the staff queue puts the pitches waiting for review first, and pages the others', () => {
  test('a pitch under review, changed long before sixty others, is on top of the first page; the others are paged; the CSV has them all', async () => {
    const created = await visitors.firmOwner.post('/pitches/new', { intent: 'submit', firmId: firm.id, partnerId: otherPartnerOrg.id, title: 'Le plus ancien pitch à relire', problem: PROBLEM, offer: OFFER })
    const waiting = idFrom(created.headers.get('Location'))
    // Changed long ago: the oldest row of the hub's queue.
    await prisma.pitch.update({ where: { id: waiting }, data: { updatedAt: new Date('2020-01-01T10:00:00Z') } })
    const sentAt = new Date()
    await prisma.pitch.createMany({
      data: Array.from({ length: 60 }, (_, index) => ({
        firmId: firm.id,
        partnerId: otherPartnerOrg.id,
        hubId: hubH.id,
        createdById: users.firmOwner.id,
        status: 'SENT' as const,
        title: `Pitch envoyé numéro ${String(index).padStart(2, '0')}`,
        problem: PROBLEM,
        offer: OFFER,
        submittedAt: sentAt,
        sentAt,
      })),
    })
    const first = await (await visitors.mod.get('/staff/pitches')).text()
    expect(first).toContain('Le plus ancien pitch à relire')
    expect(first).toContain('page=2')
    expect(first).toContain('autres suivent, page par page')
    const titles = (html: string) => [...html.matchAll(/Pitch envoyé numéro (\d\d)/g)].map((match) => match[1])
    const second = await (await visitors.mod.get('/staff/pitches?page=2')).text()
    expect(second).not.toContain('Le plus ancien pitch à relire')
    const shown = new Set([...titles(first), ...titles(second), ...titles(await (await visitors.mod.get('/staff/pitches?page=3')).text())])
    expect(shown.size).toBe(60)
    const csv = await (await visitors.mod.get('/staff/pitches?format=csv')).text()
    expect(new Set(titles(csv)).size).toBe(60)
    expect(csv).toContain('Le plus ancien pitch à relire')
    // Filtered on review: only those, all of them.
    const review = await (await visitors.mod.get('/staff/pitches?status=SUBMITTED')).text()
    expect(review).toContain('Le plus ancien pitch à relire')
    expect(titles(review)).toHaveLength(0)
  })
})

describe('a need from a pitch, saved twice at once', () => {
  test('two tabs save at the same moment: one need is saved and linked, the other refused with nothing written', async () => {
    const created = await visitors.firmOwner.post('/pitches/new', { intent: 'submit', firmId: firm.id, partnerId: partner.id, title: 'Un pitch pour deux onglets', problem: PROBLEM, offer: OFFER })
    const id = idFrom(created.headers.get('Location'))
    expect((await visitors.mod.post(`/pitches/${id}`, { intent: 'approve' })).status).toBe(302)
    expect((await visitors.partnerOwner.post(`/pitches/${id}`, { intent: 'interested' })).status).toBe(302)
    const submission = parseWithZod(new URLSearchParams(Object.entries(needFormFields({ title: 'Besoin né de deux onglets' })).flatMap(([key, value]) => (Array.isArray(value) ? value.map((v) => [key, v]) : [[key, value]]))), { schema: needFormSchema })
    if (submission.status !== 'success') throw new Error('the need form fields do not parse')
    const actor = await actorFor(users.partnerOwner.id)
    const results = await Promise.allSettled([createNeedFromPitch(actor, id, submission.value, { submit: false }), createNeedFromPitch(actor, id, submission.value, { submit: false })])
    const saved = results.filter((result) => result.status === 'fulfilled')
    const refused = results.filter((result) => result.status === 'rejected')
    expect(saved).toHaveLength(1)
    expect(refused).toHaveLength(1)
    // Refused by the link's compare-and-set in the need's transaction, not by the check before it.
    expect((refused[0] as PromiseRejectedResult).reason).toMatchObject({ status: 409, messageKey: 'pitches.errors.needLinkConflict' })
    const needs = await prisma.need.findMany({ where: { partnerId: partner.id, title: 'Besoin né de deux onglets' }, select: { id: true } })
    expect(needs).toHaveLength(1)
    expect((await prisma.pitch.findUniqueOrThrow({ where: { id } })).needId).toBe(needs[0]!.id)
    expect(await prisma.auditLog.count({ where: { action: 'pitch.need', targetId: id } })).toBe(1)
  })
})

describe('attachments uploaded at once', () => {
  test('twelve uploads in parallel leave ten attachments, the others refused', async () => {
    const created = await visitors.firmOwner.post('/pitches/new', { intent: 'save', firmId: firm.id, partnerId: partner.id, title: 'Un pitch aux nombreuses pièces', problem: PROBLEM, offer: OFFER })
    const id = idFrom(created.headers.get('Location'))
    const actor = await actorFor(users.firmOwner.id)
    const results = await Promise.allSettled(Array.from({ length: 12 }, (_, index) => addPitchAttachment(actor, id, { name: `piece-${index}.pdf`, bytes: pdfWith(`pièce ${index}`) })))
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(10)
    expect(results.filter((result) => result.status === 'rejected')).toHaveLength(2)
    expect(await prisma.pitchAttachment.count({ where: { pitchId: id } })).toBe(10)
  })
})
