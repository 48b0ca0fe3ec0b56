import { buildIndex, rankNeed } from '#app/modules/matching/engine/engine'
import { loadEvalSet, setReason } from './lib/eval-set'
const set = loadEvalSet()
const index = buildIndex(set.firms)
for (const need of set.needs.filter(n => process.argv.slice(2).includes(n.id))) {
  console.log(`\n${need.id} ${need.title} | primary ${set.judgement.get(need.id)!.primary} related ${set.judgement.get(need.id)!.related}`)
  const ranked = rankNeed(index, need, { now: set.now, top: 10, hubScope: 'all', explain: false })
  for (const m of ranked) console.log(' ', m.score.toFixed(0).padStart(3), (set.grades[need.id][m.firmId] ?? 0), m.firmId.padEnd(24), set.latent.get(m.firmId)!.capabilities.join(','), setReason(set, need.id, m.firmId) ?? '')
  const best = Object.entries(set.grades[need.id]).filter(([, g]) => g >= 2).map(([f, g]) => `${f}:${g}`)
  console.log('  relevant:', best.join(' '))
}
