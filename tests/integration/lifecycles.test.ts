import { beforeAll, describe, expect, test } from 'vitest'
import { applicationMachine, applicationStatuses, type ApplicationAction, type ApplicationStatus } from '#app/modules/applications/application-state'
import { actOnApplication } from '#app/modules/applications/service.server'
import { dealMachine, type DealAction, type DealStatus } from '#app/modules/deals/deal-state'
import { moveDeal, startPilot } from '#app/modules/deals/service.server'
import { actOnMatch } from '#app/modules/matching/invitations.server'
import { matchMachine, type MatchStatus } from '#app/modules/matching/match-state'
import { needMachine, needStatuses, type NeedStatus } from '#app/modules/needs/need-state'
import { needFormSchema } from '#app/modules/needs/schema'
import { changeNeedLifecycle, moderateNeed, saveNeed, submitNeed, withdrawRevision } from '#app/modules/needs/service.server'
import type { Actor } from '#app/modules/policy/policy'
import { isAppError } from '#app/modules/shared/app-error'
import { prisma } from '#app/utils/db.server'
import { createMarketplace, createNeed } from '#tests/factories'
import { actorFor } from '#tests/helpers/actor'

/**
 * Every transition of every lifecycle, through the services, from every state: allowed ones
 * change the record and write one audit row; refused ones answer 409 and change nothing.
 */
let market: Awaited<ReturnType<typeof createMarketplace>>
let partner: Actor
let moderator: Actor
let firm: Actor

beforeAll(async () => {
  market = await createMarketplace()
  partner = await actorFor(market.partner.user.id)
  moderator = await actorFor(market.moderator.id)
  firm = await actorFor(market.firm.user.id)
})

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000)

async function expectRefused(work: Promise<unknown>, status = 409) {
  const error = await work.then(
    () => null,
    (caught: unknown) => caught,
  )
  expect(isAppError(error), String(error)).toBe(true)
  expect((error as { status: number }).status).toBe(status)
}

async function auditCount(targetId: string) {
  return prisma.auditLog.count({ where: { targetId } })
}

// ───────── needs ─────────

type NeedAction = 'submit' | 'publish' | 'requestChanges' | 'close' | 'award' | 'notAward' | 'archive'

async function runNeedAction(action: NeedAction, needId: string) {
  switch (action) {
    case 'submit':
      return submitNeed(partner, needId)
    case 'publish':
      return moderateNeed(moderator, { needId, intent: 'publish' })
    case 'requestChanges':
      return moderateNeed(moderator, { needId, intent: 'requestChanges', comment: 'Précisez le budget, merci.' })
    default:
      return changeNeedLifecycle(partner, needId, action)
  }
}

describe('need lifecycle', () => {
  const actions: NeedAction[] = ['submit', 'publish', 'requestChanges', 'close', 'award', 'notAward', 'archive']
  const cases = needStatuses.flatMap((status) => actions.map((action) => [status, action] as const))

  test.each(cases)('%s --%s-->', async (status: NeedStatus, action) => {
    const need = await createNeed(market.partner.organisation.id, market.hub.id, market.partner.user.id, {
      status,
      publishedAt: ['PUBLISHED', 'CLOSED', 'AWARDED', 'NOT_AWARDED'].includes(status) ? new Date() : null,
      deadline: status === 'CLOSED' ? inDays(-1) : inDays(30),
    })
    if (action === 'award') {
      // Awarding needs an accepted application; give it one so only the state decides.
      await prisma.application.create({
        data: { needId: need.id, firmId: market.firm.organisation.id, createdById: market.firm.user.id, status: 'ACCEPTED', approach: 'x'.repeat(40) },
      })
    }
    const expected = needMachine.transition(status, action)
    const auditsBefore = await auditCount(need.id)
    if (expected.ok) {
      await runNeedAction(action, need.id)
      const after = await prisma.need.findUniqueOrThrow({ where: { id: need.id } })
      expect(after.status).toBe(expected.to)
      expect(await auditCount(need.id)).toBe(auditsBefore + 1)
    } else {
      // Staff cannot even see a draft (404); every other refusal is a 409 with a sentence.
      const refusedStatus = status === 'DRAFT' && (action === 'publish' || action === 'requestChanges') ? 404 : 409
      await expectRefused(runNeedAction(action, need.id), refusedStatus)
      expect((await prisma.need.findUniqueOrThrow({ where: { id: need.id } })).status).toBe(status)
      expect(await auditCount(need.id)).toBe(auditsBefore)
    }
  })

  test('award needs an accepted application', async () => {
    const need = await createNeed(market.partner.organisation.id, market.hub.id, market.partner.user.id, { status: 'CLOSED', publishedAt: new Date() })
    await expectRefused(changeNeedLifecycle(partner, need.id, 'award'))
    expect((await prisma.need.findUniqueOrThrow({ where: { id: need.id } })).status).toBe('CLOSED')
  })

  test('an edit of a published need is a revision: firms keep the approved version until staff approve', async () => {
    const need = await createNeed(market.partner.organisation.id, market.hub.id, market.partner.user.id, { status: 'PUBLISHED', publishedAt: new Date() })
    const edited = needFormSchema.parse({
      kind: 'PILOT',
      title: 'Maintenance prédictive des télésièges et téléskis',
      summary: 'Capteurs IoT et modèles de prédiction des pannes sur trois télésièges et deux téléskis.',
      description: 'Nous cherchons une PME capable de poser des capteurs, collecter les données et prédire les pannes avant la saison.',
      skills: 'iot, maintenance prédictive',
      budgetMaxEur: '90000',
      deadline: inDays(40).toISOString().slice(0, 10),
      communeInsee: '38185',
    })
    await saveNeed(partner, need.id, edited, { submit: true })
    let row = await prisma.need.findUniqueOrThrow({ where: { id: need.id } })
    expect(row.status).toBe('PUBLISHED')
    expect(row.title).toBe('Maintenance prédictive des télésièges')
    expect(row.pendingRevision).toMatchObject({ state: 'SUBMITTED' })

    await moderateNeed(moderator, { needId: need.id, intent: 'requestChanges', comment: 'Ajoutez le calendrier.' })
    row = await prisma.need.findUniqueOrThrow({ where: { id: need.id } })
    expect(row.pendingRevision).toMatchObject({ state: 'CHANGES_REQUESTED' })
    await expectRefused(moderateNeed(moderator, { needId: need.id, intent: 'publish' }))

    await saveNeed(partner, need.id, edited, { submit: true })
    await moderateNeed(moderator, { needId: need.id, intent: 'publish' })
    row = await prisma.need.findUniqueOrThrow({ where: { id: need.id } })
    expect(row).toMatchObject({ status: 'PUBLISHED', title: 'Maintenance prédictive des télésièges et téléskis', budgetMaxEur: 90000, pendingRevision: null, scoredAt: null })

    await saveNeed(partner, need.id, { ...edited, title: 'Une modification retirée ensuite' }, { submit: true })
    await withdrawRevision(partner, need.id)
    row = await prisma.need.findUniqueOrThrow({ where: { id: need.id } })
    expect(row).toMatchObject({ title: 'Maintenance prédictive des télésièges et téléskis', pendingRevision: null })
    await expectRefused(withdrawRevision(partner, need.id))
  })
})

// ───────── applications ─────────

/** The decision each action is taken with, and by whom. */
function decisionFor(action: ApplicationAction) {
  switch (action) {
    case 'shortlist':
      return { by: 'partner', decision: { intent: 'shortlist' } } as const
    case 'requestInfo':
      return { by: 'partner', decision: { intent: 'requestInfo', message: 'Pouvez-vous détailler le calendrier ?' } } as const
    case 'accept':
      return { by: 'partner', decision: { intent: 'accept' } } as const
    case 'decline':
      return { by: 'partner', decision: { intent: 'decline', reason: 'BUDGET', comment: 'Le budget proposé dépasse notre enveloppe.' } } as const
    case 'answerInfo':
      return { by: 'firm', decision: { intent: 'answerInfo', message: 'Dix semaines, en trois lots.' } } as const
    case 'withdraw':
      return { by: 'firm', decision: { intent: 'withdraw' } } as const
    case 'startScreening':
      return { by: 'moderator', decision: { intent: 'startScreening' } } as const
    case 'submit':
      return null
  }
}

describe('application lifecycle', () => {
  const actions: ApplicationAction[] = ['shortlist', 'requestInfo', 'answerInfo', 'accept', 'decline', 'withdraw', 'startScreening']
  const cases = applicationStatuses.flatMap((status) => actions.map((action) => [status, action] as const))

  test.each(cases)('%s --%s-->', async (status: ApplicationStatus, action) => {
    const need = await createNeed(market.partner.organisation.id, market.hub.id, market.partner.user.id, {
      status: 'PUBLISHED',
      publishedAt: new Date(),
      screeningRequired: action === 'startScreening',
    })
    const application = await prisma.application.create({
      data: { needId: need.id, firmId: market.firm.organisation.id, createdById: market.firm.user.id, status, approach: 'x'.repeat(40), submittedAt: new Date() },
    })
    const { by, decision } = decisionFor(action)!
    const actor = by === 'partner' ? partner : by === 'firm' ? firm : moderator
    const expected = applicationMachine.transition(status, action)
    const changesBefore = await prisma.statusChange.count({ where: { applicationId: application.id } })
    const hiddenFromPartner = by === 'partner' && status === 'DRAFT'
    if (expected.ok && !hiddenFromPartner) {
      await actOnApplication(actor, application.id, decision as never)
      const after = await prisma.application.findUniqueOrThrow({ where: { id: application.id } })
      expect(after.status).toBe(expected.to)
      expect(await prisma.statusChange.count({ where: { applicationId: application.id } })).toBe(changesBefore + 1)
      if (action === 'decline') expect(after).toMatchObject({ declineReason: 'BUDGET', declineComment: 'Le budget proposé dépasse notre enveloppe.' })
    } else {
      // A partner never sees a draft (404); staff act on their hub's screened needs only (403);
      // everything else is a 409 that says why.
      const error = await actOnApplication(actor, application.id, decision as never).then(
        () => null,
        (caught: unknown) => caught,
      )
      expect(isAppError(error), String(error)).toBe(true)
      expect([403, 404, 409]).toContain((error as { status: number }).status)
      expect((await prisma.application.findUniqueOrThrow({ where: { id: application.id } })).status).toBe(status)
      expect(await prisma.statusChange.count({ where: { applicationId: application.id } })).toBe(changesBefore)
    }
  })
})

// ───────── deals ─────────

describe('deal lifecycle', () => {
  async function acceptedApplication(dealStatus?: DealStatus) {
    const need = await createNeed(market.partner.organisation.id, market.hub.id, market.partner.user.id, { status: 'PUBLISHED', publishedAt: new Date() })
    const application = await prisma.application.create({
      data: { needId: need.id, firmId: market.firm.organisation.id, createdById: market.firm.user.id, status: 'ACCEPTED', approach: 'x'.repeat(40) },
    })
    if (dealStatus) {
      await prisma.deal.create({ data: { applicationId: application.id, status: dealStatus, successCriteria: ['Détection à 95 %'] } })
    }
    return application
  }

  test('a pilot starts only from an accepted application, once', async () => {
    const application = await acceptedApplication()
    const pilot = { successCriteria: ['Détection à 95 %'], pilotStartsOn: inDays(10), pilotEndsOn: inDays(70), pilotValueEur: 25_000 }
    await startPilot(partner, application.id, pilot)
    expect(await prisma.deal.findUniqueOrThrow({ where: { applicationId: application.id } })).toMatchObject({ status: 'PILOT', pilotValueEur: 25_000 })
    await expectRefused(startPilot(partner, application.id, pilot))
    const declined = await prisma.application.update({ where: { id: (await acceptedApplication()).id }, data: { status: 'DECLINED' } })
    await expectRefused(startPilot(partner, declined.id, pilot))
    const error = await startPilot(firm, application.id, pilot).then(
      () => null,
      (caught: unknown) => caught,
    )
    expect((error as { status: number }).status).toBe(403)
  })

  const statuses: DealStatus[] = ['PILOT', 'PILOT_SUCCEEDED', 'PILOT_FAILED', 'CONTRACT', 'CANCELLED']
  const actions: DealAction[] = ['pilotSucceeded', 'pilotFailed', 'signContract', 'cancel']
  test.each(statuses.flatMap((status) => actions.map((action) => [status, action] as const)))('%s --%s-->', async (status, action) => {
    const application = await acceptedApplication(status)
    const contract = action === 'signContract' ? { purchaseOrder: 'BC-2026-118', contractValueEur: 180_000, contractSignedAt: inDays(-1) } : undefined
    const expected = dealMachine.transition(status, action)
    if (expected.ok) {
      await moveDeal(partner, application.id, action, contract)
      const deal = await prisma.deal.findUniqueOrThrow({ where: { applicationId: application.id } })
      expect(deal.status).toBe(expected.to)
      if (contract) expect(deal).toMatchObject({ purchaseOrder: 'BC-2026-118', contractValueEur: 180_000 })
    } else {
      await expectRefused(moveDeal(partner, application.id, action, contract))
      expect((await prisma.deal.findUniqueOrThrow({ where: { applicationId: application.id } })).status).toBe(status)
    }
  })
})

// ───────── matches ─────────

describe('match lifecycle', () => {
  const statuses: MatchStatus[] = ['SUGGESTED', 'APPROVED', 'INVITED', 'REJECTED', 'DISMISSED']
  const decisions = ['approve', 'reject', 'invite', 'dismiss'] as const

  test.each(statuses.flatMap((status) => decisions.flatMap((decision) => (['OPEN', 'CURATED'] as const).map((mode) => [status, decision, mode] as const))))(
    '%s --%s--> on a %s need',
    async (status, decision, mode) => {
      const need = await createNeed(market.partner.organisation.id, market.hub.id, market.partner.user.id, { status: 'PUBLISHED', publishedAt: new Date(), matchingMode: mode })
      const match = await prisma.match.create({
        data: { needId: need.id, firmId: market.firm.organisation.id, score: 80, breakdown: {}, algorithmVersion: 'test', status },
      })
      const actor = decision === 'approve' || decision === 'reject' ? moderator : partner
      const action = decision === 'invite' ? (mode === 'CURATED' ? 'invite' : 'inviteDirect') : decision
      const expected = matchMachine.transition(status, action)
      const staffOnCuratedOnly = (decision === 'approve' || decision === 'reject') && mode === 'OPEN'
      if (expected.ok && !staffOnCuratedOnly) {
        await actOnMatch(actor, match.id, decision)
        expect((await prisma.match.findUniqueOrThrow({ where: { id: match.id } })).status).toBe(expected.to)
      } else {
        await expectRefused(actOnMatch(actor, match.id, decision), staffOnCuratedOnly ? 403 : 409)
        expect((await prisma.match.findUniqueOrThrow({ where: { id: match.id } })).status).toBe(status)
      }
    },
  )
})
