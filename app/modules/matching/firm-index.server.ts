import { getEnv } from '#app/utils/env.server'
import { getLogger } from '#app/utils/logger.server'
import { singleton } from '#app/utils/singleton.server'
import { countVerifiedFirms, databaseNow, readFirmDocsChangedSince, readVerifiedFirmDocs } from './documents.server'
import { buildIndex, type FirmDoc, type MatchingIndex } from './engine/engine'

/**
 * The firm index of this process: built from PostgreSQL on first use, then brought up to date
 * before every ranking. PostgreSQL stays the only source of truth; each worker process holds its
 * own copy and catches up on its own, so several processes and restarts need no coordination:
 *
 * - `syncFirmIndex()` re-reads the firms changed since the last sync (their `updatedAt`, minus a
 *   margin for transactions still in flight and clock skew): verified ones are upserted, the others
 *   removed. Profile edits touch `updatedAt` (organisations/profile.server.ts);
 * - a verified-firm count that differs from the index's (a firm deleted) rebuilds the index;
 * - the nightly refresh rebuilds it (deals won and responsiveness, which no profile edit touches,
 *   are read again then).
 *
 * See docs/decisions/0008-matching-engine.md.
 */
const SYNC_MARGIN_MS = 2 * 60_000

interface Holder {
  index: MatchingIndex | null
  /** Database time of the last full build or sync. */
  syncedAt: Date | null
  /** The `updatedAt` of each firm version applied by a sync (re-reads inside the margin skip it). */
  applied: Map<string, number>
  building: Promise<MatchingIndex> | null
}

function holder() {
  return singleton(`firm-index:${getEnv().DATABASE_URL}`, (): Holder => ({ index: null, syncedAt: null, applied: new Map(), building: null }))
}

/** Builds the index from every verified firm and makes it this process's. */
export async function rebuildFirmIndex(): Promise<MatchingIndex> {
  const state = holder()
  state.building ??= (async () => {
    const started = performance.now()
    const since = await databaseNow()
    const docs: FirmDoc[] = []
    for await (const page of readVerifiedFirmDocs()) docs.push(...page)
    const index = buildIndex(docs)
    state.index = index
    state.syncedAt = since
    state.applied.clear()
    getLogger().info({ firms: index.size, ms: Math.round(performance.now() - started) }, 'firm index built')
    return index
  })().finally(() => {
    state.building = null
  })
  return state.building
}

/** The index, up to date with the database as of this call. */
export async function syncFirmIndex(): Promise<MatchingIndex> {
  const state = holder()
  if (state.building) return state.building
  if (!state.index || !state.syncedAt) return rebuildFirmIndex()
  const index = state.index
  const now = await databaseNow()
  const changed = await readFirmDocsChangedSince(new Date(state.syncedAt.getTime() - SYNC_MARGIN_MS))
  for (const { doc, updatedAt } of changed) {
    if (state.applied.get(doc.id) === updatedAt.getTime()) continue
    if (doc.verified) index.upsertFirm(doc)
    else index.removeFirm(doc.id)
    state.applied.set(doc.id, updatedAt.getTime())
  }
  state.syncedAt = now
  if ((await countVerifiedFirms()) !== index.size) return rebuildFirmIndex()
  return index
}

/** Forgets the index (tests that rebuild a world from scratch). */
export function dropFirmIndex() {
  const state = holder()
  state.index = null
  state.syncedAt = null
  state.applied.clear()
}
