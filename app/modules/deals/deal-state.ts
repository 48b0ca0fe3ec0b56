import { createStateMachine } from '../shared/state-machine'

export type DealStatus = 'PILOT' | 'PILOT_SUCCEEDED' | 'PILOT_FAILED' | 'CONTRACT' | 'CANCELLED'

/**
 * DESIGN.md §3: an accepted application becomes a pilot (success criteria, dates, value), then a
 * contract (purchase order, value). A pilot that met its criteria, or a pilot skipped straight to
 * a contract, is signed; a failed pilot ends there.
 */
export const dealMachine = createStateMachine({
  pilotSucceeded: { from: ['PILOT'], to: 'PILOT_SUCCEEDED' },
  pilotFailed: { from: ['PILOT'], to: 'PILOT_FAILED' },
  signContract: { from: ['PILOT', 'PILOT_SUCCEEDED'], to: 'CONTRACT' },
  cancel: { from: ['PILOT', 'PILOT_SUCCEEDED'], to: 'CANCELLED' },
} satisfies Record<string, { from: DealStatus[]; to: DealStatus }>)

export type DealAction = keyof typeof dealMachine.table
