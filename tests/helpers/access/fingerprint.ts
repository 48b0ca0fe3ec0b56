import { prisma } from '#app/utils/db.server'

/**
 * A digest of every table of the database, to tell whether a request changed anything: the
 * access-rule test takes one before and after each write and requires a refused one to leave it
 * as it was. The tables and their columns are read from the database itself, so a table added by
 * a migration is covered without touching this file. Left out, each with its reason:
 */
export const IGNORED_TABLES: Record<string, string> = {
  _prisma_migrations: 'the migrations applied, not data',
  /** RateLimit: counts attempts (log-in, API calls), refused ones included — that is its purpose. */
  rate_limits: 'RateLimit: counts attempts (log-in, API calls), refused ones included',
}
/** Columns that change on any request, read or refused write alike. */
export const IGNORED_COLUMNS: Record<string, string[]> = {
  Session: ['lastSeenAt', 'expiresAt'],
  ApiToken: ['lastUsedAt'],
  User: ['lastLoginAt'],
}

let statement: Promise<{ sql: string; tables: string[] }> | undefined

async function buildStatement() {
  const columns = await prisma.$queryRaw<Array<{ table: string; column: string }>>`
    SELECT c.table_name AS table, c.column_name AS column
    FROM information_schema.columns c
    JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
    WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
    ORDER BY c.table_name, c.ordinal_position`
  const byTable = new Map<string, string[]>()
  for (const { table, column } of columns) {
    if (table in IGNORED_TABLES || IGNORED_COLUMNS[table]?.includes(column)) continue
    byTable.set(table, [...(byTable.get(table) ?? []), column])
  }
  const quote = (name: string) => `"${name.replace(/"/g, '""')}"`
  const parts = [...byTable].map(([table, cols]) => {
    const row = `ROW(${cols.map((column) => `t.${quote(column)}`).join(', ')})::text`
    return `(SELECT md5(coalesce(string_agg(${row}, ',' ORDER BY ${row}), '')) FROM ${quote(table)} t) AS ${quote(table)}`
  })
  return { sql: `SELECT ${parts.join(',\n')}`, tables: [...byTable.keys()] }
}

/** The tables the fingerprint covers (every base table but the ignored ones). */
export async function fingerprintedTables() {
  statement ??= buildStatement()
  return (await statement).tables
}

export async function worldFingerprint(): Promise<string> {
  statement ??= buildStatement()
  const [row] = await prisma.$queryRawUnsafe<Array<Record<string, string>>>((await statement).sql)
  return JSON.stringify(row)
}

/** The tables whose digest differs between two fingerprints: what a request changed. */
export function changedTables(before: string, after: string) {
  const a = JSON.parse(before) as Record<string, string>
  const b = JSON.parse(after) as Record<string, string>
  return Object.keys(b).filter((table) => a[table] !== b[table])
}
