import type { RevisionState } from './need-state'

/**
 * A published need's edit awaiting moderation, as stored in `Need.pendingRevision` (JSON, dates as
 * ISO strings): the fields to apply when staff approve it.
 */
export interface StoredRevision {
  state: Exclude<RevisionState, 'NONE'>
  data: Record<string, unknown> & {
    title: string
    summary: string
    description: string
    skills: string[]
    budgetMinEur: number | null
    budgetMaxEur: number | null
    deadline: string | null
    expectedStart: string | null
  }
  sharedHubIds: string[]
  submittedAt: string
  submittedById: string
}

export function readRevision(value: unknown): StoredRevision | null {
  if (!value || typeof value !== 'object' || !('state' in value) || !('data' in value)) return null
  return value as StoredRevision
}

export function revisionState(need: { pendingRevision: unknown }): RevisionState {
  return readRevision(need.pendingRevision)?.state ?? 'NONE'
}
