import { randomUUID } from 'node:crypto'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { createRequestHandler, type ServerBuild } from '@remix-run/node'
import fc from 'fast-check'
import { beforeAll, describe, expect, test } from 'vitest'
import { needLifecycleActions, needKinds, visibilities, matchingModes } from '#app/modules/needs/schema'
import { revenueBands } from '#app/modules/organisations/schema'
import { declineReasons } from '#app/modules/applications/schema'
import { applicationBody, decisionBody, lifecycleBody, needBody } from '#app/modules/api/schema'
import { createApiToken } from '#app/modules/organisations/api-tokens.server'
import { prisma } from '#app/utils/db.server'
import { cleanText } from '#app/utils/form.server'
import { createMarketplace, createNeed } from '#tests/factories'
import { actorFor } from '#tests/helpers/actor'

/**
 * Generated bad input for every write endpoint of the API (fast-check, 100 runs each): wrong
 * types, missing fields, unknown enums and fields, oversized strings, deep nesting, arrays or
 * primitives instead of objects, NUL characters, malformed JSON, wrong media types. Each must
 * answer a 4xx with the error shape, and write nothing (rows, timestamps and counts compared).
 */
let handler: ReturnType<typeof createRequestHandler> | undefined

interface RawRequest {
  body?: string
  contentType?: string
}

async function send(method: string, pathname: string, token: string, request: RawRequest) {
  if (!handler) {
    const build = (await import(/* @vite-ignore */ pathToFileURL(path.resolve('build/index.js')).href)) as ServerBuild
    handler = createRequestHandler(build, 'production')
  }
  const headers = new Headers({ Authorization: `Bearer ${token}` })
  if (request.contentType) headers.set('Content-Type', request.contentType)
  const response = await handler(new Request(`http://localhost:3000/api/v1${pathname}`, { method, headers, body: request.body }), { requestId: randomUUID() })
  const text = await response.text()
  return { status: response.status, text }
}

async function snapshot() {
  const [needs, applications, counts] = await Promise.all([
    prisma.need.findMany({ select: { id: true, status: true, title: true, updatedAt: true, pendingRevision: true }, orderBy: { id: 'asc' } }),
    prisma.application.findMany({ select: { id: true, status: true, updatedAt: true }, orderBy: { id: 'asc' } }),
    Promise.all([
      prisma.auditLog.count(),
      prisma.statusChange.count(),
      prisma.message.count(),
      prisma.consortiumMember.count(),
      prisma.needShare.count(),
      prisma.notification.count(),
      prisma.emailMessage.count(),
    ]),
  ])
  return { needs, applications, counts }
}

/** Sends one generated request; it must be refused with the error shape and change nothing. */
async function expectRefused(method: string, pathname: string, token: string, request: RawRequest) {
  const before = await snapshot()
  const { status, text } = await send(method, pathname, token, request)
  const label = `${method} ${pathname} ${request.contentType ?? '-'} ${(request.body ?? '').slice(0, 300)}`
  expect(status, `${label}\n→ ${text.slice(0, 300)}`).toBeGreaterThanOrEqual(400)
  expect(status, `${label}\n→ ${text.slice(0, 300)}`).toBeLessThan(500)
  const body = JSON.parse(text) as { error: { code: string; message: string; fields: Record<string, string[]> } }
  expect(Object.keys(body)).toEqual(['error'])
  expect(body.error).toEqual({ code: expect.stringMatching(/^[a-z_]+$/), message: expect.any(String), fields: expect.any(Object) })
  for (const messages of Object.values(body.error.fields)) expect(messages.every((message) => typeof message === 'string' && message.length > 0)).toBe(true)
  expect(await snapshot(), label).toEqual(before)
}

// ───────── generators ─────────

const MISSING = Symbol('missing')
const clean = (value: string) => cleanText(value)
const nulChar = fc.constantFrom('\u0000', '\u0001', '\u0007', '\u001b', '\u007f')
/** Text interleaved with NUL and control characters, which the API removes before validation. */
const withControls = (text: fc.Arbitrary<string>) =>
  fc.tuple(text, fc.array(nulChar, { minLength: 1, maxLength: 20 })).map(([value, controls]) => {
    const chars = [...value]
    for (const [index, control] of controls.entries()) chars.splice((index * 7) % (chars.length + 1), 0, control)
    return chars.join('')
  })
const oversized = (max: number) => fc.integer({ min: max + 1, max: max + 3000 }).chain((length) => fc.constantFrom('é', 'x', 'Ω', '😀').map((char) => char.repeat(length)))
const smallJson = fc.jsonValue({ maxDepth: 2 })
const notAString = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.array(smallJson, { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), smallJson, { maxKeys: 3 }),
)
const notAList = fc.oneof(fc.integer(), fc.boolean(), fc.array(fc.oneof(fc.integer(), fc.boolean(), fc.constant(null)), { minLength: 1, maxLength: 4 }), fc.dictionary(fc.string({ maxLength: 5 }), smallJson, { maxKeys: 3 }))
const notABoolean = fc.oneof(fc.integer(), fc.string().filter((value) => !['on', 'true', ''].includes(clean(value))), fc.array(smallJson, { maxLength: 2 }), fc.dictionary(fc.string({ maxLength: 5 }), smallJson, { maxKeys: 2 }))
const notAnInteger = (min: number, max: number) =>
  fc.oneof(
    fc.integer({ max: min - 1 }),
    fc.integer({ min: max + 1 }),
    fc.double({ noNaN: true, noDefaultInfinity: true }).filter((value) => !Number.isInteger(value)),
    fc.boolean(),
    fc.string({ maxLength: 30 }).filter((value) => clean(value).trim() !== '' && !Number.isInteger(Number(clean(value).trim()))),
    fc.array(fc.integer(), { maxLength: 2 }),
    fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 2 }),
  )
const unknownChoice = (choices: readonly string[]) =>
  fc.oneof(
    fc.string({ maxLength: 30 }).filter((value) => !choices.includes(clean(value))),
    fc.constantFrom(...choices).map((choice) => (choice.toLowerCase() === choice ? choice.toUpperCase() : choice.toLowerCase())),
    withControls(fc.constantFrom(...choices).map((choice) => `${choice}X`)),
    fc.constantFrom(...choices).map((choice) => ` ${choice}`),
    notAString,
  )
const tooShortText = (min: number) => withControls(fc.string({ maxLength: min - 1 }).map((value) => value.trim()))
const badDate = fc.oneof(
  fc.constantFrom('2030-02-30', '2030-02-29', '2030-13-01', '31/12/2030', 'demain', '1800-01-01', '2300-01-01', '2030-1-1', '20300101', 'T00:00:00Z'),
  fc.string({ minLength: 11, maxLength: 40 }).filter((value) => clean(value).trim().length > 10),
  notAString,
)
const unknownField = (fields: readonly string[]) => fc.string({ minLength: 0, maxLength: 20 }).filter((key) => !fields.includes(clean(key)))

/** Bodies that are no JSON object at all, or no JSON, or not sent as JSON. */
function structural(valid: Record<string, unknown>): fc.Arbitrary<RawRequest> {
  const json = (value: unknown): RawRequest => ({ body: JSON.stringify(value), contentType: 'application/json' })
  const text = JSON.stringify(valid)
  return fc.oneof(
    fc.array(smallJson, { maxLength: 4 }).map(json),
    fc.constant(json([valid])),
    fc.oneof(fc.integer(), fc.string(), fc.boolean(), fc.constant(null)).map(json),
    fc.integer({ min: 1, max: text.length - 1 }).map((length) => ({ body: text.slice(0, length), contentType: 'application/json' })),
    fc.string({ minLength: 1 }).filter((value) => {
      try {
        JSON.parse(value)
        return false
      } catch {
        return value.trim() !== ''
      }
    }).map((body) => ({ body, contentType: 'application/json' })),
    fc.integer({ min: 17, max: 5000 }).chain((depth) =>
      fc.constantFrom('[', '{"a":').map((open) => ({ body: `{"x":${open.repeat(depth)}1${(open === '[' ? ']' : '}').repeat(depth)}}`, contentType: 'application/json' })),
    ),
    fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'text/json').map((contentType) => ({ body: text, contentType })),
    fc.constant({ body: text }),
    fc.constant({ body: new Uint8Array([0x7b, 0xc3, 0x28, 0x7d]).reduce((all, byte) => all + String.fromCharCode(byte), ''), contentType: 'application/json; charset=latin1' }),
    fc.constant(json({ ...valid, description: 'x'.repeat(1_100_000) })),
  )
}

type Breakers = Record<string, fc.Arbitrary<unknown>>

/**
 * A valid body with one to three fields broken (a wrong value, or removed when required), or an
 * unknown field added; every generated body must be refused.
 */
function brokenBodies(valid: Record<string, unknown>, breakers: Breakers, fields: readonly string[]): fc.Arbitrary<RawRequest> {
  const names = Object.keys(breakers)
  const broken = fc
    .uniqueArray(fc.constantFrom(...names), { minLength: 1, maxLength: 3 })
    .chain((chosen) => fc.tuple(...chosen.map((name) => breakers[name]!.map((value) => [name, value] as const))))
    .map((changes) => {
      const body: Record<string, unknown> = { ...valid }
      for (const [name, value] of changes) {
        if (value === MISSING) delete body[name]
        else body[name] = value
      }
      return body
    })
  const extra = fc.tuple(unknownField(fields), smallJson).map(([key, value]) => ({ ...valid, [key]: value }))
  return fc.oneof({ arbitrary: broken, weight: 4 }, { arbitrary: extra, weight: 1 }).map((body) => ({ body: JSON.stringify(body), contentType: 'application/json' }))
}

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)

const validNeed = {
  kind: 'PILOT',
  title: 'Vision industrielle sur une ligne de conditionnement',
  summary: 'Contrôle qualité par caméra sur une ligne de conditionnement de produits laitiers.',
  description: 'Installer des caméras, entraîner un modèle de détection des défauts et l’intégrer aux automates de la ligne.',
  skills: ['vision', 'python'],
  nafCodes: ['62.01Z'],
  budgetMinEur: 20000,
  budgetMaxEur: 60000,
  deadline: inDays(30),
  expectedStart: inDays(60),
  communeInsee: '38185',
  radiusKm: 50,
  remoteOk: true,
  headcountMin: 2,
  headcountMax: 200,
  revenueBands: ['M1_2M'],
  minAgeYears: 1,
  visibility: 'PUBLIC',
  matchingMode: 'OPEN',
  screeningRequired: false,
}

/** Broken values for each field of the need editor; `required` adds removal of kind and title. */
function needBreakers(options: { required: boolean }): Breakers {
  const requiredMissing = options.required ? [fc.constant(MISSING), fc.constant(null)] : [fc.constant(null)]
  return {
    kind: fc.oneof(unknownChoice(needKinds), ...requiredMissing),
    title: fc.oneof(tooShortText(5), oversized(140), notAString, ...requiredMissing),
    summary: fc.oneof(oversized(500), notAString),
    description: fc.oneof(oversized(20_000), notAString),
    skills: fc.oneof(oversized(2000), notAList, fc.array(fc.constant('x'.repeat(100)), { minLength: 21, maxLength: 30 })),
    nafCodes: fc.oneof(
      fc.constantFrom('6201', '62.01', 'AB.CDE', '62-01Z', '620.1Z', ['62.01Z', 'XX']),
      fc.array(fc.constant('62.01Z'), { minLength: 11, maxLength: 14 }),
      oversized(500),
      notAList,
    ),
    budgetMinEur: notAnInteger(0, 100_000_000),
    budgetMaxEur: fc.oneof(notAnInteger(0, 100_000_000), fc.integer({ min: 0, max: 19_999 })),
    deadline: badDate,
    expectedStart: fc.oneof(badDate),
    communeInsee: fc.oneof(fc.constantFrom('Atlantis', '97999', '99999', 'Atlantis (75)', 'Beaufort'), fc.string({ minLength: 81, maxLength: 120 }).filter((value) => clean(value).trim().length > 80), notAString),
    radiusKm: notAnInteger(1, 1000),
    remoteOk: notABoolean,
    headcountMin: notAnInteger(1, 1_000_000),
    headcountMax: notAnInteger(1, 1_000_000),
    // An empty list is a valid answer (no revenue condition), whichever generator produces it.
    revenueBands: fc
      .oneof(unknownChoice(revenueBands), fc.array(unknownChoice(revenueBands), { minLength: 1, maxLength: 3 }))
      .filter((value) => !(Array.isArray(value) && value.length === 0)),
    minAgeYears: notAnInteger(0, 100),
    visibility: unknownChoice(visibilities),
    matchingMode: unknownChoice(matchingModes),
    screeningRequired: notABoolean,
    sharedHubIds: fc.oneof(
      fc.array(fc.string({ minLength: 1, maxLength: 10 }), { minLength: 11, maxLength: 14 }),
      fc.string({ minLength: 65, maxLength: 100 }).filter((value) => clean(value).length > 64),
      fc.constantFrom('no-such-hub', ['no-such-hub']),
      fc.integer(),
      fc.array(fc.integer(), { minLength: 1, maxLength: 3 }),
    ),
    submit: fc.oneof(fc.string(), fc.integer(), fc.constantFrom('true', 1, [true], { yes: true })),
  }
}

// ───────── the properties ─────────

describe('generated bad input on every write endpoint: 4xx with the error shape, nothing written', () => {
  let market: Awaited<ReturnType<typeof createMarketplace>>
  let partnerToken: string
  let firmToken: string
  let draftId: string
  let incompleteId: string
  let openNeedId: string
  let applicationId: string

  beforeAll(async () => {
    market = await createMarketplace()
    partnerToken = (await createApiToken(await actorFor(market.partner.user.id), market.partner.organisation.id, { name: 'Achats' })).token
    firmToken = (await createApiToken(await actorFor(market.firm.user.id), market.firm.organisation.id, { name: 'CRM' })).token
    const { id: partnerId } = market.partner.organisation
    draftId = (await createNeed(partnerId, market.hub.id, market.partner.user.id)).id
    incompleteId = (await createNeed(partnerId, market.hub.id, market.partner.user.id, { summary: '', deadline: null })).id
    openNeedId = (await createNeed(partnerId, market.hub.id, market.partner.user.id, { status: 'PUBLISHED', publishedAt: new Date() })).id
    const decided = await createNeed(partnerId, market.hub.id, market.partner.user.id, { status: 'PUBLISHED', publishedAt: new Date() })
    applicationId = (
      await prisma.application.create({
        data: { needId: decided.id, firmId: market.firm.organisation.id, createdById: market.firm.user.id, status: 'SHORTLISTED', submittedAt: new Date(), approach: 'Une approche détaillée, en plusieurs étapes et livrables.' },
      })
    ).id
  })

  const runs = { numRuns: 100 }

  test('POST /needs', async () => {
    const requests = fc.oneof({ arbitrary: brokenBodies(validNeed, needBreakers({ required: true }), needBody.fields), weight: 4 }, { arbitrary: structural(validNeed), weight: 1 })
    await fc.assert(fc.asyncProperty(requests, (request) => expectRefused('POST', '/needs', partnerToken, request)), runs)
  })

  test('PATCH /needs/{id}', async () => {
    // A merge patch: only the broken fields are sent (null clears an optional field, so it only breaks kind and title).
    const breakers = needBreakers({ required: false })
    const patches = fc
      .uniqueArray(fc.constantFrom(...Object.keys(breakers)), { minLength: 1, maxLength: 3 })
      .chain((chosen) => fc.tuple(...chosen.map((name) => breakers[name]!.filter((value) => value !== null || name === 'kind' || name === 'title').map((value) => [name, value] as const))))
      .map((changes) => ({ body: JSON.stringify(Object.fromEntries(changes)), contentType: 'application/json' }))
    const unknown = fc.tuple(unknownField(needBody.fields), smallJson).map(([key, value]) => ({ body: JSON.stringify({ title: 'Un titre valide et neuf', [key]: value }), contentType: 'application/json' }))
    const requests = fc.oneof({ arbitrary: patches, weight: 4 }, { arbitrary: unknown, weight: 1 }, { arbitrary: structural({ title: 'Nouveau titre' }), weight: 1 })
    await fc.assert(fc.asyncProperty(requests, (request) => expectRefused('PATCH', `/needs/${draftId}`, partnerToken, request)), runs)
  })

  test('POST /needs/{id}/submit', async () => {
    // Nothing to send: any field is unknown. (The draft is incomplete, so even `{}` would be a 422.)
    const fields = fc.dictionary(fc.string({ maxLength: 20 }), smallJson, { minKeys: 1, maxKeys: 4 }).map((body) => ({ body: JSON.stringify(body), contentType: 'application/json' }))
    const requests = fc.oneof({ arbitrary: fields, weight: 2 }, { arbitrary: structural({ now: true }), weight: 2 })
    await fc.assert(fc.asyncProperty(requests, (request) => expectRefused('POST', `/needs/${incompleteId}/submit`, partnerToken, request)), runs)
  })

  test('POST /needs/{id}/lifecycle', async () => {
    const breakers: Breakers = { action: fc.oneof(unknownChoice(needLifecycleActions), fc.constant(MISSING), fc.constant(null)) }
    const requests = fc.oneof(
      { arbitrary: brokenBodies({ action: 'close' }, breakers, lifecycleBody.fields), weight: 3 },
      { arbitrary: structural({ action: 'archive' }), weight: 1 },
    )
    await fc.assert(fc.asyncProperty(requests, (request) => expectRefused('POST', `/needs/${draftId}/lifecycle`, partnerToken, request)), runs)
  })

  test('POST /needs/{id}/applications', async () => {
    const valid = { approach: 'Caméras industrielles, modèle de détection entraîné sur vos défauts, intégration aux automates.', priceEur: 40000 }
    const breakers: Breakers = {
      intent: unknownChoice(['save', 'submit']),
      approach: fc.oneof(oversized(10_000), notAString, tooShortText(30)),
      timeline: fc.oneof(oversized(2000), notAString),
      priceEur: notAnInteger(0, 100_000_000),
      referencesText: fc.oneof(oversized(5000), notAString),
      consortium: fc.oneof(
        fc.array(fc.string({ minLength: 1, maxLength: 10 }), { minLength: 4, maxLength: 8 }),
        fc.array(fc.oneof(fc.integer(), fc.boolean()), { minLength: 1, maxLength: 3 }),
        fc.string({ minLength: 81, maxLength: 120 }).filter((value) => clean(value).length > 80),
        fc.constantFrom('firm-that-does-not-exist', [market.firm.organisation.slug]),
        fc.integer(),
        fc.dictionary(fc.string({ maxLength: 4 }), fc.string(), { maxKeys: 2 }),
      ),
    }
    const requests = fc.oneof({ arbitrary: brokenBodies(valid, breakers, applicationBody.fields), weight: 4 }, { arbitrary: structural(valid), weight: 1 })
    await fc.assert(fc.asyncProperty(requests, (request) => expectRefused('POST', `/needs/${openNeedId}/applications`, firmToken, request)), runs)
  })

  test('POST /applications/{id}/decision', async () => {
    const otherIntents = ['withdraw', 'message', 'answerInfo', 'startScreening', 'confirmConsortium', 'declineConsortium', 'submit', 'save']
    const comment = 'Le prix dépasse notre enveloppe pour ce pilote.'
    const bodies = fc.oneof(
      fc.oneof(unknownChoice(['shortlist', 'requestInfo', 'accept', 'decline']), fc.constantFrom(...otherIntents), fc.constant(MISSING)).map((intent) => (intent === MISSING ? {} : { intent })),
      fc.oneof(unknownChoice(declineReasons), fc.constant(MISSING)).map((reason) => ({ intent: 'decline', comment, ...(reason === MISSING ? {} : { reason }) })),
      fc.oneof(tooShortText(10), oversized(2000), notAString, fc.constant(MISSING)).map((bad) => ({ intent: 'decline', reason: 'BUDGET', ...(bad === MISSING ? {} : { comment: bad }) })),
      fc.oneof(tooShortText(2), oversized(5000), notAString, fc.constant(MISSING)).map((bad) => ({ intent: 'requestInfo', ...(bad === MISSING ? {} : { message: bad }) })),
      fc.tuple(fc.constantFrom('shortlist', 'accept', 'decline', 'requestInfo'), unknownField(decisionBody.fields), smallJson).map(([intent, key, value]) => ({ intent, reason: 'BUDGET', comment, message: 'Une question ?', [key]: value })),
    )
    const requests = fc.oneof(
      { arbitrary: bodies.map((body) => ({ body: JSON.stringify(body), contentType: 'application/json' })), weight: 4 },
      { arbitrary: structural({ intent: 'accept' }), weight: 1 },
    )
    await fc.assert(fc.asyncProperty(requests, (request) => expectRefused('POST', `/applications/${applicationId}/decision`, partnerToken, request)), runs)
  })

  test('GET /needs with generated query strings: 200 or 400 with the fields, never a 5xx', async () => {
    const names = fc.constantFrom('q', 'kind', 'naf', 'budgetMin', 'budgetMax', 'deadlineBefore', 'distanceKm', 'hub', 'status', 'sort', 'page', 'other')
    const values = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 }), withControls(fc.string({ maxLength: 10 })), fc.integer().map(String), oversized(200), fc.constantFrom('PILOT', '62', '2030-01-01', '0', '-1', '1e9', 'NaN'))
    const queries = fc.array(fc.tuple(names, values), { maxLength: 6 })
    await fc.assert(
      fc.asyncProperty(queries, fc.boolean(), async (pairs, asFirm) => {
        const query = new URLSearchParams(pairs).toString()
        const { status, text } = await send('GET', `/needs?${query}`, asFirm ? firmToken : partnerToken, {})
        expect([200, 400], `${query} → ${text.slice(0, 200)}`).toContain(status)
        const body = JSON.parse(text) as { error?: { code: string; fields: Record<string, string[]> }; needs?: unknown[] }
        if (status === 400) expect(body.error).toMatchObject({ code: 'validation_failed', fields: expect.any(Object) })
        else expect(Array.isArray(body.needs)).toBe(true)
      }),
      runs,
    )
  })

  test('any JSON value on any write endpoint never answers a 5xx, and a refusal writes nothing', async () => {
    const endpoints = () => [
      ['POST', '/needs', partnerToken],
      ['PATCH', `/needs/${draftId}`, partnerToken],
      ['POST', `/needs/${incompleteId}/submit`, partnerToken],
      ['POST', `/needs/${draftId}/lifecycle`, partnerToken],
      ['POST', `/needs/${openNeedId}/applications`, firmToken],
      ['POST', `/applications/${applicationId}/decision`, partnerToken],
    ] as const
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 5 }), fc.jsonValue({ maxDepth: 4 }), async (index, value) => {
        const [method, pathname, token] = endpoints()[index]!
        const before = await snapshot()
        const { status, text } = await send(method, pathname, token, { body: JSON.stringify(value), contentType: 'application/json' })
        expect(status, `${method} ${pathname} ${JSON.stringify(value).slice(0, 200)} → ${text.slice(0, 200)}`).toBeLessThan(500)
        if (status >= 400) {
          expect(JSON.parse(text)).toEqual({ error: { code: expect.any(String), message: expect.any(String), fields: expect.any(Object) } })
          expect(await snapshot()).toEqual(before)
        }
      }),
      runs,
    )
  })
})

