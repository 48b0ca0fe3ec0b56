import { stringify } from 'csv-stringify/sync'

/**
 * CSV exports of the staff tables (pure: no I/O). Written by csv-stringify (quoting, line breaks
 * inside cells); UTF-8 with a byte-order mark so that spreadsheet software reads the accents, and
 * `;` as the separator on request, for French spreadsheet software (which reads `,` as the decimal
 * comma). See docs/decisions/0019-staff-console.md.
 */
export type CsvCell = string | number | boolean | Date | null | undefined

export interface CsvColumn<Row> {
  /** The header, already translated. */
  header: string
  value: (row: Row) => CsvCell
}

export type CsvSeparator = ',' | ';'

/** `?format=csv` asks for the export; `&separator=semicolon` for `;`. */
export function csvRequest(url: URL): { separator: CsvSeparator } | null {
  if (url.searchParams.get('format') !== 'csv') return null
  return { separator: url.searchParams.get('separator') === 'semicolon' ? ';' : ',' }
}

function cell(value: CsvCell): string {
  if (value === null || value === undefined) return ''
  if (value instanceof Date) return value.toISOString()
  if (typeof value === 'boolean') return value ? 'true' : 'false'
  if (typeof value === 'number') return String(value)
  // A text a spreadsheet would run as a formula is kept as text (OWASP's CSV injection advice).
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
}

/** The file's text, byte-order mark first. Numbers are written as JavaScript prints them (a dot). */
export function toCsv<Row>(columns: ReadonlyArray<CsvColumn<Row>>, rows: Iterable<Row>, separator: CsvSeparator = ','): string {
  const records: string[][] = [columns.map((column) => column.header)]
  for (const row of rows) records.push(columns.map((column) => cell(column.value(row))))
  return '\uFEFF' + stringify(records, { delimiter: separator, record_delimiter: 'windows' })
}

/** `export.csv` turned into a file name: letters, digits and dashes, with the date. */
export function csvFilename(base: string, at = new Date()) {
  const slug = base.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')
  return `${slug || 'export'}-${at.toISOString().slice(0, 10)}.csv`
}
