import { describe, expect, test } from 'vitest'
import { bandOfRevenue, completedYears, gradePair, greatCircleKm, setIneligibility, type FirmLatent, type NeedJudgement, type NeedTerms } from './set-rules'

const grenoble = { name: 'Grenoble', lat: 45.1885, lon: 5.7245, alps: true }
const chambery = { name: 'Chambéry', lat: 45.5646, lon: 5.9178, alps: true }
const paris = { name: 'Paris 8e', lat: 48.8727, lon: 2.3125, alps: false }
const marseille = { name: 'Marseille', lat: 43.2965, lon: 5.3698, alps: false }
const now = new Date('2026-06-01T00:00:00Z')

const firm = (overrides: Partial<FirmLatent> = {}): FirmLatent => ({
  capabilities: ['document-nlp'],
  revenueEur: 2_000_000,
  headcount: 20,
  founded: '2015-01-01',
  town: chambery,
  language: 'fr',
  outsideAlps: false,
  ...overrides,
})
const judgement: NeedJudgement = { primary: ['document-nlp'], related: ['conversational-ai'], families: ['ai-data'], town: grenoble }
const local: NeedTerms = { remoteOk: false, radiusKm: 60 }
const families: Record<string, string> = { 'document-nlp': 'ai-data', 'conversational-ai': 'ai-data', 'bi-analytics': 'ai-data', 'hydro-ops': 'energy', 'safety-training': 'trades' }
const grade = (terms: NeedTerms, latent: FirmLatent, need = judgement) => gradePair(terms, need, latent, now, (capability) => families[capability], new Set(['trades']))

describe('the set’s own rules', () => {
  test('great-circle distances match an atlas', () => {
    expect(greatCircleKm(paris, marseille)).toBeGreaterThan(655)
    expect(greatCircleKm(paris, marseille)).toBeLessThan(665)
    expect(greatCircleKm(grenoble, chambery)).toBeCloseTo(45, -1)
  })

  test.each([
    [999_999, 'LT_1M'],
    [1_000_000, '1M_2M'],
    [4_999_999, '2M_5M'],
    [5_000_000, '5M_10M'],
    [49_000_000, '10M_50M'],
    [50_000_000, 'GT_50M'],
  ])('a revenue of %i € is in band %s', (revenue, band) => {
    expect(bandOfRevenue(revenue)).toBe(band)
  })

  test('a firm’s age counts completed years, anniversary included', () => {
    expect(completedYears('2023-06-01', now)).toBe(3)
    expect(completedYears('2023-06-02', now)).toBe(2)
  })

  test('the radius applies to local needs only, and an unknown town fails it', () => {
    expect(setIneligibility(local, judgement, firm(), now)).toBeNull()
    expect(setIneligibility({ remoteOk: false, radiusKm: 40 }, judgement, firm(), now)).toBe('distance')
    expect(setIneligibility(local, judgement, firm({ town: null }), now)).toBe('unknown-town')
    expect(setIneligibility({ remoteOk: true }, judgement, firm({ town: paris }), now)).toBeNull()
    expect(() => setIneligibility({ remoteOk: false }, judgement, firm(), now)).toThrow(/radius/)
  })

  test('headcount, revenue bands (either spelling) and age come from the exact figures', () => {
    expect(setIneligibility({ ...local, eligibility: { headcountMin: 21 } }, judgement, firm(), now)).toBe('headcount')
    expect(setIneligibility({ ...local, eligibility: { headcountMax: 19 } }, judgement, firm(), now)).toBe('headcount')
    expect(setIneligibility({ ...local, eligibility: { revenueBands: ['M2_5M'] } }, judgement, firm(), now)).toBeNull()
    expect(setIneligibility({ ...local, eligibility: { revenueBands: ['LT_1M'] } }, judgement, firm(), now)).toBe('revenue')
    expect(setIneligibility({ ...local, eligibility: { minAgeYears: 3 } }, judgement, firm({ founded: '2023-09-14' }), now)).toBe('age')
  })

  test('grades: primary 3, related 2, same family 1, trades never adjacent, best capability wins', () => {
    expect(grade(local, firm()).grade).toBe(3)
    expect(grade(local, firm({ capabilities: ['conversational-ai'] })).grade).toBe(2)
    expect(grade(local, firm({ capabilities: ['bi-analytics'] })).grade).toBe(1)
    expect(grade(local, firm({ capabilities: ['hydro-ops'] })).grade).toBe(0)
    expect(grade(local, firm({ capabilities: ['safety-training'] }), { ...judgement, families: ['ai-data', 'trades'] }).grade).toBe(0)
    expect(grade(local, firm({ capabilities: ['hydro-ops', 'conversational-ai'] })).grade).toBe(2)
  })

  test('an ineligible firm is 0 and a budget above half the revenue caps the grade at 1', () => {
    expect(grade({ remoteOk: false, radiusKm: 40 }, firm()).grade).toBe(0)
    expect(grade({ ...local, budgetMaxEur: 1_000_000 }, firm()).grade).toBe(3)
    const capped = grade({ ...local, budgetMaxEur: 1_000_001 }, firm())
    expect(capped).toMatchObject({ grade: 1, relevance: 3, overCapacity: true })
    expect(grade({ ...local, budgetMinEur: 1_200_000 }, firm()).grade).toBe(1)
  })
})
