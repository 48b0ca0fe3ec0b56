import { json, type LoaderFunctionArgs, type TypedResponse } from '@remix-run/node'
import { Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { CsvLinks } from '#app/components/console'
import { GeneralErrorBoundary } from '#app/components/error-boundary'
import { Pagination } from '#app/components/pagination'
import { EmailStatusBadge } from '#app/components/status-badges'
import { Alert, EmptyState, PageHeader } from '#app/components/ui/card'
import { formatDate } from '#app/i18n/format'
import { translateKey } from '#app/i18n/translate'
import { listOutboxForActor } from '#app/modules/notifications/outbox.server'
import { staffHubIds } from '#app/modules/policy/policy'
import { csvRequest, csvResponse } from '#app/utils/csv.server'
import { getEnv } from '#app/utils/env.server'
import { getRequestLocale, getRequestT } from '#app/utils/i18n.server'
import { titleMeta } from '#app/utils/meta'
import { handle } from '#app/utils/route.server'
import { requireActor } from '#app/utils/session.server'

export const meta = titleMeta

export async function loader(args: LoaderFunctionArgs) {
  return handle(args, async ({ request, context }) => {
    const actor = await requireActor(request)
    const url = new URL(request.url)
    const page = Math.max(1, Number.parseInt(url.searchParams.get('page') ?? '1', 10) || 1)
    const csv = csvRequest(url)
    const [result, t, locale] = await Promise.all([listOutboxForActor(actor, page, { all: Boolean(csv) }), getRequestT(request), getRequestLocale(request)])
    if (csv) {
      type Row = (typeof result.emails)[number]
      const hubIds = staffHubIds(actor)
      // The file, not the page: typed `never` so that the page's data keeps its type. Never the body nor its links.
      const file = await csvResponse<Row>({
        request,
        actor,
        table: 'outbox',
        separator: csv.separator,
        hubId: hubIds.length === 1 ? hubIds[0] : null,
        requestId: context.requestId,
        rows: result.emails,
        columns: [
          { header: t('console.csvColumns.outbox.date'), value: (row) => row.createdAt },
          { header: t('console.csvColumns.outbox.to'), value: (row) => row.toAddress },
          { header: t('console.csvColumns.outbox.subject'), value: (row) => row.subject },
          { header: t('console.csvColumns.outbox.template'), value: (row) => row.kind },
          { header: t('console.csvColumns.outbox.status'), value: (row) => translateKey(t, `emailStatus.${row.status}`) },
        ],
      })
      return file as TypedResponse<never>
    }
    return json({ title: t('outbox.title'), locale, smtpConfigured: Boolean(getEnv().SMTP_URL), page, ...result })
  })
}

export default function OutboxPage() {
  const { emails, total, page, pageSize, locale, smtpConfigured } = useLoaderData<typeof loader>()
  const [searchParams] = useSearchParams()
  const { t } = useTranslation()
  return (
    <div className="space-y-4">
      <PageHeader
        title={t('outbox.title')}
        description={t('outbox.intro')}
        actions={
          // A document load: the previews page has its own Content-Security-Policy (inline styles of the e-mails).
          <Link to="/staff/outbox/templates" reloadDocument className="text-sm font-medium text-brand-700 underline">
            {t('prefs.templates.outboxLink')}
          </Link>
        }
      />
      {!smtpConfigured ? <Alert tone="info">{t('outbox.noSmtp')}</Alert> : null}
      <CsvLinks />
      {emails.length === 0 ? (
        <EmptyState title={t('outbox.empty')} />
      ) : (
        <div className="overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-stone-200">
          <table className="min-w-full divide-y divide-stone-200 text-sm">
            <caption className="sr-only">{t('outbox.title')}</caption>
            <thead className="bg-stone-50 text-left">
              <tr>
                <th scope="col" className="px-4 py-2 font-semibold">{t('outbox.date')}</th>
                <th scope="col" className="px-4 py-2 font-semibold">{t('outbox.to')}</th>
                <th scope="col" className="px-4 py-2 font-semibold">{t('outbox.subject')}</th>
                <th scope="col" className="px-4 py-2 font-semibold">{t('outbox.status')}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-100">
              {emails.map((email) => (
                <tr key={email.id}>
                  <td className="whitespace-nowrap px-4 py-2">{formatDate(email.createdAt, locale, { withTime: true })}</td>
                  <td className="px-4 py-2">{email.toAddress}</td>
                  <td className="px-4 py-2">
                    <Link to={`/staff/outbox/${email.id}`} className="font-medium text-brand-700 underline">
                      {email.subject}
                    </Link>
                  </td>
                  <td className="px-4 py-2">
                    <EmailStatusBadge status={email.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={page} pageSize={pageSize} total={total} searchParams={searchParams} />
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
