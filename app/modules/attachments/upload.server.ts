import { createHash } from 'node:crypto'
import { Readable } from 'node:stream'
import { AppError } from '#app/modules/shared/app-error'
import { looksLikePdf, MAX_ATTACHMENT_BYTES, safePdfName } from './pdf'
import { readFile, removeFile, storeFile } from './storage.server'

/**
 * What every PDF attachment shares, whatever it is attached to (an application, a pitch): the
 * checks of the file, its stored copy, the fields of its row, and its download.
 */

/** Refuses an empty file, one over 10 MB (413) or one that is not a PDF by its content (415). */
export function assertPdfUpload(bytes: Uint8Array) {
  if (bytes.length === 0) throw AppError.invalid({ file: ['validation.required'] })
  if (bytes.length > MAX_ATTACHMENT_BYTES) throw new AppError(413, 'file_too_large', 'validation.fileTooLarge', {}, { file: ['validation.fileTooLarge'] })
  if (!looksLikePdf(bytes)) throw new AppError(415, 'not_a_pdf', 'validation.notPdf', {}, { file: ['validation.notPdf'] })
}

/** The row's fields of a stored PDF. */
export function pdfRowFields(file: { name: string; bytes: Uint8Array }, uploadedById: string, storageKey: string) {
  return {
    uploadedById,
    filename: safePdfName(file.name),
    contentType: 'application/pdf',
    sizeBytes: file.bytes.length,
    sha256: createHash('sha256').update(file.bytes).digest('hex'),
    storageKey,
  }
}

/** Stores the bytes, then writes their row: nothing is left on disk when the row is refused. */
export async function withStoredPdf<T>(bytes: Uint8Array, write: (storageKey: string) => Promise<T>) {
  const storageKey = await storeFile(bytes)
  try {
    return await write(storageKey)
  } catch (error) {
    await removeFile(storageKey)
    throw error
  }
}

/** A stored attachment as a stream, for its download. */
export function openStoredPdf(attachment: { filename: string; sizeBytes: number; storageKey: string }) {
  return {
    filename: attachment.filename,
    sizeBytes: attachment.sizeBytes,
    stream: Readable.toWeb(readFile(attachment.storageKey)) as ReadableStream<Uint8Array>,
  }
}
