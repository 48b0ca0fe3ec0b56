import type { Prisma } from '#app/generated/prisma/client'
import type { DbClient } from '#app/utils/db.server'

export interface AuditEntry {
  actorId: string | null
  actorOrgId?: string | null
  hubId?: string | null
  action: string
  target: { type: string; id: string }
  before?: Prisma.InputJsonValue | null
  after?: Prisma.InputJsonValue | null
  requestId?: string | null
}

/** Writes one audit-log row; call it inside the transaction that makes the change. */
export async function writeAudit(db: DbClient, entry: AuditEntry) {
  await db.auditLog.create({
    data: {
      actorId: entry.actorId,
      actorOrgId: entry.actorOrgId ?? null,
      hubId: entry.hubId ?? null,
      action: entry.action,
      targetType: entry.target.type,
      targetId: entry.target.id,
      before: entry.before ?? undefined,
      after: entry.after ?? undefined,
      requestId: entry.requestId ?? null,
    },
  })
}
