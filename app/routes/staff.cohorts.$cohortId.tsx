import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type TypedResponse } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { CohortFields, CohortHeader, pilotsText, ProgressBar, valueText } from '#app/components/cohorts'
import { CsvLinks } from '#app/components/console'
import { GeneralErrorBoundary } from '#app/components/error-boundary'
import { Button } from '#app/components/ui/button'
import { Alert, Card, EmptyState } from '#app/components/ui/card'
import { FormErrors } from '#app/components/ui/field'
import { filterFieldClass } from '#app/components/ui/filter'
import { formatDate, formatEur } from '#app/i18n/format'
import { revenueBands } from '#app/modules/organisations/schema'
import { archiveCohortSchema, cohortFirmSchema, parsePickerBand, PICKER_LIMIT, updateCohortSchema } from '#app/modules/cohorts/schema'
import {
  addFirmToCohort,
  archiveCohort,
  getCohortForStaff,
  listPickableFirms,
  removeFirmFromCohort,
  requireCohortAsStaff,
  updateCohort,
} from '#app/modules/cohorts/service.server'
import { csvRequest, csvResponse } from '#app/utils/csv.server'
import { readFormData, singleValue } from '#app/utils/form.server'
import { getRequestLocale, getRequestT } from '#app/utils/i18n.server'
import { titleMeta } from '#app/utils/meta'
import { handle, invalidFormResult, replyWithAppError, requireParam } from '#app/utils/route.server'
import { requireActor } from '#app/utils/session.server'
import { redirectWithToast } from '#app/utils/toast.server'

export const meta = titleMeta

const day = (value: Date | string | null) => (value ? new Date(value).toISOString().slice(0, 10) : '')

/** Staff of the cohort's hub: its firms' pipeline and progress, the firm picker, the edit form; `?format=csv`. Other hubs: 404. */
export async function loader(args: LoaderFunctionArgs) {
  return handle(args, async ({ request, params, context }) => {
    const actor = await requireActor(request)
    const cohortId = requireParam(params, 'cohortId')
    const url = new URL(request.url)
    const [view, t, locale] = await Promise.all([getCohortForStaff(actor, cohortId), getRequestT(request), getRequestLocale(request)])
    const csv = csvRequest(url)
    if (csv) {
      type Row = (typeof view.firms)[number]
      const file = await csvResponse<Row>({
        request,
        actor,
        table: 'cohort-firms',
        separator: csv.separator,
        hubId: view.cohort.hubId,
        requestId: context.requestId,
        rows: view.firms,
        columns: [
          { header: t('cohorts.csv.name'), value: () => view.cohort.name },
          { header: t('cohorts.csv.firm'), value: (row) => row.name },
          { header: t('cohorts.csv.band'), value: (row) => (row.revenueBand ? t(`revenueBand.${row.revenueBand}`) : null) },
          { header: t('cohorts.csv.addedAt'), value: (row) => day(row.addedAt) },
          { header: t('cohorts.csv.applications'), value: (row) => row.applications },
          { header: t('cohorts.csv.shortlisted'), value: (row) => row.shortlisted },
          { header: t('cohorts.csv.pilots'), value: (row) => row.pilots },
          { header: t('cohorts.csv.targetPilots'), value: (row) => row.pilotsProgress.target },
          { header: t('cohorts.csv.contracts'), value: (row) => row.contracts },
          { header: t('cohorts.csv.wonEur'), value: (row) => row.wonEur },
          { header: t('cohorts.csv.targetEur'), value: (row) => row.value.target },
          { header: t('cohorts.csv.share'), value: (row) => Math.round(row.value.share * 10_000) / 10_000 },
          { header: t('cohorts.csv.lastActivity'), value: (row) => (row.lastActivity ? new Date(row.lastActivity).toISOString() : null) },
        ],
      })
      return file as TypedResponse<never>
    }
    const band = parsePickerBand(url.searchParams.get('band'))
    const q = (url.searchParams.get('q') ?? '').slice(0, 100)
    const picker = view.canManage ? await listPickableFirms(actor, cohortId, { band, q }) : null
    return json({ title: view.cohort.name, locale, timeZone: actor.timeZone, ...view, picker, filter: { band, q } })
  })
}

export async function action(args: ActionFunctionArgs) {
  return handle(args, async ({ request, params, context }) => {
    const actor = await requireActor(request)
    const cohortId = requireParam(params, 'cohortId')
    await requireCohortAsStaff(actor, cohortId)
    const formData = await readFormData(request)
    const intent = singleValue(formData, 'intent')
    const back = `/staff/cohorts/${cohortId}`
    if (intent === 'update') {
      const submission = parseWithZod(formData, { schema: updateCohortSchema })
      if (submission.status !== 'success') return json({ result: submission.reply() }, { status: 422 })
      try {
        await updateCohort(actor, cohortId, submission.value, context.requestId)
        return redirectWithToast(back, { messageKey: 'cohorts.updated' })
      } catch (error) {
        return replyWithAppError(request, submission, error)
      }
    }
    if (intent === 'archive') {
      const submission = parseWithZod(formData, { schema: archiveCohortSchema })
      if (submission.status !== 'success') return json({ result: submission.reply() }, { status: 422 })
      try {
        await archiveCohort(actor, cohortId, context.requestId)
        return redirectWithToast(back, { messageKey: 'cohorts.archived' })
      } catch (error) {
        return replyWithAppError(request, submission, error)
      }
    }
    if (intent === 'add' || intent === 'remove') {
      const submission = parseWithZod(formData, { schema: cohortFirmSchema })
      if (submission.status !== 'success') return json({ result: submission.reply() }, { status: 422 })
      try {
        if (submission.value.intent === 'add') {
          const firm = await addFirmToCohort(actor, cohortId, submission.value.organisationId, context.requestId)
          return redirectWithToast(back, { messageKey: 'cohorts.added', values: { name: firm.name } })
        }
        const firm = await removeFirmFromCohort(actor, cohortId, submission.value.organisationId, context.requestId)
        return redirectWithToast(back, { messageKey: 'cohorts.removed', values: { name: firm?.name ?? '' } })
      } catch (error) {
        return replyWithAppError(request, submission, error)
      }
    }
    return json({ result: invalidFormResult() }, { status: 400 })
  })
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>

function EditCohortForm({ cohort }: { cohort: LoaderData['cohort'] }) {
  const { t } = useTranslation()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const result = actionData?.result
  const [form, fields] = useForm({
    id: 'edit-cohort',
    lastResult: result && 'initialValue' in result && result.initialValue?.intent === 'update' ? result : undefined,
    defaultValue: {
      name: cohort.name,
      programme: cohort.programme,
      description: cohort.description,
      year: String(cohort.year),
      startsOn: day(cohort.startsOn),
      endsOn: day(cohort.endsOn),
      targetEur: String(cohort.targetEur),
      targetPilots: String(cohort.targetPilots),
    },
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: updateCohortSchema }),
  })
  const open = Boolean(result && 'initialValue' in result && result.initialValue?.intent === 'update')
  return (
    <Card>
      <details open={open}>
        <summary className="cursor-pointer text-lg font-semibold">{t('cohorts.form.editTitle')}</summary>
        <Form method="post" className="mt-4 space-y-4" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="update" />
          <FormErrors id={form.errorId} errors={form.errors} />
          <CohortFields fields={fields} />
          <Button type="submit" pending={navigation.state === 'submitting' && navigation.formData?.get('intent') === 'update'}>
            {t('cohorts.form.save')}
          </Button>
        </Form>
      </details>
    </Card>
  )
}

function FirmPicker({ picker, filter }: { picker: NonNullable<LoaderData['picker']>; filter: LoaderData['filter'] }) {
  const { t } = useTranslation()
  const actionData = useActionData<typeof action>()
  const result = actionData?.result
  const errors = result && 'initialValue' in result && result.initialValue?.intent === 'add' ? result.error?.organisationId : undefined
  const bandOptions = [
    { value: 'accelerator', label: t('cohorts.picker.bandAccelerator') },
    { value: 'all', label: t('cohorts.picker.bandAll') },
    ...revenueBands.map((band) => ({ value: band, label: t(`revenueBand.${band}`) })),
  ]
  return (
    <Card className="space-y-4">
      <div>
        <h2 className="text-lg font-semibold">{t('cohorts.picker.title')}</h2>
        <p className="text-sm text-stone-700">{t('cohorts.picker.intro')}</p>
      </div>
      <Form method="get" className="flex flex-wrap items-end gap-3">
        <label className="text-sm font-medium text-stone-800">
          {t('cohorts.picker.band')}
          <select name="band" defaultValue={filter.band} className={filterFieldClass}>
            {bandOptions.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm font-medium text-stone-800">
          {t('cohorts.picker.search')}
          <input type="search" name="q" defaultValue={filter.q} maxLength={100} className={filterFieldClass} />
        </label>
        <Button type="submit" variant="secondary">
          {t('cohorts.picker.filter')}
        </Button>
      </Form>
      {picker.firms.length === 0 ? (
        <>
          <FormErrors errors={errors} />
          <p className="text-sm text-stone-700">{t('cohorts.picker.none')}</p>
        </>
      ) : (
        <Form method="post" className="flex flex-wrap items-end gap-3">
          <input type="hidden" name="intent" value="add" />
          <div>
            <label htmlFor="cohort-firm" className="block text-sm font-medium text-stone-800">
              {t('cohorts.picker.firm')}
            </label>
            <select
              id="cohort-firm"
              name="organisationId"
              required
              defaultValue=""
              aria-invalid={errors?.length ? true : undefined}
              aria-describedby={errors?.length ? 'cohort-firm-error' : undefined}
              className={filterFieldClass}
            >
              <option value="">{t('cohorts.picker.choose')}</option>
              {picker.firms.map((firm) => (
                <option key={firm.id} value={firm.id}>
                  {firm.name} — {firm.revenueBand ? t(`revenueBand.${firm.revenueBand}`) : t('cohorts.detail.noBand')}
                </option>
              ))}
            </select>
            <FormErrors id="cohort-firm-error" errors={errors} />
          </div>
          <Button type="submit">{t('cohorts.picker.add')}</Button>
        </Form>
      )}
      {picker.more ? <p className="text-sm text-stone-700">{t('cohorts.picker.more', { count: PICKER_LIMIT })}</p> : null}
    </Card>
  )
}

export default function StaffCohortPage() {
  const { cohort, canManage, firms, total, picker, filter, locale, timeZone } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  const result = actionData?.result
  const intent = result && 'initialValue' in result ? result.initialValue?.intent : undefined
  // The edit form and the picker show their own errors; the others (remove, archive, a refused intent) here.
  const generalErrors = result && intent !== 'update' && intent !== 'add' ? Object.values(result.error ?? {}).flat() : undefined
  return (
    <div className="space-y-6">
      <CohortHeader cohort={cohort} locale={locale} back={{ to: '/staff/cohorts', label: t('cohorts.detail.back') }} />
      {cohort.archivedAt ? <Alert tone="warning">{t('cohorts.detail.archivedNotice')}</Alert> : null}
      <FormErrors errors={generalErrors} />
      <Card className="space-y-3">
        <h2 className="text-lg font-semibold">{t('cohorts.detail.overall')}</h2>
        <p className="text-sm text-stone-700">
          {t('cohorts.detail.targetPerFirm', { value: formatEur(cohort.targetEur, locale), pilots: t('cohorts.detail.pilotsTarget', { count: cohort.targetPilots }) })}
        </p>
        <div className="grid gap-4 sm:grid-cols-2">
          <div>
            <h3 className="text-sm font-medium">{t('cohorts.detail.overallValue')}</h3>
            <ProgressBar progress={total.value} label={t('cohorts.progress.valueLabel', { name: cohort.name })} text={valueText(t, locale, total.value)} />
          </div>
          <div>
            <h3 className="text-sm font-medium">{t('cohorts.detail.overallPilots')}</h3>
            <ProgressBar progress={total.pilotsProgress} label={t('cohorts.progress.pilotsLabel', { name: cohort.name })} text={pilotsText(t, total.pilotsProgress)} />
          </div>
        </div>
      </Card>
      <section className="space-y-3">
        <h2 className="text-lg font-semibold">{t('cohorts.detail.firmsTitle')}</h2>
        <p className="max-w-3xl text-sm text-stone-700">{t('cohorts.detail.firmsIntro')}</p>
        <CsvLinks />
        {firms.length === 0 ? (
          <EmptyState title={t('cohorts.detail.empty')}>{canManage ? t('cohorts.detail.emptyHint') : null}</EmptyState>
        ) : (
          <Card className="overflow-x-auto p-0">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">{t('cohorts.detail.firmsCaption')}</caption>
              <thead className="bg-stone-50 text-stone-700">
                <tr>
                  <th scope="col" className="px-3 py-2">{t('cohorts.detail.columns.firm')}</th>
                  <th scope="col" className="px-3 py-2">{t('cohorts.detail.columns.applications')}</th>
                  <th scope="col" className="px-3 py-2">{t('cohorts.detail.columns.shortlisted')}</th>
                  <th scope="col" className="px-3 py-2">{t('cohorts.detail.columns.pilots')}</th>
                  <th scope="col" className="px-3 py-2">{t('cohorts.detail.columns.contracts')}</th>
                  <th scope="col" className="px-3 py-2">{t('cohorts.detail.columns.value')}</th>
                  <th scope="col" className="px-3 py-2">{t('cohorts.detail.columns.lastActivity')}</th>
                  {canManage ? <th scope="col" className="px-3 py-2">{t('cohorts.detail.columns.actions')}</th> : null}
                </tr>
              </thead>
              <tbody className="divide-y divide-stone-200">
                {firms.map((firm) => (
                  <tr key={firm.id}>
                    <th scope="row" className="px-3 py-2 text-left font-normal">
                      <Link to={`/staff/organisations/${firm.id}`} className="font-medium text-brand-700 underline">
                        {firm.name}
                      </Link>
                      <p className="text-xs text-stone-700">{firm.revenueBand ? t(`revenueBand.${firm.revenueBand}`) : t('cohorts.detail.noBand')}</p>
                    </th>
                    <td className="px-3 py-2">{firm.applications}</td>
                    <td className="px-3 py-2">{firm.shortlisted}</td>
                    <td className="px-3 py-2">
                      <ProgressBar progress={firm.pilotsProgress} label={t('cohorts.progress.pilotsLabel', { name: firm.name })} text={pilotsText(t, firm.pilotsProgress)} />
                    </td>
                    <td className="px-3 py-2">{firm.contracts}</td>
                    <td className="px-3 py-2">
                      <ProgressBar progress={firm.value} label={t('cohorts.progress.valueLabel', { name: firm.name })} text={valueText(t, locale, firm.value)} />
                    </td>
                    <td className="px-3 py-2">{firm.lastActivity ? formatDate(firm.lastActivity, locale, { timeZone }) : t('cohorts.detail.noActivity')}</td>
                    {canManage ? (
                      <td className="px-3 py-2">
                        <Form method="post">
                          <input type="hidden" name="intent" value="remove" />
                          <input type="hidden" name="organisationId" value={firm.id} />
                          <Button type="submit" size="sm" variant="secondary" aria-label={t('cohorts.detail.removeLabel', { name: firm.name })}>
                            {t('cohorts.detail.remove')}
                          </Button>
                        </Form>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </Card>
        )}
      </section>
      {canManage && picker ? <FirmPicker picker={picker} filter={filter} /> : null}
      {canManage ? <EditCohortForm cohort={cohort} /> : null}
      {canManage ? (
        <Card className="space-y-2">
          <p className="text-sm text-stone-700">{t('cohorts.detail.archiveHint')}</p>
          <Form method="post">
            <input type="hidden" name="intent" value="archive" />
            <Button type="submit" variant="danger">
              {t('cohorts.detail.archive')}
            </Button>
          </Form>
        </Card>
      ) : null}
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
