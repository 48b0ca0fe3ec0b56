/**
 * `npm run db:migration:new NAME`: writes the next migration from prisma/schema.prisma.
 * Needs a PostgreSQL server for a throw-away shadow database: DATABASE_URL, or the machine's
 * local server by default. The database's contents are neither read nor changed.
 */
import path from 'node:path'
import { createMigration } from './migrations.ts'

const name = process.argv[2] ?? ''
const url = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres'
try {
  const file = await createMigration(name, url)
  console.log(file ? `created ${path.relative(process.cwd(), file)}` : 'no changes: prisma/schema.prisma matches the migration history')
  process.exit(0)
} catch (error) {
  console.error(error instanceof Error ? error.message : error)
  process.exit(name ? 1 : 2)
}
