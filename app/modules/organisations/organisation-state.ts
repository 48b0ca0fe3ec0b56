import { createStateMachine } from '../shared/state-machine'

export type OrgStatus = 'PENDING' | 'VERIFIED' | 'REJECTED' | 'SUSPENDED'

/** DESIGN.md §3: PENDING → VERIFIED or REJECTED; VERIFIED → SUSPENDED (and back, by staff). */
export const organisationMachine = createStateMachine({
  verify: { from: ['PENDING'], to: 'VERIFIED' },
  reject: { from: ['PENDING'], to: 'REJECTED' },
  suspend: { from: ['VERIFIED'], to: 'SUSPENDED' },
  reinstate: { from: ['SUSPENDED'], to: 'VERIFIED' },
} satisfies Record<string, { from: OrgStatus[]; to: OrgStatus }>)

export type OrganisationAction = keyof typeof organisationMachine.table
