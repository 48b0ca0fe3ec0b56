/**
 * `npm run db:seed [-- --reset]`: fills DATABASE_URL with the demo data set (prisma/seed-data.ts)
 * and prints the demo logins. Without --reset it leaves a database that already has hubs alone;
 * with --reset it first empties every application table (never _prisma_migrations).
 */
import { Prisma } from '#app/generated/prisma/client'
import { disconnectPrisma, prisma } from '#app/utils/db.server'
import { getEnv } from '#app/utils/env.server'
import { demoLoginsText } from './demo-logins'
import { seedDemoData } from './seed-data'

const args = process.argv.slice(2)
const reset = args.includes('--reset')
const unknown = args.filter((arg) => arg !== '--reset')
/** Set once rows may have been written: a failure then leaves a half-filled database. */
let writing = false

async function main() {
  if (unknown.length > 0) throw new Error(`Argument inconnu / unknown argument: ${unknown.join(' ')} (usage: tsx prisma/seed.ts [--reset])`)
  getEnv() // fails early, naming DATABASE_URL, when it is missing or malformed

  if (!reset && (await prisma.hub.count()) > 0) {
    console.log(
      'Les données de démonstration existent déjà (relancez avec --reset pour tout recréer) / Demo data already exists (rerun with --reset to recreate it).',
    )
    return
  }

  if (reset && getEnv().NODE_ENV === 'production' && process.env.SILLON_ALLOW_RESET !== 'yes') {
    throw new Error('Refus : --reset efface toute la base ; en production, définissez SILLON_ALLOW_RESET=yes pour confirmer / refused in production without SILLON_ALLOW_RESET=yes')
  }
  if (reset) {
    // Only the models that have a table (RateLimit's is created by the rate limiter on first use).
    const existing = await prisma.$queryRaw<Array<{ name: string }>>`
      SELECT name FROM unnest(${Object.values(Prisma.ModelName)}::text[]) AS name WHERE to_regclass(format('%I', name)) IS NOT NULL`
    const tables = existing.map(({ name }) => `"${name}"`).join(', ')
    console.log('Remise à zéro de la base / resetting the database…')
    writing = true
    await prisma.$executeRawUnsafe(`TRUNCATE TABLE ${tables} RESTART IDENTITY CASCADE`)
  }

  writing = true
  const started = performance.now()
  const { counts } = await seedDemoData({ log: (line) => console.log(`  ${line}`) })
  const seconds = ((performance.now() - started) / 1000).toFixed(1)

  const width = Math.max(...Object.keys(counts).map((key) => key.length))
  console.log(`\nDonnées de démonstration créées en ${seconds} s / demo data seeded in ${seconds} s:`)
  for (const [key, value] of Object.entries(counts)) console.log(`  ${key.padEnd(width)}  ${value}`)
  console.log(`\n${demoLoginsText()}\n`)
}

let exitCode = 0
try {
  await main()
} catch (error) {
  exitCode = 1
  console.error(error instanceof Error ? error.message : error)
  if (writing) console.error('(Si la base est partiellement remplie / if the database is half-filled: tsx prisma/seed.ts --reset)')
} finally {
  await disconnectPrisma().catch(() => {})
}
process.exit(exitCode)
