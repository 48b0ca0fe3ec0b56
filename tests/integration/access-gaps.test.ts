import { beforeEach, describe, expect, test } from 'vitest'
import { applicationFormSchema } from '#app/modules/applications/schema'
import { applyToNeed, bulkDecline, getApplicationForActor } from '#app/modules/applications/service.server'
import { ALGORITHM_VERSION } from '#app/modules/matching/engine/config'
import { actOnMatch } from '#app/modules/matching/invitations.server'
import { getNeedForActor, NDA_TEXT_VERSION } from '#app/modules/needs/queries.server'
import { acceptNda, askQuestion } from '#app/modules/needs/questions.server'
import { needFormSchema } from '#app/modules/needs/schema'
import { moderateNeed, saveNeed } from '#app/modules/needs/service.server'
import type { Prisma } from '#app/generated/prisma/client'
import type { Actor } from '#app/modules/policy/policy'
import { prisma } from '#app/utils/db.server'
import { createHub, createMember, createOrganisation, createStaff, needFormFields } from '#tests/factories'
import { actorFor } from '#tests/helpers/actor'
import { signIn } from '#tests/helpers/access/client'

/**
 * Issue 11, item 11 (decision 0012): the smaller access gaps, each with the behaviour a user
 * or an attacker would notice.
 */
/** A complete public need (the factories' fields), with the test's changes. */
const needForm = (overrides: Record<string, string | string[]> = {}) => needFormSchema.parse(needFormFields(overrides))

const proposal = (intent: 'save' | 'submit', consortium: string[] = []) =>
  applicationFormSchema.parse({
    intent,
    approach: 'Notre approche : capteurs vibratoires, modèle d’anomalies et tableau de bord.',
    timeline: 'Dix semaines',
    priceEur: '45000',
    consortium,
  })

let hub: { id: string }
let partner: Actor
let moderator: Actor

async function publish(form = needForm()) {
  const { id } = await saveNeed(partner, null, form, { submit: true })
  await moderateNeed(moderator, { needId: id, intent: 'publish' })
  return id
}

/** A firm (in `hubId`, H by default) and its owner's actor. */
async function firm(hubId = hub.id) {
  const member = await createMember(hubId, 'FIRM')
  return { ...member, actor: await actorFor(member.user.id) }
}

/** Partner invites the firm to a confidential need (through a suggested match). */
async function invite(needId: string, firmId: string, reasons: Prisma.InputJsonValue[] = []) {
  const match = await prisma.match.create({ data: { needId, firmId, score: 81, breakdown: { reasons } as Prisma.InputJsonObject, algorithmVersion: ALGORITHM_VERSION }, select: { id: true } })
  await actOnMatch(partner, match.id, 'invite')
}

const statusOf = async (applicationId: string) => (await prisma.application.findUniqueOrThrow({ where: { id: applicationId } })).status

beforeEach(async () => {
  hub = await createHub()
  partner = await actorFor((await createMember(hub.id, 'PARTNER')).user.id)
  moderator = await actorFor((await createStaff(hub.id)).id)
})

describe('bulk decline follows the staff screening rule of a single decline', () => {
  test('the partner cannot decline, in bulk, an application staff are screening', async () => {
    const needId = await publish(needForm({ screeningRequired: 'on' }))
    const screened = await firm()
    const { id } = await applyToNeed(screened.actor, needId, proposal('submit'))
    await expect(bulkDecline(partner, needId, { applicationIds: [id], reason: 'BUDGET', comment: 'Budget insuffisant pour ce pilote.' })).rejects.toMatchObject({ status: 404 })
    expect(await statusOf(id)).toBe('SUBMITTED')
    // Once staff let it through, the partner declines it in bulk as one by one.
    const { actOnApplication } = await import('#app/modules/applications/service.server')
    await actOnApplication(moderator, id, { intent: 'shortlist' })
    await bulkDecline(partner, needId, { applicationIds: [id], reason: 'BUDGET', comment: 'Budget insuffisant pour ce pilote.' })
    expect(await statusOf(id)).toBe('DECLINED')
  })
})

describe('a draft application keeps nothing open', () => {
  test('after an approved revision makes the need confidential, a firm with a draft only loses it; one that applied keeps it', async () => {
    const needId = await publish()
    const drafting = await firm()
    const applied = await firm()
    await applyToNeed(drafting.actor, needId, proposal('save'))
    await applyToNeed(applied.actor, needId, proposal('submit'))
    await saveNeed(partner, needId, needForm({ visibility: 'INVITE_ONLY' }), { submit: true })
    await moderateNeed(moderator, { needId, intent: 'publish' })
    expect((await prisma.need.findUniqueOrThrow({ where: { id: needId } })).visibility).toBe('INVITE_ONLY')

    await expect(getNeedForActor(drafting.actor, needId)).rejects.toMatchObject({ status: 404 })
    const client = await signIn('drafting', drafting.user.email)
    const page = await client.send('GET', `/needs/${needId}`)
    expect(page.status).toBe(404)
    expect(page.text).not.toContain(needFormFields().description.slice(0, 40))
    expect((await getNeedForActor(applied.actor, needId)).visibility).toBe('full')
  })
})

describe('consortium partners and the NDA of a confidential need', () => {
  test('a consortium partner reads the need’s details (and the lead’s match reasons) only after accepting the NDA for its firm', async () => {
    const needId = await publish(needForm({ visibility: 'INVITE_ONLY', description: 'Détails confidentiels : ligne 7 de l’usine de Crolles, budget caché.' }))
    const lead = await firm()
    const partnerFirm = await firm()
    await invite(needId, lead.organisation.id, [{ kind: 'skills', text: 'Compétence confidentielle-crolles' }])
    await acceptNda(lead.actor, needId, NDA_TEXT_VERSION)
    const { id } = await applyToNeed(lead.actor, needId, proposal('save', [partnerFirm.organisation.slug]))

    // Before its NDA: the application (its own proposal), never the need's details.
    const before = await getApplicationForActor(partnerFirm.actor, id)
    expect(before.view).toBe('firm')
    expect(JSON.stringify(before)).not.toContain('confidentielle-crolles')
    const teaser = await getNeedForActor(partnerFirm.actor, needId)
    expect(teaser.visibility).toBe('teaser')
    expect(teaser.details).toBeNull()
    expect(teaser.actions.acceptNda).toBe(true)
    const client = await signIn('consortium', partnerFirm.user.email)
    const page = await client.send('GET', `/applications/${id}`)
    expect(page.status).toBe(200)
    expect(page.text).not.toContain('confidentielle-crolles')

    // Its NDA, for its own firm: the details open.
    await acceptNda(partnerFirm.actor, needId, NDA_TEXT_VERSION)
    const rows = await prisma.ndaAcceptance.findMany({ where: { needId }, select: { userId: true, organisationId: true } })
    expect(rows).toContainEqual({ userId: partnerFirm.user.id, organisationId: partnerFirm.organisation.id })
    const full = await getNeedForActor(partnerFirm.actor, needId)
    expect(full.visibility).toBe('full')
    expect(full.details?.description).toContain('usine de Crolles')
    expect(JSON.stringify((await getApplicationForActor(partnerFirm.actor, id)).match)).toContain('confidentielle-crolles')
  })
})

describe('NDA acceptance and questions are recorded for the firm acting', () => {
  /** One user in two verified firms: `first` (joined first) and `second`. */
  async function twoFirms(secondHubId = hub.id, firstHubId = hub.id) {
    const one = await firm(firstHubId)
    const second = await createOrganisation(secondHubId, 'FIRM')
    await prisma.membership.create({ data: { userId: one.user.id, organisationId: second.id, role: 'MEMBER' } })
    return { user: one.user, first: one.organisation, second, actor: await actorFor(one.user.id) }
  }

  test('the NDA is accepted for the invited firm, not the user’s first firm; among several invited firms the user chooses', async () => {
    const needId = await publish(needForm({ visibility: 'INVITE_ONLY' }))
    const u = await twoFirms()
    await invite(needId, u.second.id)
    await acceptNda(u.actor, needId, NDA_TEXT_VERSION)
    expect(await prisma.ndaAcceptance.findMany({ where: { needId }, select: { organisationId: true } })).toEqual([{ organisationId: u.second.id }])
    expect((await getNeedForActor(u.actor, needId)).visibility).toBe('full')

    const otherNeed = await publish(needForm({ visibility: 'INVITE_ONLY', title: 'Un second besoin confidentiel' }))
    await invite(otherNeed, u.first.id)
    await invite(otherNeed, u.second.id)
    await expect(acceptNda(u.actor, otherNeed, NDA_TEXT_VERSION)).rejects.toMatchObject({ status: 422, fields: { firmId: ['access.actingFirm.choose'] } })
    // A firm of someone else is refused, and nothing is recorded.
    const stranger = await createOrganisation(hub.id, 'FIRM')
    await expect(acceptNda(u.actor, otherNeed, NDA_TEXT_VERSION, undefined, { firmId: stranger.id })).rejects.toMatchObject({ status: 422 })
    expect(await prisma.ndaAcceptance.count({ where: { needId: otherNeed } })).toBe(0)
    await acceptNda(u.actor, otherNeed, NDA_TEXT_VERSION, undefined, { firmId: u.second.id })
    expect(await prisma.ndaAcceptance.findMany({ where: { needId: otherNeed }, select: { organisationId: true } })).toEqual([{ organisationId: u.second.id }])
    // The first firm has not accepted: the page still offers it the NDA, for that firm only.
    const view = await getNeedForActor(u.actor, otherNeed)
    expect(view.actingFirms.nda.map((entry) => entry.id)).toEqual([u.first.id])
  })

  test('a question is asked for the firm that sees the need, or the one the user chooses (web form included)', async () => {
    const h2 = await createHub()
    // A members-only need of hub H shared with H2: the user's second firm (of H2) sees it, the
    // first (of a third hub) does not.
    const h3 = await createHub()
    const membersNeed = await publish(needForm({ visibility: 'MEMBERS', sharedHubIds: [h2.id] }))
    const u = await twoFirms(h2.id, h3.id)
    const asked = await askQuestion(u.actor, membersNeed, 'Quels capteurs sont déjà installés sur la ligne ?')
    expect((await prisma.question.findUniqueOrThrow({ where: { id: asked.id } })).askedByOrgId).toBe(u.second.id)

    // Public need: both firms see it, the user chooses.
    const publicNeed = await publish(needForm({ title: 'Un besoin public pour les deux firmes' }))
    await expect(askQuestion(u.actor, publicNeed, 'Quel est le calendrier du pilote prévu ?')).rejects.toMatchObject({ status: 422, fields: { firmId: ['access.actingFirm.choose'] } })
    const client = await signIn('two firms', u.user.email)
    const page = await client.send('GET', `/needs/${publicNeed}`)
    expect(page.text).toContain('name="firmId"')
    const refused = await client.send('POST', `/needs/${publicNeed}`, { form: { intent: 'askQuestion', body: 'Quel est le calendrier du pilote prévu ?' } })
    expect(refused.status).toBe(422)
    expect(refused.text).toContain('Choisissez l’entreprise pour laquelle vous agissez.')
    const posted = await client.send('POST', `/needs/${publicNeed}`, { form: { intent: 'askQuestion', body: 'Quel est le calendrier du pilote prévu ?', firmId: u.second.id } })
    expect(posted.status).toBe(302)
    expect(await prisma.question.findMany({ where: { needId: publicNeed }, select: { askedByOrgId: true } })).toEqual([{ askedByOrgId: u.second.id }])
  })
})
