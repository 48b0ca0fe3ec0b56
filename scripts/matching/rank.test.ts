import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, test } from 'vitest'
import { ALGORITHM_VERSION } from '#app/modules/matching/engine/config'

const run = promisify(execFile)
const root = path.join(import.meta.dirname, '../..')
const fixture = path.join(root, 'tests/fixtures/matching/rank-small.json')
const scratch = mkdtempSync(path.join(tmpdir(), 'matching-rank-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

async function rank(...args: string[]) {
  try {
    const { stdout, stderr } = await run('npx', ['tsx', 'scripts/matching/rank.ts', ...args], { cwd: root })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string }
    return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr }
  }
}

function writeInput(name: string, content: unknown) {
  const file = path.join(scratch, name)
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content))
  return file
}

describe('matching:rank CLI', { timeout: 60_000 }, () => {
  test('ranks the firms of each need, French reasons by default', async () => {
    const result = await rank('--input', fixture, '--top', '3', '--now', '2026-06-01')
    expect(result.code).toBe(0)
    const output = JSON.parse(result.stdout) as { algorithmVersion: string; rankings: Record<string, Array<{ firmId: string; score: number; reasons: string[] }>> }
    expect(output.algorithmVersion).toBe(ALGORITHM_VERSION)
    expect(Object.keys(output.rankings)).toEqual(['n-turbines', 'n-ski'])
    const turbines = output.rankings['n-turbines']
    expect(turbines[0].firmId).toBe('f-vibra')
    expect(turbines.length).toBeLessThanOrEqual(3)
    // Ineligible (revenue band), irrelevant and empty profiles are left out.
    expect(turbines.map((match) => match.firmId)).not.toContain('f-big')
    expect(turbines.map((match) => match.firmId)).not.toContain('f-ski')
    expect(turbines.map((match) => match.firmId)).not.toContain('f-empty')
    expect(turbines[0].score).toBeGreaterThan(turbines[1].score)
    expect(turbines[0].reasons).toContain('à 4 km de Grenoble')
    // An English need reaches a French profile through its skill tags.
    expect(output.rankings['n-ski'][0]).toMatchObject({ firmId: 'f-ski', reasons: expect.arrayContaining(['1 compétence rare en commun : ticketing']) })
  })

  test('--lang en gives English sentences', async () => {
    const result = await rank('--input', fixture, '--lang', 'en', '--now', '2026-06-01')
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout).rankings['n-turbines'][0].reasons).toContain('4 km from Grenoble')
  })

  test.each([
    ['a wrong type, naming the record and the field', { firms: [{ id: 'ok' }, { id: 'f-12', headcount: '12' }], needs: [] }, 'firms[1] (id "f-12").headcount: expected a number, got "12"'],
    ['an unknown revenue band', { firms: [], needs: [{ id: 'n-1', eligibility: { revenueBands: ['XL'] } }] }, 'needs[0] (id "n-1").eligibility.revenueBands[0]: expected one of LT_1M, 1M_2M, 2M_5M, 5M_10M, 10M_50M, GT_50M'],
    ['a missing id', { firms: [{ name: 'no id' }], needs: [] }, 'firms[0].id: expected a string, got nothing'],
    ['a missing array', { firms: [] }, 'needs: expected an array, got nothing'],
  ])('bad input: %s → exit 2', async (_label, content, message) => {
    const result = await rank('--input', writeInput('bad.json', content))
    expect(result.code).toBe(2)
    expect(result.stderr).toContain(message)
    expect(result.stdout).toBe('')
  })

  test.each([
    ['an unreadable file', [path.join(scratch, 'missing.json')], 'cannot read'],
    ['invalid JSON', [writeInput('broken.json', '{ "firms": [')], 'is not valid JSON'],
    ['no --input', [], '--input is required'],
    ['a bad --top', [fixture, '--top', '0'], '--top: expected a positive integer'],
  ])('%s → exit 2', async (_label, args, message) => {
    const result = await rank(...(args.length > 0 && !args[0].startsWith('--') ? ['--input', ...args] : args))
    expect(result.code).toBe(2)
    expect(result.stderr).toContain(message)
  })
})
