import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Badge, Card, type Tone } from './ui/card'
import { formatDate } from '#app/i18n/format'
import { translateKey } from '#app/i18n/translate'

/** Pitches without a need (issue 14): the status badge and a list of pitches. Presentational. */

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
