import { communeByInsee, distanceKm, type Commune } from '../../geo/communes'
import { DEFAULT_BM25, lengthNorm, type Bm25Params } from './bm25'
import { responsiveness, skillWeight, trackRecord } from './features'
import { analyseFirm } from './documents'
import { REVENUE_BANDS, type DeclineSignals, type FirmDoc, type RevenueBand } from './types'

/**
 * The inverted index of the firm corpus, in compact structures:
 *
 * - dictionaries: term → id and skill tag key → id (`Map<string, number>`), document frequencies
 *   in Int32Arrays;
 * - postings in CSR form, built once: `offsets[t]..offsets[t + 1]` into one Int32Array of firm
 *   slots and one Uint16Array of (weighted) term frequencies, sorted by slot; skill postings alike;
 * - per-firm columns in typed arrays (document length, BM25 length norm, home hub, headcount,
 *   revenue band, founding year, commune, up to 4 NAF codes, track record, responsiveness,
 *   intervention radius and départements), so the ranking loop reads numbers, never objects;
 * - the distinct communes of the indexed firms (`communeList`, a few thousand at most, ≤ 35 000):
 *   a firm's commune is an id in that list, and a ranking computes distances from the need's
 *   commune only for the communes of the candidates it evaluates, memoised in a row over this list
 *   per origin, the rows kept in a bounded LRU (16 MB): memory is O(distinct firm communes) per
 *   origin and bounded overall, never O(all communes) per need;
 * - a forward index per firm (its sorted term ids and frequencies, its skill ids), used to remove a
 *   firm, to rebuild the postings, to explain a match and to score one firm against many needs.
 *
 * Incremental updates: `upsertFirm` tombstones the firm's old slot (alive = 0, document frequencies
 * and lengths decremented at once, so statistics are always exact) and appends a new slot whose
 * postings go to small per-term delta lists; `removeFirm` only tombstones. Queries read the CSR
 * postings, then the delta lists, and skip dead slots. `compact()` rebuilds the CSR postings from
 * the forward index of the live firms (renumbering slots); it runs by itself when tombstones or
 * delta postings pass 20 % of the index (and a nightly full rebuild is cheap: see the benchmark).
 */
export interface IndexOptions {
  bm25?: Partial<Bm25Params>
  /** Compact automatically when tombstones or delta postings pass this share (default 0.2; 0 disables). */
  autoCompactRatio?: number
  /** Keep dense term frequencies for terms in more than this share of the firms (default 0.02). */
  denseTermShare?: number
}

export const MAX_NAF_PER_FIRM = 4
/** Memory bound of the per-origin distance rows (see MatchingIndex.kmOf). */
const KM_CACHE_BYTES = 16 * 1024 * 1024
const BAND_INDEX = new Map<RevenueBand, number>(REVENUE_BANDS.map((band, index) => [band, index]))

class PostingLists {
  baseTerms = 0
  offsets = new Int32Array(1)
  docs = new Int32Array(0)
  tfs = new Uint16Array(0)
  deltaDocs: Array<number[] | undefined> = []
  deltaTfs: Array<number[] | undefined> = []
  deltaSize = 0

  add(term: number, slot: number, tf: number) {
    ;(this.deltaDocs[term] ??= []).push(slot)
    ;(this.deltaTfs[term] ??= []).push(tf)
    this.deltaSize++
  }

  /** Replaces everything with CSR postings built from per-slot term lists (slots in order). */
  rebuild(termCount: number, slots: number, termsOf: (slot: number) => Int32Array, tfsOf: ((slot: number) => Uint16Array) | null) {
    const counts = new Int32Array(termCount + 1)
    for (let slot = 0; slot < slots; slot++) {
      const terms = termsOf(slot)
      for (let index = 0; index < terms.length; index++) counts[terms[index] + 1]++
    }
    for (let term = 0; term < termCount; term++) counts[term + 1] += counts[term]
    const offsets = counts
    const total = offsets[termCount]
    const docs = new Int32Array(total)
    const tfs = new Uint16Array(tfsOf ? total : 0)
    const cursor = offsets.slice(0, termCount)
    for (let slot = 0; slot < slots; slot++) {
      const terms = termsOf(slot)
      const frequencies = tfsOf ? tfsOf(slot) : null
      for (let index = 0; index < terms.length; index++) {
        const position = cursor[terms[index]]++
        docs[position] = slot
        if (frequencies) tfs[position] = frequencies[index]
      }
    }
    this.baseTerms = termCount
    this.offsets = offsets
    this.docs = docs
    this.tfs = tfs
    this.deltaDocs = []
    this.deltaTfs = []
    this.deltaSize = 0
  }

  get size() {
    return this.docs.length + this.deltaSize
  }
}

function grow<T extends Int32Array | Uint8Array | Int8Array | Float64Array | Uint16Array | Uint32Array>(array: T, capacity: number, fill?: number): T {
  if (array.length >= capacity) return array
  const next = new (array.constructor as new (length: number) => T)(Math.max(capacity, array.length * 2, 16))
  next.set(array)
  if (fill !== undefined) next.fill(fill, array.length)
  return next
}

export class MatchingIndex {
  readonly bm25: Bm25Params
  private readonly autoCompactRatio: number

  // dictionaries
  readonly termIds = new Map<string, number>()
  readonly terms: string[] = []
  termDf = new Int32Array(1024)
  readonly skillIds = new Map<string, number>()
  readonly skillKeys: string[] = []
  skillDf = new Int32Array(256)
  readonly hubIds = new Map<string, number>()
  readonly hubNames: string[] = []
  readonly nafIds = new Map<string, number>()
  readonly nafCodes: string[] = []
  /** The distinct communes of the indexed firms (ids only grow; a compaction keeps them). */
  readonly communeIds = new Map<string, number>()
  readonly communeList: Commune[] = []
  /** Départements named in the firms' intervention areas. */
  readonly deptIds = new Map<string, number>()
  readonly deptCodes: string[] = []

  // slots (a firm's row; a replaced or removed firm leaves a dead slot until compaction)
  slotCount = 0
  firmIds: string[] = []
  readonly slotOf = new Map<string, number>()
  alive = new Uint8Array(0)
  verified = new Uint8Array(0)
  hub = new Int32Array(0)
  headcount = new Int32Array(0)
  band = new Int8Array(0)
  founded = new Int32Array(0)
  /** Id in `communeList`, −1 when unknown. */
  commune = new Int32Array(0)
  /** Declared intervention radius in km (0: none). */
  areaRadius = new Float64Array(0)
  /** Declared intervention départements (ids in `deptCodes`), undefined when none. */
  areaDepts: Array<Uint16Array | undefined> = []
  naf = new Int32Array(0)
  track = new Float64Array(0)
  respond = new Float64Array(0)
  /** Decline signals (scope, capacity, distance) per slot, 0 when none (see FirmDoc.declineSignals). */
  declines = new Float64Array(0)
  deals = new Int32Array(0)
  refs = new Int32Array(0)
  docLength = new Float64Array(0)
  norm = new Float64Array(0)
  fwdTerms: Int32Array[] = []
  fwdTfs: Uint16Array[] = []
  fwdSkills: Int32Array[] = []

  /**
   * Per term, the largest BM25 tf factor tf·(k1 + 1)/(tf + norm) among its postings, computed with
   * the average length `impactAverageLength`; a ranking bounds a term's contribution by
   * w·idf·maxImpact (× the growth of the average length since, which can only raise factors).
   */
  maxImpact = new Float64Array(1024)
  impactAverageLength = 0
  /**
   * Dense term frequencies by slot (Uint8Array; 255 means "255 or more, read the forward index")
   * for the terms found in more than `denseTermShare` of the firms at the last compaction: a
   * ranking reads such a term's frequency in O(1) instead of a binary search in the forward index.
   * One byte per firm and frequent term (a few hundred terms).
   */
  denseTf: Array<Uint8Array | undefined> = []
  private readonly denseTermShare: number
  readonly text = new PostingLists()
  readonly skills = new PostingLists()

  liveCount = 0
  totalLength = 0
  deadCount = 0
  /** Bumped by every change; the length norms are recomputed when it moved. */
  private version = 0
  private normsVersion = -1

  // per-query scratch (the engine is single-threaded: one ranking at a time)
  acc = new Float64Array(0)
  skillAcc = new Float64Array(0)
  seen = new Uint8Array(0)
  touched = new Int32Array(0)
  /**
   * km from an origin commune to the index's communes (by commune id; NaN: not computed yet),
   * filled lazily by the rankings from that origin, for the most recently used origins: a bounded
   * LRU of at most KM_CACHE_BYTES (16 MB) whatever the number of needs.
   */
  private readonly kmRows = new Map<string, Float64Array<ArrayBuffer>>()
  private kmRow: Float64Array<ArrayBuffer> = new Float64Array(0)
  private kmOrigin: Commune | null = null

  constructor(options: IndexOptions = {}) {
    this.bm25 = { ...DEFAULT_BM25, ...options.bm25 }
    this.autoCompactRatio = options.autoCompactRatio ?? 0.2
    this.denseTermShare = options.denseTermShare ?? 0.02
  }

  static build(firms: Iterable<FirmDoc>, options: IndexOptions = {}) {
    const index = new MatchingIndex(options)
    for (const firm of firms) {
      if (index.slotOf.has(firm.id)) index.removeSlot(index.slotOf.get(firm.id)!)
      index.appendSlot(firm, false)
    }
    index.compact()
    return index
  }

  get size() {
    return this.liveCount
  }

  get averageLength() {
    return this.liveCount > 0 ? this.totalLength / this.liveCount : 0
  }

  has(firmId: string) {
    return this.slotOf.has(firmId)
  }

  /** Adds a firm, or replaces it after a profile edit (its old slot becomes a tombstone). */
  upsertFirm(firm: FirmDoc) {
    const previous = this.slotOf.get(firm.id)
    if (previous !== undefined) this.removeSlot(previous)
    this.appendSlot(firm, true)
    this.maybeCompact()
  }

  /** Removes a firm (unverified, deleted): a tombstone until the next compaction. */
  removeFirm(firmId: string) {
    const slot = this.slotOf.get(firmId)
    if (slot === undefined) return false
    this.removeSlot(slot)
    this.maybeCompact()
    return true
  }

  /** The document frequency of a term (0 when unknown). */
  df(term: string) {
    const id = this.termIds.get(term)
    return id === undefined ? 0 : this.termDf[id]
  }

  skillDfOf(key: string) {
    const id = this.skillIds.get(key)
    return id === undefined ? 0 : this.skillDf[id]
  }

  skillWeightOf(key: string) {
    return skillWeight(this.liveCount, this.skillDfOf(key))
  }

  /** The term frequency of a term in a slot's document (dense array, else binary search in its forward index). */
  tf(slot: number, termId: number) {
    const dense = this.denseTf[termId]
    if (dense !== undefined && dense[slot] < 255) return dense[slot]
    const terms = this.fwdTerms[slot]
    let low = 0
    let high = terms.length - 1
    while (low <= high) {
      const middle = (low + high) >> 1
      const value = terms[middle]
      if (value === termId) return this.fwdTfs[slot][middle]
      if (value < termId) low = middle + 1
      else high = middle - 1
    }
    return 0
  }

  hasSkill(slot: number, skillId: number) {
    const skills = this.fwdSkills[slot]
    for (let index = 0; index < skills.length; index++) if (skills[index] === skillId) return true
    return false
  }

  communeOf(slot: number): Commune | null {
    const index = this.commune[slot]
    return index >= 0 ? this.communeList[index] : null
  }

  interventionDepartementsOf(slot: number): string[] | null {
    const depts = this.areaDepts[slot]
    return depts ? Array.from(depts, (id) => this.deptCodes[id]) : null
  }

  /** Starts a ranking from `origin`: `kmOf` then answers from that origin's row (LRU). */
  beginDistances(origin: Commune | null) {
    this.kmOrigin = origin
    if (!origin) {
      this.kmRow = new Float64Array(0)
      return
    }
    const size = this.communeList.length
    let row = this.kmRows.get(origin.insee)
    if (row) this.kmRows.delete(origin.insee)
    else row = new Float64Array(Math.max(16, size)).fill(Number.NaN)
    if (row.length < size) {
      const longer = new Float64Array(size * 2).fill(Number.NaN)
      longer.set(row)
      row = longer
    }
    this.kmRows.set(origin.insee, row)
    const maxRows = Math.max(4, Math.floor(KM_CACHE_BYTES / (8 * Math.max(16, size))))
    for (const key of this.kmRows.keys()) {
      if (this.kmRows.size <= maxRows) break
      this.kmRows.delete(key)
    }
    this.kmRow = row
  }

  /** km from the origin given to beginDistances to commune id `id`: exactly distanceKm, computed once per origin while cached. */
  kmOf(id: number) {
    const cached = this.kmRow[id]
    if (cached === cached) return cached
    const km = distanceKm(this.kmOrigin!, this.communeList[id])
    this.kmRow[id] = km
    return km
  }

  bandOf(slot: number): RevenueBand | null {
    const index = this.band[slot]
    return index >= 0 ? REVENUE_BANDS[index] : null
  }

  nafCodesOf(slot: number) {
    const codes: string[] = []
    for (let index = 0; index < MAX_NAF_PER_FIRM; index++) {
      const id = this.naf[slot * MAX_NAF_PER_FIRM + index]
      if (id >= 0) codes.push(this.nafCodes[id])
    }
    return codes
  }

  /** BM25 length norms for the current average length (recomputed lazily after changes). */
  ensureNorms() {
    if (this.normsVersion === this.version) return
    const average = this.averageLength
    for (let slot = 0; slot < this.slotCount; slot++) this.norm[slot] = lengthNorm(this.docLength[slot], average, this.bm25)
    this.normsVersion = this.version
  }

  /** Rebuilds the CSR postings from the live firms' forward index, renumbering slots. */
  compact() {
    const keep: number[] = []
    for (let slot = 0; slot < this.slotCount; slot++) if (this.alive[slot]) keep.push(slot)
    if (keep.length !== this.slotCount) this.renumber(keep)
    this.text.rebuild(this.terms.length, this.slotCount, (slot) => this.fwdTerms[slot], (slot) => this.fwdTfs[slot])
    this.skills.rebuild(this.skillKeys.length, this.slotCount, (slot) => this.fwdSkills[slot], null)
    this.version++
    this.ensureNorms()
    const k1p1 = this.bm25.k1 + 1
    this.maxImpact = new Float64Array(Math.max(1024, this.terms.length))
    for (let slot = 0; slot < this.slotCount; slot++) {
      const terms = this.fwdTerms[slot]
      const tfs = this.fwdTfs[slot]
      const norm = this.norm[slot]
      for (let index = 0; index < terms.length; index++) {
        const impact = (tfs[index] * k1p1) / (tfs[index] + norm)
        if (impact > this.maxImpact[terms[index]]) this.maxImpact[terms[index]] = impact
      }
    }
    this.impactAverageLength = this.averageLength
    this.denseTf = []
    const denseDf = Math.max(1, this.denseTermShare * this.liveCount)
    for (let termId = 0; termId < this.terms.length; termId++) {
      if (this.termDf[termId] > denseDf) this.denseTf[termId] = new Uint8Array(this.alive.length)
    }
    for (let slot = 0; slot < this.slotCount; slot++) {
      const terms = this.fwdTerms[slot]
      for (let index = 0; index < terms.length; index++) {
        const dense = this.denseTf[terms[index]]
        if (dense !== undefined) dense[slot] = Math.min(255, this.fwdTfs[slot][index])
      }
    }
  }

  /** Statistics a single pair is scored with (see scoreMatch). */
  corpusStats(): CorpusStats {
    return {
      firmCount: this.liveCount,
      averageLength: this.averageLength,
      bm25: this.bm25,
      termDf: (term) => this.df(term),
      skillDf: (key) => this.skillDfOf(key),
    }
  }

  private maybeCompact() {
    if (this.autoCompactRatio <= 0) return
    const dead = this.deadCount > 64 && this.deadCount > this.autoCompactRatio * this.slotCount
    const delta = this.text.deltaSize > 4096 && this.text.deltaSize > this.autoCompactRatio * this.text.docs.length
    if (dead || delta) this.compact()
  }

  private termId(term: string) {
    let id = this.termIds.get(term)
    if (id === undefined) {
      id = this.terms.length
      this.terms.push(term)
      this.termIds.set(term, id)
      this.termDf = grow(this.termDf, id + 1)
      this.maxImpact = grow(this.maxImpact, id + 1)
    }
    return id
  }

  /** Upper bound of the tf factor of a term in any live document, for the current average length. */
  impactBound(termId: number) {
    const growth = this.impactAverageLength > 0 ? Math.max(1, this.averageLength / this.impactAverageLength) : 1
    return Math.min(this.bm25.k1 + 1, this.maxImpact[termId] * growth)
  }

  private skillId(key: string) {
    let id = this.skillIds.get(key)
    if (id === undefined) {
      id = this.skillKeys.length
      this.skillKeys.push(key)
      this.skillIds.set(key, id)
      this.skillDf = grow(this.skillDf, id + 1)
    }
    return id
  }

  private communeId(commune: Commune) {
    let id = this.communeIds.get(commune.insee)
    if (id === undefined) {
      id = this.communeList.length
      this.communeList.push(communeByInsee(commune.insee) ?? commune)
      this.communeIds.set(commune.insee, id)
    }
    return id
  }

  private dictionaryId(map: Map<string, number>, list: string[], value: string) {
    let id = map.get(value)
    if (id === undefined) {
      id = list.length
      list.push(value)
      map.set(value, id)
    }
    return id
  }

  private ensureCapacity(slots: number) {
    if (this.alive.length >= slots) return
    this.alive = grow(this.alive, slots)
    const capacity = this.alive.length
    this.verified = grow(this.verified, capacity)
    this.hub = grow(this.hub, capacity, -1)
    this.headcount = grow(this.headcount, capacity, -1)
    this.band = grow(this.band, capacity, -1)
    this.founded = grow(this.founded, capacity)
    this.commune = grow(this.commune, capacity, -1)
    this.areaRadius = grow(this.areaRadius, capacity)
    this.naf = grow(this.naf, capacity * MAX_NAF_PER_FIRM, -1)
    this.track = grow(this.track, capacity)
    this.respond = grow(this.respond, capacity)
    this.declines = grow(this.declines, capacity * 3)
    this.deals = grow(this.deals, capacity)
    this.refs = grow(this.refs, capacity)
    this.docLength = grow(this.docLength, capacity)
    this.norm = grow(this.norm, capacity)
    this.denseTf.forEach((dense, termId) => {
      if (dense) this.denseTf[termId] = grow(dense, capacity)
    })
    this.acc = grow(this.acc, capacity)
    this.skillAcc = grow(this.skillAcc, capacity)
    this.seen = grow(this.seen, capacity)
    this.touched = grow(this.touched, capacity)
  }

  private appendSlot(firm: FirmDoc, withDelta: boolean) {
    const analysed = analyseFirm(firm)
    const slot = this.slotCount++
    this.ensureCapacity(this.slotCount)
    this.firmIds[slot] = firm.id
    this.slotOf.set(firm.id, slot)

    const entries: Array<[number, number]> = []
    for (const [term, count] of analysed.counts) entries.push([this.termId(term), Math.min(count, 65_535)])
    entries.sort((a, b) => a[0] - b[0])
    const termIds = new Int32Array(entries.length)
    const tfs = new Uint16Array(entries.length)
    // A document added after the last compaction: its own factors, at the smallest norm it can
    // ever have (b·dl/avgdl → 0 bounds it whatever the average length becomes).
    const k1p1 = this.bm25.k1 + 1
    const smallestNorm = this.bm25.k1 * (1 - this.bm25.b)
    entries.forEach(([id, tf], index) => {
      termIds[index] = id
      tfs[index] = tf
      this.termDf[id]++
      const dense = this.denseTf[id]
      if (dense !== undefined) dense[slot] = Math.min(255, tf)
      if (withDelta) {
        this.text.add(id, slot, tf)
        const impact = (tf * k1p1) / (tf + smallestNorm)
        if (impact > this.maxImpact[id]) this.maxImpact[id] = impact
      }
    })
    const skillIds = new Int32Array(analysed.skills.map((skill) => this.skillId(skill.key)))
    for (const id of skillIds) {
      this.skillDf[id]++
      if (withDelta) this.skills.add(id, slot, 1)
    }
    this.fwdTerms[slot] = termIds
    this.fwdTfs[slot] = tfs
    this.fwdSkills[slot] = skillIds

    this.alive[slot] = 1
    this.verified[slot] = firm.verified ? 1 : 0
    this.hub[slot] = firm.homeHubId ? this.dictionaryId(this.hubIds, this.hubNames, firm.homeHubId) : -1
    this.headcount[slot] = typeof firm.headcount === 'number' && firm.headcount >= 0 ? firm.headcount : -1
    this.band[slot] = firm.revenueBand ? (BAND_INDEX.get(firm.revenueBand) ?? -1) : -1
    this.founded[slot] = firm.foundedYear ?? 0
    this.commune[slot] = analysed.commune ? this.communeId(analysed.commune) : -1
    const radius = firm.interventionRadiusKm
    this.areaRadius[slot] = typeof radius === 'number' && Number.isFinite(radius) && radius > 0 ? radius : 0
    const depts = [...new Set((firm.interventionDepartements ?? []).map((code) => code.trim().toUpperCase()).filter(Boolean))]
    this.areaDepts[slot] = depts.length > 0 ? Uint16Array.from(depts, (code) => this.dictionaryId(this.deptIds, this.deptCodes, code)) : undefined
    analysed.nafCodes.slice(0, MAX_NAF_PER_FIRM).forEach((code, index) => {
      this.naf[slot * MAX_NAF_PER_FIRM + index] = this.dictionaryId(this.nafIds, this.nafCodes, code)
    })
    this.deals[slot] = Math.max(0, firm.dealsWon ?? 0)
    this.refs[slot] = analysed.referenceCount
    this.track[slot] = trackRecord(firm.dealsWon, analysed.referenceCount)
    this.respond[slot] = responsiveness(firm.responsiveness)
    const declines = firm.declineSignals
    this.declines[slot * 3] = declines?.scope ?? 0
    this.declines[slot * 3 + 1] = declines?.capacity ?? 0
    this.declines[slot * 3 + 2] = declines?.distance ?? 0
    this.docLength[slot] = analysed.length
    this.liveCount++
    this.totalLength += analysed.length
    this.version++
  }

  private removeSlot(slot: number) {
    if (!this.alive[slot]) return
    this.alive[slot] = 0
    for (const id of this.fwdTerms[slot]) this.termDf[id]--
    for (const id of this.fwdSkills[slot]) this.skillDf[id]--
    this.liveCount--
    this.totalLength -= this.docLength[slot]
    this.deadCount++
    this.version++
    if (this.slotOf.get(this.firmIds[slot]) === slot) this.slotOf.delete(this.firmIds[slot])
  }

  /** A slot's decline signals, null when it has none. */
  declinesOf(slot: number): DeclineSignals | null {
    const scope = this.declines[slot * 3]
    const capacity = this.declines[slot * 3 + 1]
    const distance = this.declines[slot * 3 + 2]
    return scope === 0 && capacity === 0 && distance === 0 ? null : { scope, capacity, distance }
  }

  /** Keeps the given slots, in order, as slots 0..n−1. */
  private renumber(keep: number[]) {
    const count = keep.length
    const pick = <T extends Int32Array | Uint8Array | Int8Array | Float64Array>(array: T, width = 1, fill = 0): T => {
      const next = new (array.constructor as new (length: number) => T)(Math.max(16, count * width))
      if (width === 1) keep.forEach((slot, index) => (next[index] = array[slot]))
      else keep.forEach((slot, index) => next.set(array.subarray(slot * width, slot * width + width), index * width))
      if (fill !== 0) next.fill(fill, count * width)
      return next
    }
    this.verified = pick(this.verified)
    this.hub = pick(this.hub, 1, -1)
    this.headcount = pick(this.headcount, 1, -1)
    this.band = pick(this.band, 1, -1)
    this.founded = pick(this.founded)
    this.commune = pick(this.commune, 1, -1)
    this.areaRadius = pick(this.areaRadius)
    this.areaDepts = keep.map((slot) => this.areaDepts[slot])
    this.naf = pick(this.naf, MAX_NAF_PER_FIRM, -1)
    this.track = pick(this.track)
    this.respond = pick(this.respond)
    this.declines = pick(this.declines, 3)
    this.deals = pick(this.deals)
    this.refs = pick(this.refs)
    this.docLength = pick(this.docLength)
    this.firmIds = keep.map((slot) => this.firmIds[slot])
    this.fwdTerms = keep.map((slot) => this.fwdTerms[slot])
    this.fwdTfs = keep.map((slot) => this.fwdTfs[slot])
    this.fwdSkills = keep.map((slot) => this.fwdSkills[slot])
    const capacity = this.verified.length
    this.alive = new Uint8Array(capacity)
    this.alive.fill(1, 0, count)
    this.norm = new Float64Array(capacity)
    this.acc = new Float64Array(capacity)
    this.skillAcc = new Float64Array(capacity)
    this.seen = new Uint8Array(capacity)
    this.touched = new Int32Array(capacity)
    this.slotOf.clear()
    this.firmIds.forEach((id, slot) => this.slotOf.set(id, slot))
    this.slotCount = count
    this.deadCount = 0
  }
}

/** The corpus statistics a single pair is scored with. */
export interface CorpusStats {
  firmCount: number
  averageLength: number
  bm25: Bm25Params
  termDf(term: string): number
  skillDf(key: string): number
}
