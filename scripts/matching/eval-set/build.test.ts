import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { parseRankInput } from '../lib/input'
import { buildSet, OUTPUT } from './build'
import { TOWNS } from './towns'

const communes = JSON.parse(readFileSync(path.join(import.meta.dirname, '../../../node_modules/@etalab/decoupage-administratif/data/communes.json'), 'utf8')) as Array<{ code: string; nom: string; type: string }>

describe('the labelled set', () => {
  const built = buildSet()
  const committed = JSON.parse(readFileSync(OUTPUT, 'utf8')) as ReturnType<typeof buildSet>

  test('the committed file is what the builder writes (rebuild with npm run matching:eval-set)', () => {
    expect(committed).toEqual(JSON.parse(JSON.stringify(built)))
  })

  test('it is a valid matching:rank input', () => {
    const parsed = parseRankInput(committed)
    expect(parsed.ok).toBe(true)
  })

  test('every town’s INSEE code is a real commune or municipal arrondissement of that name', () => {
    for (const town of Object.values(TOWNS)) {
      const found = communes.find((commune) => commune.code === town.insee && commune.type !== 'commune-deleguee')
      expect(found?.nom.replace(' Arrondissement', '').replaceAll('’', "'"), town.insee).toBe(town.name.replaceAll('’', "'"))
    }
  })

  test('about 40 % of the needs are held out, in every subset', () => {
    const needs = committed.needs.map((need) => need.id)
    const share = (ids: string[]) => ids.filter((id) => committed.split[id] === 'test').length / ids.length
    expect(share(needs)).toBeGreaterThan(0.3)
    expect(share(needs)).toBeLessThan(0.5)
    for (const tag of ['problem-worded', 'english', 'outside-alps', 'skills-listed']) {
      const tagged = needs.filter((id) => committed.tags[id].includes(tag))
      expect(tagged.length, tag).toBeGreaterThanOrEqual(8)
      expect(share(tagged), tag).toBeGreaterThan(0.25)
      expect(share(tagged), tag).toBeLessThan(0.55)
    }
  })

  test('firms are spread across France and languages, and every need has a grade-3 firm', () => {
    const outside = committed.firms.filter((firm) => firm.latent.outsideAlps).length / committed.firms.length
    const english = committed.firms.filter((firm) => firm.latent.language === 'en').length / committed.firms.length
    expect(outside).toBeGreaterThan(0.3)
    expect(english).toBeGreaterThan(0.2)
    for (const need of committed.needs) expect(Object.values(committed.grades[need.id]), need.id).toContain(3)
  })

  test('no grade is computed with the engine’s code or data', () => {
    const sources = [
      ...readdirSync(import.meta.dirname)
        .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
        .map((file) => path.join(import.meta.dirname, file)),
      path.join(import.meta.dirname, '../lib/set-rules.ts'),
    ]
    for (const file of sources) {
      const imports = readFileSync(file, 'utf8').match(/from '[^']+'/g) ?? []
      for (const line of imports) expect(line, path.basename(file)).not.toMatch(/app\/modules|#app/)
    }
  })
})
