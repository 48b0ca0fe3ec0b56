import { parseWithZod } from '@conform-to/zod/v4'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '#app/components/error-boundary'
import { PitchEditor } from '#app/components/pitch-editor'
import { PageHeader } from '#app/components/ui/card'
import { pitchFormSchema } from '#app/modules/pitches/schema'
import { createPitch, getPitchEditor } from '#app/modules/pitches/service.server'
import { readFormData } from '#app/utils/form.server'
import { getRequestT } from '#app/utils/i18n.server'
import { titleMeta } from '#app/utils/meta'
import { handle, replyWithAppError } from '#app/utils/route.server'
import { requireActor } from '#app/utils/session.server'
import { redirectWithToast } from '#app/utils/toast.server'

export const meta = titleMeta

/** A verified firm's member (owner, administrator or member) proposes an idea to a partner; `?partner=<id>` preselects it. */
export async function loader(args: LoaderFunctionArgs) {
  return handle(args, async ({ request }) => {
    const actor = await requireActor(request)
    const url = new URL(request.url)
    const [editor, t] = await Promise.all([getPitchEditor(actor, { partnerId: url.searchParams.get('partner') }), getRequestT(request)])
    return json({ title: t('pitches.newTitle'), ...editor })
  })
}

export async function action(args: ActionFunctionArgs) {
  return handle(args, async ({ request, context }) => {
    const actor = await requireActor(request)
    const submission = parseWithZod(await readFormData(request), { schema: pitchFormSchema })
    if (submission.status !== 'success') return json({ result: submission.reply() }, { status: 422 })
    try {
      const pitch = await createPitch(actor, submission.value, context.requestId)
      return redirectWithToast(`/pitches/${pitch.id}`, { messageKey: submission.value.intent === 'submit' ? 'pitches.toasts.submitted' : 'pitches.toasts.saved' })
    } catch (error) {
      return replyWithAppError(request, submission, error)
    }
  })
}

export default function NewPitchPage() {
  const { firms, partners, partnerId } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  const result = actionData?.result as { error?: Record<string, string[]>; initialValue?: Record<string, string> } | undefined
  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader title={t('pitches.newTitle')} description={t('pitches.newIntro')} />
      <PitchEditor firms={firms} partners={partners} defaults={{ partnerId, ...(result?.initialValue ?? {}) }} errors={result?.error} />
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
