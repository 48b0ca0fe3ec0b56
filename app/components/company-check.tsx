import { Form } from '@remix-run/react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { formatDate } from '#app/i18n/format'
import type { CompanyCheckView, ComparedField } from '#app/modules/companies/directory'
import { Cell, DirectoryTable } from './directory'
import { Button } from './ui/button'
import { Badge, Card } from './ui/card'

/**
 * Staff verification: the organisation as declared beside what the public company directory said
 * (each difference named in words), the lookup's date, and "consult again" for the hub's staff.
 */
export function CompanyCheck({ check, locale, pending }: { check: CompanyCheckView; locale: string; pending?: boolean }) {
  const { t } = useTranslation()
  const { declared, stored } = check
  const differs = (field: ComparedField) => check.comparison.find((row) => row.field === field)?.differs ?? false
  const refresh = check.canRefresh ? (
    <Form method="post" action={`/staff/organisations/${check.organisationId}/directory`}>
      <Button type="submit" variant="secondary" size="sm" pending={pending}>
        {t('companies.refresh.button')}
      </Button>
    </Form>
  ) : null

  if (!stored || !stored.found) {
    return (
      <Card className="space-y-3 text-sm">
        <p>{stored ? t('companies.check.notFound') : t('companies.check.notLookedUp')}</p>
        {check.checkedAt ? <p>{t('companies.check.checkedAt', { date: formatDate(check.checkedAt, locale, { withTime: true }) })}</p> : null}
        {refresh}
      </Card>
    )
  }

  const { company } = stored
  const rows: Array<{ field: ComparedField; declared: ReactNode; directory: ReactNode }> = [
    { field: 'name', declared: declared.name, directory: company.name },
    { field: 'naf', declared: declared.nafCodes.join(', ') || '—', directory: company.nafCode ?? '—' },
    {
      field: 'commune',
      declared: declared.communeName ?? '—',
      directory: company.communeName ? `${company.communeName}${company.postalCode ? ` (${company.postalCode})` : ''}` : '—',
    },
    {
      field: 'headcount',
      declared: declared.headcount === null ? '—' : t('companies.check.headcountDeclared', { count: declared.headcount }),
      directory: company.headcountBand ? t(`companies.headcount.${company.headcountBand}` as 'companies.headcount.00') : '—',
    },
    { field: 'founded', declared: declared.foundedYear ?? '—', directory: company.createdOn ? formatDate(company.createdOn, locale) : '—' },
    { field: 'status', declared: t('companies.check.registered'), directory: company.active ? t('companies.check.active') : t('companies.check.ceased') },
  ]
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-3 text-sm">
        <p>{check.checkedAt ? t('companies.check.checkedAt', { date: formatDate(check.checkedAt, locale, { withTime: true }) }) : null}</p>
        {refresh}
      </div>
      <DirectoryTable
        caption={t('companies.check.caption')}
        headers={[t('companies.check.field'), t('companies.check.declared'), t('companies.check.directory'), t('companies.check.comparison')]}
      >
        {rows.map((row) => (
          <tr key={row.field}>
            <Cell>{t(`companies.check.fields.${row.field}`)}</Cell>
            <Cell>{row.declared}</Cell>
            <Cell>{row.directory}</Cell>
            <Cell nowrap>{differs(row.field) ? <Badge tone="warning">{t('companies.check.differs')}</Badge> : t('companies.check.same')}</Cell>
          </tr>
        ))}
      </DirectoryTable>
      {company.address ? <p className="text-sm">{t('companies.check.address', { address: company.address })}</p> : null}
    </div>
  )
}
