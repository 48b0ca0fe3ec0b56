import { Form, Link, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Button } from './ui/button'
import { Badge, Card, type Tone } from './ui/card'
import { FormErrors, SelectField, TextareaField, Field } from './ui/field'
import { formatDate } from '#app/i18n/format'
import { translateKey } from '#app/i18n/translate'

/** Pitches without a need (issue 14): the status badge, a list of pitches, the editor. Presentational. */

const pitchTones: Record<string, Tone> = {
  DRAFT: 'neutral',
  SUBMITTED: 'info',
  CHANGES_REQUESTED: 'warning',
  REJECTED: 'danger',
  SENT: 'info',
  INTERESTED: 'success',
  DECLINED: 'danger',
  WITHDRAWN: 'neutral',
}

export function PitchStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation()
  return <Badge tone={pitchTones[status] ?? 'neutral'}>{translateKey(t, `pitches.status.${status}`)}</Badge>
}

export interface PitchListRow {
  id: string
  title: string
  status: string
  firm: { name: string }
  partner: { name: string }
  submittedAt: string | null
  sentAt: string | null
  answeredAt: string | null
  updatedAt: string
  dueOn: string | null
  daysLate: number
}

/** One list of pitches: the firm's (`side="firm"`: to whom) or the partner's (`side="partner"`: from whom, due date). */
export function PitchList({ rows, side, locale }: { rows: PitchListRow[]; side: 'firm' | 'partner' | 'staff'; locale: string }) {
  const { t } = useTranslation()
  return (
    <ul className="space-y-3">
      {rows.map((row) => (
        <li key={row.id}>
          <Card className="flex flex-wrap items-start justify-between gap-3">
            <div>
              <h3 className="font-semibold">
                <Link to={`/pitches/${row.id}`} className="hover:underline">
                  {row.title}
                </Link>
              </h3>
              <p className="text-sm text-stone-700">
                {side === 'firm' ? t('pitches.list.to', { partner: row.partner.name }) : side === 'partner' ? t('pitches.list.from', { firm: row.firm.name }) : t('pitches.list.fromTo', { firm: row.firm.name, partner: row.partner.name })}
                {row.sentAt
                  ? ` · ${t('pitches.list.sentOn', { date: formatDate(row.sentAt, locale) })}`
                  : row.submittedAt
                    ? ` · ${t('pitches.list.submittedOn', { date: formatDate(row.submittedAt, locale) })}`
                    : ` · ${t('pitches.list.updatedOn', { date: formatDate(row.updatedAt, locale) })}`}
                {row.answeredAt ? ` · ${t('pitches.list.answeredOn', { date: formatDate(row.answeredAt, locale) })}` : ''}
              </p>
              {row.status === 'SENT' && row.dueOn ? (
                <p className={row.daysLate > 0 ? 'mt-1 text-sm font-semibold text-red-800' : 'mt-1 text-sm text-stone-700'}>
                  {row.daysLate > 0 ? t('pitches.list.late', { count: row.daysLate, due: row.dueOn }) : t('pitches.list.dueOn', { due: row.dueOn })}
                </p>
              ) : null}
            </div>
            <PitchStatusBadge status={row.status} />
          </Card>
        </li>
      ))}
    </ul>
  )
}

export interface PitchEditorValues {
  firmId?: string
  partnerId?: string | null
  title?: string
  problem?: string
  offer?: string
  referencesText?: string
}

/** The pitch editor: the firm (when several), the partner, the texts; save as a draft or submit to the hub's staff. */
export function PitchEditor({
  firms,
  partners,
  defaults,
  errors,
}: {
  firms: Array<{ id: string; name: string }>
  partners: Array<{ id: string; name: string; hubName: string }>
  defaults: PitchEditorValues
  errors?: Record<string, string[] | undefined>
}) {
  const { t } = useTranslation()
  const navigation = useNavigation()
  const pending = (intent: string) => navigation.state === 'submitting' && navigation.formData?.get('intent') === intent
  return (
    <Form method="post" className="space-y-5" noValidate>
      <FormErrors errors={errors?.['']} />
      {firms.length > 1 ? (
        <SelectField
          label={t('pitches.form.firm')}
          errors={errors?.firmId}
          selectProps={{ name: 'firmId', id: 'pitch-firm', defaultValue: defaults.firmId ?? firms[0]!.id, required: true }}
          options={firms.map((firm) => ({ value: firm.id, label: firm.name }))}
        />
      ) : (
        <input type="hidden" name="firmId" value={defaults.firmId ?? firms[0]?.id ?? ''} />
      )}
      <SelectField
        label={t('pitches.form.partner')}
        hint={t('pitches.form.partnerHint')}
        errors={errors?.partnerId}
        placeholder={t('pitches.form.choosePartner')}
        selectProps={{ name: 'partnerId', id: 'pitch-partner', defaultValue: defaults.partnerId ?? '', required: true }}
        options={partners.map((partner) => ({ value: partner.id, label: t('pitches.form.partnerOption', { name: partner.name, hub: partner.hubName }) }))}
      />
      <Field label={t('pitches.form.title')} hint={t('pitches.form.titleHint')} errors={errors?.title} inputProps={{ name: 'title', id: 'pitch-title', defaultValue: defaults.title ?? '', required: true, maxLength: 160 }} />
      <TextareaField label={t('pitches.form.problem')} hint={t('pitches.form.problemHint')} errors={errors?.problem} textareaProps={{ name: 'problem', id: 'pitch-problem', defaultValue: defaults.problem ?? '', maxLength: 5000 }} />
      <TextareaField label={t('pitches.form.offer')} hint={t('pitches.form.offerHint')} errors={errors?.offer} textareaProps={{ name: 'offer', id: 'pitch-offer', defaultValue: defaults.offer ?? '', maxLength: 5000 }} />
      <TextareaField
        label={t('pitches.form.references')}
        hint={t('pitches.form.referencesHint')}
        errors={errors?.referencesText}
        textareaProps={{ name: 'referencesText', id: 'pitch-references', defaultValue: defaults.referencesText ?? '', rows: 3, maxLength: 3000 }}
      />
      <p className="text-sm text-stone-700">{t('pitches.form.attachmentsLater')}</p>
      <div className="flex flex-wrap gap-3">
        <Button type="submit" name="intent" value="submit" pending={pending('submit')}>
          {t('pitches.form.submit')}
        </Button>
        <Button type="submit" name="intent" value="save" variant="secondary" pending={pending('save')}>
          {t('pitches.form.save')}
        </Button>
      </div>
    </Form>
  )
}
