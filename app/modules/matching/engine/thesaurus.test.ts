import { describe, expect, test } from 'vitest'
import { prepareNeed } from './documents'
import { buildIndex, corpusStatsOf, rankFirm, rankNeed, scoreMatch } from './engine'
import { CONCEPTS } from './thesaurus-data'
import type { FirmDoc, NeedDoc } from './types'

const now = new Date('2026-11-26T00:00:00Z')

function firm(id: string, description: string, extra: Partial<FirmDoc> = {}): FirmDoc {
  return { id, verified: true, description, communeInsee: '38185', ...extra }
}

const logsNeed: NeedDoc = { id: 'n-logs-large', title: 'Our operators spend hours reading maintenance logs', communeInsee: '38185', radiusKm: 80 }

function concepts(text: string) {
  return prepareNeed({ id: `n-${text}`, title: text }).concepts
}

describe('problem words evoke the offer they call for', () => {
  test.each([
    ['Nos opérateurs passent des heures à lire les journaux de maintenance', 'nlp'],
    ['Our operators spend hours reading maintenance logs', 'nlp'],
    ['Trop de pannes imprévues sur la ligne d’embouteillage', 'predictive-maintenance'],
    ['Unplanned downtime on our pumps costs us a fortune', 'predictive-maintenance'],
    ['Des files d’attente interminables aux caisses en février', 'ticketing'],
    ['Long queues at the ticket office every weekend', 'ticketing'],
    ['Réduire la consommation d’énergie de nos bâtiments scolaires', 'building-energy'],
    ['Cut the energy bills of our office buildings', 'building-energy'],
    ['Le contrôle visuel des pièces laisse passer des défauts', 'machine-vision'],
    ['Nous ressaisissons à la main toutes les factures papier', 'document-capture'],
    ['Surveiller un versant qui bouge au-dessus du village', 'gis-hazards'],
    ['Our IT was hit by ransomware last spring', 'cybersecurity'],
  ])('« %s » → %s', (text, concept) => {
    expect(concepts(text)).toContain(concept)
  })

  test('offer words in one language evoke the concept, so the other language is searched too', () => {
    expect(concepts('Maintenance prédictive de nos compresseurs')).toContain('predictive-maintenance')
    expect(concepts('Natural language processing for technical manuals')).toContain('nlp')
  })

  test('a need about something else evokes none of them', () => {
    expect(concepts('Refonte du site web de la boulangerie')).not.toContain('predictive-maintenance')
    expect(concepts('Refonte du site web de la boulangerie')).not.toContain('nlp')
    expect(concepts('Boulangerie artisanale cherche un comptable')).toEqual([])
  })

  test('every concept has French and English offer words', () => {
    for (const concept of CONCEPTS) {
      expect(concept.fr.length, concept.id).toBeGreaterThan(0)
      expect(concept.en.length, concept.id).toBeGreaterThan(0)
    }
  })
})

describe('query expansion in the ranking', () => {
  const firms: FirmDoc[] = [
    firm('f-nlp-fr', 'Traitement automatique du langage et fouille de textes pour documents techniques.'),
    firm('f-nlp-en', 'Natural language processing and text mining for technical documentation.'),
    firm('f-pm-fr', 'Maintenance prédictive et analyse vibratoire des machines tournantes.'),
    firm('f-web', 'Création de sites web et boutiques en ligne pour commerçants.'),
    firm('f-bakery', 'Boulangerie artisanale, pains au levain.'),
  ]
  const logs: NeedDoc = { id: 'n-logs', title: 'Our operators spend hours reading maintenance logs', communeInsee: '38185', radiusKm: 80 }
  const downtime: NeedDoc = { id: 'n-downtime', title: 'Unplanned downtime of our pumps', summary: 'We want to anticipate breakdowns.', communeInsee: '38185', radiusKm: 80 }

  test('a problem-worded English need reaches firms that describe the offer, in French or English', () => {
    const index = buildIndex(firms)
    const ranked = rankNeed(index, logs, { now, top: 10 }).map((match) => match.firmId)
    expect(ranked).toEqual(expect.arrayContaining(['f-nlp-en', 'f-nlp-fr']))
    expect(ranked).not.toContain('f-bakery')
    expect(ranked).not.toContain('f-web')
    // Without expansion only the firm sharing the word "maintenance" is found.
    expect(rankNeed(index, logs, { now, top: 10, expansion: false }).map((match) => match.firmId)).toEqual(['f-pm-fr'])
    expect(rankNeed(index, downtime, { now, top: 10 })[0]?.firmId).toBe('f-pm-fr')
  })

  test('without expansion those firms are not found (the switch used by the evaluation)', () => {
    const index = buildIndex(firms)
    const ranked = rankNeed(index, downtime, { now, top: 10, expansion: false }).map((match) => match.firmId)
    expect(ranked).not.toContain('f-pm-fr')
    expect(prepareNeed(downtime, { expansion: false }).terms.some((term) => term.expanded)).toBe(false)
  })

  test('a pair scores the same through rankNeed, rankFirm and scoreMatch with expansion', () => {
    const index = buildIndex(firms)
    const corpusStats = corpusStatsOf(firms)
    for (const need of [logs, downtime]) {
      for (const match of rankNeed(index, need, { now, top: 10 })) {
        const single = scoreMatch(need, firms.find((candidate) => candidate.id === match.firmId)!, { now, corpusStats })
        expect(single.score).toBe(match.score)
        const forFirm = rankFirm(index, match.firmId, [need], { now, top: 10 })
        expect(forFirm[0]?.score).toBe(match.score)
      }
    }
  })

  test('the need’s own words weigh more than the thesaurus’s', () => {
    const index = buildIndex([
      firm('own', 'Analyse des journaux de maintenance et des logs de vos opérateurs.'),
      firm('related', 'Text mining and natural language processing.'),
    ])
    const ranked = rankNeed(index, logs, { now, top: 10, weights: { text: 1, skills: 0, sector: 0, distance: 0, budget: 0, trackRecord: 0, responsiveness: 0 } })
    expect(ranked.map((match) => match.firmId)).toEqual(['own', 'related'])
  })

  test('a firm found through the thesaurus is explained by the related offer words, not by the need’s words', () => {
    const index = buildIndex(firms)
    const match = rankNeed(index, downtime, { now, top: 10 }).find((candidate) => candidate.firmId === 'f-pm-fr')!
    const text = match.reasons.find((reason) => reason.key === 'text')
    expect(text?.values.terms).toBe('')
    expect(String(text?.values.related)).toMatch(/maintenance prédictive|analyse vibratoire/)
  })
})

describe('expansion words common in a large corpus', () => {
  test('do not generate candidates, the same rule for the need and for the firm, scores unchanged', () => {
    const firms: FirmDoc[] = [
      ...Array.from({ length: 600 }, (_, index) => firm(`mining-${String(index).padStart(3, '0')}`, 'Text mining dashboards.')),
      ...Array.from({ length: 5 }, (_, index) => firm(`tal-${index}`, 'Traitement automatique du langage.')),
      ...Array.from({ length: 1400 }, (_, index) => firm(`bakery-${String(index).padStart(4, '0')}`, 'Boulangerie artisanale, pains au levain.')),
    ]
    const index = buildIndex(firms)
    const corpusStats = index.corpusStats()
    const ranked = rankNeed(index, logsNeed, { now, top: 50 })
    // "mining" is in 600 of 2 005 firms (more than 1 % and 300 firms): it only adds to the BM25 of candidates.
    expect(ranked.map((match) => match.firmId).sort()).toEqual(['tal-0', 'tal-1', 'tal-2', 'tal-3', 'tal-4'])
    expect(rankFirm(index, 'mining-000', [logsNeed], { now, top: 5 })).toEqual([])
    // In a hub-sized corpus the same firms are found through "text mining".
    const small = buildIndex([...firms.slice(0, 3), ...firms.slice(600, 605), ...firms.slice(605, 620)])
    expect(rankNeed(small, logsNeed, { now, top: 50 }).map((match) => match.firmId)).toContain('mining-000')
    for (const match of ranked) {
      expect(scoreMatch(logsNeed, firms.find((candidate) => candidate.id === match.firmId)!, { now, corpusStats }).score).toBe(match.score)
      expect(rankFirm(index, match.firmId, [logsNeed], { now, top: 5 })[0]?.score).toBe(match.score)
    }
  })
})

describe('the need’s words in reasons, as written', () => {
  test('whole expressions, acronyms in capitals, no 1–3 letter fragments', () => {
    const need: NeedDoc = {
      id: 'n-words',
      title: 'Tableau de bord IA pour le MES',
      summary: 'Mise à jour des indicateurs en edge computing, via une API.',
      communeInsee: '38185',
      radiusKm: 80,
    }
    const profile = firm('f', 'Tableaux de bord, IA et MES ; mise à jour continue ; edge computing ; api ; bord de ligne ; jour et nuit ; computing.')
    const result = scoreMatch(need, profile, { now, corpusStats: corpusStatsOf([profile, firm('x', 'Boulangerie artisanale.')]), expansion: false })
    const terms = String(result.reasons.find((reason) => reason.key === 'text')?.values.terms).split(', ')
    expect(terms).toEqual(expect.arrayContaining(['tableau de bord', 'IA']))
    expect(terms.length).toBeLessThanOrEqual(4)
    expect(terms).not.toContain('bord')
    expect(terms).not.toContain('jour')
    expect(terms).not.toContain('computing')
    expect(terms).not.toContain('api')
    const surfaces = prepareNeed(need, { expansion: false }).terms.map((term) => term.surface)
    // « MES » is a stop word in lower case (« mes »): kept because it is written in capitals.
    expect(surfaces).toEqual(expect.arrayContaining(['tableau de bord', 'IA', 'MES', 'mise à jour', 'edge computing']))
    expect(surfaces).not.toContain('mes')
    expect(prepareNeed({ id: 'n-mes', title: 'Mes machines et mes opérateurs' }, { expansion: false }).terms.map((term) => term.surface)).not.toContain('mes')
  })

  test('an English need: "edge computing", "IoT", "dashboard" as written', () => {
    const surfaces = prepareNeed({ id: 'n-en', title: 'IoT dashboard with edge computing for our turbines' }, { expansion: false }).terms.map((term) => term.surface)
    expect(surfaces).toEqual(expect.arrayContaining(['IoT', 'dashboard', 'edge computing', 'turbines']))
  })
})
