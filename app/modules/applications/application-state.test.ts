import { describe, expect, test } from 'vitest'
import { applicationMachine, awaitsPartner } from './application-state'

describe('application lifecycle table', () => {
  test.each([
    ['DRAFT', 'submit', 'SUBMITTED'],
    ['SUBMITTED', 'startScreening', 'SCREENING'],
    ['SCREENING', 'shortlist', 'SHORTLISTED'],
    ['SUBMITTED', 'shortlist', 'SHORTLISTED'],
    ['SHORTLISTED', 'requestInfo', 'INFO_REQUESTED'],
    ['INFO_REQUESTED', 'answerInfo', 'SHORTLISTED'],
    ['SHORTLISTED', 'accept', 'ACCEPTED'],
    ['SUBMITTED', 'decline', 'DECLINED'],
    ['INFO_REQUESTED', 'withdraw', 'WITHDRAWN'],
  ])('%s --%s--> %s', (from, action, to) => {
    expect(applicationMachine.transition(from as never, action as never)).toMatchObject({ ok: true, to })
  })

  test.each([
    ['DRAFT', 'accept'],
    ['SUBMITTED', 'accept'],
    ['ACCEPTED', 'decline'],
    ['DECLINED', 'withdraw'],
    ['WITHDRAWN', 'submit'],
    ['ACCEPTED', 'withdraw'],
  ])('%s --%s--> refused', (from, action) => {
    const result = applicationMachine.transition(from as never, action as never)
    expect(result.ok).toBe(false)
  })

  test('the partner owes an answer on submitted and shortlisted applications only', () => {
    expect(awaitsPartner('SUBMITTED')).toBe(true)
    expect(awaitsPartner('SHORTLISTED')).toBe(true)
    expect(awaitsPartner('INFO_REQUESTED')).toBe(false)
    expect(awaitsPartner('DECLINED')).toBe(false)
  })
})
