import { prisma } from '#app/utils/db.server'

/**
 * A digest of everything a refused request must leave as it was: needs, applications and what
 * hangs on them, organisations and their teams, tokens, staff roles, saved searches, what was
 * read, e-mails queued and the audit log. One query, so that it can surround every refused write.
 */
export async function worldFingerprint(): Promise<string> {
  const [row] = await prisma.$queryRaw<Array<Record<string, string | null>>>`
    SELECT
      (SELECT md5(coalesce(string_agg(id || status || "updatedAt"::text || coalesce("pendingRevision"::text, '') || coalesce("moderationComment", ''), ',' ORDER BY id), '')) FROM "Need") AS needs,
      (SELECT md5(coalesce(string_agg(id || status || "updatedAt"::text, ',' ORDER BY id), '')) FROM "Application") AS applications,
      (SELECT md5(coalesce(string_agg(id || coalesce(answer, '') || coalesce("answeredAt"::text, ''), ',' ORDER BY id), '')) FROM "Question") AS questions,
      (SELECT md5(coalesce(string_agg(id || status || "updatedAt"::text, ',' ORDER BY id), '')) FROM "Deal") AS deals,
      (SELECT md5(coalesce(string_agg(id || status, ',' ORDER BY id), '')) FROM "Match") AS matches,
      (SELECT md5(coalesce(string_agg(id || status || "updatedAt"::text, ',' ORDER BY id), '')) FROM "Organisation") AS organisations,
      (SELECT md5(coalesce(string_agg(id || role, ',' ORDER BY id), '')) FROM "Membership") AS memberships,
      (SELECT md5(coalesce(string_agg(id || coalesce("acceptedAt"::text, ''), ',' ORDER BY id), '')) FROM "Invitation") AS invitations,
      (SELECT md5(coalesce(string_agg(id || role, ',' ORDER BY id), '')) FROM "StaffRole") AS staff,
      (SELECT md5(coalesce(string_agg(id || coalesce("revokedAt"::text, ''), ',' ORDER BY id), '')) FROM "ApiToken") AS tokens,
      (SELECT md5(coalesce(string_agg(id, ',' ORDER BY id), '')) FROM "SavedSearch") AS searches,
      (SELECT md5(coalesce(string_agg(id || coalesce("readAt"::text, ''), ',' ORDER BY id), '')) FROM "Notification") AS notifications,
      (SELECT count(*)::text FROM "Message") AS messages,
      (SELECT count(*)::text FROM "Attachment") AS attachments,
      (SELECT count(*)::text FROM "NdaAcceptance") AS ndas,
      (SELECT count(*)::text FROM "Reference") AS "references",
      (SELECT count(*)::text FROM "ConsortiumMember") AS consortia,
      (SELECT count(*)::text FROM "EmailMessage") AS emails,
      (SELECT count(*)::text FROM "AuditLog") AS audit`
  return JSON.stringify(row)
}
