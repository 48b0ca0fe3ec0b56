import { ENGINE_PARAMS } from './config'

/**
 * Okapi BM25, as plain functions over numbers (the index applies them to its typed arrays):
 *
 *   score(need, firm) = Σ_t  w(qtf_t) · idf(t) · tf_t·(k1 + 1) / (tf_t + k1·(1 − b + b·dl/avgdl))
 *
 * with idf(t) = ln(1 + (N − df + 0.5) / (df + 0.5)) (never negative) and a saturating query term
 * weight w(qtf) = (k3 + 1)·qtf / (k3 + qtf), qtf counting the need's title `titleWeight` times.
 */
export interface Bm25Params {
  k1: number
  b: number
}

export const DEFAULT_BM25: Bm25Params = { k1: ENGINE_PARAMS.bm25.k1, b: ENGINE_PARAMS.bm25.b }

export function idf(firmCount: number, df: number) {
  return Math.log(1 + (firmCount - df + 0.5) / (df + 0.5))
}

export function queryTermWeight(qtf: number, k3: number = ENGINE_PARAMS.bm25.k3) {
  return ((k3 + 1) * qtf) / (k3 + qtf)
}

/** The document-length part of the denominator, k1·(1 − b + b·dl/avgdl), precomputed per firm. */
export function lengthNorm(docLength: number, averageLength: number, params: Bm25Params = DEFAULT_BM25) {
  return params.k1 * (1 - params.b + (params.b * docLength) / (averageLength || 1))
}

/** One term's contribution; `weightedIdf` = w(qtf)·idf, `norm` = lengthNorm(dl). */
export function termScore(weightedIdf: number, tf: number, norm: number, k1: number = DEFAULT_BM25.k1) {
  return (weightedIdf * tf * (k1 + 1)) / (tf + norm)
}

/**
 * BM25 sums are kept in integer units of 1e−9: integer additions are exact in a double, so a sum
 * does not depend on the order of its terms, and a pair scores exactly the same whether it is
 * accumulated from postings (in any order) or computed alone.
 */
export const BM25_UNITS = 1e9

export function toUnits(score: number) {
  return Math.round(score * BM25_UNITS)
}
