/** `npm run db:migrate`: applies the pending migrations to DATABASE_URL. */
import { MIGRATIONS_DIR } from './schema-engine.ts'
import { migrateDeploy } from './migrations.ts'

const url = process.env.DATABASE_URL
if (!url) {
  console.error('DATABASE_URL is not set (e.g. postgresql://postgres@127.0.0.1:5432/sillon)')
  process.exit(2)
}
try {
  const applied = await migrateDeploy(url, { migrationsDir: MIGRATIONS_DIR, log: (line) => console.warn(line) })
  if (applied.length === 0) console.log('No pending migrations to apply.')
  else console.log(`Applied ${applied.length} migration(s):\n${applied.map((name) => `  ${name}`).join('\n')}`)
  // The wasm engine leaves a 10 s timer behind; exit explicitly.
  process.exit(0)
} catch (error) {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
}
