import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '#app/components/error-boundary'
import { Button } from '#app/components/ui/button'
import { Alert, Badge, Card, EmptyState, PageHeader } from '#app/components/ui/card'
import { Field, FormErrors } from '#app/components/ui/field'
import { formatDate } from '#app/i18n/format'
import { translateKey } from '#app/i18n/translate'
import { startCheckout } from '#app/modules/billing/checkout.server'
import { formatCents } from '#app/modules/billing/money'
import { loadBillingPage } from '#app/modules/billing/page.server'
import { openBillingPortal } from '#app/modules/billing/portal.server'
import { checkoutSchema, portalSchema } from '#app/modules/billing/schema'
import { readFormData, singleValue } from '#app/utils/form.server'
import { getRequestLocale, getRequestT } from '#app/utils/i18n.server'
import { titleMeta } from '#app/utils/meta'
import { appErrorReply, handle, invalidFormResult, requireParam } from '#app/utils/route.server'
import { requireActor } from '#app/utils/session.server'

export const meta = titleMeta

/** The organisation's dues (decision 0030): owners and administrators manage, its hub's staff read, others 404. */
export async function loader(args: LoaderFunctionArgs) {
  return handle(args, async ({ request, params }) => {
    const actor = await requireActor(request)
    const page = await loadBillingPage(actor, requireParam(params, 'slug'))
    const t = await getRequestT(request)
    return json({ title: `${t('billing.page.title')} · ${page.organisation.name}`, locale: await getRequestLocale(request), ...page })
  })
}

/** Pay (a Checkout Session) or manage (the Billing Portal): both answer 303 to Stripe's page. */
export async function action(args: ActionFunctionArgs) {
  return handle(args, async ({ request, params, context }) => {
    const actor = await requireActor(request)
    const slug = requireParam(params, 'slug')
    const formData = await readFormData(request)
    const intent = singleValue(formData, 'intent')
    if (intent !== 'checkout' && intent !== 'portal') {
      // Refused as the page would be (404 to those who may not see it) before the form is judged.
      await loadBillingPage(actor, slug)
      return json({ intent: null, result: invalidFormResult() }, { status: 400 })
    }
    const submission = intent === 'checkout' ? parseWithZod(formData, { schema: checkoutSchema }) : parseWithZod(formData, { schema: portalSchema })
    if (submission.status !== 'success') {
      await loadBillingPage(actor, slug)
      return json({ intent, result: submission.reply() }, { status: 400 })
    }
    try {
      const { url } =
        submission.value.intent === 'checkout' ? await startCheckout(actor, slug, submission.value, context.requestId) : await openBillingPortal(actor, slug)
      return redirect(url, { status: 303, headers: { 'Cache-Control': 'no-store' } })
    } catch (error) {
      const { result, status } = await appErrorReply(request, submission, error)
      return json({ intent, result }, { status })
    }
  })
}

type PageData = ReturnType<typeof useLoaderData<typeof loader>>

function StatusLine({ status, locale }: { status: PageData['status']; locale: string }) {
  const { t } = useTranslation()
  switch (status.kind) {
    case 'active':
      return <>{status.until ? t('billing.page.status.active', { date: formatDate(status.until, locale) }) : t('billing.page.status.activeNoDate')}</>
    case 'ending':
      return <>{status.on ? t('billing.page.status.ending', { date: formatDate(status.on, locale) }) : t('billing.page.status.endingNoDate')}</>
    case 'late':
      return <>{t('billing.page.status.late', { date: formatDate(status.graceUntil, locale) })}</>
    case 'canceled':
      return <>{t('billing.page.status.canceled')}</>
    default:
      return <>{t('billing.page.status.none')}</>
  }
}

const STATUS_TONE = { none: 'neutral', active: 'success', ending: 'warning', late: 'danger', canceled: 'neutral' } as const

/** What the hub's gate says of the organisation (membershipStanding): the sentence's key and values. */
function standingSentence(standing: PageData['standing'], hubRequiresDues: boolean, locale: string): { key: string; values?: Record<string, string> } | null {
  if (standing.gate === 'off') return hubRequiresDues ? null : { key: 'billing.page.standing.notRequired' }
  if (standing.gate === 'open') {
    if (standing.reason === 'active') return { key: 'billing.page.standing.active' }
    if (standing.reason === 'waived') return { key: 'billing.page.standing.waived' }
    return { key: 'billing.page.standing.grace', values: { date: formatDate(standing.graceEndsAt, locale) } }
  }
  if (standing.reason === 'grace-over' && standing.graceEndedAt) return { key: 'billing.page.standing.graceOver', values: { date: formatDate(standing.graceEndedAt, locale) } }
  if (standing.reason === 'canceled') return { key: 'billing.page.standing.canceled' }
  return { key: 'billing.page.standing.required' }
}

function PayForm() {
  const { offers, billingEmail, locale } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const { t } = useTranslation()
  const [form, fields] = useForm({
    id: 'billing-checkout',
    lastResult: actionData?.intent === 'checkout' ? actionData.result : undefined,
    defaultValue: { billingEmail: billingEmail ?? '', interval: offers[0]?.interval },
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: checkoutSchema }),
  })
  return (
    <Form method="post" className="space-y-4" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="checkout" />
      <FormErrors id={form.errorId} errors={form.errors} />
      {offers.length > 1 ? (
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium text-stone-800">{t('billing.pay.interval')}</legend>
          {offers.map((offer) => (
            <label key={offer.id} className="flex items-center gap-2 text-sm">
              <input type="radio" name={fields.interval.name} value={offer.interval} defaultChecked={offer.interval === offers[0]!.interval} className="size-4 text-brand-700" />
              <span>{`${offer.name} — ${t(`billing.perInterval.${offer.interval}`, { amount: formatCents(offer.amountCents, locale) })}`}</span>
            </label>
          ))}
        </fieldset>
      ) : (
        <input type="hidden" name={fields.interval.name} value={offers[0]?.interval} />
      )}
      <Field
        label={t('billing.pay.billingEmail')}
        hint={t('billing.pay.billingEmailHint')}
        errors={fields.billingEmail.errors}
        inputProps={{ ...getInputProps(fields.billingEmail, { type: 'email' }), autoComplete: 'email', maxLength: 254 }}
      />
      <p className="text-sm text-stone-700">{t('billing.pay.intro')}</p>
      <Button type="submit" pending={navigation.state === 'submitting' && navigation.formData?.get('intent') === 'checkout'}>
        {t('billing.pay.submit')}
      </Button>
    </Form>
  )
}

function PortalForm() {
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const { t } = useTranslation()
  const errors = actionData?.intent === 'portal' ? actionData.result.error?.[''] : undefined
  return (
    <Form method="post" className="space-y-3">
      <input type="hidden" name="intent" value="portal" />
      <FormErrors errors={errors} />
      <p className="text-sm text-stone-700">{t('billing.portal.body')}</p>
      <Button type="submit" variant="secondary" pending={navigation.state === 'submitting' && navigation.formData?.get('intent') === 'portal'}>
        {t('billing.portal.submit')}
      </Button>
    </Form>
  )
}

export default function OrganisationBillingPage() {
  const data = useLoaderData<typeof loader>()
  const { organisation, hubName, view, duesEnabled, status, waiver, standing, hubRequiresDues, currentPlan, offers, invoices, canPay, canOpenPortal, locale } = data
  const actionData = useActionData<typeof action>()
  const [searchParams] = useSearchParams()
  const { t } = useTranslation()
  const checkout = searchParams.get('checkout')
  const sentence = duesEnabled ? standingSentence(standing, hubRequiresDues, locale) : null
  const unknownIntentErrors = actionData && actionData.intent === null ? actionData.result.error?.[''] : undefined
  return (
    <div className="space-y-6">
      <PageHeader
        title={t('billing.page.title')}
        description={t('billing.page.intro', { organisation: organisation.name, hub: hubName })}
        actions={
          <Link to={`/orgs/${organisation.slug}`} className="font-semibold text-brand-700 underline">
            {t('billing.page.backToOrganisation')}
          </Link>
        }
      />
      {checkout === 'success' ? (
        <Alert tone="success" title={t('billing.page.checkout.successTitle')}>
          <p>{t('billing.page.checkout.successBody')}</p>
          <p className="mt-1">
            <Link to={`/orgs/${organisation.slug}/billing`} reloadDocument className="font-semibold underline">
              {t('billing.page.checkout.reload')}
            </Link>
          </p>
        </Alert>
      ) : checkout === 'canceled' ? (
        <Alert tone="info" title={t('billing.page.checkout.canceledTitle')}>
          {t('billing.page.checkout.canceledBody')}
        </Alert>
      ) : null}
      {view === 'staff' ? <Alert tone="info">{t('billing.page.staffReadOnly')}</Alert> : null}
      <FormErrors errors={unknownIntentErrors} />
      {!duesEnabled ? <Alert tone="info">{t('billing.page.duesOff')}</Alert> : null}

      <Card className="space-y-3">
        <h2 className="text-lg font-semibold">{t('billing.page.statusTitle')}</h2>
        <p className="flex flex-wrap items-center gap-2">
          <Badge tone={STATUS_TONE[status.kind]}>{t(`billing.page.statusBadge.${status.kind}`)}</Badge>
          <span>
            <StatusLine status={status} locale={locale} />
          </span>
        </p>
        {waiver ? (
          <p className="text-sm">
            {waiver.until ? t('billing.page.waivedUntil', { date: formatDate(waiver.until, locale), reason: waiver.reason }) : t('billing.page.waived', { reason: waiver.reason })}
          </p>
        ) : null}
        {sentence ? <p className="text-sm font-medium text-stone-800">{translateKey(t, sentence.key, sentence.values)}</p> : null}
        {currentPlan ? (
          <div className="text-sm">
            <p>
              <span className="font-medium">{t('billing.page.planTitle')}</span>{' '}
              {`${currentPlan.name} — ${t(`billing.perInterval.${currentPlan.interval}`, { amount: formatCents(currentPlan.amountCents, locale) })}`}
            </p>
            {status.kind === 'active' && status.until ? <p>{t('billing.page.renewal', { date: formatDate(status.until, locale) })}</p> : null}
          </div>
        ) : null}
        {canOpenPortal ? <PortalForm /> : null}
      </Card>

      {duesEnabled && !currentPlan ? (
        <Card className="space-y-3">
          <h2 className="text-lg font-semibold">{t('billing.page.offerTitle')}</h2>
          {offers.length === 0 ? (
            <EmptyState title={t('billing.page.noPlan')} />
          ) : (
            <>
              <ul className="text-sm">
                {offers.map((offer) => (
                  <li key={offer.id}>{`${offer.name} — ${t(`billing.perInterval.${offer.interval}`, { amount: formatCents(offer.amountCents, locale) })}`}</li>
                ))}
              </ul>
              {canPay && checkout === 'success' ? (
                // Back from paying, before the webhook is processed: no second payment offered.
                <p className="text-sm font-medium text-stone-800">{t('billing.pay.pending')}</p>
              ) : canPay ? (
                <PayForm />
              ) : view === 'manager' && organisation.status !== 'VERIFIED' ? (
                <p className="text-sm text-stone-700">{t('billing.pay.notVerified')}</p>
              ) : null}
            </>
          )}
        </Card>
      ) : null}

      <Card className="space-y-3">
        <h2 className="text-lg font-semibold">{t('billing.page.invoicesTitle')}</h2>
        {invoices.length === 0 ? (
          <EmptyState title={t('billing.page.invoicesEmpty')} />
        ) : (
          <div className="overflow-x-auto">
            <table className="min-w-full text-left text-sm">
              <caption className="sr-only">{t('billing.page.invoicesCaption')}</caption>
              <thead className="border-b border-stone-200 text-stone-600">
                <tr>
                  <th scope="col" className="py-2 pr-3 font-medium">{t('billing.page.invoiceColumns.number')}</th>
                  <th scope="col" className="py-2 pr-3 font-medium">{t('billing.page.invoiceColumns.date')}</th>
                  <th scope="col" className="py-2 pr-3 font-medium">{t('billing.page.invoiceColumns.amount')}</th>
                  <th scope="col" className="py-2 pr-3 font-medium">{t('billing.page.invoiceColumns.status')}</th>
                  <th scope="col" className="py-2 font-medium">{t('billing.page.invoiceColumns.links')}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-stone-200">
                {invoices.map((invoice) => {
                  const number = invoice.number ?? t('billing.page.noNumber')
                  return (
                    <tr key={invoice.id}>
                      <th scope="row" className="py-2 pr-3 font-medium text-stone-900">{number}</th>
                      <td className="py-2 pr-3">{formatDate(invoice.issuedAt, locale)}</td>
                      <td className="py-2 pr-3">
                        {formatCents(invoice.amountDueCents, locale, invoice.currency)}
                        {invoice.refunded ? <span className="block text-stone-700">{t('billing.page.refunded', { amount: formatCents(invoice.amountRefundedCents, locale, invoice.currency) })}</span> : null}
                      </td>
                      <td className="py-2 pr-3">
                        <Badge tone={invoice.status === 'paid' ? 'success' : invoice.status === 'open' ? 'warning' : 'neutral'}>
                          {t(`billing.page.invoiceStatus.${invoice.status}`, { defaultValue: invoice.status })}
                        </Badge>
                      </td>
                      <td className="space-x-3 py-2">
                        {invoice.hostedInvoiceUrl ? (
                          <a href={invoice.hostedInvoiceUrl} rel="noreferrer noopener" target="_blank" className="font-semibold text-brand-700 underline" aria-label={t('billing.page.viewInvoiceLabel', { number })}>
                            {t('billing.page.viewInvoice')}
                          </a>
                        ) : null}
                        {invoice.invoicePdfUrl ? (
                          <a href={invoice.invoicePdfUrl} rel="noreferrer noopener" className="font-semibold text-brand-700 underline" aria-label={t('billing.page.pdfLabel', { number })}>
                            {t('billing.page.pdf')}
                          </a>
                        ) : null}
                      </td>
                    </tr>
                  )
                })}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
