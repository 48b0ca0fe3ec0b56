import { parseWithZod } from '@conform-to/zod/v4'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '#app/components/error-boundary'
import { NeedForm, needFormDefaults } from '#app/components/need-form'
import { Alert, PageHeader } from '#app/components/ui/card'
import { needFormSchema, needIntentSchema } from '#app/modules/needs/schema'
import { getNeedForEditing, saveNeed } from '#app/modules/needs/service.server'
import { listHubs } from '#app/modules/organisations/service.server'
import { getRequestT } from '#app/utils/i18n.server'
import { titleMeta } from '#app/utils/meta'
import { handle, replyWithAppError, requireParam } from '#app/utils/route.server'
import { requireActor } from '#app/utils/session.server'
import { redirectWithToast } from '#app/utils/toast.server'

export const meta = titleMeta

export async function loader(args: LoaderFunctionArgs) {
  return handle(args, async ({ request, params }) => {
    const actor = await requireActor(request)
    const need = await getNeedForEditing(actor, requireParam(params, 'needId'))
    const [hubs, t] = await Promise.all([listHubs(), getRequestT(request)])
    return json({
      title: t('needForm.editTitle'),
      needId: need.id,
      moderationComment: need.status === 'CHANGES_REQUESTED' ? need.moderationComment : null,
      defaults: needFormDefaults(need),
      otherHubs: hubs.filter((hub) => hub.id !== need.hubId).map((hub) => ({ id: hub.id, name: hub.name })),
    })
  })
}

export async function action(args: ActionFunctionArgs) {
  return handle(args, async ({ request, params, context }) => {
    const actor = await requireActor(request)
    const needId = requireParam(params, 'needId')
    const formData = await request.formData()
    const intent = needIntentSchema.safeParse(formData.get('intent') ?? 'save')
    const submission = parseWithZod(formData, { schema: needFormSchema })
    if (submission.status !== 'success' || !intent.success) {
      return json({ result: submission.reply() }, { status: 400 })
    }
    try {
      const submit = intent.data === 'submit'
      await saveNeed(actor, needId, submission.value, { submit, requestId: context.requestId })
      return redirectWithToast(`/needs/${needId}`, { messageKey: submit ? 'needs.submittedToast' : 'needs.savedToast' })
    } catch (error) {
      return replyWithAppError(request, submission, error)
    }
  })
}

export default function EditNeedPage() {
  const { defaults, otherHubs, moderationComment, needId } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <PageHeader title={t('needForm.editTitle')} />
      {moderationComment ? (
        <Alert tone="warning" title={t('needs.changesRequested')}>
          <p className="whitespace-pre-line">{moderationComment}</p>
        </Alert>
      ) : null}
      <NeedForm
        id={`need-edit-${needId}`}
        lastResult={actionData?.result}
        defaultValue={defaults}
        otherHubs={otherHubs}
      />
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
