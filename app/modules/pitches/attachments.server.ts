import { MAX_ATTACHMENTS_PER_APPLICATION } from '#app/modules/attachments/pdf'
import { removeFile } from '#app/modules/attachments/storage.server'
import { assertPdfUpload, openStoredPdf, pdfRowFields, withStoredPdf } from '#app/modules/attachments/upload.server'
import { writeAudit } from '#app/modules/audit/audit.server'
import { assertActsFor } from '#app/modules/policy/acting'
import type { Actor } from '#app/modules/policy/policy'
import { AppError, assertFound } from '#app/modules/shared/app-error'
import { prisma, transaction } from '#app/utils/db.server'
import { firmMayEdit, type PitchStatus } from './pitch-state'
import { pitchForAttachments } from './service.server'

/**
 * A pitch's PDF attachments, stored like an application's (app/modules/attachments: checked by
 * their content, 10 MB at most, ten per pitch, on disk under a random key) and served only to
 * those who may see the pitch (`pitchViewFor`; anyone else: 404).
 */

/** The firm attaches a PDF while it may still edit the pitch (a draft, or one sent back for changes). */
export async function addPitchAttachment(actor: Actor, pitchId: string, file: { name: string; bytes: Uint8Array }, requestId?: string) {
  const { pitch, view, mayUpload } = await pitchForAttachments(actor, pitchId)
  if (view !== 'firm') throw AppError.forbidden('pitches.errors.notYourDecision')
  assertActsFor(actor, pitch.firmId)
  if (!mayUpload) throw AppError.conflict('invalid_transition', 'errors.attachmentClosed')
  // Counted first without a lock to refuse early (before the file is stored); counted again below under the lock.
  if ((await prisma.pitchAttachment.count({ where: { pitchId } })) >= MAX_ATTACHMENTS_PER_APPLICATION) throw AppError.invalid({ file: ['validation.tooManyFiles'] })
  assertPdfUpload(file.bytes)
  return withStoredPdf(file.bytes, (storageKey) =>
    transaction(async ({ db }) => {
      // The pitch row is locked while its attachments are counted and the new one inserted: two
      // uploads at once are serialised, so a pitch never holds more than ten, and a pitch submitted
      // meanwhile (no longer editable) takes no more files.
      const [locked] = await db.$queryRaw<Array<{ status: string }>>`SELECT status::text AS status FROM "Pitch" WHERE id = ${pitchId} FOR UPDATE`
      if (!locked || !firmMayEdit(locked.status as PitchStatus)) throw AppError.conflict('invalid_transition', 'errors.attachmentClosed')
      const count = await db.pitchAttachment.count({ where: { pitchId } })
      if (count >= MAX_ATTACHMENTS_PER_APPLICATION) throw AppError.invalid({ file: ['validation.tooManyFiles'] })
      const attachment = await db.pitchAttachment.create({
        data: { pitchId, ...pdfRowFields(file, actor.userId, storageKey) },
        select: { id: true, filename: true },
      })
      await writeAudit(db, {
        actorId: actor.userId,
        actorOrgId: pitch.firmId,
        hubId: pitch.status === 'DRAFT' ? null : pitch.hubId,
        action: 'pitch.attachment.add',
        target: { type: 'PitchAttachment', id: attachment.id },
        after: { pitchId, sizeBytes: file.bytes.length },
        requestId,
      })
      return attachment
    }),
  )
}

/** The firm removes an attachment while it may still edit the pitch. */
export async function removePitchAttachment(actor: Actor, pitchId: string, attachmentId: string, requestId?: string) {
  const { pitch, view, mayUpload } = await pitchForAttachments(actor, pitchId)
  const attachment = await prisma.pitchAttachment.findFirst({ where: { id: attachmentId, pitchId }, select: { id: true, storageKey: true } })
  assertFound(attachment)
  if (view !== 'firm') throw AppError.forbidden('pitches.errors.notYourDecision')
  assertActsFor(actor, pitch.firmId)
  if (!mayUpload) throw AppError.conflict('invalid_transition', 'errors.attachmentClosed')
  await transaction(async ({ db }) => {
    await db.pitchAttachment.delete({ where: { id: attachment.id } })
    await writeAudit(db, {
      actorId: actor.userId,
      actorOrgId: pitch.firmId,
      hubId: pitch.status === 'DRAFT' ? null : pitch.hubId,
      action: 'pitch.attachment.remove',
      target: { type: 'PitchAttachment', id: attachment.id },
      requestId,
    })
  })
  await removeFile(attachment.storageKey)
}

/** The file, for those who may see the pitch (its firm, its hub's staff, the partner once sent). */
export async function openPitchAttachment(actor: Actor, pitchId: string, attachmentId: string) {
  await pitchForAttachments(actor, pitchId)
  const attachment = await prisma.pitchAttachment.findFirst({ where: { id: attachmentId, pitchId }, select: { filename: true, sizeBytes: true, storageKey: true } })
  assertFound(attachment)
  return openStoredPdf(attachment)
}
