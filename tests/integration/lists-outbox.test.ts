import { beforeAll, describe, expect, test } from 'vitest'
import { applicationFormSchema } from '#app/modules/applications/schema'
import { actOnApplication, applyToNeed } from '#app/modules/applications/service.server'
import { requestPasswordReset } from '#app/modules/auth/service.server'
import { needFormSchema } from '#app/modules/needs/schema'
import { moderateNeed, saveNeed } from '#app/modules/needs/service.server'
import { inviteMember } from '#app/modules/organisations/service.server'
import { prisma } from '#app/utils/db.server'
import { createHub, createMember, createNeed, createOrganisation, createStaff, needFormFields } from '#tests/factories'
import { actorFor } from '#tests/helpers/actor'
import { signedIn, type Visitor } from '#tests/helpers/app'

/**
 * The staff outbox shows an e-mail only to staff who may open the page of the record it is about.
 * Grenoble's partner publishes a need (not shared); a firm of Annecy applies and is declined; the
 * partner's buyer also belongs to an Annecy organisation, first. Before, each e-mail was filed under
 * its recipient's first organisation's hub, so Annecy's moderator read the need's title in the
 * receipt, the decision and the moderation mail while the need was 404 for them.
 */
const TITLE = 'Supervision confidentielle des turbines de Romanche'
let grenobleModerator: Visitor
let annecyModerator: Visitor
let needId: string
let draftNeedId: string
let hubs: { grenoble: string; annecy: string }
let emails: Array<{ id: string; kind: string }>

beforeAll(async () => {
  const grenoble = await createHub({ shortName: 'Grenoble (boîte d’envoi)' })
  const annecy = await createHub({ shortName: 'Annecy (boîte d’envoi)' })
  hubs = { grenoble: grenoble.id, annecy: annecy.id }
  const moderatorG = await createStaff(grenoble.id, 'MODERATOR')
  const moderatorA = await createStaff(annecy.id, 'MODERATOR')

  // The buyer's first organisation is in Annecy; the partner that posts the need is in Grenoble.
  const partner = await createMember(grenoble.id, 'PARTNER')
  const earlier = await createOrganisation(annecy.id, 'FIRM')
  await prisma.membership.create({ data: { userId: partner.user.id, organisationId: earlier.id, role: 'MEMBER', createdAt: new Date(Date.now() - 86_400_000) } })
  const firm = await createMember(annecy.id, 'FIRM')

  const partnerActor = await actorFor(partner.user.id)
  const { id } = await saveNeed(partnerActor, null, needFormSchema.parse(needFormFields({ title: TITLE, visibility: 'PUBLIC' })), { submit: true })
  needId = id
  await moderateNeed(await actorFor(moderatorG.id), { needId, intent: 'publish' })
  const application = await applyToNeed(
    await actorFor(firm.user.id),
    needId,
    applicationFormSchema.parse({ intent: 'submit', approach: 'Capteurs vibratoires, modèle d’anomalies et tableau de bord partagé.', timeline: 'Dix semaines', priceEur: '40000', referencesText: 'Deux centrales.' }),
  )
  await actOnApplication(partnerActor, application.id, { intent: 'decline', reason: 'BUDGET', comment: 'Le budget dépasse notre enveloppe.' })
  await inviteMember(partnerActor, partner.organisation.id, { email: 'nouvelle-acheteuse@test.example', role: 'MEMBER' })
  await requestPasswordReset(firm.user.email)
  // A draft of the partner's: its page is the partner's alone.
  draftNeedId = (await createNeed(partner.organisation.id, grenoble.id, partner.user.id, { status: 'DRAFT', title: 'Brouillon du partenaire' })).id

  emails = await prisma.emailMessage.findMany({ select: { id: true, kind: true } })
  grenobleModerator = await signedIn(moderatorG.email)
  annecyModerator = await signedIn(moderatorA.email)
})

describe('the outbox of another hub', () => {
  test('e-mails are filed under the hub of the record they are about, with that record', async () => {
    const filed = await prisma.emailMessage.findMany({ select: { kind: true, hubId: true, recordType: true, recordId: true } })
    const byKind = (kind: string) => filed.filter((email) => email.kind === kind)
    for (const kind of ['need-published', 'application-received', 'new-application', 'applicationDeclined', 'invitation']) {
      expect(byKind(kind).length, kind).toBeGreaterThan(0)
      for (const email of byKind(kind)) expect(email.hubId, kind).toBe(hubs.grenoble)
    }
    expect(byKind('need-published')[0]).toMatchObject({ recordType: 'NEED', recordId: needId })
    expect(byKind('applicationDeclined')[0]).toMatchObject({ recordType: 'APPLICATION' })
    expect(byKind('invitation')[0]).toMatchObject({ recordType: 'ORGANISATION' })
    // An account's own e-mail is about no hub's record: nobody reads it in the app.
    expect(byKind('password-reset')[0]).toMatchObject({ hubId: null, recordType: 'USER' })
  })

  test('staff of a hub where the need is 404 read neither the receipt, the decision nor the moderation mail', async () => {
    expect((await annecyModerator.get(`/needs/${needId}`)).status).toBe(404)
    const outbox = await annecyModerator.get('/staff/outbox')
    expect(outbox.status).toBe(200)
    expect(await outbox.text()).not.toContain(TITLE)
    for (const email of emails) expect((await annecyModerator.get(`/staff/outbox/${email.id}`)).status, email.kind).toBe(404)
  })

  test('staff of the need’s hub read them, secret links hidden', async () => {
    const outbox = await (await grenobleModerator.get('/staff/outbox')).text()
    expect(outbox).toContain(TITLE)
    for (const email of emails.filter((email) => email.kind !== 'password-reset')) {
      const page = await grenobleModerator.get(`/staff/outbox/${email.id}`)
      expect(page.status, email.kind).toBe(200)
      const html = await page.text()
      if (email.kind === 'invitation') {
        expect(html).not.toContain('/invitations/')
        expect(html).toContain('lien confidentiel masqué')
      }
    }
    const reset = emails.find((email) => email.kind === 'password-reset')!
    expect((await grenobleModerator.get(`/staff/outbox/${reset.id}`)).status).toBe(404)
  })

  test('an e-mail of a kind filed by record but written without one (before e-mails were filed so) is shown to nobody', async () => {
    const legacy = await prisma.emailMessage.create({
      data: { hubId: hubs.grenoble, toAddress: 'ancienne@test.example', subject: `Candidature envoyée : ${TITLE}`, textBody: 'Corps.', htmlBody: '<p>Corps.</p>', kind: 'application-received', status: 'OUTBOX' },
      select: { id: true },
    })
    const hubLevel = await prisma.emailMessage.create({
      data: { hubId: hubs.grenoble, toAddress: 'bureau@test.example', subject: 'Rapport du bureau', textBody: 'Corps.', htmlBody: '<p>Corps.</p>', kind: 'report', status: 'OUTBOX' },
      select: { id: true },
    })
    expect((await grenobleModerator.get(`/staff/outbox/${legacy.id}`)).status).toBe(404)
    expect((await grenobleModerator.get(`/staff/outbox/${hubLevel.id}`)).status).toBe(200)
    expect((await annecyModerator.get(`/staff/outbox/${hubLevel.id}`)).status).toBe(404)
  })

  test('pages stay full and the count exact when e-mails of the hub are about records the staff member may not open', async () => {
    const readableBefore = ((await (await grenobleModerator.get('/staff/outbox?_data=routes%2Fstaff.outbox._index')).json()) as { total: number }).total
    // 60 e-mails about the published need, interleaved with 40 about the partner's draft.
    const start = Date.now() + 60_000
    await prisma.emailMessage.createMany({
      data: Array.from({ length: 100 }, (_, index) => {
        const aboutDraft = index % 5 < 2
        return {
          hubId: hubs.grenoble,
          recordType: 'NEED',
          recordId: aboutDraft ? draftNeedId : needId,
          toAddress: 'acheteur@test.example',
          subject: aboutDraft ? `Brouillon ${index}` : `Besoin ${index}`,
          textBody: 'Corps.',
          htmlBody: '<p>Corps.</p>',
          kind: aboutDraft ? 'need-changes-requested' : 'need-published',
          status: 'OUTBOX' as const,
          createdAt: new Date(start + index * 1000),
        }
      }),
    })
    const page = async (number: number) =>
      (await (await grenobleModerator.get(`/staff/outbox?page=${number}&_data=routes%2Fstaff.outbox._index`)).json()) as {
        total: number
        pageSize: number
        emails: Array<{ subject: string }>
      }
    const first = await page(1)
    const second = await page(2)
    expect(first.total).toBe(readableBefore + 60)
    expect(first.emails).toHaveLength(first.pageSize)
    expect(second.emails).toHaveLength(first.total - first.pageSize)
    const subjects = [...first.emails, ...second.emails].map((email) => email.subject)
    expect(subjects.filter((subject) => subject.startsWith('Brouillon'))).toEqual([])
    expect(new Set(subjects).size).toBe(subjects.length)
  })
})
