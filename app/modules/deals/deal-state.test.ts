import { describe, expect, test } from 'vitest'
import { dealMachine } from './deal-state'

describe('deal lifecycle table', () => {
  test.each([
    ['PILOT', 'pilotSucceeded', 'PILOT_SUCCEEDED'],
    ['PILOT', 'pilotFailed', 'PILOT_FAILED'],
    ['PILOT_SUCCEEDED', 'signContract', 'CONTRACT'],
    ['PILOT', 'signContract', 'CONTRACT'],
    ['PILOT', 'cancel', 'CANCELLED'],
  ])('%s --%s--> %s', (from, action, to) => {
    expect(dealMachine.transition(from as never, action as never)).toMatchObject({ ok: true, to })
  })

  test.each([
    ['PILOT_FAILED', 'signContract'],
    ['CONTRACT', 'cancel'],
    ['CONTRACT', 'pilotSucceeded'],
    ['CANCELLED', 'signContract'],
  ])('%s --%s--> refused', (from, action) => {
    expect(dealMachine.transition(from as never, action as never).ok).toBe(false)
  })
})
