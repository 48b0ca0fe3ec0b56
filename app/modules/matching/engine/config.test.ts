import { describe, expect, test } from 'vitest'
import { ALGORITHM_VERSION, DEFAULT_WEIGHTS, FEATURE_KEYS, HAND_SET_WEIGHTS, LEARNED_WEIGHTS, parseLearnedWeights } from './config'
import file from './learned-weights.json'

describe('the learned weights file', () => {
  test('the committed file is what the engine scores with, and names the version stored matches carry', () => {
    expect(DEFAULT_WEIGHTS).toEqual(file.weights)
    expect(ALGORITHM_VERSION).toBe(`hybrid-2.w${file.version}`)
    // Scores changed since hybrid-1 (formulas, geography, expansion): stored matches of hybrid-1 are not current.
    expect(ALGORITHM_VERSION).not.toBe('hybrid-1')
    expect(DEFAULT_WEIGHTS).toEqual(file.inForce === 'learned' ? file.learnedWeights : HAND_SET_WEIGHTS)
    for (const key of FEATURE_KEYS) expect(LEARNED_WEIGHTS.weights[key]).toBeGreaterThanOrEqual(0)
  })

  test.each([
    [{ ...file, weights: { ...file.weights, budget: -0.1 } }, /weights\.budget" must be a non-negative number, got -0.1/],
    [{ ...file, weights: { ...file.weights, text: undefined } }, /weights\.text" must be a non-negative number/],
    [{ ...file, weights: { ...file.weights, text: 'high' } }, /weights\.text" must be a non-negative number, got "high"/],
    [{ ...file, weights: { ...file.weights, popularity: 0.2 } }, /weights\.popularity" is not a feature/],
    [{ ...file, weights: Object.fromEntries(FEATURE_KEYS.map((key) => [key, 0])) }, /"weights" must have at least one positive weight/],
    [{ ...file, version: 0 }, /"version" must be a positive integer/],
    [{ ...file, inForce: 'both' }, /"inForce" must be "hand-set" or "learned", got "both"/],
    [{ ...file, inForce: undefined }, /"inForce" must be "hand-set" or "learned"/],
    [{ ...file, learnedWeights: undefined }, /"learnedWeights" must be an object/],
    [{ ...file, learnedWeights: { ...file.learnedWeights, skills: -1 } }, /"learnedWeights\.skills" must be a non-negative number, got -1/],
    [{ ...file, inForce: 'hand-set', weights: { ...HAND_SET_WEIGHTS, text: 0.5 } }, /"weights\.text" is 0\.5 but "inForce" is "hand-set": expected 0\.45/],
    [{ ...file, inForce: 'learned', weights: HAND_SET_WEIGHTS, learnedWeights: { ...HAND_SET_WEIGHTS, text: 0.3 } }, /"weights\.text" is 0\.45 but "inForce" is "learned"/],
    [null, /expected an object/],
  ])('a bad file is refused with a message naming the field (%#)', (json, message) => {
    expect(() => parseLearnedWeights(json, 'learned-weights.json')).toThrow(message)
    expect(() => parseLearnedWeights(json, 'learned-weights.json')).toThrow(/^learned-weights\.json: /)
  })
})
