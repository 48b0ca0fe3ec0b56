import { getFormProps, getInputProps, getTextareaProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Form, Link, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Button } from '#app/components/ui/button'
import { Badge, Card, type Tone } from '#app/components/ui/card'
import { Field, FormErrors, TextareaField } from '#app/components/ui/field'
import { formatDate } from '#app/i18n/format'
import { waiveSchema } from '#app/modules/billing/dues-schema'

/** The dues of one organisation, as the staff's dues pages read them (`getDuesForStaff`, serialised). */
export interface StaffDues {
  organisation: { id: string; name: string; slug: string; kind: string }
  hub: { name: string; requiresDues: boolean }
  duesEnabled: boolean
  status: 'NONE' | 'ACTIVE' | 'PAST_DUE' | 'CANCELED'
  plan: string | null
  currentPeriodEnd: string | null
  cancelAtPeriodEnd: boolean
  graceEndsAt: string | null
  /** False for staff who are members of the organisation: they read its dues, others decide its waiver. */
  mayWaive: boolean
  waiver: { since: string; until: string | null; reason: string; by: string | null; running: boolean } | null
  standing: { gate: string; reason?: string }
}

const STATUS_TONES: Record<StaffDues['status'], Tone> = { NONE: 'neutral', ACTIVE: 'success', PAST_DUE: 'warning', CANCELED: 'danger' }

export function DuesStatusBadge({ status }: { status: StaffDues['status'] }) {
  const { t } = useTranslation()
  return <Badge tone={STATUS_TONES[status]}>{t(`dues.status.${status}`)}</Badge>
}

/** Whether the organisation may post and apply, and why (the pure standing's words). */
export function DuesStandingBadge({ standing }: { standing: { gate: string; reason?: string } }) {
  const { t } = useTranslation()
  const key = (standing.gate === 'off' ? 'off' : (standing.reason ?? 'none')) as 'off' | 'active' | 'waived' | 'grace' | 'none' | 'canceled' | 'grace-over'
  const tone: Tone = standing.gate === 'closed' ? 'danger' : standing.gate === 'off' ? 'neutral' : standing.reason === 'grace' ? 'warning' : 'success'
  return <Badge tone={tone}>{t(`dues.standing.${key}`)}</Badge>
}

/**
 * An organisation's dues on the staff's pages (its organisation page, its dues page): status,
 * dates, the waiver, and the forms to waive or lift it (posted to /staff/dues/organisations/:id,
 * which comes back to `returnTo`); to staff who are members of the organisation, why there are none.
 */
export function DuesWaiverCard({ dues, returnTo, lastResult, showManageLink }: { dues: StaffDues; returnTo: 'organisation' | 'dues'; lastResult?: SubmissionResult<string[]> | null; showManageLink?: boolean }) {
  const { t, i18n } = useTranslation()
  const navigation = useNavigation()
  const locale = i18n.language
  const action = `/staff/dues/organisations/${dues.organisation.id}`
  const day = (value: string | null) => (value ? formatDate(value, locale) : '—')
  // Which of the two forms the action's answer is about (its posted intent).
  const answered = lastResult?.initialValue?.intent
  const [form, fields] = useForm({
    id: `dues-waive-${dues.organisation.id}`,
    lastResult: answered === 'waive' ? lastResult : undefined,
    defaultValue: { reason: dues.waiver?.running ? dues.waiver.reason : '', until: dues.waiver?.until ? dues.waiver.until.slice(0, 10) : '' },
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: waiveSchema }),
  })
  const unwaiveErrors = answered === 'unwaive' ? (lastResult?.error?.[''] ?? []) : []
  const pending = (intent: string) => navigation.state === 'submitting' && navigation.formAction === action && navigation.formData?.get('intent') === intent
  return (
    <Card className="space-y-4" id="dues">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 className="text-lg font-semibold">{t('dues.waiver.title')}</h2>
        {showManageLink ? (
          <Link to={action} className="text-sm font-medium text-brand-700 underline">
            {t('dues.waiver.manage')}
          </Link>
        ) : null}
      </div>
      {!dues.duesEnabled ? <p className="text-sm text-stone-700">{t('dues.staff.disabled')}</p> : !dues.hub.requiresDues ? <p className="text-sm text-stone-700">{t('dues.staff.notRequired')}</p> : null}
      <dl className="grid gap-2 text-sm sm:grid-cols-2">
        <div>
          <dt className="font-medium text-stone-700">{t('dues.waiver.status')}</dt>
          <dd>
            <DuesStatusBadge status={dues.status} />
            {dues.cancelAtPeriodEnd ? <span className="ml-2 text-xs text-stone-700">{t('dues.staff.cancelAtPeriodEnd')}</span> : null}
          </dd>
        </div>
        <div>
          <dt className="font-medium text-stone-700">{t('dues.waiver.standing')}</dt>
          <dd>
            <DuesStandingBadge standing={dues.standing} />
          </dd>
        </div>
        <div>
          <dt className="font-medium text-stone-700">{t('dues.waiver.plan')}</dt>
          <dd>{dues.plan ?? t('dues.staff.noPlan')}</dd>
        </div>
        <div>
          <dt className="font-medium text-stone-700">{t('dues.waiver.periodEnd')}</dt>
          <dd>{day(dues.currentPeriodEnd)}</dd>
        </div>
        {dues.graceEndsAt ? (
          <div>
            <dt className="font-medium text-stone-700">{t('dues.waiver.graceEnd')}</dt>
            <dd>{day(dues.graceEndsAt)}</dd>
          </div>
        ) : null}
      </dl>
      {dues.waiver?.running ? (
        <div className="space-y-2 rounded-md bg-stone-50 p-3 text-sm">
          <p>
            {t('dues.waiver.waivedSince', { since: formatDate(dues.waiver.since, locale), by: dues.waiver.by ?? '—' })}{' '}
            {dues.waiver.until ? t('dues.waiver.waivedUntil', { day: formatDate(dues.waiver.until, locale, { timeZone: 'UTC' }) }) : t('dues.waiver.waivedForever')}
          </p>
          <p>
            <span className="font-medium">{t('dues.waiver.reason')}&nbsp;: </span>
            {dues.waiver.reason}
          </p>
          {dues.mayWaive ? (
            <Form method="post" action={`/staff/dues/organisations/${dues.organisation.id}`}>
              <input type="hidden" name="intent" value="unwaive" />
              <input type="hidden" name="returnTo" value={returnTo} />
              <FormErrors errors={unwaiveErrors} />
              <Button type="submit" variant="secondary" pending={pending('unwaive')}>
                {t('dues.waiver.unwaive')}
              </Button>
            </Form>
          ) : null}
        </div>
      ) : null}
      {!dues.mayWaive ? (
        <p className="text-sm text-stone-700">{t('dues.waiver.errors.ownOrganisation')}</p>
      ) : (
        <Form method="post" action={`/staff/dues/organisations/${dues.organisation.id}`} className="space-y-3" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="waive" />
          <input type="hidden" name="returnTo" value={returnTo} />
          <FormErrors id={form.errorId} errors={form.errors} />
          <TextareaField label={t('dues.waiver.reason')} hint={t('dues.waiver.reasonHint')} errors={fields.reason.errors} textareaProps={{ ...getTextareaProps(fields.reason), rows: 2 }} />
          <Field label={t('dues.waiver.until')} hint={t('dues.waiver.untilHint')} errors={fields.until.errors} inputProps={{ ...getInputProps(fields.until, { type: 'date' }), className: 'max-w-48' }} />
          <Button type="submit" pending={pending('waive')}>
            {dues.waiver?.running ? t('dues.waiver.update') : t('dues.waiver.waive')}
          </Button>
        </Form>
      )}
    </Card>
  )
}
