import { describe, expect, test } from 'vitest'
import { applicableWeights } from './features'
// The formulas are checked with the hand-set weights: the learned ones move with each training.
import { HAND_SET_WEIGHTS } from './config'
import { buildReasons, frenchPlace, reasonSentence, reasonsLine, type ReasonDetails } from './reasons'
import type { Reason } from './types'

describe('reason sentences', () => {
  test.each<[Reason, string, string]>([
    [{ key: 'rareSkills', values: { count: 3, skills: 'IoT, cybersécurité, edge' } }, '3 compétences rares en commun : IoT, cybersécurité, edge', '3 rare skills in common: IoT, cybersécurité, edge'],
    [{ key: 'rareSkills', values: { count: 1, skills: 'IEC 62443' } }, '1 compétence rare en commun : IEC 62443', '1 rare skill in common: IEC 62443'],
    [{ key: 'skills', values: { count: 2, skills: 'python, iot' } }, '2 compétences en commun : python, iot', '2 skills in common: python, iot'],
    [{ key: 'text', values: { count: 2, terms: 'turbines, paliers' } }, 'mots-clés du besoin dans son profil : turbines, paliers', 'keywords of the need in its profile: turbines, paliers'],
    [{ key: 'distance', values: { km: 12, commune: 'Grenoble' } }, 'à 12\u00a0km de Grenoble', '12\u00a0km from Grenoble'],
    [{ key: 'distance', values: { km: 0, commune: 'Grenoble' } }, 'basée à Grenoble', 'based in Grenoble'],
    [{ key: 'remote', values: { km: 85, commune: 'Annecy' } }, 'travail à distance accepté (à 85\u00a0km d’Annecy)', 'remote work accepted (85\u00a0km from Annecy)'],
    [{ key: 'remote', values: { km: '', commune: '' } }, 'travail à distance accepté', 'remote work accepted'],
    [{ key: 'sector', values: { code: '62.01Z', needCode: '62.01Z', level: 'class' } }, 'secteur 62.01Z', 'sector 62.01Z'],
    [{ key: 'sector', values: { code: '62.02A', needCode: '62.01Z', level: 'group' } }, 'secteur proche : 62.02A (besoin 62.01Z)', 'related sector: 62.02A (need 62.01Z)'],
    [{ key: 'trackRecord', values: { deals: 2, references: 1 } }, 'expérience : 2 marchés remportés, 1 référence', 'track record: 2 deals won, 1 reference'],
    [{ key: 'budget', values: { budgetEur: 150_000, revenueBand: 'M1_2M' } }, 'budget de 150\u00a0k€ adapté à sa taille (CA 1–2\u00a0M€)', '€150k budget suits its size (revenue €1–2M)'],
    [{ key: 'budget', values: { budgetEur: 2_000_000, revenueBand: 'M10_50M' } }, 'budget de 2\u00a0M€ adapté à sa taille (CA 10–50\u00a0M€)', '€2M budget suits its size (revenue €10–50M)'],
    [{ key: 'responsiveness', values: { percent: 90 } }, 'réactive (90\u00a0% de réponses dans les délais)', 'responsive (90% of answers on time)'],
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
    expect(reasonsLine(reasons, 'fr')).toBe('3 compétences rares en commun : IoT, cybersécurité, edge ; à 12\u00a0km de Grenoble ; secteur 62.01Z')
    expect(reasonsLine(reasons, 'en')).toBe('3 rare skills in common: IoT, cybersécurité, edge; 12\u00a0km from Grenoble; sector 62.01Z')
  })
})

describe('reasons to the firm (second person) and to the partner (third person)', () => {
  const skills: Reason = { key: 'rareSkills', values: { count: 2, skills: 'IA, MES' } }
  const one: Reason = { key: 'skills', values: { count: 1, skills: 'GMAO' } }
  const distance: Reason = { key: 'distance', values: { km: 12, commune: 'Échirolles' } }
  const text: Reason = { key: 'text', values: { count: 2, terms: 'tableau de bord, IoT' } }
  const budget: Reason = { key: 'budget', values: { budgetEur: 80_000, revenueBand: 'M1_2M' } }

  test('to the firm: « vos compétences », « votre entreprise », « votre profil »', () => {
    expect(reasonSentence(skills, 'fr', 'firm')).toBe('vos compétences rares en commun : IA, MES')
    expect(reasonSentence(skills, 'en', 'firm')).toBe('your rare skills in common: IA, MES')
    expect(reasonSentence(one, 'fr', 'firm')).toBe('votre compétence en commun : GMAO')
    expect(reasonSentence(one, 'en', 'firm')).toBe('your skill in common: GMAO')
    expect(reasonSentence(distance, 'fr', 'firm')).toBe('votre entreprise est à 12\u00a0km d’Échirolles')
    expect(reasonSentence(distance, 'en', 'firm')).toBe('your company is 12\u00a0km from Échirolles')
    expect(reasonSentence(text, 'fr', 'firm')).toBe('mots-clés du besoin dans votre profil : tableau de bord, IoT')
    expect(reasonSentence(text, 'en', 'firm')).toBe('keywords of the need in your profile: tableau de bord, IoT')
    expect(reasonSentence(budget, 'fr', 'firm')).toBe('budget de 80\u00a0k€ adapté à votre taille (CA 1–2\u00a0M€)')
    expect(reasonSentence(budget, 'en', 'firm')).toBe('€80k budget suits your size (revenue €1–2M)')
  })

  test('to the partner: the firm in the third person, « votre besoin »', () => {
    expect(reasonSentence(skills, 'fr', 'partner')).toBe('2 compétences rares en commun avec votre besoin : IA, MES')
    expect(reasonSentence(skills, 'en', 'partner')).toBe('2 rare skills in common with your need: IA, MES')
    expect(reasonSentence(distance, 'fr', 'partner')).toBe('l’entreprise est à 12\u00a0km d’Échirolles')
    expect(reasonSentence(distance, 'en', 'partner')).toBe('the company is 12\u00a0km from Échirolles')
    expect(reasonSentence(text, 'fr', 'partner')).toBe('mots-clés de votre besoin dans son profil : tableau de bord, IoT')
    expect(reasonSentence(text, 'en', 'partner')).toBe('keywords of your need in its profile: tableau de bord, IoT')
    expect(reasonSentence(budget, 'fr', 'partner')).toBe('votre budget de 80\u00a0k€ est adapté à sa taille (CA 1–2\u00a0M€)')
  })

  test('words brought by the thesaurus are named as related terms', () => {
    const withRelated: Reason = { key: 'text', values: { count: 1, terms: 'journaux de maintenance', related: 'NLP' } }
    expect(reasonSentence(withRelated, 'fr')).toBe('mot-clé du besoin dans son profil : journaux de maintenance (et termes proches : NLP)')
    expect(reasonSentence(withRelated, 'en')).toBe('keyword of the need in its profile: journaux de maintenance (and related terms: NLP)')
    const onlyRelated: Reason = { key: 'text', values: { count: 0, terms: '', related: 'NLP, text mining' } }
    expect(reasonSentence(onlyRelated, 'fr', 'firm')).toBe('termes proches du besoin dans votre profil : NLP, text mining')
    expect(reasonSentence(onlyRelated, 'en', 'partner')).toBe('terms related to your need in its profile: NLP, text mining')
  })

  test('numbers as Intl writes them: narrow no-break space between thousands, no-break space before the unit', () => {
    expect(reasonSentence({ key: 'distance', values: { km: 1200, commune: 'Brest' } }, 'fr')).toBe('à 1\u202f200\u00a0km de Brest')
    expect(reasonSentence({ key: 'distance', values: { km: 1200, commune: 'Brest' } }, 'en')).toBe('1,200\u00a0km from Brest')
    expect(reasonSentence({ key: 'budget', values: { budgetEur: 1_500_000, revenueBand: 'GT_50M' } }, 'fr')).toBe('budget de 1,5\u00a0M€ adapté à sa taille (CA plus de 50\u00a0M€)')
    expect(reasonSentence({ key: 'budget', values: { budgetEur: 1_500_000, revenueBand: 'GT_50M' } }, 'en')).toBe('€1.5M budget suits its size (revenue over €50M)')
  })
})

describe('French place names: elision and contraction', () => {
  test.each([
    ['de', 'Échirolles', 'd’Échirolles'],
    ['de', 'Annecy', 'd’Annecy'],
    ['de', 'Aix-les-Bains', 'd’Aix-les-Bains'],
    ['de', 'Yenne', 'd’Yenne'],
    ['de', 'Huez', 'd’Huez'],
    ['de', 'Hauteluce', 'de Hauteluce'],
    ['de', 'Grenoble', 'de Grenoble'],
    ['de', "Le Bourg-d'Oisans", 'du Bourg-d’Oisans'],
    ['de', 'Les Deux Alpes', 'des Deux Alpes'],
    ['de', 'La Mure', 'de La Mure'],
    ["de", "L'Isle-d'Abeau", 'de L’Isle-d’Abeau'],
    ['à', "Le Bourg-d'Oisans", 'au Bourg-d’Oisans'],
    ['à', 'Les Deux Alpes', 'aux Deux Alpes'],
    ['à', 'Annecy', 'à Annecy'],
  ] as const)('%s + %s → %s', (preposition, place, expected) => {
    expect(frenchPlace(preposition, place)).toBe(expected)
  })

  test.each([
    ['Lens', 'de Lens', 'à Lens'],
    ['Levallois-Perret', 'de Levallois-Perret', 'à Levallois-Perret'],
    ['Lamballe', 'de Lamballe', 'à Lamballe'],
    ['Lesneven', 'de Lesneven', 'à Lesneven'],
    ['Lectoure', 'de Lectoure', 'à Lectoure'],
    ['Le Bourg-d’Oisans', 'du Bourg-d’Oisans', 'au Bourg-d’Oisans'],
    ["Le Bourg-d'Oisans", 'du Bourg-d’Oisans', 'au Bourg-d’Oisans'],
    ['Les Deux Alpes', 'des Deux Alpes', 'aux Deux Alpes'],
    ['La Mure', 'de La Mure', 'à La Mure'],
    ['L’Isle-d’Abeau', 'de L’Isle-d’Abeau', 'à L’Isle-d’Abeau'],
    ["L'Isle-d'Abeau", 'de L’Isle-d’Abeau', 'à L’Isle-d’Abeau'],
  ] as const)('an article only when it is one: %s → « %s », « %s »', (place, de, a) => {
    expect(frenchPlace('de', place)).toBe(de)
    expect(frenchPlace('à', place)).toBe(a)
  })

  test('in a sentence: « à 9 km d’Échirolles », « basée aux Deux Alpes »; English keeps the name', () => {
    expect(reasonSentence({ key: 'distance', values: { km: 9, commune: 'Échirolles' } }, 'fr')).toBe('à 9\u00a0km d’Échirolles')
    expect(reasonSentence({ key: 'distance', values: { km: 0, commune: 'Les Deux Alpes' } }, 'fr')).toBe('basée aux Deux Alpes')
    expect(reasonSentence({ key: 'distance', values: { km: 30, commune: "Le Bourg-d'Oisans" } }, 'en')).toBe("30\u00a0km from Le Bourg-d'Oisans")
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
