import { writeAudit } from '#app/modules/audit/audit.server'
import { assertActsFor } from '#app/modules/policy/acting'
import { applicationViewFor, isMemberOf, type Actor } from '#app/modules/policy/policy'
import { AppError, assertFound } from '#app/modules/shared/app-error'
import { prisma, transaction } from '#app/utils/db.server'
import { MAX_ATTACHMENTS_PER_APPLICATION } from './pdf'
import { removeFile } from './storage.server'
import { assertPdfUpload, openStoredPdf, pdfRowFields, withStoredPdf } from './upload.server'

const UPLOADABLE = ['DRAFT', 'SUBMITTED', 'SHORTLISTED', 'INFO_REQUESTED']

async function loadApplication(applicationId: string) {
  return prisma.application.findUnique({
    where: { id: applicationId },
    select: {
      id: true,
      firmId: true,
      status: true,
      need: { select: { partnerId: true, hubId: true, screeningRequired: true, sharedWith: { select: { hubId: true } } } },
      consortium: { select: { organisationId: true, status: true } },
      _count: { select: { attachments: true } },
    },
  })
}

function viewOf(actor: Actor, application: NonNullable<Awaited<ReturnType<typeof loadApplication>>>) {
  return applicationViewFor(actor, {
    firmId: application.firmId,
    status: application.status,
    consortiumIds: application.consortium.filter((member) => member.status !== 'DECLINED').map((member) => member.organisationId),
    need: {
      partnerId: application.need.partnerId,
      hubId: application.need.hubId,
      sharedHubIds: application.need.sharedWith.map((share) => share.hubId),
      screeningRequired: application.need.screeningRequired,
    },
  })
}

/** The lead firm attaches a PDF (10 MB at most, checked by its content) to its application. */
export async function addAttachment(actor: Actor, applicationId: string, file: { name: string; bytes: Uint8Array }, requestId?: string) {
  const application = await loadApplication(applicationId)
  assertFound(application && viewOf(actor, application) !== 'none')
  if (!isMemberOf(actor, application.firmId)) throw AppError.forbidden('errors.notYourDecision')
  assertActsFor(actor, application.firmId)
  if (!UPLOADABLE.includes(application.status)) throw AppError.conflict('invalid_transition', 'errors.attachmentClosed')
  if (application._count.attachments >= MAX_ATTACHMENTS_PER_APPLICATION) throw AppError.invalid({ file: ['validation.tooManyFiles'] })
  assertPdfUpload(file.bytes)
  // Nothing is left behind when the database refuses the row.
  return withStoredPdf(file.bytes, (storageKey) =>
    transaction(async ({ db }) => {
      const attachment = await db.attachment.create({
        data: { applicationId, ...pdfRowFields(file, actor.userId, storageKey) },
        select: { id: true, filename: true },
      })
      await writeAudit(db, {
        actorId: actor.userId,
        actorOrgId: application.firmId,
        hubId: application.need.hubId,
        action: 'attachment.add',
        target: { type: 'Attachment', id: attachment.id },
        after: { applicationId, filename: attachment.filename, sizeBytes: file.bytes.length },
        requestId,
      })
      return attachment
    }),
  )
}

/** The lead firm removes an attachment while the application is still a draft. */
export async function removeAttachment(actor: Actor, applicationId: string, attachmentId: string, requestId?: string) {
  const attachment = await prisma.attachment.findFirst({ where: { id: attachmentId, applicationId }, select: { id: true, storageKey: true, filename: true } })
  const application = await loadApplication(applicationId)
  assertFound(attachment && application && isMemberOf(actor, application.firmId))
  assertActsFor(actor, application.firmId)
  if (application.status !== 'DRAFT') throw AppError.conflict('invalid_transition', 'errors.attachmentClosed')
  await transaction(async ({ db }) => {
    await db.attachment.delete({ where: { id: attachment.id } })
    await writeAudit(db, { actorId: actor.userId, actorOrgId: application.firmId, hubId: application.need.hubId, action: 'attachment.remove', target: { type: 'Attachment', id: attachment.id }, before: { filename: attachment.filename }, requestId })
  })
  await removeFile(attachment.storageKey)
}

/** The file, for those who may see the application (the firm, the partner, the hub's staff). */
export async function openAttachment(actor: Actor, applicationId: string, attachmentId: string) {
  const attachment = await prisma.attachment.findFirst({ where: { id: attachmentId, applicationId }, select: { filename: true, sizeBytes: true, storageKey: true } })
  const application = await loadApplication(applicationId)
  assertFound(attachment && application)
  assertFound(viewOf(actor, application) !== 'none')
  return openStoredPdf(attachment)
}
