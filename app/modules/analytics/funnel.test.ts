import { describe, expect, it } from 'vitest'
import { analyticsScope, byMonth, EMPTY_FUNNEL, funnelSteps, isEmptyFunnel, parseDimension, toDays } from './funnel'

describe('funnelSteps', () => {
  it('gives each step its share of the previous one', () => {
    const steps = funnelSteps({ published: 10, recommended: 40, invited: 10, applications: 5, shortlisted: 2, pilots: 1, contracts: 0 })
    expect(steps.map((s) => [s.step, s.count, s.rate])).toEqual([
      ['published', 10, null],
      ['recommended', 40, 4],
      ['invited', 10, 0.25],
      ['applications', 5, 0.5],
      ['shortlisted', 2, 0.4],
      ['pilots', 1, 0.5],
      ['contracts', 0, 0],
    ])
  })

  it('has no rate after a step of zero or an unknown step (a cohort counts no needs)', () => {
    const steps = funnelSteps({ ...EMPTY_FUNNEL, published: null, recommended: 3 })
    expect(steps[1].rate).toBeNull()
    expect(steps[2].rate).toBe(0)
    expect(steps[3].rate).toBeNull()
  })

  it('knows an empty funnel', () => {
    expect(isEmptyFunnel(EMPTY_FUNNEL)).toBe(true)
    expect(isEmptyFunnel({ ...EMPTY_FUNNEL, published: null })).toBe(true)
    expect(isEmptyFunnel({ ...EMPTY_FUNNEL, applications: 1 })).toBe(false)
  })
})

describe('parseDimension', () => {
  it.each([
    ['hub', 'hub'],
    ['partner', 'partner'],
    ['cohort', 'cohort'],
    ['kind', 'kind'],
    ['month', 'month'],
    [null, 'hub'],
    ['nonsense', 'hub'],
  ])('%s → %s', (value, expected) => {
    expect(parseDimension(value)).toBe(expected)
  })
})

describe('analyticsScope', () => {
  const grenoble = { id: 'g', name: 'Digital Grenoble', shareAnalytics: true }
  const annecy = { id: 'a', name: 'Annecy', shareAnalytics: false }
  const savoie = { id: 's', name: 'Savoie', shareAnalytics: true }
  const allHubs = [grenoble, annecy, savoie]

  it('defaults to the first of the actor’s hubs by name', () => {
    expect(analyticsScope(null, { staffHubs: [grenoble, annecy], allHubs, mayViewPlatform: true })).toEqual({ kind: 'hub', hubId: 'a', hubIds: ['a'] })
  })

  it('takes one of the actor’s hubs', () => {
    expect(analyticsScope('g', { staffHubs: [grenoble, annecy], allHubs, mayViewPlatform: true })).toEqual({ kind: 'hub', hubId: 'g', hubIds: ['g'] })
  })

  it('does not know a hub the actor does not staff', () => {
    expect(analyticsScope('s', { staffHubs: [grenoble], allHubs, mayViewPlatform: true })).toEqual({ kind: 'notFound' })
    expect(analyticsScope(null, { staffHubs: [], allHubs, mayViewPlatform: false })).toEqual({ kind: 'notFound' })
  })

  it('covers only the sharing hubs in the platform view', () => {
    expect(analyticsScope('platform', { staffHubs: [grenoble], allHubs, mayViewPlatform: true })).toEqual({ kind: 'platform', hubIds: ['g', 's'] })
  })

  it('refuses the platform view to whoever the policy refuses', () => {
    expect(analyticsScope('platform', { staffHubs: [annecy], allHubs, mayViewPlatform: false })).toEqual({ kind: 'forbidden' })
  })
})

describe('byMonth', () => {
  it('fills the months without rows, in order', () => {
    const rows = byMonth(['2026-01', '2026-02', '2026-03'], [{ month: '2026-03', value: 5 }, { month: '2026-01', value: 2 }], (month) => ({ month, value: 0 }))
    expect(rows).toEqual([
      { month: '2026-01', value: 2 },
      { month: '2026-02', value: 0 },
      { month: '2026-03', value: 5 },
    ])
  })
})

describe('toDays', () => {
  it('rounds to a tenth of a day', () => {
    expect(toDays(36 * 3_600_000)).toBe(1.5)
    expect(toDays(null)).toBeNull()
  })
})
