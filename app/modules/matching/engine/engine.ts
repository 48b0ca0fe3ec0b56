import { distanceKm, type Commune } from '../../geo/communes'
import { BM25_UNITS, idf, lengthNorm, termScore, toUnits } from './bm25'
import { ALGORITHM_VERSION, ENGINE_PARAMS, resolveWeights, type FeatureKey, type Weights } from './config'
import { analyseFirm, prepareNeed, type PreparedNeed, type QueryTerm } from './documents'
import { checkEligibility, deadlinePassed, headcountOk, hubAllowed, invitedSet, radiusOf, reachKm, revenueOk } from './eligibility'
import {
  applicableWeights,
  applyDeclineSignals,
  breakdownFrom,
  capacityFactor,
  distanceAfterDeclines,
  scopeFactor,
  combineScore,
  budgetFit,
  distanceValue,
  isRareSkill,
  NAF_LEVEL_VALUE,
  nafLevel,
  nafProximity,
  responsiveness,
  scoreFrom,
  skillsOverlap,
  skillWeight,
  textRelevance,
  trackRecord,
  type FeatureValues,
} from './features'
import { TopK } from './heap'
import { MatchingIndex, MAX_NAF_PER_FIRM, type CorpusStats, type IndexOptions } from './index'
import { buildReasons } from './reasons'
import {
  REVENUE_BANDS,
  type DeclineSignals,
  type FirmDoc,
  type HubScope,
  type IneligibleReason,
  type MatchExplanation,
  type NeedDoc,
  type RankedFirm,
  type RankedNeed,
  type RevenueBand,
  type ScoreMatchResult,
} from './types'

/**
 * The matching engine's public API (pure: no Prisma, no env, no clock; `now` and weights are
 * arguments):
 *
 * - `buildIndex(firms)` once per process, then `index.upsertFirm(firm)` / `index.removeFirm(id)`
 *   on profile edits (see MatchingIndex for tombstones, delta postings and compaction);
 * - `rankNeed(index, need, { now, top })`: the best eligible firms for a need. Candidates are the
 *   firms that share a skill tag or a term with the need (terms found in most firms of a large
 *   corpus excepted); only postings are read, never all firms; upper bounds skip the postings and
 *   the candidates that cannot reach the top K, exactly (see collectTopK). Breakdown and reasons
 *   are computed for the top K only;
 * - `rankFirm(index, firmId, needs, { now, top })`: the best needs for a firm, scoring each need
 *   directly against the firm (needs are few: 50–500 per hub, 10 000 nationally; a need index would
 *   add upkeep for little gain, and scoring against the firm corpus's statistics keeps a pair's
 *   score the same in both directions);
 * - `scoreMatch(need, firm, { now, corpusStats })`: one pair, same formulas.
 *
 * A pair scores exactly the same through the three functions (BM25 sums are kept in integer
 * units, see bm25.ts), and results are ordered by score, then id: deterministic.
 */
export { ALGORITHM_VERSION, DEFAULT_WEIGHTS, type Weights } from './config'
export { MatchingIndex, type CorpusStats, type IndexOptions } from './index'
export { prepareNeed, type PreparedNeed } from './documents'
export { declineSignalsFrom, scoreWithWeights, type FeatureValues } from './features'
export { reasonSentence, reasonsLine } from './reasons'
export type * from './types'

export interface RankOptions {
  now: Date
  weights?: Partial<Weights>
  /** How many results (default 50). */
  top?: number
  /** 'need' (default): firms of the need's hubs only; 'all': the whole network. */
  hubScope?: HubScope
  /** For INVITE_ONLY needs: the invited firms (no one else is eligible). */
  invitedFirmIds?: ReadonlySet<string> | readonly string[] | null
  /** Leave out results below this score. */
  minScore?: number
  /** Compute breakdown and reasons (default true). */
  explain?: boolean
  /** Counters to fill (benchmarks, diagnostics): how much of the index a ranking read. */
  stats?: RankStats
  /** Query expansion with the domain thesaurus (default ENGINE_PARAMS.expansion.enabled; see prepareNeed). */
  expansion?: boolean
}

export interface RankStats {
  /** Postings read (text and skills). */
  postings: number
  /** Firms touched by those postings (the candidates). */
  candidates: number
  /** Candidates that went through the hard filters and structured features. */
  filtered: number
  /** Candidates whose exact BM25 was computed. */
  exact: number
  /** Terms whose postings were read, of the need's terms known to the index. */
  termsRead: number
  termsKnown: number
}

export function buildIndex(firms: Iterable<FirmDoc>, options?: IndexOptions) {
  return MatchingIndex.build(firms, options)
}

/** Corpus statistics of a set of firms, to score single pairs against (tests, small tools). */
export function corpusStatsOf(firms: Iterable<FirmDoc>, options?: IndexOptions): CorpusStats {
  return MatchingIndex.build(firms, { ...options, autoCompactRatio: 0 }).corpusStats()
}

// ───────────────────────────── a need's terms against a corpus ─────────────────────────────

/** A need's terms and skills weighed with a corpus's statistics, computed once per (need, corpus). */
interface NeedWeights {
  /** w(qtf)·idf of each term of `prepared.terms` (same positions). */
  weightedIdfs: Float64Array
  /** Σ weightedIdfs: the query mass text relevance is measured against. */
  mass: number
  /** Rarity weight of each need skill (same positions as `prepared.skills`), and their sum. */
  skillWeights: Float64Array
  skillMass: number
  /** Document frequency of each need skill. */
  skillDfs: Int32Array
  /** Whether each term can generate candidates (see collectTopK: not a term common to most firms). */
  generating: Uint8Array
}

function needWeights(need: PreparedNeed, stats: CorpusStats): NeedWeights {
  const dfs = need.terms.map((term) => stats.termDf(term.term))
  const weightedIdfs = Float64Array.from(need.terms, (term, position) => term.weight * idf(stats.firmCount, dfs[position]))
  const generating = Uint8Array.from(dfs, (df, position) => (isCommonTerm(need.terms[position], df, stats.firmCount) ? 0 : 1))
  let mass = 0
  for (const value of weightedIdfs) mass += value
  const skillDfs = Int32Array.from(need.skills, (skill) => stats.skillDf(skill.key))
  const skillWeights = Float64Array.from(skillDfs, (df) => skillWeight(stats.firmCount, df))
  let skillMass = 0
  for (const value of skillWeights) skillMass += value
  return { weightedIdfs, mass, skillWeights, skillMass, skillDfs, generating }
}

/** Terms in more firms than this never generate candidates (ENGINE_PARAMS.pruning). */
/**
 * A term that never generates candidates: common (commonTermDf), or an expansion term found in
 * more than `expansion.generatingMaxShare` of the firms (and more than `generatingMinDf`): a
 * thesaurus word that common only adds to the BM25 of the candidates its rarer words found.
 */
function isCommonTerm(term: QueryTerm, df: number, firmCount: number) {
  if (df > commonTermDf(firmCount)) return true
  const { generatingMaxShare, generatingMinDf } = ENGINE_PARAMS.expansion
  return term.expanded === true && df > Math.max(generatingMaxShare * firmCount, generatingMinDf)
}

function commonTermDf(firmCount: number) {
  return Math.max(ENGINE_PARAMS.pruning.commonTermShare * firmCount, ENGINE_PARAMS.pruning.commonTermMinDf)
}

/** The candidate rule of rankNeed, for one pair: a shared skill, or a shared term that is not common. */
function isCandidate(need: PreparedNeed, evaluation: PairEvaluation, weights: NeedWeights) {
  if ((evaluation.values.skills ?? 0) > 0) return true
  for (let position = 0; position < need.terms.length; position++) {
    if (evaluation.contributions[position] > 0 && weights.generating[position] === 1) return true
  }
  return false
}

// ───────────────────────────── a firm seen through the index or from its document ─────────────────────────────

interface FirmView {
  id: string
  verified: boolean
  homeHubId: string | null
  headcount: number | null
  revenueBand: RevenueBand | null
  foundedYear: number | null
  commune: Commune | null
  interventionDepartements: readonly string[] | null
  interventionRadiusKm: number | null
  nafCodes: string[]
  hasSkill(key: string): boolean
  /** Term frequencies of the need's terms (same positions as `need.terms`). */
  tfs(need: PreparedNeed): Uint16Array
  length: number
  dealsWon: number
  referenceCount: number
  track: number
  responsiveness: number
  declines: DeclineSignals | null
}

/**
 * A firm of the index. `termMap`: build a term → tf map once (when it is scored against many
 * needs); `queryTerms`: one need's term ids sorted, with their positions, resolved once (when many
 * firms are explained for one need): the frequencies then come from one merge with the firm's
 * sorted forward index.
 */
function slotView(index: MatchingIndex, slot: number, termMap = false, queryTerms: SortedQueryTerms | null = null): FirmView {
  const skillIds = index.fwdSkills[slot]
  let map: Map<string, number> | null = null
  if (termMap) {
    map = new Map()
    const terms = index.fwdTerms[slot]
    for (let position = 0; position < terms.length; position++) map.set(index.terms[terms[position]], index.fwdTfs[slot][position])
  }
  return {
    id: index.firmIds[slot],
    verified: index.verified[slot] === 1,
    homeHubId: index.hub[slot] >= 0 ? index.hubNames[index.hub[slot]] : null,
    headcount: index.headcount[slot] >= 0 ? index.headcount[slot] : null,
    revenueBand: index.bandOf(slot),
    foundedYear: index.founded[slot] || null,
    commune: index.communeOf(slot),
    interventionDepartements: index.interventionDepartementsOf(slot),
    interventionRadiusKm: index.areaRadius[slot] || null,
    nafCodes: index.nafCodesOf(slot),
    hasSkill: (key) => {
      const id = index.skillIds.get(key)
      return id !== undefined && skillIds.includes(id)
    },
    tfs: (need) => {
      const result = new Uint16Array(need.terms.length)
      if (map) {
        need.terms.forEach((term, position) => (result[position] = map.get(term.term) ?? 0))
      } else if (queryTerms) {
        const terms = index.fwdTerms[slot]
        const frequencies = index.fwdTfs[slot]
        for (let i = 0, j = 0; i < queryTerms.ids.length && j < terms.length; ) {
          if (queryTerms.ids[i] === terms[j]) result[queryTerms.positions[i++]] = frequencies[j++]
          else if (queryTerms.ids[i] < terms[j]) i++
          else j++
        }
      } else {
        need.terms.forEach((term, position) => {
          const id = index.termIds.get(term.term)
          result[position] = id === undefined ? 0 : index.tf(slot, id)
        })
      }
      return result
    },
    length: index.docLength[slot],
    dealsWon: index.deals[slot],
    referenceCount: index.refs[slot],
    track: index.track[slot],
    responsiveness: index.respond[slot],
    declines: index.declinesOf(slot),
  }
}

/** A need's terms known to an index, sorted by term id, with their positions in `need.terms`. */
interface SortedQueryTerms {
  ids: Int32Array
  positions: Int32Array
}

function sortedQueryTerms(index: MatchingIndex, need: PreparedNeed): SortedQueryTerms {
  const known = need.terms
    .map((term, position) => ({ id: index.termIds.get(term.term) ?? -1, position }))
    .filter((entry) => entry.id >= 0)
    .sort((a, b) => a.id - b.id)
  return { ids: Int32Array.from(known, (entry) => entry.id), positions: Int32Array.from(known, (entry) => entry.position) }
}

function documentView(firm: FirmDoc): FirmView {
  const analysed = analyseFirm(firm)
  const skillKeys = new Set(analysed.skills.map((skill) => skill.key))
  return {
    id: firm.id,
    verified: firm.verified,
    homeHubId: firm.homeHubId ?? null,
    headcount: typeof firm.headcount === 'number' && firm.headcount >= 0 ? firm.headcount : null,
    revenueBand: firm.revenueBand ?? null,
    foundedYear: firm.foundedYear || null,
    commune: analysed.commune,
    interventionDepartements: firm.interventionDepartements ?? null,
    interventionRadiusKm: firm.interventionRadiusKm ?? null,
    nafCodes: analysed.nafCodes.slice(0, MAX_NAF_PER_FIRM),
    hasSkill: (key) => skillKeys.has(key),
    tfs: (need) => Uint16Array.from(need.terms, (term) => Math.min(65_535, analysed.counts.get(term.term) ?? 0)),
    length: analysed.length,
    dealsWon: Math.max(0, firm.dealsWon ?? 0),
    referenceCount: analysed.referenceCount,
    track: trackRecord(firm.dealsWon, analysed.referenceCount),
    responsiveness: responsiveness(firm.responsiveness),
    declines: firm.declineSignals ?? null,
  }
}

// ───────────────────────────── one pair ─────────────────────────────

function applicability(need: PreparedNeed): { [K in FeatureKey]: boolean } {
  return {
    text: need.terms.length > 0,
    skills: need.skills.length > 0,
    sector: need.nafCodes.length > 0,
    distance: need.remoteOk || need.commune !== null,
    budget: need.budgetEur !== null,
    trackRecord: true,
    responsiveness: true,
  }
}

interface PairContext {
  /** km from the need's commune, cached by INSEE code. */
  kmTo(commune: Commune): number
  stats: CorpusStats
  weights: NeedWeights
  normalised: Weights
  now: Date
  hubScope: HubScope
  invited: ReadonlySet<string>
}

interface PairEvaluation {
  ineligibleBecause: IneligibleReason | null
  score: number
  values: FeatureValues
  /** The values before the firm's decline signals. */
  raw: FeatureValues
  normalised: Weights
  km: number | null
  /** Each need term's BM25 contribution (same positions as `need.terms`). */
  contributions: Float64Array
}

function pairContext(need: PreparedNeed, stats: CorpusStats, weights: Weights, options: { now: Date; hubScope?: HubScope; invitedFirmIds?: RankOptions['invitedFirmIds'] }): PairContext {
  const km = new Map<string, number>()
  return {
    kmTo: (commune) => {
      let value = km.get(commune.insee)
      if (value === undefined) km.set(commune.insee, (value = distanceKm(need.commune!, commune)))
      return value
    },
    stats,
    weights: needWeights(need, stats),
    normalised: applicableWeights(weights, applicability(need)),
    now: options.now,
    hubScope: options.hubScope ?? 'need',
    invited: invitedSet(options.invitedFirmIds),
  }
}

/**
 * One need against one firm: hard filters, then every feature. BM25 is summed in the need's term
 * order; the ranking loop (collectTopK) computes the same numbers from the index.
 */
function evaluatePair(need: PreparedNeed, firm: FirmView, context: PairContext): PairEvaluation {
  const km = need.commune && firm.commune ? context.kmTo(firm.commune) : null
  const needDept = need.dept
  const ineligibleBecause = checkEligibility(need.need, firm, { now: context.now, hubScope: context.hubScope, invitedFirmIds: context.invited, km, needDept })
  // A firm reached only through its intervention area is valued at the need's radius (see reachKm).
  const reach = reachKm(need.need, needDept, km, firm)
  const { stats, weights, normalised } = context
  const norm = lengthNorm(firm.length, stats.averageLength, stats.bm25)
  const contributions = new Float64Array(need.terms.length)
  const tfs = firm.tfs(need)
  let units = 0
  for (let position = 0; position < need.terms.length; position++) {
    const tf = tfs[position]
    if (tf > 0) {
      contributions[position] = termScore(weights.weightedIdfs[position], tf, norm, stats.bm25.k1)
      units += toUnits(contributions[position])
    }
  }
  const bm25 = units / BM25_UNITS
  const raw: FeatureValues = {
    text: need.terms.length > 0 ? textRelevance(bm25, weights.mass) : null,
    skills: skillsOverlap(
      need.skills.map((skill, position) => ({ key: skill.key, weight: weights.skillWeights[position] })),
      { has: (key) => firm.hasSkill(key) },
    ),
    sector: nafProximity(need.nafCodes, firm.nafCodes)?.value ?? null,
    distance: need.remoteOk || need.commune !== null ? distanceValue(reach === false ? km : reach, need.radiusKm, need.remoteOk) : null,
    budget: budgetFit(need.budgetEur, firm.revenueBand),
    trackRecord: firm.track,
    responsiveness: firm.responsiveness,
  }
  const values = applyDeclineSignals(raw, firm.declines)
  return { ineligibleBecause, score: scoreFrom(values, normalised), values, raw, normalised, km, contributions }
}

function explainPair(need: PreparedNeed, firm: FirmView, context: PairContext, evaluation: PairEvaluation): MatchExplanation {
  const { stats, weights } = context
  const matched: number[] = []
  evaluation.contributions.forEach((points, position) => {
    if (points > 0) matched.push(position)
  })
  const { contributions } = evaluation
  matched.sort((a, b) => contributions[b] - contributions[a] || (need.terms[a].surface < need.terms[b].surface ? -1 : 1))
  // The need's own words (whole expressions, each once, no fragment), then the thesaurus phrases
  // that brought the firm in (expansion terms).
  const textTerms: string[] = []
  const relatedTerms: string[] = []
  for (const position of matched) {
    const term = need.terms[position]
    const list = term.expanded ? relatedTerms : textTerms
    if (!list.includes(term.surface) && (term.expanded || isShowableWord(term.surface))) list.push(term.surface)
  }
  const shared = need.skills
    .map((skill, position) => ({ skill, position }))
    .filter(({ skill }) => firm.hasSkill(skill.key))
    .map(({ skill, position }) => ({ label: skill.label, rare: isRareSkill(stats.firmCount, weights.skillDfs[position]), weight: weights.skillWeights[position] }))
    .sort((a, b) => b.weight - a.weight)
  const naf = nafProximity(need.nafCodes, firm.nafCodes)
  const reasons = buildReasons({
    values: evaluation.values,
    normalised: evaluation.normalised,
    sharedSkills: shared,
    textTerms,
    relatedTerms: relatedTerms.filter((phrase) => !textTerms.includes(phrase)),
    naf: naf && naf.level ? { needCode: naf.needCode!, firmCode: naf.firmCode!, level: naf.level } : null,
    km: evaluation.km,
    communeName: need.commune?.name ?? null,
    remoteOk: need.remoteOk,
    radiusKm: radiusOf(need.need),
    dealsWon: firm.dealsWon,
    referenceCount: firm.referenceCount,
    budgetEur: need.budgetEur,
    revenueBand: firm.revenueBand,
    responsiveness: firm.responsiveness,
  })
  return {
    score: evaluation.score,
    breakdown: breakdownFrom(evaluation.values, evaluation.normalised, evaluation.raw),
    reasons,
    algorithmVersion: ALGORITHM_VERSION,
  }
}

/**
 * Whether a need's word reads well in a reason: not a 1–3 letter fragment unless written as an
 * acronym ("IA", "MES") or a technology name ("c++", ".net"); codes of 4+ digits are fine.
 */
function isShowableWord(surface: string) {
  if (/[.+#&]/.test(surface) || /\p{Lu}/u.test(surface)) return true
  return surface.replace(/[^\p{L}\p{N}]/gu, '').length > 3
}

/**
 * Scores one need against one firm, with the statistics of the firm corpus (`index.corpusStats()`
 * or `corpusStatsOf(firms)`; without them the firm alone is the corpus, which keeps the score
 * defined but makes every term equally rare). Same formulas as rankNeed and rankFirm.
 */
export function scoreMatch(
  need: NeedDoc,
  firm: FirmDoc,
  options: {
    now: Date
    weights?: Partial<Weights>
    corpusStats?: CorpusStats
    hubScope?: HubScope
    invitedFirmIds?: ReadonlySet<string> | readonly string[] | null
    expansion?: boolean
  },
): ScoreMatchResult {
  const prepared = prepareNeed(need, { expansion: options.expansion })
  const view = documentView(firm)
  const context = pairContext(prepared, options.corpusStats ?? corpusStatsOf([firm]), resolveWeights(options.weights), options)
  const evaluation = evaluatePair(prepared, view, context)
  if (evaluation.ineligibleBecause) {
    return { eligible: false, ineligibleBecause: evaluation.ineligibleBecause, score: 0, breakdown: [], reasons: [], algorithmVersion: ALGORITHM_VERSION }
  }
  return { eligible: true, ...explainPair(prepared, view, context, evaluation) }
}

/**
 * One pair's feature values (after the firm's decline signals), eligible or not: what the
 * learning-to-rank step fits weights on. `scoreWithWeights(values, weights)` gives the score the
 * engine would give the pair with those weights.
 */
export function pairFeatures(need: NeedDoc, firm: FirmDoc, options: { now: Date; corpusStats?: CorpusStats }): { values: FeatureValues; ineligibleBecause: IneligibleReason | null } {
  const prepared = prepareNeed(need)
  const context = pairContext(prepared, options.corpusStats ?? corpusStatsOf([firm]), resolveWeights(), { now: options.now, hubScope: 'all' })
  const evaluation = evaluatePair(prepared, documentView(firm), context)
  return { values: evaluation.values, ineligibleBecause: evaluation.ineligibleBecause }
}

// ───────────────────────────── a need against the index ─────────────────────────────

/** The best eligible firms for a need, best first (score desc, then firm id asc). */
export function rankNeed(index: MatchingIndex, need: NeedDoc | PreparedNeed, options: RankOptions): RankedFirm[] {
  const prepared = 'terms' in need && 'need' in need ? need : prepareNeed(need, { expansion: options.expansion })
  const { now } = options
  if (deadlinePassed(prepared.deadline, now)) return []
  const weights = resolveWeights(options.weights)
  const hubScope = options.hubScope ?? 'need'
  const query: RankQuery = {
    prepared,
    nw: applicableWeights(weights, applicability(prepared)),
    top: options.top ?? 50,
    minScore: options.minScore ?? 0,
    now,
    tables: needTables(index, prepared, { hubScope, invited: options.invitedFirmIds }),
    stats: options.stats ?? null,
  }
  index.ensureNorms()
  const heap = collectTopK(index, query)

  const ranked = heap.sorted()
  if (options.explain === false) {
    return ranked.map(({ item, score }) => ({ firmId: index.firmIds[item], score, breakdown: [], reasons: [], algorithmVersion: ALGORITHM_VERSION }))
  }
  const context = pairContext(prepared, index.corpusStats(), weights, { now, hubScope, invitedFirmIds: options.invitedFirmIds })
  const queryTerms = sortedQueryTerms(index, prepared)
  return ranked
    .map(({ item }) => {
      const view = slotView(index, item, false, queryTerms)
      return { firmId: view.id, ...explainPair(prepared, view, context, evaluatePair(prepared, view, context)) }
    })
    .sort((a, b) => b.score - a.score || (a.firmId < b.firmId ? -1 : a.firmId > b.firmId ? 1 : 0))
}

/**
 * Breakdown and reasons of chosen indexed firms for a need (the full refresh ranks without
 * explaining, then explains only the pairs it stores). Same score as rankNeed and rankFirm give the
 * pair; firms unknown to the index or ineligible are left out. In the order given.
 */
export function explainFirms(
  index: MatchingIndex,
  need: NeedDoc | PreparedNeed,
  firmIds: Iterable<string>,
  options: { now: Date; weights?: Partial<Weights>; hubScope?: HubScope; invitedFirmIds?: RankOptions['invitedFirmIds'] },
): RankedFirm[] {
  const prepared = 'terms' in need && 'need' in need ? need : prepareNeed(need)
  index.ensureNorms()
  const context = pairContext(prepared, index.corpusStats(), resolveWeights(options.weights), options)
  const queryTerms = sortedQueryTerms(index, prepared)
  const result: RankedFirm[] = []
  for (const firmId of firmIds) {
    const slot = index.slotOf.get(firmId)
    if (slot === undefined) continue
    const view = slotView(index, slot, false, queryTerms)
    const evaluation = evaluatePair(prepared, view, context)
    if (evaluation.ineligibleBecause) continue
    result.push({ firmId, ...explainPair(prepared, view, context, evaluation) })
  }
  return result
}

interface RankQuery {
  prepared: PreparedNeed
  nw: Weights
  top: number
  minScore: number
  now: Date
  tables: NeedTables
  stats: RankStats | null
}

/**
 * Candidate generation and scoring, exact (MaxScore / threshold-algorithm style):
 *
 * 1. the need's known terms are read from the most to the least selective (BM25 upper bound
 *    w·idf·max tf factor, see MatchingIndex.impactBound); the postings of the least selective ones, whose bounds add up to at most
 *    `nonEssentialShare` of the query mass, are left aside for now. Partial BM25 and the skill
 *    overlap (skill postings, always read) accumulate in dense typed arrays; the firms touched
 *    are the candidates;
 * 2. the most promising candidates (by an upper bound of their score) are scored exactly: hard
 *    filters, structured features, and their exact BM25 from their forward index (a merge with the
 *    need's sorted term ids, summed in the need's term order as scoreMatch does). The heap's K-th
 *    score is then a lower bound of the final threshold;
 * 3. a firm reached by no posting read can score at most the left-aside bounds with every other
 *    feature at its best: while that could reach the threshold, the next left-aside term's postings
 *    are read too;
 * 4. every other candidate whose upper bound can reach the threshold is scored exactly.
 *
 * Firms that share no term and no skill with the need are never scored.
 */
function collectTopK(index: MatchingIndex, query: RankQuery): TopK {
  const { prepared, nw, tables } = query
  const { acc, skillAcc, seen, touched, norm } = index
  const { k1 } = index.bm25
  const k1p1 = k1 + 1
  const firmCount = index.liveCount

  // The need's terms known to the index, with their weighted idf and upper bound.
  let mass = 0
  const known: Array<{ id: number; weightedIdf: number; bound: number; position: number; common: boolean }> = []
  for (const term of prepared.terms) {
    const id = index.termIds.get(term.term)
    const df = id === undefined ? 0 : index.termDf[id]
    const weightedIdf = term.weight * idf(firmCount, df)
    mass += weightedIdf
    if (id !== undefined && df > 0) {
      known.push({ id, weightedIdf, bound: weightedIdf * index.impactBound(id), position: known.length, common: isCommonTerm(term, df, firmCount) })
    }
  }
  // Terms in more than `commonTermShare` of the firms (and more than `commonTermMinDf`) never
  // generate candidates (a firm that shares only such words with the need has nothing specific
  // in common with it); they still count, exactly, in the BM25 of the candidates.
  const bySelectivity = [...known].sort((a, b) => Number(a.common) - Number(b.common) || b.bound - a.bound || a.id - b.id)
  let generating = bySelectivity.length
  let leftAside = 0
  while (generating > 0 && bySelectivity[generating - 1].common) leftAside += bySelectivity[--generating].bound
  // Of the generating terms, the least selective whose bounds add up to at most
  // `nonEssentialShare` of the query mass are left aside too, for now.
  let readUpTo = generating
  while (readUpTo > 0 && leftAside + bySelectivity[readUpTo - 1].bound <= ENGINE_PARAMS.pruning.nonEssentialShare * mass) {
    leftAside += bySelectivity[--readUpTo].bound
  }
  // Bound of the left-aside terms that can still generate candidates (common terms cannot).
  let generatingLeftAside = 0
  for (let rank = readUpTo; rank < generating; rank++) generatingLeftAside += bySelectivity[rank].bound

  let touchedCount = 0
  let postings = 0
  let filtered = 0
  let exact = 0
  const text = index.text
  function readTerm(rank: number) {
    const { id: termId, weightedIdf } = bySelectivity[rank]
    postings += index.termDf[termId]
    if (termId < text.baseTerms) {
      const { docs, tfs } = text
      for (let position = text.offsets[termId], end = text.offsets[termId + 1]; position < end; position++) {
        const slot = docs[position]
        const tf = tfs[position]
        if (seen[slot] === 0) {
          seen[slot] = 1
          touched[touchedCount++] = slot
        }
        acc[slot] += Math.round(((weightedIdf * tf * k1p1) / (tf + norm[slot])) * BM25_UNITS)
      }
    }
    const deltaDocs = text.deltaDocs[termId]
    if (deltaDocs) {
      const deltaTfs = text.deltaTfs[termId]!
      for (let position = 0; position < deltaDocs.length; position++) {
        const slot = deltaDocs[position]
        const tf = deltaTfs[position]
        if (seen[slot] === 0) {
          seen[slot] = 1
          touched[touchedCount++] = slot
        }
        acc[slot] += Math.round(((weightedIdf * tf * k1p1) / (tf + norm[slot])) * BM25_UNITS)
      }
    }
  }

  const heap = new TopK(query.top, (slot) => index.firmIds[slot])
  try {
    // 1. The selective terms' postings, then the skills'.
    for (let rank = 0; rank < readUpTo; rank++) readTerm(rank)
    let skillMass = 0
    const skillPostings = index.skills
    for (const skill of prepared.skills) {
      const skillId = index.skillIds.get(skill.key)
      const df = skillId === undefined ? 0 : index.skillDf[skillId]
      const weight = skillWeight(firmCount, df)
      skillMass += weight
      if (skillId === undefined || df === 0) continue
      function visit(slot: number) {
        if (seen[slot] === 0) {
          seen[slot] = 1
          touched[touchedCount++] = slot
        }
        skillAcc[slot] += weight
      }
      postings += df
      if (skillId < skillPostings.baseTerms) {
        for (let position = skillPostings.offsets[skillId], end = skillPostings.offsets[skillId + 1]; position < end; position++) visit(skillPostings.docs[position])
      }
      for (const slot of skillPostings.deltaDocs[skillId] ?? []) visit(slot)
    }
    const hasSkills = prepared.skills.length > 0 && skillMass > 0
    const best = tables.bestContext
    /** Upper bound of a touched firm's score from its partial sums, every other feature at its best. */
    function quickBound(slot: number) {
      return combineScore(nw, textRelevance(acc[slot] / BM25_UNITS + leftAside, mass), hasSkills ? skillAcc[slot] / skillMass : 0, best.sector, best.distance, best.budget, 1, 1)
    }
    // For the many candidates that share no skill, that bound only grows with the partial BM25:
    // the smallest partial BM25 that can reach a threshold is found once (by bisection) and
    // refreshed when the threshold has risen, so most candidates cost one comparison.
    let minAcc = 0
    let minAccFor = -Infinity
    function refreshMinAcc(threshold: number) {
      if (threshold - minAccFor < 0.25) return
      let low = 0
      let high = mass * k1p1 + 1
      for (let step = 0; step < 40; step++) {
        const middle = (low + high) / 2
        const bound = combineScore(nw, textRelevance(middle + leftAside, mass), 0, best.sector, best.distance, best.budget, 1, 1)
        if (bound < threshold) low = middle
        else high = middle
      }
      minAcc = low
      minAccFor = threshold
    }

    const nowYear = query.now.getUTCFullYear()
    const { headcountMin, headcountMax, minAgeYears, remoteOk, radiusKm } = prepared
    const radius = radiusOf(prepared.need)
    const origin = prepared.commune
    // Within reach (eligibility.ts reachKm): need's radius, else the firm's intervention area.
    // A need whose commune has no point of its own (Commune.placed false) still has its département:
    // firms reach it through their intervention area only (eligibility.ts reachKm with km unknown).
    const checkReach = !remoteOk && prepared.dept !== null
    const needDeptId = tables.needDeptId
    const areaRadius = index.areaRadius
    const areaDepts = index.areaDepts
    index.beginDistances(origin)
    /** Scores a candidate exactly and offers it to the heap (marks it as done). */
    function evaluate(slot: number) {
      seen[slot] = 2
      filtered++
      if (index.alive[slot] === 0 || index.verified[slot] === 0) return
      if (tables.invited && !tables.invited.has(slot)) return
      if (tables.hubAllowed) {
        const hub = index.hub[slot]
        if (hub < 0 || tables.hubAllowed[hub] === 0) return
      }
      const headcount = index.headcount[slot]
      if (headcount >= 0 && !headcountOk(headcount, headcountMin, headcountMax)) return
      const band = index.band[slot]
      if (band >= 0 && tables.bandAllowed[band] === 0) return
      const founded = index.founded[slot]
      if (founded !== 0 && minAgeYears && nowYear - founded < minAgeYears) return
      const communeIndex = index.commune[slot]
      let km: number | null = communeIndex >= 0 && origin !== null ? index.kmOf(communeIndex) : null
      if (checkReach && (km === null || km > radius)) {
        const depts = areaDepts[slot]
        if (depts !== undefined && needDeptId >= 0 && depts.includes(needDeptId)) km = radius
        else if (km !== null && km <= areaRadius[slot]) km = radius
        else return
      }

      let sector = 0
      for (let offset = slot * MAX_NAF_PER_FIRM, end = offset + MAX_NAF_PER_FIRM; offset < end; offset++) {
        const naf = index.naf[offset]
        if (naf >= 0 && tables.nafValue[naf] > sector) sector = tables.nafValue[naf]
      }
      let distance = tables.distanceApplicable ? distanceValue(km, radiusKm, remoteOk) : 0
      let budget = tables.budgetByBand[band + 1]
      const track = index.track[slot]
      const respond = index.respond[slot]
      let skillsValue = hasSkills ? skillAcc[slot] / skillMass : 0
      // The firm's decline signals, as applyDeclineSignals does in scoreMatch (same functions, same order).
      const declines = index.declinesOf(slot)
      const scope = declines ? scopeFactor(declines) : 1
      if (declines) {
        skillsValue *= scope
        budget *= capacityFactor(declines)
        distance = distanceAfterDeclines(distance, declines)
      }
      if (heap.full) {
        const bound = combineScore(nw, textRelevance(acc[slot] / BM25_UNITS + leftAside, mass), skillsValue, sector, distance, budget, track, respond)
        if (bound < heap.threshold()) return
      }
      // Exact BM25 from the forward index, summed in the need's term order (as scoreMatch does).
      exact++
      const bm25 = exactBm25(slot)
      const score = combineScore(nw, textRelevance(bm25, mass) * scope, skillsValue, sector, distance, budget, track, respond)
      if (score >= query.minScore) heap.offer(score, slot)
    }
    /**
     * Exact BM25: the postings read so far, plus the left-aside terms' frequencies (dense arrays for
     * the common terms, else a binary search in the firm's forward index).
     */
    // Left-aside terms split once: dense frequency arrays (common terms) and the others.
    let leftDense: Uint8Array[] = []
    let leftDenseIds: Int32Array = new Int32Array(0)
    let leftDenseIdf: Float64Array = new Float64Array(0)
    let leftSparseIds: Int32Array = new Int32Array(0)
    let leftSparseIdf: Float64Array = new Float64Array(0)
    function resolveLeftTerms() {
      const left = bySelectivity.slice(readUpTo)
      const dense = left.filter((term) => index.denseTf[term.id] !== undefined)
      const sparse = left.filter((term) => index.denseTf[term.id] === undefined)
      leftDense = dense.map((term) => index.denseTf[term.id]!)
      leftDenseIds = Int32Array.from(dense, (term) => term.id)
      leftDenseIdf = Float64Array.from(dense, (term) => term.weightedIdf)
      leftSparseIds = Int32Array.from(sparse, (term) => term.id)
      leftSparseIdf = Float64Array.from(sparse, (term) => term.weightedIdf)
    }
    resolveLeftTerms()
    function exactBm25(slot: number) {
      let units = acc[slot]
      const slotNorm = norm[slot]
      for (let rank = 0; rank < leftDense.length; rank++) {
        let tf = leftDense[rank][slot]
        if (tf === 0) continue
        if (tf === 255) tf = index.tf(slot, leftDenseIds[rank])
        units += Math.round(((leftDenseIdf[rank] * tf * k1p1) / (tf + slotNorm)) * BM25_UNITS)
      }
      for (let rank = 0; rank < leftSparseIds.length; rank++) {
        const tf = index.tf(slot, leftSparseIds[rank])
        if (tf > 0) units += Math.round(((leftSparseIdf[rank] * tf * k1p1) / (tf + slotNorm)) * BM25_UNITS)
      }
      return units / BM25_UNITS
    }

    // 2. The most promising candidates first (partial BM25, skills on the same scale): they set a threshold.
    const promising = new TopK(Math.max(query.top * 3, 64), (slot) => index.firmIds[slot])
    const skillScale = hasSkills ? mass / skillMass : 0
    for (let position = 0; position < touchedCount; position++) {
      const slot = touched[position]
      const key = acc[slot] / BM25_UNITS + skillAcc[slot] * skillScale
      if (!promising.full || key > promising.threshold()) promising.offer(key, slot)
    }
    for (const { item } of promising.sorted()) evaluate(item)

    // 3. Read left-aside generating terms while a firm that no posting read reached could still rank.
    const outsideBound = () => combineScore(nw, textRelevance(generatingLeftAside, mass), 0, best.sector, best.distance, best.budget, 1, 1)
    while (readUpTo < generating && (!heap.full || outsideBound() >= heap.threshold())) {
      const bound = bySelectivity[readUpTo].bound
      leftAside = Math.max(0, leftAside - bound)
      generatingLeftAside = Math.max(0, generatingLeftAside - bound)
      readTerm(readUpTo++)
    }
    if (readUpTo === bySelectivity.length) leftAside = 0
    resolveLeftTerms()

    // 4. Every other candidate that may still rank.
    for (let position = 0; position < touchedCount; position++) {
      const slot = touched[position]
      if (seen[slot] === 2) continue
      if (heap.full) {
        const threshold = heap.threshold()
        if (skillAcc[slot] === 0) {
          refreshMinAcc(threshold)
          if (acc[slot] < minAcc * BM25_UNITS) continue
        }
        if (quickBound(slot) < threshold) continue
      }
      evaluate(slot)
    }
    if (query.stats) {
      query.stats.postings += postings
      query.stats.candidates += touchedCount
      query.stats.filtered += filtered
      query.stats.exact += exact
      query.stats.termsRead += readUpTo
      query.stats.termsKnown += known.length
    }
    return heap
  } finally {
    // The scratch arrays are shared by every ranking: always leave them clean.
    for (let position = 0; position < touchedCount; position++) {
      const slot = touched[position]
      acc[slot] = 0
      skillAcc[slot] = 0
      seen[slot] = 0
    }
  }
}

interface NeedTables {
  hubAllowed: Uint8Array | null
  invited: Set<number> | null
  bandAllowed: Uint8Array
  /** Budget fit by band index + 1 (0: unknown band); 0 everywhere when the need has no budget. */
  budgetByBand: Float64Array
  nafValue: Float64Array
  distanceApplicable: boolean
  /** The best value each structured feature can take for this need (bounds). */
  bestContext: { sector: number; distance: number; budget: number }
  /** The need's département among the index's intervention départements, −1 when none. */
  needDeptId: number
}

function needTables(index: MatchingIndex, need: PreparedNeed, options: { hubScope: HubScope; invited: RankOptions['invitedFirmIds'] }): NeedTables {
  let hubAllowedTable: Uint8Array | null = null
  if (options.hubScope !== 'all' && need.hubIds.length > 0) {
    hubAllowedTable = new Uint8Array(index.hubNames.length)
    index.hubNames.forEach((hub, id) => (hubAllowedTable![id] = hubAllowed(need.need, hub, options.hubScope) ? 1 : 0))
  }
  let invited: Set<number> | null = null
  if (need.inviteOnly) {
    invited = new Set()
    for (const firmId of invitedSet(options.invited)) {
      const slot = index.slotOf.get(firmId)
      if (slot !== undefined) invited.add(slot)
    }
  }
  const bandAllowed = new Uint8Array(REVENUE_BANDS.length)
  REVENUE_BANDS.forEach((band, id) => (bandAllowed[id] = revenueOk(band, need.revenueBands) ? 1 : 0))
  const budgetByBand = new Float64Array(REVENUE_BANDS.length + 1)
  if (need.budgetEur !== null) {
    budgetByBand[0] = budgetFit(need.budgetEur, null) ?? 0
    REVENUE_BANDS.forEach((band, id) => (budgetByBand[id + 1] = budgetFit(need.budgetEur, band) ?? 0))
  }
  const nafValue = new Float64Array(index.nafCodes.length)
  if (need.nafCodes.length > 0) {
    index.nafCodes.forEach((code, id) => {
      for (const needCode of need.nafCodes) {
        const level = nafLevel(needCode, code)
        if (level && NAF_LEVEL_VALUE[level] > nafValue[id]) nafValue[id] = NAF_LEVEL_VALUE[level]
      }
    })
  }
  const origin = need.commune
  return {
    hubAllowed: hubAllowedTable,
    invited,
    bandAllowed,
    budgetByBand,
    nafValue,
    distanceApplicable: need.remoteOk || origin !== null,
    bestContext: {
      sector: Math.max(0, ...nafValue),
      distance: need.remoteOk || origin !== null ? 1 : 0,
      budget: Math.max(0, ...budgetByBand),
    },
    needDeptId: need.dept !== null ? (index.deptIds.get(need.dept) ?? -1) : -1,
  }
}

// ───────────────────────────── a firm against needs ─────────────────────────────

/**
 * The best needs for a firm (its "recommended needs"), best first (score desc, then need id asc).
 * `firm` is an indexed firm's id, or a firm document (scored against the index's statistics).
 * Same candidate rule as rankNeed: a need that shares no skill and no (uncommon) term with the
 * firm is not recommended. Each need is scored directly against the firm: needs are few.
 */
export function rankFirm(index: MatchingIndex, firm: string | FirmDoc, needs: ReadonlyArray<NeedDoc>, options: RankOptions): RankedNeed[] {
  let view: FirmView
  if (typeof firm === 'string') {
    const slot = index.slotOf.get(firm)
    if (slot === undefined) return []
    view = slotView(index, slot, true)
  } else {
    view = documentView(firm)
  }
  const weights = resolveWeights(options.weights)
  index.ensureNorms()
  const stats = index.corpusStats()
  const minScore = options.minScore ?? 0
  const heap = new TopK(options.top ?? 50, (position) => needs[position].id)
  const evaluations: Array<{ evaluation: PairEvaluation; context: PairContext } | undefined> = []
  needs.forEach((need, position) => {
    const prepared = prepareNeed(need, { expansion: options.expansion })
    if (deadlinePassed(prepared.deadline, options.now)) return
    const context = pairContext(prepared, stats, weights, options)
    const evaluation = evaluatePair(prepared, view, context)
    if (evaluation.ineligibleBecause || evaluation.score < minScore || !isCandidate(prepared, evaluation, context.weights)) return
    if (heap.offer(evaluation.score, position)) evaluations[position] = { evaluation, context }
  })
  return heap.sorted().map(({ item }) => {
    const need = needs[item]
    const explanation: MatchExplanation =
      options.explain === false
        ? { score: evaluations[item]!.evaluation.score, breakdown: [], reasons: [], algorithmVersion: ALGORITHM_VERSION }
        : explainPair(prepareNeed(need, { expansion: options.expansion }), view, evaluations[item]!.context, evaluations[item]!.evaluation)
    return { needId: need.id, ...explanation }
  })
}
