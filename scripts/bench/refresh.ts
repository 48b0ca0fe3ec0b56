/**
 * `npm run bench:refresh -- --database URL`: the product's full refresh of the matches
 * (`refreshAllMatches`, what the nightly job runs) on an already-loaded database, e.g. the one
 * `npm run bench:web -- --keep` leaves (10 000 needs, 2 000 firms): the firm index built from
 * PostgreSQL, every open need ranked and its best firms written, then every verified firm. Prints
 * its figures, the last line as one JSON object. It rewrites that database's matches (never use it
 * on a database whose matches you want to keep as they are).
 */
import { parseArgs } from 'node:util'

const { values } = parseArgs({ options: { database: { type: 'string' } } })
if (!values.database) {
  console.error('usage: npm run bench:refresh -- --database postgresql://…  (e.g. the URL printed by npm run bench:web -- --keep)')
  process.exit(2)
}
process.env.DATABASE_URL = values.database
process.env.LOG_LEVEL ??= 'warn'

const { refreshAllMatches } = await import('#app/modules/matching/service.server')
const { prisma } = await import('#app/utils/db.server')

const started = performance.now()
let lastShown = 0
const result = await refreshAllMatches({
  report: (progress) => {
    const percent = Math.floor((100 * progress.done) / Math.max(1, progress.total))
    if (percent >= lastShown + 10 || progress.done === progress.total) {
      lastShown = percent
      console.error(`  ${percent} % (${progress.done} / ${progress.total}) after ${((performance.now() - started) / 1000).toFixed(1)} s`)
    }
  },
})
const refreshMs = Math.round(performance.now() - started)
const rssMb = Math.round(process.memoryUsage().rss / 1_048_576)
console.log(`full refresh: ${result.needs} open needs, ${result.firms} verified firms, ${result.matchesWritten} matches written in ${(refreshMs / 1000).toFixed(1)} s; RSS ${rssMb} MB`)
console.log(JSON.stringify({ needs: result.needs, firms: result.firms, matchesWritten: result.matchesWritten, refreshMs, rssMb }))
await prisma.$disconnect()
