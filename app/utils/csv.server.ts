import { writeAudit } from '#app/modules/audit/audit.server'
import type { Actor } from '#app/modules/policy/policy'
import { csvFilename, toCsv, type CsvColumn, type CsvSeparator } from '#app/modules/shared/csv'
import { prisma } from './db.server'

export { csvRequest } from '#app/modules/shared/csv'

/**
 * A staff table's CSV export, answered at the page's own URL (`?format=csv`). Every export is
 * audited (`export.csv`: the page, its filters and the number of rows), in the hub of the table
 * when it has one.
 */
export async function csvResponse<Row>(options: {
  request: Request
  actor: Actor
  /** The table's name, for the file name and the audit log (e.g. `partners`). */
  table: string
  columns: ReadonlyArray<CsvColumn<Row>>
  rows: ReadonlyArray<Row>
  separator: CsvSeparator
  hubId?: string | null
  requestId?: string
}) {
  const url = new URL(options.request.url)
  const filters = Object.fromEntries([...url.searchParams].filter(([name]) => name !== 'format' && name !== 'separator'))
  await writeAudit(prisma, {
    actorId: options.actor.userId,
    hubId: options.hubId ?? null,
    action: 'export.csv',
    target: { type: 'Export', id: options.table },
    after: { path: url.pathname, filters, rows: options.rows.length },
    requestId: options.requestId,
  })
  return new Response(toCsv(options.columns, options.rows, options.separator), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${csvFilename(options.table)}"`,
      'Cache-Control': 'private, no-store',
    },
  })
}
