import { once } from 'node:events'
import pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import { prisma } from '#app/utils/db.server'
import { getEnv } from '#app/utils/env.server'
import { readOpenNeedDocs } from './documents.server'
import { ALGORITHM_VERSION, explainFirms, prepareNeed, rankNeed, type MatchingIndex } from './engine/engine'
import { rebuildFirmIndex } from './firm-index.server'

/**
 * The nightly full refresh at national scale (100 000 firms × 10 000 open needs): one pass over
 * the needs, then set-based writes.
 *
 * 1. **Need pass.** Each open need is ranked once (`rankNeed`, unexplained) for its best
 *    `candidatesPerNeed` firms. Its first `TOP_MATCHES_PER_NEED` are its top (`inNeedTop`, kept
 *    as firm slots); every candidate is offered to its firm's running top (`TOP_MATCHES_PER_FIRM`
 *    needs; one min-heap per firm in flat typed arrays, ordered by score then need id as rankFirm).
 * 2. **Firm tops, the approximation.** A firm's best needs are taken among the needs where it was
 *    one of the `candidatesPerNeed` best firms: a need where it ranks below that many firms can be
 *    missing from its list (rankFirm, which scores every need against the firm, would have it).
 *    With `candidatesPerNeed` at least the number of firms it is exact. The difference is measured
 *    by tests/integration/matching-refresh.test.ts (small corpus, narrow width) and by
 *    `npm run bench:refresh` (sampled firms at full scale).
 * 3. **Rows.** Per need, its top and the firms whose top holds it are explained (`explainFirms`:
 *    only the rows written) and streamed with COPY into a temporary table, with both flags.
 * 4. **Merge**, in one transaction: tops left are cleared on the refreshed needs and firms,
 *    stored pairs get the new score, breakdown, version and tops (status, source and staff
 *    recommendation stay), new pairs are inserted, prunable suggestions go (the rule of scoreNeed /
 *    scoreFirm), `Need.scoredAt` and `Organisation.matchedAt` are set.
 *
 * Memory: the index, the needs, the firm heaps (firms × TOP_MATCHES_PER_FIRM × 12 bytes) and each
 * need's top firm slots; rows are never all held (one need's at a time).
 */

export interface RefreshProgress {
  total: number
  done: number
  needs: number
  firms: number
}

export interface RefreshOptions {
  report?: (progress: RefreshProgress) => Promise<void> | void
  startedById?: string
  now?: Date
  /** How many best firms of each need feed the firms' tops (default CANDIDATES_PER_NEED). */
  candidatesPerNeed?: number
  /** Each phase's duration (benchmarks). */
  log?: (line: string) => void
}

/** How many matches are kept per need: enough for the partner's recommended list. */
export const TOP_MATCHES_PER_NEED = 200
/** How many of its best open needs are kept per firm, whatever their rank among the need's firms. */
export const TOP_MATCHES_PER_FIRM = 50
/** Width of each need's candidate list in the full refresh (see the approximation above). */
export const CANDIDATES_PER_NEED = 1_000

/** The engine's own suggestions nobody acted on and in neither top: the one pruning rule (scoreNeed and scoreFirm use it too). */
export const PRUNABLE = `m.status = 'SUGGESTED' AND m.source = 'ENGINE' AND m."recommendedAt" IS NULL AND NOT m."inNeedTop" AND NOT m."inFirmTop"
  AND NOT EXISTS (SELECT 1 FROM "MatchFeedback" f WHERE f."matchId" = m.id)
  AND NOT EXISTS (SELECT 1 FROM "Application" a WHERE a."needId" = m."needId" AND a."firmId" = m."firmId")`

/** Each firm's best needs so far: one min-heap of `k` (score, need position) per firm slot. */
class FirmTops {
  readonly scores: Float64Array
  readonly needs: Int32Array
  readonly sizes: Uint16Array
  constructor(
    slots: number,
    readonly k: number,
  ) {
    this.scores = new Float64Array(slots * k)
    this.needs = new Int32Array(slots * k)
    this.sizes = new Uint16Array(slots)
  }

  /** Needs are numbered in id order, so a higher position loses a tie (as rankFirm's heap does). */
  private worse(scoreA: number, needA: number, scoreB: number, needB: number) {
    return scoreA < scoreB || (scoreA === scoreB && needA > needB)
  }

  offer(slot: number, score: number, need: number) {
    const { k, scores, needs } = this
    if (k === 0) return
    const base = slot * k
    const size = this.sizes[slot]
    if (size < k) {
      let at = size
      this.sizes[slot] = size + 1
      while (at > 0) {
        const parent = (at - 1) >> 1
        if (!this.worse(score, need, scores[base + parent], needs[base + parent])) break
        scores[base + at] = scores[base + parent]
        needs[base + at] = needs[base + parent]
        at = parent
      }
      scores[base + at] = score
      needs[base + at] = need
      return
    }
    if (!this.worse(scores[base], needs[base], score, need)) return
    let at = 0
    for (;;) {
      const left = 2 * at + 1
      if (left >= k) break
      let child = left
      if (left + 1 < k && this.worse(scores[base + left + 1], needs[base + left + 1], scores[base + left], needs[base + left])) child = left + 1
      if (!this.worse(scores[base + child], needs[base + child], score, need)) break
      scores[base + at] = scores[base + child]
      needs[base + at] = needs[base + child]
      at = child
    }
    scores[base + at] = score
    needs[base + at] = need
  }

  /** For each need position, the firm slots whose top holds it (compressed rows). */
  byNeed(needCount: number) {
    const counts = new Int32Array(needCount + 1)
    for (let slot = 0; slot < this.sizes.length; slot++) {
      for (let entry = 0; entry < this.sizes[slot]; entry++) counts[this.needs[slot * this.k + entry] + 1]++
    }
    for (let need = 0; need < needCount; need++) counts[need + 1] += counts[need]
    const offsets = counts.slice()
    const slots = new Int32Array(counts[needCount])
    for (let slot = 0; slot < this.sizes.length; slot++) {
      for (let entry = 0; entry < this.sizes[slot]; entry++) slots[offsets[this.needs[slot * this.k + entry]]++] = slot
    }
    return { offsets: counts, slots }
  }
}

/** COPY text format: backslashes doubled (JSON never holds a raw tab or newline). */
function copyText(value: string) {
  return value.replace(/\\/g, '\\\\')
}

/** A COPY … FROM STDIN stream written chunk by chunk, waiting when PostgreSQL lags behind. */
async function copyInto(client: pg.Client, sql: string, produce: (write: (chunk: string) => Promise<void>) => Promise<void>) {
  const stream = client.query(copyFrom(sql))
  let failure: unknown = null
  stream.on('error', (error) => (failure = error))
  const write = async (chunk: string) => {
    if (failure) throw failure
    if (chunk.length > 0 && !stream.write(chunk)) await Promise.race([once(stream, 'drain'), once(stream, 'error')])
    if (failure) throw failure
  }
  try {
    await produce(write)
  } catch (error) {
    stream.destroy(error as Error)
    throw error
  }
  stream.end()
  await once(stream, 'finish').catch((error: unknown) => {
    throw failure ?? error
  })
  if (failure) throw failure
  return stream.rowCount
}

function rowLine(needId: string, firmId: string, score: number, breakdown: unknown, inNeedTop: boolean, inFirmTop: boolean) {
  return `${needId}\t${firmId}\t${score}\t${copyText(JSON.stringify(breakdown))}\t${inNeedTop ? 't' : 'f'}\t${inFirmTop ? 't' : 'f'}\n`
}

/**
 * Rebuilds this process's firm index from the database, ranks every open need once, derives each
 * verified firm's best needs from those rankings, and writes the matches in one set-based merge.
 * Progress (MatchingRun, shown to staff, and `report`, the job's): `total` = needs + firms; the
 * need pass counts the needs, the firm tops' explanation the firms (pro rata of the needs done),
 * the merge the last one. A run left RUNNING by a stopped worker is marked FAILED when the next
 * one starts.
 */
export async function refreshAllMatches(options: RefreshOptions = {}) {
  const now = options.now ?? new Date()
  const width = Math.max(1, options.candidatesPerNeed ?? CANDIDATES_PER_NEED)
  await prisma.matchingRun.updateMany({ where: { status: 'RUNNING' }, data: { status: 'FAILED', error: 'interrupted', finishedAt: now } })
  const run = await prisma.matchingRun.create({ data: { algorithmVersion: ALGORITHM_VERSION, startedById: options.startedById ?? null } })
  const client = new pg.Client({ connectionString: getEnv().DATABASE_URL, options: '-c jit=off' })
  let connected = false
  let phase = performance.now()
  const timed = (label: string) => {
    options.log?.(`${label}: ${((performance.now() - phase) / 1000).toFixed(1)} s`)
    phase = performance.now()
  }
  try {
    const index = await rebuildFirmIndex()
    const needs = (await readOpenNeedDocs()).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    const firmIds = liveFirmIds(index)
    const progress: RefreshProgress = { total: needs.length + firmIds.length, done: 0, needs: needs.length, firms: firmIds.length }
    await prisma.matchingRun.update({ where: { id: run.id }, data: { total: progress.total, needs: needs.length, firms: firmIds.length } })
    let written = 0
    let reported = performance.now()
    const report = async (done: number, force = false) => {
      progress.done = done
      if (force || performance.now() - reported > 1_000) {
        reported = performance.now()
        await prisma.matchingRun.update({ where: { id: run.id }, data: { done: progress.done, matchesWritten: written } })
        await options.report?.({ ...progress })
      }
    }

    timed(`index of ${firmIds.length} firms built, ${needs.length} needs read`)
    await client.connect()
    connected = true
    await client.query(`SET synchronous_commit = off; SET work_mem = '256MB'`)
    await client.query(`DROP TABLE IF EXISTS refresh_rows, refresh_needs, refresh_firms`)
    await client.query(`CREATE TEMP TABLE refresh_rows ("needId" text NOT NULL, "firmId" text NOT NULL, score float8 NOT NULL, breakdown jsonb NOT NULL, "inNeedTop" boolean NOT NULL, "inFirmTop" boolean NOT NULL)`)
    await client.query(`CREATE TEMP TABLE refresh_needs (id text PRIMARY KEY)`)
    await client.query(`CREATE TEMP TABLE refresh_firms (id text PRIMARY KEY)`)

    // 1. The need pass: rank (unexplained), keep each need's top firms, feed the firms' tops.
    const tops = new FirmTops(index.firmIds.length, TOP_MATCHES_PER_FIRM)
    const needTops: Int32Array[] = new Array(needs.length)
    for (let position = 0; position < needs.length; position++) {
      const ranked = rankNeed(index, prepareNeed(needs[position]), { now, top: Math.max(TOP_MATCHES_PER_NEED, width), explain: false })
      const top = Math.min(TOP_MATCHES_PER_NEED, ranked.length)
      const topSlots = new Int32Array(top)
      for (let rank = 0; rank < ranked.length; rank++) {
        const slot = index.slotOf.get(ranked[rank].firmId)!
        if (rank < top) topSlots[rank] = slot
        if (rank < width) tops.offer(slot, ranked[rank].score, position)
      }
      needTops[position] = topSlots
      await report(position + 1)
      // Let the progress writes and the job's lock renewal through.
      if (position % 50 === 49) await new Promise((resolve) => setImmediate(resolve))
    }
    timed('need pass (ranked)')

    // 2. Each need's rows (its top, and the firms whose top holds it), explained and staged with
    // both flags; PostgreSQL ingests while the next needs are explained.
    const { offsets, slots } = tops.byNeed(needs.length)
    const flags = new Uint8Array(index.firmIds.length)
    written += await copyInto(client, `COPY refresh_rows FROM STDIN`, async (write) => {
      for (let position = 0; position < needs.length; position++) {
        const chosen: string[] = []
        for (const slot of needTops[position]) {
          flags[slot] = 1
          chosen.push(index.firmIds[slot])
        }
        for (let at = offsets[position]; at < offsets[position + 1]; at++) {
          if (flags[slots[at]] === 0) chosen.push(index.firmIds[slots[at]])
          flags[slots[at]] |= 2
        }
        let chunk = ''
        const needId = needs[position].id
        for (const match of explainFirms(index, prepareNeed(needs[position]), chosen, { now })) {
          const slot = index.slotOf.get(match.firmId)!
          chunk += rowLine(needId, match.firmId, match.score, { features: match.breakdown, reasons: match.reasons }, (flags[slot] & 1) === 1, (flags[slot] & 2) === 2)
        }
        for (const slot of needTops[position]) flags[slot] = 0
        for (let at = offsets[position]; at < offsets[position + 1]; at++) flags[slots[at]] = 0
        await write(chunk)
        await report(needs.length + Math.floor((firmIds.length * (position + 1)) / Math.max(1, needs.length)) - (position + 1 === needs.length ? 1 : 0))
      }
    })
    timed('tops explained and staged')
    await copyInto(client, `COPY refresh_needs FROM STDIN`, async (write) => write(needs.map((need) => `${need.id}\n`).join('')))
    await copyInto(client, `COPY refresh_firms FROM STDIN`, async (write) => {
      for (let at = 0; at < firmIds.length; at += 10_000) await write(firmIds.slice(at, at + 10_000).map((id) => `${id}\n`).join(''))
    })

    timed('keys staged')
    // 3. The merge, in one transaction.
    await mergeStaged(client, now, (label) => timed(label))
    await prisma.matchingRun.update({ where: { id: run.id }, data: { status: 'COMPLETED', done: progress.total, matchesWritten: written, finishedAt: new Date() } })
    progress.done = progress.total
    await options.report?.({ ...progress })
    return { runId: run.id, ...progress, matchesWritten: written }
  } catch (error) {
    await prisma.matchingRun.update({ where: { id: run.id }, data: { status: 'FAILED', error: String(error).slice(0, 500), finishedAt: new Date() } })
    throw error
  } finally {
    if (connected) await client.end().catch(() => {})
  }
}

function liveFirmIds(index: MatchingIndex) {
  const ids: string[] = []
  for (let slot = 0; slot < index.firmIds.length; slot++) {
    const id = index.firmIds[slot]
    if (index.slotOf.get(id) === slot) ids.push(id)
  }
  return ids
}

async function mergeStaged(client: pg.Client, now: Date, timed: (label: string) => void) {
  const q = async (sql: string, params?: unknown[]) => {
    await client.query(sql, params)
    timed(`  ${sql.replace(/\s+/g, ' ').slice(0, 60)}`)
  }
  // Fresh statistics: an empty or stale Match table's would make the planner scan it per row.
  await q(`ANALYZE refresh_rows; ANALYZE refresh_needs; ANALYZE refresh_firms; ANALYZE "Match"`)
  await q('BEGIN')
  try {
    // Tops left: the refreshed needs' firms and the refreshed firms' needs that were not staged.
    await q(`UPDATE "Match" m SET "inNeedTop" = false
      WHERE m."inNeedTop" AND m."needId" IN (SELECT id FROM refresh_needs)
        AND NOT EXISTS (SELECT 1 FROM refresh_rows s WHERE s."needId" = m."needId" AND s."firmId" = m."firmId" AND s."inNeedTop")`)
    await q(`UPDATE "Match" m SET "inFirmTop" = false
      WHERE m."inFirmTop" AND m."firmId" IN (SELECT id FROM refresh_firms)
        AND NOT EXISTS (SELECT 1 FROM refresh_rows s WHERE s."needId" = m."needId" AND s."firmId" = m."firmId" AND s."inFirmTop")`)
    // Stored pairs: new score, breakdown, version and tops; status, source, recommendation stay.
    await q(
      `UPDATE "Match" m SET score = s.score, breakdown = s.breakdown, "algorithmVersion" = $1, "inNeedTop" = s."inNeedTop", "inFirmTop" = s."inFirmTop", "computedAt" = $2, "updatedAt" = $2
       FROM refresh_rows s WHERE m."needId" = s."needId" AND m."firmId" = s."firmId"`,
      [ALGORITHM_VERSION, now],
    )
    // New pairs (firms and needs deleted meanwhile skipped; the pairs just updated, and a pair
    // stored meanwhile by a job, stay as they are: the unique index answers, no growing anti-join).
    await q(
      `INSERT INTO "Match" (id, "needId", "firmId", score, breakdown, "algorithmVersion", status, "inNeedTop", "inFirmTop", "computedAt", "updatedAt")
       SELECT gen_random_uuid()::text, s."needId", s."firmId", s.score, s.breakdown, $1, 'SUGGESTED', s."inNeedTop", s."inFirmTop", $2, $2
       FROM refresh_rows s
       JOIN "Organisation" o ON o.id = s."firmId"
       JOIN "Need" n ON n.id = s."needId"
       ON CONFLICT ("needId", "firmId") DO NOTHING`,
      [ALGORITHM_VERSION, now],
    )
    await q(`DELETE FROM "Match" m WHERE (m."needId" IN (SELECT id FROM refresh_needs) OR m."firmId" IN (SELECT id FROM refresh_firms)) AND ${PRUNABLE}`)
    // Raw: scoring is not an edit, `updatedAt` stays.
    await q(`UPDATE "Need" SET "scoredAt" = $1 WHERE id IN (SELECT id FROM refresh_needs)`, [now])
    await q(`UPDATE "Organisation" SET "matchedAt" = $1 WHERE id IN (SELECT id FROM refresh_firms)`, [now])
    await q('COMMIT')
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {})
    throw error
  }
  await q(`DROP TABLE IF EXISTS refresh_rows, refresh_needs, refresh_firms`)
}
