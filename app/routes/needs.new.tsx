import { parseWithZod } from '@conform-to/zod/v4'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '#app/components/error-boundary'
import { NeedForm } from '#app/components/need-form'
import { DuesNotice } from '#app/components/dues-notice'
import { duesNoticeFor } from '#app/modules/billing/gate.server'
import { PageHeader } from '#app/components/ui/card'
import { needAudienceOptions } from '#app/modules/groups/service.server'
import { needFormSchema, needIntentSchema } from '#app/modules/needs/schema'
import { canPostNeeds, saveNeed } from '#app/modules/needs/service.server'
import { listHubs } from '#app/modules/organisations/service.server'
import { createNeedFromPitch, needPrefillFromPitch } from '#app/modules/pitches/service.server'
import { verifiedOrganisations } from '#app/modules/policy/policy'
import { AppError } from '#app/modules/shared/app-error'
import { getRequestT } from '#app/utils/i18n.server'
import { titleMeta } from '#app/utils/meta'
import { handle, replyWithAppError } from '#app/utils/route.server'
import { requireActor } from '#app/utils/session.server'
import { redirectWithToast } from '#app/utils/toast.server'
import { readFormData, singleValue } from '#app/utils/form.server'

export const meta = titleMeta

export async function loader(args: LoaderFunctionArgs) {
  return handle(args, async ({ request }) => {
    const actor = await requireActor(request)
    if (!canPostNeeds(actor)) throw AppError.forbidden('errors.onlyVerifiedPartners')
    const partner = verifiedOrganisations(actor, 'PARTNER')[0]!.organisation
    const homeHubId = partner.homeHubId
    // Issue 14: `?fromPitch=<id>` prefills the need from a pitch the partner is interested in.
    const fromPitch = new URL(request.url).searchParams.get('fromPitch')
    const [hubs, audience, t, pitch, dues] = await Promise.all([
      listHubs(),
      needAudienceOptions({ homeHubId }),
      getRequestT(request),
      fromPitch ? needPrefillFromPitch(actor, fromPitch) : null,
      // The dues gate (decision 0032): told before the form is filled, not after.
      duesNoticeFor(actor, partner.id),
    ])
    return json({
      title: t('needForm.newTitle'),
      audience,
      otherHubs: hubs.filter((hub) => hub.id !== homeHubId).map((hub) => ({ id: hub.id, name: hub.name })),
      fromPitch: pitch ? { title: pitch.title, summary: pitch.summary, description: pitch.description } : null,
      dues,
    })
  })
}

export async function action(args: ActionFunctionArgs) {
  return handle(args, async ({ request, context }) => {
    const actor = await requireActor(request)
    const formData = await readFormData(request)
    // The button pressed; a form sent without one (a script) saves.
    const intent = needIntentSchema.safeParse(formData.has('intent') ? singleValue(formData, 'intent') : 'save')
    const submission = parseWithZod(formData, { schema: needFormSchema })
    if (submission.status !== 'success' || !intent.success) {
      return json({ result: submission.reply(intent.success ? undefined : { formErrors: ['errors.invalidInput'] }) }, { status: 400 })
    }
    try {
      const submit = intent.data === 'submit'
      // Issue 14: a need made from a pitch (the form posts to `?fromPitch=<id>`) is its partner's and is
      // linked to it in the same transaction (decision 0028).
      const fromPitch = new URL(request.url).searchParams.get('fromPitch')
      const options = { submit, requestId: context.requestId }
      const need = fromPitch ? await createNeedFromPitch(actor, fromPitch, submission.value, options) : await saveNeed(actor, null, submission.value, options)
      return redirectWithToast(`/needs/${need.id}`, { messageKey: submit ? 'needs.submittedToast' : 'needs.savedToast' })
    } catch (error) {
      return replyWithAppError(request, submission, error)
    }
  })
}

export default function NewNeedPage() {
  const { otherHubs, audience, fromPitch, dues } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader title={t('needForm.newTitle')} description={t('needForm.intro')} />
      <DuesNotice notice={dues} />
      <NeedForm
        id="need-new"
        lastResult={actionData?.result}
        defaultValue={{ visibility: 'PUBLIC', matchingMode: 'OPEN', radiusKm: '50', ...fromPitch }}
        otherHubs={otherHubs}
        audience={audience}
      />
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
