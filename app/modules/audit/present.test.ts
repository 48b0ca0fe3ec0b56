import { describe, expect, test } from 'vitest'
import { actionMatch, changesOf, parseRecord, recordHref, whyOf } from './present'

describe('what the audit log viewer says of a row', () => {
  test('a transition shows its statuses, with the table of its record', () => {
    expect(changesOf({ targetType: 'Need', before: { status: 'SUBMITTED' }, after: { status: 'PUBLISHED' } })).toEqual([{ table: 'needStatus', field: null, from: 'SUBMITTED', to: 'PUBLISHED' }])
    expect(changesOf({ targetType: 'Export', before: null, after: { rows: 3 } })).toEqual([])
  })

  test('other changes show the fields that differ, the reasons left out', () => {
    expect(changesOf({ targetType: 'Hub', before: { charterResponseDays: 15, requiresDues: false }, after: { charterResponseDays: 10, requiresDues: false } })).toEqual([
      { table: null, field: 'charterResponseDays', from: '15', to: '10' },
    ])
  })

  test('dues rows: the membership’s status through its own table, only when it changed; a waiver as its field; yes/no settings', () => {
    expect(changesOf({ action: 'billing.status-changed', targetType: 'Organisation', before: { status: 'NONE', pastDueSince: null }, after: { status: 'ACTIVE', pastDueSince: null, stripeStatus: 'active' } })).toEqual([
      { table: 'audit.membership', field: null, from: 'NONE', to: 'ACTIVE' },
    ])
    expect(changesOf({ action: 'dues.waive', targetType: 'Organisation', before: { membership: 'CANCELED', waiver: 'none', reason: null, until: null }, after: { membership: 'CANCELED', waiver: '2027-01-31', reason: 'Jeune pousse', until: '2027-01-31T23:59:59.999Z' } })).toEqual([
      { table: 'audit.waiver', field: 'waiver', from: 'none', to: '2027-01-31' },
    ])
    expect(changesOf({ action: 'billing.refunded', targetType: 'Organisation', before: { invoiceId: 'in_1', amountRefundedCents: 0 }, after: { invoiceId: 'in_1', amountRefundedCents: 4500 } })).toEqual([
      { table: null, field: 'amountRefundedCents', from: '0', to: '4500' },
    ])
    // Any other action on an organisation: its status is the organisation's.
    expect(changesOf({ action: 'organisation.verify', targetType: 'Organisation', before: { status: 'PENDING' }, after: { status: 'VERIFIED' } })[0]!.table).toBe('orgStatus')
    expect(changesOf({ action: 'dues.settings', targetType: 'Hub', before: { requiresDues: false }, after: { requiresDues: true } })).toEqual([{ table: 'audit.boolean', field: 'requiresDues', from: 'false', to: 'true' }])
  })

  test('why: the reason and the comment given', () => {
    expect(whyOf({ before: { status: 'VERIFIED' }, after: { status: 'SUSPENDED', reason: 'Documents expirés' } })).toBe('Documents expirés')
    expect(whyOf({ before: null, after: { declineReason: 'BUDGET', comment: 'Budget insuffisant.' } })).toBe('BUDGET — Budget insuffisant.')
    expect(whyOf({ before: null, after: { reason: null } })).toBeNull()
  })

  test('records with a page link to it', () => {
    expect(recordHref({ targetType: 'Need', targetId: 'n1' })).toBe('/needs/n1')
    expect(recordHref({ targetType: 'Deal', targetId: 'd1', dealApplicationId: 'a1' })).toBe('/applications/a1')
    expect(recordHref({ targetType: 'Question', targetId: 'q1' })).toBeNull()
  })

  test('filters: an action prefix ends with a dot; a record is Type:id', () => {
    expect(actionMatch('need.')).toEqual({ prefix: 'need.' })
    expect(actionMatch('need.publish')).toEqual({ exact: 'need.publish' })
    expect(parseRecord('Need:cm1')).toEqual({ type: 'Need', id: 'cm1' })
    expect(parseRecord('Need cm1')).toBeNull()
  })
})
