import { addPitchAttachment } from '#app/modules/pitches/attachments.server'
import { pitchFormSchema } from '#app/modules/pitches/schema'
import { actOnPitch, createPitch } from '#app/modules/pitches/service.server'
import { actorFor } from '#tests/helpers/actor'
import { pdfWith, type World } from './world'

/**
 * Issue 14's pitches in the access-rule world: planted after the rest (through the services), with
 * the ids the rows of table-pitches.ts need. Firm A pitches partner A four times: a draft (with a
 * PDF), one under review, one sent (with a PDF) and one partner A declined.
 */
export async function plantPitches(w: World): Promise<Record<string, string>> {
  const m = w.markers
  const [firmA, partnerA, mod] = await Promise.all([actorFor(w.users.firmA.id), actorFor(w.users.partnerA.id), actorFor(w.users.mod.id)])
  const form = (marker: string, intent: 'save' | 'submit') =>
    pitchFormSchema.parse({
      intent,
      firmId: w.orgs.fa.id,
      partnerId: w.orgs.pa.id,
      title: `Pitch ${marker} capteurs`,
      problem: `Le problème ${marker} : des arrêts de ligne imprévus chaque hiver.`,
      offer: `Notre offre ${marker} : des capteurs vibratoires et un modèle d’alerte.`,
      referencesText: 'Deux stations de Belledonne.',
    })
  const draft = await createPitch(firmA, form(m.fpDraft, 'save'))
  const draftAttach = await addPitchAttachment(firmA, draft.id, { name: `${m.fpDraft}.pdf`, bytes: pdfWith(m.fpDraft) })
  const submitted = await createPitch(firmA, form(m.fpSubmitted, 'submit'))
  const sent = await createPitch(firmA, form(m.fpSent, 'save'))
  const sentAttach = await addPitchAttachment(firmA, sent.id, { name: `${m.fpSentAttach}.pdf`, bytes: pdfWith(m.fpSentAttach) })
  await actOnPitch(firmA, sent.id, { intent: 'submit' })
  await actOnPitch(mod, sent.id, { intent: 'approve' })
  const declined = await createPitch(firmA, form(m.fpDeclined, 'submit'))
  await actOnPitch(mod, declined.id, { intent: 'approve' })
  await actOnPitch(partnerA, declined.id, { intent: 'decline', reason: 'TIMING', comment: null })
  return { draft: draft.id, draftAttach: draftAttach.id, submitted: submitted.id, sent: sent.id, sentAttach: sentAttach.id, declined: declined.id }
}
