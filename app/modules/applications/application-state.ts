import { createStateMachine } from '../shared/state-machine'

export const applicationStatuses = [
  'DRAFT',
  'SUBMITTED',
  'SCREENING',
  'SHORTLISTED',
  'INFO_REQUESTED',
  'ACCEPTED',
  'DECLINED',
  'WITHDRAWN',
] as const
export type ApplicationStatus = (typeof applicationStatuses)[number]

/**
 * DESIGN.md §3: DRAFT → SUBMITTED → (SCREENING) → SHORTLISTED → (INFO_REQUESTED → SHORTLISTED)* →
 * ACCEPTED | DECLINED, WITHDRAWN.
 */
export const applicationMachine = createStateMachine({
  submit: { from: ['DRAFT'], to: 'SUBMITTED' },
  /** Needs that ask for it: staff screen submitted applications first. */
  startScreening: { from: ['SUBMITTED'], to: 'SCREENING' },
  shortlist: { from: ['SUBMITTED', 'SCREENING', 'INFO_REQUESTED'], to: 'SHORTLISTED' },
  requestInfo: { from: ['SHORTLISTED'], to: 'INFO_REQUESTED' },
  answerInfo: { from: ['INFO_REQUESTED'], to: 'SHORTLISTED' },
  accept: { from: ['SHORTLISTED'], to: 'ACCEPTED' },
  decline: { from: ['SUBMITTED', 'SCREENING', 'SHORTLISTED', 'INFO_REQUESTED'], to: 'DECLINED' },
  withdraw: { from: ['DRAFT', 'SUBMITTED', 'SCREENING', 'SHORTLISTED', 'INFO_REQUESTED'], to: 'WITHDRAWN' },
} satisfies Record<string, { from: ApplicationStatus[]; to: ApplicationStatus }>)

export type ApplicationAction = keyof typeof applicationMachine.table

/** Applications the partner is waiting on: they count against the charter's answer delay. */
export function awaitsPartner(status: ApplicationStatus) {
  return status === 'SUBMITTED' || status === 'SHORTLISTED'
}
