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
  /** An edit of a published need goes back to staff; firms keep seeing the approved version. */
  resubmitEdit: { from: ['PUBLISHED'], to: 'SUBMITTED' },
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
