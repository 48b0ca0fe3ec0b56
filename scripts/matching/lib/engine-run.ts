import { buildIndex, rankNeed, type MatchingIndex, type NeedDoc, type RankOptions } from '#app/modules/matching/engine/engine'
import { ineligibleInTop, selectNeeds, type EvalSet, type IneligibleCount, type Split } from './eval-set'
import { summarise, type Summary } from './metrics'

export type Rankings = Map<string, string[]>

/** Ranks every need with the engine (the whole network, top 50, no explanations). */
export function rankAll(index: MatchingIndex, needs: readonly NeedDoc[], now: Date, extra: Partial<RankOptions> & Record<string, unknown> = {}): Rankings {
  const rankings: Rankings = new Map()
  for (const need of needs) {
    const options = { now, top: 50, hubScope: 'all', explain: false, ...extra } as RankOptions
    rankings.set(need.id, rankNeed(index, need, options).map((match) => match.firmId))
  }
  return rankings
}

/** The full engine, as configured, on one split: what the floor test checks and what --record-floor writes. */
export function measureSplit(set: EvalSet, split: Split): { summary: Summary; ineligible: IneligibleCount; rankings: Rankings } {
  const needs = selectNeeds(set, split)
  const rankings = rankAll(buildIndex(set.firms), needs, set.now)
  return { summary: summarise(rankings, set.grades), ineligible: ineligibleInTop(set, rankings), rankings }
}
