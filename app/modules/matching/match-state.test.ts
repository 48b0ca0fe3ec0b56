import { describe, expect, test } from 'vitest'
import { matchMachine } from './match-state'

describe('match lifecycle table', () => {
  test.each([
    ['SUGGESTED', 'approve', 'APPROVED'],
    ['SUGGESTED', 'reject', 'REJECTED'],
    ['APPROVED', 'invite', 'INVITED'],
    ['SUGGESTED', 'inviteDirect', 'INVITED'],
    ['SUGGESTED', 'dismiss', 'DISMISSED'],
  ])('%s --%s--> %s', (from, action, to) => {
    expect(matchMachine.transition(from as never, action as never)).toMatchObject({ ok: true, to })
  })

  test.each([
    ['SUGGESTED', 'invite'],
    ['INVITED', 'dismiss'],
    ['REJECTED', 'approve'],
    ['DISMISSED', 'inviteDirect'],
    ['INVITED', 'approve'],
  ])('%s --%s--> refused', (from, action) => {
    expect(matchMachine.transition(from as never, action as never).ok).toBe(false)
  })
})
