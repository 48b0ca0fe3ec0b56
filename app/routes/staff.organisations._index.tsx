import { parseWithZod } from '@conform-to/zod/v4'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type TypedResponse } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { CsvLinks } from '#app/components/console'
import { Cell, DirectoryTable } from '#app/components/directory'
import { ModerationButtons } from '#app/components/organisation-moderation'
import { GeneralErrorBoundary } from '#app/components/error-boundary'
import { Pagination } from '#app/components/pagination'
import { OrgStatusBadge } from '#app/components/status-badges'
import { Button } from '#app/components/ui/button'
import { EmptyState, PageHeader } from '#app/components/ui/card'
import { FormErrors } from '#app/components/ui/field'
import { FilterSelect, filterFieldClass } from '#app/components/ui/filter'
import { formatDate } from '#app/i18n/format'
import { moderateOrganisationSchema } from '#app/modules/organisations/schema'
import { moderateOrganisation } from '#app/modules/organisations/service.server'
import { DIRECTORY_CSV_CAP, organisationFiltersSchema, parseFilters } from '#app/modules/staff/directory-schema'
import { searchOrganisations } from '#app/modules/staff/directory.server'
import { csvRequest, csvResponse } from '#app/utils/csv.server'
import { getRequestLocale, getRequestT } from '#app/utils/i18n.server'
import { titleMeta } from '#app/utils/meta'
import { appErrorReply, handle } from '#app/utils/route.server'
import { requireActor } from '#app/utils/session.server'
import { redirectWithToast } from '#app/utils/toast.server'
import { readFormData } from '#app/utils/form.server'

/**
 * The organisations of the staff's hubs: search by name, SIREN or skill, filters, CSV export, and
 * the verification actions (also on each organisation's staff page). Decision 0023.
 */
export const meta = titleMeta

export async function loader(args: LoaderFunctionArgs) {
  return handle(args, async ({ request, context }) => {
    const actor = await requireActor(request)
    const url = new URL(request.url)
    const filters = parseFilters(organisationFiltersSchema, url.searchParams)
    const csv = csvRequest(url)
    const [result, t, locale] = await Promise.all([searchOrganisations(actor, filters, { all: Boolean(csv) }), getRequestT(request), getRequestLocale(request)])
    if (csv) {
      type Row = (typeof result.organisations)[number]
      // The file, not the page: typed `never` so that the page's data keeps its type.
      const file = await csvResponse<Row>({
        request,
        actor,
        table: 'organisations',
        separator: csv.separator,
        // The filtered hub when it is one of the actor's (a foreign id is ignored by the search too).
        hubId: result.hubs.length === 1 ? result.hubs[0]!.id : (result.hubs.find((hub) => hub.id === filters.hub)?.id ?? null),
        requestId: context.requestId,
        rows: result.organisations,
        columns: [
          { header: t('directory.orgs.name'), value: (row) => row.name },
          { header: t('directory.orgs.kind'), value: (row) => t(`orgKind.${row.kind}`) },
          { header: t('directory.orgs.siren'), value: (row) => row.siren },
          { header: t('directory.orgs.status'), value: (row) => t(`orgStatus.${row.status}`) },
          { header: t('directory.orgs.hub'), value: (row) => row.homeHub.shortName },
          { header: t('directory.orgs.commune'), value: (row) => row.communeName },
          { header: t('directory.orgs.revenueBand'), value: (row) => (row.revenueBand ? t(`revenueBand.${row.revenueBand}`) : null) },
          { header: t('directory.orgs.skills'), value: (row) => row.skills.join(', ') },
          { header: t('directory.orgs.members'), value: (row) => row.membersCount },
          { header: t('directory.orgs.createdAt'), value: (row) => row.createdAt },
          { header: t('directory.orgs.verifiedAt'), value: (row) => row.verifiedAt },
        ],
      })
      return file as TypedResponse<never>
    }
    return json({ title: t('directory.orgs.title'), locale, filters, ...result })
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
  const { organisations, total, page, pageSize, hubs, filters, locale } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const [searchParams] = useSearchParams()
  const { t } = useTranslation()
  return (
    <div className="space-y-4">
      <PageHeader title={t('directory.orgs.title')} description={t('directory.orgs.intro')} />
      {actionData?.result && !organisations.some((organisation) => organisation.id === actionData.organisationId) ? (
        <div className="mb-4">
          {/* The organisation and the action are hidden fields: every message of the form is shown here. */}
          <FormErrors errors={Object.values(actionData.result.error ?? {}).flat()} />
        </div>
      ) : null}
      <Form method="get" className="flex flex-wrap items-end gap-3" aria-label={t('directory.filters.legend')}>
        <div className="min-w-64 flex-1">
          <label htmlFor="org-q" className="block text-sm font-medium text-stone-800">
            {t('directory.orgs.search')}
          </label>
          <input id="org-q" type="search" name="q" defaultValue={filters.q} className={filterFieldClass} />
        </div>
        <FilterSelect
          id="org-status"
          name="status"
          label={t('directory.filters.status')}
          anyLabel={t('directory.filters.any')}
          options={(['PENDING', 'VERIFIED', 'REJECTED', 'SUSPENDED'] as const).map((value) => ({ value, label: t(`orgStatus.${value}`) }))}
        />
        <FilterSelect
          id="org-kind"
          name="kind"
          label={t('directory.filters.kind')}
          anyLabel={t('directory.filters.any')}
          options={(['PARTNER', 'FIRM'] as const).map((value) => ({ value, label: t(`orgKind.${value}`) }))}
        />
        {hubs.length > 1 ? (
          <FilterSelect id="org-hub" name="hub" label={t('directory.filters.hub')} anyLabel={t('directory.filters.any')} options={hubs.map((hub) => ({ value: hub.id, label: hub.shortName }))} />
        ) : null}
        <Button type="submit" size="sm" variant="secondary">
          {t('directory.filters.apply')}
        </Button>
      </Form>
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <p className="text-sm font-medium" role="status">
          {t('directory.orgs.count', { count: total })}
        </p>
        <CsvLinks />
      </div>
      <p className="text-xs text-stone-600">{t('directory.orgs.csvCap', { cap: DIRECTORY_CSV_CAP.toLocaleString(locale) })}</p>
      {organisations.length === 0 ? (
        <EmptyState title={t('directory.orgs.empty')} />
      ) : (
        <DirectoryTable
          caption={t('directory.orgs.title')}
          headers={[t('directory.orgs.name'), t('directory.orgs.kind'), t('directory.orgs.siren'), t('directory.orgs.status'), t('directory.orgs.hub'), t('directory.orgs.skills'), t('directory.orgs.members'), t('directory.orgs.createdAt')]}
        >
          {organisations.map((organisation) => {
            const errors = actionData?.organisationId === organisation.id ? actionData.result : null
            return (
              <tr key={organisation.id}>
                <Cell>
                  <Link to={`/staff/organisations/${organisation.id}`} className="font-medium text-brand-700 underline">
                    {organisation.name}
                  </Link>
                  {organisation.communeName ? <span className="block text-xs text-stone-600">{organisation.communeName}</span> : null}
                  {organisation.status === 'PENDING' || organisation.status === 'VERIFIED' || organisation.status === 'SUSPENDED' ? (
                    <details className="mt-2" open={Boolean(errors)}>
                      <summary className="cursor-pointer text-xs font-medium text-brand-700">{t('directory.orgs.moderation')}</summary>
                      <FormErrors errors={[...(errors?.error?.[''] ?? []), ...(errors?.error?.reason ?? [])]} />
                      <Form method="post" className="mt-2 flex flex-wrap items-end gap-2">
                        <input type="hidden" name="organisationId" value={organisation.id} />
                        <div className="min-w-48 flex-1">
                          <label htmlFor={`reason-${organisation.id}`} className="block text-xs font-medium">
                            {t('staffOrgs.reason')}
                          </label>
                          <input id={`reason-${organisation.id}`} name="reason" className={filterFieldClass} />
                        </div>
                        <ModerationButtons status={organisation.status} pending={navigation.formData?.get('organisationId') === organisation.id} />
                      </Form>
                    </details>
                  ) : null}
                </Cell>
                <Cell>{t(`orgKind.${organisation.kind}`)}</Cell>
                <Cell nowrap>{organisation.siren}</Cell>
                <Cell>
                  <OrgStatusBadge status={organisation.status} />
                </Cell>
                <Cell>{organisation.homeHub.shortName}</Cell>
                <Cell>{organisation.skills.slice(0, 6).join(', ')}</Cell>
                <Cell>{organisation.membersCount}</Cell>
                <Cell nowrap>{formatDate(organisation.createdAt, locale)}</Cell>
              </tr>
            )
          })}
        </DirectoryTable>
      )}
      <Pagination page={page} pageSize={pageSize} total={total} searchParams={searchParams} />
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
