import fc from 'fast-check'
import { looksLikePdf, MAX_ATTACHMENT_BYTES } from '#app/modules/attachments/pdf'
import type { Upload } from './client'

/** Generated uploads: files that are no PDF, empty ones, ones just over the 10 MB limit, hostile names. */
const encoder = new TextEncoder()

export function minimalPdf(text = 'Sillon') {
  return encoder.encode(`%PDF-1.4\n% ${text}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`)
}

/**
 * File names a browser may send, or a forged request: paths, control characters, markup, RTL
 * overrides, no extension, very long. Without `;`, `=` and `"`: those have their own property
 * (`nameWithSeparator`), the multipart parser failing on them.
 */
export const hostileName = fc.oneof(
  fc.constantFrom(
    'offre.pdf',
    '../../etc/passwd.pdf',
    '..\\..\\boot.ini',
    '/absolute/path/offre.pdf',
    'C:\\Users\\a\\offre.pdf',
    'offre\u0000.pdf.exe',
    'offre.pdf\u0000',
    'rapport\u202efdp.exe',
    '<script>alert(1)</script>.pdf',
    'offre.PDF',
    'offre',
    '.pdf',
    '',
    ' ',
    'con.pdf',
    'offre 😀 ש.pdf',
    'e\u0301te\u0301.pdf',
    'a\nb.pdf',
    '%2e%2e%2fetc.pdf',
  ),
  fc.integer({ min: 121, max: 2000 }).map((length) => `${'n'.repeat(length)}.pdf`),
  fc.string({ minLength: 1, maxLength: 60 }).map((name) => `${name}.pdf`),
).filter((name) => !/[;="]/.test(name))

/** Legal file names with a semicolon, an equals sign or a double quote ("Offre; v2.pdf", "a=b.pdf"). */
export const nameWithSeparator = fc.oneof(
  fc.constantFrom('Offre; v2.pdf', 'a;b.pdf', ';.pdf', 'Devis "final".pdf', '"quoted";.pdf', 'x;y;z.pdf', 'remise=10%.pdf', '1+1=2.pdf'),
  fc.tuple(fc.stringMatching(/^[A-Za-z0-9 ]{0,20}$/), fc.constantFrom(';', '"', '=', '; ', '";', ' = '), fc.stringMatching(/^[A-Za-z0-9 ]{0,20}$/)).map(([a, sep, b]) => `${a}${sep}${b}.pdf`),
)

/** Multipart bodies that no browser sends whole: truncated, without headers, with another boundary. */
export const malformedMultipart = fc.oneof(
  fc.constantFrom(
    '--x\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-',
    '--x\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n%%EOF\n',
    '--x--',
    '--x\r\n\r\n\r\n--x--',
    '--x\r\nNo colon here\r\n\r\nvalue\r\n--x--',
    '--x\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n%%EOF\n\r\n--x--',
    '--x\r\nContent-Disposition: form-data; filename="a.pdf"\r\n\r\n%PDF-1.4\n%%EOF\n\r\n--x--',
    '--x\r\nContent-Disposition: attachment; name="file"\r\n\r\nx\r\n--x--',
    '--y\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-1.4\n%%EOF\n\r\n--y--',
    'garbage',
    '',
  ),
  fc.string({ maxLength: 200 }).map((text) => `--x\r\n${text}`),
  fc.uint8Array({ maxLength: 512 }).map((bytes) => new TextDecoder('latin1').decode(bytes)),
)

const bytesOf = (text: string) => encoder.encode(text)

/** Contents that are not a PDF (by their bytes, whatever the name or the declared type). */
export const notPdfBytes = fc
  .oneof(
    fc.uint8Array({ minLength: 1, maxLength: 4096 }),
    fc.constantFrom(
      bytesOf('%PDF-1.4\n1 0 obj << >> endobj\n'), // no end marker
      bytesOf('hello %%EOF'), // no header
      bytesOf('%PDF-%%EOF'), // shorter than any PDF
      bytesOf('\u0089PNG\r\n\u001a\n0000000000000000'),
      bytesOf('PK\u0003\u0004 a zip, renamed %%EOF'),
      bytesOf('<html><body>not a pdf</body></html>'),
      bytesOf('MZ\u0090\u0000 an executable'),
      new Uint8Array(2048),
    ),
    // The header too far from the start.
    fc.integer({ min: 1024, max: 3000 }).map((offset) => {
      const bytes = new Uint8Array(offset + 200).fill(0x20)
      bytes.set(bytesOf('%PDF-1.4\n'), offset)
      bytes.set(bytesOf('%%EOF\n'), offset + 150)
      return bytes
    }),
    // The end marker too far from the end.
    fc.integer({ min: 2049, max: 6000 }).map((tail) => {
      const head = bytesOf('%PDF-1.4\n%%EOF\n')
      const bytes = new Uint8Array(head.length + tail).fill(0x41)
      bytes.set(head, 0)
      return bytes
    }),
  )
  .filter((bytes) => !looksLikePdf(bytes))

/** Just over the limit (up to 4 KB more), a valid PDF's header and end included. */
export const oversizePdf = fc.integer({ min: MAX_ATTACHMENT_BYTES + 1, max: MAX_ATTACHMENT_BYTES + 4096 }).map((size) => {
  const bytes = new Uint8Array(size).fill(0x20)
  bytes.set(bytesOf('%PDF-1.4\n'), 0)
  bytes.set(bytesOf('%%EOF\n'), size - 6)
  return bytes
})

const declaredType = fc.constantFrom('application/pdf', 'application/octet-stream', 'text/plain', 'image/png', '', 'application/pdf; charset=binary')

/** One file that must be refused: not a PDF, empty, or over 10 MB (rarely: each is 10 MB). */
export const badUpload: fc.Arbitrary<Upload> = fc
  .tuple(
    fc.oneof({ arbitrary: notPdfBytes, weight: 8 }, { arbitrary: fc.constant(new Uint8Array(0)), weight: 2 }, { arbitrary: oversizePdf, weight: 1 }),
    hostileName,
    declaredType,
  )
  .map(([bytes, name, type]) => ({ field: 'file', name, type, bytes }))

/** A valid PDF under a hostile name. */
export const pdfUnderHostileName: fc.Arbitrary<Upload> = fc.tuple(hostileName, declaredType).map(([name, type]) => ({ field: 'file', name, type, bytes: minimalPdf(name.slice(0, 20)) }))
