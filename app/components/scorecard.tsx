import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { formatEur, formatNumber, formatPercent } from '#app/i18n/format'
import type { Scorecard } from '#app/modules/analytics/scorecard'

/**
 * A partner's scorecard, presentational: the figures with what each counts (the staff partner
 * page, the partner's own home), the legend of the figures, and the charter compliance shown on
 * a partner's profile. Definitions: docs/decisions/0020-partner-scorecards.md.
 */
export type ScorecardFiguresData = Omit<Scorecard, 'status'> & { status?: string }

/** A share (0–1) as a percentage, or null when there is none (shown as "—"). */
export function formatShare(value: number | null | undefined, locale: string) {
  return value === null || value === undefined ? null : formatPercent(value, locale)
}

export function useScorecardFormat(locale: string) {
  const { t } = useTranslation()
  return {
    days: (value: number | null | undefined) =>
      value === null || value === undefined ? t('scorecards.none') : t('scorecards.days', { count: value, value: formatNumber(value, locale, 1) }),
    share: (value: number | null | undefined) => formatShare(value, locale) ?? t('scorecards.none'),
    count: (value: number) => formatNumber(value, locale),
    eur: (value: number) => formatEur(value, locale),
  }
}

function Figure({ term, value, detail, definition }: { term: string; value: ReactNode; detail?: ReactNode; definition: string }) {
  return (
    <div className="rounded-md bg-stone-50 p-3 ring-1 ring-stone-200">
      <dt className="text-sm font-medium text-stone-700">{term}</dt>
      <dd className="mt-1">
        <span className="text-2xl font-semibold text-stone-900">{value}</span>
        {detail ? <span className="ml-2 text-sm text-stone-700">{detail}</span> : null}
        <p className="mt-1 text-xs text-stone-700">{definition}</p>
      </dd>
    </div>
  )
}

/** The figures of one scorecard, each with its definition. */
export function ScorecardFigures({ scorecard, locale }: { scorecard: ScorecardFiguresData; locale: string }) {
  const { t } = useTranslation()
  const f = useScorecardFormat(locale)
  const of = (part: number, whole: number) => t('scorecards.ofCount', { part: f.count(part), whole: f.count(whole) })
  return (
    <dl className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
      <Figure term={t('scorecards.columns.needsPublished')} value={f.count(scorecard.needsPublished)} definition={t('scorecards.legend.needsPublished')} />
      <Figure term={t('scorecards.columns.applicationsReceived')} value={f.count(scorecard.applicationsReceived)} definition={t('scorecards.legend.applicationsReceived')} />
      <Figure
        term={t('scorecards.columns.responseMedianDays')}
        value={f.days(scorecard.responseMedianDays)}
        detail={t('scorecards.pair', { label: t('scorecards.short.responseP90Days'), value: f.days(scorecard.responseP90Days) })}
        definition={t('scorecards.legend.response')}
      />
      <Figure
        term={t('scorecards.columns.charterShare')}
        value={f.share(scorecard.charterShare)}
        detail={of(scorecard.charterOnTime, scorecard.charterCounted)}
        definition={t('scorecards.legend.charterShare')}
      />
      <Figure term={t('scorecards.columns.lateNow')} value={f.count(scorecard.lateNow)} definition={t('scorecards.legend.lateNow')} />
      <Figure term={t('scorecards.columns.invitationsSent')} value={f.count(scorecard.invitationsSent)} definition={t('scorecards.legend.invitationsSent')} />
      <Figure
        term={t('scorecards.columns.pilotsStarted')}
        value={f.count(scorecard.pilotsStarted)}
        detail={t('scorecards.pair', { label: t('scorecards.short.pilotsSucceeded'), value: f.count(scorecard.pilotsSucceeded) })}
        definition={t('scorecards.legend.pilots')}
      />
      <Figure
        term={t('scorecards.columns.contractsSigned')}
        value={f.count(scorecard.contractsSigned)}
        detail={f.eur(scorecard.contractValueEur)}
        definition={t('scorecards.legend.contracts')}
      />
      <Figure
        term={t('scorecards.columns.smallFirmShare')}
        value={f.share(scorecard.smallFirmShare)}
        detail={t('scorecards.pair', { label: t('scorecards.short.hubFirmShare'), value: f.share(scorecard.hubFirmShare) })}
        definition={t('scorecards.legend.shares')}
      />
      {/* Issue 14: pitches without a need (decision 0028). */}
      <Figure
        term={t('pitches.scorecard.pitchesReceived')}
        value={f.count(scorecard.pitchesReceived)}
        detail={t('scorecards.pair', { label: t('pitches.scorecard.pitchesAnswered'), value: f.count(scorecard.pitchesAnswered) })}
        definition={t('pitches.scorecard.legendReceived')}
      />
      <Figure
        term={t('pitches.scorecard.pitchesShare')}
        value={f.share(scorecard.pitchesShare)}
        detail={of(scorecard.pitchesOnTime, scorecard.pitchesCharterCounted)}
        definition={t('pitches.scorecard.legendShare')}
      />
      <Figure term={t('pitches.scorecard.pitchesLateNow')} value={f.count(scorecard.pitchesLateNow)} definition={t('pitches.scorecard.legendLateNow')} />
    </dl>
  )
}

/** The legend under a scorecard table: what each figure counts and what it cannot show. */
export function ScorecardLegend({ from, to, id }: { from: string; to: string; id?: string }) {
  const { t } = useTranslation()
  const items = [
    ['needsPublished', 'needsPublished'],
    ['applicationsReceived', 'applicationsReceived'],
    ['responseMedianDays', 'response'],
    ['charterShare', 'charterShare'],
    ['lateNow', 'lateNow'],
    ['invitationsSent', 'invitationsSent'],
    ['pilotsStarted', 'pilots'],
    ['contractsSigned', 'contracts'],
    ['smallFirmShare', 'shares'],
  ] as const
  return (
    <section id={id} aria-labelledby={`${id ?? 'scorecard'}-legend`} className="space-y-2 text-sm text-stone-800">
      <h2 id={`${id ?? 'scorecard'}-legend`} className="text-base font-semibold">
        {t('scorecards.legend.title')}
      </h2>
      <p>{t('scorecards.legend.period', { from, to })}</p>
      <dl className="space-y-1">
        {items.map(([column, legend]) => (
          <div key={column}>
            <dt className="inline font-medium">{t('scorecards.pair', { label: t(`scorecards.columns.${column}`), value: '' })}</dt> <dd className="inline">{t(`scorecards.legend.${legend}`)}</dd>
          </div>
        ))}
        {(
          [
            ['pitchesReceived', 'legendReceived'],
            ['pitchesShare', 'legendShare'],
            ['pitchesLateNow', 'legendLateNow'],
          ] as const
        ).map(([column, legend]) => (
          <div key={column}>
            <dt className="inline font-medium">{t('scorecards.pair', { label: t(`pitches.scorecard.${column}`), value: '' })}</dt> <dd className="inline">{t(`pitches.scorecard.${legend}`)}</dd>
          </div>
        ))}
      </dl>
      <p className="text-stone-700">{t('scorecards.legend.limits')}</p>
    </section>
  )
}

export interface CharterComplianceData {
  charterCounted: number
  charterOnTime: number
  charterShare: number | null
  lateNow: number
}

/** A partner's charter compliance, on its profile (where its hub shows it). */
export function CharterCompliance({ compliance, locale }: { compliance: CharterComplianceData; locale: string }) {
  const { t } = useTranslation()
  return (
    <section aria-labelledby="charter-compliance" className="space-y-1 text-sm">
      <h3 id="charter-compliance" className="font-medium text-stone-700">
        {t('scorecards.compliance.title')}
      </h3>
      <p className="text-stone-800">
        {compliance.charterShare === null
          ? t('scorecards.compliance.noneDue')
          : t('scorecards.compliance.share', {
              share: formatShare(compliance.charterShare, locale),
              onTime: formatNumber(compliance.charterOnTime, locale),
              counted: formatNumber(compliance.charterCounted, locale),
            })}
      </p>
      <p className="text-stone-800">
        {compliance.lateNow === 0 ? t('scorecards.compliance.lateNone') : t('scorecards.compliance.lateNow', { count: compliance.lateNow })}
      </p>
      <p className="text-xs text-stone-700">{t('scorecards.compliance.note')}</p>
    </section>
  )
}
