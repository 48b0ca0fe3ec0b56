import { createStateMachine } from '../shared/state-machine'

export const needStatuses = [
  'DRAFT',
  'SUBMITTED',
  'CHANGES_REQUESTED',
  'PUBLISHED',
  'CLOSED',
  'AWARDED',
  'NOT_AWARDED',
  'ARCHIVED',
] as const
export type NeedStatus = (typeof needStatuses)[number]

/** DESIGN.md §3: DRAFT → SUBMITTED → (CHANGES_REQUESTED → SUBMITTED)* → PUBLISHED → CLOSED → AWARDED | NOT_AWARDED, ARCHIVED. */
export const needMachine = createStateMachine({
  submit: { from: ['DRAFT', 'CHANGES_REQUESTED'], to: 'SUBMITTED' },
  requestChanges: { from: ['SUBMITTED'], to: 'CHANGES_REQUESTED' },
  publish: { from: ['SUBMITTED'], to: 'PUBLISHED' },
  close: { from: ['PUBLISHED'], to: 'CLOSED' },
  award: { from: ['CLOSED'], to: 'AWARDED' },
  notAward: { from: ['CLOSED'], to: 'NOT_AWARDED' },
  archive: { from: ['DRAFT', 'CHANGES_REQUESTED', 'CLOSED', 'AWARDED', 'NOT_AWARDED'], to: 'ARCHIVED' },
} satisfies Record<string, { from: NeedStatus[]; to: NeedStatus }>)

export type NeedAction = keyof typeof needMachine.table

/** States whose content the partner may still edit without moderation. */
export function isEditableDraft(status: NeedStatus) {
  return status === 'DRAFT' || status === 'CHANGES_REQUESTED'
}

/**
 * An edit of a published need goes back to staff while firms keep seeing the approved version:
 * the need stays PUBLISHED and carries a revision with its own small lifecycle.
 * NONE → SUBMITTED → (CHANGES_REQUESTED → SUBMITTED)* → NONE (approved: applied; or withdrawn).
 */
export type RevisionState = 'NONE' | 'SUBMITTED' | 'CHANGES_REQUESTED'

export const revisionMachine = createStateMachine({
  submitRevision: { from: ['NONE', 'SUBMITTED', 'CHANGES_REQUESTED'], to: 'SUBMITTED' },
  requestRevisionChanges: { from: ['SUBMITTED'], to: 'CHANGES_REQUESTED' },
  approveRevision: { from: ['SUBMITTED'], to: 'NONE' },
  withdrawRevision: { from: ['SUBMITTED', 'CHANGES_REQUESTED'], to: 'NONE' },
} satisfies Record<string, { from: RevisionState[]; to: RevisionState }>)

export type RevisionAction = keyof typeof revisionMachine.table

/** The states only publication leads to (see `needMachine`). */
const PUBLISHED_STATES: readonly NeedStatus[] = ['PUBLISHED', 'CLOSED', 'AWARDED', 'NOT_AWARDED']

/**
 * Whether firms may see the need at all (it was published and is not archived). Judged on the
 * status alone, which only publication reaches, so that lists evaluate it from the list index.
 */
export function wasPublished(need: { status: NeedStatus; publishedAt?: Date | null }) {
  return PUBLISHED_STATES.includes(need.status)
}

/**
 * Whether the need went to moderation at some point: its hub's staff see it from then on. A draft
 * archived without ever being submitted stays its partner's.
 */
export function wasSubmitted(need: { status: NeedStatus; submittedAt: Date | null; publishedAt: Date | null }) {
  if (need.status === 'DRAFT') return false
  if (need.status === 'ARCHIVED') return need.submittedAt !== null || need.publishedAt !== null
  return true
}
