import { writeAudit } from '#app/modules/audit/audit.server'
import { notifyUsers } from '#app/modules/notifications/notifications.server'
import { verifiedOrganisations, type Actor } from '#app/modules/policy/policy'
import { AppError } from '#app/modules/shared/app-error'
import { prisma, transaction } from '#app/utils/db.server'
import { getNeedForActor, NDA_TEXT_VERSION } from './queries.server'

/**
 * A firm asks a question on a need it may see. The question is anonymous: the partner and other
 * firms never learn who asked; its answer is visible to every firm that sees the need.
 */
export async function askQuestion(actor: Actor, needId: string, body: string, requestId?: string) {
  const view = await getNeedForActor(actor, needId)
  if (!view.actions.askQuestion) throw AppError.conflict('cannot_ask', 'errors.cannotAsk')
  const firm = verifiedOrganisations(actor, 'FIRM')[0]!
  return transaction(async ({ db }) => {
    const question = await db.question.create({
      data: { needId, askedByOrgId: firm.organisationId, askedById: actor.userId, body },
      select: { id: true },
    })
    await writeAudit(db, {
      actorId: actor.userId,
      actorOrgId: firm.organisationId,
      hubId: view.need.hub.id,
      action: 'question.ask',
      target: { type: 'Question', id: question.id },
      requestId,
    })
    const partnerMembers = await db.membership.findMany({ where: { organisationId: view.need.partner.id }, select: { userId: true } })
    await notifyUsers(db, partnerMembers.map((member) => member.userId), {
      kind: 'question.asked',
      payload: { needId, title: view.need.title },
      link: `/needs/${needId}#questions`,
    })
    return question
  })
}

/** The partner answers (or corrects its answer); every firm that asked or sees the need is told. */
export async function answerQuestion(actor: Actor, needId: string, questionId: string, answer: string, requestId?: string) {
  const view = await getNeedForActor(actor, needId)
  if (!view.actions.answerQuestions) throw AppError.notFound()
  const question = await prisma.question.findFirst({ where: { id: questionId, needId }, select: { id: true, askedById: true, answer: true } })
  if (!question) throw AppError.notFound()
  await transaction(async ({ db }) => {
    await db.question.update({ where: { id: question.id }, data: { answer, answeredById: actor.userId, answeredAt: new Date() } })
    await writeAudit(db, {
      actorId: actor.userId,
      actorOrgId: view.need.partner.id,
      hubId: view.need.hub.id,
      action: question.answer ? 'question.reanswer' : 'question.answer',
      target: { type: 'Question', id: question.id },
      requestId,
    })
    await notifyUsers(db, [question.askedById], { kind: 'question.answered', payload: { needId, title: view.need.title }, link: `/needs/${needId}#questions` })
  })
}

/**
 * An invited firm's user accepts the click-through NDA of a confidential need: recorded with the
 * user, the time and the version of the text, once.
 */
export async function acceptNda(actor: Actor, needId: string, textVersion: string, requestId?: string) {
  const view = await getNeedForActor(actor, needId)
  if (view.visibility === 'full' && view.details?.ndaAcceptedAt) return { alreadyAccepted: true }
  if (!view.actions.acceptNda) throw AppError.notFound()
  if (textVersion !== NDA_TEXT_VERSION) throw AppError.conflict('nda_outdated', 'errors.ndaOutdated')
  const firm = verifiedOrganisations(actor, 'FIRM')[0]!
  await transaction(async ({ db }) => {
    await db.ndaAcceptance.upsert({
      where: { needId_userId_organisationId: { needId, userId: actor.userId, organisationId: firm.organisationId } },
      create: { needId, userId: actor.userId, organisationId: firm.organisationId, textVersion },
      update: {},
    })
    await writeAudit(db, {
      actorId: actor.userId,
      actorOrgId: firm.organisationId,
      hubId: view.need.hub.id,
      action: 'need.nda-accept',
      target: { type: 'Need', id: needId },
      after: { textVersion },
      requestId,
    })
  })
  return { alreadyAccepted: false }
}
