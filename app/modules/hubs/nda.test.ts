import { describe, expect, test } from 'vitest'
import { currentNdaOf, ndaParagraphs, PLATFORM_NDA_VERSION } from './nda'

describe('the NDA that applies to a confidential need', () => {
  test('a hub without its own text uses the platform’s text and version', () => {
    expect(currentNdaOf(null)).toEqual({ version: PLATFORM_NDA_VERSION, number: null, text: null, ndaTextId: null })
  })

  test('a hub’s newest text applies, with a version of its own', () => {
    expect(currentNdaOf({ id: 'n2', version: 2, text: 'Texte' })).toEqual({ version: 'hub-v2', number: 2, text: 'Texte', ndaTextId: 'n2' })
  })

  test('paragraphs are separated by blank lines', () => {
    expect(ndaParagraphs('Un.\nsuite\n\n  Deux.  \n\n\n')).toEqual(['Un.\nsuite', 'Deux.'])
  })
})
