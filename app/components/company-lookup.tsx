import { useTranslation } from 'react-i18next'
import type { CreationLookup } from '#app/modules/companies/directory'
import { Alert } from './ui/card'

/** What the public company directory said of the SIREN typed in the organisation form. */
export function CompanyLookupNote({ lookup }: { lookup: CreationLookup }) {
  const { t } = useTranslation()
  if (lookup.status === 'unavailable') return <Alert tone="warning">{t('companies.lookup.unavailable')}</Alert>
  if (lookup.status === 'not-found') return <Alert tone="info">{t('companies.lookup.notFound')}</Alert>
  const { company } = lookup
  if (!company.active) {
    return (
      <Alert tone="danger" title={t('companies.lookup.ceasedTitle', { name: company.name })}>
        {t('companies.ceasedRefused')}
      </Alert>
    )
  }
  return (
    <Alert tone="success" title={t('companies.lookup.found')}>
      <p>
        {company.name}
        {company.address ? ` — ${company.address}` : ''}
      </p>
      <p>{t('companies.lookup.foundHint')}</p>
      {lookup.communeOutside ? <p>{t('companies.lookup.communeOutside', { commune: company.communeName ?? '' })}</p> : null}
    </Alert>
  )
}
