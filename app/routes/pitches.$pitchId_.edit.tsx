import { parseWithZod } from '@conform-to/zod/v4'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '#app/components/error-boundary'
import { PitchEditor } from '#app/components/pitch-editor'
import { Alert, PageHeader } from '#app/components/ui/card'
import { pitchFormSchema } from '#app/modules/pitches/schema'
import { assertMaySeePitch, getPitchForEdit, updatePitch } from '#app/modules/pitches/service.server'
import { readFormData } from '#app/utils/form.server'
import { getRequestT } from '#app/utils/i18n.server'
import { titleMeta } from '#app/utils/meta'
import { handle, replyWithAppError, requireParam } from '#app/utils/route.server'
import { requireActor } from '#app/utils/session.server'
import { redirectWithToast } from '#app/utils/toast.server'

export const meta = titleMeta

/** The firm edits its draft, or a pitch staff sent back for changes, and may submit it. */
export async function loader(args: LoaderFunctionArgs) {
  return handle(args, async ({ request, params }) => {
    const actor = await requireActor(request)
    const [editor, t] = await Promise.all([getPitchForEdit(actor, requireParam(params, 'pitchId')), getRequestT(request)])
    return json({ title: t('pitches.editTitle'), ...editor })
  })
}

export async function action(args: ActionFunctionArgs) {
  return handle(args, async ({ request, context, params }) => {
    const actor = await requireActor(request)
    await assertMaySeePitch(actor, requireParam(params, 'pitchId'))
    const submission = parseWithZod(await readFormData(request), { schema: pitchFormSchema })
    if (submission.status !== 'success') return json({ result: submission.reply() }, { status: 422 })
    try {
      const pitch = await updatePitch(actor, requireParam(params, 'pitchId'), submission.value, context.requestId)
      return redirectWithToast(`/pitches/${pitch.id}`, { messageKey: submission.value.intent === 'submit' ? 'pitches.toasts.submitted' : 'pitches.toasts.saved' })
    } catch (error) {
      return replyWithAppError(request, submission, error)
    }
  })
}

export default function EditPitchPage() {
  const { firms, partners, pitch } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  const result = actionData?.result as { error?: Record<string, string[]>; initialValue?: Record<string, string> } | undefined
  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader title={t('pitches.editTitle')} description={t('pitches.editIntro')} />
      {pitch.status === 'CHANGES_REQUESTED' && pitch.moderationComment ? (
        <div className="mb-4">
          <Alert tone="warning" title={t('pitches.page.changesRequestedTitle')}>
            {pitch.moderationComment}
          </Alert>
        </div>
      ) : null}
      <PitchEditor firms={firms} partners={partners} defaults={{ ...pitch, ...(result?.initialValue ?? {}) }} errors={result?.error} />
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
