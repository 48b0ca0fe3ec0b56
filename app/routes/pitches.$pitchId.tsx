import { parseWithZod } from '@conform-to/zod/v4'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '#app/components/error-boundary'
import { PitchStatusBadge } from '#app/components/pitches'
import { Button, LinkButton } from '#app/components/ui/button'
import { Alert, Card, PageHeader } from '#app/components/ui/card'
import { ErrorList, FormErrors } from '#app/components/ui/field'
import { formatDate, formatNumber, onDay } from '#app/i18n/format'
import { translateKey } from '#app/i18n/translate'
import { declineReasons } from '#app/modules/applications/schema'
import { MAX_ATTACHMENT_BYTES } from '#app/modules/attachments/pdf'
import { addPitchAttachment, removePitchAttachment } from '#app/modules/pitches/attachments.server'
import { PITCH_DECISION_INTENTS, pitchDecisionSchema } from '#app/modules/pitches/schema'
import { actOnPitch, assertMaySeePitch, getPitchForActor } from '#app/modules/pitches/service.server'
import { middayOf } from '#app/modules/reminders/schedule'
import { AppError } from '#app/modules/shared/app-error'
import { recordId } from '#app/modules/shared/fields'
import { readFormData, singleValue } from '#app/utils/form.server'
import { getRequestLocale } from '#app/utils/i18n.server'
import { titleMeta } from '#app/utils/meta'
import { appErrorReply, appErrorResult, handle, invalidFormResult, requireParam } from '#app/utils/route.server'
import { requireActor } from '#app/utils/session.server'
import { redirectWithToast } from '#app/utils/toast.server'

export const meta = titleMeta

/** One pitch, three views: its firm, the staff of its hub, the partner once sent. Anyone else: 404. */
export async function loader(args: LoaderFunctionArgs) {
  return handle(args, async ({ request, params }) => {
    const actor = await requireActor(request)
    const detail = await getPitchForActor(actor, requireParam(params, 'pitchId'))
    const locale = await getRequestLocale(request)
    return json({ title: detail.pitch.title, locale, timeZone: actor.timeZone, dueOn: detail.dueDay ? onDay(middayOf(detail.dueDay), locale, actor.timeZone) : null, ...detail })
  })
}

/** The largest upload read: one 10 MB file, and the multipart framing around it. */
const MAX_UPLOAD_BODY_BYTES = MAX_ATTACHMENT_BYTES + 64 * 1024
const fileTooLarge = () => new AppError(413, 'file_too_large', 'validation.fileTooLarge', {}, { file: ['validation.fileTooLarge'] })

async function readUpload(request: Request) {
  if (Number(request.headers.get('Content-Length') ?? 0) > MAX_UPLOAD_BODY_BYTES) throw fileTooLarge()
  let formData: FormData
  try {
    formData = await request.formData()
  } catch {
    throw AppError.invalid({ file: ['validation.uploadUnreadable'] })
  }
  const file = formData.get('file')
  if (!(file instanceof File) || file.size === 0) throw AppError.invalid({ file: ['validation.required'] })
  if (file.size > MAX_ATTACHMENT_BYTES) throw fileTooLarge()
  return { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) }
}

export async function action(args: ActionFunctionArgs) {
  return handle(args, async ({ request, params, context }) => {
    const actor = await requireActor(request)
    const pitchId = requireParam(params, 'pitchId')
    const back = (messageKey: string) => redirectWithToast(`/pitches/${pitchId}`, { messageKey })
    await assertMaySeePitch(actor, pitchId)

    if ((request.headers.get('Content-Type') ?? '').startsWith('multipart/form-data')) {
      try {
        await addPitchAttachment(actor, pitchId, await readUpload(request), context.requestId)
      } catch (error) {
        const { result, status } = await appErrorResult(request, error)
        return json({ result, intent: 'upload' }, { status })
      }
      return back('pitches.toasts.attachmentAdded')
    }

    const formData = await readFormData(request)
    const intent = singleValue(formData, 'intent') ?? ''
    if (intent === 'removeAttachment') {
      const attachmentId = recordId.safeParse(singleValue(formData, 'attachmentId'))
      if (!attachmentId.success) return json({ result: invalidFormResult(), intent }, { status: 400 })
      await removePitchAttachment(actor, pitchId, attachmentId.data, context.requestId)
      return back('pitches.toasts.attachmentRemoved')
    }
    if (!PITCH_DECISION_INTENTS.includes(intent)) return json({ result: invalidFormResult(), intent }, { status: 400 })
    const submission = parseWithZod(formData, { schema: pitchDecisionSchema })
    if (submission.status !== 'success') return json({ result: submission.reply(), intent }, { status: 422 })
    try {
      await actOnPitch(actor, pitchId, submission.value, context.requestId)
    } catch (error) {
      const { result, status } = await appErrorReply(request, submission, error)
      return json({ result, intent }, { status })
    }
    return back(`pitches.toasts.${submission.value.intent}`)
  })
}

function useIntentErrors(intent: string) {
  const actionData = useActionData<typeof action>()
  if (!actionData || actionData.intent !== intent) return undefined
  return (actionData.result as { error?: Record<string, string[]> } | null)?.error
}

const textareaClass = 'block w-full rounded-md border-0 px-3 py-2 text-sm ring-1 ring-inset ring-stone-300'

/** A decision with a text: ask for changes, reject (both by staff), say one is interested (the partner), write a message. */
function TextForm({ intent, field, label, submitLabel, required, variant }: { intent: 'requestChanges' | 'reject' | 'interested' | 'message'; field: 'comment' | 'message'; label: string; submitLabel: string; required: boolean; variant?: 'danger' | 'secondary' }) {
  const errors = useIntentErrors(intent)
  const navigation = useNavigation()
  const id = `pitch-${intent}`
  return (
    <Form method="post" className="space-y-2">
      <input type="hidden" name="intent" value={intent} />
      <FormErrors errors={errors?.['']} />
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <textarea id={id} name={field} rows={3} required={required} maxLength={5000} className={textareaClass} aria-invalid={errors?.[field] ? true : undefined} aria-describedby={errors?.[field] ? `${id}-error` : undefined} />
      <ErrorList id={`${id}-error`} errors={errors?.[field]} />
      <Button type="submit" size="sm" variant={variant} pending={navigation.state === 'submitting' && navigation.formData?.get('intent') === intent}>
        {submitLabel}
      </Button>
    </Form>
  )
}

/** A decision without a text: submit, withdraw (the firm), send to the partner (staff). */
function PlainForm({ intent, label, hint, variant }: { intent: 'submit' | 'withdraw' | 'approve'; label: string; hint?: string; variant?: 'danger' | 'secondary' }) {
  const errors = useIntentErrors(intent)
  return (
    <Form method="post" className="space-y-1">
      <input type="hidden" name="intent" value={intent} />
      <FormErrors errors={[...(errors?.[''] ?? []), ...(errors?.problem ?? []), ...(errors?.offer ?? [])]} />
      <Button type="submit" size="sm" variant={variant}>
        {label}
      </Button>
      {hint ? <p className="text-sm text-stone-700">{hint}</p> : null}
    </Form>
  )
}

function DeclineForm() {
  const { t } = useTranslation()
  const errors = useIntentErrors('decline')
  return (
    <Form method="post" className="space-y-2">
      <input type="hidden" name="intent" value="decline" />
      <FormErrors errors={errors?.['']} />
      <label htmlFor="pitch-decline-reason" className="block text-sm font-medium">
        {t('pitches.page.declineReasonLabel')}
      </label>
      <select id="pitch-decline-reason" name="reason" required aria-invalid={errors?.reason ? true : undefined} aria-describedby={errors?.reason ? 'pitch-decline-reason-error' : undefined} className="block w-full rounded-md border-0 py-2 pl-2 pr-8 text-sm ring-1 ring-inset ring-stone-300">
        <option value="">{t('pitches.page.chooseReason')}</option>
        {declineReasons.map((reason) => (
          <option key={reason} value={reason}>
            {t(`declineReason.${reason}`)}
          </option>
        ))}
      </select>
      <ErrorList id="pitch-decline-reason-error" errors={errors?.reason} />
      <label htmlFor="pitch-decline-comment" className="block text-sm font-medium">
        {t('pitches.page.declineCommentLabel')}
      </label>
      <textarea id="pitch-decline-comment" name="comment" rows={3} maxLength={2000} className={textareaClass} />
      <ErrorList errors={errors?.comment} />
      <Button type="submit" size="sm" variant="danger">
        {t('pitches.page.decline')}
      </Button>
    </Form>
  )
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Card className="space-y-3" aria-labelledby={id}>
      <h2 id={id} className="text-lg font-semibold">
        {title}
      </h2>
      {children}
    </Card>
  )
}

function Attachments() {
  const { pitch, attachments, actions, locale } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const errors = useIntentErrors('upload')
  return (
    <Section id="pitch-attachments" title={t('pitches.page.attachments')}>
      {attachments.length === 0 ? <p className="text-sm text-stone-700">{t('pitches.page.attachmentsNone')}</p> : null}
      <ul className="space-y-1">
        {attachments.map((attachment) => (
          <li key={attachment.id} className="flex flex-wrap items-center justify-between gap-2 text-sm">
            <a href={`/pitches/${pitch.id}/attachments/${attachment.id}`} className="font-medium text-brand-700 underline">
              {attachment.filename}
            </a>
            <span className="flex items-center gap-3 text-stone-700">
              {t('pitches.page.attachmentsSize', { size: formatNumber(attachment.sizeBytes / 1024 / 1024, locale, 1) })}
              {actions.upload ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="removeAttachment" />
                  <input type="hidden" name="attachmentId" value={attachment.id} />
                  <button type="submit" className="underline" aria-label={t('pitches.page.attachmentsRemoveLabel', { name: attachment.filename })}>
                    {t('pitches.page.attachmentsRemove')}
                  </button>
                </Form>
              ) : null}
            </span>
          </li>
        ))}
      </ul>
      {actions.upload ? (
        <Form method="post" encType="multipart/form-data" className="space-y-2">
          <FormErrors errors={errors?.['']} />
          <label htmlFor="pitch-attachment-file" className="block text-sm font-medium">
            {t('pitches.page.attachmentsAdd')}
          </label>
          <p id="pitch-attachment-hint" className="text-sm text-stone-700">
            {t('pitches.page.attachmentsHint')}
          </p>
          <input id="pitch-attachment-file" name="file" type="file" accept="application/pdf,.pdf" required aria-describedby="pitch-attachment-hint" className="block text-sm" />
          <ErrorList errors={errors?.file} />
          <Button type="submit" size="sm" variant="secondary">
            {t('pitches.page.attachmentsUpload')}
          </Button>
        </Form>
      ) : null}
    </Section>
  )
}

export default function PitchPage() {
  const { pitch, view, actions, history, messages, dueOn, daysLate, charterDays, locale, timeZone } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const text = (value: string) => (value.trim() ? <p className="whitespace-pre-line text-sm text-stone-800">{value}</p> : <p className="text-sm text-stone-700">{t('pitches.page.none')}</p>)
  const anyAction = Object.values(actions).some(Boolean)
  return (
    <div className="space-y-6">
      <PageHeader
        title={pitch.title}
        description={
          <>
            {t('pitches.page.firmSide', { firm: pitch.firm.name })} · {t('pitches.page.partnerSide', { partner: pitch.partner.name })} · {t('pitches.page.hub', { hub: pitch.hub.shortName })}
          </>
        }
        actions={<PitchStatusBadge status={pitch.status} />}
      />
      <p className="text-sm">
        <Link to="/pitches" className="text-brand-700 underline">
          {t('pitches.title')}
        </Link>
      </p>

      {pitch.status === 'SENT' && dueOn ? (
        daysLate > 0 ? (
          <Alert tone="danger">{t('pitches.page.late', { count: daysLate, due: dueOn })}</Alert>
        ) : (
          <Alert tone="info">{t('pitches.page.dueOn', { due: dueOn, days: charterDays })}</Alert>
        )
      ) : null}
      {pitch.moderationComment && (pitch.status === 'CHANGES_REQUESTED' || pitch.status === 'REJECTED') ? (
        <Alert tone={pitch.status === 'REJECTED' ? 'danger' : 'warning'} title={t(pitch.status === 'REJECTED' ? 'pitches.page.rejectedTitle' : 'pitches.page.changesRequestedTitle')}>
          <span className="whitespace-pre-line">{pitch.moderationComment}</span>
        </Alert>
      ) : null}
      {pitch.status === 'DECLINED' ? (
        <Alert tone="danger" title={t('pitches.page.declinedTitle')}>
          {pitch.declineReason ? t('pitches.page.declineReason', { reason: translateKey(t, `declineReason.${pitch.declineReason}`) }) : null}
          {pitch.declineComment ? <span className="block whitespace-pre-line">{pitch.declineComment}</span> : null}
        </Alert>
      ) : null}
      {pitch.status === 'INTERESTED' ? (
        <Alert tone="success" title={t('pitches.page.interestedTitle')}>
          {t('pitches.page.interestedHint')}
        </Alert>
      ) : null}
      {pitch.needId && view !== 'staff' ? (
        <p className="text-sm">
          {t('pitches.page.needCreated')}{' '}
          <Link to={`/needs/${pitch.needId}`} className="font-semibold text-brand-700 underline">
            {t('pitches.page.openNeed')}
          </Link>
        </p>
      ) : null}

      <Section id="pitch-problem" title={t('pitches.page.problem')}>
        {text(pitch.problem)}
      </Section>
      <Section id="pitch-offer" title={t('pitches.page.offer')}>
        {text(pitch.offer)}
      </Section>
      <Section id="pitch-references" title={t('pitches.page.references')}>
        {text(pitch.referencesText)}
      </Section>
      <Attachments />

      <Section id="pitch-actions" title={t('pitches.page.actionsTitle')}>
        {!anyAction ? <p className="text-sm text-stone-700">{t('pitches.page.noActions')}</p> : null}
        <div className="space-y-4">
          {actions.edit ? (
            <LinkButton to={`/pitches/${pitch.id}/edit`} variant="secondary" size="sm">
              {t('pitches.page.edit')}
            </LinkButton>
          ) : null}
          {actions.submit ? <PlainForm intent="submit" label={t('pitches.page.submit')} /> : null}
          {actions.approve ? <PlainForm intent="approve" label={t('pitches.page.approve')} hint={t('pitches.page.approveHint')} /> : null}
          {actions.requestChanges ? <TextForm intent="requestChanges" field="comment" label={t('pitches.page.requestChangesLabel')} submitLabel={t('pitches.page.requestChanges')} required variant="secondary" /> : null}
          {actions.reject ? <TextForm intent="reject" field="comment" label={t('pitches.page.rejectLabel')} submitLabel={t('pitches.page.reject')} required variant="danger" /> : null}
          {actions.interested ? <TextForm intent="interested" field="message" label={t('pitches.page.interestedLabel')} submitLabel={t('pitches.page.interested')} required={false} /> : null}
          {actions.decline ? <DeclineForm /> : null}
          {actions.createNeed ? (
            <LinkButton to={`/needs/new?fromPitch=${pitch.id}`} size="sm">
              {t('pitches.page.createNeed')}
            </LinkButton>
          ) : null}
          {actions.withdraw ? <PlainForm intent="withdraw" label={t('pitches.page.withdraw')} hint={t('pitches.page.withdrawHint')} variant="danger" /> : null}
        </div>
      </Section>

      {view !== 'staff' ? (
        <Section id="pitch-conversation" title={t('pitches.page.conversation')}>
          {pitch.status !== 'INTERESTED' && messages.length === 0 ? <p className="text-sm text-stone-700">{t('pitches.page.conversationClosed')}</p> : null}
          {pitch.status === 'INTERESTED' && messages.length === 0 ? <p className="text-sm text-stone-700">{t('pitches.page.conversationEmpty')}</p> : null}
          <ol className="space-y-3">
            {messages.map((message) => (
              <li key={message.id} className="rounded-md bg-stone-50 p-3 ring-1 ring-stone-200">
                <p className="text-xs text-stone-700">
                  {message.authorOrg?.name ?? message.author.name} · {formatDate(message.createdAt, locale, { timeZone, withTime: true })}
                </p>
                <p className="mt-1 whitespace-pre-line text-sm">{message.body}</p>
              </li>
            ))}
          </ol>
          {actions.message ? <TextForm intent="message" field="message" label={t('pitches.page.messageLabel')} submitLabel={t('pitches.page.messageSend')} required /> : null}
        </Section>
      ) : null}

      <Section id="pitch-history" title={t('pitches.page.history')}>
        {history.length === 0 ? <p className="text-sm text-stone-700">{t('pitches.page.historyEmpty')}</p> : null}
        <ol className="space-y-1 text-sm">
          {history.map((entry) => (
            <li key={entry.id}>
              <span className="font-medium">{translateKey(t, `pitches.history.${entry.action}`)}</span> · {formatDate(entry.at, locale, { timeZone, withTime: true })}
            </li>
          ))}
        </ol>
      </Section>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
