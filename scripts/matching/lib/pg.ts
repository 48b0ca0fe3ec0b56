import pg from 'pg'
import type { FirmDoc, NeedDoc } from '#app/modules/matching/engine/engine'

/**
 * Scratch PostgreSQL databases for the evaluation and the benchmark: created on the machine's
 * server, always dropped at the end (also on error and on Ctrl-C).
 */
export const ADMIN_URL = process.env.MATCHING_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres'

export async function withScratchDatabase<T>(label: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const name = `sillon_matching_${label}_${process.pid}_${Date.now().toString(36)}`
  const admin = new pg.Client({ connectionString: ADMIN_URL })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  let dropped = false
  const drop = async () => {
    if (dropped) return
    dropped = true
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
  }
  const onSignal = (signal: NodeJS.Signals) => {
    void drop()
      .catch(() => {})
      .finally(() => process.exit(signal === 'SIGINT' ? 130 : 143))
  }
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
  const url = new URL(ADMIN_URL)
  url.pathname = `/${name}`
  const client = new pg.Client({ connectionString: url.toString() })
  try {
    await client.connect()
    return await run(client)
  } finally {
    await client.end().catch(() => {})
    await drop()
    await admin.end()
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
  }
}

/** A French text search configuration, with unaccent when the extension is available. */
export async function setupFrenchSearch(client: pg.Client) {
  let unaccent = true
  try {
    await client.query('CREATE EXTENSION IF NOT EXISTS unaccent')
  } catch {
    unaccent = false
  }
  await client.query('CREATE TEXT SEARCH CONFIGURATION sillon_fr (COPY = french)')
  if (unaccent) await client.query('ALTER TEXT SEARCH CONFIGURATION sillon_fr ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem')
  return { config: 'sillon_fr', unaccent }
}

/** The same fields as the engine's firm document. */
export function firmText(firm: FirmDoc) {
  return [firm.description, firm.offerings, ...(firm.references ?? []).flatMap((ref) => [ref.title, ref.description]), (firm.skills ?? []).join(', ')]
    .filter(Boolean)
    .join('\n')
}

/** The same fields as the engine's query (the title twice). */
export function needText(need: NeedDoc) {
  return [need.title, need.title, need.summary, need.description, (need.skills ?? []).join(', ')].filter(Boolean).join('\n')
}

/** Loads firms into `firms(id text, doc tsvector)`, in batches of unnest arrays. */
export async function loadFirms(client: pg.Client, config: string, firms: readonly FirmDoc[], { gin = false, batch = 2000 } = {}) {
  await client.query('CREATE TABLE firms (id text PRIMARY KEY, doc tsvector NOT NULL)')
  for (let start = 0; start < firms.length; start += batch) {
    const slice = firms.slice(start, start + batch)
    await client.query(`INSERT INTO firms (id, doc) SELECT id, to_tsvector('${config}', body) FROM unnest($1::text[], $2::text[]) AS t(id, body)`, [
      slice.map((firm) => firm.id),
      slice.map(firmText),
    ])
  }
  if (gin) await client.query('CREATE INDEX firms_doc ON firms USING gin (doc)')
  await client.query('ANALYZE firms')
}

/**
 * PostgreSQL's own ranking: an OR query of the need's lexemes (plainto_tsquery would AND them and
 * find nothing), ranked with ts_rank_cd.
 */
export async function rankWithPostgres(client: pg.Client, config: string, need: NeedDoc, limit: number) {
  // The query is built first, in its own statement: inlined into the ranking query, PostgreSQL
  // would rebuild it for every row.
  const built = await client.query<{ query: string | null }>(
    `SELECT string_agg(quote_literal(lexeme), ' | ') AS query FROM unnest(to_tsvector('${config}', $1))`,
    [needText(need)],
  )
  const query = built.rows[0]?.query
  if (!query) return []
  const result = await client.query<{ id: string }>(
    `SELECT id FROM firms WHERE doc @@ $1::tsquery ORDER BY ts_rank_cd(doc, $1::tsquery) DESC, id LIMIT $2`,
    [query, limit],
  )
  return result.rows.map((row) => row.id)
}
