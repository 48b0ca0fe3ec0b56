import { describe, expect, test } from 'vitest'
import { answeredOnTime, conversationOpen, firmMayEdit, pitchDaysLate, pitchDueDay, pitchMachine, wasSent } from './pitch-state'

describe('pitch lifecycle table', () => {
  test.each([
    ['DRAFT', 'save', 'DRAFT'],
    ['DRAFT', 'submit', 'SUBMITTED'],
    ['SUBMITTED', 'approve', 'SENT'],
    ['SUBMITTED', 'requestChanges', 'CHANGES_REQUESTED'],
    ['CHANGES_REQUESTED', 'submit', 'SUBMITTED'],
    ['SUBMITTED', 'reject', 'REJECTED'],
    ['SENT', 'interested', 'INTERESTED'],
    ['SENT', 'decline', 'DECLINED'],
    ['DRAFT', 'withdraw', 'WITHDRAWN'],
    ['SUBMITTED', 'withdraw', 'WITHDRAWN'],
    ['SENT', 'withdraw', 'WITHDRAWN'],
  ])('%s --%s--> %s', (from, action, to) => {
    expect(pitchMachine.transition(from as never, action as never)).toMatchObject({ ok: true, to })
  })

  test.each([
    ['DRAFT', 'approve'],
    ['SENT', 'approve'],
    ['SUBMITTED', 'interested'],
    ['CHANGES_REQUESTED', 'decline'],
    ['REJECTED', 'submit'],
    ['INTERESTED', 'withdraw'],
    ['DECLINED', 'withdraw'],
    ['INTERESTED', 'decline'],
    ['WITHDRAWN', 'submit'],
    ['REJECTED', 'withdraw'],
  ])('%s --%s--> refused', (from, action) => {
    expect(pitchMachine.transition(from as never, action as never).ok).toBe(false)
  })

  test('the buttons of each state', () => {
    expect(pitchMachine.actionsFrom('SUBMITTED').sort()).toEqual(['approve', 'reject', 'requestChanges', 'withdraw'])
    expect(pitchMachine.actionsFrom('SENT').sort()).toEqual(['decline', 'interested', 'withdraw'])
    expect(pitchMachine.actionsFrom('DECLINED')).toEqual([])
  })

  test('the firm edits drafts and pitches sent back for changes only', () => {
    expect(firmMayEdit('DRAFT')).toBe(true)
    expect(firmMayEdit('CHANGES_REQUESTED')).toBe(true)
    expect(firmMayEdit('SUBMITTED')).toBe(false)
    expect(firmMayEdit('SENT')).toBe(false)
  })

  test('the partner knows a pitch once sent, never before', () => {
    const sentAt = new Date('2026-03-01T10:00:00Z')
    expect(wasSent({ status: 'SENT', sentAt })).toBe(true)
    expect(wasSent({ status: 'DECLINED', sentAt })).toBe(true)
    expect(wasSent({ status: 'WITHDRAWN', sentAt })).toBe(true)
    expect(wasSent({ status: 'WITHDRAWN', sentAt: null })).toBe(false)
    expect(wasSent({ status: 'SUBMITTED', sentAt: null })).toBe(false)
    expect(wasSent({ status: 'REJECTED', sentAt: null })).toBe(false)
    expect(conversationOpen('INTERESTED')).toBe(true)
    expect(conversationOpen('SENT')).toBe(false)
  })
})

describe('the charter delay of a pitch', () => {
  // Sent on 1 March at 23:30 in Paris (22:30 UTC): the delay counts from that Paris day.
  const sentAt = new Date('2026-03-01T22:30:00Z')

  test('due on the day sent plus the delay, in Paris calendar days', () => {
    expect(pitchDueDay(sentAt, 15)).toBe('2026-03-16')
    expect(pitchDueDay(new Date('2026-03-01T23:30:00Z'), 15)).toBe('2026-03-17')
  })

  test('late only when still unanswered after the due day', () => {
    expect(pitchDaysLate({ status: 'SENT', sentAt }, 15, new Date('2026-03-16T20:00:00Z'))).toBe(0)
    expect(pitchDaysLate({ status: 'SENT', sentAt }, 15, new Date('2026-03-18T10:00:00Z'))).toBe(2)
    expect(pitchDaysLate({ status: 'INTERESTED', sentAt }, 15, new Date('2026-04-18T10:00:00Z'))).toBe(0)
    expect(pitchDaysLate({ status: 'SUBMITTED', sentAt: null }, 15, new Date('2026-04-18T10:00:00Z'))).toBe(0)
  })

  test('answered on time up to the due day included', () => {
    expect(answeredOnTime({ sentAt, answeredAt: new Date('2026-03-16T21:00:00Z') }, 15)).toBe(true)
    expect(answeredOnTime({ sentAt, answeredAt: new Date('2026-03-16T23:30:00Z') }, 15)).toBe(false)
    expect(answeredOnTime({ sentAt, answeredAt: null }, 15)).toBe(false)
  })
})
