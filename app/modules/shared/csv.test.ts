import { parse } from 'csv-parse/sync'
import { describe, expect, test } from 'vitest'
import { csvFilename, csvRequest, toCsv, type CsvColumn } from './csv'

interface Row {
  name: string
  value: number | null
}
const columns: CsvColumn<Row>[] = [
  { header: 'Nom', value: (row) => row.name },
  { header: 'Valeur', value: (row) => row.value },
]

describe('CSV exports', () => {
  test('start with a byte-order mark and read back the same cells, accents, quotes and line breaks included', () => {
    const rows = [
      { name: 'Énergie « Alpes », Grenoble', value: 12.5 },
      { name: 'Ligne 1\nLigne 2 "citée"', value: null },
    ]
    for (const separator of [',', ';'] as const) {
      const text = toCsv(columns, rows, separator)
      expect(text.startsWith('\uFEFF')).toBe(true)
      const records = parse(text.slice(1), { delimiter: separator }) as string[][]
      expect(records).toEqual([
        ['Nom', 'Valeur'],
        ['Énergie « Alpes », Grenoble', '12.5'],
        ['Ligne 1\nLigne 2 "citée"', ''],
      ])
    }
  })

  test('keep as text a cell a spreadsheet would run as a formula, not a negative number', () => {
    const records = parse(toCsv(columns, [{ name: '=HYPERLINK("x")', value: -3 }]).slice(1)) as string[][]
    expect(records[1]).toEqual([`'=HYPERLINK("x")`, '-3'])
  })

  test('are asked for with ?format=csv, semicolons on request', () => {
    expect(csvRequest(new URL('http://x/staff/audit'))).toBeNull()
    expect(csvRequest(new URL('http://x/staff/audit?format=csv'))).toEqual({ separator: ',' })
    expect(csvRequest(new URL('http://x/staff/audit?format=csv&separator=semicolon'))).toEqual({ separator: ';' })
    expect(csvFilename('Partenaires – Isère', new Date('2026-12-07T10:00:00Z'))).toBe('partenaires-isere-2026-12-07.csv')
  })
})
