import { parseWithZod } from '@conform-to/zod/v4'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '#app/components/error-boundary'
import { NeedForm, needFormDefaults } from '#app/components/need-form'
import { DuesNotice } from '#app/components/dues-notice'
import { duesNoticeFor } from '#app/modules/billing/gate.server'
import { Alert, PageHeader } from '#app/components/ui/card'
import { needAudienceOptions } from '#app/modules/groups/service.server'
import { needFormSchema, needIntentSchema } from '#app/modules/needs/schema'
import { completenessErrors } from '#app/modules/needs/need-rules'
import { getNeedForEditing, saveNeed } from '#app/modules/needs/service.server'
import { communeFieldValueOf } from '#app/modules/organisations/commune-input'
import { listHubs } from '#app/modules/organisations/service.server'
import { getRequestT } from '#app/utils/i18n.server'
import { titleMeta } from '#app/utils/meta'
import { handle, replyWithAppError, requireParam } from '#app/utils/route.server'
import { requireActor } from '#app/utils/session.server'
import { redirectWithToast } from '#app/utils/toast.server'
import { readFormData, singleValue } from '#app/utils/form.server'

export const meta = titleMeta

export async function loader(args: LoaderFunctionArgs) {
  return handle(args, async ({ request, params }) => {
    const actor = await requireActor(request)
    const need = await getNeedForEditing(actor, requireParam(params, 'needId'))
    const [hubs, audience, t, dues] = await Promise.all([listHubs(), needAudienceOptions({ homeHubId: need.hubId }, need), getRequestT(request), duesNoticeFor(actor, need.partnerId)])
    // Sent back here because a submission was incomplete: show what to complete, field by field.
    const check = new URL(request.url).searchParams.get('check') === '1'
    const missing = check ? completenessErrors(need, new Date()) : {}
    return json({
      title: t('needForm.editTitle'),
      needId: need.id,
      dues,
      mode: need.status === 'PUBLISHED' ? ('revision' as const) : ('draft' as const),
      moderationComment: need.status === 'CHANGES_REQUESTED' || need.revisionState === 'CHANGES_REQUESTED' ? need.moderationComment : null,
      checkResult: Object.keys(missing).length > 0 ? { status: 'error' as const, error: { '': [t('errors.needIncomplete')], ...missing } } : null,
      // The commune as the picker writes it ("Meylan (38)", "Fort-de-France (972)"), so that saving again resolves it.
      defaults: { ...needFormDefaults(need), communeInsee: communeFieldValueOf(need.communeInsee, need.communeName) },
      audience,
      otherHubs: hubs.filter((hub) => hub.id !== need.hubId).map((hub) => ({ id: hub.id, name: hub.name })),
    })
  })
}

export async function action(args: ActionFunctionArgs) {
  return handle(args, async ({ request, params, context }) => {
    const actor = await requireActor(request)
    const needId = requireParam(params, 'needId')
    const formData = await readFormData(request)
    // The button pressed; a form sent without one (a script) saves.
    const intent = needIntentSchema.safeParse(formData.has('intent') ? singleValue(formData, 'intent') : 'save')
    const submission = parseWithZod(formData, { schema: needFormSchema })
    if (submission.status !== 'success' || !intent.success) {
      return json({ result: submission.reply(intent.success ? undefined : { formErrors: ['errors.invalidInput'] }) }, { status: 400 })
    }
    try {
      const submit = intent.data === 'submit'
      const revising = (await getNeedForEditing(actor, needId)).status === 'PUBLISHED'
      await saveNeed(actor, needId, submission.value, { submit, requestId: context.requestId })
      return redirectWithToast(`/needs/${needId}`, { messageKey: revising ? 'needs.revisionSubmittedToast' : submit ? 'needs.submittedToast' : 'needs.savedToast' })
    } catch (error) {
      return replyWithAppError(request, submission, error)
    }
  })
}

export default function EditNeedPage() {
  const { defaults, otherHubs, audience, moderationComment, needId, mode, checkResult, dues } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <PageHeader title={t('needForm.editTitle')} description={mode === 'revision' ? t('needForm.revisionIntro') : undefined} />
      <DuesNotice notice={dues} />
      {moderationComment ? (
        <Alert tone="warning" title={t('needs.changesRequested')}>
          <p className="whitespace-pre-line">{moderationComment}</p>
        </Alert>
      ) : null}
      <NeedForm
        id={`need-edit-${needId}`}
        lastResult={actionData?.result ?? checkResult}
        defaultValue={defaults}
        mode={mode}
        otherHubs={otherHubs}
        audience={audience}
      />
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
