import { parseWithZod } from '@conform-to/zod/v4'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { GeneralErrorBoundary } from '#app/components/error-boundary'
import { OrgStatusBadge } from '#app/components/status-badges'
import { Button } from '#app/components/ui/button'
import { Card, EmptyState, PageHeader } from '#app/components/ui/card'
import { FormErrors } from '#app/components/ui/field'
import { formatDate } from '#app/i18n/format'
import { moderateOrganisationSchema } from '#app/modules/organisations/schema'
import { listOrganisationsForStaff, moderateOrganisation } from '#app/modules/organisations/service.server'
import { getRequestLocale, getRequestT } from '#app/utils/i18n.server'
import { titleMeta } from '#app/utils/meta'
import { appErrorReply, handle } from '#app/utils/route.server'
import { requireActor } from '#app/utils/session.server'
import { redirectWithToast } from '#app/utils/toast.server'
import { readFormData } from '#app/utils/form.server'

export const meta = titleMeta

const statusSchema = z.enum(['PENDING', 'VERIFIED', 'REJECTED', 'SUSPENDED']).catch('PENDING')

export async function loader(args: LoaderFunctionArgs) {
  return handle(args, async ({ request }) => {
    const actor = await requireActor(request)
    const status = statusSchema.parse(new URL(request.url).searchParams.get('status') ?? 'PENDING')
    const [organisations, t, locale] = await Promise.all([
      listOrganisationsForStaff(actor, status),
      getRequestT(request),
      getRequestLocale(request),
    ])
    return json({ title: t('staffOrgs.title'), locale, status, organisations })
  })
}

export async function action(args: ActionFunctionArgs) {
  return handle(args, async ({ request, context }) => {
    const actor = await requireActor(request)
    const submission = parseWithZod(await readFormData(request), { schema: moderateOrganisationSchema })
    if (submission.status !== 'success') return json({ result: submission.reply(), organisationId: null }, { status: 400 })
    try {
      await moderateOrganisation(actor, submission.value, context.requestId)
    } catch (error) {
      const { result, status } = await appErrorReply(request, submission, error)
      return json({ result, organisationId: submission.value.organisationId }, { status })
    }
    return redirectWithToast(`/staff/organisations`, { messageKey: `staffOrgs.done.${submission.value.action}` })
  })
}

export default function StaffOrganisations() {
  const { organisations, status, locale } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const [, setSearchParams] = useSearchParams()
  const { t } = useTranslation()
  return (
    <div>
      <PageHeader title={t('staffOrgs.title')} description={t('staffOrgs.intro')} />
      {actionData?.result && !organisations.some((organisation) => organisation.id === actionData.organisationId) ? (
        <div className="mb-4">
          {/* The organisation and the action are hidden fields: every message of the form is shown here. */}
          <FormErrors errors={Object.values(actionData.result.error ?? {}).flat()} />
        </div>
      ) : null}
      <nav aria-label={t('staffOrgs.filter')} className="mb-4 flex flex-wrap gap-2">
        {(['PENDING', 'VERIFIED', 'REJECTED', 'SUSPENDED'] as const).map((value) => (
          <button
            key={value}
            type="button"
            aria-pressed={status === value}
            onClick={() => setSearchParams({ status: value })}
            className="rounded-full px-3 py-1 text-sm font-medium ring-1 ring-stone-300 aria-pressed:bg-brand-700 aria-pressed:text-white"
          >
            {t(`orgStatus.${value}`)}
          </button>
        ))}
      </nav>
      {organisations.length === 0 ? (
        <EmptyState title={t('staffOrgs.empty')} />
      ) : (
        <ul className="space-y-3">
          {organisations.map((organisation) => {
            const errors = actionData?.organisationId === organisation.id ? actionData.result : null
            return (
              <li key={organisation.id}>
                <Card className="space-y-3">
                  <div className="flex flex-wrap items-center gap-2">
                    <h2 className="text-lg font-semibold">{organisation.name}</h2>
                    <OrgStatusBadge status={organisation.status} />
                  </div>
                  <p className="text-sm text-stone-700">
                    {t(`orgKind.${organisation.kind}`)} · SIREN {organisation.siren} · {organisation.communeName} · {organisation.homeHub.shortName} ·{' '}
                    {t('staffOrgs.createdOn', { date: formatDate(organisation.createdAt, locale) })}
                  </p>
                  <FormErrors errors={[...(errors?.error?.[''] ?? []), ...(errors?.error?.reason ?? [])]} />
                  <Form method="post" className="flex flex-wrap items-end gap-3">
                    <input type="hidden" name="organisationId" value={organisation.id} />
                    <div className="min-w-64 flex-1">
                      <label htmlFor={`reason-${organisation.id}`} className="block text-sm font-medium">
                        {t('staffOrgs.reason')}
                      </label>
                      <input
                        id={`reason-${organisation.id}`}
                        name="reason"
                        className="mt-1 block w-full rounded-md border-0 px-3 py-2 ring-1 ring-inset ring-stone-300 sm:text-sm"
                      />
                    </div>
                    {organisation.status === 'PENDING' ? (
                      <>
                        <Button type="submit" name="action" value="verify" size="sm" pending={navigation.formData?.get('organisationId') === organisation.id && navigation.formData?.get('action') === 'verify'}>
                          {t('staffOrgs.verify')}
                        </Button>
                        <Button type="submit" name="action" value="reject" size="sm" variant="danger">
                          {t('staffOrgs.reject')}
                        </Button>
                      </>
                    ) : null}
                    {organisation.status === 'VERIFIED' ? (
                      <Button type="submit" name="action" value="suspend" size="sm" variant="danger">
                        {t('staffOrgs.suspend')}
                      </Button>
                    ) : null}
                    {organisation.status === 'SUSPENDED' ? (
                      <Button type="submit" name="action" value="reinstate" size="sm">
                        {t('staffOrgs.reinstate')}
                      </Button>
                    ) : null}
                  </Form>
                </Card>
              </li>
            )
          })}
        </ul>
      )}
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
