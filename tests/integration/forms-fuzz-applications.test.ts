import { randomBytes } from 'node:crypto'
import fc from 'fast-check'
import { beforeAll, describe, expect, test } from 'vitest'
import { applicationMachine, type ApplicationStatus } from '#app/modules/applications/application-state'
import { declineReasons } from '#app/modules/applications/schema'
import { removeFile } from '#app/modules/attachments/storage.server'
import { prisma } from '#app/utils/db.server'
import { createHub, createMember, createNeed, createOrganisation, createStaff } from '#tests/factories'
import {
  badDate,
  badForm,
  badInteger,
  blank,
  malformedId,
  MISSING,
  repeated,
  tooLong,
  tooShort,
  unknownChoice,
  unknownId,
  withJunk,
} from '#tests/helpers/fuzz/arbitraries'
import { assertRefused, form, RUNS, type Case } from '#tests/helpers/fuzz/check'
import { signIn, type Browser, type Fields } from '#tests/helpers/fuzz/client'
import { badUpload, hostileName, malformedMultipart, minimalPdf, nameWithSeparator, notPdfBytes, pdfUnderHostileName } from '#tests/helpers/fuzz/files'

/**
 * Generated bad input on the application forms: applying (save, submit, consortium), the
 * pipeline's bulk decline, and every intent of the application page (decisions, messages,
 * consortium answers, the deal: pilot, outcome, contract; attachments: the PDF upload and its
 * removal). Every generated form must be refused with a 4xx (and a message), and write nothing
 * (rows, and the files of the attachment storage).
 */
const TIMEOUT = { timeout: 240_000 }
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)
const approach = 'Caméras industrielles, modèle de détection entraîné sur vos défauts, intégration aux automates.'
const declineComment = 'Le budget dépasse notre enveloppe pour ce pilote.'

/** Undoes an upload the test let through: its row, its file and its audit entry. */
async function removeStored(stored: Array<{ id: string; storageKey: string }>) {
  for (const attachment of stored) {
    await prisma.attachment.delete({ where: { id: attachment.id } })
    await removeFile(attachment.storageKey)
  }
  await prisma.auditLog.deleteMany({ where: { action: 'attachment.add', targetId: { in: stored.map((attachment) => attachment.id) } } })
}

describe('application forms: generated bad input is refused with a message and writes nothing', () => {
  let hub: Awaited<ReturnType<typeof createHub>>
  let partner: Awaited<ReturnType<typeof createMember>>
  let firm: Awaited<ReturnType<typeof createMember>>
  let ally: Awaited<ReturnType<typeof createMember>>
  let otherFirms: Array<Awaited<ReturnType<typeof createMember>>>
  let pendingFirmSlug: string
  let asPartner: Browser
  let asOtherPartner: Browser
  let asFirm: Browser
  let asAlly: Browser
  let asOutsider: Browser
  let asModerator: Browser

  beforeAll(async () => {
    hub = await createHub()
    const moderator = await createStaff(hub.id, 'MODERATOR')
    partner = await createMember(hub.id, 'PARTNER')
    const otherPartner = await createMember(hub.id, 'PARTNER')
    firm = await createMember(hub.id, 'FIRM')
    ally = await createMember(hub.id, 'FIRM')
    otherFirms = await Promise.all([createMember(hub.id, 'FIRM'), createMember(hub.id, 'FIRM'), createMember(hub.id, 'FIRM')])
    pendingFirmSlug = (await createOrganisation(hub.id, 'FIRM', { status: 'PENDING' })).slug
    ;[asPartner, asOtherPartner, asFirm, asAlly, asOutsider, asModerator] = await Promise.all([
      signIn(partner.user.email),
      signIn(otherPartner.user.email),
      signIn(firm.user.email),
      signIn(ally.user.email),
      signIn(otherFirms[0]!.user.email),
      signIn(moderator.email),
    ])
  })

  const publishedNeed = () => createNeed(partner.organisation.id, hub.id, partner.user.id, { status: 'PUBLISHED', publishedAt: new Date() })

  async function application(status: ApplicationStatus, firmId = firm.organisation.id, createdById = firm.user.id) {
    const need = await publishedNeed()
    return prisma.application.create({
      data: { needId: need.id, firmId, createdById, status, approach, submittedAt: status === 'DRAFT' ? null : new Date(), ...(status === 'DECLINED' ? { declineReason: 'BUDGET', declineComment } : {}) },
    })
  }

  // ───────── applying ─────────

  const validApplication = (): Fields => ({ intent: 'save', approach, timeline: 'Trois mois.', priceEur: '40000', referencesText: 'Ligne de conditionnement chez un fromager savoyard.' })

  test('apply: a valid form saves a draft, then submits it', async () => {
    const need = await publishedNeed()
    const saved = await asFirm.post(`/needs/${need.id}/apply`, { ...validApplication(), consortium: ['', ''] })
    expect(saved.status).toBe(302)
    const created = await prisma.application.findFirstOrThrow({ where: { needId: need.id, firmId: firm.organisation.id } })
    expect(saved.location).toBe(`/applications/${created.id}`)
    expect(created).toMatchObject({ status: 'DRAFT', priceEur: 40_000 })
    expect((await asFirm.post(`/needs/${need.id}/apply`, { ...validApplication(), intent: 'submit' })).status).toBe(302)
    expect((await prisma.application.findUniqueOrThrow({ where: { id: created.id } })).status).toBe('SUBMITTED')
    // As the lead of a consortium: its partner is asked to confirm.
    const other = await publishedNeed()
    expect((await asFirm.post(`/needs/${other.id}/apply`, { ...validApplication(), consortium: [ally.organisation.slug, ''] })).status).toBe(302)
    const draft = await prisma.application.findFirstOrThrow({ where: { needId: other.id, firmId: firm.organisation.id }, include: { consortium: true } })
    expect(draft.consortium).toMatchObject([{ organisationId: ally.organisation.id, status: 'PENDING' }])
  })

  test(`apply: ${RUNS} bad forms (sizes, prices, consortium), applications that cannot be made`, TIMEOUT, async () => {
    const need = await publishedNeed()
    const draftNeed = await createNeed(partner.organisation.id, hub.id, partner.user.id)
    const applied = await application('SUBMITTED')
    const [a, b, c] = otherFirms.map((member) => member.organisation.slug)
    const path = `/needs/${need.id}/apply`
    const bad = badForm(validApplication(), {
      intent: fc.oneof(unknownChoice(['save', 'submit']), repeated('save')),
      approach: fc.oneof(tooLong(10_000), repeated(approach)),
      timeline: fc.oneof(tooLong(2000), repeated('Trois mois.')),
      priceEur: fc.oneof(badInteger(0, 100_000_000), repeated('40000')),
      referencesText: fc.oneof(tooLong(5000), repeated('Références')),
      consortium: fc.oneof(
        // Four different partners; more than ten boxes; unknown, unverified, not a firm, the applicant itself; too long.
        fc.constant<string[]>([a!, b!, c!, ally.organisation.slug]),
        fc.array(fc.constantFrom(a!, b!), { minLength: 11, maxLength: 15 }),
        fc.oneof(fc.stringMatching(/^[a-z0-9-]{1,40}$/), fc.constantFrom(pendingFirmSlug, partner.organisation.slug, firm.organisation.slug, 'new', '😀')).map((slug) => [a!, slug]),
        tooLong(80),
        fc.tuple(tooLong(80), fc.constant(a!)).map((pair) => [...pair]),
      ),
    })
    const cases = fc.oneof(
      { arbitrary: withJunk(bad, [...Object.keys(validApplication()), 'consortium']).map(form(asFirm, path)), weight: 6 },
      // Submitting: the approach too short, a consortium that has not confirmed yet.
      {
        arbitrary: fc.oneof(
          fc.oneof(blank, tooShort(30)).map((text): Fields => ({ ...validApplication(), intent: 'submit', approach: text })),
          fc.constant<Fields>({ ...validApplication(), intent: 'submit', consortium: ally.organisation.slug }),
        ).map(form(asFirm, path)),
        weight: 2,
      },
      // A need not published, one already applied to, a need that does not exist; a partner applying.
      {
        arbitrary: fc.constantFrom<Case>(
          { as: asFirm, path: `/needs/${draftNeed.id}/apply`, body: { kind: 'form', fields: validApplication() } },
          { as: asFirm, path: `/needs/${applied.needId}/apply`, body: { kind: 'form', fields: validApplication() } },
          { as: asFirm, path: '/needs/c0000000000000000000000000/apply', body: { kind: 'form', fields: validApplication() } },
          { as: asPartner, path, body: { kind: 'form', fields: validApplication() } },
          { as: asModerator, path, body: { kind: 'form', fields: validApplication() } },
        ),
        weight: 2,
      },
    )
    await assertRefused(cases)
  })

  // ───────── the pipeline's bulk decline ─────────

  async function pipeline() {
    const need = await publishedNeed()
    const submitted = await Promise.all(
      otherFirms.map((member) => prisma.application.create({ data: { needId: need.id, firmId: member.organisation.id, createdById: member.user.id, status: 'SUBMITTED', submittedAt: new Date(), approach } })),
    )
    const declined = await prisma.application.create({ data: { needId: need.id, firmId: firm.organisation.id, createdById: firm.user.id, status: 'DECLINED', submittedAt: new Date(), approach, declineReason: 'BUDGET', declineComment } })
    return { need, submitted, declined }
  }

  test('bulk decline: the selected applications are declined with the reason', async () => {
    const { need, submitted } = await pipeline()
    const answer = await asPartner.post(`/needs/${need.id}/applications`, { intent: 'bulkDecline', applicationIds: submitted.slice(0, 2).map((app) => app.id), reason: 'BUDGET', comment: declineComment })
    expect(answer.status).toBe(302)
    expect(await prisma.application.count({ where: { needId: need.id, status: 'DECLINED', declineReason: 'BUDGET' } })).toBe(3)
  })

  test(`bulk decline: ${RUNS} bad forms (ids, reasons, comments), other needs' applications, wrong people`, TIMEOUT, async () => {
    const { need, submitted, declined } = await pipeline()
    const elsewhere = await application('SUBMITTED')
    const ids = submitted.map((app) => app.id)
    // The bulk form is on the table layout: the browser posts to the page's address.
    const path = `/needs/${need.id}/applications?view=table`
    const valid = { intent: 'bulkDecline', applicationIds: ids.slice(0, 2), reason: 'BUDGET', comment: declineComment }
    const bad = badForm(valid, {
      intent: fc.oneof(unknownChoice(['bulkDecline']), MISSING, blank, repeated('bulkDecline')),
      applicationIds: fc.oneof(
        MISSING,
        blank,
        unknownId,
        malformedId,
        fc.array(unknownId, { minLength: 201, maxLength: 230 }),
        // A declined application, one of another need, one that does not exist, among valid ones.
        fc.constantFrom(declined.id, elsewhere.id).map((id) => [ids[0]!, id]),
        unknownId.map((id) => [...ids, id]),
      ),
      reason: fc.oneof(unknownChoice(declineReasons), MISSING, blank, repeated('BUDGET')),
      comment: fc.oneof(blank, tooShort(10), tooLong(2000), repeated(declineComment), MISSING),
    })
    const cases = fc.oneof(
      { arbitrary: withJunk(bad, Object.keys(valid)).map(form(asPartner, path)), weight: 8 },
      { arbitrary: fc.constantFrom(asFirm, asOtherPartner, asModerator).map((as): Case => ({ as, path, body: { kind: 'form', fields: valid } })), weight: 1 },
      { arbitrary: fc.oneof(unknownId, malformedId).map((id): Case => ({ as: asPartner, path: `/needs/${encodeURIComponent(id)}/applications?view=table`, body: { kind: 'form', fields: valid } })), weight: 1 },
    )
    await assertRefused(cases)
  })

  // ───────── the application page ─────────

  type AppActor = 'partner' | 'firm' | 'ally' | 'outsider' | 'moderator' | 'otherPartner'
  const browsers = (): Record<AppActor, Browser> => ({ partner: asPartner, firm: asFirm, ally: asAlly, outsider: asOutsider, moderator: asModerator, otherPartner: asOtherPartner })

  /** One application in each state (the draft asks the ally to join its consortium). */
  type WorldStatus = 'DRAFT' | 'SUBMITTED' | 'SHORTLISTED' | 'INFO_REQUESTED' | 'ACCEPTED' | 'DECLINED' | 'WITHDRAWN'
  async function applications() {
    const statuses: WorldStatus[] = ['DRAFT', 'SUBMITTED', 'SHORTLISTED', 'INFO_REQUESTED', 'ACCEPTED', 'DECLINED', 'WITHDRAWN']
    const created = {} as Record<WorldStatus, Awaited<ReturnType<typeof application>>>
    for (const status of statuses) created[status] = await application(status)
    await prisma.consortiumMember.create({ data: { applicationId: created.DRAFT.id, organisationId: ally.organisation.id } })
    return created
  }

  const simpleIntents = ['shortlist', 'accept', 'startScreening', 'withdraw', 'confirmConsortium', 'declineConsortium', 'pilotSucceeded', 'pilotFailed', 'cancel'] as const

  /** Whether the intent would be carried out (the service's rules and the lifecycle table, restated; no deal exists here). */
  function allowed(actor: AppActor, status: ApplicationStatus, intent: (typeof simpleIntents)[number]) {
    if (intent === 'confirmConsortium' || intent === 'declineConsortium') return actor === 'ally' && status === 'DRAFT'
    if (intent === 'shortlist' || intent === 'accept') return actor === 'partner' && status !== 'DRAFT' && status !== 'WITHDRAWN' && applicationMachine.transition(status, intent).ok
    if (intent === 'withdraw') return actor === 'firm' && applicationMachine.transition(status, intent).ok
    return false
  }

  test('application page: decisions, messages and the consortium, each carried out once', async () => {
    const apps = await applications()
    const post = (as: Browser, id: string, fields: Fields) => as.post(`/applications/${id}`, fields)
    expect((await post(asAlly, apps.DRAFT.id, { intent: 'confirmConsortium' })).status).toBe(302)
    expect((await post(asPartner, apps.SUBMITTED.id, { intent: 'shortlist' })).status).toBe(302)
    expect((await post(asPartner, apps.SUBMITTED.id, { intent: 'requestInfo', message: 'Quel délai de livraison ?' })).status).toBe(302)
    expect((await post(asFirm, apps.SUBMITTED.id, { intent: 'answerInfo', message: 'Six semaines.' })).status).toBe(302)
    expect((await post(asFirm, apps.SUBMITTED.id, { intent: 'message', message: 'Merci !' })).status).toBe(302)
    expect((await post(asPartner, apps.SHORTLISTED.id, { intent: 'decline', reason: 'TIMING', comment: declineComment })).status).toBe(302)
    expect((await post(asPartner, apps.SUBMITTED.id, { intent: 'accept' })).status).toBe(302)
    expect((await post(asFirm, apps.INFO_REQUESTED.id, { intent: 'withdraw' })).status).toBe(302)
    expect(await prisma.application.findUniqueOrThrow({ where: { id: apps.SUBMITTED.id } })).toMatchObject({ status: 'ACCEPTED' })
    // A consortium partner declines; the hub's staff screen an application of a screened need.
    const another = await application('DRAFT')
    await prisma.consortiumMember.create({ data: { applicationId: another.id, organisationId: ally.organisation.id } })
    expect((await post(asAlly, another.id, { intent: 'declineConsortium' })).status).toBe(302)
    const screened = await application('SUBMITTED')
    await prisma.need.update({ where: { id: screened.needId }, data: { screeningRequired: true } })
    expect((await post(asModerator, screened.id, { intent: 'startScreening' })).status).toBe(302)
    expect((await prisma.application.findUniqueOrThrow({ where: { id: screened.id } })).status).toBe('SCREENING')
  })

  test('application page: the deal — pilot started, succeeded, then the contract signed', async () => {
    const accepted = await application('ACCEPTED')
    const post = (fields: Fields) => asPartner.post(`/applications/${accepted.id}`, fields)
    expect((await post({ intent: 'startPilot', successCriteria: 'Détecter 95 % des défauts\n- Moins de 1 % de faux positifs', pilotStartsOn: inDays(10), pilotEndsOn: inDays(70), pilotValueEur: '15000' })).status).toBe(302)
    expect((await post({ intent: 'pilotSucceeded' })).status).toBe(302)
    expect((await post({ intent: 'signContract', purchaseOrder: 'BC-2026-001', contractValueEur: '90000', contractSignedAt: inDays(80) })).status).toBe(302)
    expect(await prisma.deal.findUniqueOrThrow({ where: { applicationId: accepted.id } })).toMatchObject({ status: 'CONTRACT', purchaseOrder: 'BC-2026-001', contractValueEur: 90_000 })
  })

  test('application page: a PDF uploaded, then removed from the draft', async () => {
    const draft = await application('DRAFT')
    const uploaded = await asFirm.send(`/applications/${draft.id}`, { kind: 'multipart', files: [{ field: 'file', name: 'offre.pdf', type: 'application/pdf', bytes: minimalPdf() }] })
    expect(uploaded.status).toBe(302)
    const attachment = await prisma.attachment.findFirstOrThrow({ where: { applicationId: draft.id } })
    expect(attachment).toMatchObject({ filename: 'offre.pdf', contentType: 'application/pdf' })
    expect((await asFirm.post(`/applications/${draft.id}`, { intent: 'removeAttachment', attachmentId: attachment.id })).status).toBe(302)
    expect(await prisma.attachment.count({ where: { applicationId: draft.id } })).toBe(0)
  })

  test(`application page: ${RUNS} decisions and answers sent by the wrong person or in the wrong state`, TIMEOUT, async () => {
    const apps = await applications()
    const statuses = Object.keys(apps) as WorldStatus[]
    const cases = fc
      .tuple(fc.constantFrom(...(Object.keys(browsers()) as AppActor[])), fc.constantFrom(...statuses), fc.constantFrom(...simpleIntents))
      .filter(([actor, status, intent]) => !allowed(actor, status, intent))
      .map(([actor, status, intent]): Case => ({ as: browsers()[actor], path: `/applications/${apps[status].id}`, body: { kind: 'form', fields: { intent } } }))
    const unknownApplications = fc
      .tuple(fc.oneof(unknownId, malformedId), fc.constantFrom(...simpleIntents))
      .map(([id, intent]): Case => ({ as: asPartner, path: `/applications/${encodeURIComponent(id)}`, body: { kind: 'form', fields: { intent } } }))
    await assertRefused(fc.oneof({ arbitrary: cases, weight: 5 }, { arbitrary: unknownApplications, weight: 1 }))
  })

  test(`application page: ${RUNS} unknown, missing and duplicated intents`, TIMEOUT, async () => {
    const apps = await applications()
    const all = [...simpleIntents, 'requestInfo', 'answerInfo', 'message', 'decline', 'startPilot', 'signContract', 'removeAttachment']
    const intents = fc.oneof(unknownChoice(all), MISSING, blank, fc.constantFrom(...all).chain((intent) => fc.oneof(repeated(intent), fc.constantFrom(...all).map((other) => [intent, other]))))
    const cases = fc
      .tuple(fc.constantFrom(...(Object.keys(browsers()) as AppActor[])), fc.constantFrom<WorldStatus>('DRAFT', 'SUBMITTED', 'SHORTLISTED', 'ACCEPTED'), intents)
      .map(([actor, status, intent]): Case => ({
        as: browsers()[actor],
        path: `/applications/${apps[status].id}`,
        body: { kind: 'form', fields: { intent, message: 'Un message.', reason: 'BUDGET', comment: declineComment, attachmentId: 'c0000000000000000000000000' } },
      }))
    await assertRefused(cases)
  })

  test(`application page, messages (request info, answer, write): ${RUNS} bad messages, wrong people and states`, TIMEOUT, async () => {
    const apps = await applications()
    const message = fc.oneof(blank, tooShort(2), tooLong(5000), repeated('Une question ?'), MISSING)
    const valid: Array<[Browser, string, string]> = [
      [asPartner, apps.SHORTLISTED.id, 'requestInfo'],
      [asFirm, apps.INFO_REQUESTED.id, 'answerInfo'],
      [asFirm, apps.SUBMITTED.id, 'message'],
      [asPartner, apps.SUBMITTED.id, 'message'],
    ]
    const badMessages = fc.tuple(fc.constantFrom(...valid), message).map(([[as, id, intent], text]): Case => ({ as, path: `/applications/${id}`, body: { kind: 'form', fields: text === undefined ? { intent } : { intent, message: text } } }))
    const wrong = fc.constantFrom<Case>(
      { as: asFirm, path: `/applications/${apps.SHORTLISTED.id}`, body: { kind: 'form', fields: { intent: 'requestInfo', message: 'Une question ?' } } },
      { as: asPartner, path: `/applications/${apps.INFO_REQUESTED.id}`, body: { kind: 'form', fields: { intent: 'answerInfo', message: 'Une réponse.' } } },
      { as: asPartner, path: `/applications/${apps.SUBMITTED.id}`, body: { kind: 'form', fields: { intent: 'requestInfo', message: 'Trop tôt ?' } } },
      { as: asFirm, path: `/applications/${apps.SUBMITTED.id}`, body: { kind: 'form', fields: { intent: 'answerInfo', message: 'Rien demandé.' } } },
      { as: asFirm, path: `/applications/${apps.DRAFT.id}`, body: { kind: 'form', fields: { intent: 'message', message: 'Sur un brouillon.' } } },
      { as: asAlly, path: `/applications/${apps.DRAFT.id}`, body: { kind: 'form', fields: { intent: 'message', message: 'Pas encore confirmé.' } } },
      { as: asOutsider, path: `/applications/${apps.SUBMITTED.id}`, body: { kind: 'form', fields: { intent: 'message', message: 'Intrus.' } } },
      { as: asOtherPartner, path: `/applications/${apps.SUBMITTED.id}`, body: { kind: 'form', fields: { intent: 'message', message: 'Intrus.' } } },
      { as: asFirm, path: `/applications/${apps.WITHDRAWN.id}`, body: { kind: 'form', fields: { intent: 'message', message: 'Retirée.' } } },
    )
    await assertRefused(fc.oneof({ arbitrary: badMessages, weight: 4 }, { arbitrary: wrong, weight: 1 }))
  })

  test(`application page, decline: ${RUNS} bad reasons and comments, wrong people and states`, TIMEOUT, async () => {
    const apps = await applications()
    const valid = { intent: 'decline', reason: 'BUDGET', comment: declineComment }
    const bad = badForm(valid, {
      reason: fc.oneof(unknownChoice(declineReasons), MISSING, blank, repeated('BUDGET')),
      comment: fc.oneof(blank, tooShort(10), tooLong(2000), repeated(declineComment), MISSING),
    })
    const wrong = fc.tuple(fc.constantFrom(asFirm, asAlly, asOutsider, asOtherPartner, asModerator, asPartner), fc.constantFrom(apps.SUBMITTED.id, apps.ACCEPTED.id, apps.DECLINED.id, apps.WITHDRAWN.id, apps.DRAFT.id))
      .filter(([as, id]) => !(as === asPartner && id === apps.SUBMITTED.id))
      .map(([as, id]): Case => ({ as, path: `/applications/${id}`, body: { kind: 'form', fields: valid } }))
    await assertRefused(fc.oneof({ arbitrary: withJunk(bad, Object.keys(valid)).map(form(asPartner, `/applications/${apps.SUBMITTED.id}`)), weight: 4 }, { arbitrary: wrong, weight: 1 }))
  })

  test(`application page, start the pilot: ${RUNS} bad criteria, dates and values, wrong people and states`, TIMEOUT, async () => {
    const apps = await applications()
    const valid = { intent: 'startPilot', successCriteria: 'Détecter 95 % des défauts\nMoins de 1 % de faux positifs', pilotStartsOn: inDays(10), pilotEndsOn: inDays(70), pilotValueEur: '15000' }
    const bad = badForm(valid, {
      successCriteria: fc.oneof(
        blank,
        MISSING,
        fc.constantFrom('-\n*\n•\n', ' - \n\n'),
        fc.array(fc.constant('Un critère'), { minLength: 11, maxLength: 20 }).map((lines) => lines.join('\n')),
        tooLong(300).map((line) => `Critère court\n${line}`),
        tooLong(3000),
        repeated('Un critère'),
      ),
      pilotStartsOn: fc.oneof(badDate, MISSING, blank, repeated(inDays(10))),
      pilotEndsOn: fc.oneof(badDate, MISSING, blank, repeated(inDays(70)), fc.constant(inDays(5))),
      pilotValueEur: fc.oneof(badInteger(0, 100_000_000), repeated('15000')),
    })
    const wrong = fc.tuple(fc.constantFrom(asPartner, asFirm, asOutsider, asModerator), fc.constantFrom(apps.SUBMITTED.id, apps.SHORTLISTED.id, apps.DECLINED.id, apps.ACCEPTED.id))
      .filter(([as, id]) => !(as === asPartner && id === apps.ACCEPTED.id))
      .map(([as, id]): Case => ({ as, path: `/applications/${id}`, body: { kind: 'form', fields: valid } }))
    await assertRefused(fc.oneof({ arbitrary: withJunk(bad, Object.keys(valid)).map(form(asPartner, `/applications/${apps.ACCEPTED.id}`)), weight: 4 }, { arbitrary: wrong, weight: 1 }))
  })

  test(`application page, the deal (outcome, contract): ${RUNS} bad contracts, moves the deal does not allow`, TIMEOUT, async () => {
    const apps = await applications()
    const succeeded = await application('ACCEPTED')
    await prisma.deal.create({ data: { applicationId: succeeded.id, status: 'PILOT_SUCCEEDED', successCriteria: ['Un critère'] } })
    const failed = await application('ACCEPTED')
    await prisma.deal.create({ data: { applicationId: failed.id, status: 'PILOT_FAILED', successCriteria: ['Un critère'] } })
    const valid = { intent: 'signContract', purchaseOrder: 'BC-2026-001', contractValueEur: '90000', contractSignedAt: inDays(3) }
    const bad = badForm(valid, {
      purchaseOrder: fc.oneof(blank, tooShort(2), tooLong(80), repeated('BC-1'), MISSING),
      contractValueEur: fc.oneof(badInteger(1, 100_000_000), fc.constantFrom('', '0'), MISSING, repeated('90000')),
      contractSignedAt: fc.oneof(badDate, MISSING, blank, repeated(inDays(3))),
    })
    // A pilot that failed is over; an accepted application without a deal has nothing to move; only the partner moves it.
    const wrong = fc.oneof(
      fc.tuple(fc.constantFrom('pilotSucceeded', 'pilotFailed', 'cancel', 'signContract'), fc.constantFrom(failed.id, apps.ACCEPTED.id)).map(([intent, id]): Case => ({ as: asPartner, path: `/applications/${id}`, body: { kind: 'form', fields: { ...valid, intent } } })),
      fc.constantFrom('pilotSucceeded', 'pilotFailed').map((intent): Case => ({ as: asPartner, path: `/applications/${succeeded.id}`, body: { kind: 'form', fields: { intent } } })),
      fc.tuple(fc.constantFrom(asFirm, asOutsider, asModerator, asOtherPartner), fc.constantFrom('signContract', 'cancel')).map(([as, intent]): Case => ({ as, path: `/applications/${succeeded.id}`, body: { kind: 'form', fields: { ...valid, intent } } })),
    )
    await assertRefused(fc.oneof({ arbitrary: withJunk(bad, Object.keys(valid)).map(form(asPartner, `/applications/${succeeded.id}`)), weight: 4 }, { arbitrary: wrong, weight: 1 }))
    expect((await prisma.deal.findUniqueOrThrow({ where: { applicationId: succeeded.id } })).status).toBe('PILOT_SUCCEEDED')
  })

  test(`application page, remove an attachment: ${RUNS} bad, unknown and other applications' attachments`, TIMEOUT, async () => {
    const apps = await applications()
    const attach = (applicationId: string) =>
      prisma.attachment.create({ data: { applicationId, uploadedById: firm.user.id, filename: 'offre.pdf', contentType: 'application/pdf', sizeBytes: 10, sha256: 'x', storageKey: randomBytes(16).toString('hex') } })
    const mine = await attach(apps.DRAFT.id)
    const submittedOne = await attach(apps.SUBMITTED.id)
    const othersApp = await application('DRAFT', otherFirms[1]!.organisation.id, otherFirms[1]!.user.id)
    const theirs = await attach(othersApp.id)
    const path = `/applications/${apps.DRAFT.id}`
    const bad = badForm(
      { intent: 'removeAttachment', attachmentId: mine.id },
      { attachmentId: fc.oneof(unknownId, malformedId, blank, MISSING, fc.constantFrom(submittedOne.id, theirs.id), repeated(theirs.id)) },
    )
    const cases = fc.oneof(
      { arbitrary: withJunk(bad, ['intent', 'attachmentId']).map(form(asFirm, path)), weight: 6 },
      // Submitted: no longer removable; the partner, the ally, an outsider may not.
      { arbitrary: fc.constant<Case>({ as: asFirm, path: `/applications/${apps.SUBMITTED.id}`, body: { kind: 'form', fields: { intent: 'removeAttachment', attachmentId: submittedOne.id } } }), weight: 1 },
      { arbitrary: fc.constantFrom(asPartner, asAlly, asOutsider).map((as): Case => ({ as, path, body: { kind: 'form', fields: { intent: 'removeAttachment', attachmentId: mine.id } } })), weight: 1 },
    )
    await assertRefused(cases)
    expect(await prisma.attachment.count({ where: { id: { in: [mine.id, submittedOne.id, theirs.id] } } })).toBe(3)
  })

  test(`application page, remove an attachment: ${RUNS} forms whose attachment id is posted twice`, TIMEOUT, async () => {
    const apps = await applications()
    const mine = await prisma.attachment.create({ data: { applicationId: apps.DRAFT.id, uploadedById: firm.user.id, filename: 'offre.pdf', contentType: 'application/pdf', sizeBytes: 10, sha256: 'x', storageKey: randomBytes(16).toString('hex') } })
    const ids = fc.oneof(repeated(mine.id), fc.tuple(fc.constant(mine.id), unknownId).map((pair) => [...pair]))
    await assertRefused(ids.map((attachmentId) => form(asFirm, `/applications/${apps.DRAFT.id}`)({ intent: 'removeAttachment', attachmentId })))
  })

  // ───────── the PDF upload ─────────

  test(`upload: ${RUNS} files that are no PDF, empty, just over 10 MB, under hostile names; missing files; wrong people and states`, TIMEOUT, async () => {
    const apps = await applications()
    const full = await application('DRAFT')
    await prisma.attachment.createMany({
      data: Array.from({ length: 10 }, (_, index) => ({ applicationId: full.id, uploadedById: firm.user.id, filename: `piece-${index}.pdf`, contentType: 'application/pdf', sizeBytes: 10, sha256: 'x', storageKey: randomBytes(16).toString('hex') })),
    })
    const path = `/applications/${apps.DRAFT.id}`
    const junkFields = fc.dictionary(fc.constantFrom('intent', 'attachmentId', 'name', 'x'), fc.string({ maxLength: 12 }), { maxKeys: 2 })
    const badFiles = fc.tuple(badUpload, junkFields).map(([file, fields]): Case => ({ as: asFirm, path, body: { kind: 'multipart', fields, files: [file] } }))
    const noFile = fc.oneof(
      // No file part; the field sent as text; a file under another name; two bad files.
      junkFields.map((fields): Case => ({ as: asFirm, path, body: { kind: 'multipart', fields, files: [] } })),
      fc.string({ maxLength: 30 }).map((value): Case => ({ as: asFirm, path, body: { kind: 'multipart', fields: { file: value }, files: [] } })),
      fc.tuple(notPdfBytes, hostileName).map(([bytes, name]): Case => ({ as: asFirm, path, body: { kind: 'multipart', files: [{ field: 'document', name, type: 'application/pdf', bytes }] } })),
      fc.tuple(notPdfBytes, notPdfBytes).map(([one, two]): Case => ({ as: asFirm, path, body: { kind: 'multipart', files: [{ field: 'file', name: 'a.pdf', type: 'application/pdf', bytes: one }, { field: 'file', name: 'b.pdf', type: 'application/pdf', bytes: two }] } })),
    )
    // A valid PDF where it may not go: another firm's application, a declined one, the partner's side, the eleventh attachment.
    const wrong = fc.tuple(fc.constantFrom<[Browser, string]>([asOutsider, apps.DRAFT.id], [asPartner, apps.SUBMITTED.id], [asFirm, apps.DECLINED.id], [asFirm, apps.WITHDRAWN.id], [asFirm, apps.ACCEPTED.id], [asAlly, apps.DRAFT.id], [asFirm, full.id]), pdfUnderHostileName).map(
      ([[as, id], file]): Case => ({ as, path: `/applications/${id}`, body: { kind: 'multipart', files: [file] } }),
    )
    await assertRefused(fc.oneof({ arbitrary: badFiles, weight: 6 }, { arbitrary: noFile, weight: 2 }, { arbitrary: wrong, weight: 2 }))
  })

  test(`upload: ${RUNS} malformed multipart bodies (truncated, without headers or name, another boundary)`, TIMEOUT, async () => {
    const draft = await application('DRAFT')
    const contentTypes = fc.constantFrom('multipart/form-data; boundary=x', 'multipart/form-data', 'multipart/form-data; boundary=', 'multipart/form-data; boundary="x"; charset=latin1')
    const cases = fc.tuple(malformedMultipart, contentTypes).map(([body, contentType]): Case => ({ as: asFirm, path: `/applications/${draft.id}`, body: { kind: 'raw', body, contentType } }))
    await assertRefused(cases)
  })

  test(`upload: ${RUNS} valid PDFs under hostile names are stored under a safe name`, TIMEOUT, async () => {
    const draft = await application('DRAFT')
    await fc.assert(
      fc.asyncProperty(pdfUnderHostileName, async (file) => {
        const answer = await asFirm.send(`/applications/${draft.id}`, { kind: 'multipart', files: [file] })
        const stored = await prisma.attachment.findMany({ where: { applicationId: draft.id } })
        try {
          // An empty name is no file for the multipart parser: refused as missing.
          if (file.name === '') {
            expect(answer.status, JSON.stringify(file.name)).toBe(422)
            expect(stored).toHaveLength(0)
            return
          }
          expect(answer.status, JSON.stringify(file.name)).toBe(302)
          expect(stored).toHaveLength(1)
          const name = stored[0]!.filename
          expect(name, JSON.stringify(file.name)).toMatch(/\.pdf$/)
          expect(name).not.toMatch(/[\\/\u0000-\u001f\u007f"<>|:*?]/)
          expect(name.length).toBeLessThanOrEqual(124)
        } finally {
          await removeStored(stored)
        }
      }),
      { numRuns: RUNS },
    )
  })

  test(`upload: ${RUNS} legal file names with a semicolon or a double quote (PDF or not) never answer 5xx`, TIMEOUT, async () => {
    const draft = await application('DRAFT')
    const files = fc.tuple(nameWithSeparator, fc.boolean(), notPdfBytes).map(([name, pdf, other]) => ({ field: 'file', name, type: 'application/pdf', bytes: pdf ? minimalPdf() : other }))
    await fc.assert(
      fc.asyncProperty(files, async (file) => {
        const answer = await asFirm.send(`/applications/${draft.id}`, { kind: 'multipart', files: [file] })
        const stored = await prisma.attachment.findMany({ where: { applicationId: draft.id } })
        try {
          expect(answer.status, `${JSON.stringify(file.name)} → ${answer.status}`).toBeLessThan(500)
          // A PDF is stored (302); anything else is refused (415) and leaves nothing.
          expect(answer.status, JSON.stringify(file.name)).toBe(stored.length === 1 ? 302 : 415)
        } finally {
          await removeStored(stored)
        }
      }),
      { numRuns: RUNS },
    )
  })
})
