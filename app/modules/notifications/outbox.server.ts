import { Prisma } from '#app/generated/prisma/client'
import { applicationVisibilitySql } from '#app/modules/applications/visibility.server'
import { needVisibilitySql } from '#app/modules/needs/visibility.server'
import { organisationVisibilitySql } from '#app/modules/organisations/visibility.server'
import { isStaff, staffHubIds, type Actor } from '#app/modules/policy/policy'
import { AppError } from '#app/modules/shared/app-error'
import { prisma } from '#app/utils/db.server'

const PAGE_SIZE = 50
/** The CSV export holds every e-mail the list shows, up to this many (newest first). */
export const OUTBOX_CSV_CAP = 10_000

/** E-mails that carry a secret link (password reset, invitation): staff never see the link. */
export const SECRET_EMAIL_KINDS = ['password-reset', 'invitation', 'email-verification', 'email-change'] as const

/**
 * Kinds the app files by record (`queueEmail`'s `about`). One of them without a record was written
 * before e-mails were filed so, under the recipient's first organisation's hub: nobody reads it in
 * the app. E-mails of other kinds without a record (hub-level messages) stay with their hub's staff.
 */
const RECORD_EMAIL_KINDS = [
  'application-received',
  'new-application',
  'applicationAccepted',
  'applicationDeclined',
  'applicationInfoRequested',
  'need-published',
  'need-changes-requested',
  'firm-invited',
  'organisation-verified',
  'invitation',
  'password-reset',
]

export function redactSecrets(kind: string, text: string) {
  if (!(SECRET_EMAIL_KINDS as readonly string[]).includes(kind)) return text
  return text.replace(/https?:\/\/\S+/g, '[lien confidentiel masqué / confidential link hidden]')
}

/**
 * The e-mails (alias `e`) a staff member reads: filed under one of their hubs, and about a record
 * whose own page they may open — the need, application and organisation pages' rules in SQL
 * (`needVisibilitySql`, `applicationVisibilitySql`, `organisationVisibilitySql`); a staff role's
 * e-mails go to the hub's administrators, who manage its team. Lists and pages of the outbox
 * both filter with it, so pagination counts only what is shown.
 */
function readableEmailsSql(actor: Actor) {
  const hubIds = staffHubIds(actor)
  const adminHubIds = actor.staffRoles.filter((role) => role.role === 'ADMIN').map((role) => role.hubId)
  return Prisma.sql`(e."hubId" = ANY(${hubIds}) AND (
    (e."recordType" IS NULL AND NOT (e.kind = ANY(${RECORD_EMAIL_KINDS})))
    OR (e."recordType" = 'NEED' AND EXISTS (
      SELECT 1 FROM "Need" rn WHERE rn.id = e."recordId" AND ${needVisibilitySql(actor, 'rn').visible}))
    OR (e."recordType" = 'APPLICATION' AND EXISTS (
      SELECT 1 FROM "Application" ra JOIN "Need" ran ON ran.id = ra."needId"
      WHERE ra.id = e."recordId" AND ${applicationVisibilitySql(actor, 'ra', 'ran')}))
    OR (e."recordType" = 'ORGANISATION' AND EXISTS (
      SELECT 1 FROM "Organisation" ro WHERE ro.id = e."recordId" AND ${organisationVisibilitySql(actor, 'ro')}))
    OR (e."recordType" = 'STAFF_ROLE' AND EXISTS (
      SELECT 1 FROM "StaffRole" rs WHERE rs.id = e."recordId" AND rs."hubId" = ANY(${adminHubIds})))
  ))`
}

/** The e-mails staff may read, newest first, a page at a time (or all of them, up to OUTBOX_CSV_CAP, for the CSV). */
export async function listOutboxForActor(actor: Actor, page = 1, options: { all?: boolean } = {}) {
  if (!isStaff(actor)) throw AppError.forbidden()
  const offset = options.all ? 0 : (Math.min(page, 1000) - 1) * PAGE_SIZE
  const limit = options.all ? OUTBOX_CSV_CAP : PAGE_SIZE
  const readable = readableEmailsSql(actor)
  const [[count], emails] = await Promise.all([
    prisma.$queryRaw<Array<{ total: number }>>`SELECT count(*)::int AS total FROM "EmailMessage" e WHERE ${readable}`,
    prisma.$queryRaw<Array<{ id: string; toAddress: string; subject: string; kind: string; status: string; createdAt: Date }>>`
      SELECT e.id, e."toAddress", e.subject, e.kind, e.status::text AS status, e."createdAt"
      FROM "EmailMessage" e
      WHERE ${readable}
      ORDER BY e."createdAt" DESC, e.id COLLATE "C"
      LIMIT ${limit} OFFSET ${offset}`,
  ])
  return { total: count?.total ?? 0, pageSize: PAGE_SIZE, emails }
}

/** How many e-mails the outbox lists for this staff member (the staff home's counter). */
export async function countOutboxForActor(actor: Actor) {
  if (!isStaff(actor)) return 0
  const [row] = await prisma.$queryRaw<Array<{ total: number }>>`SELECT count(*)::int AS total FROM "EmailMessage" e WHERE ${readableEmailsSql(actor)}`
  return row?.total ?? 0
}

/** One e-mail of the outbox, under the same rule as the list; 404 otherwise. */
export async function getOutboxEmail(actor: Actor, emailId: string) {
  if (!isStaff(actor)) throw AppError.notFound()
  const [readable] = await prisma.$queryRaw<Array<{ id: string }>>`SELECT e.id FROM "EmailMessage" e WHERE e.id = ${emailId} AND ${readableEmailsSql(actor)}`
  if (!readable) throw AppError.notFound()
  const email = await prisma.emailMessage.findUnique({
    where: { id: readable.id },
    select: { id: true, kind: true, toAddress: true, subject: true, textBody: true, status: true, createdAt: true, sentAt: true },
  })
  if (!email) throw AppError.notFound()
  return { ...email, textBody: redactSecrets(email.kind, email.textBody) }
}
