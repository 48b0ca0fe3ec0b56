import { readdir, stat } from 'node:fs/promises'
import path from 'node:path'
import { prisma } from '#app/utils/db.server'

/**
 * "Nothing was written": a fingerprint of every table of the test file's database (row count and
 * a hash of every row, so an `updatedAt`, a status or a counter that moved is seen), of the
 * attachment storage directory, compared before and after each generated request.
 *
 * Left out: the rate-limit counters (a refused log-in attempt is counted on purpose) and
 * Prisma's migration table.
 */
const IGNORED = new Set(['rate_limits', '_prisma_migrations'])

let query: Promise<string> | undefined

async function fingerprintQuery() {
  const tables = await prisma.$queryRawUnsafe<Array<{ table_name: string }>>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`,
  )
  const parts = tables
    .map((row) => row.table_name)
    .filter((name) => !IGNORED.has(name))
    .map((name) => {
      const quoted = `"${name.replace(/"/g, '""')}"`
      return `SELECT '${name.replace(/'/g, "''")}' AS name, count(*)::int AS rows, md5(coalesce(string_agg(md5(x::text), '' ORDER BY md5(x::text)), '')) AS hash FROM ${quoted} x`
    })
  return parts.join(' UNION ALL ')
}

export type Fingerprint = Record<string, string>

export async function databaseFingerprint(): Promise<Fingerprint> {
  query ??= fingerprintQuery()
  const rows = await prisma.$queryRawUnsafe<Array<{ name: string; rows: number; hash: string }>>(await query)
  return Object.fromEntries(rows.map((row) => [row.name, `${row.rows}:${row.hash}`]))
}

async function listFiles(dir: string): Promise<string[]> {
  let entries: string[]
  try {
    entries = await readdir(dir)
  } catch {
    return []
  }
  const files: string[] = []
  for (const entry of entries) {
    const full = path.join(dir, entry)
    const info = await stat(full)
    if (info.isDirectory()) files.push(...(await listFiles(full)))
    else files.push(`${path.relative(dir, full)}:${info.size}`)
  }
  return files.sort()
}

/** The stored attachments (STORAGE_DIR of this test file). */
export function storageFingerprint() {
  return listFiles(path.resolve(process.env.STORAGE_DIR ?? '.data/uploads'))
}

export async function fullFingerprint() {
  const [database, storage] = await Promise.all([databaseFingerprint(), storageFingerprint()])
  return { database, storage }
}

/** The tables whose fingerprint changed, for a readable failure. */
export function changedTables(before: Fingerprint, after: Fingerprint) {
  return Object.keys({ ...before, ...after }).filter((name) => before[name] !== after[name])
}

/** Forgets every rate-limit counter: generated log-ins and sign-ups would otherwise hit them. */
export async function clearRateLimits() {
  await prisma.$executeRawUnsafe('DELETE FROM rate_limits')
}
