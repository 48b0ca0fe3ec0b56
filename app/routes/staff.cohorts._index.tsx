import { getFormProps, getSelectProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type TypedResponse } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { CohortFields, CohortPhaseBadge, cohortDates, pilotsText, ProgressBar, valueText } from '#app/components/cohorts'
import { CsvLinks } from '#app/components/console'
import { GeneralErrorBoundary } from '#app/components/error-boundary'
import { Button } from '#app/components/ui/button'
import { Card, EmptyState, PageHeader } from '#app/components/ui/card'
import { FormErrors, SelectField } from '#app/components/ui/field'
import { createCohortSchema } from '#app/modules/cohorts/schema'
import { cohortHubsFor, createCohort, listCohortsForStaff, requireCohortCreator } from '#app/modules/cohorts/service.server'
import { csvRequest, csvResponse } from '#app/utils/csv.server'
import { readFormData, singleValue } from '#app/utils/form.server'
import { getRequestLocale, getRequestT } from '#app/utils/i18n.server'
import { titleMeta } from '#app/utils/meta'
import { handle, invalidFormResult, replyWithAppError } from '#app/utils/route.server'
import { requireActor } from '#app/utils/session.server'
import { redirectWithToast } from '#app/utils/toast.server'

export const meta = titleMeta

/** Staff: the cohorts of their hubs, each with its value won and pilots against the overall target; `?format=csv`. */
export async function loader(args: LoaderFunctionArgs) {
  return handle(args, async ({ request, context }) => {
    const actor = await requireActor(request)
    const [cohorts, hubs, t, locale] = await Promise.all([listCohortsForStaff(actor), cohortHubsFor(actor), getRequestT(request), getRequestLocale(request)])
    const csv = csvRequest(new URL(request.url))
    if (csv) {
      type Row = (typeof cohorts)[number]
      const day = (value: Date | null) => (value ? value.toISOString().slice(0, 10) : null)
      const file = await csvResponse<Row>({
        request,
        actor,
        table: 'cohorts',
        separator: csv.separator,
        hubId: hubs.length === 1 ? hubs[0]!.id : null,
        requestId: context.requestId,
        rows: cohorts,
        columns: [
          { header: t('cohorts.csv.name'), value: (row) => row.name },
          { header: t('cohorts.csv.hub'), value: (row) => row.hubName },
          { header: t('cohorts.csv.programme'), value: (row) => row.programme },
          { header: t('cohorts.csv.year'), value: (row) => row.year },
          { header: t('cohorts.csv.startsOn'), value: (row) => day(row.startsOn) },
          { header: t('cohorts.csv.endsOn'), value: (row) => day(row.endsOn) },
          { header: t('cohorts.csv.phase'), value: (row) => t(`cohorts.phase.${row.phase}`) },
          { header: t('cohorts.csv.firms'), value: (row) => row.firms },
          { header: t('cohorts.csv.wonEur'), value: (row) => row.wonEur },
          { header: t('cohorts.csv.targetEur'), value: (row) => row.value.target },
          { header: t('cohorts.csv.share'), value: (row) => Math.round(row.value.share * 10_000) / 10_000 },
          { header: t('cohorts.csv.pilots'), value: (row) => row.pilots },
          { header: t('cohorts.csv.targetPilots'), value: (row) => row.pilotsProgress.target },
        ],
      })
      // The file, not the page: typed `never` so that the page's data keeps its type.
      return file as TypedResponse<never>
    }
    return json({ title: t('cohorts.title'), locale, cohorts, hubs, year: new Date().getUTCFullYear() })
  })
}

export async function action(args: ActionFunctionArgs) {
  return handle(args, async ({ request, context }) => {
    const actor = await requireActor(request)
    const formData = await readFormData(request)
    requireCohortCreator(actor, singleValue(formData, 'hubId'))
    if (singleValue(formData, 'intent') !== 'create') return json({ result: invalidFormResult() }, { status: 400 })
    const submission = parseWithZod(formData, { schema: createCohortSchema })
    // Bad input: the messages next to the fields, nothing written.
    if (submission.status !== 'success') return json({ result: submission.reply() }, { status: 422 })
    try {
      const cohort = await createCohort(actor, submission.value, context.requestId)
      return redirectWithToast(`/staff/cohorts/${cohort.id}`, { messageKey: 'cohorts.created', values: { name: cohort.name } })
    } catch (error) {
      return replyWithAppError(request, submission, error)
    }
  })
}

function CreateCohortForm({ hubs, year }: { hubs: Array<{ id: string; name: string }>; year: number }) {
  const { t } = useTranslation()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const [form, fields] = useForm({
    id: 'create-cohort',
    lastResult: actionData?.result,
    defaultValue: { hubId: hubs[0]?.id ?? '', year: String(year), targetEur: '300000', targetPilots: '2' },
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: createCohortSchema }),
  })
  return (
    <Card className="space-y-4">
      <div>
        <h2 className="text-lg font-semibold">{t('cohorts.form.createTitle')}</h2>
        <p className="text-sm text-stone-700">{t('cohorts.form.createIntro')}</p>
      </div>
      <Form method="post" className="space-y-4" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="create" />
        <FormErrors id={form.errorId} errors={form.errors} />
        {hubs.length > 1 ? (
          <SelectField
            label={t('cohorts.form.hub')}
            errors={fields.hubId.errors}
            selectProps={getSelectProps(fields.hubId)}
            options={hubs.map((hub) => ({ value: hub.id, label: hub.name }))}
          />
        ) : (
          <input type="hidden" name="hubId" value={hubs[0]?.id ?? ''} />
        )}
        <CohortFields fields={fields} />
        <Button type="submit" pending={navigation.state === 'submitting'}>
          {t('cohorts.form.create')}
        </Button>
      </Form>
    </Card>
  )
}

export default function StaffCohortsPage() {
  const { cohorts, hubs, locale, year } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <div className="space-y-6">
      <PageHeader title={t('cohorts.title')} description={t('cohorts.intro')} />
      <CsvLinks />
      {cohorts.length === 0 ? (
        <EmptyState title={t('cohorts.empty')}>{t('cohorts.emptyHint')}</EmptyState>
      ) : (
        <Card className="overflow-x-auto p-0">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">{t('cohorts.caption')}</caption>
            <thead className="bg-stone-50 text-stone-700">
              <tr>
                <th scope="col" className="px-4 py-2">{t('cohorts.columns.name')}</th>
                <th scope="col" className="px-4 py-2">{t('cohorts.columns.dates')}</th>
                <th scope="col" className="px-4 py-2">{t('cohorts.columns.firms')}</th>
                <th scope="col" className="px-4 py-2">{t('cohorts.columns.value')}</th>
                <th scope="col" className="px-4 py-2">{t('cohorts.columns.pilots')}</th>
                <th scope="col" className="px-4 py-2">{t('cohorts.columns.phase')}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-200">
              {cohorts.map((cohort) => (
                <tr key={cohort.id}>
                  <td className="px-4 py-2">
                    <Link to={`/staff/cohorts/${cohort.id}`} className="font-medium text-brand-700 underline">
                      {cohort.name}
                    </Link>
                    <p className="text-xs text-stone-700">{[cohort.programme, hubs.length > 1 ? cohort.hubName : null].filter(Boolean).join(' · ')}</p>
                  </td>
                  <td className="px-4 py-2">{cohortDates(t, locale, cohort)}</td>
                  <td className="px-4 py-2">{t('cohorts.firmsCount', { count: cohort.firms })}</td>
                  <td className="px-4 py-2">
                    <ProgressBar progress={cohort.value} label={t('cohorts.progress.valueLabel', { name: cohort.name })} text={valueText(t, locale, cohort.value)} />
                  </td>
                  <td className="px-4 py-2">
                    <ProgressBar progress={cohort.pilotsProgress} label={t('cohorts.progress.pilotsLabel', { name: cohort.name })} text={pilotsText(t, cohort.pilotsProgress)} />
                  </td>
                  <td className="px-4 py-2">
                    <CohortPhaseBadge phase={cohort.phase} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      )}
      {hubs.length > 0 ? <CreateCohortForm hubs={hubs} year={year} /> : null}
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
