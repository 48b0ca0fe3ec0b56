import { describe, expect, test } from 'vitest'
import { ALGORITHM_VERSION, buildIndex, corpusStatsOf, rankFirm, rankNeed, scoreMatch, type RankStats } from './engine'
import { DEFAULT_WEIGHTS, resolveWeights } from './config'
import { MatchingIndex } from './index'
import type { FirmDoc, NeedDoc } from './types'

const now = new Date('2026-11-26T00:00:00Z')

function firm(id: string, description: string, extra: Partial<FirmDoc> = {}): FirmDoc {
  return { id, verified: true, description, communeInsee: '38185', ...extra }
}

const firms: FirmDoc[] = [
  firm('f-turbine', 'Maintenance prédictive des turbines hydroélectriques par analyse vibratoire.', { skills: ['maintenance prédictive', 'analyse vibratoire'], nafCodes: ['62.01Z'] }),
  firm('f-turbine-2', 'Maintenance prédictive de turbines et de pompes, capteurs vibratoires, turbines, turbines.', { skills: ['maintenance prédictive'] }),
  firm('f-vision', 'Vision industrielle et contrôle qualité par caméra.', { skills: ['vision industrielle'] }),
  firm('f-ski', 'Billetterie en ligne pour les stations de ski.', { skills: ['billetterie'] }),
  firm('f-bakery', 'Boulangerie artisanale, pains au levain.'),
  firm('f-skill-only', 'Nous aidons les usines.', { skills: ['analyse vibratoire'] }),
]
const need: NeedDoc = {
  id: 'need',
  title: 'Maintenance prédictive de nos turbines',
  summary: 'Données vibratoires des groupes hydroélectriques.',
  skills: ['analyse vibratoire'],
  nafCodes: ['62.01Z'],
  communeInsee: '38185',
  radiusKm: 80,
}

describe('BM25 ranking and candidate generation', () => {
  test('a firm sharing no term and no skill is never scored', () => {
    const stats: RankStats = { postings: 0, candidates: 0, filtered: 0, exact: 0, termsRead: 0, termsKnown: 0 }
    const ranked = rankNeed(buildIndex(firms), need, { now, top: 10, stats })
    expect(ranked.map((match) => match.firmId)).not.toContain('f-bakery')
    expect(ranked.map((match) => match.firmId)).not.toContain('f-ski')
    expect(stats.candidates).toBe(3)
    expect(ranked.map((match) => match.firmId)).not.toContain('f-vision')
  })

  test('a firm that shares only a skill is a candidate', () => {
    const ranked = rankNeed(buildIndex(firms), need, { now, top: 10 })
    expect(ranked.map((match) => match.firmId)).toContain('f-skill-only')
  })

  test('text only: more of the rare words ranks higher, and at equal frequency the shorter profile wins', () => {
    const textOnly = { ...Object.fromEntries(Object.keys(DEFAULT_WEIGHTS).map((key) => [key, 0])), text: 1 }
    const index = buildIndex([
      firm('a', 'turbines turbines turbines maintenance'),
      firm('b', 'turbines maintenance'),
      firm('c', 'turbines maintenance bureau conseil formation accompagnement réseau partenaires'),
      firm('d', 'maintenance'),
    ])
    const ranked = rankNeed(index, { id: 'n', title: 'turbines maintenance' }, { now, top: 10, weights: textOnly })
    expect(ranked.map((match) => match.firmId)).toEqual(['a', 'b', 'c', 'd'])
  })

  test('a rare term weighs more than a common one', () => {
    const textOnly = { ...Object.fromEntries(Object.keys(DEFAULT_WEIGHTS).map((key) => [key, 0])), text: 1 }
    const index = buildIndex([firm('rare', 'turbines'), firm('common', 'maintenance'), firm('x', 'maintenance'), firm('y', 'maintenance')])
    const ranked = rankNeed(index, { id: 'n', title: 'turbines maintenance' }, { now, top: 10, weights: textOnly })
    expect(ranked[0].firmId).toBe('rare')
  })
})

describe('scores, reasons and configuration', () => {
  test('every result carries the algorithm version, a breakdown that adds up and reasons', () => {
    const [best] = rankNeed(buildIndex(firms), need, { now, top: 1 })
    expect(best.firmId).toBe('f-turbine')
    expect(best.algorithmVersion).toBe(ALGORITHM_VERSION)
    expect(best.breakdown.reduce((sum, entry) => sum + entry.points, 0)).toBeCloseTo(best.score, 0)
    expect(best.reasons.map((reason) => reason.key)).toEqual(expect.arrayContaining(['text', 'skills', 'distance']))
  })

  test('ranking a need, ranking a firm and scoring the pair alone give the same score', () => {
    const index = buildIndex(firms)
    const ranked = rankNeed(index, need, { now, top: 10 })
    for (const match of ranked) {
      const alone = scoreMatch(need, firms.find((entry) => entry.id === match.firmId)!, { now, corpusStats: index.corpusStats() })
      expect(alone.score).toBe(match.score)
      const [fromFirm] = rankFirm(index, match.firmId, [need], { now })
      expect(fromFirm.score).toBe(match.score)
      expect(fromFirm.breakdown).toEqual(match.breakdown)
    }
  })

  test('weights are configuration', () => {
    const index = buildIndex(firms)
    const skillsOnly = rankNeed(index, need, { now, top: 10, weights: { text: 0, skills: 1, sector: 0, distance: 0, budget: 0, trackRecord: 0, responsiveness: 0 } })
    expect(skillsOnly.filter((match) => match.score === 100).map((match) => match.firmId)).toEqual(['f-skill-only', 'f-turbine'])
    expect(() => resolveWeights({ text: -1 })).toThrow(RangeError)
  })

  test('ties are broken by firm id, whatever the insertion order', () => {
    const twins = ['b', 'c', 'a'].map((id) => firm(id, 'maintenance des turbines'))
    const first = rankNeed(buildIndex(twins), need, { now, top: 2 })
    const second = rankNeed(buildIndex([...twins].reverse()), need, { now, top: 2 })
    expect(first.map((match) => match.firmId)).toEqual(['a', 'b'])
    expect(second).toEqual(first)
  })

  test('hard filters apply inside the ranking', () => {
    const index = buildIndex(firms.map((entry) => (entry.id === 'f-turbine' ? { ...entry, headcount: 500 } : entry)))
    const ranked = rankNeed(index, { ...need, eligibility: { headcountMax: 50 } }, { now, top: 10 })
    expect(ranked.map((match) => match.firmId)).not.toContain('f-turbine')
    expect(rankNeed(index, { ...need, deadline: '2026-01-01' }, { now, top: 10 })).toEqual([])
    expect(rankNeed(index, { ...need, visibility: 'INVITE_ONLY' }, { now, top: 10, invitedFirmIds: ['f-vision', 'f-turbine-2'] }).map((match) => match.firmId)).toEqual(['f-turbine-2'])
  })

  test('scoreMatch tells why a firm is not eligible', () => {
    const result = scoreMatch({ ...need, eligibility: { minAgeYears: 5 } }, { ...firms[0], foundedYear: 2025 }, { now, corpusStats: corpusStatsOf(firms) })
    expect(result).toMatchObject({ eligible: false, ineligibleBecause: 'age', score: 0 })
  })

  test('rankFirm: the needs a firm suits best, best first', () => {
    const index = buildIndex(firms)
    const needs: NeedDoc[] = [need, { id: 'ski', title: 'Billetterie des forfaits de ski' }, { id: 'bread', title: 'Pains pour la cantine' }]
    expect(rankFirm(index, 'f-ski', needs, { now }).map((match) => match.needId)).toEqual(['ski'])
    expect(rankFirm(index, 'f-turbine', needs, { now })[0].needId).toBe('need')
    expect(rankFirm(index, 'unknown', needs, { now })).toEqual([])
  })
})

describe('incremental updates', () => {
  test('a profile edit is re-scored at once, and a removed firm disappears', () => {
    const index = buildIndex(firms)
    index.upsertFirm(firm('f-bakery', 'Maintenance prédictive des turbines, analyse vibratoire.', { skills: ['analyse vibratoire'] }))
    expect(rankNeed(index, need, { now, top: 10 }).map((match) => match.firmId)).toContain('f-bakery')
    expect(index.removeFirm('f-turbine')).toBe(true)
    expect(index.removeFirm('f-turbine')).toBe(false)
    expect(rankNeed(index, need, { now, top: 10 }).map((match) => match.firmId)).not.toContain('f-turbine')
    expect(index.size).toBe(firms.length - 1)
  })

  test('after updates, the index ranks exactly as one built from scratch (before and after compaction)', { timeout: 30_000 }, () => {
    const corpus = randomCorpus(300, 7)
    const index = MatchingIndex.build(corpus.firms.slice(0, 200), { autoCompactRatio: 0 })
    for (const entry of corpus.firms.slice(200)) index.upsertFirm(entry)
    for (const entry of corpus.firms.slice(0, 40)) index.upsertFirm({ ...entry, description: `${entry.description} turbines hydrauliques` })
    for (const entry of corpus.firms.slice(40, 60)) index.removeFirm(entry.id)
    const expected = [
      ...corpus.firms.slice(60, 200),
      ...corpus.firms.slice(200),
      ...corpus.firms.slice(0, 40).map((entry) => ({ ...entry, description: `${entry.description} turbines hydrauliques` })),
    ]
    const fresh = buildIndex(expected)
    for (const query of corpus.needs) {
      const options = { now, top: 20, hubScope: 'all' as const }
      expect(rankNeed(index, query, options)).toEqual(rankNeed(fresh, query, options))
    }
    index.compact()
    for (const query of corpus.needs) expect(rankNeed(index, query, { now, top: 20 })).toEqual(rankNeed(fresh, query, { now, top: 20 }))
  })
})

describe('pruning is exact', () => {
  test('the top K equals scoring every candidate one by one', { timeout: 60_000 }, () => {
    // 1200 firms: the most frequent words are in more than 1000 of them (common terms, which
    // never generate candidates), so every rule of the pruning is exercised.
    const corpus = randomCorpus(1200, 3)
    const index = buildIndex(corpus.firms)
    const stats = index.corpusStats()
    expect(Math.max(...[...index.termIds.keys()].map((term) => index.df(term)))).toBeGreaterThan(1000)
    for (const query of corpus.needs.slice(0, 8)) {
      const ranked = rankNeed(index, query, { now, top: 15, hubScope: 'all' })
      const brute = corpus.firms
        .map((entry) => ({ firmId: entry.id, result: scoreMatch(query, entry, { now, corpusStats: stats, hubScope: 'all' }) }))
        .filter((entry) => entry.result.eligible && sharesSomething(index, query, entry.firmId))
        .sort((a, b) => b.result.score - a.result.score || (a.firmId < b.firmId ? -1 : 1))
        .slice(0, 15)
      expect(ranked.map((match) => [match.firmId, match.score])).toEqual(brute.map((entry) => [entry.firmId, entry.result.score]))
    }
  })
})

describe('geography: radius, unknown locations and intervention areas', () => {
  const strong = 'Maintenance prédictive des turbines hydroélectriques, analyse vibratoire des groupes, données vibratoires, turbines.'
  const national: FirmDoc[] = [
    firm('lyon', strong, { communeInsee: '69123', skills: ['analyse vibratoire'] }),
    firm('lyon-3e', strong, { communeInsee: '69383', skills: ['analyse vibratoire'] }),
    firm('paris', strong, { communeInsee: '75056', skills: ['analyse vibratoire'] }),
    firm('paris-8e', strong, { communeInsee: '75108', skills: ['analyse vibratoire'] }),
    firm('marseille', strong, { communeInsee: '13055', skills: ['analyse vibratoire'] }),
    firm('bordeaux', strong, { communeInsee: '33063', skills: ['analyse vibratoire'] }),
    firm('rennes', strong, { communeInsee: '35238', skills: ['analyse vibratoire'] }),
    firm('fort-de-france', strong, { communeInsee: '97209', skills: ['analyse vibratoire'] }),
    firm('nowhere', strong, { communeInsee: null, skills: ['analyse vibratoire'] }),
    firm('grenoble', 'Maintenance des turbines.', { communeInsee: '38185' }),
    firm('voiron', 'Analyse vibratoire.', { communeInsee: '38563' }),
  ]
  const grenobleNeed: NeedDoc = { ...need, radiusKm: 60 }

  test('firms beyond a Grenoble need’s radius, or of unknown location, are never in its top', () => {
    const index = buildIndex(national)
    const ranked = rankNeed(index, grenobleNeed, { now, top: 10 })
    expect(ranked.map((match) => match.firmId).sort()).toEqual(['grenoble', 'voiron'])
    for (const far of ['lyon', 'lyon-3e', 'paris', 'paris-8e', 'marseille', 'bordeaux', 'rennes', 'fort-de-france', 'nowhere']) {
      const alone = scoreMatch(grenobleNeed, national.find((entry) => entry.id === far)!, { now, corpusStats: index.corpusStats() })
      expect(alone, far).toMatchObject({ eligible: false, ineligibleBecause: 'distance' })
      expect(rankFirm(index, far, [grenobleNeed], { now }), far).toEqual([])
    }
  })

  test('a remote-OK need reaches every firm, located or not; a wider radius reaches Lyon (≈ 95 km) but not Paris', () => {
    const index = buildIndex(national)
    expect(rankNeed(index, { ...grenobleNeed, remoteOk: true }, { now, top: 20 })).toHaveLength(national.length)
    const wide = rankNeed(index, { ...grenobleNeed, radiusKm: 110 }, { now, top: 20 }).map((match) => match.firmId)
    expect(wide).toEqual(expect.arrayContaining(['lyon', 'lyon-3e', 'grenoble', 'voiron']))
    expect(wide).not.toContain('paris')
    expect(wide).not.toContain('nowhere')
  })

  test('a declared intervention area brings a far firm in, valued at the edge of the need’s radius, with the same score everywhere', () => {
    const withAreas = national.map((entry) =>
      entry.id === 'paris'
        ? { ...entry, interventionDepartements: ['38', '73'] }
        : entry.id === 'lyon'
          ? { ...entry, interventionRadiusKm: 120 }
          : entry.id === 'nowhere'
            ? { ...entry, interventionDepartements: ['38'] }
            : entry.id === 'marseille'
              ? { ...entry, interventionRadiusKm: 150, interventionDepartements: ['13', '84'] } // Marseille–Grenoble ≈ 210 km
              : entry,
    )
    const index = buildIndex(withAreas)
    const ranked = rankNeed(index, grenobleNeed, { now, top: 10 })
    expect(ranked.map((match) => match.firmId).sort()).toEqual(['grenoble', 'lyon', 'nowhere', 'paris', 'voiron'])
    const distanceOf = (firmId: string) => ranked.find((match) => match.firmId === firmId)!.breakdown.find((entry) => entry.feature === 'distance')!
    expect(distanceOf('paris').value).toBeCloseTo(0.2)
    expect(distanceOf('lyon').value).toBeCloseTo(0.2)
    expect(distanceOf('nowhere').value).toBeCloseTo(0.2)
    expect(distanceOf('grenoble').value).toBeCloseTo(1)
    for (const match of ranked) {
      const doc = withAreas.find((entry) => entry.id === match.firmId)!
      const alone = scoreMatch(grenobleNeed, doc, { now, corpusStats: index.corpusStats() })
      expect(alone.score, match.firmId).toBe(match.score)
      expect(rankFirm(index, match.firmId, [grenobleNeed], { now })[0]?.score, match.firmId).toBe(match.score)
      expect(rankFirm(index, doc, [grenobleNeed], { now })[0]?.score, match.firmId).toBe(match.score)
    }
    expect(scoreMatch(grenobleNeed, withAreas.find((entry) => entry.id === 'marseille')!, { now })).toMatchObject({ ineligibleBecause: 'distance' })
  })

  test('a need in an arrondissement sees firms of its city and of the whole municipality', () => {
    const index = buildIndex(national)
    const ranked = rankNeed(index, { ...need, communeInsee: '69386', radiusKm: 20 }, { now, top: 10 })
    expect(ranked.map((match) => match.firmId).sort()).toEqual(['lyon', 'lyon-3e'])
  })
})

describe('geography: communes with only a shared centre (Commune.placed false)', () => {
  const strong = 'Maintenance prédictive des turbines hydroélectriques, analyse vibratoire des groupes, données vibratoires, turbines.'
  // Papeete (98735) is placed; Anaa (98711) and Papara (98734), Polynesian communes GeoNames does
  // not place, have only Polynesia's centre; Nuku-Hiva (98731) is placed at Taiohae.
  const polynesia: FirmDoc[] = [
    firm('papeete', strong, { communeInsee: '98735', skills: ['analyse vibratoire'] }),
    firm('anaa', strong, { communeInsee: '98711', skills: ['analyse vibratoire'] }),
    firm('nuku-hiva', strong, { communeInsee: '98731', skills: ['analyse vibratoire'] }),
    firm('papara-declared', strong, { communeInsee: '98734', skills: ['analyse vibratoire'], interventionDepartements: ['987'] }),
  ]
  const papeeteNeed: NeedDoc = { ...need, communeInsee: '98735', radiusKm: 60 }
  const anaaNeed: NeedDoc = { ...need, communeInsee: '98711', radiusKm: 60 }

  test('a firm there is of unknown location: it fails the radius rule unless its intervention area covers the need', () => {
    const index = buildIndex(polynesia)
    const ranked = rankNeed(index, papeeteNeed, { now, top: 10 }).map((match) => match.firmId)
    // Not Anaa at "0 km" from Papeete, not Nuku-Hiva 1 400 km away.
    expect(ranked.sort()).toEqual(['papara-declared', 'papeete'])
    expect(scoreMatch(papeeteNeed, polynesia[1]!, { now, corpusStats: index.corpusStats() })).toMatchObject({ eligible: false, ineligibleBecause: 'distance' })
    expect(rankFirm(index, 'anaa', [papeeteNeed], { now })).toEqual([])
    expect(rankNeed(index, { ...papeeteNeed, remoteOk: true }, { now, top: 10 })).toHaveLength(polynesia.length)
  })

  test('a need there has no distance: only firms whose intervention area holds its territory reach it, unless remote work is accepted', () => {
    const index = buildIndex(polynesia)
    const ranked = rankNeed(index, anaaNeed, { now, top: 10 })
    expect(ranked.map((match) => match.firmId)).toEqual(['papara-declared'])
    expect(scoreMatch(anaaNeed, polynesia[0]!, { now, corpusStats: index.corpusStats() })).toMatchObject({ eligible: false, ineligibleBecause: 'distance' })
    expect(rankFirm(index, 'papara-declared', [anaaNeed], { now })[0]?.score).toBe(ranked[0]!.score)
    // The distance feature does not apply: no "à 0 km" reason.
    expect(ranked[0]!.breakdown.find((entry) => entry.feature === 'distance')).toMatchObject({ applicable: false, points: 0 })
    expect(ranked[0]!.reasons.map((reason) => reason.key)).not.toContain('distance')
    expect(rankNeed(index, { ...anaaNeed, remoteOk: true }, { now, top: 10 })).toHaveLength(polynesia.length)
  })
})

/** Does the firm share a term or a skill with the need (the candidate rule of rankNeed)? */
function sharesSomething(index: MatchingIndex, query: NeedDoc, firmId: string) {
  return rankFirm(index, firmId, [{ ...query, eligibility: null, remoteOk: true, deadline: null }], { now, hubScope: 'all' }).length > 0
}

/** A seeded corpus with a skewed vocabulary, communes and bands, for equivalence tests. */
function randomCorpus(count: number, seed: number) {
  let state = seed
  const random = () => {
    state = (state * 1103515245 + 12345) % 2147483648
    return state / 2147483648
  }
  const words = ['maintenance', 'turbines', 'capteurs', 'vibratoire', 'données', 'cloud', 'sécurité', 'réseau', 'logiciel', 'application', 'mobile', 'billetterie', 'énergie', 'solaire', 'hydraulique', 'santé', 'patients', 'entrepôt', 'stocks', 'traçabilité', 'fromagerie', 'montagne', 'neige', 'vision', 'caméra', 'qualité', 'robot', 'usine', 'carte', 'cartographie']
  const skills = ['iot', 'python', 'cloud', 'cybersécurité', 'billetterie', 'sig', 'maintenance prédictive', 'vision industrielle', 'hds']
  // Mostly the Alps, some firms and needs elsewhere (Lyon, Paris, Marseille, Bordeaux, Fort-de-France) or of unknown location.
  const communes = ['38185', '38421', '74010', '73065', '26362', '38052', '74081', '69123', '69383', '75056', '13055', '33063', '97209', null]
  const departements = ['38', '73', '74', '26', '69', '75', '13']
  const bands = ['LT_1M', 'M1_2M', 'M2_5M', 'M5_10M', null] as const
  const pickWord = () => words[Math.floor(words.length * random() ** 2)]
  const text = (length: number) => Array.from({ length }, pickWord).join(' ')
  const firms: FirmDoc[] = Array.from({ length: count }, (_, index) => ({
    id: `f${String(index).padStart(4, '0')}`,
    verified: random() > 0.05,
    description: text(5 + Math.floor(random() * 20)),
    skills: skills.filter(() => random() < 0.2),
    nafCodes: [random() < 0.5 ? '62.01Z' : '71.12B'],
    communeInsee: communes[Math.floor(random() * communes.length)],
    headcount: 1 + Math.floor(random() * 100),
    revenueBand: bands[Math.floor(random() * bands.length)],
    foundedYear: 1990 + Math.floor(random() * 35),
    references: random() < 0.5 ? [{ title: text(3), description: text(6) }] : [],
    dealsWon: Math.floor(random() * 3),
    responsiveness: random() < 0.3 ? null : random(),
    interventionDepartements: random() < 0.2 ? departements.filter(() => random() < 0.3) : null,
    interventionRadiusKm: random() < 0.2 ? Math.round(50 + random() * 300) : null,
  }))
  const needs: NeedDoc[] = Array.from({ length: 12 }, (_, index) => ({
    id: `n${index}`,
    title: text(4),
    description: text(12),
    skills: skills.filter(() => random() < 0.25),
    nafCodes: random() < 0.5 ? ['62.01Z'] : [],
    communeInsee: communes[Math.floor(random() * communes.length)],
    radiusKm: random() < 0.5 ? 60 : null,
    remoteOk: random() < 0.3,
    budgetMaxEur: random() < 0.7 ? Math.round(20_000 + random() * 500_000) : null,
    eligibility: random() < 0.3 ? { headcountMax: 60, minAgeYears: 3 } : null,
  }))
  return { firms, needs }
}
