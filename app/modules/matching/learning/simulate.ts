import { HAND_SET_WEIGHTS } from '../engine/config'
import { buildIndex, rankNeed, type FirmDoc, type NeedDoc } from '../engine/engine'
import type { DeclineReason, Interaction, InteractionKind } from './labels'

/**
 * A behaviour log simulated from a labelled set (pure, seeded): for each need of the set's TRAIN
 * split, a partner looks at the engine's top `top` firms (hand-set weights) and acts according to
 * the set's human grades, with noise — a grade-3 firm is likely invited, shortlisted and won; a
 * grade-0 firm likely marked "not relevant", dismissed, or declined as out of scope, too far or too
 * small. Needs are posted one after another over `months` months before the set's `now`, so that
 * a split by time holds out the most recent needs. The test split is never read.
 */

export interface LabelledSet {
  now: Date
  firms: FirmDoc[]
  needs: NeedDoc[]
  /** needId → firmId → 0..3; a firm not listed is grade 0. */
  grades: Record<string, Record<string, number>>
  /** needId → train | test; missing: split by a hash of the need id (1 in 4 to test). */
  split?: Record<string, 'train' | 'test'> | null
}

/** FNV-1a, 32 bits. */
export function hash32(text: string) {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash
}

/** mulberry32: a small seeded generator, numbers in [0, 1). */
export function seededRandom(seed: number) {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

/** The set's train needs: its split when it has one, else 3 needs in 4 by a hash of their id. */
export function trainNeedIds(set: Pick<LabelledSet, 'needs' | 'split'>): { ids: string[]; splitSource: 'set' | 'hash' } {
  if (set.split && Object.keys(set.split).length > 0) {
    return { ids: set.needs.filter((need) => set.split![need.id] === 'train').map((need) => need.id), splitSource: 'set' }
  }
  return { ids: set.needs.filter((need) => hash32(need.id) % 4 !== 0).map((need) => need.id), splitSource: 'hash' }
}

/** Per grade: probabilities of each step of the funnel (each given the previous one). */
const FUNNEL: Record<number, { notRelevant: number; dismissed: number; invited: number; submitted: number; shortlisted: number; accepted: number; success: number; fitDecline: number }> = {
  3: { notRelevant: 0.02, dismissed: 0.02, invited: 0.7, submitted: 0.8, shortlisted: 0.75, accepted: 0.6, success: 0.7, fitDecline: 0.05 },
  2: { notRelevant: 0.05, dismissed: 0.05, invited: 0.5, submitted: 0.6, shortlisted: 0.45, accepted: 0.3, success: 0.4, fitDecline: 0.15 },
  1: { notRelevant: 0.15, dismissed: 0.1, invited: 0.25, submitted: 0.35, shortlisted: 0.12, accepted: 0.05, success: 0.2, fitDecline: 0.5 },
  0: { notRelevant: 0.45, dismissed: 0.25, invited: 0.05, submitted: 0.12, shortlisted: 0.03, accepted: 0.01, success: 0.1, fitDecline: 0.85 },
}

const DAY = 86_400_000

export function simulateBehaviour(set: LabelledSet, options: { seed?: number; top?: number; months?: number } = {}) {
  const seed = options.seed ?? 16
  const top = options.top ?? 20
  const months = options.months ?? 9
  const { ids, splitSource } = trainNeedIds(set)
  const train = new Set(ids)
  const needs = set.needs.filter((need) => train.has(need.id))
  const index = buildIndex(set.firms.map((firm) => ({ ...firm, verified: true })))
  const start = set.now.getTime() - months * 30 * DAY
  const span = months * 30 * DAY * 0.85
  const interactions: Interaction[] = []
  needs.forEach((need, position) => {
    const random = seededRandom(hash32(`${seed}:${need.id}`))
    const postedAt = start + (position / Math.max(1, needs.length)) * span + random() * 5 * DAY
    const at = (fromDays: number, toDays: number) => new Date(Math.round(postedAt + (fromDays + random() * (toDays - fromDays)) * DAY))
    const ranked = rankNeed(index, { ...need, deadline: null }, { now: set.now, top, hubScope: 'all', weights: HAND_SET_WEIGHTS })
    for (const match of ranked) {
      const grade = Math.max(0, Math.min(3, Math.round(set.grades[need.id]?.[match.firmId] ?? 0)))
      const funnel = FUNNEL[grade]
      const push = (kind: InteractionKind, when: Date, declineReason: DeclineReason | null = null) =>
        interactions.push({ needId: need.id, firmId: match.firmId, kind, at: when, declineReason })
      const value = (feature: string) => match.breakdown.find((entry) => entry.feature === feature)
      /** Why a partner would decline this firm as a bad fit: too far, too small, else out of scope. */
      const fitReason = (): DeclineReason => {
        const distance = value('distance')
        const budget = value('budget')
        if (distance?.applicable && distance.value < 0.5 && random() < 0.7) return 'DISTANCE'
        if (budget?.applicable && budget.value < 0.5 && random() < 0.7) return 'CAPACITY'
        return random() < 0.7 ? 'SCOPE_FIT' : 'SKILLS_FIT'
      }
      const roll = random()
      if (roll < funnel.notRelevant) {
        push('feedback-not-relevant', at(0, 4))
        continue
      }
      if (roll < funnel.notRelevant + funnel.dismissed) {
        push('dismissed', at(0, 6))
        continue
      }
      if (grade >= 2 && random() < 0.25) push('feedback-good', at(0, 4))
      const invited = random() < funnel.invited
      if (invited) push('invited', at(1, 6))
      // A firm applies when invited, or on its own (less often).
      if (random() >= funnel.submitted * (invited ? 1 : 0.5)) continue
      push('submitted', at(6, 14))
      if (random() < funnel.shortlisted) {
        push('shortlisted', at(15, 25))
        if (random() < funnel.accepted) {
          push('accepted', at(26, 35))
          push(random() < funnel.success ? 'deal-success' : 'deal', at(60, 120))
          continue
        }
      }
      // Declined: for a reason of fit, or for one that says nothing about the match.
      if (random() < funnel.fitDecline) push('declined', at(26, 40), fitReason())
      else push('declined', at(26, 40), (['TIMING', 'OTHER_CANDIDATE', 'PROJECT_CANCELLED', 'OTHER'] as const)[Math.floor(random() * 4)])
    }
  })
  interactions.sort((a, b) => a.at.getTime() - b.at.getTime())
  return { interactions, trainNeeds: ids.length, splitSource }
}
