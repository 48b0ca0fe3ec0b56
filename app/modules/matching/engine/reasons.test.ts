import { describe, expect, test } from 'vitest'
import { applicableWeights } from './features'
// The formulas are checked with the hand-set weights: the learned ones move with each training.
import { HAND_SET_WEIGHTS } from './config'
import { buildReasons, reasonSentence, reasonsLine, type ReasonDetails } from './reasons'
import type { Reason } from './types'

describe('reason sentences', () => {
  test.each<[Reason, string, string]>([
    [{ key: 'rareSkills', values: { count: 3, skills: 'IoT, cybersécurité, edge' } }, '3 compétences rares en commun : IoT, cybersécurité, edge', '3 rare skills in common: IoT, cybersécurité, edge'],
    [{ key: 'rareSkills', values: { count: 1, skills: 'IEC 62443' } }, '1 compétence rare en commun : IEC 62443', '1 rare skill in common: IEC 62443'],
    [{ key: 'skills', values: { count: 2, skills: 'python, iot' } }, '2 compétences en commun : python, iot', '2 skills in common: python, iot'],
    [{ key: 'text', values: { count: 2, terms: 'turbines, paliers' } }, 'mots-clés du besoin dans son profil : turbines, paliers', 'keywords of the need in its profile: turbines, paliers'],
    [{ key: 'distance', values: { km: 12, commune: 'Grenoble' } }, 'à 12 km de Grenoble', '12 km from Grenoble'],
    [{ key: 'distance', values: { km: 0, commune: 'Grenoble' } }, 'basée à Grenoble', 'based in Grenoble'],
    [{ key: 'remote', values: { km: 85, commune: 'Annecy' } }, 'travail à distance accepté (à 85 km de Annecy)', 'remote work accepted (85 km from Annecy)'],
    [{ key: 'remote', values: { km: '', commune: '' } }, 'travail à distance accepté', 'remote work accepted'],
    [{ key: 'sector', values: { code: '62.01Z', needCode: '62.01Z', level: 'class' } }, 'secteur 62.01Z', 'sector 62.01Z'],
    [{ key: 'sector', values: { code: '62.02A', needCode: '62.01Z', level: 'group' } }, 'secteur proche : 62.02A (besoin 62.01Z)', 'related sector: 62.02A (need 62.01Z)'],
    [{ key: 'trackRecord', values: { deals: 2, references: 1 } }, 'expérience : 2 marchés remportés, 1 référence', 'track record: 2 deals won, 1 reference'],
    [{ key: 'budget', values: { budgetEur: 150_000, revenueBand: 'M1_2M' } }, 'budget de 150 k€ adapté à sa taille (CA 1–2 M€)', '€150k budget suits its size (revenue €1–2M)'],
    [{ key: 'budget', values: { budgetEur: 2_000_000, revenueBand: 'M10_50M' } }, 'budget de 2 M€ adapté à sa taille (CA 10–50 M€)', '€2M budget suits its size (revenue €10–50M)'],
    [{ key: 'responsiveness', values: { percent: 90 } }, 'réactive (90 % de réponses dans les délais)', 'responsive (90% of answers on time)'],
  ])('%j', (reason, fr, en) => {
    expect(reasonSentence(reason, 'fr')).toBe(fr)
    expect(reasonSentence(reason, 'en')).toBe(en)
  })

  test('a line of reasons', () => {
    const reasons: Reason[] = [
      { key: 'rareSkills', values: { count: 3, skills: 'IoT, cybersécurité, edge' } },
      { key: 'distance', values: { km: 12, commune: 'Grenoble' } },
      { key: 'sector', values: { code: '62.01Z', needCode: '62.01Z', level: 'class' } },
    ]
    expect(reasonsLine(reasons, 'fr')).toBe('3 compétences rares en commun : IoT, cybersécurité, edge ; à 12 km de Grenoble ; secteur 62.01Z')
    expect(reasonsLine(reasons, 'en')).toBe('3 rare skills in common: IoT, cybersécurité, edge; 12 km from Grenoble; sector 62.01Z')
  })
})

describe('choosing the reasons', () => {
  const base: ReasonDetails = {
    values: { text: 0.6, skills: 0.8, sector: 1, distance: 0.9, budget: 1, trackRecord: 0.5, responsiveness: 0.5 },
    normalised: applicableWeights(HAND_SET_WEIGHTS, { text: true, skills: true, sector: true, distance: true, budget: true, trackRecord: true, responsiveness: true }),
    sharedSkills: [
      { label: 'IEC 62443', rare: true },
      { label: 'python', rare: false },
    ],
    textTerms: ['segmentation', 'automates', 'réseau', 'usine', 'accès'],
    naf: { needCode: '62.01Z', firmCode: '62.01Z', level: 'class' },
    km: 12.4,
    communeName: 'Grenoble',
    remoteOk: false,
    radiusKm: 60,
    dealsWon: 1,
    referenceCount: 2,
    budgetEur: 90_000,
    revenueBand: 'M1_2M',
    responsiveness: 0.5,
  }

  test('largest contributions first, at most four, rare skills named', () => {
    const reasons = buildReasons(base)
    expect(reasons.map((reason) => reason.key)).toEqual(['text', 'rareSkills', 'distance', 'budget'])
    expect(reasons[1].values).toEqual({ count: 1, skills: 'IEC 62443' })
    expect(reasons[0].values).toEqual({ count: 4, terms: 'segmentation, automates, réseau, usine' })
    expect(reasons[2].values).toEqual({ km: 12, commune: 'Grenoble' })
  })

  test('a remote-OK need with a far firm says so', () => {
    const reasons = buildReasons({ ...base, remoteOk: true, km: 140, values: { ...base.values, distance: 1 } })
    expect(reasons.find((reason) => reason.key === 'remote')?.values).toEqual({ km: 140, commune: 'Grenoble' })
  })

  test('no shared rare skill: the plain skills reason', () => {
    const reasons = buildReasons({ ...base, sharedSkills: [{ label: 'python', rare: false }] })
    expect(reasons.find((reason) => reason.key === 'skills')?.values).toEqual({ count: 1, skills: 'python' })
  })

  test('features that bring few points give no reason', () => {
    const reasons = buildReasons({ ...base, values: { ...base.values, sector: 0.4, budget: 0.3 }, naf: { needCode: '62.01Z', firmCode: '62.99Z', level: 'division' } })
    expect(reasons.map((reason) => reason.key)).not.toContain('budget')
    expect(reasons.map((reason) => reason.key)).not.toContain('sector')
  })
})
