import { writeAudit } from '#app/modules/audit/audit.server'
import { notify } from '#app/modules/notifications/notifications.server'
import { whoMayOpenNeed } from '#app/modules/reminders/recipients.server'
import { organisationReadOnly } from '#app/modules/policy/acting'
import { readOnlyStatusOf, verifiedOrganisations, type Actor } from '#app/modules/policy/policy'
import { AppError } from '#app/modules/shared/app-error'
import { prisma, transaction } from '#app/utils/db.server'
import { getEnv } from '#app/utils/env.server'
import { getNeedForActor } from './queries.server'

/**
 * The firm the actor acts for: the one they chose (`firmId`), which must be among `candidates`
 * (their verified firms that may do this on this need), or the only candidate. Never a guess
 * among several: the form asks (decision 0012).
 */
export function chooseActingFirm(actor: Actor, candidates: string[], firmId: string | undefined) {
  if (firmId !== undefined && firmId !== '') {
    if (candidates.includes(firmId)) return firmId
    const status = readOnlyStatusOf(actor, firmId)
    if (status) throw organisationReadOnly(status)
    throw AppError.invalid({ firmId: ['access.actingFirm.notAllowed'] })
  }
  if (candidates.length === 1) return candidates[0]!
  if (candidates.length > 1) throw AppError.invalid({ firmId: ['access.actingFirm.choose'] })
  return null
}

/** A member of firms that are all pending, rejected or suspended: told why they cannot act. */
function assertSomeFirmActs(actor: Actor) {
  if (verifiedOrganisations(actor, 'FIRM').length > 0) return
  const readOnly = actor.memberships.find((membership) => membership.organisation.kind === 'FIRM')
  if (readOnly) throw organisationReadOnly(readOnly.organisation.status)
}

/**
 * A firm asks a question on a need it may see. The question is anonymous: the partner and other
 * firms never learn who asked; its answer is visible to every firm that sees the need. It is
 * recorded against the firm the actor acts for (chosen when they belong to several).
 */
export async function askQuestion(actor: Actor, needId: string, body: string, requestId?: string, options: { firmId?: string } = {}) {
  const view = await getNeedForActor(actor, needId)
  assertSomeFirmActs(actor)
  if (!view.actions.askQuestion) throw AppError.conflict('cannot_ask', 'errors.cannotAsk')
  const firmId = chooseActingFirm(actor, view.actingFirms.question.map((firm) => firm.id), options.firmId)
  if (!firmId) throw AppError.conflict('cannot_ask', 'errors.cannotAsk')
  const firm = { organisationId: firmId }
  return transaction(async (tx) => {
    const { db } = tx
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
    // Asking follows the need: its answers (and the others') come to the asker.
    await db.needFollow.createMany({ data: [{ userId: actor.userId, needId }], skipDuplicates: true })
    const partnerMembers = await db.membership.findMany({ where: { organisationId: view.need.partner.id }, select: { userId: true } })
    await notify(tx, {
      category: 'MY_NEEDS',
      userIds: partnerMembers.map((member) => member.userId),
      kind: 'question.asked',
      payload: { needId, title: view.need.title },
      link: `/needs/${needId}#questions`,
      needId,
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
  // Answers are read where the questions are: on the need's full page. Only the asker and the
  // followers who may open it now hear of the answer (an e-mail is a page too).
  const followers = await prisma.needFollow.findMany({ where: { needId }, select: { userId: true } })
  const concerned = [...new Set([question.askedById, ...followers.map((follow) => follow.userId)])].filter((userId) => userId !== actor.userId)
  const readers = new Set(await whoMayOpenNeed(concerned, needId, 'full'))
  const link = `/needs/${needId}#questions`
  const email = (name: 'reminders.questionAnswered' | 'reminders.followedAnswer') => ({
    about: { type: 'NEED' as const, id: needId },
    kind: name === 'reminders.questionAnswered' ? 'question-answered' : 'followed-answer',
    template: (user: { name: string }) => ({ name, data: { name: user.name, needTitle: view.need.title, partnerName: view.need.partner.name, link: `${getEnv().APP_URL}${link}` } }),
  })
  await transaction(async (tx) => {
    const { db } = tx
    await db.question.update({ where: { id: question.id }, data: { answer, answeredById: actor.userId, answeredAt: new Date() } })
    await writeAudit(db, {
      actorId: actor.userId,
      actorOrgId: view.need.partner.id,
      hubId: view.need.hub.id,
      action: question.answer ? 'question.reanswer' : 'question.answer',
      target: { type: 'Question', id: question.id },
      requestId,
    })
    const payload = { needId, title: view.need.title }
    await notify(tx, {
      category: 'FOLLOWED_NEEDS',
      userIds: [question.askedById].filter((userId) => readers.has(userId)),
      kind: 'question.answered',
      payload,
      link,
      needId,
      email: email('reminders.questionAnswered'),
    })
    await notify(tx, {
      category: 'FOLLOWED_NEEDS',
      userIds: [...readers].filter((userId) => userId !== question.askedById),
      kind: 'reminders:followed-answer',
      payload,
      link,
      needId,
      email: email('reminders.followedAnswer'),
    })
  })
}

/**
 * An invited firm's user (or a consortium partner's) accepts the click-through NDA of a
 * confidential need for the firm they act for: recorded with the user, that firm, the time and
 * the version of the text, once per (need, user, firm).
 */
export async function acceptNda(actor: Actor, needId: string, textVersion: string, requestId?: string, options: { firmId?: string } = {}) {
  const view = await getNeedForActor(actor, needId)
  assertSomeFirmActs(actor)
  if (!view.actions.acceptNda) {
    if (view.visibility === 'full' && view.details?.ndaAcceptedAt) return { alreadyAccepted: true }
    throw AppError.notFound()
  }
  // The form posts the version it showed: a text published since (a new hub version) must be read first.
  const current = view.nda
  if (!current || textVersion !== current.version) throw AppError.conflict('nda_outdated', 'errors.ndaOutdated')
  const firmId = chooseActingFirm(actor, view.actingFirms.nda.map((firm) => firm.id), options.firmId)
  if (!firmId) throw AppError.notFound()
  const firm = { organisationId: firmId }
  await transaction(async ({ db }) => {
    await db.ndaAcceptance.upsert({
      where: { needId_userId_organisationId: { needId, userId: actor.userId, organisationId: firm.organisationId } },
      create: { needId, userId: actor.userId, organisationId: firm.organisationId, textVersion, ndaTextId: current.ndaTextId },
      update: {},
    })
    await writeAudit(db, {
      actorId: actor.userId,
      actorOrgId: firm.organisationId,
      hubId: view.need.hub.id,
      action: 'need.nda-accept',
      target: { type: 'Need', id: needId },
      after: { textVersion, ndaTextId: current.ndaTextId },
      requestId,
    })
  })
  return { alreadyAccepted: false }
}
