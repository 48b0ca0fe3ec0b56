import { beforeAll, describe, expect, test } from 'vitest'
import {
  assertMayUseFirmDirectory,
  directoryModeFor,
  firmDirectoryChoices,
  getDirectoryProfile,
  refuseUnseenGroupFilter,
  searchFirmDirectory,
} from '#app/modules/firms/directory.server'
import { parseFirmDirectoryFilters } from '#app/modules/firms/schema'
import { inviteFromDirectory, recommendFirm, setDirectoryHidden } from '#app/modules/firms/service.server'
import { ALGORITHM_VERSION } from '#app/modules/matching/engine/config'
import { listRecommendations } from '#app/modules/matching/invitations.server'
import { scoreFirm, scoreNeed } from '#app/modules/matching/service.server'
import { getNeedForActor } from '#app/modules/needs/queries.server'
import { needFormSchema } from '#app/modules/needs/schema'
import { moderateNeed, saveNeed } from '#app/modules/needs/service.server'
import { canSeeInFirmDirectory, type Actor } from '#app/modules/policy/policy'
import { isAppError } from '#app/modules/shared/app-error'
import { prisma } from '#app/utils/db.server'
import { createHub, createMember, createStaff, createUser, needFormFields } from '#tests/factories'
import { actorFor } from '#tests/helpers/actor'
import { signedIn } from '#tests/helpers/app'

/**
 * The firm directory as partners and staff use it: searching verified firms (filters, distance),
 * a firm that hid itself found by nobody, a partner inviting a firm to its need (the firm is told
 * and may read the need), staff recommending their own hub's firms, and the matching refresh
 * keeping both.
 */

type Firm = Awaited<ReturnType<typeof createMember>>

let hubA: { id: string; shortName: string }
let hubB: { id: string; shortName: string }
let partner: Actor
let partnerB: Actor
let partnerUser: { id: string; email: string }
let staffAEmail: string
let staffA: Actor
let staffB: Actor
let firmActor: Actor
let noOrg: Actor
let grenoble: Firm
let meylan: Firm
let voiron: Firm
let annecy: Firm
let annecy2: Firm
let hidden: Firm
let pending: Firm
let cohortId: string
let groupId: string
let needId: string
let draftId: string
let narrowNeedId: string

async function refusal(promise: Promise<unknown>) {
  try {
    await promise
  } catch (error) {
    if (isAppError(error)) return { status: error.status, key: error.messageKey }
    throw error
  }
  throw new Error('expected a refusal')
}

async function published(actor: Actor, moderator: Actor, overrides: Record<string, string | string[]> = {}) {
  const { id } = await saveNeed(actor, null, needFormSchema.parse(needFormFields(overrides)), { submit: true })
  await moderateNeed(moderator, { needId: id, intent: 'publish' })
  return id
}

const names = (result: { firms: Array<{ name: string }> }) => result.firms.map((firm) => firm.name)
const search = (actor: Actor, query: string, hubs?: string[]) => searchFirmDirectory(actor, parseFirmDirectoryFilters(new URLSearchParams(query)).filters, hubs)

beforeAll(async () => {
  hubA = await createHub({ shortName: 'Grenoble' })
  hubB = await createHub({ shortName: 'Annecy' })
  const firm = (hubId: string, name: string, organisation: Record<string, unknown>) => createMember(hubId, 'FIRM', { organisation: { name, ...organisation } })
  grenoble = await firm(hubA.id, 'Alpha Capteurs', { skills: ['iot', 'python'], nafCodes: ['62.01Z'], revenueBand: 'M1_2M', description: 'Capteurs vibratoires pour remontées mécaniques.' })
  meylan = await firm(hubA.id, 'Bravo Logiciel', { communeInsee: '38229', communeName: 'Meylan', skills: ['python'], nafCodes: ['62.02A'], revenueBand: 'M2_5M', offerings: 'Jumeaux numériques' })
  voiron = await firm(hubA.id, 'Charlie Usinage', { communeInsee: '38563', communeName: 'Voiron', skills: ['usinage'], nafCodes: ['25.62B'], revenueBand: 'M5_10M' })
  annecy = await firm(hubB.id, 'Delta Vision', { communeInsee: '74010', communeName: 'Annecy', skills: ['iot', 'vision'], nafCodes: ['62.01Z'], revenueBand: 'M2_5M' })
  annecy2 = await firm(hubB.id, 'Echo Robotique', { communeInsee: '74010', communeName: 'Annecy', skills: ['robotique'], nafCodes: ['28.99B'], revenueBand: 'M1_2M' })
  hidden = await firm(hubA.id, 'Alpha Discrète', { skills: ['iot', 'python'], directoryHidden: true })
  pending = await firm(hubA.id, 'Alpha En Attente', { skills: ['iot'], status: 'PENDING' })

  const staffAUser = await createStaff(hubA.id, 'ADMIN')
  const staffBUser = await createStaff(hubB.id, 'MODERATOR')
  staffA = await actorFor(staffAUser.id)
  staffAEmail = staffAUser.email
  staffB = await actorFor(staffBUser.id)
  const p = await createMember(hubA.id, 'PARTNER')
  partnerUser = p.user
  partner = await actorFor(p.user.id)
  partnerB = await actorFor((await createMember(hubB.id, 'PARTNER')).user.id)
  firmActor = await actorFor(grenoble.user.id)
  noOrg = await actorFor((await createUser()).id)

  cohortId = (await prisma.cohort.create({ data: { hubId: hubA.id, name: 'Accélérateur 2026', year: 2026, targetEur: 100_000, members: { create: [{ organisationId: grenoble.organisation.id }] } } })).id
  groupId = (await prisma.workingGroup.create({ data: { hubId: hubB.id, slug: 'vision-industrielle', name: 'Vision industrielle', members: { create: [{ organisationId: annecy.organisation.id }, { organisationId: meylan.organisation.id }] } } })).id

  // A members-only need of hub A: Annecy's firms may not read it until invited.
  needId = await published(partner, staffA, { visibility: 'MEMBERS' })
  draftId = (await saveNeed(partner, null, needFormSchema.parse(needFormFields({ title: 'Brouillon jamais soumis' })), { submit: false })).id
  // A need no firm of the world is eligible for (revenue bands): the engine ranks none of them.
  narrowNeedId = await published(partner, staffA, { title: 'Ligne de production robotisée', revenueBands: ['GT_50M'] })
})

describe('who uses the directory', () => {
  test('partners and staff may; firms and users of no organisation get 403', async () => {
    expect(() => assertMayUseFirmDirectory(partner)).not.toThrow()
    expect(() => assertMayUseFirmDirectory(staffB)).not.toThrow()
    for (const actor of [firmActor, noOrg]) {
      expect(await refusal(search(actor, ''))).toEqual({ status: 403, key: 'firms.errors.directoryForbidden' })
      expect((await refusal(getDirectoryProfile(actor, meylan.organisation.slug))).status).toBe(403)
    }
    const page = await (await signedIn(grenoble.user.email)).get('/firms')
    expect(page.status).toBe(403)
  })

  test('the list and the profile page agree, for every reader and firm: hidden and pending firms nowhere, staff their hubs’ firms', async () => {
    const everyFirm = [grenoble, meylan, voiron, annecy, annecy2, hidden, pending]
    for (const actor of [partner, partnerB, staffA, staffB]) {
      const listed = new Set((await search(actor, '')).firms.map((firm) => firm.id))
      for (const firm of everyFirm) {
        const page = await getDirectoryProfile(actor, firm.organisation.slug).then(
          () => true,
          (error: unknown) => (isAppError(error) && error.status === 404 ? false : Promise.reject(error)),
        )
        expect(page, `${actor.name} / ${firm.organisation.name}`).toBe(listed.has(firm.organisation.id))
        const record = await prisma.organisation.findUniqueOrThrow({ where: { id: firm.organisation.id } })
        expect(canSeeInFirmDirectory(actor, record)).toBe(page)
      }
    }
    expect(names(await search(partner, ''))).toEqual(['Alpha Capteurs', 'Bravo Logiciel', 'Charlie Usinage', 'Delta Vision', 'Echo Robotique'])
    expect(names(await search(staffB, ''))).toEqual(['Delta Vision', 'Echo Robotique'])
    // Even searched by name.
    expect(names(await search(partner, 'q=discrète'))).toEqual([])
    const visitor = await signedIn(partnerUser.email)
    expect((await visitor.get(`/firms/${hidden.organisation.slug}`)).status).toBe(404)
    expect((await visitor.get(`/firms/${pending.organisation.slug}`)).status).toBe(404)
    const page = await visitor.get(`/firms/${meylan.organisation.slug}`)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('Jumeaux numériques')
  })
})

describe('searching', () => {
  test('by words, skills, NAF code, revenue band, hub, cohort and working group', async () => {
    expect(names(await search(partner, 'q=jumeaux'))).toEqual(['Bravo Logiciel'])
    expect(names(await search(partner, 'q=VIBRATOIRES'))).toEqual(['Alpha Capteurs'])
    expect(names(await search(partner, 'skills=IoT'))).toEqual(['Alpha Capteurs', 'Delta Vision'])
    expect(names(await search(partner, 'skills=iot, python'))).toEqual(['Alpha Capteurs'])
    expect(names(await search(partner, 'naf=62.01Z'))).toEqual(['Alpha Capteurs', 'Delta Vision'])
    expect(names(await search(partner, 'band=M2_5M'))).toEqual(['Bravo Logiciel', 'Delta Vision'])
    expect(names(await search(partner, `hub=${hubB.id}`))).toEqual(['Delta Vision', 'Echo Robotique'])
    expect(names(await search(partner, `cohort=${cohortId}`))).toEqual(['Alpha Capteurs'])
    expect(names(await search(partner, `group=${groupId}`))).toEqual(['Bravo Logiciel', 'Delta Vision'])
    const result = await search(partner, 'skills=iot')
    expect(result.total).toBe(2)
  })

  test('around a commune: within a distance, nearest first, each with its distance', async () => {
    const near = await search(partner, 'commune=Grenoble (38)&km=30')
    expect(names(near)).toEqual(['Alpha Capteurs', 'Bravo Logiciel', 'Charlie Usinage'])
    expect(near.firms.map((firm) => firm.distanceKm)).toEqual([0, 6, 23])
    expect(near.sort).toBe('distance')
    const all = await search(partner, 'commune=38185')
    expect(names(all).slice(-2).sort()).toEqual(['Delta Vision', 'Echo Robotique'])
    expect(all.total).toBe(5)
    expect(names(await search(partner, 'commune=Grenoble&km=30&sort=name&skills=python'))).toEqual(['Alpha Capteurs', 'Bravo Logiciel'])
  })

  test('a bad filter is named next to its field and the others still apply', () => {
    const { filters, errors } = parseFirmDirectoryFilters(new URLSearchParams('km=30&band=XL&commune=Atlantis&skills=iot&page=0'))
    expect(errors).toEqual({ band: ['validation.invalidChoice'], commune: ['validation.communeUnknown'], page: ['validation.tooSmall'] })
    expect(filters.skills).toEqual(['iot'])
    expect(filters.km).toBeUndefined()
    expect(parseFirmDirectoryFilters(new URLSearchParams('km=30')).errors).toEqual({ km: ['firms.filters.kmNeedsCommune'] })
  })
})

describe('hiding from the directory', () => {
  test('owners and admins hide their firm, audited; a plain member may not', async () => {
    const owner = await actorFor(voiron.user.id)
    await setDirectoryHidden(owner, voiron.organisation.slug, true)
    expect(names(await search(partner, ''))).not.toContain('Charlie Usinage')
    expect((await refusal(getDirectoryProfile(partner, voiron.organisation.slug))).status).toBe(404)
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: 'organisation.directory.update', targetId: voiron.organisation.id } })
    expect(audit.after).toEqual({ directoryHidden: true })
    // Unchanged: nothing written.
    await setDirectoryHidden(owner, voiron.organisation.slug, true)
    expect(await prisma.auditLog.count({ where: { action: 'organisation.directory.update', targetId: voiron.organisation.id } })).toBe(1)

    const member = await createUser()
    await prisma.membership.create({ data: { userId: member.id, organisationId: voiron.organisation.id, role: 'MEMBER' } })
    expect((await refusal(setDirectoryHidden(await actorFor(member.id), voiron.organisation.slug, false))).status).toBe(403)

    // Through the profile editor's form.
    const visitor = await signedIn(voiron.user.email)
    const editor = await visitor.get(`/orgs/${voiron.organisation.slug}/edit`)
    expect(await editor.text()).toContain('Ne pas apparaître dans l’annuaire des entreprises')
    const response = await visitor.post(`/orgs/${voiron.organisation.slug}/edit`, { intent: 'directory' })
    expect(response.status).toBe(302)
    expect((await prisma.organisation.findUniqueOrThrow({ where: { id: voiron.organisation.id } })).directoryHidden).toBe(false)
    expect(names(await search(partner, ''))).toContain('Charlie Usinage')
  })
})

describe('a partner invites from the directory', () => {
  test('an INVITED match of source DIRECTORY, the firm told and the need opened to it, audited', async () => {
    const annecyActor = await actorFor(annecy.user.id)
    expect((await refusal(getNeedForActor(annecyActor, needId))).status).toBe(404)
    expect((await directoryModeFor(partner, needId)).kind).toBe('invite')

    await inviteFromDirectory(partner, { needId, firm: annecy.organisation.slug }, 'req-invite')
    const match = await prisma.match.findUniqueOrThrow({ where: { needId_firmId: { needId, firmId: annecy.organisation.id } } })
    expect(match).toMatchObject({ status: 'INVITED', source: 'DIRECTORY', algorithmVersion: ALGORITHM_VERSION })
    expect(match.invitedAt).not.toBeNull()
    const notification = await prisma.notification.findFirstOrThrow({ where: { userId: annecy.user.id, kind: 'match.invited' } })
    expect(notification).toMatchObject({ link: `/needs/${needId}`, category: 'MY_APPLICATIONS', needId })
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: 'match.invite', targetId: match.id } })
    expect(audit.after).toMatchObject({ status: 'INVITED', source: 'DIRECTORY', firmId: annecy.organisation.id })
    expect(audit.requestId).toBe('req-invite')
    // The invitation opens the members-only need to a firm of another hub.
    expect((await getNeedForActor(await actorFor(annecy.user.id), needId)).need.id).toBe(needId)

    // On the partner's recommendations: marked as invited from the directory.
    const list = await listRecommendations(partner, needId)
    expect(list.matches.find((entry) => entry.firm.id === annecy.organisation.id)).toMatchObject({ source: 'DIRECTORY', status: 'INVITED' })
  })

  test('twice: 409 with a clear message, through the page too, and nothing written', async () => {
    expect(await refusal(inviteFromDirectory(partner, { needId, firm: annecy.organisation.slug }))).toEqual({ status: 409, key: 'firms.errors.alreadyInvited' })
    const before = await prisma.auditLog.count()
    const visitor = await signedIn(partnerUser.email)
    const response = await visitor.post(`/firms?for=${needId}`, { intent: 'invite', needId, firm: annecy.organisation.slug })
    expect(response.status).toBe(409)
    expect(await response.text()).toContain('Delta Vision est déjà invitée à ce besoin.')
    // Bad input: 400 with the field's message, nothing written.
    const bad = await visitor.post(`/firms/${meylan.organisation.slug}`, { intent: 'invite', needId: '' })
    expect(bad.status).toBe(400)
    expect(await bad.text()).toContain('Ce champ est obligatoire.')
    const unknown = await visitor.post('/firms', { intent: 'teleport', needId, firm: meylan.organisation.slug })
    expect(unknown.status).toBe(400)
    expect(await prisma.auditLog.count()).toBe(before)
    expect(await prisma.match.count({ where: { needId, firmId: meylan.organisation.id } })).toBe(0)
  })

  test('an engine suggestion is moved to INVITED rather than duplicated', async () => {
    await prisma.match.create({ data: { needId, firmId: annecy2.organisation.id, score: 41, breakdown: { features: [], reasons: [] }, algorithmVersion: ALGORITHM_VERSION } })
    await inviteFromDirectory(partner, { needId, firm: annecy2.organisation.slug })
    const match = await prisma.match.findUniqueOrThrow({ where: { needId_firmId: { needId, firmId: annecy2.organisation.id } } })
    expect(match).toMatchObject({ status: 'INVITED', source: 'ENGINE', score: 41 })
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: 'match.invite', targetId: match.id } })
    expect(audit.before).toEqual({ status: 'SUGGESTED' })
  })

  test('refused: another partner’s need, a need not published, a hidden or pending firm, staff', async () => {
    expect((await refusal(inviteFromDirectory(partnerB, { needId, firm: meylan.organisation.slug }))).status).toBe(404)
    expect(await refusal(inviteFromDirectory(partner, { needId: draftId, firm: meylan.organisation.slug }))).toEqual({ status: 409, key: 'firms.errors.needNotPublished' })
    expect((await refusal(inviteFromDirectory(partner, { needId, firm: hidden.organisation.slug }))).status).toBe(404)
    expect((await refusal(inviteFromDirectory(partner, { needId, firm: pending.organisation.slug }))).status).toBe(404)
    expect((await refusal(inviteFromDirectory(staffA, { needId, firm: meylan.organisation.slug }))).status).toBe(404)
    expect((await refusal(inviteFromDirectory(firmActor, { needId, firm: meylan.organisation.slug }))).status).toBe(403)
    expect((await refusal(directoryModeFor(partnerB, needId))).status).toBe(404)
    expect(await prisma.match.count({ where: { firmId: { in: [hidden.organisation.id, pending.organisation.id] } } })).toBe(0)
  })
})

describe('staff recommend their hub’s firms', () => {
  test('staff of the need’s hub: a STAFF match with the note, the partner told, marked on its recommendations', async () => {
    expect(await directoryModeFor(staffA, needId)).toMatchObject({ kind: 'recommend', hubIds: [hubA.id] })
    // Their mode lists their hub's firms only.
    expect(names(await search(staffA, '', [hubA.id]))).toEqual(['Alpha Capteurs', 'Bravo Logiciel', 'Charlie Usinage'])
    await recommendFirm(staffA, { needId, firm: meylan.organisation.slug, note: 'Très réactifs sur les jumeaux numériques.' }, 'req-rec')
    const match = await prisma.match.findUniqueOrThrow({ where: { needId_firmId: { needId, firmId: meylan.organisation.id } } })
    expect(match).toMatchObject({ source: 'STAFF', status: 'SUGGESTED', recommendedById: staffA.userId, recommendedHubId: hubA.id, recommendationNote: 'Très réactifs sur les jumeaux numériques.' })
    expect(match.recommendedAt).not.toBeNull()
    const notification = await prisma.notification.findFirstOrThrow({ where: { userId: partner.userId, kind: 'firms:recommended' } })
    expect(notification).toMatchObject({ category: 'MY_NEEDS', link: `/needs/${needId}/recommendations` })
    expect(await prisma.auditLog.count({ where: { action: 'match.recommend', targetId: match.id, requestId: 'req-rec' } })).toBe(1)

    const list = await listRecommendations(partner, needId)
    expect(list.matches.find((entry) => entry.firm.id === meylan.organisation.id)).toMatchObject({
      source: 'STAFF',
      recommendationNote: 'Très réactifs sur les jumeaux numériques.',
      recommendedHub: { shortName: 'Grenoble' },
      actions: { invite: true },
    })
    const page = await (await signedIn(partnerUser.email)).get(`/needs/${needId}/recommendations`)
    const html = await page.text()
    expect(html).toContain('Recommandée par Grenoble')
    expect(html).toContain('Invitée depuis l’annuaire')
    expect(html).toContain('Très réactifs sur les jumeaux numériques.')

    expect(await refusal(recommendFirm(staffA, { needId, firm: meylan.organisation.slug }))).toEqual({ status: 409, key: 'firms.errors.alreadyRecommended' })
  })

  test('an engine suggestion gets the recommendation; an invited firm cannot be recommended', async () => {
    await prisma.match.create({ data: { needId, firmId: grenoble.organisation.id, score: 77, breakdown: { features: [], reasons: [] }, algorithmVersion: ALGORITHM_VERSION } })
    await recommendFirm(staffA, { needId, firm: grenoble.organisation.slug })
    expect(await prisma.match.findUniqueOrThrow({ where: { needId_firmId: { needId, firmId: grenoble.organisation.id } } })).toMatchObject({ source: 'ENGINE', score: 77, recommendedHubId: hubA.id, recommendationNote: null })
    expect(await refusal(recommendFirm(staffB, { needId, firm: annecy.organisation.slug }))).toMatchObject({ status: 404 })
  })

  test('only their own hub’s firms, only for needs of or shared with their hub', async () => {
    // Hub B's staff: the need is not theirs, nor shared with them.
    expect((await refusal(recommendFirm(staffB, { needId, firm: annecy2.organisation.slug }))).status).toBe(404)
    expect((await refusal(directoryModeFor(staffB, needId))).status).toBe(404)
    // Hub A's staff: another hub's firm is not in their directory.
    expect((await refusal(recommendFirm(staffA, { needId, firm: annecy2.organisation.slug }))).status).toBe(404)
    // Partners and firms do not recommend.
    expect(await refusal(recommendFirm(partner, { needId, firm: meylan.organisation.slug }))).toEqual({ status: 403, key: 'firms.errors.staffOnly' })
    expect((await refusal(recommendFirm(firmActor, { needId, firm: meylan.organisation.slug }))).status).toBe(403)
    // A draft need is unknown to staff.
    expect((await refusal(recommendFirm(staffA, { needId: draftId, firm: voiron.organisation.slug }))).status).toBe(404)

    // Shared with hub B: its staff recommend hub B's firms, not hub A's.
    await prisma.needShare.create({ data: { needId, hubId: hubB.id } })
    const sharedStaff = await actorFor(staffB.userId)
    expect((await directoryModeFor(sharedStaff, needId)).hubIds).toEqual([hubB.id])
    const echo = await prisma.match.findUniqueOrThrow({ where: { needId_firmId: { needId, firmId: annecy2.organisation.id } } })
    expect(echo.status).toBe('INVITED')
    expect(await refusal(recommendFirm(sharedStaff, { needId, firm: annecy2.organisation.slug }))).toEqual({ status: 409, key: 'firms.errors.alreadyInvited' })
    const other = await createMember(hubB.id, 'FIRM', { organisation: { name: 'Foxtrot Optique', skills: ['vision'] } })
    await recommendFirm(sharedStaff, { needId, firm: other.organisation.slug, note: '' })
    expect(await prisma.match.findUniqueOrThrow({ where: { needId_firmId: { needId, firmId: other.organisation.id } } })).toMatchObject({ source: 'STAFF', recommendedHubId: hubB.id, recommendationNote: null })
    expect((await refusal(recommendFirm(sharedStaff, { needId, firm: voiron.organisation.slug }))).status).toBe(404)
  })
})

describe('choosing for a need, on the page', () => {
  test('the partner gets “Inviter” per firm, staff “Recommander” with a note for their hub’s firms; a recommendation posted there is stored', async () => {
    const partnerPage = await (await signedIn(partnerUser.email)).get(`/firms?for=${narrowNeedId}`)
    expect(partnerPage.status).toBe(200)
    const partnerHtml = await partnerPage.text()
    expect(partnerHtml).toContain('Inviter des entreprises à')
    expect(partnerHtml).toContain('Inviter Echo Robotique à ce besoin')

    const staff = await signedIn(staffAEmail)
    const staffPage = await staff.get(`/firms?for=${narrowNeedId}`)
    const staffHtml = await staffPage.text()
    expect(staffHtml).toContain('Recommander Charlie Usinage')
    expect(staffHtml).not.toContain('Echo Robotique')
    const response = await staff.post(`/firms?for=${narrowNeedId}&index`, { intent: 'recommend', needId: narrowNeedId, firm: grenoble.organisation.slug, note: 'Vue au salon.' })
    expect(response.status).toBe(302)
    expect(response.headers.get('location')).toBe(`/firms?for=${narrowNeedId}`)
    expect(await prisma.match.findUniqueOrThrow({ where: { needId_firmId: { needId: narrowNeedId, firmId: grenoble.organisation.id } } })).toMatchObject({ source: 'STAFF', recommendationNote: 'Vue au salon.' })
    const tooLong = await staff.post(`/firms?for=${narrowNeedId}&index`, { intent: 'recommend', needId: narrowNeedId, firm: voiron.organisation.slug, note: 'x'.repeat(1_001) })
    expect(tooLong.status).toBe(400)
    expect(await tooLong.text()).toContain('Trop long.')
    expect((await staff.get('/firms?for=pas%20un%20id')).status).toBe(404)
  })
})

describe('the matching refresh keeps what people chose', () => {
  test('scoring the need or the firm neither prunes nor overwrites directory invitations and staff recommendations', async () => {
    // Nobody here is eligible for this need: the engine keeps none of them.
    await inviteFromDirectory(partner, { needId: narrowNeedId, firm: voiron.organisation.slug })
    await recommendFirm(staffA, { needId: narrowNeedId, firm: meylan.organisation.slug, note: 'À rencontrer.' })
    const engineOnly = await prisma.match.create({
      data: { needId: narrowNeedId, firmId: annecy2.organisation.id, score: 12, breakdown: { features: [], reasons: [] }, algorithmVersion: ALGORITHM_VERSION },
    })
    const recommended = await prisma.match.findUniqueOrThrow({ where: { needId_firmId: { needId: narrowNeedId, firmId: meylan.organisation.id } } })
    expect(recommended.score).toBe(0)

    await scoreNeed(narrowNeedId)
    await scoreFirm(meylan.organisation.id)
    await scoreFirm(voiron.organisation.id)

    expect(await prisma.match.findUnique({ where: { id: engineOnly.id } })).toBeNull()
    expect(await prisma.match.findUniqueOrThrow({ where: { needId_firmId: { needId: narrowNeedId, firmId: meylan.organisation.id } } })).toMatchObject({
      source: 'STAFF',
      status: 'SUGGESTED',
      recommendedHubId: hubA.id,
      recommendationNote: 'À rencontrer.',
      recommendedAt: recommended.recommendedAt,
    })
    expect(await prisma.match.findUniqueOrThrow({ where: { needId_firmId: { needId: narrowNeedId, firmId: voiron.organisation.id } } })).toMatchObject({ source: 'DIRECTORY', status: 'INVITED' })

    // On a need the engine ranks them for, a new score leaves the source and the recommendation as they were.
    const before = await prisma.match.findUniqueOrThrow({ where: { needId_firmId: { needId, firmId: meylan.organisation.id } } })
    await scoreNeed(needId)
    const after = await prisma.match.findUniqueOrThrow({ where: { needId_firmId: { needId, firmId: meylan.organisation.id } } })
    expect(after).toMatchObject({ source: 'STAFF', recommendedById: before.recommendedById, recommendationNote: before.recommendationNote, recommendedAt: before.recommendedAt, status: before.status })
    expect(await prisma.match.findUniqueOrThrow({ where: { needId_firmId: { needId, firmId: annecy.organisation.id } } })).toMatchObject({ source: 'DIRECTORY', status: 'INVITED' })
  })
})

describe('hub-only working groups stay with their hub', () => {
  test('another hub’s partners and staff find them nowhere: not in the filter, not searched, not on a profile, not on a need page', async () => {
    const circle = await prisma.workingGroup.create({
      data: { hubId: hubB.id, slug: 'cercle-annecien', name: 'Cercle annécien', openToAllHubs: false, members: { create: [{ organisationId: annecy2.organisation.id }] } },
    })
    const groupLabels = async (actor: Actor) => (await firmDirectoryChoices(actor)).groups.map((group) => group.label)
    // Hub B's partner and staff see it; hub A's do not (the open group stays for all).
    expect(await groupLabels(partnerB)).toEqual(expect.arrayContaining(['Cercle annécien (Annecy)', 'Vision industrielle (Annecy)']))
    expect(await groupLabels(staffB)).toContain('Cercle annécien (Annecy)')
    for (const reader of [partner, staffA]) {
      const labels = await groupLabels(reader)
      expect(labels).toContain('Vision industrielle (Annecy)')
      expect(labels.join(' ')).not.toContain('Cercle annécien')
    }
    // Open cohorts stay in every directory reader's filter (decision 0027).
    expect((await firmDirectoryChoices(partnerB)).cohorts.map((cohort) => cohort.id)).toContain(cohortId)

    // `?group=` with it: refused next to the filter for hub A, and not searched.
    const asked = (actor: Actor) => {
      const parsed = parseFirmDirectoryFilters(new URLSearchParams(`group=${circle.id}`))
      return refuseUnseenGroupFilter(actor, parsed.filters, parsed.errors).then(() => parsed)
    }
    const refused = await asked(partner)
    expect(refused.errors.group).toEqual(['validation.invalidChoice'])
    expect(refused.filters.groupId).toBeUndefined()
    const allowed = await asked(partnerB)
    expect(allowed.errors.group).toBeUndefined()
    expect(names(await searchFirmDirectory(partnerB, allowed.filters))).toEqual(['Echo Robotique'])
    const page = await (await signedIn(partnerUser.email)).get(`/firms?group=${circle.id}`)
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('Choix invalide')
    expect(html).not.toContain('Cercle annécien')

    // The member firm's profile names the group to hub B's readers only.
    expect((await getDirectoryProfile(partnerB, annecy2.organisation.slug)).groups.map((group) => group.name)).toEqual(['Cercle annécien'])
    expect((await getDirectoryProfile(partner, annecy2.organisation.slug)).groups).toEqual([])
    const profile = await (await signedIn(partnerUser.email)).get(`/firms/${annecy2.organisation.slug}`)
    expect(profile.status).toBe(200)
    expect(await profile.text()).not.toContain('Cercle annécien')

    // A public need of hub B addressed to it: hub A's firm reads the need, not the group's name.
    const addressed = await published(partnerB, staffB, { title: 'Contrôle qualité par caméra', workingGroupId: circle.id })
    expect((await prisma.need.findUniqueOrThrow({ where: { id: addressed } })).workingGroupId).toBe(circle.id)
    const outside = await getNeedForActor(firmActor, addressed)
    expect(outside.visibility).toBe('full')
    expect(outside.details!.cooperation.group).toBeNull()
    const inside = await getNeedForActor(await actorFor(annecy2.user.id), addressed)
    expect(inside.details!.cooperation.group).toEqual({ slug: 'cercle-annecien', name: 'Cercle annécien' })
    const needPage = await (await signedIn(grenoble.user.email)).get(`/needs/${addressed}`)
    expect(needPage.status).toBe(200)
    const needHtml = await needPage.text()
    expect(needHtml).toContain('Contrôle qualité par caméra')
    expect(needHtml).not.toContain('Cercle annécien')
    expect(needHtml).not.toContain('/groups/cercle-annecien')
    // …which its own members read, with the link.
    const memberPage = await (await signedIn(annecy2.user.email)).get(`/needs/${addressed}`)
    expect(await memberPage.text()).toContain('/groups/cercle-annecien')
  })
})
