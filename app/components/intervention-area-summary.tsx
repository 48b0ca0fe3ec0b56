import { useTranslation } from 'react-i18next'

/** « Intervient aussi en : Rhône (69), Paris (75) ; jusqu’à 200 km », on a firm's pages. */
export function InterventionAreaSummary({ area }: { area: { departements: string[]; radiusKm: number | null } | null }) {
  const { t } = useTranslation()
  if (!area) return null
  const parts = [
    area.departements.length ? t('profile.page.interventionIn', { list: area.departements.join(', ') }) : null,
    area.radiusKm !== null ? t(area.departements.length ? 'profile.page.interventionUpTo' : 'profile.page.interventionTravels', { km: area.radiusKm }) : null,
  ].filter(Boolean)
  return <p className="text-sm text-stone-800">{parts.join(t('profile.page.interventionSeparator'))}</p>
}
