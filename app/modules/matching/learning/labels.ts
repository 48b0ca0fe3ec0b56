import { declineSignalsFrom, type DeclineSignals } from '../engine/engine'
import { ENGINE_PARAMS } from '../engine/config'

/**
 * Behaviour on a (need, firm) pair turned into a graded label, 0–3, for learning to rank (pure).
 *
 * | event | grade |
 * | --- | --- |
 * | deal: pilot succeeded or contract | 3 (final) |
 * | deal started (pilot, failed, cancelled), application accepted or shortlisted | 2 |
 * | firm invited, application submitted, "good match" feedback (any side) | 1 |
 * | "not relevant" feedback (any side), match dismissed or rejected | 0 |
 * | application declined for SKILLS_FIT, SCOPE_FIT, CAPACITY, DISTANCE or BUDGET | 0 |
 * | application declined for TIMING, OTHER_CANDIDATE, PROJECT_CANCELLED, OTHER, or no reason | no evidence |
 *
 * Events are read in time order: a grade-0 event overrides what came before (the later judgment
 * is the better informed: invited, then declined as out of scope → 0), a positive event raises the
 * grade (shortlisted then "good match" stays 2), and a successful deal is final. The pair's time is
 * that of the last event that carried evidence.
 */

export const INTERACTION_KINDS = [
  'feedback-good',
  'feedback-not-relevant',
  'invited',
  'dismissed',
  'rejected',
  'submitted',
  'shortlisted',
  'accepted',
  'declined',
  'deal',
  'deal-success',
] as const
export type InteractionKind = (typeof INTERACTION_KINDS)[number]

export const DECLINE_REASONS = ['BUDGET', 'TIMING', 'SKILLS_FIT', 'SCOPE_FIT', 'CAPACITY', 'DISTANCE', 'OTHER_CANDIDATE', 'PROJECT_CANCELLED', 'OTHER'] as const
export type DeclineReason = (typeof DECLINE_REASONS)[number]

export interface Interaction {
  needId: string
  firmId: string
  kind: InteractionKind
  at: Date
  /** For `declined`: the partner's reason. */
  declineReason?: DeclineReason | null
}

export type Grade = 0 | 1 | 2 | 3

/** Declines that say the pair was a bad match (the others say nothing about the match). */
export const FIT_DECLINES: ReadonlySet<DeclineReason> = new Set(['SKILLS_FIT', 'SCOPE_FIT', 'CAPACITY', 'DISTANCE', 'BUDGET'])

/** The grade an event carries, null when it is no evidence either way. */
export function gradeOf(interaction: Pick<Interaction, 'kind' | 'declineReason'>): Grade | null {
  switch (interaction.kind) {
    case 'deal-success':
      return 3
    case 'deal':
    case 'accepted':
    case 'shortlisted':
      return 2
    case 'invited':
    case 'submitted':
    case 'feedback-good':
      return 1
    case 'feedback-not-relevant':
    case 'dismissed':
    case 'rejected':
      return 0
    case 'declined':
      return interaction.declineReason && FIT_DECLINES.has(interaction.declineReason) ? 0 : null
  }
}

export interface LabelledPair {
  needId: string
  firmId: string
  label: Grade
  /** The last event that carried evidence. */
  at: Date
}

const pairKey = (needId: string, firmId: string) => `${needId}\u0000${firmId}`

/** One label per (need, firm) pair that has at least one event carrying evidence; ordered by time, then ids. */
export function labelPairs(interactions: readonly Interaction[]): LabelledPair[] {
  const sorted = [...interactions].sort((a, b) => a.at.getTime() - b.at.getTime() || INTERACTION_KINDS.indexOf(a.kind) - INTERACTION_KINDS.indexOf(b.kind))
  const pairs = new Map<string, LabelledPair>()
  for (const interaction of sorted) {
    const grade = gradeOf(interaction)
    if (grade === null) continue
    const key = pairKey(interaction.needId, interaction.firmId)
    const pair = pairs.get(key)
    if (!pair) {
      pairs.set(key, { needId: interaction.needId, firmId: interaction.firmId, label: grade, at: interaction.at })
      continue
    }
    if (pair.label === 3) continue
    pair.label = grade === 0 ? 0 : (Math.max(pair.label, grade) as Grade)
    pair.at = interaction.at
  }
  return [...pairs.values()].sort(
    (a, b) => a.at.getTime() - b.at.getTime() || (a.needId < b.needId ? -1 : a.needId > b.needId ? 1 : a.firmId < b.firmId ? -1 : a.firmId > b.firmId ? 1 : 0),
  )
}

/**
 * The time that leaves `heldOutShare` of the labelled pairs at or after it (the most recent ones):
 * train on the pairs before it, evaluate on the others.
 */
export function timeCut(pairs: readonly LabelledPair[], heldOutShare = 0.25): Date {
  if (pairs.length === 0) throw new RangeError('No labelled pair: nothing to split')
  const times = pairs.map((pair) => pair.at.getTime()).sort((a, b) => a - b)
  const index = Math.min(times.length - 1, Math.max(0, Math.floor(times.length * (1 - heldOutShare))))
  return new Date(times[index])
}

export function splitByTime(pairs: readonly LabelledPair[], cut: Date) {
  return {
    train: pairs.filter((pair) => pair.at.getTime() < cut.getTime()),
    heldOut: pairs.filter((pair) => pair.at.getTime() >= cut.getTime()),
  }
}

/**
 * Each firm's decline signals as of `asOf`, from its applications decided (accepted or declined)
 * in the `declines.windowDays` before it: what the engine would have known then.
 */
export function declineSignalsAsOf(interactions: readonly Interaction[], asOf: Date): Map<string, DeclineSignals> {
  const from = asOf.getTime() - ENGINE_PARAMS.declines.windowDays * 86_400_000
  const counts = new Map<string, { decided: number; scope: number; capacity: number; distance: number }>()
  for (const interaction of interactions) {
    const time = interaction.at.getTime()
    if (time >= asOf.getTime() || time < from) continue
    if (interaction.kind !== 'accepted' && interaction.kind !== 'declined') continue
    let count = counts.get(interaction.firmId)
    if (!count) counts.set(interaction.firmId, (count = { decided: 0, scope: 0, capacity: 0, distance: 0 }))
    count.decided++
    if (interaction.kind !== 'declined') continue
    const reason = interaction.declineReason
    if (reason === 'SCOPE_FIT' || reason === 'SKILLS_FIT') count.scope++
    else if (reason === 'CAPACITY') count.capacity++
    else if (reason === 'DISTANCE') count.distance++
  }
  const signals = new Map<string, DeclineSignals>()
  for (const [firmId, count] of counts) {
    const value = declineSignalsFrom(count)
    if (value) signals.set(firmId, value)
  }
  return signals
}
