import { page } from './expect'
import type { MarkerKey } from './markers'
import type { Row } from './table'
import { pdfWith, type World } from './world'

/**
 * The access rows of issue 14's pitches (spread into accessTable by table.ts). A pitch is visible
 * only to its firm (firm A and its plain member), the staff of its hub (H) and its partner
 * (partner A) once sent; anyone else gets 404 (decision 0028). Actions are posted where the state
 * refuses the allowed persona (409), so the world does not change.
 */
const pitch = (name: string) => (w: World) => ({ pitchId: w.pitches[name]! })
const form = (fields: Record<string, string>) => () => ({ form: fields })
const upload = () => () => ({ multipart: { files: [{ field: 'file', name: 'controle-pitch.pdf', type: 'application/pdf', bytes: pdfWith('contrôle') }] } })
const none = () => [] as MarkerKey[]

const EDITOR = (partnerId: string, firmId: string, intent: 'save' | 'submit', problem = '') => ({
  form: { intent, firmId, partnerId, title: 'Pitch de contrôle des accès', problem, offer: '' },
})

/** Who sees each pitch of the world. */
const VIEW = {
  draft: { firmA: 200, signedIn: 404 },
  submitted: { firmA: 200, staffH: 200, signedIn: 404 },
  sent: { firmA: 200, staffH: 200, partnerA: 200, signedIn: 404 },
  declined: { firmA: 200, staffH: 200, partnerA: 200, signedIn: 404 },
} as const

export const pitchesRows: Row[] = [
  // ── the lists ──
  {
    route: 'routes/pitches._index',
    method: 'GET',
    label: 'my pitches, sent and received',
    expect: page({ signedIn: 200 }),
    shows: { firmA: ['fpDraft', 'fpSubmitted', 'fpSent', 'fpDeclined'], memberA: ['fpDraft', 'fpSent'], partnerA: ['fpSent', 'fpDeclined'] },
  },
  {
    route: 'routes/staff.pitches',
    method: 'GET',
    label: 'the pitches of my hubs',
    expect: page({ staff: 200, signedIn: 403 }),
    shows: { mod: ['fpSubmitted', 'fpSent', 'fpDeclined'], admin: ['fpSubmitted'] },
  },
  { route: 'routes/staff.pitches', method: 'GET', label: 'filtered: sent', search: () => '?status=SENT', expect: page({ staff: 200, signedIn: 403 }), shows: { mod: ['fpSent'] } },
  { route: 'routes/staff.pitches', method: 'GET', label: 'CSV', search: () => '?format=csv&separator=semicolon', expect: page({ staff: 200, signedIn: 403 }) },

  // ── the editor ──
  { route: 'routes/pitches.new', method: 'GET', label: 'the editor', expect: page({ firms: 200, signedIn: 403 }) },
  { route: 'routes/pitches.new', method: 'GET', label: 'the editor, partner A preselected', search: (w) => `?partner=${w.orgs.pa.id}`, expect: page({ firms: 200, signedIn: 403 }) },
  // An incomplete pitch: refused field by field to the firms (firm A's own, or a firm that is not theirs), 403 to everyone else.
  { route: 'routes/pitches.new', method: 'POST', label: 'submit an incomplete pitch', body: (w) => EDITOR(w.orgs.pa.id, w.orgs.fa.id, 'submit', 'Court.'), expect: page({ firms: 422, signedIn: 403 }), only: none },
  { route: 'routes/pitches.new', method: 'POST', label: 'save a draft for firm A', body: (w) => EDITOR(w.orgs.pa.id, w.orgs.fa.id, 'save'), expect: page({ firmA: 302, firms: 422, signedIn: 403 }), only: none },

  // ── the page, three views ──
  ...(Object.keys(VIEW) as Array<keyof typeof VIEW>).map(
    (name): Row => ({
      route: 'routes/pitches.$pitchId',
      method: 'GET',
      label: name,
      params: pitch(name),
      expect: page(VIEW[name]),
      shows:
        name === 'draft'
          ? { firmA: ['fpDraft'] }
          : name === 'submitted'
            ? { firmA: ['fpSubmitted'], mod: ['fpSubmitted'] }
            : name === 'sent'
              ? { partnerA: ['fpSent', 'fpSentAttach'], mod: ['fpSent'], firmA: ['fpSent', 'fpSentAttach'] }
              : { partnerA: ['fpDeclined'], firmA: ['fpDeclined'] },
    }),
  ),
  { route: 'routes/pitches.$pitchId', method: 'GET', label: 'missing', params: () => ({ pitchId: 'no-such-pitch' }), expect: page({ signedIn: 404 }), only: none },
  // Staff's decisions on a sent pitch: staff refused by the state, the firm and the partner because the decision is not theirs.
  ...(['approve', 'requestChanges', 'reject'] as const).map(
    (intent): Row => ({
      route: 'routes/pitches.$pitchId',
      method: 'POST',
      label: `${intent} a sent pitch`,
      params: pitch('sent'),
      body: form({ intent, comment: 'Un commentaire de contrôle des accès.' }),
      expect: page({ staffH: 409, firmA: 403, partnerA: 403, signedIn: 404 }),
    }),
  ),
  { route: 'routes/pitches.$pitchId', method: 'POST', label: 'submit a sent pitch', params: pitch('sent'), body: form({ intent: 'submit' }), expect: page({ firmA: 409, staffH: 403, partnerA: 403, signedIn: 404 }) },
  { route: 'routes/pitches.$pitchId', method: 'POST', label: 'withdraw a declined pitch', params: pitch('declined'), body: form({ intent: 'withdraw' }), expect: page({ firmA: 409, staffH: 403, partnerA: 403, signedIn: 404 }) },
  { route: 'routes/pitches.$pitchId', method: 'POST', label: 'interested in a declined pitch', params: pitch('declined'), body: form({ intent: 'interested' }), expect: page({ partnerA: 409, firmA: 403, staffH: 403, signedIn: 404 }) },
  { route: 'routes/pitches.$pitchId', method: 'POST', label: 'decline a declined pitch', params: pitch('declined'), body: form({ intent: 'decline', reason: 'BUDGET' }), expect: page({ partnerA: 409, firmA: 403, staffH: 403, signedIn: 404 }) },
  // The conversation opens only on a pitch the partner is interested in; staff never write in it.
  { route: 'routes/pitches.$pitchId', method: 'POST', label: 'message on a declined pitch', params: pitch('declined'), body: form({ intent: 'message', message: 'Message de contrôle des accès.' }), expect: page({ partnerA: 409, firmA: 409, staffH: 403, signedIn: 404 }) },
  // A submitted pitch stays unknown to its partner: even a decision posted about it is 404.
  { route: 'routes/pitches.$pitchId', method: 'POST', label: 'the partner declines a pitch under review', params: pitch('submitted'), body: form({ intent: 'decline', reason: 'BUDGET' }), expect: page({ firmA: 403, staffH: 403, signedIn: 404 }) },
  { route: 'routes/pitches.$pitchId', method: 'POST', label: 'remove a sent pitch’s PDF', params: pitch('sent'), body: (w) => ({ form: { intent: 'removeAttachment', attachmentId: w.pitches.sentAttach! } }), expect: page({ firmA: 409, staffH: 403, partnerA: 403, signedIn: 404 }) },
  { route: 'routes/pitches.$pitchId', method: 'POST', label: 'upload to a sent pitch', params: pitch('sent'), body: upload(), expect: page({ firmA: 409, staffH: 403, partnerA: 403, signedIn: 404 }) },

  // ── the edit page ──
  { route: 'routes/pitches.$pitchId_.edit', method: 'GET', label: 'a draft', params: pitch('draft'), expect: page({ firmA: 200, signedIn: 404 }), shows: { firmA: ['fpDraft'] } },
  { route: 'routes/pitches.$pitchId_.edit', method: 'GET', label: 'a sent pitch', params: pitch('sent'), expect: page({ firmA: 409, staffH: 403, partnerA: 403, signedIn: 404 }) },
  ...(['save', 'submit'] as const).map(
    (intent): Row => ({
      route: 'routes/pitches.$pitchId_.edit',
      method: 'POST',
      label: `${intent} a sent pitch`,
      params: pitch('sent'),
      body: (w) => ({ form: { ...EDITOR(w.orgs.pa.id, w.orgs.fa.id, intent).form, problem: 'Un problème de contrôle des accès, assez long pour soumettre.', offer: 'Une offre de contrôle des accès, assez longue pour soumettre.' } }),
      expect: page({ firmA: 409, staffH: 403, partnerA: 403, signedIn: 404 }),
    }),
  ),

  // ── attachments: served to those who see the pitch only ──
  {
    route: 'routes/pitches.$pitchId.attachments.$attachmentId',
    method: 'GET',
    label: 'a sent pitch’s PDF',
    params: (w) => ({ pitchId: w.pitches.sent!, attachmentId: w.pitches.sentAttach! }),
    expect: page({ firmA: 200, staffH: 200, partnerA: 200, signedIn: 404 }),
    shows: { partnerA: ['fpSentAttach'], mod: ['fpSentAttach'] },
  },
  {
    route: 'routes/pitches.$pitchId.attachments.$attachmentId',
    method: 'GET',
    label: 'a draft’s PDF',
    params: (w) => ({ pitchId: w.pitches.draft!, attachmentId: w.pitches.draftAttach! }),
    expect: page({ firmA: 200, signedIn: 404 }),
    shows: { firmA: ['fpDraft'] },
  },
  {
    route: 'routes/pitches.$pitchId.attachments.$attachmentId',
    method: 'GET',
    label: 'a draft’s PDF through the sent pitch',
    params: (w) => ({ pitchId: w.pitches.sent!, attachmentId: w.pitches.draftAttach! }),
    expect: page({ signedIn: 404 }),
  },
]
