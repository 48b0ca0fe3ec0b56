import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '#app/components/error-boundary'
import { Badge, Card, EmptyState, PageHeader } from '#app/components/ui/card'
import { formatDate, formatEurRange } from '#app/i18n/format'
import { listModerationQueue } from '#app/modules/needs/service.server'
import { getRequestLocale, getRequestT } from '#app/utils/i18n.server'
import { titleMeta } from '#app/utils/meta'
import { handle } from '#app/utils/route.server'
import { requireActor } from '#app/utils/session.server'

export const meta = titleMeta

export async function loader(args: LoaderFunctionArgs) {
  return handle(args, async ({ request }) => {
    const actor = await requireActor(request)
    const [needs, t, locale] = await Promise.all([listModerationQueue(actor), getRequestT(request), getRequestLocale(request)])
    return json({ title: t('moderation.queueTitle'), locale, needs })
  })
}

export default function ModerationQueue() {
  const { needs, locale } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <div>
      <PageHeader title={t('moderation.queueTitle')} description={t('moderation.queueIntro')} />
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
