import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ScoreBadge } from '#app/components/match-score'
import { Pagination } from '#app/components/pagination'
import { NeedStatusBadge } from '#app/components/status-badges'
import { LinkButton } from '#app/components/ui/button'
import { Badge, Card, EmptyState, PageHeader } from '#app/components/ui/card'
import { formatDate, formatEurRange } from '#app/i18n/format'
import { canPostNeeds, listNeedsForActor } from '#app/modules/needs/service.server'
import { getRequestLocale, getRequestT } from '#app/utils/i18n.server'
import { titleMeta } from '#app/utils/meta'
import { handle } from '#app/utils/route.server'
import { requireActor } from '#app/utils/session.server'

export const meta = titleMeta

export async function loader(args: LoaderFunctionArgs) {
  return handle(args, async ({ request }) => {
    const actor = await requireActor(request)
    const url = new URL(request.url)
    const page = Number.parseInt(url.searchParams.get('page') ?? '1', 10)
    const [result, t, locale] = await Promise.all([
      listNeedsForActor(actor, { page: Number.isFinite(page) ? page : 1 }),
      getRequestT(request),
      getRequestLocale(request),
    ])
    const title = result.perspective === 'firm' ? t('needs.listTitleFirm') : result.perspective === 'partner' ? t('needs.listTitlePartner') : t('needs.listTitleStaff')
    return json({ title, locale, canPost: canPostNeeds(actor), ...result })
  })
}

export default function NeedsPage() {
  const { title, perspective, needs, total, page, pageSize, canPost, locale } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const [searchParams] = useSearchParams()
  return (
    <div>
      <PageHeader
        title={title}
        description={t(`needs.listIntro.${perspective}`)}
        actions={
          canPost ? (
            <LinkButton to="/needs/new">{t('needs.new')}</LinkButton>
          ) : null
        }
      />
      <p className="mb-3 text-sm text-stone-700" aria-live="polite">
        {t('needs.count', { count: total })}
      </p>
      {needs.length === 0 ? (
        <EmptyState title={t(`needs.empty.${perspective}`)}>
          {canPost ? (
            <Link to="/needs/new" className="font-semibold text-brand-700 underline">
              {t('needs.new')}
            </Link>
          ) : null}
        </EmptyState>
      ) : (
        <ul className="space-y-3">
          {needs.map((need) => (
            <li key={need.id}>
              <Card className="flex flex-col gap-3 sm:flex-row sm:items-start">
                {perspective === 'firm' ? <ScoreBadge score={need.score} className="self-start" /> : null}
                <div className="min-w-0 flex-1">
                  <div className="flex flex-wrap items-center gap-2">
                    <h2 className="text-lg font-semibold">
                      <Link to={`/needs/${need.id}`} className="hover:underline">
                        {need.title}
                      </Link>
                    </h2>
                    {perspective !== 'firm' ? <NeedStatusBadge status={need.status} /> : null}
                    <Badge>{t(`needKind.${need.kind}`)}</Badge>
                    {need.visibility === 'INVITE_ONLY' ? <Badge tone="warning">{t('visibility.INVITE_ONLY')}</Badge> : null}
                  </div>
                  <p className="mt-1 text-sm text-stone-700">
                    {need.partner.name} · {need.hub.shortName}
                    {need.communeName ? ` · ${need.communeName}` : ''}
                    {need.remoteOk ? ` · ${t('needs.remoteOk')}` : ''}
                  </p>
                  {need.summary ? <p className="mt-2 line-clamp-2 text-stone-800">{need.summary}</p> : null}
                  <p className="mt-2 flex flex-wrap gap-x-4 text-sm text-stone-700">
                    {need.budgetMinEur !== null || need.budgetMaxEur !== null ? (
                      <span>
                        {t('needs.budget')} : {formatEurRange(need.budgetMinEur, need.budgetMaxEur, locale)}
                      </span>
                    ) : null}
                    {need.deadline ? (
                      <span>
                        {t('needs.deadline')} : {formatDate(need.deadline, locale)}
                      </span>
                    ) : null}
                    {'applicationCount' in need && perspective !== 'firm' ? (
                      <span>{t('needs.applicationCount', { count: need.applicationCount as number })}</span>
                    ) : null}
                  </p>
                </div>
              </Card>
            </li>
          ))}
        </ul>
      )}
      <Pagination page={page} pageSize={pageSize} total={total} searchParams={searchParams} />
    </div>
  )
}
