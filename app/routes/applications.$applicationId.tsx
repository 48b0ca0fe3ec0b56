import { parseWithZod } from '@conform-to/zod/v4'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '#app/components/error-boundary'
import { MatchReasons, ScoreBadge } from '#app/components/match-score'
import { ApplicationStatusBadge } from '#app/components/status-badges'
import { Button, LinkButton } from '#app/components/ui/button'
import { Alert, Badge, Card, PageHeader } from '#app/components/ui/card'
import { ErrorList, FormErrors } from '#app/components/ui/field'
import { formatDate, formatEur, formatNumber } from '#app/i18n/format'
import { MAX_ATTACHMENT_BYTES } from '#app/modules/attachments/pdf'
import { addAttachment, removeAttachment } from '#app/modules/attachments/service.server'
import { applicationDecisionSchema, declineReasons } from '#app/modules/applications/schema'
import { actOnApplication, getApplicationForActor } from '#app/modules/applications/service.server'
import { contractSchema, pilotOutcomeSchema, startPilotSchema } from '#app/modules/deals/schema'
import { moveDeal, startPilot } from '#app/modules/deals/service.server'
import { AppError } from '#app/modules/shared/app-error'
import { recordId } from '#app/modules/shared/fields'
import { readFormData, singleValue } from '#app/utils/form.server'
import { getRequestLocale, getRequestT } from '#app/utils/i18n.server'
import { titleMeta } from '#app/utils/meta'
import { appErrorReply, appErrorResult, handle, invalidFormResult, requireParam } from '#app/utils/route.server'
import { requireActor } from '#app/utils/session.server'
import { redirectWithToast } from '#app/utils/toast.server'

export const meta = titleMeta

export async function loader(args: LoaderFunctionArgs) {
  return handle(args, async ({ request, params }) => {
    const actor = await requireActor(request)
    const detail = await getApplicationForActor(actor, requireParam(params, 'applicationId'))
    const [t, locale] = await Promise.all([getRequestT(request), getRequestLocale(request)])
    return json({ title: t('applicationPage.title', { firm: detail.application.firm.name }), locale, ...detail })
  })
}

const DEAL_INTENTS = new Set(['startPilot', 'pilotSucceeded', 'pilotFailed', 'cancel', 'signContract'])
const DECISION_INTENTS = new Set<string>(applicationDecisionSchema.options.map((option) => option.shape.intent.value))

/** The largest upload read: one 10 MB file, and the multipart framing around it. */
const MAX_UPLOAD_BODY_BYTES = MAX_ATTACHMENT_BYTES + 64 * 1024

const fileTooLarge = () => new AppError(413, 'file_too_large', 'validation.fileTooLarge', {}, { file: ['validation.fileTooLarge'] })

/**
 * An attachment upload, never more than 10 MB (and its framing) read. The platform's multipart
 * parser reads quoted file names whole ("Offre; v2.pdf", "1+1=2.pdf"); a body it cannot read
 * (truncated, without boundary or headers) is refused with a message, not a 500.
 */
async function readUpload(request: Request) {
  let received = 0
  const body = request.body?.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        received += chunk.byteLength
        if (received > MAX_UPLOAD_BODY_BYTES) controller.error(fileTooLarge())
        else controller.enqueue(chunk)
      },
    }),
  )
  let formData: FormData
  try {
    formData = await new Response(body, { headers: { 'Content-Type': request.headers.get('Content-Type') ?? '' } }).formData()
  } catch {
    if (received > MAX_UPLOAD_BODY_BYTES) throw fileTooLarge()
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
    const applicationId = requireParam(params, 'applicationId')
    const back = (messageKey: string) => redirectWithToast(`/applications/${applicationId}`, { messageKey })

    if ((request.headers.get('Content-Type') ?? '').startsWith('multipart/form-data')) {
      try {
        await addAttachment(actor, applicationId, await readUpload(request), context.requestId)
      } catch (error) {
        const { result, status } = await appErrorResult(request, error)
        return json({ result, intent: 'upload' }, { status })
      }
      return back('attachments.added')
    }

    const formData = await readFormData(request)
    const intent = singleValue(formData, 'intent') ?? ''
    if (intent === 'removeAttachment') {
      const attachmentId = recordId.safeParse(singleValue(formData, 'attachmentId'))
      if (!attachmentId.success) return json({ result: invalidFormResult(), intent }, { status: 400 })
      await removeAttachment(actor, applicationId, attachmentId.data, context.requestId)
      return back('attachments.removed')
    }

    if (DEAL_INTENTS.has(intent)) {
      const schema = intent === 'startPilot' ? startPilotSchema : intent === 'signContract' ? contractSchema : pilotOutcomeSchema
      const submission = parseWithZod(formData, { schema: schema as typeof contractSchema })
      if (submission.status !== 'success') return json({ result: submission.reply(), intent }, { status: 400 })
      try {
        const value = submission.value as unknown
        if (intent === 'startPilot') await startPilot(actor, applicationId, value as Parameters<typeof startPilot>[2], context.requestId)
        else await moveDeal(actor, applicationId, intent as 'signContract', intent === 'signContract' ? (value as Parameters<typeof moveDeal>[3]) : undefined, context.requestId)
      } catch (error) {
        const { result, status } = await appErrorReply(request, submission, error)
        return json({ result, intent }, { status })
      }
      return back(`deals.done.${intent}`)
    }

    if (!DECISION_INTENTS.has(intent)) return json({ result: invalidFormResult(), intent }, { status: 400 })
    const submission = parseWithZod(formData, { schema: applicationDecisionSchema })
    if (submission.status !== 'success') return json({ result: submission.reply(), intent }, { status: 400 })
    try {
      await actOnApplication(actor, applicationId, submission.value, context.requestId)
    } catch (error) {
      const { result, status } = await appErrorReply(request, submission, error)
      return json({ result, intent }, { status })
    }
    return back(`decision.done.${submission.value.intent}`)
  })
}

function useIntentErrors(intent: string) {
  const actionData = useActionData<typeof action>()
  if (!actionData || actionData.intent !== intent) return undefined
  return (actionData.result as { error?: Record<string, string[]> } | null)?.error
}

function MessageForm({ intent, label, submitLabel }: { intent: 'message' | 'requestInfo' | 'answerInfo'; label: string; submitLabel: string }) {
  const errors = useIntentErrors(intent)
  const navigation = useNavigation()
  return (
    <Form method="post" className="space-y-2">
      <input type="hidden" name="intent" value={intent} />
      <FormErrors errors={errors?.['']} />
      <label htmlFor={`message-${intent}`} className="block text-sm font-medium">
        {label}
      </label>
      <textarea id={`message-${intent}`} name="message" rows={3} required minLength={2} maxLength={5000} className="block w-full rounded-md border-0 px-3 py-2 text-sm ring-1 ring-inset ring-stone-300" aria-invalid={errors?.message ? true : undefined} />
      <ErrorList errors={errors?.message} />
      <Button type="submit" size="sm" pending={navigation.state === 'submitting' && navigation.formData?.get('intent') === intent}>
        {submitLabel}
      </Button>
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
      <label htmlFor="decline-reason" className="block text-sm font-medium">
        {t('decision.reason')}
      </label>
      <select id="decline-reason" name="reason" required className="block w-full rounded-md border-0 py-2 pl-2 pr-8 text-sm ring-1 ring-inset ring-stone-300">
        <option value="">{t('needForm.choose')}</option>
        {declineReasons.map((reason) => (
          <option key={reason} value={reason}>
            {t(`declineReason.${reason}`)}
          </option>
        ))}
      </select>
      <ErrorList errors={errors?.reason} />
      <label htmlFor="decline-comment" className="block text-sm font-medium">
        {t('decision.comment')}
      </label>
      <textarea id="decline-comment" name="comment" rows={3} required minLength={10} maxLength={2000} className="block w-full rounded-md border-0 px-3 py-2 text-sm ring-1 ring-inset ring-stone-300" />
      <ErrorList errors={errors?.comment} />
      <Button type="submit" size="sm" variant="danger">
        {t('decision.decline')}
      </Button>
    </Form>
  )
}

function DealSection() {
  const { deal, actions, locale } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const pilotErrors = useIntentErrors('startPilot')
  const contractErrors = useIntentErrors('signContract')
  if (!deal && !actions.startPilot) return null
  const inputClass = 'mt-1 block w-full rounded-md border-0 px-3 py-2 text-sm ring-1 ring-inset ring-stone-300'
  return (
    <Card className="space-y-4">
      <h2 className="text-lg font-semibold">{t('deals.title')}</h2>
      {deal ? (
        <div className="space-y-3">
          <Badge tone={deal.status === 'CONTRACT' || deal.status === 'PILOT_SUCCEEDED' ? 'success' : deal.status === 'PILOT' ? 'info' : 'neutral'}>{t(`dealStatus.${deal.status}`)}</Badge>
          <dl className="grid gap-2 text-sm sm:grid-cols-2">
            <div>
              <dt className="font-medium text-stone-600">{t('deals.pilotDates')}</dt>
              <dd>
                {formatDate(deal.pilotStartsOn, locale)} → {formatDate(deal.pilotEndsOn, locale)}
              </dd>
            </div>
            <div>
              <dt className="font-medium text-stone-600">{t('deals.pilotValue')}</dt>
              <dd>{deal.pilotValueEur !== null ? formatEur(deal.pilotValueEur, locale) : '—'}</dd>
            </div>
            <div className="sm:col-span-2">
              <dt className="font-medium text-stone-600">{t('deals.criteria')}</dt>
              <dd>
                <ul className="list-disc pl-5">
                  {deal.successCriteria.map((criterion) => (
                    <li key={criterion}>{criterion}</li>
                  ))}
                </ul>
              </dd>
            </div>
            {deal.purchaseOrder ? (
              <>
                <div>
                  <dt className="font-medium text-stone-600">{t('deals.purchaseOrder')}</dt>
                  <dd>{deal.purchaseOrder}</dd>
                </div>
                <div>
                  <dt className="font-medium text-stone-600">{t('deals.contractValue')}</dt>
                  <dd>
                    {deal.contractValueEur !== null ? formatEur(deal.contractValueEur, locale) : '—'} · {formatDate(deal.contractSignedAt, locale)}
                  </dd>
                </div>
              </>
            ) : null}
          </dl>
          {actions.manageDeal && (deal.status === 'PILOT' || deal.status === 'PILOT_SUCCEEDED') ? (
            <div className="space-y-4 border-t border-stone-200 pt-4">
              {deal.status === 'PILOT' ? (
                <div className="flex flex-wrap gap-2">
                  {(['pilotSucceeded', 'pilotFailed'] as const).map((intent) => (
                    <Form method="post" key={intent}>
                      <input type="hidden" name="intent" value={intent} />
                      <Button type="submit" size="sm" variant={intent === 'pilotSucceeded' ? 'primary' : 'secondary'}>
                        {t(`deals.actions.${intent}`)}
                      </Button>
                    </Form>
                  ))}
                </div>
              ) : null}
              <Form method="post" className="grid gap-3 sm:grid-cols-3 sm:items-end">
                <input type="hidden" name="intent" value="signContract" />
                <div className="sm:col-span-3">
                  <FormErrors errors={contractErrors?.['']} />
                </div>
                <div>
                  <label htmlFor="contract-po" className="block text-sm font-medium">{t('deals.purchaseOrder')}</label>
                  <input id="contract-po" name="purchaseOrder" required maxLength={80} className={inputClass} />
                  <ErrorList errors={contractErrors?.purchaseOrder} />
                </div>
                <div>
                  <label htmlFor="contract-value" className="block text-sm font-medium">{t('deals.contractValue')}</label>
                  <input id="contract-value" name="contractValueEur" inputMode="numeric" required className={inputClass} />
                  <ErrorList errors={contractErrors?.contractValueEur} />
                </div>
                <div>
                  <label htmlFor="contract-date" className="block text-sm font-medium">{t('deals.signedOn')}</label>
                  <input id="contract-date" name="contractSignedAt" type="date" required className={inputClass} />
                  <ErrorList errors={contractErrors?.contractSignedAt} />
                </div>
                <Button type="submit" size="sm">
                  {t('deals.actions.signContract')}
                </Button>
              </Form>
              <Form method="post">
                <input type="hidden" name="intent" value="cancel" />
                <Button type="submit" size="sm" variant="ghost">
                  {t('deals.actions.cancel')}
                </Button>
              </Form>
            </div>
          ) : null}
        </div>
      ) : (
        <Form method="post" className="grid gap-3 sm:grid-cols-2">
          <input type="hidden" name="intent" value="startPilot" />
          <p className="text-sm text-stone-700 sm:col-span-2">{t('deals.startIntro')}</p>
          <div className="sm:col-span-2">
            <FormErrors errors={pilotErrors?.['']} />
            <label htmlFor="pilot-criteria" className="block text-sm font-medium">{t('deals.criteria')}</label>
            <p id="pilot-criteria-hint" className="text-sm text-stone-600">{t('deals.criteriaHint')}</p>
            <textarea id="pilot-criteria" name="successCriteria" rows={3} required maxLength={3000} aria-describedby="pilot-criteria-hint" className={inputClass} />
            <ErrorList errors={pilotErrors?.successCriteria} />
          </div>
          <div>
            <label htmlFor="pilot-start" className="block text-sm font-medium">{t('deals.startsOn')}</label>
            <input id="pilot-start" name="pilotStartsOn" type="date" required className={inputClass} />
            <ErrorList errors={pilotErrors?.pilotStartsOn} />
          </div>
          <div>
            <label htmlFor="pilot-end" className="block text-sm font-medium">{t('deals.endsOn')}</label>
            <input id="pilot-end" name="pilotEndsOn" type="date" required className={inputClass} />
            <ErrorList errors={pilotErrors?.pilotEndsOn} />
          </div>
          <div>
            <label htmlFor="pilot-value" className="block text-sm font-medium">{t('deals.pilotValue')}</label>
            <input id="pilot-value" name="pilotValueEur" inputMode="numeric" className={inputClass} />
            <ErrorList errors={pilotErrors?.pilotValueEur} />
          </div>
          <div className="sm:col-span-2">
            <Button type="submit">{t('deals.actions.startPilot')}</Button>
          </div>
        </Form>
      )}
    </Card>
  )
}

export default function ApplicationPage() {
  const { application, consortium, messages, stages, attachments, match, actions, locale, view } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const navigation = useNavigation()
  const uploadErrors = useIntentErrors('upload')
  const generalErrors = useActionData<typeof action>()?.result as { error?: Record<string, string[]> } | null | undefined
  const simple = (intent: 'shortlist' | 'accept' | 'startScreening' | 'withdraw' | 'confirmConsortium' | 'declineConsortium', variant: 'primary' | 'secondary' | 'danger' = 'primary') => (
    <Form method="post" key={intent}>
      <input type="hidden" name="intent" value={intent} />
      <Button type="submit" size="sm" variant={variant} pending={navigation.state === 'submitting' && navigation.formData?.get('intent') === intent}>
        {t(`decision.${intent}`)}
      </Button>
    </Form>
  )
  return (
    <div className="space-y-6">
      <PageHeader
        title={application.firm.name}
        description={
          <>
            {t('applicationPage.for')}{' '}
            <Link to={`/needs/${application.need.id}`} className="text-brand-700 underline">
              {application.need.title}
            </Link>{' '}
            · {application.need.partner}
          </>
        }
        actions={
          <>
            <ApplicationStatusBadge status={application.status} />
            {application.overdue ? <Badge tone="danger">{t('pipeline.overdue')}</Badge> : null}
          </>
        }
      />
      {generalErrors?.error?.[''] ? <FormErrors errors={generalErrors.error['']} /> : null}
      {application.status === 'DECLINED' && application.declineReason ? (
        <Alert tone="warning" title={t('applicationPage.declined', { reason: t(`declineReason.${application.declineReason}`) })}>
          <p className="whitespace-pre-line">{application.declineComment}</p>
        </Alert>
      ) : null}
      {application.status === 'ACCEPTED' ? <Alert tone="success" title={t('applicationPage.accepted')} /> : null}
      {application.status === 'INFO_REQUESTED' && view === 'firm' ? <Alert tone="warning" title={t('applicationPage.infoRequested')} /> : null}
      {actions.answerConsortium ? (
        <Alert tone="info" title={t('consortium.askedTitle', { lead: application.firm.name })}>
          <p>{t('consortium.askedBody')}</p>
          <div className="mt-3 flex gap-2">
            {simple('confirmConsortium')}
            {simple('declineConsortium', 'secondary')}
          </div>
        </Alert>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Card className="space-y-4">
            <h2 className="text-lg font-semibold">{t('applicationPage.proposal')}</h2>
            <div>
              <h3 className="text-sm font-medium text-stone-600">{t('applications.approach')}</h3>
              <p className="whitespace-pre-line text-stone-800">{application.approach || '—'}</p>
            </div>
            {application.timeline ? (
              <div>
                <h3 className="text-sm font-medium text-stone-600">{t('applications.timeline')}</h3>
                <p className="whitespace-pre-line text-stone-800">{application.timeline}</p>
              </div>
            ) : null}
            {application.referencesText ? (
              <div>
                <h3 className="text-sm font-medium text-stone-600">{t('applications.references')}</h3>
                <p className="whitespace-pre-line text-stone-800">{application.referencesText}</p>
              </div>
            ) : null}
            <p className="text-sm text-stone-700">
              {t('applications.price')} : {application.priceEur !== null ? formatEur(application.priceEur, locale) : '—'}
            </p>
            {actions.continueDraft ? (
              <LinkButton to={`/needs/${application.need.id}/apply`} size="sm">
                {t('applications.continueDraft')}
              </LinkButton>
            ) : null}
          </Card>

          <Card className="space-y-3">
            <h2 className="text-lg font-semibold">{t('attachments.title')}</h2>
            {attachments.length === 0 ? <p className="text-sm text-stone-600">{t('attachments.none')}</p> : null}
            <ul className="space-y-2">
              {attachments.map((attachment) => (
                <li key={attachment.id} className="flex flex-wrap items-center justify-between gap-2 text-sm">
                  <a href={`/applications/${application.id}/attachments/${attachment.id}`} className="font-medium text-brand-700 underline">
                    {attachment.filename}
                  </a>
                  <span className="text-stone-600">
                    {t('attachments.size', { size: formatNumber(attachment.sizeBytes / 1024 / 1024, locale, 1) })}
                    {application.status === 'DRAFT' && actions.uploadAttachment ? (
                      <Form method="post" className="ml-2 inline">
                        <input type="hidden" name="intent" value="removeAttachment" />
                        <input type="hidden" name="attachmentId" value={attachment.id} />
                        <button type="submit" className="underline" aria-label={t('attachments.removeLabel', { name: attachment.filename })}>
                          {t('attachments.remove')}
                        </button>
                      </Form>
                    ) : null}
                  </span>
                </li>
              ))}
            </ul>
            {actions.uploadAttachment ? (
              <Form method="post" encType="multipart/form-data" className="space-y-2 border-t border-stone-200 pt-3">
                <FormErrors errors={uploadErrors?.['']} />
                <label htmlFor="attachment-file" className="block text-sm font-medium">
                  {t('attachments.add')}
                </label>
                <p id="attachment-hint" className="text-sm text-stone-600">
                  {t('attachments.hint')}
                </p>
                <input id="attachment-file" name="file" type="file" accept="application/pdf,.pdf" required aria-describedby="attachment-hint" className="block text-sm" />
                <ErrorList errors={uploadErrors?.file} />
                <Button type="submit" size="sm" variant="secondary" pending={navigation.state === 'submitting' && navigation.formMethod === 'POST' && navigation.formEncType === 'multipart/form-data'}>
                  {t('attachments.upload')}
                </Button>
              </Form>
            ) : null}
          </Card>

          <Card className="space-y-4">
            <h2 className="text-lg font-semibold">{t('messages.title')}</h2>
            {messages.length === 0 ? <p className="text-sm text-stone-600">{t('messages.none')}</p> : null}
            <ol className="space-y-3">
              {messages.map((message) => (
                <li key={message.id} className="rounded-md bg-stone-50 p-3 ring-1 ring-stone-200">
                  <p className="text-xs text-stone-600">
                    {message.author.name}
                    {message.authorOrg ? ` · ${message.authorOrg.name}` : ''} · {formatDate(message.createdAt, locale, { withTime: true })}
                  </p>
                  <p className="mt-1 whitespace-pre-line text-stone-900">{message.body}</p>
                </li>
              ))}
            </ol>
            {actions.requestInfo ? <MessageForm intent="requestInfo" label={t('decision.requestInfoLabel')} submitLabel={t('decision.requestInfo')} /> : null}
            {actions.answerInfo ? <MessageForm intent="answerInfo" label={t('decision.answerInfoLabel')} submitLabel={t('decision.answerInfo')} /> : null}
            {actions.message && !actions.answerInfo ? <MessageForm intent="message" label={t('messages.write')} submitLabel={t('messages.send')} /> : null}
          </Card>

          <DealSection />
        </div>

        <aside className="space-y-6">
          {actions.shortlist || actions.accept || actions.decline || actions.startScreening ? (
            <Card className="space-y-3">
              <h2 className="font-semibold">{t('decision.title')}</h2>
              <p className="text-sm text-stone-700">{t('pipeline.charter', { days: application.charterDays })}</p>
              <div className="flex flex-wrap gap-2">
                {actions.startScreening ? simple('startScreening', 'secondary') : null}
                {actions.shortlist ? simple('shortlist') : null}
                {actions.accept ? simple('accept') : null}
              </div>
              {actions.decline ? <DeclineForm /> : null}
            </Card>
          ) : null}
          {actions.withdraw ? (
            <Card className="space-y-2">
              <p className="text-sm text-stone-700">{t('decision.withdrawHint')}</p>
              {simple('withdraw', 'secondary')}
            </Card>
          ) : null}
          {match ? (
            <Card className="space-y-2">
              <div className="flex items-center gap-3">
                <ScoreBadge score={match.score} />
                <h2 className="font-semibold">{t('matching.whyThisMatch')}</h2>
              </div>
              <MatchReasons breakdown={match.breakdown} audience={view === 'firm' ? 'firm' : view === 'partner' ? 'partner' : 'staff'} />
            </Card>
          ) : null}
          {consortium.length > 0 ? (
            <Card className="space-y-2">
              <h2 className="font-semibold">{t('consortium.title')}</h2>
              <ul className="space-y-1 text-sm">
                <li>
                  {application.firm.name} <Badge tone="info">{t('consortium.lead')}</Badge>
                </li>
                {consortium.map((member) => (
                  <li key={member.id}>
                    <Link to={`/orgs/${member.slug}`} className="underline">
                      {member.name}
                    </Link>{' '}
                    <Badge tone={member.status === 'CONFIRMED' ? 'success' : member.status === 'DECLINED' ? 'danger' : 'warning'}>{t(`consortium.status.${member.status}`)}</Badge>
                  </li>
                ))}
              </ul>
            </Card>
          ) : null}
          <Card>
            <h2 className="font-semibold">{t('applicationPage.history')}</h2>
            <ol className="mt-2 space-y-2 text-sm">
              {stages.map((stage) => (
                <li key={`${stage.status}-${stage.since}`} className="flex justify-between gap-2">
                  <span>{t(`applicationStatus.${stage.status}`)}</span>
                  <span className="text-stone-600">
                    {formatDate(stage.since, locale)} · {t('pipeline.inStage', { count: Math.floor(stage.durationMs / 86_400_000) })}
                  </span>
                </li>
              ))}
            </ol>
          </Card>
        </aside>
      </div>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
