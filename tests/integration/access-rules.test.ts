import { rm } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { Prisma } from '#app/generated/prisma/client'
import { apiOperations } from '#app/modules/api/spec'
import { prisma } from '#app/utils/db.server'
import { Client, signIn, type Answer } from '#tests/helpers/access/client'
import { isRefusal, type Expectation } from '#tests/helpers/access/expect'
import { changedTables, fingerprintedTables, IGNORED_TABLES, worldFingerprint } from '#tests/helpers/access/fingerprint'
import { API_INTENTS, intentOfBody, intentsOfRoute } from '#tests/helpers/access/intents'
import { fillPattern, manifestRoutes, type ManifestRoute } from '#tests/helpers/access/manifest'
import { isOrgPersona, MARKER_KEYS, markersVisibleTo, OWN_MARKERS, PERSONAS, type MarkerKey, type Persona } from '#tests/helpers/access/markers'
import { accessTable, isApiRow, type Row } from '#tests/helpers/access/table'
import { buildWorld, type World } from '#tests/helpers/access/world'

/**
 * DESIGN.md §8: "a user never sees data of an organisation that the rules do not open to them".
 * Every route of the build, every intent of every action and every operation of the JSON API, as
 * anonymous, firm A (its owner and a plain member), firm B, partner A, partner B, hub H's
 * moderator and administrator, hub H2's moderator, a firm of hub H2, a user of no organisation,
 * and the owners of a pending and of a suspended firm (tests/helpers/access/markers.ts), against a
 * world whose every piece of data carries its organisation's marker (tests/helpers/access/). Each
 * answer must have the expected status, must carry no marker its reader may not see (whatever the
 * status: HTML, JSON, PDF and headers alike), must show the markers the row names (so that the
 * world is really there), and refused writes must change nothing in any table of the database
 * (fingerprint.ts). A route, an intent (intents.ts) or an API operation without a row fails.
 */
let world: World
let routes: ManifestRoute[]
const clients = {} as Record<Persona, Client>
const stats = { requests: 0, started: 0, world: 0, signIn: 0 }

beforeAll(async () => {
  stats.started = Date.now()
  ;[world, routes] = await Promise.all([buildWorld(), manifestRoutes()])
  stats.world = Date.now() - stats.started
  clients.anon = new Client('anon')
  for (const persona of PERSONAS) if (persona !== 'anon') clients[persona] = await signIn(persona, world.users[persona].email)
  stats.signIn = Date.now() - stats.started - stats.world
})

function urlOf(row: Row) {
  const route = routes.find((candidate) => candidate.id === row.route)
  if (!route) throw new Error(`no route ${row.route} in the build (run \`npx remix build\`)`)
  const url = fillPattern(route.pattern, row.params?.(world) ?? {}) + (row.search?.(world) ?? '')
  // A form of an index route posts to `?index` (Remix's own forms add it): without it the request
  // goes to the layout of the same path (e.g. /staff's console frame), which has no action.
  if (row.method === 'GET' || !route.index) return url
  return url + (url.includes('?') ? '&index' : '?index')
}

function describeBody(row: Row) {
  const body = row.body?.(world)
  return body ? JSON.stringify(body, (_key, value: unknown) => (value instanceof Uint8Array ? `<${value.length} bytes>` : value)) : ''
}

/** What this persona may read in this answer. */
function allowedMarkers(row: Row, persona: Persona, request: string) {
  const allowed = new Set<MarkerKey>(row.only ? row.only(persona) : markersVisibleTo(persona))
  for (const key of row.extraMarkers ?? []) allowed.add(key)
  for (const key of OWN_MARKERS[persona] ?? []) allowed.add(key)
  // What the request itself carries is not a leak when the answer repeats it.
  for (const key of MARKER_KEYS) if (request.includes(world.markers[key])) allowed.add(key)
  return allowed
}

/** A page's title and error code, or the start of a JSON answer: enough to tell what came back. */
function snippet(answer: Answer) {
  if (!answer.text.startsWith('<!DOCTYPE')) return answer.text.replace(/\s+/g, ' ').slice(0, 200)
  const title = /<title>([^<]*)<\/title>/.exec(answer.text)?.[1] ?? ''
  const code = /\\?"code\\?":\\?"(\w+)/.exec(answer.text)?.[1]
  return `page “${title}”${code ? ` (${code})` : ''}`
}

function matchesExpectation(answer: Answer, expectation: Expectation) {
  if (!expectation.status.includes(answer.status)) return false
  return !expectation.location || expectation.location.test(answer.location ?? '')
}

/**
 * One persona's request of a row, and what is wrong with the answer. Writes pass the world's
 * fingerprint from before the request: a refused one must leave it as it was.
 */
async function run(row: Row, persona: Persona, before?: { fingerprint: string }): Promise<string[]> {
  const problems: string[] = []
  const url = urlOf(row)
  const expectation = row.expect[persona]
  const client = row.freshSession && persona !== 'anon' ? await signIn(persona, world.users[persona].email) : clients[persona]
  const token = isApiRow(row) && isOrgPersona(persona) ? world.apiTokens[persona].secret : undefined
  const answer = await client.send(row.method, url, row.body?.(world), token)
  stats.requests++

  if (!matchesExpectation(answer, expectation)) {
    problems.push(
      `status ${answer.status}${answer.location ? ` → ${answer.location}` : ''}, expected ${expectation.status.join('|')}${expectation.location ? ` → ${expectation.location}` : ''}: ${snippet(answer)}`,
    )
  }
  const haystack = `${[...answer.headers].map(([name, value]) => `${name}: ${value}`).join('\n')}\n${answer.text}`.toLowerCase()
  const allowed = allowedMarkers(row, persona, `${url} ${describeBody(row)}`)
  const leaked = MARKER_KEYS.filter((key) => !allowed.has(key) && haystack.includes(world.markers[key]))
  if (leaked.length > 0) problems.push(`leaks ${leaked.join(', ')}`)
  const secrets = new Set(row.extraSecrets?.(world) ?? [])
  const secretLeaks = [...world.secrets, world.invitationToken].filter((secret) => !secrets.has(secret) && haystack.includes(secret.toLowerCase()))
  if (secretLeaks.length > 0) problems.push(`leaks ${secretLeaks.length} secret(s) (API token or invitation link)`)
  const missing = (row.shows?.[persona] ?? []).filter((key) => !haystack.includes(world.markers[key]))
  if (missing.length > 0) problems.push(`does not show ${missing.join(', ')}`)
  if (before) {
    const after = await worldFingerprint()
    const guarded = isRefusal(persona, expectation) || (row.unchanged ?? []).includes(persona)
    if (guarded && after !== before.fingerprint) problems.push(`changed the world although refused (${changedTables(before.fingerprint, after).join(', ')})`)
    before.fingerprint = after
  }
  return problems.map((problem) => `${persona}: ${problem}`)
}

afterAll(async () => {
  // The PDFs this file stored, in its own directory (tests/setup/database.ts).
  const storage = process.env.STORAGE_DIR
  if (storage?.startsWith('.data/test-uploads/')) await rm(storage, { recursive: true, force: true })
  const seconds = ((Date.now() - stats.started) / 1000).toFixed(1)
  console.info(
    `access rules: ${routes.length} routes, ${apiOperations.length} API operations, ${accessTable.length} rows × ${PERSONAS.length} personas, ` +
      `${stats.requests} requests, ${seconds} s (world ${(stats.world / 1000).toFixed(1)} s, sign-in ${(stats.signIn / 1000).toFixed(1)} s)`,
  )
})

describe('access rules', () => {
  test('every route of the build and every API operation has rows', () => {
    const missing: string[] = []
    for (const route of routes) {
      const rows = accessTable.filter((row) => row.route === route.id)
      if (route.hasLoader && !rows.some((row) => row.method === 'GET')) missing.push(`GET ${route.pattern} (${route.id})`)
      if (route.hasAction && !rows.some((row) => row.method !== 'GET')) missing.push(`POST ${route.pattern} (${route.id})`)
    }
    for (const operation of apiOperations) {
      if (!accessTable.some((row) => row.operation === operation.operationId && row.method === operation.method)) {
        missing.push(`${operation.method} /api/v1${operation.path} (${operation.operationId})`)
      }
    }
    const unknown = accessTable.filter((row) => !routes.some((route) => route.id === row.route)).map((row) => row.route)
    // A row that names an operation requests the operation's own path and method.
    const misplaced = accessTable
      .filter((row) => row.operation)
      .filter((row) => {
        const operation = apiOperations.find((candidate) => candidate.operationId === row.operation)!
        const pattern = routes.find((route) => route.id === row.route)?.pattern
        return pattern !== `/api/v1${operation.path.replace(/\{(\w+)\}/g, ':$1')}` || row.method !== operation.method
      })
      .map((row) => `${row.method} ${row.route} [${row.label}] is not ${row.operation}`)
    expect(missing, 'routes or API operations without a row in tests/helpers/access/table.ts').toEqual([])
    expect([...new Set(unknown)], 'rows naming a route the build does not have').toEqual([])
    expect(misplaced, 'rows naming another path’s operation').toEqual([])
  })

  test('every intent of every action has a row (web forms and API bodies)', async () => {
    const missing: string[] = []
    for (const route of routes.filter((candidate) => candidate.hasAction)) {
      const { intents, unresolved } = await intentsOfRoute(route.id)
      for (const value of unresolved) missing.push(`${route.id}: cannot tell the intents of ${value} (tests/helpers/access/intents.ts)`)
      const covered = new Set(accessTable.filter((row) => row.route === route.id && row.method !== 'GET').map((row) => intentOfBody(row.body?.(world))))
      for (const intent of intents) if (!covered.has(intent)) missing.push(`POST ${route.pattern} intent=${intent} (${route.id})`)
    }
    for (const [operationId, intents] of Object.entries(API_INTENTS)) {
      const covered = new Set(accessTable.filter((row) => row.operation === operationId).map((row) => intentOfBody(row.body?.(world))))
      for (const intent of intents) if (!covered.has(intent)) missing.push(`${operationId} intent=${intent}`)
    }
    expect(missing, 'intents without a row in tests/helpers/access/table.ts').toEqual([])
  })

  test('the write fingerprint covers every table of the database', async () => {
    const covered = new Set(await fingerprintedTables())
    const tables = await prisma.$queryRaw<Array<{ name: string }>>`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`
    expect(tables.map((table) => table.name).filter((table) => !(table in IGNORED_TABLES) && !covered.has(table))).toEqual([])
    // One table per model of the Prisma schema, all covered but the rate-limit counters.
    expect(covered.size).toBe(Object.values(Prisma.ModelName).length - 1)
  })

  test('a confidential need before its NDA answers no search on the details it hides', async () => {
    // Firm A reads the confidential need's title, kind, deadline and partner, not its text, budget
    // or sectors: whether the need is in a list must not depend on those. Each pair of searches
    // differs only in a hidden detail of the need (its text, its budget range 20–80 k€, NAF 62.01Z).
    const m = world.markers
    const pairs: Array<[string, string, string]> = [
      ['its description’s words', `q=${m.paInviteBody}`, 'q=mot-absent-de-tous-les-besoins'],
      ['its budget (minimum asked)', 'budgetMin=30000', 'budgetMin=90000'],
      ['its budget (maximum asked)', 'budgetMax=50000', 'budgetMax=10000'],
      ['its sector', 'naf=62', 'naf=01'],
    ]
    const problems: string[] = []
    for (const [what, one, other] of pairs) {
      for (const [surface, path, token] of [
        ['web', '/needs', undefined],
        ['API', '/api/v1/needs', world.apiTokens.firmA.secret],
      ] as const) {
        const listed = async (query: string) => {
          const answer = await clients.firmA.send('GET', `${path}?${query}`, undefined, token)
          stats.requests++
          expect(answer.status, `${path}?${query}`).toBe(200)
          return answer.text.includes(m.paInviteTitle)
        }
        const [first, second] = [await listed(one), await listed(other)]
        if (first !== second) problems.push(`${surface}: listed for ?${one} (${first}) but not for ?${other} (${second}): tells ${what}`)
      }
    }
    // Nor does the list show a match score computed from those details (the need's page shows none).
    const list = await clients.firmA.send('GET', '/api/v1/needs', undefined, world.apiTokens.firmA.secret)
    stats.requests++
    const teaser = (JSON.parse(list.text) as { needs: Array<Record<string, unknown>> }).needs.find((entry) => entry.id === world.needs.invite)
    expect(teaser, 'firm A lists the confidential need it is invited to').toBeDefined()
    const shown = Object.entries(teaser!).filter(([field, value]) => ['summary', 'budgetMinEur', 'budgetMaxEur', 'communeName', 'score'].includes(field) && value !== null && value !== '')
    if (shown.length > 0) problems.push(`API list: the confidential need shows ${shown.map(([field, value]) => `${field}=${String(value)}`).join(', ')} before the NDA`)
    expect(problems).toEqual([])
  })

  for (const row of accessTable) {
    test(`${row.method} ${row.route.replace(/^routes\//, '')} [${row.label}]`, async () => {
      const problems: string[] = []
      if (row.method === 'GET') {
        // Reads change nothing: the personas go at once.
        for (const found of await Promise.all(PERSONAS.map((persona) => run(row, persona)))) problems.push(...found)
      } else {
        // Writes one at a time, each between two fingerprints of the world.
        const before = { fingerprint: await worldFingerprint() }
        for (const persona of PERSONAS) problems.push(...(await run(row, persona, before)))
      }
      expect(problems, `${row.method} ${urlOf(row)} ${describeBody(row)}`.slice(0, 300)).toEqual([])
    })
  }
})
