import { describe, expect, test } from 'vitest'
import { needSearchText, searchQueryText } from './search-text'

describe('search text of a need', () => {
  test('folds accents and keeps the title apart', () => {
    const text = needSearchText({
      title: 'Audit de cybersécurité',
      summary: 'Sites de production en Isère',
      description: 'Tests d’intrusion et revue d’architecture.',
      skills: ['pentest', 'iso 27001'],
      partnerName: 'Isère Semi-conducteurs',
      communeName: 'Crolles',
    })
    expect(text.searchTitle).toBe('Audit de cybersecurite')
    expect(text.searchBody).toContain('Isere Semi-conducteurs')
    expect(text.searchBody).toContain('pentest, iso 27001')
    expect(text.searchBody).not.toMatch(/[éèàç]/)
  })

  test('a query is folded and stripped of characters that mean nothing to PostgreSQL', () => {
    expect(searchQueryText('  Sécurité; DROP TABLE "Need"  ')).toBe('Securite DROP TABLE "Need"')
    expect(searchQueryText('maintenance -ferroviaire')).toBe('maintenance -ferroviaire')
    expect(searchQueryText(null)).toBe('')
    expect(searchQueryText('x'.repeat(500))).toHaveLength(200)
  })
})
