import { getFormProps, getInputProps, getSelectProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '#app/components/error-boundary'
import { Button } from '#app/components/ui/button'
import { Alert, Badge, Card, EmptyState, PageHeader } from '#app/components/ui/card'
import { Field, FormErrors, SelectField } from '#app/components/ui/field'
import { filterFieldClass } from '#app/components/ui/filter'
import { formatDate } from '#app/i18n/format'
import { centsToInput, formatCents } from '#app/modules/billing/money'
import { archivePlan, choosePlansHub, createPlan, loadPlansPage, updatePlan } from '#app/modules/billing/plans.server'
import { ANY_BAND, archivePlanSchema, createPlanSchema, PLAN_INTERVALS, PLAN_KINDS, updatePlanSchema } from '#app/modules/billing/schema'
import { revenueBands } from '#app/modules/organisations/schema'
import { readFormData, singleValue } from '#app/utils/form.server'
import { getRequestLocale, getRequestT } from '#app/utils/i18n.server'
import { titleMeta } from '#app/utils/meta'
import { appErrorReply, handle, invalidFormResult } from '#app/utils/route.server'
import { requireActor } from '#app/utils/session.server'
import { redirectWithToast } from '#app/utils/toast.server'

export const meta = titleMeta

/** The hub's membership plans: its staff read them, its administrators change them (decision 0030). */
export async function loader(args: LoaderFunctionArgs) {
  return handle(args, async ({ request }) => {
    const actor = await requireActor(request)
    const requested = new URL(request.url).searchParams.get('hub')
    const [page, t, locale] = await Promise.all([loadPlansPage(actor, requested), getRequestT(request), getRequestLocale(request)])
    return json({ title: t('billing.plans.title'), locale, ...page })
  })
}

export async function action(args: ActionFunctionArgs) {
  return handle(args, async ({ request, context }) => {
    const actor = await requireActor(request)
    // Not staff anywhere: refused before reading the form (403).
    choosePlansHub(actor, null)
    const formData = await readFormData(request)
    const intent = singleValue(formData, 'intent')
    const back = (hubId: string) => `/staff/dues/plans?hub=${encodeURIComponent(hubId)}`
    if (intent === 'create') {
      const submission = parseWithZod(formData, { schema: createPlanSchema })
      if (submission.status !== 'success') return json({ planId: null, result: submission.reply() }, { status: 400 })
      try {
        const plan = await createPlan(actor, submission.value, context.requestId)
        return redirectWithToast(back(plan.hubId), { messageKey: 'billing.plans.createdToast', values: { name: plan.name } })
      } catch (error) {
        const { result, status } = await appErrorReply(request, submission, error)
        return json({ planId: null, result }, { status })
      }
    }
    if (intent === 'update' || intent === 'archive') {
      const planId = singleValue(formData, 'planId')
      const submission = intent === 'update' ? parseWithZod(formData, { schema: updatePlanSchema }) : parseWithZod(formData, { schema: archivePlanSchema })
      if (submission.status !== 'success') return json({ planId, result: submission.reply() }, { status: 400 })
      try {
        const plan = submission.value.intent === 'update' ? await updatePlan(actor, submission.value, context.requestId) : await archivePlan(actor, submission.value.planId, context.requestId)
        return redirectWithToast(back(plan.hubId), { messageKey: intent === 'update' ? 'billing.plans.updatedToast' : 'billing.plans.archivedToast', values: { name: plan.name } })
      } catch (error) {
        const { result, status } = await appErrorReply(request, submission, error)
        return json({ planId, result }, { status })
      }
    }
    return json({ planId: null, result: invalidFormResult() }, { status: 400 })
  })
}

type Plan = ReturnType<typeof useLoaderData<typeof loader>>['plans'][number]

function CreatePlanForm() {
  const { hub } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const { t } = useTranslation()
  const [form, fields] = useForm({
    id: `create-plan-${hub.id}`,
    lastResult: actionData && actionData.planId === null ? actionData.result : undefined,
    defaultValue: { orgKind: 'FIRM', revenueBand: ANY_BAND, interval: 'YEAR' },
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: createPlanSchema }),
  })
  return (
    <Form method="post" className="space-y-4" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="create" />
      <input type="hidden" name="hubId" value={hub.id} />
      <FormErrors id={form.errorId} errors={form.errors} />
      <Field label={t('billing.plans.name')} hint={t('billing.plans.nameHint')} errors={fields.name.errors} inputProps={{ ...getInputProps(fields.name, { type: 'text' }), maxLength: 80 }} />
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField
          label={t('billing.plans.orgKind')}
          errors={fields.orgKind.errors}
          selectProps={getSelectProps(fields.orgKind)}
          options={PLAN_KINDS.map((kind) => ({ value: kind, label: t(`orgKind.${kind}`) }))}
        />
        <SelectField
          label={t('billing.plans.revenueBand')}
          hint={t('billing.plans.revenueBandHint')}
          errors={fields.revenueBand.errors}
          selectProps={getSelectProps(fields.revenueBand)}
          options={[{ value: ANY_BAND, label: t('billing.plans.anyBand') }, ...revenueBands.map((band) => ({ value: band, label: t(`revenueBand.${band}`) }))]}
        />
        <SelectField
          label={t('billing.plans.intervalLabel')}
          errors={fields.interval.errors}
          selectProps={getSelectProps(fields.interval)}
          options={PLAN_INTERVALS.map((interval) => ({ value: interval, label: t(`billing.interval.${interval}`) }))}
        />
        <Field
          label={t('billing.plans.amount')}
          hint={t('billing.plans.amountHint')}
          errors={fields.amount.errors}
          inputProps={{ ...getInputProps(fields.amount, { type: 'text' }), inputMode: 'decimal', autoComplete: 'off', className: 'max-w-40' }}
        />
      </div>
      <Button type="submit" pending={navigation.state === 'submitting' && navigation.formData?.get('intent') === 'create'}>
        {t('billing.plans.create')}
      </Button>
    </Form>
  )
}

function EditPlanForm({ plan }: { plan: Plan }) {
  const { locale } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const { t } = useTranslation()
  const mine = actionData?.planId === plan.id
  const [form, fields] = useForm({
    id: `plan-${plan.id}`,
    lastResult: mine && actionData?.result?.initialValue?.intent === 'update' ? actionData.result : undefined,
    defaultValue: { name: plan.name, interval: plan.interval, amount: centsToInput(plan.amountCents, locale) },
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: updatePlanSchema }),
  })
  const pending = navigation.state === 'submitting' && navigation.formData?.get('planId') === plan.id
  const archiveErrors = mine && actionData?.result?.initialValue?.intent === 'archive' ? actionData.result.error?.[''] : undefined
  return (
    <details className="mt-2" open={mine || undefined}>
      <summary className="cursor-pointer text-sm font-semibold text-brand-700 underline">{t('billing.plans.edit')}</summary>
      <div className="mt-3 space-y-4 rounded-md p-3 ring-1 ring-stone-200">
        <Form method="post" className="space-y-3" {...getFormProps(form)} aria-label={t('billing.plans.editTitle', { name: plan.name })}>
          <input type="hidden" name="intent" value="update" />
          <input type="hidden" name="planId" value={plan.id} />
          <FormErrors id={form.errorId} errors={form.errors} />
          <p className="text-sm text-stone-700">{t('billing.plans.kindFixed')}</p>
          <Field label={t('billing.plans.name')} errors={fields.name.errors} inputProps={{ ...getInputProps(fields.name, { type: 'text' }), maxLength: 80 }} />
          <div className="grid gap-3 sm:grid-cols-2">
            <SelectField
              label={t('billing.plans.intervalLabel')}
              errors={fields.interval.errors}
              selectProps={getSelectProps(fields.interval)}
              options={PLAN_INTERVALS.map((interval) => ({ value: interval, label: t(`billing.interval.${interval}`) }))}
            />
            <Field
              label={t('billing.plans.amount')}
              hint={t('billing.plans.amountHint')}
              errors={fields.amount.errors}
              inputProps={{ ...getInputProps(fields.amount, { type: 'text' }), inputMode: 'decimal', autoComplete: 'off' }}
            />
          </div>
          <Button type="submit" size="sm" pending={pending && navigation.formData?.get('intent') === 'update'}>
            {t('billing.plans.save')}
          </Button>
        </Form>
        <Form method="post" className="space-y-2">
          <input type="hidden" name="intent" value="archive" />
          <input type="hidden" name="planId" value={plan.id} />
          <FormErrors errors={archiveErrors} />
          <p className="text-sm text-stone-700">{t('billing.plans.archiveHint')}</p>
          <Button type="submit" size="sm" variant="danger" aria-label={t('billing.plans.archiveLabel', { name: plan.name })} pending={pending && navigation.formData?.get('intent') === 'archive'}>
            {t('billing.plans.archive')}
          </Button>
        </Form>
      </div>
    </details>
  )
}

export default function DuesPlansPage() {
  const { hub, hubs, plans, canEdit, duesEnabled, locale } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <div className="space-y-6">
      <PageHeader
        title={`${t('billing.plans.title')} — ${hub.name}`}
        description={t('billing.plans.intro')}
        actions={
          <Link to="/staff/dues" className="font-semibold text-brand-700 underline">
            {t('billing.plans.backToDues')}
          </Link>
        }
      />
      <Alert tone={duesEnabled ? 'info' : 'warning'}>{duesEnabled ? t('billing.plans.duesOn') : t('billing.plans.duesOff')}</Alert>
      {canEdit ? null : <Alert tone="info">{t('billing.plans.readOnly')}</Alert>}
      {hubs.length > 1 ? (
        <Form method="get" className="flex flex-wrap items-end gap-3">
          <div>
            <label htmlFor="plans-hub" className="block text-sm font-medium text-stone-800">
              {t('billing.plans.choose')}
            </label>
            <select id="plans-hub" name="hub" defaultValue={hub.id} className={filterFieldClass}>
              {hubs.map((choice) => (
                <option key={choice.id} value={choice.id}>
                  {choice.name}
                </option>
              ))}
            </select>
          </div>
          <Button type="submit" size="sm" variant="secondary">
            {t('billing.plans.chooseApply')}
          </Button>
        </Form>
      ) : null}
      <Card className="space-y-3">
        {plans.length === 0 ? (
          <EmptyState title={t('billing.plans.empty')}>{t('billing.plans.emptyHint')}</EmptyState>
        ) : (
          <div className="overflow-x-auto">
            <table className="min-w-full text-left text-sm">
              <caption className="sr-only">{t('billing.plans.caption')}</caption>
              <thead className="border-b border-stone-200 text-stone-600">
                <tr>
                  <th scope="col" className="py-2 pr-3 font-medium">{t('billing.plans.columns.name')}</th>
                  <th scope="col" className="py-2 pr-3 font-medium">{t('billing.plans.columns.kind')}</th>
                  <th scope="col" className="py-2 pr-3 font-medium">{t('billing.plans.columns.band')}</th>
                  <th scope="col" className="py-2 pr-3 font-medium">{t('billing.plans.columns.amount')}</th>
                  <th scope="col" className="py-2 pr-3 font-medium">{t('billing.plans.columns.subscribers')}</th>
                  <th scope="col" className="py-2 font-medium">{t('billing.plans.columns.stripe')}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-stone-200">
                {plans.map((plan) => (
                  <tr key={plan.id} className="align-top">
                    <th scope="row" className="py-2 pr-3 font-medium text-stone-900">
                      {plan.name}
                      {canEdit && !plan.archivedAt ? <EditPlanForm plan={plan} /> : null}
                    </th>
                    <td className="py-2 pr-3">{t(`orgKind.${plan.orgKind}`)}</td>
                    <td className="py-2 pr-3">{plan.orgKind === 'PARTNER' ? t('billing.plans.noBand') : plan.revenueBand ? t(`revenueBand.${plan.revenueBand}`) : t('billing.plans.anyBand')}</td>
                    <td className="py-2 pr-3">{t(`billing.perInterval.${plan.interval}`, { amount: formatCents(plan.amountCents, locale) })}</td>
                    <td className="py-2 pr-3">{plan.subscribers}</td>
                    <td className="py-2">
                      {plan.archivedAt ? (
                        <Badge tone="neutral">{t('billing.plans.stripe.archived', { date: formatDate(plan.archivedAt, locale) })}</Badge>
                      ) : plan.mirrored ? (
                        <Badge tone="success">{t('billing.plans.stripe.mirrored')}</Badge>
                      ) : (
                        <Badge tone="warning">{t('billing.plans.stripe.pending')}</Badge>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
      {canEdit ? (
        <Card className="space-y-4">
          <h2 className="text-lg font-semibold">{t('billing.plans.createTitle')}</h2>
          <CreatePlanForm key={hub.id} />
        </Card>
      ) : null}
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
