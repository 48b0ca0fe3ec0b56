import { json, type LoaderFunctionArgs, type TypedResponse } from '@remix-run/node'
import { Form, Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { CsvLinks } from '#app/components/console'
import { Cell, DirectoryTable } from '#app/components/directory'
import { GeneralErrorBoundary } from '#app/components/error-boundary'
import { Pagination } from '#app/components/pagination'
import { Button } from '#app/components/ui/button'
import { Badge, EmptyState, PageHeader } from '#app/components/ui/card'
import { filterFieldClass } from '#app/components/ui/filter'
import { formatDate } from '#app/i18n/format'
import { DIRECTORY_CSV_CAP, parseFilters, userFiltersSchema } from '#app/modules/staff/directory-schema'
import { searchUsers } from '#app/modules/staff/directory.server'
import { csvRequest, csvResponse } from '#app/utils/csv.server'
import { getRequestLocale, getRequestT } from '#app/utils/i18n.server'
import { titleMeta } from '#app/utils/meta'
import { handle } from '#app/utils/route.server'
import { requireActor } from '#app/utils/session.server'

/**
 * Find a user by name or e-mail among the members of the hubs' organisations and the hubs' staff
 * (decision 0023); CSV of the search.
 */
export const meta = titleMeta

export async function loader(args: LoaderFunctionArgs) {
  return handle(args, async ({ request, context }) => {
    const actor = await requireActor(request)
    const url = new URL(request.url)
    const filters = parseFilters(userFiltersSchema, url.searchParams)
    const csv = csvRequest(url)
    const [result, t, locale] = await Promise.all([searchUsers(actor, filters, { all: Boolean(csv) }), getRequestT(request), getRequestLocale(request)])
    if (csv) {
      type Row = (typeof result.users)[number]
      const file = await csvResponse<Row>({
        request,
        actor,
        table: 'users',
        separator: csv.separator,
        hubId: actor.staffRoles.length === 1 ? actor.staffRoles[0]!.hubId : null,
        requestId: context.requestId,
        rows: result.users,
        columns: [
          { header: t('directory.users.name'), value: (row) => row.name },
          { header: t('directory.users.email'), value: (row) => row.email },
          { header: t('directory.users.organisations'), value: (row) => row.memberships.map((m) => `${m.organisation.name} (${t(`memberRole.${m.role}`)})`).join(', ') },
          { header: t('directory.users.staffRoles'), value: (row) => row.staffRoles.map((r) => `${r.hub.shortName} (${t(`staffRole.${r.role}`)})`).join(', ') },
          { header: t('directory.users.lastLogin'), value: (row) => row.lastLoginAt },
          { header: t('directory.users.disabled'), value: (row) => row.disabledAt },
        ],
      })
      return file as TypedResponse<never>
    }
    return json({ title: t('directory.users.title'), locale, filters, ...result })
  })
}

export default function StaffUsers() {
  const { users, total, page, pageSize, filters, locale } = useLoaderData<typeof loader>()
  const [searchParams] = useSearchParams()
  const { t } = useTranslation()
  return (
    <div className="space-y-4">
      <PageHeader title={t('directory.users.title')} description={t('directory.users.intro')} />
      <Form method="get" className="flex flex-wrap items-end gap-3" aria-label={t('directory.filters.legend')}>
        <div className="min-w-64 flex-1">
          <label htmlFor="user-q" className="block text-sm font-medium text-stone-800">
            {t('directory.users.search')}
          </label>
          <input id="user-q" type="search" name="q" defaultValue={filters.q} className={filterFieldClass} />
        </div>
        <Button type="submit" size="sm" variant="secondary">
          {t('directory.filters.apply')}
        </Button>
      </Form>
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <p className="text-sm font-medium" role="status">
          {t('directory.users.count', { count: total })}
        </p>
        <CsvLinks />
      </div>
      <p className="text-xs text-stone-600">{t('directory.users.csvCap', { cap: DIRECTORY_CSV_CAP.toLocaleString(locale) })}</p>
      {users.length === 0 ? (
        <EmptyState title={t('directory.users.empty')} />
      ) : (
        <DirectoryTable
          caption={t('directory.users.title')}
          headers={[t('directory.users.name'), t('directory.users.email'), t('directory.users.organisations'), t('directory.users.lastLogin'), t('directory.users.state')]}
        >
          {users.map((user) => (
            <tr key={user.id}>
              <Cell>
                <Link to={`/staff/users/${user.id}`} className="font-medium text-brand-700 underline">
                  {user.name}
                </Link>
              </Cell>
              <Cell>{user.email}</Cell>
              <Cell>
                {[
                  ...user.memberships.map((m) => m.organisation.name),
                  ...user.staffRoles.map((r) => `${t('directory.users.staffRoles')} ${r.hub.shortName}`),
                ].join(', ')}
              </Cell>
              <Cell nowrap>{user.lastLoginAt ? formatDate(user.lastLoginAt, locale) : t('directory.org.never')}</Cell>
              <Cell>
                {user.disabledAt ? (
                  <Badge tone="danger">{t('directory.users.disabled')}</Badge>
                ) : user.passwordResetRequiredAt ? (
                  <Badge tone="warning">{t('directory.users.resetRequired')}</Badge>
                ) : (
                  t('directory.users.active')
                )}
              </Cell>
            </tr>
          ))}
        </DirectoryTable>
      )}
      <Pagination page={page} pageSize={pageSize} total={total} searchParams={searchParams} />
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
