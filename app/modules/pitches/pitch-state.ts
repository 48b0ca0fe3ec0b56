import { charterDueDay, daysLate } from '../reminders/schedule'
import { createStateMachine } from '../shared/state-machine'

export const pitchStatuses = ['DRAFT', 'SUBMITTED', 'CHANGES_REQUESTED', 'REJECTED', 'SENT', 'INTERESTED', 'DECLINED', 'WITHDRAWN'] as const
export type PitchStatus = (typeof pitchStatuses)[number]

/**
 * A pitch without a need (issue 14, decision 0028): the firm writes it (DRAFT), submits it to its
 * hub's staff (SUBMITTED), who send it to the partner (SENT), ask for changes (CHANGES_REQUESTED,
 * then resubmitted) or reject it (REJECTED). The partner answers within its charter delay:
 * INTERESTED (a conversation, maybe a need) or DECLINED with a reason. The firm withdraws it any
 * time before an answer.
 */
export const pitchMachine = createStateMachine({
  save: { from: ['DRAFT'], to: 'DRAFT' },
  submit: { from: ['DRAFT', 'CHANGES_REQUESTED'], to: 'SUBMITTED' },
  approve: { from: ['SUBMITTED'], to: 'SENT' },
  requestChanges: { from: ['SUBMITTED'], to: 'CHANGES_REQUESTED' },
  reject: { from: ['SUBMITTED'], to: 'REJECTED' },
  interested: { from: ['SENT'], to: 'INTERESTED' },
  decline: { from: ['SENT'], to: 'DECLINED' },
  withdraw: { from: ['DRAFT', 'SUBMITTED', 'CHANGES_REQUESTED', 'SENT'], to: 'WITHDRAWN' },
} satisfies Record<string, { from: PitchStatus[]; to: PitchStatus }>)

export type PitchAction = keyof typeof pitchMachine.table

/** Who takes each action: the firm, its hub's staff, or the partner. */
export const PITCH_ACTION_SIDE: Record<PitchAction, 'firm' | 'staff' | 'partner'> = {
  save: 'firm',
  submit: 'firm',
  withdraw: 'firm',
  approve: 'staff',
  requestChanges: 'staff',
  reject: 'staff',
  interested: 'partner',
  decline: 'partner',
}

/** The firm may still edit its text and attachments. */
export function firmMayEdit(status: PitchStatus) {
  return status === 'DRAFT' || status === 'CHANGES_REQUESTED'
}

/** Delivered to the partner at some point: SENT and the answers after it (a withdrawal after sending too). */
export function wasSent(pitch: { status: string; sentAt: Date | string | null }) {
  return pitch.sentAt !== null && (pitch.status === 'SENT' || pitch.status === 'INTERESTED' || pitch.status === 'DECLINED' || pitch.status === 'WITHDRAWN')
}

/** The conversation is open once the partner said it is interested. */
export function conversationOpen(status: PitchStatus) {
  return status === 'INTERESTED'
}

/** The charter's due day (YYYY-MM-DD, Europe/Paris) of a sent pitch: the day it was sent plus the delay. */
export function pitchDueDay(sentAt: Date, charterDays: number) {
  return charterDueDay(sentAt, charterDays)
}

/** Calendar days a sent, unanswered pitch is late at `now` (0 while within the delay; 0 once answered). */
export function pitchDaysLate(pitch: { status: string; sentAt: Date | null }, charterDays: number, now: Date) {
  if (pitch.status !== 'SENT' || !pitch.sentAt) return 0
  return daysLate(pitch.sentAt, charterDays, now)
}

/** Answered on or before its due day (false when unanswered or answered after it). */
export function answeredOnTime(pitch: { sentAt: Date | null; answeredAt: Date | null }, charterDays: number) {
  if (!pitch.sentAt || !pitch.answeredAt) return false
  return charterDueDay(pitch.answeredAt, 0) <= pitchDueDay(pitch.sentAt, charterDays)
}
