import { createStateMachine } from '../shared/state-machine'

export type MatchStatus = 'SUGGESTED' | 'APPROVED' | 'INVITED' | 'REJECTED' | 'DISMISSED'

/**
 * DESIGN.md §3: SUGGESTED → APPROVED → INVITED, or REJECTED (staff) / DISMISSED (the partner or the
 * firm). Curated needs go through staff approval before an invitation; open needs may invite a
 * suggestion directly (`inviteDirect`).
 */
export const matchMachine = createStateMachine({
  approve: { from: ['SUGGESTED'], to: 'APPROVED' },
  reject: { from: ['SUGGESTED', 'APPROVED'], to: 'REJECTED' },
  invite: { from: ['APPROVED'], to: 'INVITED' },
  inviteDirect: { from: ['SUGGESTED', 'APPROVED'], to: 'INVITED' },
  dismiss: { from: ['SUGGESTED', 'APPROVED'], to: 'DISMISSED' },
} satisfies Record<string, { from: MatchStatus[]; to: MatchStatus }>)

export type MatchAction = keyof typeof matchMachine.table
