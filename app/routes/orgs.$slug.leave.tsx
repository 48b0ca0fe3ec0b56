import { parseWithZod } from '@conform-to/zod/v4'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '#app/components/error-boundary'
import { Button } from '#app/components/ui/button'
import { Alert, Card, PageHeader } from '#app/components/ui/card'
import { FormErrors } from '#app/components/ui/field'
import { translateKey } from '#app/i18n/translate'
import { leaveSchema } from '#app/modules/organisations/members-schema'
import { getLeavePage, leaveOrganisation } from '#app/modules/organisations/members.server'
import { readFormData } from '#app/utils/form.server'
import { getRequestT } from '#app/utils/i18n.server'
import { titleMeta } from '#app/utils/meta'
import { appErrorReply, handle, requireParam } from '#app/utils/route.server'
import { requireActor } from '#app/utils/session.server'
import { redirectWithToast } from '#app/utils/toast.server'

export const meta = titleMeta

/** Leaving an organisation: what it does, then a confirm button (any member; 404 for anyone else). */
export async function loader(args: LoaderFunctionArgs) {
  return handle(args, async ({ request, params }) => {
    const actor = await requireActor(request)
    const page = await getLeavePage(actor, requireParam(params, 'slug'))
    const t = await getRequestT(request)
    return json({ title: t('members.leave.title', { organisation: page.organisation.name }), ...page })
  })
}

export async function action(args: ActionFunctionArgs) {
  return handle(args, async ({ request, params, context }) => {
    const actor = await requireActor(request)
    const slug = requireParam(params, 'slug')
    const submission = parseWithZod(await readFormData(request), { schema: leaveSchema })
    if (submission.status !== 'success') return json({ result: submission.reply() }, { status: 400 })
    try {
      const left = await leaveOrganisation(actor, slug, context.requestId)
      return redirectWithToast('/', { messageKey: 'members.toasts.left', values: { organisation: left.organisation } })
    } catch (error) {
      const { result, status } = await appErrorReply(request, submission, error)
      return json({ result }, { status })
    }
  })
}

export default function LeaveOrganisation() {
  const { organisation, canLeave, refusal, activeTokens } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const { t } = useTranslation()
  const errors = actionData ? [...(actionData.result.error?.[''] ?? []), ...(actionData.result.error?.intent ?? [])] : undefined
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <PageHeader title={t('members.leave.title', { organisation: organisation.name })} />
      <FormErrors errors={errors} />
      {canLeave ? (
        <Card className="space-y-3">
          <p>{t('members.leave.body', { organisation: organisation.name })}</p>
          {activeTokens > 0 ? <Alert tone="warning">{t('members.leave.tokens', { count: activeTokens })}</Alert> : null}
          <Form method="post" className="flex flex-wrap items-center gap-3">
            <input type="hidden" name="intent" value="leave" />
            <Button type="submit" variant="danger" pending={navigation.state === 'submitting'}>
              {t('members.leave.submit', { organisation: organisation.name })}
            </Button>
            <Link to={`/orgs/${organisation.slug}`} className="font-semibold text-brand-700 underline">
              {t('members.leave.back')}
            </Link>
          </Form>
        </Card>
      ) : (
        <Alert tone="warning" title={refusal ? translateKey(t, refusal) : null}>
          <Link to={`/orgs/${organisation.slug}/settings#team`} className="font-semibold underline">
            {t('members.team.title')}
          </Link>
        </Alert>
      )}
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
