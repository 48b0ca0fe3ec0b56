import { describe, expect, test } from 'vitest'
import { needMachine, revisionMachine, wasPublished } from './need-state'
import { completenessErrors, type NeedCompletenessInput } from './need-rules'

const now = new Date('2026-11-26T10:00:00Z')
const complete: NeedCompletenessInput = {
  summary: 'Maintenance prédictive des remontées mécaniques',
  description: 'Nous cherchons une PME capable de déployer des capteurs IoT sur trois télésièges et de prédire les pannes.',
  skills: ['iot', 'maintenance prédictive'],
  deadline: new Date('2027-01-15T00:00:00Z'),
  expectedStart: new Date('2027-02-01T00:00:00Z'),
  communeInsee: '73065',
  remoteOk: false,
  budgetMaxEur: 80_000,
}

describe('completeness before submission', () => {
  test('a complete need has no errors', () => {
    expect(completenessErrors(complete, now)).toEqual({})
  })

  test.each([
    ['summary', { summary: 'Trop court' }, 'validation.summaryTooShort'],
    ['description', { description: 'Courte' }, 'validation.descriptionTooShort'],
    ['skills', { skills: [] as string[] }, 'validation.skillsRequired'],
    ['deadline', { deadline: null }, 'validation.required'],
    ['deadline', { deadline: new Date('2026-11-26T09:00:00Z') }, 'validation.deadlinePast'],
    ['expectedStart', { expectedStart: new Date('2027-01-01T00:00:00Z') }, 'validation.startBeforeDeadline'],
    ['communeInsee', { communeInsee: null }, 'validation.locationRequired'],
    ['budgetMaxEur', { budgetMaxEur: null }, 'validation.budgetRequired'],
  ] as Array<[string, Partial<NeedCompletenessInput>, string]>)('%s: %o → %s', (field, change, key) => {
    expect(completenessErrors({ ...complete, ...change }, now)[field]).toEqual([key])
  })

  test('remote-OK needs do not need a commune', () => {
    expect(completenessErrors({ ...complete, communeInsee: null, remoteOk: true }, now)).toEqual({})
  })
})

describe('need lifecycle table', () => {
  const allowed: Array<[string, string, string]> = [
    ['DRAFT', 'submit', 'SUBMITTED'],
    ['CHANGES_REQUESTED', 'submit', 'SUBMITTED'],
    ['SUBMITTED', 'requestChanges', 'CHANGES_REQUESTED'],
    ['SUBMITTED', 'publish', 'PUBLISHED'],
    ['PUBLISHED', 'close', 'CLOSED'],
    ['CLOSED', 'award', 'AWARDED'],
    ['CLOSED', 'notAward', 'NOT_AWARDED'],
    ['DRAFT', 'archive', 'ARCHIVED'],
    ['AWARDED', 'archive', 'ARCHIVED'],
  ]
  test.each(allowed)('%s --%s--> %s', (from, action, to) => {
    expect(needMachine.transition(from as never, action as never)).toMatchObject({ ok: true, to })
  })

  test.each([
    ['DRAFT', 'publish'],
    ['PUBLISHED', 'submit'],
    ['ARCHIVED', 'submit'],
    ['CLOSED', 'publish'],
    ['PUBLISHED', 'award'],
    ['SUBMITTED', 'archive'],
  ])('%s --%s--> refused', (from, action) => {
    expect(needMachine.transition(from as never, action as never).ok).toBe(false)
  })

  test('lists the actions available from a state', () => {
    expect(needMachine.actionsFrom('SUBMITTED').sort()).toEqual(['publish', 'requestChanges'])
    expect(needMachine.actionsFrom('ARCHIVED')).toEqual([])
  })
})

describe('revisions of a published need', () => {
  test.each([
    ['NONE', 'submitRevision', 'SUBMITTED'],
    ['CHANGES_REQUESTED', 'submitRevision', 'SUBMITTED'],
    ['SUBMITTED', 'requestRevisionChanges', 'CHANGES_REQUESTED'],
    ['SUBMITTED', 'approveRevision', 'NONE'],
    ['CHANGES_REQUESTED', 'withdrawRevision', 'NONE'],
  ])('%s --%s--> %s', (from, action, to) => {
    expect(revisionMachine.transition(from as never, action as never)).toMatchObject({ ok: true, to })
  })

  test.each([
    ['NONE', 'approveRevision'],
    ['NONE', 'requestRevisionChanges'],
    ['CHANGES_REQUESTED', 'approveRevision'],
  ])('%s --%s--> refused', (from, action) => {
    expect(revisionMachine.transition(from as never, action as never).ok).toBe(false)
  })

  test('firms see needs that were published, until they are archived', () => {
    const at = new Date()
    expect(wasPublished({ status: 'PUBLISHED', publishedAt: at })).toBe(true)
    expect(wasPublished({ status: 'CLOSED', publishedAt: at })).toBe(true)
    expect(wasPublished({ status: 'AWARDED', publishedAt: at })).toBe(true)
    expect(wasPublished({ status: 'ARCHIVED', publishedAt: at })).toBe(false)
    expect(wasPublished({ status: 'SUBMITTED', publishedAt: null })).toBe(false)
  })
})
