import { parseWithZod } from '@conform-to/zod/v4'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '#app/components/error-boundary'
import { DirectoryFilters, FirmResults } from '#app/components/firm-directory'
import { Pagination } from '#app/components/pagination'
import { Alert, Card, EmptyState, PageHeader } from '#app/components/ui/card'
import { FormErrors } from '#app/components/ui/field'
import { communeLabel } from '#app/modules/geo/communes'
import { assertMayUseFirmDirectory, directoryModeFor, firmDirectoryChoices, matchesOfNeed, refuseUnseenGroupFilter, searchFirmDirectory } from '#app/modules/firms/directory.server'
import { directoryActionSchema, parseFirmDirectoryFilters } from '#app/modules/firms/schema'
import { applyDirectoryAction } from '#app/modules/firms/service.server'
import { revenueBands } from '#app/modules/organisations/schema'
import { AppError } from '#app/modules/shared/app-error'
import { readFormData } from '#app/utils/form.server'
import { getRequestLocale, getRequestT } from '#app/utils/i18n.server'
import { titleMeta } from '#app/utils/meta'
import { handle, replyWithAppError } from '#app/utils/route.server'
import { requireActor } from '#app/utils/session.server'
import { redirectWithToast } from '#app/utils/toast.server'

export const meta = titleMeta

/**
 * The firm directory: verified firms, searched by partners and hub staff. With `?for=<needId>`,
 * the partner invites firms to that need, or staff of its hubs recommend their hubs' firms.
 */
export async function loader(args: LoaderFunctionArgs) {
  return handle(args, async ({ request }) => {
    const actor = await requireActor(request)
    assertMayUseFirmDirectory(actor)
    const { filters, errors } = parseFirmDirectoryFilters(new URL(request.url).searchParams)
    // A malformed need id: no such need.
    if (errors.for) throw AppError.notFound()
    const mode = filters.forNeedId ? await directoryModeFor(actor, filters.forNeedId) : null
    await refuseUnseenGroupFilter(actor, filters, errors)
    const [result, choices, t, locale] = await Promise.all([
      searchFirmDirectory(actor, filters, mode?.kind === 'recommend' ? mode.hubIds : undefined),
      firmDirectoryChoices(actor),
      getRequestT(request),
      getRequestLocale(request),
    ])
    const states = mode ? await matchesOfNeed(mode.need.id, result.firms.map((firm) => firm.id)) : {}
    return json({
      title: t('firms.title'),
      locale,
      filterErrors: errors,
      origin: filters.commune ? filters.commune.name : null,
      originLabel: filters.commune ? communeLabel(filters.commune) : null,
      mode,
      states,
      choices: { ...choices, bands: [...revenueBands] },
      ...result,
    })
  })
}

export async function action(args: ActionFunctionArgs) {
  return handle(args, async ({ request, context }) => {
    const actor = await requireActor(request)
    assertMayUseFirmDirectory(actor)
    const submission = parseWithZod(await readFormData(request), { schema: directoryActionSchema })
    if (submission.status !== 'success') return json({ result: submission.reply() }, { status: 400 })
    try {
      const toast = await applyDirectoryAction(actor, submission.value, context.requestId)
      const search = new URL(request.url).search
      return redirectWithToast(`/firms${search}`, toast)
    } catch (error) {
      return replyWithAppError(request, submission, error)
    }
  })
}

function ActionErrors() {
  const actionData = useActionData<typeof action>()
  const error = (actionData?.result as { error?: Record<string, string[] | null> } | undefined)?.error
  if (!error) return null
  return <FormErrors id="firms-action-error" errors={Object.values(error).flatMap((messages) => messages ?? [])} />
}

export default function FirmDirectory() {
  const { locale, filterErrors, origin, originLabel, mode, states, choices, firms, total, page, pageSize } = useLoaderData<typeof loader>()
  const [searchParams] = useSearchParams()
  const { t } = useTranslation()
  const filtered = ['q', 'skills', 'naf', 'commune', 'km', 'band', 'hub', 'cohort', 'group'].some((name) => searchParams.get(name))
  return (
    <div className="space-y-6">
      <PageHeader title={t('firms.title')} description={t('firms.intro')} />
      {mode ? (
        <Alert tone="info" title={t(mode.kind === 'invite' ? 'firms.mode.invite' : 'firms.mode.recommend', { title: mode.need.title })}>
          {mode.kind === 'invite' ? t('firms.mode.inviteHint') : t('firms.mode.recommendHint', { partner: mode.need.partnerName })}{' '}
          <Link to={`/needs/${mode.need.id}`} className="font-semibold underline">
            {t('firms.mode.backToNeed')}
          </Link>
        </Alert>
      ) : null}
      <Card>
        <DirectoryFilters choices={choices} errors={filterErrors} hubLocked={mode?.kind === 'recommend'} />
      </Card>
      <Card aria-labelledby="firms-results-title">
        <h2 id="firms-results-title" className="sr-only">
          {t('firms.results')}
        </h2>
        <p className="text-sm text-stone-700" role="status">
          {t('firms.total', { count: total })}
          {originLabel ? ` · ${t('firms.sortedByDistance', { commune: originLabel })}` : ''}
        </p>
        <ActionErrors />
        {firms.length === 0 ? (
          <div className="mt-3">
            <EmptyState title={filtered ? t('firms.emptyFiltered') : t('firms.empty')}>{filtered ? t('firms.emptyFilteredHint') : t('firms.emptyHint')}</EmptyState>
          </div>
        ) : (
          <FirmResults
            firms={firms}
            origin={origin}
            locale={locale}
            mode={mode ? { kind: mode.kind, needId: mode.need.id } : null}
            states={states}
            action={`/firms?${searchParams}`}
          />
        )}
        <Pagination page={page} pageSize={pageSize} total={total} searchParams={searchParams} />
      </Card>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
