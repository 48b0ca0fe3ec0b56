import { describe, expect, test } from 'vitest'
import { looksLikePdf, safePdfName } from './pdf'

const encode = (text: string) => new TextEncoder().encode(text)
const minimalPdf = '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'

describe('PDF by content', () => {
  test.each([
    ['a real PDF', minimalPdf, true],
    ['a PDF with a few junk bytes first', `\n\n${minimalPdf}`, true],
    ['an HTML page renamed .pdf', '<html><script>alert(1)</script></html>', false],
    ['a PNG', '\x89PNG\r\n\x1a\n0000000000000000', false],
    ['a truncated PDF (no end marker)', '%PDF-1.4\n1 0 obj << >> endobj\n', false],
    ['too short', '%PDF-', false],
  ])('%s → %s', (_label, content, expected) => {
    expect(looksLikePdf(encode(content))).toBe(expected)
  })
})

describe('attachment names', () => {
  test.each([
    ['Proposition technique.pdf', 'Proposition technique.pdf'],
    ['../../etc/passwd', 'passwd.pdf'],
    ['C:\\Users\\me\\offre.PDF', 'offre.pdf'],
    ['"evil"\u0000.pdf', 'evil.pdf'],
    ['', 'document.pdf'],
  ])('%j → %j', (input, expected) => {
    expect(safePdfName(input)).toBe(expected)
  })
})
