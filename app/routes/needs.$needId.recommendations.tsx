import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Pagination } from '#app/components/pagination'
import { RecommendationList } from '#app/components/recommendation-list'
import { Button, LinkButton } from '#app/components/ui/button'
import { Card, EmptyState, PageHeader } from '#app/components/ui/card'
import { ErrorList } from '#app/components/ui/field'
import { FilterSelect, filterFieldClass } from '#app/components/ui/filter'
import { translateKey } from '#app/i18n/translate'
import { actOnMatch, listRecommendations } from '#app/modules/matching/invitations.server'
import { matchDecisionSchema, matchStatuses, parseRecommendationFilters } from '#app/modules/matching/schema'
import { getNeedForActor } from '#app/modules/needs/service.server'
import { listHubs } from '#app/modules/organisations/service.server'
import { isNeedPartner } from '#app/modules/policy/policy'
import { AppError } from '#app/modules/shared/app-error'
import { readFormData } from '#app/utils/form.server'
import { getRequestT } from '#app/utils/i18n.server'
import { titleMeta } from '#app/utils/meta'
import { handle, requireParam } from '#app/utils/route.server'
import { requireActor } from '#app/utils/session.server'
import { redirectWithToast } from '#app/utils/toast.server'

export const meta = titleMeta

/** Every recommended firm of a published need, for its partner and its hub's staff: ranked, filtered, paged. */
export async function loader(args: LoaderFunctionArgs) {
  return handle(args, async ({ request, params }) => {
    const actor = await requireActor(request)
    const needId = requireParam(params, 'needId')
    const view = await getNeedForActor(actor, needId)
    if (!view.actions.manageMatches) throw AppError.notFound()
    const { filters, errors } = parseRecommendationFilters(new URL(request.url).searchParams)
    const [recommendations, hubs, t] = await Promise.all([listRecommendations(actor, needId, filters), listHubs(), getRequestT(request)])
    return json({
      title: t('matching.recommendationsTitle', { title: view.need.title }),
      need: { id: view.need.id, title: view.need.title, matchingMode: view.need.matchingMode, status: view.need.status },
      filterErrors: errors,
      // Hub staff read the reasons neutrally; only the need's partner reads « votre besoin ».
      recommendationAudience: (isNeedPartner(actor, { partnerId: view.need.partner.id }) ? 'partner' : 'staff') as 'partner' | 'staff',
      hubs: hubs.map((hub) => ({ id: hub.id, name: hub.name })),
      ...recommendations,
    })
  })
}

export async function action(args: ActionFunctionArgs) {
  return handle(args, async ({ request, params, context }) => {
    const actor = await requireActor(request)
    const needId = requireParam(params, 'needId')
    const formData = await readFormData(request)
    const parsed = matchDecisionSchema.safeParse(Object.fromEntries(formData))
    if (!parsed.success || formData.getAll('matchId').length !== 1 || formData.getAll('decision').length !== 1) {
      const t = await getRequestT(request)
      return json({ code: 'invalid_input', message: translateKey(t, 'validation.invalidChoice') }, { status: 400 })
    }
    await actOnMatch(actor, parsed.data.matchId, parsed.data.decision, context.requestId, needId)
    const search = new URL(request.url).search
    return redirectWithToast(`/needs/${needId}/recommendations${search}#recommendations`, { messageKey: `matching.done.${parsed.data.decision}` })
  })
}

function Filters() {
  const { hubs, filterErrors } = useLoaderData<typeof loader>()
  const [searchParams] = useSearchParams()
  const { t } = useTranslation()
  const errorsOf = (name: string) => (filterErrors as Record<string, string[]>)[name]
  return (
    <Form method="get" role="search" aria-label={t('matching.filters.label')} className="flex flex-wrap items-end gap-3">
      <div className="min-w-48 flex-1">
        <label htmlFor="rec-q" className="block text-sm font-medium text-stone-800">
          {t('matching.filters.q')}
        </label>
        <input id="rec-q" name="q" type="search" defaultValue={searchParams.get('q') ?? ''} className={filterFieldClass} aria-describedby={errorsOf('q') ? 'rec-q-error' : undefined} />
        <ErrorList id="rec-q-error" errors={errorsOf('q')} />
      </div>
      <FilterSelect
        id="rec-hub"
        name="hub"
        label={t('matching.filters.hub')}
        anyLabel={t('matching.filters.anyHub')}
        options={hubs.map((hub) => ({ value: hub.id, label: hub.name }))}
        errors={errorsOf('hub')}
      />
      <FilterSelect
        id="rec-status"
        name="status"
        label={t('matching.filters.status')}
        anyLabel={t('matching.filters.anyStatus')}
        options={matchStatuses.map((status) => ({ value: status, label: t(`matchStatus.${status}`) }))}
        errors={errorsOf('status')}
      />
      <FilterSelect
        id="rec-min-score"
        name="minScore"
        label={t('matching.filters.minScore')}
        anyLabel={t('matching.filters.anyScore')}
        options={[20, 40, 60, 80].map((score) => ({ value: String(score), label: t('matching.filters.atLeast', { score }) }))}
        errors={errorsOf('minScore')}
      />
      <Button type="submit" size="sm">
        {t('matching.filters.apply')}
      </Button>
      <Link to="?" className="self-center text-sm font-semibold text-brand-700 underline">
        {t('matching.filters.reset')}
      </Link>
    </Form>
  )
}

export default function Recommendations() {
  const { need, matches, total, page, pageSize, recommendationAudience } = useLoaderData<typeof loader>()
  const [searchParams] = useSearchParams()
  const { t } = useTranslation()
  const filtered = ['q', 'hub', 'status', 'minScore'].some((name) => searchParams.get(name))
  return (
    <div className="space-y-6">
      <PageHeader
        title={t('matching.recommendedFirms')}
        description={
          <>
            <Link to={`/needs/${need.id}`} className="font-semibold text-brand-700 underline">
              {need.title}
            </Link>{' '}
            · {t(need.matchingMode === 'CURATED' ? 'matching.curatedIntro' : 'matching.openIntro')}
          </>
        }
        actions={
          need.status === 'PUBLISHED' ? (
            <LinkButton to={`/firms?for=${need.id}`} variant="secondary">
              {t('firms.badges.searchDirectory')}
            </LinkButton>
          ) : null
        }
      />
      <Card className="space-y-4">
        <Filters />
      </Card>
      <Card id="recommendations">
        <p className="text-sm text-stone-700" role="status">
          {t('matching.total', { count: total })}
        </p>
        {matches.length === 0 ? (
          <div className="mt-3">
            <EmptyState title={filtered ? t('matching.emptyFiltered') : t('matching.empty')}>{filtered ? null : t('matching.emptyHint')}</EmptyState>
          </div>
        ) : (
          <RecommendationList items={matches} decisionAction={`/needs/${need.id}/recommendations?${searchParams}`} audience={recommendationAudience} />
        )}
        <Pagination page={page} pageSize={pageSize} total={total} searchParams={searchParams} />
      </Card>
    </div>
  )
}
