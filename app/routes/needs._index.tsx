import { parseWithZod } from '@conform-to/zod/v4'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigation, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { MatchReasons, ScoreBadge } from '#app/components/match-score'
import { Pagination } from '#app/components/pagination'
import { NeedStatusBadge } from '#app/components/status-badges'
import { Button, LinkButton } from '#app/components/ui/button'
import { Badge, Card, EmptyState, PageHeader } from '#app/components/ui/card'
import { FilterSelect, filterFieldClass } from '#app/components/ui/filter'
import { ErrorList, FormErrors } from '#app/components/ui/field'
import { formatDate, formatEurRange } from '#app/i18n/format'
import { needKinds, needSorts, parseNeedFilters, savedSearchSchema } from '#app/modules/needs/schema'
import { deleteSavedSearch, listSavedSearches, saveSearch } from '#app/modules/needs/saved-searches.server'
import { groupsForFilter } from '#app/modules/groups/service.server'
import { canPostNeeds, listNeedsForActor } from '#app/modules/needs/service.server'
import { listHubs } from '#app/modules/organisations/service.server'
import { recordId } from '#app/modules/shared/fields'
import { readFormData, singleValue } from '#app/utils/form.server'
import { getRequestLocale, getRequestT } from '#app/utils/i18n.server'
import { titleMeta } from '#app/utils/meta'
import { handle, invalidFormResult, replyWithAppError } from '#app/utils/route.server'
import { requireActor } from '#app/utils/session.server'
import { redirectWithToast } from '#app/utils/toast.server'

export const meta = titleMeta

export async function loader(args: LoaderFunctionArgs) {
  return handle(args, async ({ request }) => {
    const actor = await requireActor(request)
    const { filters, errors } = parseNeedFilters(new URL(request.url).searchParams)
    const [result, hubs, groups, savedSearches, t, locale] = await Promise.all([
      listNeedsForActor(actor, filters),
      listHubs(),
      groupsForFilter(actor),
      listSavedSearches(actor),
      getRequestT(request),
      getRequestLocale(request),
    ])
    const title = result.perspective === 'firm' ? t('needs.listTitleFirm') : result.perspective === 'partner' ? t('needs.listTitlePartner') : t('needs.listTitleStaff')
    return json({ title, locale, canPost: canPostNeeds(actor), filterErrors: errors, hubs, groups, savedSearches, ...result })
  })
}

export async function action(args: ActionFunctionArgs) {
  return handle(args, async ({ request }) => {
    const actor = await requireActor(request)
    const formData = await readFormData(request)
    const intent = singleValue(formData, 'intent')
    if (intent === 'deleteSearch') {
      const id = recordId.safeParse(singleValue(formData, 'id'))
      if (!id.success) return json({ result: invalidFormResult() }, { status: 400 })
      await deleteSavedSearch(actor, id.data)
      return redirectWithToast(`/needs`, { messageKey: 'search.deleted' })
    }
    if (intent !== 'saveSearch') return json({ result: invalidFormResult() }, { status: 400 })
    const submission = parseWithZod(formData, { schema: savedSearchSchema })
    if (submission.status !== 'success') return json({ result: submission.reply() }, { status: 400 })
    let saved: Awaited<ReturnType<typeof saveSearch>>
    try {
      saved = await saveSearch(actor, submission.value)
    } catch (error) {
      return replyWithAppError(request, submission, error)
    }
    return redirectWithToast(`/needs?${saved.query}`, { messageKey: 'search.saved', values: { name: submission.value.name } })
  })
}

function Filters() {
  const { perspective, filterErrors, hubs, groups, sort } = useLoaderData<typeof loader>()
  const [searchParams] = useSearchParams()
  const { t } = useTranslation()
  const kinds = new Set(searchParams.getAll('kind'))
  const fieldClass = filterFieldClass
  const errorsOf = (name: string) => (filterErrors as Record<string, string[]>)[name]
  return (
    <Form method="get" role="search" aria-label={t('search.label')} className="space-y-4">
      <div className="flex flex-wrap items-end gap-3">
        <div className="min-w-64 flex-1">
          <label htmlFor="search-q" className="block text-sm font-medium text-stone-800">
            {t('search.query')}
          </label>
          <input id="search-q" name="q" type="search" defaultValue={searchParams.get('q') ?? ''} placeholder={t('search.placeholder')} className={fieldClass} />
          <ErrorList errors={errorsOf('q')} />
        </div>
        <div>
          <label htmlFor="search-sort" className="block text-sm font-medium text-stone-800">
            {t('search.sort')}
          </label>
          <select id="search-sort" name="sort" defaultValue={searchParams.get('sort') ?? sort} className={fieldClass}>
            {needSorts
              .filter((value) => perspective === 'firm' || value !== 'score')
              .map((value) => (
                <option key={value} value={value}>
                  {t(`search.sorts.${value}`)}
                </option>
              ))}
          </select>
        </div>
        <Button type="submit">{t('search.submit')}</Button>
      </div>
      <details className="rounded-md bg-white p-3 ring-1 ring-stone-200" open={Object.keys(filterErrors).length > 0 || undefined}>
        <summary className="cursor-pointer text-sm font-semibold text-stone-800">{t('search.moreFilters')}</summary>
        <div className="mt-3 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          <fieldset>
            <legend className="text-sm font-medium text-stone-800">{t('needForm.kind')}</legend>
            <div className="mt-1 space-y-1">
              {needKinds.map((kind) => (
                <label key={kind} className="flex items-center gap-2 text-sm">
                  <input type="checkbox" name="kind" value={kind} defaultChecked={kinds.has(kind)} className="size-4 rounded border-stone-400" />
                  {t(`needKind.${kind}`)}
                </label>
              ))}
            </div>
            <ErrorList errors={errorsOf('kind')} />
          </fieldset>
          <div className="space-y-3">
            <div>
              <label htmlFor="search-naf" className="block text-sm font-medium text-stone-800">
                {t('search.naf')}
              </label>
              <input id="search-naf" name="naf" defaultValue={searchParams.get('naf') ?? ''} placeholder="62 ou 62.01Z" className={fieldClass} aria-describedby={errorsOf('naf') ? 'search-naf-error' : undefined} />
              <ErrorList id="search-naf-error" errors={errorsOf('naf')} />
            </div>
            <FilterSelect
              id="search-hub"
              name="hub"
              label={t('search.hub')}
              anyLabel={t('search.anyHub')}
              options={hubs.map((hub) => ({ value: hub.id, label: hub.name }))}
              errors={errorsOf('hub')}
            />
            {/* The needs addressed to one of the working groups of the person's organisations (decision 0026). */}
            {groups.length > 0 ? (
              <FilterSelect
                id="search-group"
                name="group"
                label={t('groups.filter.label')}
                anyLabel={t('groups.filter.any')}
                options={groups.map((group) => ({ value: group.slug, label: group.name }))}
                errors={errorsOf('group')}
              />
            ) : null}
          </div>
          <div className="space-y-3">
            <div className="grid grid-cols-2 gap-2">
              <div>
                <label htmlFor="search-budget-min" className="block text-sm font-medium text-stone-800">
                  {t('search.budgetMin')}
                </label>
                <input id="search-budget-min" name="budgetMin" inputMode="numeric" defaultValue={searchParams.get('budgetMin') ?? ''} className={fieldClass} />
                <ErrorList errors={errorsOf('budgetMin')} />
              </div>
              <div>
                <label htmlFor="search-budget-max" className="block text-sm font-medium text-stone-800">
                  {t('search.budgetMax')}
                </label>
                <input id="search-budget-max" name="budgetMax" inputMode="numeric" defaultValue={searchParams.get('budgetMax') ?? ''} className={fieldClass} />
                <ErrorList errors={errorsOf('budgetMax')} />
              </div>
            </div>
            <div>
              <label htmlFor="search-deadline" className="block text-sm font-medium text-stone-800">
                {t('search.deadlineBefore')}
              </label>
              <input id="search-deadline" name="deadlineBefore" type="date" defaultValue={searchParams.get('deadlineBefore') ?? ''} className={fieldClass} />
              <ErrorList errors={errorsOf('deadlineBefore')} />
            </div>
            {perspective === 'firm' ? (
              <div>
                <label htmlFor="search-distance" className="block text-sm font-medium text-stone-800">
                  {t('search.distance')}
                </label>
                <input id="search-distance" name="distanceKm" inputMode="numeric" defaultValue={searchParams.get('distanceKm') ?? ''} className={fieldClass} />
                <ErrorList errors={errorsOf('distanceKm')} />
              </div>
            ) : null}
            {/* Firms see the open needs unless they choose past ones (those whose page they may open). */}
            <FilterSelect
              id="search-status"
              name="status"
              label={t('search.status')}
              anyLabel={perspective === 'firm' ? t('lists.openNeeds') : t('search.anyStatus')}
              options={(perspective === 'firm' ? ['CLOSED', 'AWARDED', 'NOT_AWARDED'] : ['DRAFT', 'SUBMITTED', 'CHANGES_REQUESTED', 'PUBLISHED', 'CLOSED', 'AWARDED', 'NOT_AWARDED', 'ARCHIVED']).map((status) => ({
                value: status,
                label: t(`needStatus.${status}` as 'needStatus.DRAFT'),
              }))}
              errors={errorsOf('status')}
            />
          </div>
        </div>
        <div className="mt-3 flex gap-3">
          <Button type="submit" size="sm">
            {t('search.apply')}
          </Button>
          <Link to="/needs" className="self-center text-sm font-semibold text-brand-700 underline">
            {t('search.reset')}
          </Link>
        </div>
      </details>
    </Form>
  )
}

function SavedSearches() {
  const { savedSearches } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const location = useLocation()
  const navigation = useNavigation()
  const { t } = useTranslation()
  const query = location.search.replace(/^\?/, '')
  const errors = actionData?.result?.error as Record<string, string[]> | undefined
  return (
    <Card className="space-y-3">
      <h2 className="font-semibold">{t('search.savedTitle')}</h2>
      {/* Deleting and saving share this block; the query and the alert box are not typed. */}
      <FormErrors errors={[...(errors?.[''] ?? []), ...(errors?.query ?? []), ...(errors?.alert ?? [])]} />
      {savedSearches.length === 0 ? <p className="text-sm text-stone-700">{t('search.noSaved')}</p> : null}
      <ul className="space-y-2">
        {savedSearches.map((search) => (
          <li key={search.id} className="flex items-center justify-between gap-2 text-sm">
            <Link to={`/needs?${search.query}`} className="font-medium text-brand-700 underline">
              {search.name}
            </Link>
            <span className="flex items-center gap-2">
              {search.alert ? <Badge tone="info">{t('search.alertOn')}</Badge> : null}
              <Form method="post">
                <input type="hidden" name="intent" value="deleteSearch" />
                <input type="hidden" name="id" value={search.id} />
                <button type="submit" className="text-stone-600 underline" aria-label={t('search.deleteLabel', { name: search.name })}>
                  {t('search.delete')}
                </button>
              </Form>
            </span>
          </li>
        ))}
      </ul>
      {query ? (
        <Form method="post" className="space-y-2 border-t border-stone-200 pt-3">
          <input type="hidden" name="intent" value="saveSearch" />
          <input type="hidden" name="query" value={query} />
          <label htmlFor="saved-search-name" className="block text-sm font-medium">
            {t('search.saveName')}
          </label>
          <input id="saved-search-name" name="name" required maxLength={80} className="block w-full rounded-md border-0 px-3 py-2 text-sm ring-1 ring-inset ring-stone-300" />
          <ErrorList errors={errors?.name} />
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="alert" className="size-4 rounded border-stone-400" /> {t('search.alert')}
          </label>
          <Button type="submit" size="sm" variant="secondary" pending={navigation.state === 'submitting'}>
            {t('search.save')}
          </Button>
        </Form>
      ) : null}
    </Card>
  )
}

export default function NeedsPage() {
  const { title, perspective, needs, total, page, pageSize, canPost, locale } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const [searchParams] = useSearchParams()
  return (
    <div>
      <PageHeader title={title} description={t(`needs.listIntro.${perspective}`)} actions={canPost ? <LinkButton to="/needs/new">{t('needs.new')}</LinkButton> : null} />
      <div className="grid gap-6 lg:grid-cols-[1fr_18rem]">
        <div className="min-w-0 space-y-4">
          <Filters />
          <p className="text-sm text-stone-700" aria-live="polite">
            {t('needs.count', { count: total })}
          </p>
          {needs.length === 0 ? (
            <EmptyState title={searchParams.toString() ? t('search.noResult') : t(`needs.empty.${perspective}`)}>
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
                        {perspective !== 'firm' || need.status !== 'PUBLISHED' ? <NeedStatusBadge status={need.status} /> : null}
                        {need.revisionPending ? <Badge tone="warning">{t('needs.revisionPending')}</Badge> : null}
                        <Badge>{t(`needKind.${need.kind}` as 'needKind.PILOT')}</Badge>
                        {need.visibility === 'INVITE_ONLY' ? <Badge tone="warning">{t('visibility.INVITE_ONLY')}</Badge> : null}
                        {need.dismissed ? <Badge>{t('matching.feedback.dismissedByFirm')}</Badge> : null}
                      </div>
                      <p className="mt-1 text-sm text-stone-700">
                        {need.partnerName} · {need.hubShortName}
                        {need.communeName ? ` · ${need.communeName}` : ''}
                        {need.remoteOk ? ` · ${t('needs.remoteOk')}` : ''}
                      </p>
                      {need.summary ? <p className="mt-2 line-clamp-2 text-stone-800">{need.summary}</p> : null}
                      {perspective === 'firm' && Array.isArray(need.reasons) && !need.dismissed ? (
                        <div className="mt-2">
                          <MatchReasons breakdown={{ reasons: need.reasons.slice(0, 2) }} audience="firm" />
                        </div>
                      ) : null}
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
                        {perspective !== 'firm' ? <span>{t('needs.applicationCount', { count: need.applicationCount })}</span> : null}
                      </p>
                    </div>
                  </Card>
                </li>
              ))}
            </ul>
          )}
          <Pagination page={page} pageSize={pageSize} total={total} searchParams={searchParams} />
        </div>
        <aside>{perspective === 'firm' ? <SavedSearches /> : null}</aside>
      </div>
    </div>
  )
}
