import { beforeEach, describe, expect, test } from 'vitest'
import { applicationFormSchema } from '#app/modules/applications/schema'
import { applyToNeed } from '#app/modules/applications/service.server'
import { addAttachment } from '#app/modules/attachments/service.server'
import { ALGORITHM_VERSION } from '#app/modules/matching/engine/config'
import { needFormSchema } from '#app/modules/needs/schema'
import { moderateNeed, saveNeed } from '#app/modules/needs/service.server'
import { createApiToken } from '#app/modules/organisations/api-tokens.server'
import { prisma } from '#app/utils/db.server'
import { createHub, createMember, createStaff, needFormFields } from '#tests/factories'
import { actorFor } from '#tests/helpers/actor'
import { Client, signIn } from '#tests/helpers/access/client'
import { pdfWith } from '#tests/helpers/access/world'

/**
 * Decision 0012, item 7 of issue 11: a pending, rejected or suspended organisation only reads.
 * Its members (web) and its API tokens read what it may read; every write on its behalf answers
 * 403 (`organisation_not_verified` in the API) and changes nothing. Each write path is tried as
 * a suspended partner and a suspended firm, and the API as a pending one too.
 */
/** A complete public need (the factories' fields), with the test's changes. */
const needForm = (overrides: Record<string, string> = {}) => needFormSchema.parse(needFormFields(overrides))

const proposal = (intent: 'save' | 'submit') =>
  applicationFormSchema.parse({ intent, approach: 'Notre approche : capteurs vibratoires, modèle d’anomalies et tableau de bord.', timeline: 'Dix semaines', priceEur: '45000' })

let world: Awaited<ReturnType<typeof build>>

async function build() {
  const hub = await createHub()
  const partner = await createMember(hub.id, 'PARTNER')
  const firm = await createMember(hub.id, 'FIRM')
  const moderator = await actorFor((await createStaff(hub.id)).id)
  const partnerActor = await actorFor(partner.user.id)
  const firmActor = await actorFor(firm.user.id)
  const { id: needId } = await saveNeed(partnerActor, null, needForm(), { submit: true })
  await moderateNeed(moderator, { needId, intent: 'publish' })
  const { id: otherNeedId } = await saveNeed(partnerActor, null, needForm({ title: 'Un second besoin de pilote industriel' }), { submit: true })
  await moderateNeed(moderator, { needId: otherNeedId, intent: 'publish' })
  const submitted = await applyToNeed(firmActor, needId, proposal('submit'))
  const draft = await applyToNeed(firmActor, otherNeedId, proposal('save'))
  const attachment = await addAttachment(firmActor, draft.id, { name: 'offre.pdf', bytes: pdfWith('offre') })
  const partnerToken = (await createApiToken(partnerActor, partner.organisation.id, { name: 'Outil achats' })).token
  const firmToken = (await createApiToken(firmActor, firm.organisation.id, { name: 'Outil commercial' })).token
  const match = await prisma.match.create({ data: { needId, firmId: firm.organisation.id, score: 70, breakdown: { reasons: [] }, algorithmVersion: ALGORITHM_VERSION }, select: { id: true } })
  return { hub, partner, firm, needId, otherNeedId, submitted: submitted.id, draft: draft.id, attachment: attachment.id, partnerToken, firmToken, matchId: match.id }
}

beforeEach(async () => {
  world = await build()
})

async function setStatus(organisationId: string, status: 'PENDING' | 'SUSPENDED' | 'VERIFIED') {
  await prisma.organisation.update({ where: { id: organisationId }, data: { status } })
}

/** Everything a refused write could have changed. */
async function snapshot() {
  const [applications, messages, attachments, audit, deals, questions, feedback] = await Promise.all([
    prisma.application.findMany({ orderBy: { id: 'asc' }, select: { id: true, status: true, updatedAt: true } }),
    prisma.message.count(),
    prisma.attachment.count(),
    prisma.auditLog.count(),
    prisma.deal.count(),
    prisma.question.count(),
    prisma.matchFeedback.count(),
  ])
  return JSON.stringify({ applications, messages, attachments, audit, deals, questions, feedback })
}

function api(token: string, method: string, path: string, json?: unknown) {
  return new Client('api').send(method, `/api/v1${path}`, json !== undefined ? { json } : undefined, token)
}

/** A signed-in member, with the access test's client (forms and uploads). */
async function member(email: string) {
  const client = await signIn('member', email)
  return {
    get: (path: string) => client.send('GET', path),
    post: (path: string, form: Record<string, string>) => client.send('POST', path, { form }),
    upload: (path: string) => client.send('POST', path, { multipart: { files: [{ field: 'file', name: 'nouvelle.pdf', type: 'application/pdf', bytes: pdfWith('nouvelle offre') }] } }),
  }
}

describe('a suspended partner only reads (web)', () => {
  test('it reads its need’s applications but decides on none, alone or in bulk', async () => {
    await setStatus(world.partner.organisation.id, 'SUSPENDED')
    const partner = await member(world.partner.user.email)
    expect((await partner.get(`/applications/${world.submitted}`)).status).toBe(200)
    expect((await partner.get(`/needs/${world.needId}/applications`)).status).toBe(200)
    const before = await snapshot()
    for (const intent of ['shortlist', 'accept']) {
      const answer = await partner.post(`/applications/${world.submitted}`, { intent })
      expect(answer.status, intent).toBe(403)
      expect(answer.text).toContain('suspendue')
    }
    expect((await partner.post(`/applications/${world.submitted}`, { intent: 'decline', reason: 'BUDGET', comment: 'Budget insuffisant pour ce pilote.' })).status).toBe(403)
    expect((await partner.post(`/applications/${world.submitted}`, { intent: 'requestInfo', message: 'Pouvez-vous préciser le calendrier ?' })).status).toBe(403)
    expect((await partner.post(`/applications/${world.submitted}`, { intent: 'message', message: 'Un message du partenaire suspendu.' })).status).toBe(403)
    const bulk = await partner.post(`/needs/${world.needId}/applications`, { intent: 'bulkDecline', applicationIds: world.submitted, reason: 'BUDGET', comment: 'Budget insuffisant pour ce pilote.' })
    expect(bulk.status).toBe(403)
    // Nor does it give its opinion on a suggested firm for the organisation.
    expect((await partner.post(`/matches/${world.matchId}/feedback`, { value: 'GOOD_MATCH' })).status).toBe(403)
    expect(await snapshot()).toBe(before)
  })
})

describe('a suspended firm only reads (web)', () => {
  test('it reads its applications but withdraws, writes, uploads and removes nothing', async () => {
    await setStatus(world.firm.organisation.id, 'SUSPENDED')
    const firm = await member(world.firm.user.email)
    expect((await firm.get(`/applications/${world.submitted}`)).status).toBe(200)
    const before = await snapshot()
    expect((await firm.post(`/applications/${world.submitted}`, { intent: 'withdraw' })).status).toBe(403)
    expect((await firm.post(`/applications/${world.submitted}`, { intent: 'message', message: 'Un message de l’entreprise suspendue.' })).status).toBe(403)
    expect((await firm.post(`/applications/${world.draft}`, { intent: 'withdraw' })).status).toBe(403)
    expect((await firm.post(`/applications/${world.draft}`, { intent: 'removeAttachment', attachmentId: world.attachment })).status).toBe(403)
    expect((await firm.upload(`/applications/${world.draft}`)).status).toBe(403)
    expect((await firm.post(`/matches/${world.matchId}/feedback`, { value: 'NOT_RELEVANT' })).status).toBe(403)
    expect(await snapshot()).toBe(before)
  })

  test('once verified again, the same firm acts', async () => {
    await setStatus(world.firm.organisation.id, 'SUSPENDED')
    await setStatus(world.firm.organisation.id, 'VERIFIED')
    const firm = await member(world.firm.user.email)
    expect((await firm.post(`/applications/${world.submitted}`, { intent: 'message', message: 'De nouveau active, nous écrivons.' })).status).toBe(302)
  })
})

describe('API tokens of an organisation that is not verified', () => {
  for (const status of ['SUSPENDED', 'PENDING'] as const) {
    test(`${status}: reads answer, every write is 403 organisation_not_verified and changes nothing`, async () => {
      await setStatus(world.partner.organisation.id, status)
      await setStatus(world.firm.organisation.id, status)
      // Reads: what the organisation may read.
      expect((await api(world.partnerToken, 'GET', `/applications/${world.submitted}`)).status).toBe(200)
      expect((await api(world.partnerToken, 'GET', `/needs/${world.needId}/applications`)).status).toBe(200)
      expect((await api(world.firmToken, 'GET', `/applications/${world.submitted}`)).status).toBe(200)
      expect((await api(world.firmToken, 'GET', '/needs')).status).toBe(200)
      const before = await snapshot()
      const needsBefore = await prisma.need.count()
      const writes: Array<[string, string, string, unknown]> = [
        ['partner', 'POST', `/applications/${world.submitted}/decision`, { intent: 'shortlist' }],
        ['partner', 'POST', `/applications/${world.submitted}/decision`, { intent: 'decline', reason: 'BUDGET', comment: 'Budget insuffisant pour ce pilote.' }],
        ['partner', 'POST', '/needs', { kind: 'PILOT', title: 'Un besoin écrit par un jeton suspendu' }],
        ['partner', 'PATCH', `/needs/${world.needId}`, { title: 'Un titre changé par un jeton suspendu' }],
        ['partner', 'POST', `/needs/${world.needId}/lifecycle`, { action: 'close' }],
        ['partner', 'POST', `/needs/${world.needId}/submit`, {}],
        ['firm', 'POST', `/applications/${world.submitted}/decision`, { intent: 'withdraw' }],
        ['firm', 'POST', `/needs/${world.otherNeedId}/applications`, { intent: 'submit', approach: 'Notre approche : capteurs vibratoires, modèle d’anomalies et tableau de bord.' }],
      ]
      for (const [who, method, path, body] of writes) {
        const answer = await api(who === 'partner' ? world.partnerToken : world.firmToken, method, path, body)
        expect(answer.status, `${who} ${method} ${path}`).toBe(403)
        expect(answer.headers.get('Content-Type')).toContain('application/json')
        const json = JSON.parse(answer.text) as { error: { code: string; message: string } }
        expect(json.error.code, `${who} ${method} ${path}`).toBe('organisation_not_verified')
        expect(json.error.message.length).toBeGreaterThan(10)
      }
      expect(await snapshot()).toBe(before)
      expect(await prisma.need.count()).toBe(needsBefore)
      const need = await prisma.need.findUniqueOrThrow({ where: { id: world.needId }, select: { status: true, pendingRevision: true } })
      expect(need).toEqual({ status: 'PUBLISHED', pendingRevision: null })
    })
  }
})
