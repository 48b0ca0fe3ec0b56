import { parseWithZod } from '@conform-to/zod/v4'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { DuesWaiverCard } from '#app/components/dues-standing'
import { GeneralErrorBoundary } from '#app/components/error-boundary'
import { PageHeader } from '#app/components/ui/card'
import { waiverActionSchema } from '#app/modules/billing/dues-schema'
import { getDuesForStaff, unwaiveDues, waiveDues } from '#app/modules/billing/waivers.server'
import { readFormData, singleValue } from '#app/utils/form.server'
import { getRequestT } from '#app/utils/i18n.server'
import { titleMeta } from '#app/utils/meta'
import { handle, replyWithAppError, requireParam } from '#app/utils/route.server'
import { requireActor } from '#app/utils/session.server'
import { redirectWithToast } from '#app/utils/toast.server'

export const meta = titleMeta

/**
 * One organisation's dues for the staff of its home hub (anyone else: 404, as its staff page):
 * status, dates, and the waiver, given with a reason and an optional last day, or lifted; both
 * audited (decision 0032). The staff organisation page posts its waiver forms here too.
 */
export async function loader(args: LoaderFunctionArgs) {
  return handle(args, async ({ request, params }) => {
    const actor = await requireActor(request)
    const [dues, t] = await Promise.all([getDuesForStaff(actor, requireParam(params, 'orgId')), getRequestT(request)])
    return json({ title: t('dues.waiver.pageTitle', { name: dues.organisation.name }), dues })
  })
}

export async function action(args: ActionFunctionArgs) {
  return handle(args, async ({ request, params, context }) => {
    const actor = await requireActor(request)
    const orgId = requireParam(params, 'orgId')
    // Staff of its hub only: refused (404) before the form is read.
    await getDuesForStaff(actor, orgId)
    const formData = await readFormData(request)
    const back = singleValue(formData, 'returnTo') === 'organisation' ? `/staff/organisations/${orgId}` : `/staff/dues/organisations/${orgId}`
    const submission = parseWithZod(formData, { schema: waiverActionSchema })
    if (submission.status !== 'success') return json({ result: submission.reply() }, { status: 422 })
    try {
      if (submission.value.intent === 'waive') await waiveDues(actor, orgId, submission.value, context.requestId)
      else await unwaiveDues(actor, orgId, context.requestId)
    } catch (error) {
      return replyWithAppError(request, submission, error)
    }
    return redirectWithToast(back, { messageKey: submission.value.intent === 'waive' ? 'dues.waiver.waived' : 'dues.waiver.unwaived' })
  })
}

export default function StaffOrganisationDuesPage() {
  const { dues } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <PageHeader
        title={t('dues.waiver.pageTitle', { name: dues.organisation.name })}
        actions={
          <p className="flex gap-4 text-sm">
            <Link to="/staff/dues" className="font-medium text-brand-700 underline">
              {t('dues.waiver.backToList')}
            </Link>
            <Link to={`/staff/organisations/${dues.organisation.id}`} className="font-medium text-brand-700 underline">
              {t('dues.waiver.backToOrganisation')}
            </Link>
          </p>
        }
      />
      <DuesWaiverCard dues={dues} returnTo="dues" lastResult={actionData?.result} />
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
