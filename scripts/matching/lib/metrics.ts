/**
 * Ranking metrics of the evaluation, over graded relevance (0–3; unlabelled = 0):
 * NDCG@k with gains 2^g − 1, precision@k and recall@k with "relevant" = grade ≥ 2.
 */
export type Grades = Readonly<Record<string, number>>

export const RELEVANT_GRADE = 2

export function dcg(gains: readonly number[], k: number) {
  let sum = 0
  for (let position = 0; position < Math.min(k, gains.length); position++) sum += (2 ** gains[position] - 1) / Math.log2(position + 2)
  return sum
}

export function ndcgAt(ranked: readonly string[], grades: Grades, k: number) {
  const ideal = dcg(
    Object.values(grades)
      .filter((grade) => grade > 0)
      .sort((a, b) => b - a),
    k,
  )
  if (ideal === 0) return 0
  return dcg(ranked.map((id) => grades[id] ?? 0), k) / ideal
}

export function precisionAt(ranked: readonly string[], grades: Grades, k: number) {
  let relevant = 0
  for (const id of ranked.slice(0, k)) if ((grades[id] ?? 0) >= RELEVANT_GRADE) relevant++
  return relevant / k
}

/** Null when the need has no relevant firm (left out of the average). */
export function recallAt(ranked: readonly string[], grades: Grades, k: number) {
  const total = Object.values(grades).filter((grade) => grade >= RELEVANT_GRADE).length
  if (total === 0) return null
  let found = 0
  for (const id of ranked.slice(0, k)) if ((grades[id] ?? 0) >= RELEVANT_GRADE) found++
  return found / total
}

export interface Summary {
  ndcg10: number
  p5: number
  recall50: number
}

export function summarise(rankings: ReadonlyMap<string, readonly string[]>, gradesByNeed: Readonly<Record<string, Grades>>): Summary {
  let ndcg = 0
  let precision = 0
  let recall = 0
  let recallCount = 0
  for (const [needId, ranked] of rankings) {
    const grades = gradesByNeed[needId] ?? {}
    ndcg += ndcgAt(ranked, grades, 10)
    precision += precisionAt(ranked, grades, 5)
    const value = recallAt(ranked, grades, 50)
    if (value !== null) {
      recall += value
      recallCount++
    }
  }
  const count = Math.max(1, rankings.size)
  const round = (value: number) => Math.round(value * 10_000) / 10_000
  return { ndcg10: round(ndcg / count), p5: round(precision / count), recall50: round(recall / Math.max(1, recallCount)) }
}
