/** The answer of a PDF download: private, never cached, never sniffed, its name in both forms. */
export function pdfDownloadResponse(file: { filename: string; sizeBytes: number; stream: ReadableStream<Uint8Array> }) {
  return new Response(file.stream, {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Length': String(file.sizeBytes),
      'Content-Disposition': `attachment; filename="${file.filename.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  })
}
