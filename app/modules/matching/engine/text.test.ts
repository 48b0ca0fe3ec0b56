import { describe, expect, test } from 'vitest'
import { parseTags } from '../../shared/tags'
import { detectLanguage, forEachTerm, normaliseSkills, normaliseTag, prepareText, STOP_WORDS, stemWord, tagKey, tokenize } from './text'

describe('French elisions', () => {
  test.each([
    ["l'électricité", 'électricité'],
    ['l’électricité', 'électricité'],
    ["d'Alpiva", 'alpiva'],
    ["qu'il", 'il'],
    ["jusqu'à", 'à'],
    ['lorsqu’elle', 'elle'],
    ["puisqu'on", 'on'],
    ["j'ai, n'est, s'il, c'est, m'a, t'as", 'ai, est, il, est, a, as'],
  ])('%s → %s', (input, expected) => {
    // Elisions are blanked (offsets kept, so explanations can quote the words as written).
    expect(prepareText(input).replace(/ {2,}/g, (spaces, at: number) => (at === 0 ? '' : ' ')).trim()).toBe(expected)
    expect(prepareText(input)).toHaveLength(input.normalize('NFC').length)
  })

  test('only at the start of a word: « aujourd’hui » keeps its d', () => {
    expect(prepareText('aujourd’hui')).toBe("aujourd'hui")
  })
})

describe('stems: accents folded after stemming', () => {
  test.each([
    ['l’électricité', 'électrique'],
    ['développement', 'développeurs'],
    ['développer', 'développeur'],
    ['hébergement', 'hébergeur'],
    ['centrales hydroélectriques', 'centrale hydroélectrique'],
    ['capteurs', 'capteur'],
  ])('« %s » and « %s » share their stems', (a, b) => {
    expect(tokenize(a, 'fr')).toEqual(tokenize(b, 'fr'))
  })

  test('the French stemmer sees the accents: « électricité » is stemmed before folding', () => {
    expect(stemWord('électricité', 'fr')).toBe('electr')
    // Folding first would give another stem, and miss « électrique ».
    expect(stemWord('electricite', 'fr')).not.toBe('electr')
  })

  test('English text is stemmed in English', () => {
    expect(tokenize('developers development', 'en')).toEqual(['develop', 'develop'])
  })
})

describe('stop words', () => {
  test.each([
    ['le la les des et pour dans avec nous notre', []],
    ['the and of for with our', []],
    ['Notre besoin : un projet pour l’entreprise', []],
    ['maintenance des turbines', ['mainten', 'turbin']],
  ])('%s', (input, expected) => {
    expect(tokenize(input, 'fr')).toEqual(expected)
  })

  test('domain words that the generic lists drop are kept', () => {
    expect(STOP_WORDS.has('web')).toBe(false)
    expect(STOP_WORDS.has('information')).toBe(false)
    expect(tokenize('site web', 'fr')).toEqual(['sit', 'web'])
  })
})

describe('technology names stay whole', () => {
  test.each([
    ['Développeur C++ senior', ['developp', 'c++', 'senior']],
    ['C# et .NET', ['c#', '.net']],
    ['API en Node.js', ['api', 'node.js']],
    ['R&D industrie 4.0', ['r&d', 'industr', '4.0']],
    ['ISO 27001 et IEC 62443 depuis 2015', ['iso', '27001', 'iec', '62443']],
    ['Fin de la phrase. Turbine', ['fin', 'phras', 'turbin']],
  ])('%s', (input, expected) => {
    expect(tokenize(input, 'fr')).toEqual(expected)
  })

  test('"C++" is not "C"', () => {
    expect(tokenize('C++', 'fr')).toEqual(['c++'])
    expect(tokenize('C++', 'fr')).not.toEqual(tokenize('C', 'fr'))
    expect(tagKey('C++')).not.toBe(tagKey('C'))
  })
})

describe('language detection', () => {
  test.each([
    ['Nous cherchons une entreprise pour la maintenance de nos turbines.', 'fr'],
    ['We are looking for a partner for the maintenance of our turbines.', 'en'],
    ['IoT', 'fr'],
  ] as const)('%s → %s', (input, expected) => {
    expect(detectLanguage(input)).toBe(expected)
  })
})

describe('tags', () => {
  test('the normaliser is the one of parseTags', () => {
    for (const raw of ['  Node.js ', 'React   Native', 'ISO 27001', 'Cybersécurité']) expect(normaliseTag(raw)).toBe(parseTags(raw)[0])
  })

  test.each([
    ['Maintenance prédictive', 'predictive maintenance'],
    ['Cybersécurité', 'cybersecurity'],
    ['Tests d’intrusion', 'Penetration testing'],
    ['Edge-Computing', 'edge computing'],
    ['semi-conducteurs', 'Semiconductors'],
  ])('« %s » and "%s" are the same skill', (a, b) => {
    expect(tagKey(a)).toBe(tagKey(b))
  })

  test('skills are deduplicated by key and keep the spelling given', () => {
    expect(normaliseSkills(['IoT', 'iot', 'Internet of Things', 'Edge computing'])).toEqual([
      { key: 'iot', label: 'IoT' },
      { key: 'edge computing', label: 'Edge computing' },
    ])
  })
})

describe('acronyms that are stop words in lower case', () => {
  test('« MES », « SI », "IT" written in capitals are indexed; « mes », « si », "it" are not', () => {
    expect(tokenize('Interfaçage MES et SI de production', 'fr')).toEqual(expect.arrayContaining(['mes', 'si']))
    expect(tokenize('mes machines si possible', 'fr')).not.toContain('mes')
    expect(tokenize('mes machines si possible', 'fr')).not.toContain('si')
    expect(tokenize('IT support for our plant', 'en')).toContain('it')
    expect(tokenize('it works', 'en')).not.toContain('it')
  })

  test('offsets are kept: the words can be quoted as written', () => {
    const starts: number[] = []
    const text = 'L’usine d’Échirolles'
    forEachTerm(text, 'fr', (_term, surface, start) => {
      starts.push(start)
      expect(text.slice(start, start + surface.length).toLowerCase()).toBe(surface)
    })
    expect(starts).toEqual([2, 10])
  })
})
