import type { ParsedMail } from 'mailparser'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { onDay } from '#app/i18n/format'
import { actOnApplication, getApplicationForActor } from '#app/modules/applications/service.server'
import { actOnMatch } from '#app/modules/matching/invitations.server'
import { answerQuestion, askQuestion } from '#app/modules/needs/questions.server'
import { changeNeedLifecycle } from '#app/modules/needs/service.server'
import { closeQueues, createWorker, enqueueJob } from '#app/modules/jobs/queue.server'
import { deliverEmails } from '#app/modules/notifications/email.server'
import { createApiToken } from '#app/modules/organisations/api-tokens.server'
import { setFollow } from '#app/modules/reminders/follows.server'
import { dayIn, middayOf, addDays } from '#app/modules/reminders/schedule'
import { listLateApplications, sweepReminders } from '#app/modules/reminders/service.server'
import { prisma } from '#app/utils/db.server'
import { resetEnvForTests } from '#app/utils/env.server'
import { getLogger } from '#app/utils/logger.server'
import { createHub, createMember, createNeed, createStaff, createUser } from '#tests/factories'
import { actorFor } from '#tests/helpers/actor'
import { signedIn, Visitor } from '#tests/helpers/app'
import { startSmtpServer } from '#tests/helpers/smtp'
import { waitFor } from '#tests/helpers/wait'
import { remindersProcessor } from '#workers/reminders'

/**
 * Instant e-mails under each person's preferences, followers, the charter's reminders, draft
 * deadlines and pilot ends (each sent once), late answers for staff, and closing a need only once
 * every application has an answer. Real PostgreSQL, a real SMTP server; the clock is an argument.
 */

let smtp: Awaited<ReturnType<typeof startSmtpServer>>

beforeAll(async () => {
  smtp = await startSmtpServer()
  process.env.SMTP_URL = smtp.url
  resetEnvForTests()
})

afterAll(async () => {
  await smtp.close()
  delete process.env.SMTP_URL
  resetEnvForTests()
})

type Category = 'MY_APPLICATIONS' | 'MY_NEEDS' | 'FOLLOWED_NEEDS'
type Channel = 'APP' | 'EMAIL' | 'DIGEST' | 'OFF'

async function addMember(organisationId: string, channels: Partial<Record<Category, Channel>> = {}, user: { locale?: string; timeZone?: string } = {}) {
  const created = await createUser(user)
  await prisma.membership.create({ data: { userId: created.id, organisationId, role: 'MEMBER' } })
  for (const [category, channel] of Object.entries(channels)) {
    await prisma.notificationSetting.create({ data: { userId: created.id, category: category as Category, channel: channel as Channel } })
  }
  return created
}

/** Hands every stored e-mail to the SMTP server (what the `emails.send` jobs do). */
async function deliverQueued() {
  const queued = await prisma.emailMessage.findMany({ where: { status: 'QUEUED' }, select: { id: true } })
  await deliverEmails(queued.map((row) => row.id))
}

const addressesOf = (mail: ParsedMail) => (Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : []).flatMap((to) => to.value.map((value) => value.address))
const mailsTo = (address: string) => smtp.messages.filter((mail) => addressesOf(mail).includes(address))
const mailsAbout = (address: string, subject: string | RegExp) =>
  mailsTo(address).filter((mail) => (typeof subject === 'string' ? mail.subject === subject : subject.test(mail.subject ?? '')))

/** The raw List-Unsubscribe header (mailparser folds it into a structured `list` otherwise). */
const listUnsubscribe = (mail: ParsedMail) => mail.headerLines.find((header) => header.key === 'list-unsubscribe')?.line ?? ''

async function notificationsOf(userId: string, kind: string) {
  return prisma.notification.findMany({ where: { userId, kind } })
}

async function market() {
  const hub = await createHub()
  const staff = await createStaff(hub.id)
  const partner = await createMember(hub.id, 'PARTNER')
  const firm = await createMember(hub.id, 'FIRM')
  return { hub, staff, partner, firm }
}

async function publishedNeed(partner: { organisation: { id: string }; user: { id: string } }, hubId: string, overrides: Parameters<typeof createNeed>[3] = {}) {
  return createNeed(partner.organisation.id, hubId, partner.user.id, { status: 'PUBLISHED', publishedAt: new Date(), ...overrides })
}

async function application(needId: string, firm: { organisation: { id: string }; user: { id: string } }, status: 'DRAFT' | 'SUBMITTED' | 'SHORTLISTED' | 'ACCEPTED' | 'INFO_REQUESTED', submittedAt: Date | null = new Date()) {
  return prisma.application.create({
    data: { needId, firmId: firm.organisation.id, createdById: firm.user.id, status, approach: 'Une approche détaillée pour le pilote, en trois étapes.', submittedAt: status === 'DRAFT' ? null : submittedAt },
  })
}

describe('instant e-mails under the preferences', () => {
  test('shortlisted, information requested and messages both ways: e-mailed to members on EMAIL only, with a link to the application', async () => {
    const { hub, partner, firm } = await market()
    const firmOnApp = await addMember(firm.organisation.id, { MY_APPLICATIONS: 'APP' })
    const firmOff = await addMember(firm.organisation.id, { MY_APPLICATIONS: 'OFF' })
    const partnerOnApp = await addMember(partner.organisation.id, { MY_NEEDS: 'APP' })
    const need = await publishedNeed(partner, hub.id, { title: 'Supervision des remontées mécaniques' })
    const submitted = await application(need.id, firm, 'SUBMITTED')
    const partnerActor = await actorFor(partner.user.id)

    await actOnApplication(partnerActor, submitted.id, { intent: 'shortlist' })
    await deliverQueued()
    const [shortlisted] = mailsAbout(firm.user.email, 'Candidature présélectionnée\u00a0: Supervision des remontées mécaniques')
    expect(shortlisted).toBeDefined()
    expect(shortlisted!.text).toContain(`http://localhost:3000/applications/${submitted.id}`)
    expect(shortlisted!.text).toContain(partner.organisation.name)
    expect(shortlisted!.html).toContain(`http://localhost:3000/applications/${submitted.id}`)
    // Non-transactional: one click unsubscribes from the category.
    expect(listUnsubscribe(shortlisted!)).toContain(`/unsubscribe?u=${firm.user.id}&s=MY_APPLICATIONS`)
    // The link opens the application for its reader.
    expect((await getApplicationForActor(await actorFor(firm.user.id), submitted.id)).view).toBe('firm')
    expect(mailsTo(firmOnApp.email)).toHaveLength(0)
    expect(await notificationsOf(firmOnApp.id, 'application.shortlisted')).toEqual([expect.objectContaining({ category: 'MY_APPLICATIONS', applicationId: submitted.id, needId: need.id })])
    expect(mailsTo(firmOff.email)).toHaveLength(0)
    expect(await notificationsOf(firmOff.id, 'application.shortlisted')).toHaveLength(0)

    await actOnApplication(partnerActor, submitted.id, { intent: 'requestInfo', message: 'Quel calendrier pour la pose des capteurs ?' })
    await deliverQueued()
    expect(mailsAbout(firm.user.email, 'Informations demandées : Supervision des remontées mécaniques')).toHaveLength(1)
    expect(mailsAbout(firmOnApp.email, /Informations/)).toHaveLength(0)

    // The firm answers: a message to the partner's members on EMAIL (the one on APP reads it in the app).
    await actOnApplication(await actorFor(firm.user.id), submitted.id, { intent: 'answerInfo', message: 'Pose en deux semaines, hors saison.' })
    await actOnApplication(await actorFor(partnerOnApp.id), submitted.id, { intent: 'message', message: 'Merci, et pour la maintenance ?' })
    await actOnApplication(await actorFor(firm.user.id), submitted.id, { intent: 'message', message: 'Un passage par mois.' })
    await deliverQueued()
    const toPartner = mailsAbout(partner.user.email, 'Nouveau message\u00a0: Supervision des remontées mécaniques')
    expect(toPartner).toHaveLength(2)
    expect(toPartner[0]!.text).toContain(firm.organisation.name)
    expect(mailsTo(partnerOnApp.email)).toHaveLength(0)
    expect(await notificationsOf(partnerOnApp.id, 'application.message')).toEqual([expect.objectContaining({ category: 'MY_NEEDS' })])
    // The partner's message reaches the firm's member on EMAIL, naming the partner; its author hears nothing of it.
    const toFirm = mailsAbout(firm.user.email, 'Nouveau message\u00a0: Supervision des remontées mécaniques')
    expect(toFirm).toHaveLength(1)
    expect(toFirm[0]!.text).toContain(partner.organisation.name)
    expect(mailsTo(firmOnApp.email)).toHaveLength(0)
    expect(mailsTo(firmOff.email)).toHaveLength(0)
  })

  test('an answer reaches the asker and the followers who may still read the need, not a follower who lost access', async () => {
    const { hub, partner, firm } = await market()
    const asker = await createMember(hub.id, 'FIRM')
    const follower = await createMember(hub.id, 'FIRM')
    const followerOnApp = await addMember(follower.organisation.id, { FOLLOWED_NEEDS: 'APP' })
    const lost = await createMember(hub.id, 'FIRM')
    const need = await publishedNeed(partner, hub.id, { title: 'Jumeau numérique des télécabines' })

    // The toggle on the need page: for its readers, not for its partner.
    const followerPage = await signedIn(follower.user.email)
    expect(await (await followerPage.get(`/needs/${need.id}`)).text()).toContain('Suivre ce besoin')
    expect(await (await (await signedIn(partner.user.email)).get(`/needs/${need.id}`)).text()).not.toContain('Suivre ce besoin')
    expect((await followerPage.post(`/needs/${need.id}`, { intent: 'follow' })).status).toBe(302)
    expect(await (await followerPage.get(`/needs/${need.id}`)).text()).toContain('Ne plus suivre')
    await askQuestion(await actorFor(asker.user.id), need.id, 'Les plans des gares sont-ils disponibles ?')
    expect(await prisma.needFollow.count({ where: { needId: need.id, userId: asker.user.id } })).toBe(1)
    await setFollow(await actorFor(followerOnApp.id), need.id, true)
    await setFollow(await actorFor(lost.user.id), need.id, true)
    await setFollow(await actorFor(firm.user.id), need.id, true)
    await setFollow(await actorFor(firm.user.id), need.id, false)
    // The partner does not follow its own need.
    await expect(setFollow(await actorFor(partner.user.id), need.id, true)).rejects.toMatchObject({ status: 403 })
    // Suspended, the firm no longer opens the need: its follower is not told.
    await prisma.organisation.update({ where: { id: lost.organisation.id }, data: { status: 'SUSPENDED' } })

    const question = await prisma.question.findFirstOrThrow({ where: { needId: need.id } })
    await answerQuestion(await actorFor(partner.user.id), need.id, question.id, 'Oui, en PDF, sur demande après candidature.')
    await deliverQueued()

    const toAsker = mailsAbout(asker.user.email, 'Réponse à votre question\u00a0: Jumeau numérique des télécabines')
    expect(toAsker).toHaveLength(1)
    expect(toAsker[0]!.text).toContain(`http://localhost:3000/needs/${need.id}#questions`)
    expect(listUnsubscribe(toAsker[0]!)).toContain('s=FOLLOWED_NEEDS')
    expect(mailsAbout(follower.user.email, 'Nouvelle réponse\u00a0: Jumeau numérique des télécabines')).toHaveLength(1)
    expect(mailsTo(followerOnApp.email)).toHaveLength(0)
    expect(await notificationsOf(followerOnApp.id, 'reminders:followed-answer')).toHaveLength(1)
    expect(mailsTo(lost.user.email)).toHaveLength(0)
    expect(await notificationsOf(lost.user.id, 'reminders:followed-answer')).toHaveLength(0)
    expect(mailsTo(firm.user.email)).toHaveLength(0)
  })

  test('an invitation to a confidential need: its own e-mail, under the preferences', async () => {
    const { hub, partner, firm } = await market()
    const onApp = await addMember(firm.organisation.id, { MY_APPLICATIONS: 'APP' })
    const need = await publishedNeed(partner, hub.id, { title: 'Audit confidentiel des automates', visibility: 'INVITE_ONLY' })
    const match = await prisma.match.create({ data: { needId: need.id, firmId: firm.organisation.id, score: 81, breakdown: {}, algorithmVersion: 'hybrid-1' } })

    await actOnMatch(await actorFor(partner.user.id), match.id, 'invite')
    await deliverQueued()
    const [invited] = mailsAbout(firm.user.email, 'Invitation à un besoin confidentiel\u00a0: Audit confidentiel des automates')
    expect(invited).toBeDefined()
    expect(invited!.text).toContain(`http://localhost:3000/needs/${need.id}`)
    expect(invited!.text).toContain('accord de confidentialité')
    expect(mailsTo(onApp.email)).toHaveLength(0)
    expect(await notificationsOf(onApp.id, 'match.invited')).toHaveLength(1)
  })
})

describe('the reminders, each sent once', () => {
  const today = dayIn(new Date())
  const at = (day: string, hour = 7) => new Date(`${day}T${String(hour).padStart(2, '0')}:00:00Z`)

  test('the partner is reminded of an undecided application two days before the charter’s delay and on the day, once each', async () => {
    const { hub, firm } = await market()
    const partner = await createMember(hub.id, 'PARTNER', { organisation: { charterResponseDays: 10 } })
    const onApp = await addMember(partner.organisation.id, { MY_NEEDS: 'APP' })
    const english = await addMember(partner.organisation.id, {}, { locale: 'en', timeZone: 'America/Montreal' })
    const need = await publishedNeed(partner, hub.id, { title: 'Billetterie des remontées' })
    const submittedDay = addDays(today, 5)
    const waiting = await application(need.id, firm, 'SHORTLISTED', at(submittedDay, 9))
    const decidedFirm = await createMember(hub.id, 'FIRM')
    await application(need.id, decidedFirm, 'ACCEPTED', at(submittedDay, 9))
    const dueDay = addDays(submittedDay, 10)
    const subject = `Réponse attendue ${onDay(middayOf(dueDay), 'fr', 'Europe/Paris')}\u00a0: ${firm.organisation.name}`

    await sweepReminders(at(addDays(dueDay, -3), 12))
    await deliverQueued()
    expect(mailsTo(partner.user.email)).toHaveLength(0)

    // Two days before: two passes in a row and two at once send one reminder.
    const twoDaysBefore = at(addDays(dueDay, -2))
    await sweepReminders(twoDaysBefore)
    await sweepReminders(twoDaysBefore)
    await Promise.all([sweepReminders(at(addDays(dueDay, -1))), sweepReminders(at(addDays(dueDay, -1)))])
    await deliverQueued()
    const soon = mailsAbout(partner.user.email, subject)
    expect(subject).toMatch(/Réponse attendue le \d+(er)?\u00a0\S+( \d{4})?\u00a0: /)
    expect(soon).toHaveLength(1)
    expect(soon[0]!.text).toContain(`http://localhost:3000/applications/${waiting.id}`)
    expect(listUnsubscribe(soon[0]!)).toContain('s=MY_NEEDS')
    expect(mailsAbout(english.email, `Answer due ${onDay(middayOf(dueDay), 'en', 'America/Montreal')}: ${firm.organisation.name}`)).toHaveLength(1)
    expect(mailsTo(onApp.email)).toHaveLength(0)
    expect(await notificationsOf(onApp.id, 'reminders:charter-soon')).toHaveLength(1)
    expect(mailsTo(decidedFirm.user.email)).toHaveLength(0)

    // On the day, once.
    await Promise.all([sweepReminders(at(dueDay, 6)), sweepReminders(at(dueDay, 6)), sweepReminders(at(dueDay, 20))])
    await deliverQueued()
    expect(mailsAbout(partner.user.email, `Réponse attendue aujourd’hui\u00a0: ${firm.organisation.name}`)).toHaveLength(1)
    expect(mailsTo(partner.user.email)).toHaveLength(2)
    expect(await prisma.reminderSent.count({ where: { key: { contains: `:${waiting.id}:` } } })).toBe(2)
  })

  test('a firm holding a draft hears of the deadline three days ahead, only for a published need it may still open', async () => {
    const { hub, partner, firm } = await market()
    const deadline = new Date(`${addDays(today, 3)}T00:00:00Z`)
    const open = await publishedNeed(partner, hub.id, { title: 'Capteurs de neige', deadline })
    const closed = await createNeed(partner.organisation.id, hub.id, partner.user.id, { status: 'CLOSED', publishedAt: new Date(), title: 'Besoin clos', deadline })
    const narrowed = await publishedNeed(partner, hub.id, { title: 'Besoin devenu confidentiel', deadline, visibility: 'INVITE_ONLY' })
    for (const need of [open, closed, narrowed]) await application(need.id, firm, 'DRAFT')

    const now = at(today, 8)
    await Promise.all([sweepReminders(now), sweepReminders(now)])
    await sweepReminders(at(addDays(today, 1), 8))
    await deliverQueued()
    const mails = mailsTo(firm.user.email)
    expect(mails.map((mail) => mail.subject)).toEqual([`Votre brouillon\u00a0: les candidatures closent ${onDay(middayOf(dayIn(deadline)), 'fr')}`])
    expect(mails[0]!.text).toContain('Capteurs de neige')
    expect(mails[0]!.text).toContain(`http://localhost:3000/needs/${open.id}/apply`)
  })

  test('both sides hear of a pilot’s end seven days ahead, once', async () => {
    const { hub, partner, firm } = await market()
    const need = await createNeed(partner.organisation.id, hub.id, partner.user.id, { status: 'AWARDED', publishedAt: new Date(), title: 'Pilote de maintenance' })
    const accepted = await application(need.id, firm, 'ACCEPTED')
    const endDay = addDays(today, 7)
    await prisma.deal.create({ data: { applicationId: accepted.id, status: 'PILOT', successCriteria: ['Moins de pannes'], pilotStartsOn: new Date(), pilotEndsOn: new Date(`${endDay}T00:00:00Z`) } })

    await sweepReminders(at(addDays(today, -1), 8))
    await Promise.all([sweepReminders(at(today, 8)), sweepReminders(at(today, 9))])
    await sweepReminders(at(addDays(today, 1), 8))
    await deliverQueued()
    const subject = `Fin du pilote ${onDay(middayOf(endDay), 'fr')}\u00a0: Pilote de maintenance`
    expect(mailsTo(firm.user.email).map((mail) => mail.subject)).toEqual([subject])
    expect(mailsTo(partner.user.email).map((mail) => mail.subject)).toEqual([subject])
    expect(mailsTo(firm.user.email)[0]!.text).toContain(partner.organisation.name)
    expect(listUnsubscribe(mailsTo(partner.user.email)[0]!)).toContain('s=MY_NEEDS')
  })
})

describe('late answers for hub staff', () => {
  test('the staff of the hub see the applications past the charter’s delay, most late first; other hubs’ staff see none', async () => {
    const { hub, staff, partner } = await market()
    const otherHubStaff = await createStaff((await createHub()).id)
    const need = await publishedNeed(partner, hub.id, { title: 'Éclairage des pistes' })
    const now = new Date()
    const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000)
    const veryLate = await createMember(hub.id, 'FIRM')
    const late = await createMember(hub.id, 'FIRM')
    const onTime = await createMember(hub.id, 'FIRM')
    const decided = await createMember(hub.id, 'FIRM')
    await application(need.id, late, 'SUBMITTED', daysAgo(18))
    await application(need.id, veryLate, 'INFO_REQUESTED', daysAgo(25))
    await application(need.id, onTime, 'SUBMITTED', daysAgo(3))
    await application(need.id, decided, 'ACCEPTED', daysAgo(40))

    const rows = await listLateApplications(await actorFor(staff.id), now)
    expect(rows.map((row) => [row.firm, row.daysLate, row.partner, row.need.title])).toEqual([
      [veryLate.organisation.name, 10, partner.organisation.name, 'Éclairage des pistes'],
      [late.organisation.name, 3, partner.organisation.name, 'Éclairage des pistes'],
    ])
    expect(await listLateApplications(await actorFor(otherHubStaff.id), now)).toEqual([])
    await expect(listLateApplications(await actorFor(partner.user.id), now)).rejects.toMatchObject({ status: 403 })

    const page = await (await (await signedIn(staff.email)).get('/staff/late')).text()
    expect(page).toContain('Réponses en retard')
    expect(page).toContain(veryLate.organisation.name)
    expect(page).toContain('10 jours')
    const other = await (await (await signedIn(otherHubStaff.email)).get('/staff/late')).text()
    expect(other).toContain('Aucune réponse en retard')
    expect(other).not.toContain(veryLate.organisation.name)
    expect(await (await (await signedIn(staff.email)).get('/staff')).text()).toContain('Réponses en retard')
  })
})

describe('closing or awarding a need decides every open application', () => {
  test('refused while applications wait (service, form and API), then the bulk decline answers each firm in the same step', async () => {
    const { hub, partner } = await market()
    const need = await publishedNeed(partner, hub.id, { title: 'Supervision énergétique' })
    const submitted = await createMember(hub.id, 'FIRM')
    const shortlisted = await createMember(hub.id, 'FIRM')
    const winner = await createMember(hub.id, 'FIRM')
    const waitingA = await application(need.id, submitted, 'SUBMITTED')
    const waitingB = await application(need.id, shortlisted, 'SHORTLISTED')
    const accepted = await application(need.id, winner, 'ACCEPTED')
    const partnerActor = await actorFor(partner.user.id)

    await expect(changeNeedLifecycle(partnerActor, need.id, 'close')).rejects.toMatchObject({ status: 409, code: 'undecided_applications' })

    // The form: the message next to the reason field, nothing written.
    const browser = await signedIn(partner.user.email)
    const page = await browser.get(`/needs/${need.id}`)
    expect(await page.text()).toContain('Clore et décliner les 2 candidatures en attente')
    const refused = await browser.post(`/needs/${need.id}`, { intent: 'close' })
    expect(refused.status).toBe(409)
    const refusedPage = await refused.text()
    expect(refusedPage).toContain('2 candidatures attendent encore une décision')
    expect(refusedPage).toContain('Choisissez le motif du refus des candidatures en attente')
    const tooShort = await browser.post(`/needs/${need.id}`, { intent: 'close', declineReason: 'OTHER_CANDIDATE', declineComment: 'Non.' })
    expect(tooShort.status).toBe(400)

    // The API: 409 with the applications still undecided.
    const { token } = await createApiToken(partnerActor, partner.organisation.id, { name: 'Achats' })
    const api = await new Visitor().request(`/api/v1/needs/${need.id}/lifecycle`, { json: { action: 'close' }, headers: { Authorization: `Bearer ${token}` } })
    expect(api.status).toBe(409)
    const body = (await api.json()) as { error: { code: string; undecided: Array<{ id: string; firm: string; status: string }> } }
    expect(body.error.code).toBe('undecided_applications')
    expect(body.error.undecided).toEqual([
      { id: waitingA.id, firm: submitted.organisation.name, status: 'SUBMITTED' },
      { id: waitingB.id, firm: shortlisted.organisation.name, status: 'SHORTLISTED' },
    ])
    expect((await prisma.need.findUniqueOrThrow({ where: { id: need.id } })).status).toBe('PUBLISHED')
    expect(await prisma.application.count({ where: { needId: need.id, status: 'DECLINED' } })).toBe(0)

    // Closing with the decline of the waiting ones: one step; the accepted one stays.
    const closed = await browser.post(`/needs/${need.id}`, { intent: 'close', declineReason: 'OTHER_CANDIDATE', declineComment: 'Une autre proposition a été retenue pour ce pilote.' })
    expect(closed.status).toBe(302)
    const rows = await prisma.application.findMany({ where: { needId: need.id }, orderBy: { submittedAt: 'asc' } })
    expect(Object.fromEntries(rows.map((row) => [row.id, [row.status, row.declineReason]]))).toEqual({
      [waitingA.id]: ['DECLINED', 'OTHER_CANDIDATE'],
      [waitingB.id]: ['DECLINED', 'OTHER_CANDIDATE'],
      [accepted.id]: ['ACCEPTED', null],
    })
    expect((await prisma.need.findUniqueOrThrow({ where: { id: need.id } })).status).toBe('CLOSED')
    await deliverQueued()
    for (const firm of [submitted, shortlisted]) {
      expect(mailsAbout(firm.user.email, /Supervision énergétique/)).toHaveLength(1)
    }
    expect(mailsTo(winner.user.email)).toHaveLength(0)
    // Awarding: nothing left to decide.
    expect((await changeNeedLifecycle(partnerActor, need.id, 'award')).status).toBe('AWARDED')
  })

  test('awarding a need closed before the rule, with an application still open, needs its decision too', async () => {
    const { hub, partner } = await market()
    const need = await createNeed(partner.organisation.id, hub.id, partner.user.id, { status: 'CLOSED', publishedAt: new Date(), closedAt: new Date() })
    const winner = await createMember(hub.id, 'FIRM')
    const waiting = await createMember(hub.id, 'FIRM')
    await application(need.id, winner, 'ACCEPTED')
    const open = await application(need.id, waiting, 'INFO_REQUESTED')
    const partnerActor = await actorFor(partner.user.id)
    await expect(changeNeedLifecycle(partnerActor, need.id, 'award')).rejects.toMatchObject({ status: 409 })
    expect((await prisma.need.findUniqueOrThrow({ where: { id: need.id } })).status).toBe('CLOSED')
    await changeNeedLifecycle(partnerActor, need.id, 'award', undefined, { declineOpen: { reason: 'OTHER_CANDIDATE', comment: 'Une autre entreprise a été retenue.' } })
    expect(await prisma.application.findUniqueOrThrow({ where: { id: open.id } })).toMatchObject({ status: 'DECLINED', declineReason: 'OTHER_CANDIDATE' })
    expect((await prisma.need.findUniqueOrThrow({ where: { id: need.id } })).status).toBe('AWARDED')
    await deliverQueued()
    expect(mailsAbout(waiting.user.email, /^Candidature non retenue/)).toHaveLength(1)
  })
})

describe.each(['redis', 'postgres'] as const)('the reminders pass through the real queue on %s', (backend) => {
  let workers: Array<ReturnType<typeof createWorker>> = []

  beforeAll(async () => {
    await closeQueues()
    if (backend === 'postgres') delete process.env.REDIS_URL
    else process.env.REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'
    resetEnvForTests()
    // Two worker processes: each pass runs on either, and the reminders are still sent once.
    workers = [createWorker('reminders', remindersProcessor(getLogger())), createWorker('reminders', remindersProcessor(getLogger()))]
    await Promise.all(workers.map((worker) => worker.waitUntilReady()))
  })

  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.close()))
    await closeQueues()
    process.env.REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'
    resetEnvForTests()
  })

  test('two passes enqueued at once send the pilot’s reminder once', async () => {
    const { hub, partner, firm } = await market()
    const need = await createNeed(partner.organisation.id, hub.id, partner.user.id, { status: 'AWARDED', publishedAt: new Date(), title: `Pilote ${backend}` })
    const accepted = await application(need.id, firm, 'ACCEPTED')
    const today = dayIn(new Date())
    const deal = await prisma.deal.create({
      data: { applicationId: accepted.id, status: 'PILOT', successCriteria: ['Disponibilité'], pilotStartsOn: new Date(), pilotEndsOn: new Date(`${addDays(today, 5)}T00:00:00Z`) },
    })
    const at = new Date(`${today}T10:00:00Z`).toISOString()
    await Promise.all([enqueueJob('reminders.sweep', { at }), enqueueJob('reminders.sweep', { at })])
    await waitFor(() => prisma.reminderSent.findFirst({ where: { key: { startsWith: `pilot-end:${deal.id}:` } } }), 'the pilot’s reminder')
    await waitFor(async () => (await prisma.emailMessage.count({ where: { kind: 'reminder-pilot-ending', recordId: accepted.id } })) === 2 || null, 'its two e-mails')
    await deliverQueued()
    expect(mailsAbout(firm.user.email, new RegExp(`^Fin du pilote .*\\u00a0: Pilote ${backend}$`))).toHaveLength(1)
    expect(mailsAbout(partner.user.email, new RegExp(`^Fin du pilote .*\\u00a0: Pilote ${backend}$`))).toHaveLength(1)
  })
})
