import { getInputProps, getTextareaProps } from '@conform-to/react'
import type { TFunction } from 'i18next'
import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { formatDate, formatEur, formatPercent } from '#app/i18n/format'
import type { CohortPhase, Progress } from '#app/modules/cohorts/progress'
import { Badge, Card, PageHeader } from './ui/card'
import { Field, TextareaField } from './ui/field'

/** The cohort's dates as a phrase: « du 1er janvier 2027 au 30 juin 2027 », or what is known. */
export function cohortDates(t: TFunction, locale: string, cohort: { startsOn: string | Date | null; endsOn: string | Date | null }) {
  // Cohort dates are calendar days kept as midnight UTC: read in UTC.
  const start = cohort.startsOn ? formatDate(cohort.startsOn, locale, { timeZone: 'UTC' }) : null
  const end = cohort.endsOn ? formatDate(cohort.endsOn, locale, { timeZone: 'UTC' }) : null
  if (start && end) return t('cohorts.dates.range', { start, end })
  if (start) return t('cohorts.dates.from', { start })
  if (end) return t('cohorts.dates.until', { end })
  return t('cohorts.dates.none')
}

const PHASE_TONES = { upcoming: 'info', running: 'success', ended: 'neutral', archived: 'warning' } as const

/** The head of a cohort's page (the staff's and a firm's): back link, name, programme, dates, hub, phase, description. */
export function CohortHeader({
  cohort,
  locale,
  back,
}: {
  cohort: { name: string; programme: string; hubName: string; phase: CohortPhase; description: string; startsOn: string | Date | null; endsOn: string | Date | null }
  locale: string
  back: { to: string; label: string }
}) {
  const { t } = useTranslation()
  return (
    <>
      <p className="text-sm">
        <Link to={back.to} className="text-brand-700 underline">
          ← {back.label}
        </Link>
      </p>
      <PageHeader
        title={cohort.name}
        description={[cohort.programme, cohortDates(t, locale, cohort), cohort.hubName].filter(Boolean).join(' · ')}
        actions={<CohortPhaseBadge phase={cohort.phase} />}
      />
      {cohort.description ? <p className="max-w-3xl whitespace-pre-line text-stone-800">{cohort.description}</p> : null}
    </>
  )
}

export function CohortPhaseBadge({ phase }: { phase: CohortPhase }) {
  const { t } = useTranslation()
  return <Badge tone={PHASE_TONES[phase]}>{t(`cohorts.phase.${phase}`)}</Badge>
}

/** The text a value bar reads: « 120 000 € sur 300 000 € (40 %) ». */
export function valueText(t: TFunction, locale: string, progress: Progress) {
  if (progress.target === 0) return t('cohorts.progress.noTarget', { value: formatEur(progress.value, locale) })
  return t('cohorts.progress.value', {
    value: formatEur(progress.value, locale),
    target: formatEur(progress.target, locale),
    percent: formatPercent(progress.share, locale),
  })
}

export function pilotsText(t: TFunction, progress: Progress) {
  if (progress.target === 0) return t('cohorts.progress.pilotsNoTarget', { count: progress.value })
  return t('cohorts.progress.pilots', { count: progress.value, target: progress.target })
}

/**
 * A progress bar with its figures in words: the bar is capped at 100 %, the text says the real
 * share. `role="progressbar"` with its value and text, for screen readers.
 */
export function ProgressBar({ progress, label, text }: { progress: Progress; label: string; text: string }) {
  const { t } = useTranslation()
  return (
    <div className="min-w-40">
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={progress.percent}
        aria-valuetext={text}
        className="h-2 w-full overflow-hidden rounded-full bg-stone-200"
      >
        {/* An SVG width, not an inline style: the content security policy allows no style attribute. */}
        <svg aria-hidden className="block h-full w-full" viewBox="0 0 100 1" preserveAspectRatio="none">
          <rect x="0" y="0" height="1" width={Math.min(100, Math.max(0, progress.percent))} className={progress.reached ? 'fill-emerald-600' : 'fill-brand-700'} />
        </svg>
      </div>
      <p className="mt-1 text-xs text-stone-700">
        {text}
        {progress.reached ? <span className="ml-1 font-semibold text-emerald-800">· {t('cohorts.progress.reached')}</span> : null}
      </p>
    </div>
  )
}

type CohortFieldName = 'name' | 'programme' | 'description' | 'year' | 'startsOn' | 'endsOn' | 'targetEur' | 'targetPilots'

/** The cohort form's fields (create and edit); the route adds its intent and hidden ids. */
type AnyField = Parameters<typeof getInputProps>[0] & Parameters<typeof getTextareaProps>[0]

export function CohortFields({ fields }: { fields: Record<CohortFieldName, AnyField> }) {
  const { t } = useTranslation()
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <Field label={t('cohorts.form.name')} hint={t('cohorts.form.nameHint')} errors={fields.name.errors} inputProps={getInputProps(fields.name, { type: 'text' })} />
      <Field
        label={t('cohorts.form.programme')}
        hint={t('cohorts.form.programmeHint')}
        errors={fields.programme.errors}
        inputProps={getInputProps(fields.programme, { type: 'text' })}
      />
      <TextareaField
        className="sm:col-span-2"
        label={t('cohorts.form.description')}
        errors={fields.description.errors}
        textareaProps={{ ...getTextareaProps(fields.description), rows: 3 }}
      />
      <Field label={t('cohorts.form.year')} errors={fields.year.errors} inputProps={getInputProps(fields.year, { type: 'number' })} />
      <div className="hidden sm:block" />
      <Field
        label={t('cohorts.form.startsOn')}
        hint={t('cohorts.form.datesHint')}
        errors={fields.startsOn.errors}
        inputProps={getInputProps(fields.startsOn, { type: 'date' })}
      />
      <Field label={t('cohorts.form.endsOn')} errors={fields.endsOn.errors} inputProps={getInputProps(fields.endsOn, { type: 'date' })} />
      <Field
        label={t('cohorts.form.targetEur')}
        hint={t('cohorts.form.targetEurHint')}
        errors={fields.targetEur.errors}
        inputProps={getInputProps(fields.targetEur, { type: 'number' })}
      />
      <Field label={t('cohorts.form.targetPilots')} errors={fields.targetPilots.errors} inputProps={getInputProps(fields.targetPilots, { type: 'number' })} />
    </div>
  )
}

/** On a firm's page, for its members: the accelerator cohorts it is in (nothing when none). */
export function OwnCohortsCard({
  cohorts,
  locale,
}: {
  cohorts: Array<{ id: string; name: string; programme: string; startsOn: string | Date | null; endsOn: string | Date | null; phase: CohortPhase }>
  locale: string
}) {
  const { t } = useTranslation()
  if (cohorts.length === 0) return null
  return (
    <Card className="space-y-3">
      <h2 className="text-lg font-semibold">{t('cohorts.own.title')}</h2>
      <ul className="space-y-2 text-sm">
        {cohorts.map((cohort) => (
          <li key={cohort.id} className="flex flex-wrap items-center gap-2">
            <Link to={`/cohorts/${cohort.id}`} className="font-medium text-brand-700 underline">
              {cohort.name}
            </Link>
            <span className="text-stone-700">{[cohort.programme, cohortDates(t, locale, cohort)].filter(Boolean).join(' · ')}</span>
            <CohortPhaseBadge phase={cohort.phase} />
          </li>
        ))}
      </ul>
    </Card>
  )
}
