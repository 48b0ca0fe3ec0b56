import { describe, expect, test } from 'vitest'
import { completeLastFragment, completedItems, foldForMatch, lastFragment, listItems } from './list-value'

describe('a list typed in one input', () => {
  test('finds the fragment being typed', () => {
    expect(lastFragment('62.01Z, prog')).toEqual({ head: '62.01Z,', fragment: 'prog' })
    expect(lastFragment('iot')).toEqual({ head: '', fragment: 'iot' })
    expect(lastFragment('iot, ')).toEqual({ head: 'iot,', fragment: '' })
    expect(lastFragment('iot;edge\npyt')).toEqual({ head: 'iot;edge\n', fragment: 'pyt' })
  })

  test('lists the items, with and without the fragment', () => {
    expect(completedItems('iot ;  edge,, pyt')).toEqual(['iot', 'edge'])
    expect(listItems('iot ;  edge,, pyt')).toEqual(['iot', 'edge', 'pyt'])
    expect(listItems('')).toEqual([])
  })

  test('replaces the fragment with the chosen value, ready for the next one', () => {
    expect(completeLastFragment('62.01Z, prog', '62.02A')).toBe('62.01Z, 62.02A, ')
    expect(completeLastFragment('pyt', 'python')).toBe('python, ')
    expect(completeLastFragment('iot ;  edge,', 'rust')).toBe('iot, edge, rust, ')
  })

  test('compares without accents or case', () => {
    expect(foldForMatch('  Cybersécurité  Industrielle ')).toBe('cybersecurite industrielle')
  })
})
