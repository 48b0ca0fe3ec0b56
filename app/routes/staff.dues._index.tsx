import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type TypedResponse } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { CsvLinks } from '#app/components/console'
import { DuesStandingBadge, DuesStatusBadge } from '#app/components/dues-standing'
import { GeneralErrorBoundary } from '#app/components/error-boundary'
import { Button, LinkButton } from '#app/components/ui/button'
import { Alert, Card, EmptyState, PageHeader } from '#app/components/ui/card'
import { CheckboxField, Field, FormErrors } from '#app/components/ui/field'
import { FilterSelect } from '#app/components/ui/filter'
import { formatDate } from '#app/i18n/format'
import { DUES_FILTERS, duesSettingsSchema, GRACE_DAYS_MAX, parseDuesFilters, REMINDER_DAYS } from '#app/modules/billing/dues-schema'
import { chooseDuesHub, listDuesStandings, requireDuesAdmin, updateDuesSettings } from '#app/modules/billing/standings.server'
import { mayAct } from '#app/modules/billing/standing'
import { csvRequest, csvResponse } from '#app/utils/csv.server'
import { readFormData, singleValue } from '#app/utils/form.server'
import { getRequestLocale, getRequestT } from '#app/utils/i18n.server'
import { titleMeta } from '#app/utils/meta'
import { handle, invalidFormResult, replyWithAppError } from '#app/utils/route.server'
import { requireActor } from '#app/utils/session.server'
import { redirectWithToast } from '#app/utils/toast.server'

export const meta = titleMeta

/**
 * Staff: the dues of their hub's members (status, plan, period and grace ends, waiver), filtered
 * by status, paged, `?format=csv`; the hub's dues settings for its administrators (decision 0032).
 */
export async function loader(args: LoaderFunctionArgs) {
  return handle(args, async ({ request, context }) => {
    const actor = await requireActor(request)
    const url = new URL(request.url)
    const filters = parseDuesFilters(url.searchParams)
    const [{ hub, hubs, canEdit, duesEnabled }, t, locale] = await Promise.all([chooseDuesHub(actor, filters.hubId), getRequestT(request), getRequestLocale(request)])
    const csv = csvRequest(url)
    if (csv) {
      const { rows } = await listDuesStandings(hub, filters, { all: true })
      type Row = (typeof rows)[number]
      const day = (value: Date | null | undefined) => (value ? value.toISOString().slice(0, 10) : null)
      const file = await csvResponse<Row>({
        request,
        actor,
        table: 'dues',
        separator: csv.separator,
        hubId: hub.id,
        requestId: context.requestId,
        rows,
        columns: [
          { header: t('dues.staff.csv.organisation'), value: (row) => row.name },
          { header: t('dues.staff.csv.siren'), value: (row) => row.siren },
          { header: t('dues.staff.csv.kind'), value: (row) => t(`dues.staff.kind.${row.kind}`) },
          { header: t('dues.staff.csv.plan'), value: (row) => row.plan },
          { header: t('dues.staff.csv.status'), value: (row) => t(`dues.status.${row.status}`) },
          { header: t('dues.staff.csv.periodEnd'), value: (row) => day(row.currentPeriodEnd) },
          { header: t('dues.staff.csv.cancelAtPeriodEnd'), value: (row) => (row.cancelAtPeriodEnd ? t('dues.staff.yes') : t('dues.staff.no')) },
          { header: t('dues.staff.csv.graceEnd'), value: (row) => day(row.graceEndsAt) },
          { header: t('dues.staff.csv.waivedUntil'), value: (row) => (row.waiver ? (day(row.waiver.until) ?? t('dues.staff.waivedForever')) : null) },
          { header: t('dues.staff.csv.waiverReason'), value: (row) => row.waiver?.reason ?? null },
          { header: t('dues.staff.csv.standing'), value: (row) => (mayAct(row.standing) ? t('dues.staff.yes') : t('dues.staff.no')) },
        ],
      })
      return file as TypedResponse<never>
    }
    const list = await listDuesStandings(hub, filters)
    return json({
      title: t('dues.staff.title'),
      locale,
      hub,
      hubs,
      canEdit,
      duesEnabled,
      page: filters.page,
      ...list,
    })
  })
}

export async function action(args: ActionFunctionArgs) {
  return handle(args, async ({ request, context }) => {
    const actor = await requireActor(request)
    const formData = await readFormData(request)
    // Only the hub's administrators: refused before the form is read.
    requireDuesAdmin(actor, singleValue(formData, 'hubId') ?? null)
    if (singleValue(formData, 'intent') !== 'settings') return json({ result: invalidFormResult() }, { status: 400 })
    const submission = parseWithZod(formData, { schema: duesSettingsSchema })
    if (submission.status !== 'success') return json({ result: submission.reply() }, { status: 422 })
    try {
      await updateDuesSettings(actor, submission.value, context.requestId)
      return redirectWithToast(`/staff/dues?hub=${encodeURIComponent(submission.value.hubId)}`, { messageKey: 'dues.settings.saved' })
    } catch (error) {
      return replyWithAppError(request, submission, error)
    }
  })
}

function SettingsForm() {
  const { hub } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const { t } = useTranslation()
  const [form, fields] = useForm({
    id: `dues-settings-${hub.id}`,
    lastResult: actionData?.result,
    defaultValue: {
      requiresDues: hub.requiresDues ? 'on' : undefined,
      duesGraceDays: String(hub.duesGraceDays),
      duesReminderDays: String(hub.duesReminderDays),
    },
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: duesSettingsSchema }),
  })
  const { type: _type, ...checkbox } = getInputProps(fields.requiresDues, { type: 'checkbox' })
  return (
    <Form method="post" className="space-y-4" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="settings" />
      <input type="hidden" name="hubId" value={hub.id} />
      <FormErrors id={form.errorId} errors={form.errors} />
      <CheckboxField label={t('dues.settings.requiresDues')} hint={t('dues.settings.requiresDuesHint')} errors={fields.requiresDues.errors} inputProps={checkbox} />
      <div className="grid gap-3 sm:grid-cols-2">
        <Field
          label={t('dues.settings.graceDays')}
          hint={t('dues.settings.graceDaysHint')}
          errors={fields.duesGraceDays.errors}
          inputProps={{ ...getInputProps(fields.duesGraceDays, { type: 'number' }), min: 0, max: GRACE_DAYS_MAX, className: 'max-w-32' }}
        />
        <Field
          label={t('dues.settings.reminderDays')}
          hint={t('dues.settings.reminderDaysHint')}
          errors={fields.duesReminderDays.errors}
          inputProps={{ ...getInputProps(fields.duesReminderDays, { type: 'number' }), min: REMINDER_DAYS.min, max: REMINDER_DAYS.max, className: 'max-w-32' }}
        />
      </div>
      <Button type="submit" pending={navigation.state === 'submitting'}>
        {t('dues.settings.save')}
      </Button>
    </Form>
  )
}

export default function StaffDuesPage() {
  const { hub, hubs, canEdit, duesEnabled, rows, total, page, pages, locale } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const [searchParams] = useSearchParams()
  const day = (value: string | null) => (value ? formatDate(value, locale) : '—')
  const pageHref = (to: number) => {
    const params = new URLSearchParams(searchParams)
    params.set('page', String(to))
    return `?${params}`
  }
  return (
    <div className="space-y-6">
      <PageHeader
        title={t('dues.staff.title')}
        description={t('dues.staff.intro')}
        actions={
          <LinkButton to={`/staff/dues/plans?hub=${encodeURIComponent(hub.id)}`} size="sm" variant="secondary">
            {t('dues.staff.plansLink')}
          </LinkButton>
        }
      />
      {!duesEnabled ? <Alert tone="info">{t('dues.staff.disabled')}</Alert> : !hub.requiresDues ? <Alert tone="info">{t('dues.staff.notRequired')}</Alert> : null}
      <Card className="space-y-3">
        <div>
          <h2 className="text-lg font-semibold">{t('dues.settings.title')}</h2>
          <p className="text-sm text-stone-700">
            {t('dues.settings.summary', {
              required: hub.requiresDues ? t('dues.settings.required') : t('dues.settings.notRequired'),
              grace: hub.duesGraceDays,
              reminder: hub.duesReminderDays,
            })}
          </p>
          <p className="text-sm text-stone-700">{canEdit ? t('dues.settings.intro') : t('dues.settings.readOnly')}</p>
        </div>
        {canEdit ? <SettingsForm key={hub.id} /> : null}
      </Card>
      <Form method="get" className="flex flex-wrap items-end gap-3" aria-label={t('dues.staff.filters.legend')}>
        {hubs.length > 1 ? (
          <div>
            <label htmlFor="dues-hub" className="block text-sm font-medium text-stone-800">
              {t('dues.staff.hub')}
            </label>
            <select id="dues-hub" name="hub" defaultValue={hub.id} className="mt-1 block rounded-md border-0 px-3 py-2 text-sm ring-1 ring-inset ring-stone-300">
              {hubs.map((option) => (
                <option key={option.id} value={option.id}>
                  {option.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <FilterSelect
          id="dues-status"
          name="status"
          label={t('dues.staff.filters.status')}
          anyLabel={t('dues.staff.filters.all')}
          options={DUES_FILTERS.map((value) => ({ value, label: value === 'WAIVED' ? t('dues.staff.filters.WAIVED') : t(`dues.status.${value}`) }))}
        />
        <Button type="submit" variant="secondary">
          {t('dues.staff.filters.apply')}
        </Button>
      </Form>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-stone-700">{t('dues.staff.total', { count: total })}</p>
        <CsvLinks />
      </div>
      {rows.length === 0 ? (
        <EmptyState title={t('dues.staff.empty')} />
      ) : (
        <Card className="overflow-x-auto p-0">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">{t('dues.staff.caption')}</caption>
            <thead className="bg-stone-50 text-stone-700">
              <tr>
                {(['organisation', 'kind', 'plan', 'status', 'periodEnd', 'graceEnd', 'waiver', 'standing'] as const).map((column) => (
                  <th key={column} scope="col" className="px-4 py-2">
                    {t(`dues.staff.columns.${column}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-200">
              {rows.map((row) => (
                <tr key={row.id}>
                  <td className="px-4 py-2">
                    <Link to={`/staff/dues/organisations/${row.id}`} className="font-medium text-brand-700 underline">
                      {row.name}
                    </Link>
                  </td>
                  <td className="px-4 py-2">{t(`dues.staff.kind.${row.kind}`)}</td>
                  <td className="px-4 py-2">{row.plan ?? t('dues.staff.noPlan')}</td>
                  <td className="px-4 py-2">
                    <DuesStatusBadge status={row.status} />
                    {row.cancelAtPeriodEnd ? <p className="text-xs text-stone-700">{t('dues.staff.cancelAtPeriodEnd')}</p> : null}
                  </td>
                  <td className="px-4 py-2">{day(row.currentPeriodEnd)}</td>
                  <td className="px-4 py-2">{day(row.graceEndsAt)}</td>
                  <td className="px-4 py-2">
                    {row.waiver ? (
                      <span title={row.waiver.reason}>{row.waiver.until ? t('dues.staff.waivedUntil', { day: formatDate(row.waiver.until, locale, { timeZone: 'UTC' }) }) : t('dues.staff.waivedForever')}</span>
                    ) : (
                      '—'
                    )}
                  </td>
                  <td className="px-4 py-2">
                    <DuesStandingBadge standing={row.standing} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      )}
      {pages > 1 ? (
        <nav className="flex items-center gap-4 text-sm" aria-label={t('dues.staff.page', { page, pages })}>
          {page > 1 ? (
            <Link to={pageHref(page - 1)} className="font-medium text-brand-700 underline">
              {t('dues.staff.previous')}
            </Link>
          ) : null}
          <span>{t('dues.staff.page', { page, pages })}</span>
          {page < pages ? (
            <Link to={pageHref(page + 1)} className="font-medium text-brand-700 underline">
              {t('dues.staff.next')}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
