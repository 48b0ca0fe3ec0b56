import { buildIndex, type FirmDoc } from '../engine/engine'
import { readFirmDoc, readNeedDocs, readVerifiedFirmDocs } from '../documents.server'
import { extractInteractions } from './extract.server'
import { labelPairs } from './labels'
import type { TrainOptions } from './ranker'
import { trainFromInteractions, type TrainingReport } from './train'

/**
 * `npm run matching:train` on the product's own behaviour: every interaction of the database,
 * the needs and firms they concern (closed needs and firms no longer verified included: they were
 * judged), the corpus statistics of today's verified firms.
 */
export async function trainFromDatabase(options: { heldOutShare?: number; trainOptions?: TrainOptions } = {}): Promise<{ ok: true; report: TrainingReport } | { ok: false; message: string }> {
  const interactions = await extractInteractions()
  const pairs = labelPairs(interactions)
  if (pairs.length < 4) return { ok: false, message: `not enough behaviour to learn from: ${pairs.length} labelled (need, firm) pairs` }
  const firms = new Map<string, FirmDoc>()
  for await (const page of readVerifiedFirmDocs()) for (const firm of page) firms.set(firm.id, firm)
  const corpusStats = buildIndex(firms.values(), { autoCompactRatio: 0 }).corpusStats()
  for (const firmId of new Set(pairs.map((pair) => pair.firmId))) {
    if (firms.has(firmId)) continue
    const firm = await readFirmDoc(firmId)
    if (firm) firms.set(firmId, firm)
  }
  const needs = new Map((await readNeedDocs([...new Set(pairs.map((pair) => pair.needId))])).map((need) => [need.id, need]))
  return { ok: true, report: trainFromInteractions({ interactions, needs, firms, corpusStats, heldOutShare: options.heldOutShare, trainOptions: options.trainOptions }) }
}
