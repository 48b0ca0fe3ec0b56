import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { closeQueues, createWorker, enqueueJob, getQueue, queueBackend } from '#app/modules/jobs/queue.server'
import { actOnMatch, giveMatchFeedback, listRecommendations } from '#app/modules/matching/invitations.server'
import { ALGORITHM_VERSION } from '#app/modules/matching/engine/config'
import { applyToNeed } from '#app/modules/applications/service.server'
import { scoreFirm, scoreNeed } from '#app/modules/matching/service.server'
import { changeNeedLifecycle, listNeedsForActor, moderateNeed, saveNeed } from '#app/modules/needs/service.server'
import { needFormSchema } from '#app/modules/needs/schema'
import { applyProfileAction } from '#app/modules/organisations/profile.server'
import { profileActionSchema } from '#app/modules/organisations/profile-schema'
import { moderateOrganisation } from '#app/modules/organisations/service.server'
import { prisma } from '#app/utils/db.server'
import { resetEnvForTests } from '#app/utils/env.server'
import { getLogger } from '#app/utils/logger.server'
import { createHub, createMember, createStaff, needFormFields } from '#tests/factories'
import { actorFor } from '#tests/helpers/actor'
import { reasonsText, waitFor } from '#tests/helpers/wait'
import { matchingProcessor } from '#workers/matching'

/**
 * Matches kept fresh by the real workers, on both queue backends: a published need is ranked with
 * its reasons, a firm's profile edits are scored once the burst settles, a suspended firm loses its
 * suggestions, a dismissed firm stays dismissed when the need is scored again, and the full
 * refresh reports its progress on the job and to staff.
 */
async function world(overrides: Record<string, string> = {}) {
  const hub = await createHub()
  const moderator = await actorFor((await createStaff(hub.id, 'ADMIN')).id)
  const partner = await createMember(hub.id, 'PARTNER')
  const expert = await createMember(hub.id, 'FIRM', {
    organisation: {
      name: 'Vibrasense',
      description: 'Capteurs vibratoires et maintenance prédictive pour les remontées mécaniques et les usines.',
      offerings: 'Pose de capteurs IoT, traitement en edge, modèles de prédiction des pannes.',
      skills: ['iot', 'edge computing', 'maintenance prédictive'],
      communeInsee: '38421',
      communeName: "Saint-Martin-d'Hères",
    },
  })
  const accountant = await createMember(hub.id, 'FIRM', {
    organisation: {
      name: 'Comptaplus',
      description: 'Logiciel de comptabilité et de paie pour les cabinets d’expertise comptable.',
      offerings: 'Tenue de comptes, bulletins de paie, déclarations sociales.',
      skills: ['comptabilité', 'paie'],
      nafCodes: ['69.20Z'],
      communeInsee: '38151',
      communeName: 'Échirolles',
    },
  })
  const pending = await createMember(hub.id, 'FIRM', {
    organisation: { name: 'Capteurs en attente', status: 'PENDING', description: 'Capteurs IoT et maintenance prédictive.', skills: ['iot', 'maintenance prédictive'] },
  })
  const partnerActor = await actorFor(partner.user.id)
  const { id: needId } = await saveNeed(partnerActor, null, needFormSchema.parse(needFormFields(overrides)), { submit: true })
  return { hub, moderator, partnerActor, expert, accountant, pending, needId }
}

const matchOf = (needId: string, firmId: string) => prisma.match.findUnique({ where: { needId_firmId: { needId, firmId } } })

describe.each(['redis', 'postgres'] as const)('matching through the real queue on %s', (backend) => {
  let workers: Array<ReturnType<typeof createWorker>> = []

  beforeAll(async () => {
    await closeQueues()
    if (backend === 'postgres') delete process.env.REDIS_URL
    else process.env.REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'
    resetEnvForTests()
    // Two workers, as two worker processes would run: each job runs once, on either.
    workers = [createWorker('matching', matchingProcessor(getLogger())), createWorker('matching', matchingProcessor(getLogger()))]
    await Promise.all(workers.map((worker) => worker.waitUntilReady()))
  })

  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.close()))
    await closeQueues()
    process.env.REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'
    resetEnvForTests()
  })

  test('publication ranks the verified firms with reasons; the firm sees the need with them', async () => {
    expect(queueBackend()).toBe(backend)
    const { hub, moderator, partnerActor, expert, accountant, pending, needId } = await world()
    await moderateNeed(moderator, { needId, intent: 'publish' })

    const best = await waitFor(() => matchOf(needId, expert.organisation.id), 'the expert firm’s match')
    expect(best.algorithmVersion).toBe(ALGORITHM_VERSION)
    const reasons = reasonsText(best.breakdown)
    expect(reasons).toMatch(/maintenance prédictive|iot|edge/i)
    // The accountant shares nothing with the need: ranked below, if at all; the pending firm never.
    const other = await matchOf(needId, accountant.organisation.id)
    expect(other === null || other.score < best.score).toBe(true)
    expect(await matchOf(needId, pending.organisation.id)).toBeNull()

    // Among the firms of the need's hub (earlier tests left firms in other hubs), the expert first.
    const recommended = await listRecommendations(partnerActor, needId, { hubId: hub.id })
    expect(recommended.matches[0]?.firm.id).toBe(expert.organisation.id)

    const list = await listNeedsForActor(await actorFor(expert.user.id), { sort: 'score' })
    const row = list.needs.find((need) => need.id === needId)
    expect(row?.score).toBe(best.score)
    expect(reasonsText({ reasons: row?.reasons })).toBe(reasons)
  })

  test('a burst of profile edits is scored once it settles, with the last profile', async () => {
    const { moderator, accountant, needId } = await world()
    await moderateNeed(moderator, { needId, intent: 'publish' })
    await waitFor(() => prisma.need.findFirst({ where: { id: needId, scoredAt: { not: null } } }), 'the need’s scoring')
    const before = await matchOf(needId, accountant.organisation.id)

    const owner = await actorFor(accountant.user.id)
    const edit = (skills: string) => applyProfileAction(owner, accountant.organisation.slug, profileActionSchema.parse({ intent: 'expertise', skills, nafCodes: '62.01Z', labels: '' }))
    await edit('paie, iot')
    await edit('iot, edge computing')
    await edit('iot, edge computing, maintenance prédictive')
    // One waiting job for the firm, however many edits.
    const waiting = await getQueue('matching').getJobs(['delayed', 'waiting', 'prioritized'])
    expect(waiting.filter((job) => job.name === 'matching.score-firm' && (job.data as { firmId: string }).firmId === accountant.organisation.id)).toHaveLength(1)

    const after = await waitFor(async () => {
      const firm = await prisma.organisation.findUniqueOrThrow({ where: { id: accountant.organisation.id }, select: { matchedAt: true, updatedAt: true } })
      return firm.matchedAt && firm.matchedAt >= firm.updatedAt ? matchOf(needId, accountant.organisation.id) : null
    }, 'the firm’s scoring')
    expect(after.score).toBeGreaterThan(before?.score ?? 0)
    expect(reasonsText(after.breakdown)).toMatch(/maintenance prédictive/)
  })

  test('a suspended firm loses its suggestions; a dismissed firm stays dismissed when the need is scored again', async () => {
    const { moderator, partnerActor, expert, accountant, needId } = await world()
    await moderateNeed(moderator, { needId, intent: 'publish' })
    const expertMatch = await waitFor(() => matchOf(needId, expert.organisation.id), 'the expert firm’s match')

    // The partner finds the expert irrelevant (dismissed, feedback kept); staff suspend the accountant.
    await giveMatchFeedback(partnerActor, expertMatch.id, 'NOT_RELEVANT')
    await moderateOrganisation(moderator, { organisationId: accountant.organisation.id, action: 'suspend', reason: 'Documents manquants' })
    await waitFor(async () => (await matchOf(needId, accountant.organisation.id)) === null, 'the suspended firm’s suggestions to go')

    const scoredAt = (await prisma.need.findUniqueOrThrow({ where: { id: needId } })).scoredAt
    await enqueueJob('matching.score-need', { needId })
    await waitFor(() => prisma.need.findFirst({ where: { id: needId, scoredAt: { gt: scoredAt ?? new Date(0) } } }), 'the need to be scored again')

    const again = await matchOf(needId, expert.organisation.id)
    expect(again?.status).toBe('DISMISSED')
    const feedback = await prisma.matchFeedback.findMany({ where: { matchId: expertMatch.id }, select: { side: true, value: true } })
    expect(feedback).toEqual([{ side: 'PARTNER', value: 'NOT_RELEVANT' }])
    expect((await listRecommendations(partnerActor, needId)).matches.map((match) => match.firm.id)).not.toContain(expert.organisation.id)
    expect(await matchOf(needId, accountant.organisation.id)).toBeNull()
    // Dismissed matches cannot be invited by mistake either.
    await expect(actOnMatch(partnerActor, expertMatch.id, 'invite')).rejects.toMatchObject({ status: 409 })
  })

  test('the full refresh reports its progress on the job and to staff, and leaves the same matches', async () => {
    const { moderator, expert, needId } = await world()
    await moderateNeed(moderator, { needId, intent: 'publish' })
    const first = await waitFor(() => matchOf(needId, expert.organisation.id), 'the expert firm’s match')

    const job = await enqueueJob('matching.refresh', { startedById: moderator.userId })
    const finished = await waitFor(async () => {
      const current = await getQueue('matching').getJob(job.id!)
      return current && (await current.isCompleted()) ? current : null
    }, 'the refresh job', 60_000)
    expect(finished.progress).toMatchObject({ percent: 100 })

    const run = await prisma.matchingRun.findFirstOrThrow({ orderBy: { startedAt: 'desc' } })
    expect(run).toMatchObject({ status: 'COMPLETED', algorithmVersion: ALGORITHM_VERSION, startedById: moderator.userId })
    expect(run.done).toBe(run.total)
    expect(run.total).toBe(run.needs + run.firms)
    const again = await matchOf(needId, expert.organisation.id)
    // Among the need's best firms, and the need among the firm's best needs.
    expect(again).toMatchObject({ id: first.id, score: first.score, status: 'SUGGESTED', inNeedTop: true, inFirmTop: true })
  })
})

describe('rescoring keeps what people decided', () => {
  test('a firm’s match to a need it applied to outlives the need’s closing (its application declined in the same step) and the firm’s edits', async () => {
    const { moderator, partnerActor, expert, needId } = await world()
    await moderateNeed(moderator, { needId, intent: 'publish' })
    await scoreNeed(needId)
    const firmActor = await actorFor(expert.user.id)
    await applyToNeed(firmActor, needId, { intent: 'submit', approach: 'Capteurs vibratoires sur les gares amont, détection d’anomalies en edge.', timeline: '3 mois', priceEur: 50_000, referencesText: '', consortium: [] })
    // Closing answers the firm in the same step (no applicant is left without a decision).
    await expect(changeNeedLifecycle(partnerActor, needId, 'close')).rejects.toMatchObject({ status: 409, code: 'undecided_applications' })
    await changeNeedLifecycle(partnerActor, needId, 'close', undefined, { declineOpen: { reason: 'PROJECT_CANCELLED', comment: 'Le projet est reporté à la saison prochaine.' } })
    // The firm's next ranking no longer sees the closed need: its match leaves both tops, and stays.
    await scoreFirm(expert.organisation.id)
    expect(await matchOf(needId, expert.organisation.id)).toMatchObject({ inNeedTop: false, inFirmTop: false, status: 'SUGGESTED' })
  })

  test('a suspended firm keeps the staff’s approval on record, hidden, and cannot be invited', async () => {
    const { moderator, partnerActor, expert, needId } = await world({ matchingMode: 'CURATED' })
    await moderateNeed(moderator, { needId, intent: 'publish' })
    await scoreNeed(needId)
    const match = (await matchOf(needId, expert.organisation.id))!
    await actOnMatch(moderator, match.id, 'approve')
    await moderateOrganisation(moderator, { organisationId: expert.organisation.id, action: 'suspend', reason: 'Attestation expirée' })
    await scoreFirm(expert.organisation.id)

    expect(await matchOf(needId, expert.organisation.id)).toMatchObject({ id: match.id, status: 'APPROVED', inNeedTop: false })
    expect((await listRecommendations(partnerActor, needId)).matches.map((entry) => entry.firm.id)).not.toContain(expert.organisation.id)
    await expect(actOnMatch(partnerActor, match.id, 'invite')).rejects.toMatchObject({ status: 409, code: 'firm_not_verified' })
  })
})
