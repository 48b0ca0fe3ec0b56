import { json, type LoaderFunctionArgs, type TypedResponse } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { CsvLinks } from '#app/components/console'
import { GeneralErrorBoundary } from '#app/components/error-boundary'
import { Badge, Card, EmptyState, PageHeader } from '#app/components/ui/card'
import { formatDate, formatEurRange } from '#app/i18n/format'
import { listModerationQueue } from '#app/modules/needs/service.server'
import { staffHubIds } from '#app/modules/policy/policy'
import { csvRequest, csvResponse } from '#app/utils/csv.server'
import { getRequestLocale, getRequestT } from '#app/utils/i18n.server'
import { titleMeta } from '#app/utils/meta'
import { handle } from '#app/utils/route.server'
import { requireActor } from '#app/utils/session.server'

export const meta = titleMeta

export async function loader(args: LoaderFunctionArgs) {
  return handle(args, async ({ request, context }) => {
    const actor = await requireActor(request)
    const [needs, t, locale] = await Promise.all([listModerationQueue(actor), getRequestT(request), getRequestLocale(request)])
    const csv = csvRequest(new URL(request.url))
    if (csv) {
      type Row = (typeof needs)[number]
      const hubIds = staffHubIds(actor)
      // The file, not the page: typed `never` so that the page's data keeps its type.
      const file = await csvResponse<Row>({
        request,
        actor,
        table: 'moderation-needs',
        separator: csv.separator,
        hubId: hubIds.length === 1 ? hubIds[0] : null,
        requestId: context.requestId,
        rows: needs,
        columns: [
          { header: t('console.csvColumns.moderation.submittedAt'), value: (row) => (row.isRevision && row.revisionSubmittedAt ? row.revisionSubmittedAt : row.submittedAt) },
          { header: t('console.csvColumns.moderation.title'), value: (row) => row.title },
          { header: t('console.csvColumns.moderation.revision'), value: (row) => row.isRevision },
          { header: t('console.csvColumns.moderation.kind'), value: (row) => t(`needKind.${row.kind}`) },
          { header: t('console.csvColumns.moderation.partner'), value: (row) => row.partner.name },
          { header: t('console.csvColumns.moderation.hub'), value: (row) => row.hub.shortName },
          { header: t('console.csvColumns.moderation.visibility'), value: (row) => t(`visibility.${row.visibility}`) },
          { header: t('console.csvColumns.moderation.matchingMode'), value: (row) => t(`matchingMode.${row.matchingMode}`) },
          { header: t('console.csvColumns.moderation.budgetMinEur'), value: (row) => row.budgetMinEur },
          { header: t('console.csvColumns.moderation.budgetMaxEur'), value: (row) => row.budgetMaxEur },
        ],
      })
      return file as TypedResponse<never>
    }
    return json({ title: t('moderation.queueTitle'), locale, needs })
  })
}

export default function ModerationQueue() {
  const { needs, locale } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <div>
      <PageHeader title={t('moderation.queueTitle')} description={t('moderation.queueIntro')} />
      <CsvLinks className="mb-4 text-sm" />
      {needs.length === 0 ? (
        <EmptyState title={t('moderation.queueEmpty')} />
      ) : (
        <ul className="space-y-3">
          {needs.map((need) => (
            <li key={need.id}>
              <Card className="space-y-1">
                <div className="flex flex-wrap items-center gap-2">
                  <h2 className="text-lg font-semibold">
                    <Link to={`/needs/${need.id}`} className="hover:underline">
                      {need.title}
                    </Link>
                  </h2>
                  <Badge>{t(`needKind.${need.kind}`)}</Badge>
                  {need.isRevision ? <Badge tone="warning">{t('needs.revisionPending')}</Badge> : null}
                  <Badge tone="info">{t(`visibility.${need.visibility}`)}</Badge>
                  <Badge tone="info">{t(`matchingMode.${need.matchingMode}`)}</Badge>
                </div>
                <p className="text-sm text-stone-700">
                  {need.partner.name} · {need.hub.shortName}
                  {need.isRevision && need.revisionSubmittedAt
                    ? ` · ${t('moderation.submittedOn', { date: formatDate(need.revisionSubmittedAt, locale) })}`
                    : need.submittedAt
                      ? ` · ${t('moderation.submittedOn', { date: formatDate(need.submittedAt, locale) })}`
                      : ''}
                  {need.budgetMaxEur !== null ? ` · ${formatEurRange(need.budgetMinEur, need.budgetMaxEur, locale)}` : ''}
                </p>
                {need.summary ? <p className="text-stone-800">{need.summary}</p> : null}
                <Link to={`/needs/${need.id}`} className="inline-block text-sm font-semibold text-brand-700 underline">
                  {t('moderation.review')}
                </Link>
              </Card>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
