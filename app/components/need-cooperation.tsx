import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { formatDate, formatList } from '#app/i18n/format'

export interface NeedCooperationInfo {
  /** Names of the hubs the need is shared with (besides its home hub). */
  sharedHubs: string[]
  group: { slug: string; name: string } | null
  /** The cohort it is (`running`) or was reserved to; null when the reader is not to be told. */
  reservation: { name: string; until: string | Date; running: boolean } | null
}

/**
 * What the need page says of the cooperation between hubs (decision 0029): the hubs it is shared
 * with, the working group it is addressed to, the cohort it is reserved to. Nothing when none.
 */
export function NeedCooperation({ cooperation, locale }: { cooperation: NeedCooperationInfo; locale: string }) {
  const { t } = useTranslation()
  const { sharedHubs, group, reservation } = cooperation
  if (sharedHubs.length === 0 && !group && !reservation) return null
  return (
    <section aria-label={t('cooperation.need.label')} className="rounded-lg border border-sky-200 bg-sky-50 px-4 py-3 text-sm text-sky-950">
      <ul className="space-y-1">
        {sharedHubs.length > 0 ? <li>{t('cooperation.need.sharedWith', { hubs: formatList(sharedHubs, locale) })}</li> : null}
        {group ? (
          <li>
            {t('cooperation.need.group')}{' '}
            <Link to={`/groups/${group.slug}`} className="font-semibold underline">
              {group.name}
            </Link>
          </li>
        ) : null}
        {reservation ? (
          <li>
            {t(reservation.running ? 'cooperation.need.reserved' : 'cooperation.need.wasReserved', {
              name: reservation.name,
              date: formatDate(reservation.until, locale),
            })}
            {reservation.running ? <span className="block text-sky-900">{t('cooperation.need.reservedHint')}</span> : null}
          </li>
        ) : null}
      </ul>
    </section>
  )
}
