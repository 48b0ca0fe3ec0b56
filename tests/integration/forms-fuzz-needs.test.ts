import fc from 'fast-check'
import { beforeAll, describe, expect, test } from 'vitest'
import { type Prisma } from '#app/generated/prisma/client'
import { isKnownNafCode } from '#app/modules/naf/naf'
import { needMachine } from '#app/modules/needs/need-state'
import { NDA_TEXT_VERSION } from '#app/modules/needs/queries.server'
import { matchingModes, needKinds, visibilities } from '#app/modules/needs/schema'
import { revenueBands } from '#app/modules/organisations/schema'
import { prisma } from '#app/utils/db.server'
import { createHub, createMember, createNeed, createStaff, type createUser } from '#tests/factories'
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
  type Mutations,
  badNafList,
} from '#tests/helpers/fuzz/arbitraries'
import { assertRefused, form, RUNS, type Case } from '#tests/helpers/fuzz/check'
import { signIn, type Answer, type Browser, type Fields } from '#tests/helpers/fuzz/client'

/**
 * Generated bad input on the need forms: the editor (new need, draft, published need's revision),
 * the need page's intents (submit, publish, request changes, withdraw a revision, close, award,
 * not awarded, archive, questions and answers, the NDA, match decisions), saved searches on the
 * needs list, and the notifications. Every generated form must be refused with a 4xx (and a
 * message), and write nothing.
 */
const TIMEOUT = { timeout: 240_000 }
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)

const notACheckbox = fc.oneof(fc.constantFrom('yes', '1', '0', 'false', 'off', 'ON', 'True', 'checked', 'oui'), repeated('on'))
/** Shaped like a date but outside the years the editor accepts. */
const farDate = fc.constantFrom('1899-12-31', '1900-01-01', '2200-01-01', '9999-12-31', '0000-01-01')

describe('need forms: generated bad input is refused with a message and writes nothing', () => {
  let hub: Awaited<ReturnType<typeof createHub>>
  let otherHub: Awaited<ReturnType<typeof createHub>>
  let partner: Awaited<ReturnType<typeof createMember>>
  let firm: Awaited<ReturnType<typeof createMember>>
  let moderatorUser: Awaited<ReturnType<typeof createUser>>
  let asPartner: Browser
  let asOtherPartner: Browser
  let asFirm: Browser
  let asModerator: Browser
  let asOtherModerator: Browser
  type NeedKey = 'draft' | 'incomplete' | 'submitted' | 'published' | 'revising' | 'closed' | 'archived' | 'confidential' | 'othersDraft' | 'othersPublished'
  type WorldNeed = { id: string; status: string; revision: boolean; complete: boolean; partner: 'mine' | 'other' }
  let otherPartner: Awaited<ReturnType<typeof createMember>>

  /**
   * The needs the properties act on, one of each state. A property that finds a bug may change
   * them (an intent carried out): the properties that change state take their own, fresh set.
   */
  async function freshNeeds() {
    const published = { status: 'PUBLISHED' as const, publishedAt: new Date() }
    const revision = {
      state: 'SUBMITTED',
      data: { title: 'Révision en attente', summary: 'Un résumé révisé, assez long pour passer.', description: 'd'.repeat(60), skills: ['iot'], budgetMinEur: null, budgetMaxEur: 50_000, deadline: null, expectedStart: null },
      sharedHubIds: [],
      submittedAt: new Date().toISOString(),
      submittedById: partner.user.id,
    }
    const specs: Array<[NeedKey, Partial<Prisma.NeedUncheckedCreateInput>, 'mine' | 'other']> = [
      ['draft', {}, 'mine'],
      ['incomplete', { summary: '', deadline: null }, 'mine'],
      ['submitted', { status: 'SUBMITTED', submittedAt: new Date() }, 'mine'],
      ['published', published, 'mine'],
      ['revising', { ...published, pendingRevision: revision as unknown as Prisma.InputJsonValue, revisionSubmittedAt: new Date() }, 'mine'],
      ['closed', { status: 'CLOSED', publishedAt: new Date(), closedAt: new Date() }, 'mine'],
      ['archived', { status: 'ARCHIVED' }, 'mine'],
      ['confidential', { ...published, visibility: 'INVITE_ONLY' }, 'mine'],
      ['othersDraft', {}, 'other'],
      ['othersPublished', published, 'other'],
    ]
    const created = {} as Record<NeedKey, WorldNeed>
    for (const [key, overrides, owner] of specs) {
      const who = owner === 'mine' ? partner : otherPartner
      const need = await createNeed(who.organisation.id, hub.id, who.user.id, overrides)
      created[key] = { id: need.id, status: need.status, revision: Boolean(overrides.pendingRevision), complete: key !== 'incomplete', partner: owner }
    }
    return created
  }

  beforeAll(async () => {
    hub = await createHub()
    otherHub = await createHub()
    moderatorUser = await createStaff(hub.id, 'MODERATOR')
    const otherModerator = await createStaff(otherHub.id, 'MODERATOR')
    partner = await createMember(hub.id, 'PARTNER')
    otherPartner = await createMember(hub.id, 'PARTNER')
    firm = await createMember(hub.id, 'FIRM', { organisation: { skills: ['iot', 'python'] } })
    ;[asPartner, asOtherPartner, asFirm, asModerator, asOtherModerator] = await Promise.all([
      signIn(partner.user.email),
      signIn(otherPartner.user.email),
      signIn(firm.user.email),
      signIn(moderatorUser.email),
      signIn(otherModerator.email),
    ])
  })

  // ───────── the editor ─────────

  const validNeed = (): Fields => ({
    intent: 'save',
    kind: 'PILOT',
    title: 'Vision industrielle sur une ligne de conditionnement',
    summary: 'Contrôle qualité par caméra sur une ligne de conditionnement de produits laitiers.',
    description: 'Installer des caméras, entraîner un modèle de détection des défauts et l’intégrer aux automates de la ligne.',
    skills: 'vision, python',
    nafCodes: '62.01Z',
    budgetMinEur: '20000',
    budgetMaxEur: '60000',
    deadline: inDays(30),
    expectedStart: inDays(60),
    communeInsee: '38185',
    radiusKm: '50',
    remoteOk: 'on',
    headcountMin: '2',
    headcountMax: '200',
    revenueBands: ['M1_2M', 'M2_5M'],
    minAgeYears: '1',
    visibility: 'PUBLIC',
    matchingMode: 'OPEN',
    sharedHubIds: otherHub.id,
  })

  /** Values the editor refuses, whatever the intent (400, or 422 for an unknown commune or hub). */
  const needMutations = (): Mutations => ({
    intent: fc.oneof(unknownChoice(['save', 'submit']), blank),
    kind: fc.oneof(unknownChoice(needKinds), MISSING, blank, repeated('PILOT')),
    title: fc.oneof(blank, tooShort(5), tooLong(140), repeated('Un titre valable'), MISSING),
    summary: fc.oneof(tooLong(500), repeated('Résumé')),
    description: fc.oneof(tooLong(20_000), repeated('Description')),
    skills: fc.oneof(tooLong(2000), repeated('iot')),
    nafCodes: fc.oneof(badNafList, repeated('62.01Z')),
    budgetMinEur: fc.oneof(badInteger(0, 100_000_000), repeated('1000'), fc.constant('60001')),
    budgetMaxEur: fc.oneof(badInteger(0, 100_000_000), repeated('60000'), fc.integer({ min: 0, max: 19_999 }).map(String)),
    deadline: fc.oneof(badDate, farDate, tooLong(10), repeated(inDays(30))),
    expectedStart: fc.oneof(badDate, farDate, repeated(inDays(60))),
    communeInsee: fc.oneof(fc.constantFrom('99999', 'Atlantis', '00000', 'Atlantis (75)', '2A999', '97999', 'Beaufort'), tooLong(80), repeated('38185')),
    radiusKm: fc.oneof(badInteger(1, 1000), repeated('50')),
    remoteOk: notACheckbox,
    headcountMin: fc.oneof(badInteger(1, 1_000_000), repeated('2'), fc.constant('201')),
    headcountMax: fc.oneof(badInteger(1, 1_000_000), repeated('200'), fc.constant('1')),
    revenueBands: fc.oneof(unknownChoice(revenueBands), fc.tuple(fc.constantFrom(...revenueBands), unknownChoice(revenueBands)).map((pair) => [...pair])),
    minAgeYears: fc.oneof(badInteger(0, 100), repeated('1')),
    visibility: fc.oneof(unknownChoice(visibilities), repeated('PUBLIC')),
    matchingMode: fc.oneof(unknownChoice(matchingModes), repeated('OPEN')),
    screeningRequired: notACheckbox,
    sharedHubIds: fc.oneof(
      unknownId,
      fc.stringMatching(/^[a-z0-9]{65,100}$/),
      fc.array(fc.constant(otherHub.id), { minLength: 11, maxLength: 15 }),
      fc.tuple(unknownId, fc.constant(otherHub.id)).map((pair) => [...pair]),
    ),
  })

  /** Complete for a draft, not for a submission (or a published need's revision): 422. */
  const incomplete: Mutations = {
    summary: fc.oneof(fc.constant(''), fc.constant('Trop court')),
    description: fc.constant('Trop courte.'),
    skills: fc.oneof(fc.constant(''), fc.constant(' , ; ')),
    deadline: fc.oneof(fc.constant(''), fc.constant('2020-01-15'), fc.constant(inDays(0))),
    expectedStart: fc.constant(inDays(1)),
    budgetMaxEur: fc.constant(''),
    communeInsee: fc.constant(''),
  }
  const incompleteNeed = (intent: string) =>
    badForm(validNeed(), incomplete, { maxBroken: 2 }).map((fields): Fields => {
      const result: Fields = { ...fields, intent }
      // Without a commune, the need must not be remote either.
      if (fields.communeInsee === '') delete result.remoteOk
      return result
    })

  test('new need: a valid form saves a draft, and submits a complete one', async () => {
    const saved = await asPartner.post('/needs/new', validNeed())
    expect(saved.status).toBe(302)
    const id = /^\/needs\/([\w-]+)$/.exec(saved.location ?? '')?.[1]
    expect(await prisma.need.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'DRAFT', budgetMaxEur: 60_000, revenueBands: ['M1_2M', 'M2_5M'] })
    const submitted = await asPartner.post('/needs/new', { ...validNeed(), intent: 'submit' })
    expect(submitted.status).toBe(302)
    expect(await prisma.need.count({ where: { partnerId: partner.organisation.id, status: 'SUBMITTED', title: validNeed().title as string } })).toBe(1)
  })

  test(`new need: ${RUNS} bad forms (and incomplete submissions)`, TIMEOUT, async () => {
    const forms = fc.oneof(
      { arbitrary: withJunk(badForm(validNeed(), needMutations()), Object.keys(validNeed())), weight: 5 },
      { arbitrary: incompleteNeed('submit'), weight: 1 },
    )
    const cases = fc.oneof(
      { arbitrary: forms.map(form(asPartner, '/needs/new')), weight: 9 },
      // Only verified partners post needs.
      { arbitrary: fc.constantFrom(asFirm, asModerator).map((as): Case => ({ as, path: '/needs/new', body: { kind: 'form', fields: validNeed() } })), weight: 1 },
    )
    await assertRefused(cases)
  })

  test(`new need: ${RUNS} NAF codes of the right shape that are not in the nomenclature`, TIMEOUT, async () => {
    const unknownCode = fc
      .tuple(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }), fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('')))
      .map(([a, b, letter]) => `${String(a).padStart(2, '0')}.${String(b).padStart(2, '0')}${letter}`)
      .filter((code) => !isKnownNafCode(code))
    const forms = fc.tuple(unknownCode, fc.boolean()).map(([code, withKnown]): Fields => ({ ...validNeed(), nafCodes: withKnown ? `62.01Z, ${code}` : code }))
    await assertRefused(forms.map(form(asPartner, '/needs/new')))
  })

  test('edit need: a valid form saves the draft; on a published need it becomes a revision', async () => {
    const draft = await createNeed(partner.organisation.id, hub.id, partner.user.id)
    const saved = await asPartner.post(`/needs/${draft.id}/edit`, validNeed())
    expect(saved.status).toBe(302)
    expect(await prisma.need.findUniqueOrThrow({ where: { id: draft.id } })).toMatchObject({ title: validNeed().title, status: 'DRAFT' })
    const live = await createNeed(partner.organisation.id, hub.id, partner.user.id, { status: 'PUBLISHED', publishedAt: new Date() })
    const revised = await asPartner.post(`/needs/${live.id}/edit`, validNeed())
    expect(revised.status).toBe(302)
    const after = await prisma.need.findUniqueOrThrow({ where: { id: live.id } })
    expect(after.title).toBe(live.title)
    expect(after.pendingRevision).toMatchObject({ state: 'SUBMITTED', data: { title: validNeed().title } })
  })

  test(`edit need (draft): ${RUNS} bad forms, other partners' and unknown needs, needs past editing`, TIMEOUT, async () => {
    const needs = await freshNeeds()
    const path = `/needs/${needs.draft.id}/edit`
    const cases = fc.oneof(
      { arbitrary: withJunk(badForm(validNeed(), needMutations()), Object.keys(validNeed())).map(form(asPartner, path)), weight: 6 },
      { arbitrary: incompleteNeed('submit').map(form(asPartner, path)), weight: 1 },
      // Someone else's draft, one being moderated or archived, one that does not exist.
      {
        arbitrary: fc
          .oneof(fc.constantFrom(needs.othersDraft.id, needs.submitted.id, needs.archived.id, needs.closed.id), unknownId, malformedId)
          .map((id): Case => ({ as: asPartner, path: `/needs/${encodeURIComponent(id)}/edit`, body: { kind: 'form', fields: validNeed() } })),
        weight: 2,
      },
      { arbitrary: fc.constantFrom(asFirm, asModerator, asOtherPartner).map((as): Case => ({ as, path, body: { kind: 'form', fields: validNeed() } })), weight: 1 },
    )
    await assertRefused(cases)
  })

  test(`edit need (published: a revision for moderation): ${RUNS} bad forms, incomplete revisions even when saved`, TIMEOUT, async () => {
    const needs = await freshNeeds()
    const path = `/needs/${needs.published.id}/edit`
    const cases = fc.oneof(
      { arbitrary: withJunk(badForm(validNeed(), needMutations()), Object.keys(validNeed())).map(form(asPartner, path)), weight: 5 },
      // A revision is checked for completeness whatever the button.
      { arbitrary: fc.constantFrom('save', 'submit').chain(incompleteNeed).map(form(asPartner, path)), weight: 2 },
      { arbitrary: fc.constantFrom(asFirm, asModerator, asOtherPartner).map((as): Case => ({ as, path, body: { kind: 'form', fields: validNeed() } })), weight: 1 },
    )
    await assertRefused(cases)
  })

  test(`need editor: ${RUNS} forms whose intent is posted twice (new need, draft, revision)`, TIMEOUT, async () => {
    const needs = await freshNeeds()
    const paths = ['/needs/new', `/needs/${needs.draft.id}/edit`, `/needs/${needs.published.id}/edit`]
    const intents = fc.oneof(repeated(fc.constantFrom('save', 'submit')), fc.constantFrom<string[]>(['save', 'submit'], ['submit', 'save'], ['save', 'nonsense']))
    const cases = fc.tuple(fc.constantFrom(...paths), intents).map(([path, intent]) => form(asPartner, path)({ ...validNeed(), intent }))
    await assertRefused(cases)
  })

  // ───────── the need page ─────────

  const simpleIntents = ['submit', 'withdrawRevision', 'publish', 'close', 'award', 'notAward', 'archive'] as const
  type Actor = 'partner' | 'otherPartner' | 'firm' | 'moderator' | 'otherModerator'
  const browsers = (): Record<Actor, Browser> => ({ partner: asPartner, otherPartner: asOtherPartner, firm: asFirm, moderator: asModerator, otherModerator: asOtherModerator })

  /** Whether this intent by this actor on this need would be carried out (the policy and the lifecycle tables, restated). */
  function allowed(need: WorldNeed, actor: Actor, intent: (typeof simpleIntents)[number]) {
    const owner = need.partner === 'mine' ? 'partner' : 'otherPartner'
    if (intent === 'publish') return actor === 'moderator' && (need.status === 'SUBMITTED' || need.revision)
    if (actor !== owner) return false
    if (intent === 'withdrawRevision') return need.revision
    // An incomplete draft's submission is refused (back to the editor).
    if (intent === 'submit' && !need.complete) return false
    if (intent === 'archive' && need.revision) return false
    // An award needs an accepted application: there is none in this world.
    if (intent === 'award') return false
    return needMachine.transition(need.status as never, intent).ok
  }

  /** An incomplete draft's submission goes back to the editor with the fields to complete: a refusal by redirect. */
  const backToEditor = (answer: Answer) => /^\/needs\/[\w-]+\/edit\?check=1$/.test(answer.location ?? '') && answer.setCookies.some((cookie) => cookie.startsWith('sillon_toast='))

  test('need page: each intent carried out once, by whom it belongs to', async () => {
    const draft = await createNeed(partner.organisation.id, hub.id, partner.user.id)
    expect((await asPartner.post(`/needs/${draft.id}`, { intent: 'submit' })).location).toBe(`/needs/${draft.id}`)
    expect((await asModerator.post(`/needs/${draft.id}`, { intent: 'requestChanges', comment: 'Précisez le budget, merci.' })).status).toBe(302)
    expect((await asPartner.post(`/needs/${draft.id}`, { intent: 'submit' })).status).toBe(302)
    expect((await asModerator.post(`/needs/${draft.id}`, { intent: 'publish' })).status).toBe(302)
    expect((await asFirm.post(`/needs/${draft.id}`, { intent: 'askQuestion', body: 'Les capteurs sont-ils déjà posés ?' })).status).toBe(302)
    const question = await prisma.question.findFirstOrThrow({ where: { needId: draft.id } })
    expect((await asPartner.post(`/needs/${draft.id}`, { intent: 'answerQuestion', questionId: question.id, answer: 'Non, pas encore.' })).status).toBe(302)
    const match = await prisma.match.create({ data: { needId: draft.id, firmId: firm.organisation.id, score: 0.9, breakdown: {}, algorithmVersion: 'test' } })
    expect((await asPartner.post(`/needs/${draft.id}`, { intent: 'match', decision: 'invite', matchId: match.id })).status).toBe(302)
    expect((await asPartner.post(`/needs/${draft.id}`, { intent: 'close' })).status).toBe(302)
    expect((await asPartner.post(`/needs/${draft.id}`, { intent: 'notAward' })).status).toBe(302)
    expect((await asPartner.post(`/needs/${draft.id}`, { intent: 'archive' })).status).toBe(302)
    expect((await prisma.need.findUniqueOrThrow({ where: { id: draft.id } })).status).toBe('ARCHIVED')
    const confidential = await createNeed(partner.organisation.id, hub.id, partner.user.id, { status: 'PUBLISHED', publishedAt: new Date(), visibility: 'INVITE_ONLY' })
    await prisma.match.create({ data: { needId: confidential.id, firmId: firm.organisation.id, score: 0.8, breakdown: {}, algorithmVersion: 'test', status: 'INVITED' } })
    expect((await asFirm.post(`/needs/${confidential.id}`, { intent: 'acceptNda', textVersion: NDA_TEXT_VERSION, agree: 'on' })).status).toBe(302)
    expect(await prisma.ndaAcceptance.count({ where: { needId: confidential.id, userId: firm.user.id } })).toBe(1)
    // A revision withdrawn; a closed need with an accepted application awarded.
    const { revising, closed } = await freshNeeds()
    expect((await asPartner.post(`/needs/${revising.id}`, { intent: 'withdrawRevision' })).status).toBe(302)
    expect((await prisma.need.findUniqueOrThrow({ where: { id: revising.id } })).pendingRevision).toBeNull()
    await prisma.application.create({ data: { needId: closed.id, firmId: firm.organisation.id, createdById: firm.user.id, status: 'ACCEPTED', submittedAt: new Date() } })
    expect((await asPartner.post(`/needs/${closed.id}`, { intent: 'award' })).status).toBe(302)
    expect((await prisma.need.findUniqueOrThrow({ where: { id: closed.id } })).status).toBe('AWARDED')
  })

  test(`need page: ${RUNS} lifecycle and moderation intents sent by the wrong person or in the wrong state`, TIMEOUT, async () => {
    const needs = await freshNeeds()
    const actors = Object.keys(browsers()) as Actor[]
    const keys = Object.keys(needs) as NeedKey[]
    const cases = fc
      .tuple(fc.constantFrom(...actors), fc.constantFrom(...keys), fc.constantFrom(...simpleIntents), fc.dictionary(fc.stringMatching(/^[a-z]{1,8}$/), fc.string({ maxLength: 12 }), { maxKeys: 2 }))
      .filter(([actor, key, intent]) => !allowed(needs[key], actor, intent))
      .map(([actor, key, intent, junk]): Case => ({ as: browsers()[actor], path: `/needs/${needs[key].id}`, body: { kind: 'form', fields: { ...junk, intent } } }))
    const unknownNeeds = fc
      .tuple(fc.oneof(unknownId, malformedId), fc.constantFrom(...simpleIntents))
      .map(([id, intent]): Case => ({ as: asPartner, path: `/needs/${encodeURIComponent(id)}`, body: { kind: 'form', fields: { intent } } }))
    await assertRefused(fc.oneof({ arbitrary: cases, weight: 5 }, { arbitrary: unknownNeeds, weight: 1 }), { refusalRedirect: backToEditor })
  })

  const allIntents = [...simpleIntents, 'match', 'requestChanges', 'askQuestion', 'answerQuestion', 'acceptNda']
  const otherFields = { comment: 'Précisez le budget, merci.', body: 'Une question assez longue ?', answer: 'Une réponse.', agree: 'on', textVersion: NDA_TEXT_VERSION }

  test(`need page: ${RUNS} unknown and missing intents`, TIMEOUT, async () => {
    const needs = await freshNeeds()
    const cases = fc
      .tuple(fc.constantFrom(...(Object.keys(browsers()) as Actor[])), fc.constantFrom<NeedKey>('draft', 'submitted', 'published', 'revising', 'closed'), fc.oneof(unknownChoice(allIntents), MISSING, blank))
      .map(([actor, key, intent]): Case => ({ as: browsers()[actor], path: `/needs/${needs[key].id}`, body: { kind: 'form', fields: { intent, ...otherFields } } }))
    await assertRefused(cases)
  })

  test(`need page: ${RUNS} intents and match decisions posted twice (the same twice, or two different)`, TIMEOUT, async () => {
    const needs = await freshNeeds()
    const match = await prisma.match.create({ data: { needId: needs.published.id, firmId: firm.organisation.id, score: 0.9, breakdown: {}, algorithmVersion: 'test' } })
    const intents = fc.constantFrom(...allIntents).chain((intent) => fc.oneof(repeated(intent), fc.constantFrom(...allIntents).map((other) => [intent, other])))
    const twiceIntent = fc
      .tuple(fc.constantFrom(...(Object.keys(browsers()) as Actor[])), fc.constantFrom<NeedKey>('draft', 'submitted', 'published', 'revising', 'closed'), intents)
      .map(([actor, key, intent]): Case => ({ as: browsers()[actor], path: `/needs/${needs[key].id}`, body: { kind: 'form', fields: { intent, ...otherFields, decision: 'dismiss', matchId: match.id } } }))
    const twiceMatch = badForm(
      { intent: 'match', decision: 'invite', matchId: match.id },
      { decision: fc.oneof(repeated(fc.constantFrom('invite', 'dismiss')), fc.constant<string[]>(['approve', 'dismiss'])), matchId: fc.oneof(repeated(match.id), fc.tuple(unknownId, fc.constant(match.id)).map((pair) => [...pair])) },
    ).map(form(asPartner, `/needs/${needs.published.id}`))
    await assertRefused(fc.oneof(twiceIntent, twiceMatch), { refusalRedirect: backToEditor })
  })

  test(`need page, request changes: ${RUNS} bad comments, wrong needs and people`, TIMEOUT, async () => {
    const needs = await freshNeeds()
    const path = `/needs/${needs.submitted.id}`
    const valid = { intent: 'requestChanges', comment: 'Précisez le budget, merci.' }
    const bad = badForm(valid, { comment: fc.oneof(blank, tooShort(5), tooLong(2000), repeated('Précisez le budget.'), MISSING) })
    const cases = fc.oneof(
      { arbitrary: withJunk(bad, ['intent', 'comment', 'needId']).map(form(asModerator, path)), weight: 6 },
      // A draft or a published need without a revision cannot be sent back; only the hub's staff may.
      { arbitrary: fc.constantFrom(needs.draft.id, needs.published.id, needs.closed.id).map((id): Case => ({ as: asModerator, path: `/needs/${id}`, body: { kind: 'form', fields: valid } })), weight: 2 },
      { arbitrary: fc.constantFrom(asPartner, asFirm, asOtherModerator).map((as): Case => ({ as, path, body: { kind: 'form', fields: valid } })), weight: 2 },
    )
    await assertRefused(cases)
  })

  test(`need page, questions: ${RUNS} bad questions and answers, foreign questions, wrong people`, TIMEOUT, async () => {
    const needs = await freshNeeds()
    const path = `/needs/${needs.published.id}`
    const question = await prisma.question.create({ data: { needId: needs.published.id, askedByOrgId: firm.organisation.id, askedById: firm.user.id, body: 'Les capteurs sont-ils posés ?' } })
    const elsewhere = await prisma.question.create({ data: { needId: needs.othersPublished.id, askedByOrgId: firm.organisation.id, askedById: firm.user.id, body: 'Et chez vous ?' } })
    const ask = badForm({ intent: 'askQuestion', body: 'Les capteurs sont-ils déjà posés ?' }, { body: fc.oneof(blank, tooShort(10), tooLong(2000), repeated('Une question assez longue ?'), MISSING) })
    const answer = badForm(
      { intent: 'answerQuestion', questionId: question.id, answer: 'Oui, sur deux télésièges.' },
      {
        questionId: fc.oneof(unknownId, malformedId, blank, MISSING, repeated(question.id), fc.constant(elsewhere.id)),
        answer: fc.oneof(blank, tooShort(2), tooLong(5000), repeated('Oui.'), MISSING),
      },
    )
    const cases = fc.oneof(
      { arbitrary: withJunk(ask, ['intent', 'body']).map(form(asFirm, path)), weight: 4 },
      { arbitrary: withJunk(answer, ['intent', 'questionId', 'answer']).map(form(asPartner, path)), weight: 4 },
      // The partner does not ask; a firm does not answer; nobody asks on a draft.
      {
        arbitrary: fc.constantFrom<Case>(
          { as: asPartner, path, body: { kind: 'form', fields: { intent: 'askQuestion', body: 'Une question du partenaire lui-même ?' } } },
          { as: asFirm, path, body: { kind: 'form', fields: { intent: 'answerQuestion', questionId: question.id, answer: 'Réponse de la firme.' } } },
          { as: asFirm, path: `/needs/${needs.draft.id}`, body: { kind: 'form', fields: { intent: 'askQuestion', body: 'Une question sur un brouillon ?' } } },
          { as: asOtherPartner, path, body: { kind: 'form', fields: { intent: 'answerQuestion', questionId: question.id, answer: 'Réponse d’un autre.' } } },
        ),
        weight: 2,
      },
    )
    await assertRefused(cases)
    expect((await prisma.question.findUniqueOrThrow({ where: { id: question.id } })).answer).toBeNull()
  })

  test(`need page, NDA of a confidential need: ${RUNS} bad acceptances`, TIMEOUT, async () => {
    const needs = await freshNeeds()
    await prisma.match.create({ data: { needId: needs.confidential.id, firmId: firm.organisation.id, score: 0.8, breakdown: {}, algorithmVersion: 'test', status: 'INVITED' } })
    const path = `/needs/${needs.confidential.id}`
    const valid = { intent: 'acceptNda', textVersion: NDA_TEXT_VERSION, agree: 'on' }
    const bad = badForm(valid, {
      textVersion: fc.oneof(blank, MISSING, tooLong(40), repeated(NDA_TEXT_VERSION), fc.constantFrom('nda-2025-1', NDA_TEXT_VERSION.toUpperCase(), `${NDA_TEXT_VERSION} `, 'nda-2026-2')),
      agree: fc.oneof(MISSING, blank, notACheckbox),
    })
    const cases = fc.oneof(
      { arbitrary: withJunk(bad, Object.keys(valid)).map(form(asFirm, path)), weight: 8 },
      // Not invited: the partner itself, another partner's need.
      { arbitrary: fc.constantFrom<Case>({ as: asPartner, path, body: { kind: 'form', fields: valid } }, { as: asFirm, path: `/needs/${needs.othersPublished.id}`, body: { kind: 'form', fields: valid } }), weight: 1 },
    )
    await assertRefused(cases)
  })

  test(`need page, match decisions: ${RUNS} bad decisions, unknown and other needs' matches, wrong people`, TIMEOUT, async () => {
    const needs = await freshNeeds()
    const path = `/needs/${needs.published.id}`
    const suggested = await prisma.match.create({ data: { needId: needs.published.id, firmId: firm.organisation.id, score: 0.9, breakdown: {}, algorithmVersion: 'test' } })
    const otherFirm = await createMember(hub.id, 'FIRM')
    const elsewhere = await prisma.match.create({ data: { needId: needs.othersPublished.id, firmId: otherFirm.organisation.id, score: 0.7, breakdown: {}, algorithmVersion: 'test' } })
    // Another need of the same partner: its match is not this page's.
    const sibling = await createNeed(partner.organisation.id, hub.id, partner.user.id, { status: 'PUBLISHED', publishedAt: new Date() })
    const siblingMatch = await prisma.match.create({ data: { needId: sibling.id, firmId: otherFirm.organisation.id, score: 0.6, breakdown: {}, algorithmVersion: 'test' } })
    const valid = { intent: 'match', decision: 'invite', matchId: suggested.id }
    const bad = badForm(valid, {
      // Approving and rejecting are the hub staff's, on curated needs only.
      decision: fc.oneof(unknownChoice(['approve', 'reject', 'invite', 'dismiss']), MISSING, blank, fc.constantFrom('approve', 'reject')),
      matchId: fc.oneof(unknownId, malformedId, blank, MISSING, fc.constantFrom(elsewhere.id, siblingMatch.id)),
    })
    const cases = fc.oneof(
      { arbitrary: withJunk(bad, Object.keys(valid)).map(form(asPartner, path)), weight: 8 },
      // A firm cannot invite itself; another partner, another hub's staff do not see the match.
      {
        arbitrary: fc.constantFrom<Case>(
          { as: asFirm, path, body: { kind: 'form', fields: valid } },
          { as: asOtherPartner, path, body: { kind: 'form', fields: valid } },
          { as: asOtherModerator, path, body: { kind: 'form', fields: { ...valid, decision: 'approve' } } },
          { as: asModerator, path, body: { kind: 'form', fields: { ...valid, decision: 'approve' } } },
        ),
        weight: 2,
      },
    )
    await assertRefused(cases)
    expect((await prisma.match.findUniqueOrThrow({ where: { id: suggested.id } })).status).toBe('SUGGESTED')
  })

  // ───────── saved searches (needs list) ─────────

  test('saved searches: a search is saved with its filters, then deleted', async () => {
    const saved = await asFirm.post('/needs?q=vision&kind=PILOT', { intent: 'saveSearch', name: 'Vision', query: 'q=vision&kind=PILOT&page=2', alert: 'on' })
    expect(saved.status).toBe(302)
    const search = await prisma.savedSearch.findFirstOrThrow({ where: { userId: firm.user.id, name: 'Vision' } })
    expect(search).toMatchObject({ alert: true, query: 'q=vision&kind=PILOT' })
    expect((await asFirm.post('/needs', { intent: 'deleteSearch', id: search.id })).status).toBe(302)
    expect(await prisma.savedSearch.count({ where: { id: search.id } })).toBe(0)
  })

  test(`saved searches: ${RUNS} bad saves and deletions (other people's searches, the 21st search)`, TIMEOUT, async () => {
    const mine = await prisma.savedSearch.create({ data: { userId: firm.user.id, name: 'Mienne', query: 'q=iot' } })
    const theirs = await prisma.savedSearch.create({ data: { userId: partner.user.id, name: 'Autre', query: 'q=x' } })
    const collector = await createMember(hub.id, 'FIRM')
    await prisma.savedSearch.createMany({ data: Array.from({ length: 20 }, (_, index) => ({ userId: collector.user.id, name: `Recherche ${index}`, query: 'q=iot' })) })
    const asCollector = await signIn(collector.user.email)
    const path = '/needs?q=iot'
    const intent = fc.oneof(unknownChoice(['saveSearch', 'deleteSearch']), MISSING, blank, repeated('saveSearch'))
    const save = badForm(
      { intent: 'saveSearch', name: 'Mes besoins IoT', query: 'q=iot', alert: 'on' },
      {
        intent,
        name: fc.oneof(blank, tooShort(2), tooLong(80), repeated('Recherche'), MISSING),
        query: fc.oneof(tooLong(1000), repeated('q=iot')),
        alert: notACheckbox,
      },
    )
    const remove = badForm({ intent: 'deleteSearch', id: mine.id }, { intent: fc.oneof(intent, fc.constant('saveSearch')), id: fc.oneof(unknownId, malformedId, blank, MISSING, fc.constant(theirs.id)) })
    const cases = fc.oneof(
      { arbitrary: withJunk(save, ['intent', 'name', 'query', 'alert']).map(form(asFirm, path)), weight: 4 },
      { arbitrary: withJunk(remove, ['intent', 'id']).map(form(asFirm, path)), weight: 4 },
      { arbitrary: fc.constant<Case>({ as: asCollector, path, body: { kind: 'form', fields: { intent: 'saveSearch', name: 'Une de trop', query: 'q=iot' } } }), weight: 1 },
    )
    await assertRefused(cases)
    expect(await prisma.savedSearch.count({ where: { id: { in: [mine.id, theirs.id] } } })).toBe(2)
  })

  test(`saved searches: ${RUNS} deletions whose id is posted twice`, TIMEOUT, async () => {
    const mine = await prisma.savedSearch.create({ data: { userId: firm.user.id, name: 'Mienne aussi', query: 'q=iot' } })
    const theirs = await prisma.savedSearch.create({ data: { userId: partner.user.id, name: 'Autre encore', query: 'q=x' } })
    const ids = fc.oneof(repeated(mine.id), fc.tuple(fc.oneof(unknownId, fc.constant(theirs.id)), fc.constant(mine.id)).map((pair) => [...pair]))
    await assertRefused(ids.map((id) => form(asFirm, '/needs?q=iot')({ intent: 'deleteSearch', id })))
    expect(await prisma.savedSearch.count({ where: { id: { in: [mine.id, theirs.id] } } })).toBe(2)
  })

  // ───────── notifications ─────────

  test('notifications: opening one marks it read and follows its link; reading all', async () => {
    const notification = await prisma.notification.create({ data: { userId: firm.user.id, kind: 'need.published', payload: {}, link: '/needs' } })
    const opened = await asFirm.post('/notifications', { intent: 'open', id: notification.id })
    expect(opened.status).toBe(302)
    expect(opened.location).toBe('/needs')
    expect((await prisma.notification.findUniqueOrThrow({ where: { id: notification.id } })).readAt).not.toBeNull()
    expect((await asFirm.post('/notifications', { intent: 'readAll' })).status).toBe(302)
  })

  test(`notifications: ${RUNS} bad forms`, TIMEOUT, async () => {
    const unread = await prisma.notification.create({ data: { userId: firm.user.id, kind: 'need.published', payload: {}, link: '/needs' } })
    const open = badForm(
      { intent: 'open', id: unread.id },
      {
        intent: fc.oneof(unknownChoice(['open', 'readAll']), MISSING, blank),
        id: fc.oneof(blank, MISSING, fc.stringMatching(/^[a-z0-9]{65,120}$/)),
      },
    )
    await assertRefused(withJunk(open, ['intent', 'id']).map(form(asFirm, '/notifications')))
    expect((await prisma.notification.findUniqueOrThrow({ where: { id: unread.id } })).readAt).toBeNull()
  })

  test(`notifications: ${RUNS} unknown and other people's notifications to open`, TIMEOUT, async () => {
    const theirs = await prisma.notification.create({ data: { userId: partner.user.id, kind: 'need.published', payload: {}, link: '/needs' } })
    const ids = fc.oneof(unknownId, fc.constant(theirs.id), fc.constantFrom('../etc', 'a b', '%00', 'é', '😀'))
    await assertRefused(ids.map((id) => form(asFirm, '/notifications')({ intent: 'open', id })))
    expect((await prisma.notification.findUniqueOrThrow({ where: { id: theirs.id } })).readAt).toBeNull()
  })

  test(`notifications: ${RUNS} forms whose intent or id is posted twice`, TIMEOUT, async () => {
    const unread = await prisma.notification.create({ data: { userId: firm.user.id, kind: 'need.published', payload: {}, link: '/needs' } })
    const twice = badForm(
      { intent: 'open', id: unread.id },
      { intent: fc.oneof(repeated('open'), fc.constant<string[]>(['readAll', 'open']), fc.constant<string[]>(['open', 'readAll'])), id: fc.oneof(repeated(unread.id), fc.tuple(unknownId, fc.constant(unread.id)).map((pair) => [...pair])) },
    )
    await assertRefused(twice.map(form(asFirm, '/notifications')))
  })
})
