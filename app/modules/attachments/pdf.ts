/**
 * Attachments are PDF only, recognised by their content, not their name: a PDF starts with
 * "%PDF-" (allowing a few bytes of leading junk, as readers do) and has "%%EOF" near its end.
 */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
export const MAX_ATTACHMENTS_PER_APPLICATION = 10

export function looksLikePdf(bytes: Uint8Array) {
  if (bytes.length < 16) return false
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024))
  const tail = new TextDecoder('latin1').decode(bytes.subarray(Math.max(0, bytes.length - 2048)))
  return head.indexOf('%PDF-') !== -1 && head.indexOf('%PDF-') < 1024 && tail.includes('%%EOF')
}

/** A file name safe to show and to send back: no path, no control characters, ends in .pdf. */
export function safePdfName(name: string) {
  const base = name.split(/[\\/]/).pop() ?? ''
  const cleaned = base.replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '').trim().slice(0, 120)
  const stem = cleaned.replace(/\.pdf$/i, '') || 'document'
  return `${stem}.pdf`
}
