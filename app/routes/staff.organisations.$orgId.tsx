import { parseWithZod } from '@conform-to/zod/v4'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type TypedResponse } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { CompanyCheck } from '#app/components/company-check'
import { CsvLinks } from '#app/components/console'
import { Cell, DirectoryTable, Section } from '#app/components/directory'
import { ModerationButtons } from '#app/components/organisation-moderation'
import { DuesWaiverCard } from '#app/components/dues-standing'
import { getDuesForStaff } from '#app/modules/billing/waivers.server'
import { ScorecardFigures } from '#app/components/scorecard'
import { GeneralErrorBoundary } from '#app/components/error-boundary'
import { ApplicationStatusBadge, NeedStatusBadge, OrgStatusBadge } from '#app/components/status-badges'
import { Badge, Card, PageHeader } from '#app/components/ui/card'
import { FormErrors } from '#app/components/ui/field'
import { filterFieldClass } from '#app/components/ui/filter'
import { formatDate, formatEur } from '#app/i18n/format'
import { defaultRange } from '#app/modules/analytics/range'
import { getOwnScorecard } from '#app/modules/analytics/scorecard.server'
import { getCompanyCheck } from '#app/modules/companies/service.server'
import { moderateOrganisationSchema } from '#app/modules/organisations/schema'
import { moderateOrganisation } from '#app/modules/organisations/service.server'
import { getOrganisationForStaff } from '#app/modules/staff/directory.server'
import { csvRequest, csvResponse } from '#app/utils/csv.server'
import { getRequestLocale, getRequestT } from '#app/utils/i18n.server'
import { titleMeta } from '#app/utils/meta'
import { appErrorReply, handle, requireParam } from '#app/utils/route.server'
import { requireActor } from '#app/utils/session.server'
import { redirectWithToast } from '#app/utils/toast.server'
import { readFormData } from '#app/utils/form.server'

/**
 * An organisation's staff page (staff of its home hub; anyone else: 404): profile and status with
 * the verification actions, members (CSV), needs, applications, deals and the last audit entries.
 */
export const meta = titleMeta

export async function loader(args: LoaderFunctionArgs) {
  return handle(args, async ({ request, params, context }) => {
    const actor = await requireActor(request)
    const orgId = requireParam(params, 'orgId')
    const [page, t, locale, companyCheck] = await Promise.all([getOrganisationForStaff(actor, orgId), getRequestT(request), getRequestLocale(request), getCompanyCheck(actor, orgId)])
    const csv = csvRequest(new URL(request.url))
    if (csv) {
      type Row = (typeof page.members)[number]
      const file = await csvResponse<Row>({
        request,
        actor,
        table: `members-${page.organisation.name}`,
        separator: csv.separator,
        hubId: page.organisation.homeHubId,
        requestId: context.requestId,
        rows: page.members,
        columns: [
          { header: t('directory.org.memberName'), value: (row) => row.name },
          { header: t('directory.org.memberEmail'), value: (row) => row.email },
          { header: t('directory.org.memberRole'), value: (row) => t(`memberRole.${row.role}`) },
          { header: t('directory.org.lastLogin'), value: (row) => row.lastLoginAt },
          { header: t('directory.org.disabled'), value: (row) => row.disabledAt },
        ],
      })
      return file as TypedResponse<never>
    }
    // A partner's page carries its scorecard over the last twelve months (the same figures as /staff/partners).
    const scorecard = page.organisation.kind === 'PARTNER' ? await getOwnScorecard(actor, page.organisation.id, defaultRange(new Date())) : null
    return json({ title: page.organisation.name, locale, ...page, scorecard, companyCheck, dues: await getDuesForStaff(actor, orgId) })
  })
}

export async function action(args: ActionFunctionArgs) {
  return handle(args, async ({ request, params, context }) => {
    const actor = await requireActor(request)
    const orgId = requireParam(params, 'orgId')
    const formData = await readFormData(request)
    formData.set('organisationId', orgId)
    const submission = parseWithZod(formData, { schema: moderateOrganisationSchema })
    if (submission.status !== 'success') return json({ result: submission.reply() }, { status: 400 })
    try {
      await moderateOrganisation(actor, submission.value, context.requestId)
    } catch (error) {
      const { result, status } = await appErrorReply(request, submission, error)
      return json({ result }, { status })
    }
    return redirectWithToast(`/staff/organisations/${orgId}`, { messageKey: `staffOrgs.done.${submission.value.action}` })
  })
}

export default function StaffOrganisationPage() {
  const { organisation, members, needs, applications, deals, audit, locale, scorecard, companyCheck, dues } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const { t } = useTranslation()
  const date = (value: string | null) => (value ? formatDate(value, locale) : '')
  return (
    <div className="space-y-8">
      <div>
        <Link to="/staff/organisations" className="text-sm font-medium text-brand-700 underline">
          {t('directory.org.back')}
        </Link>
        <PageHeader
          title={organisation.name}
          description={`${t(`orgKind.${organisation.kind}`)} · SIREN ${organisation.siren ?? '—'} · ${organisation.homeHub.shortName}`}
          actions={<OrgStatusBadge status={organisation.status} />}
        />
      </div>

      <Section id="org-profile" title={t('directory.org.profile')}>
        <Card className="space-y-3">
          <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
            <div>
              <dt className="font-medium">{t('directory.orgs.commune')}</dt>
              <dd>{organisation.communeName ?? '—'}</dd>
            </div>
            <div>
              <dt className="font-medium">{t('directory.orgs.revenueBand')}</dt>
              <dd>{organisation.revenueBand ? t(`revenueBand.${organisation.revenueBand}`) : '—'}</dd>
            </div>
            <div>
              <dt className="font-medium">{t('directory.org.headcount')}</dt>
              <dd>{organisation.headcount ?? '—'}</dd>
            </div>
            <div>
              <dt className="font-medium">{t('directory.orgs.skills')}</dt>
              <dd>{organisation.skills.join(', ') || '—'}</dd>
            </div>
            <div>
              <dt className="font-medium">{t('directory.orgs.createdAt')}</dt>
              <dd>{date(organisation.createdAt)}</dd>
            </div>
            <div>
              <dt className="font-medium">{t('directory.orgs.verifiedAt')}</dt>
              <dd>{date(organisation.verifiedAt) || '—'}</dd>
            </div>
            {organisation.kind === 'PARTNER' ? (
              <div>
                <dt className="font-medium">{t('directory.org.charterAccepted')}</dt>
                <dd>{date(organisation.charterAcceptedAt) || '—'}</dd>
              </div>
            ) : null}
          </dl>
          {organisation.description ? <p className="whitespace-pre-line text-sm text-stone-800">{organisation.description}</p> : null}
          {organisation.statusReason ? <p className="text-sm">{t('directory.org.statusReason', { reason: organisation.statusReason })}</p> : null}
          <p className="flex flex-wrap gap-4 text-sm">
            {organisation.status === 'VERIFIED' ? (
              <Link to={`/orgs/${organisation.slug}`} className="font-medium text-brand-700 underline">
                {t('directory.org.publicProfile')}
              </Link>
            ) : null}
            {organisation.kind === 'PARTNER' ? (
              <Link to={`/staff/partners/${organisation.id}`} className="font-medium text-brand-700 underline">
                {t('directory.org.partnerDashboard')}
              </Link>
            ) : null}
          </p>
          {organisation.status !== 'REJECTED' ? (
            <Form method="post" className="flex flex-wrap items-end gap-3 border-t border-stone-200 pt-3">
              <FormErrors errors={Object.values(actionData?.result.error ?? {}).flat()} />
              <div className="min-w-64 flex-1">
                <label htmlFor="moderation-reason" className="block text-sm font-medium">
                  {t('staffOrgs.reason')}
                </label>
                <input id="moderation-reason" name="reason" className={filterFieldClass} />
              </div>
              <ModerationButtons status={organisation.status} pending={navigation.state === 'submitting'} />
            </Form>
          ) : null}
        </Card>
      </Section>

      <Section id="org-company" title={t('companies.check.title')}>
        <CompanyCheck check={companyCheck} locale={locale} pending={navigation.formAction?.endsWith('/directory')} />
      </Section>
      {scorecard ? (
        <Section id="org-scorecard" title={t('scorecards.own.staffTitle')}>
          <ScorecardFigures scorecard={scorecard} locale={locale} />
        </Section>
      ) : null}
      <DuesWaiverCard dues={dues} returnTo="organisation" showManageLink />
      <Section id="org-members" title={t('directory.org.members')} actions={<CsvLinks />}>
        {members.length === 0 ? (
          <p className="text-sm">{t('directory.org.membersEmpty')}</p>
        ) : (
          <DirectoryTable
            caption={t('directory.org.members')}
            headers={[t('directory.org.memberName'), t('directory.org.memberEmail'), t('directory.org.memberRole'), t('directory.org.lastLogin')]}
          >
            {members.map((member) => (
              <tr key={member.id}>
                <Cell>
                  <Link to={`/staff/users/${member.id}`} className="font-medium text-brand-700 underline">
                    {member.name}
                  </Link>{' '}
                  {member.disabledAt ? <Badge tone="danger">{t('directory.org.disabled')}</Badge> : null}
                </Cell>
                <Cell>{member.email}</Cell>
                <Cell>{t(`memberRole.${member.role}`)}</Cell>
                <Cell nowrap>{member.lastLoginAt ? formatDate(member.lastLoginAt, locale, { withTime: true }) : t('directory.org.never')}</Cell>
              </tr>
            ))}
          </DirectoryTable>
        )}
      </Section>

      {organisation.kind === 'PARTNER' ? (
        <Section id="org-needs" title={t('directory.org.needs')}>
          {needs.length === 0 ? (
            <p className="text-sm">{t('directory.org.needsEmpty')}</p>
          ) : (
            <DirectoryTable
              caption={t('directory.org.needs')}
              headers={[t('directory.org.needTitle'), t('directory.org.needStatus'), t('directory.org.needCreated'), t('directory.org.needPublished'), t('directory.org.needClosed')]}
            >
              {needs.map((need) => (
                <tr key={need.id}>
                  <Cell>
                    <Link to={`/needs/${need.id}`} className="font-medium text-brand-700 underline">
                      {need.title}
                    </Link>
                  </Cell>
                  <Cell>
                    <NeedStatusBadge status={need.status} />
                  </Cell>
                  <Cell nowrap>{date(need.createdAt)}</Cell>
                  <Cell nowrap>{date(need.publishedAt)}</Cell>
                  <Cell nowrap>{date(need.closedAt)}</Cell>
                </tr>
              ))}
            </DirectoryTable>
          )}
        </Section>
      ) : null}

      <Section id="org-applications" title={organisation.kind === 'FIRM' ? t('directory.org.applicationsFirm') : t('directory.org.applicationsPartner')}>
        {applications.length === 0 ? (
          <p className="text-sm">{t('directory.org.applicationsEmpty')}</p>
        ) : (
          <DirectoryTable
            caption={organisation.kind === 'FIRM' ? t('directory.org.applicationsFirm') : t('directory.org.applicationsPartner')}
            headers={[
              t('directory.org.applicationNeed'),
              organisation.kind === 'FIRM' ? t('directory.org.applicationPartner') : t('directory.org.applicationFirm'),
              t('directory.org.applicationStatus'),
              t('directory.org.applicationSubmitted'),
              t('directory.org.applicationDecided'),
            ]}
          >
            {applications.map((application) => (
              <tr key={application.id}>
                <Cell>
                  <Link to={`/applications/${application.id}`} className="font-medium text-brand-700 underline">
                    {application.needTitle}
                  </Link>
                </Cell>
                <Cell>{organisation.kind === 'FIRM' ? application.partnerName : application.firmName}</Cell>
                <Cell>
                  <ApplicationStatusBadge status={application.status} />
                </Cell>
                <Cell nowrap>{date(application.submittedAt)}</Cell>
                <Cell nowrap>{date(application.decidedAt)}</Cell>
              </tr>
            ))}
          </DirectoryTable>
        )}
      </Section>

      <Section id="org-deals" title={t('directory.org.deals')}>
        {deals.length === 0 ? (
          <p className="text-sm">{t('directory.org.dealsEmpty')}</p>
        ) : (
          <DirectoryTable
            caption={t('directory.org.deals')}
            headers={[
              t('directory.org.applicationNeed'),
              organisation.kind === 'FIRM' ? t('directory.org.applicationPartner') : t('directory.org.applicationFirm'),
              t('directory.org.dealStatus'),
              t('directory.org.dealPilotValue'),
              t('directory.org.dealContractValue'),
              t('directory.org.dealSigned'),
            ]}
          >
            {deals.map((deal) => (
              <tr key={deal.id}>
                <Cell>{deal.needTitle}</Cell>
                <Cell>{organisation.kind === 'FIRM' ? deal.partnerName : deal.firmName}</Cell>
                <Cell>{t(`dealStatus.${deal.status}`)}</Cell>
                <Cell nowrap>{formatEur(deal.pilotValueEur, locale) || '—'}</Cell>
                <Cell nowrap>{formatEur(deal.contractValueEur, locale) || '—'}</Cell>
                <Cell nowrap>{date(deal.contractSignedAt) || '—'}</Cell>
              </tr>
            ))}
          </DirectoryTable>
        )}
      </Section>

      <Section
        id="org-audit"
        title={t('directory.org.audit')}
        actions={
          <Link to={`/staff/audit?organisation=${organisation.id}`} className="text-sm font-medium text-brand-700 underline">
            {t('directory.org.auditLink')}
          </Link>
        }
      >
        {audit.length === 0 ? (
          <p className="text-sm">{t('directory.org.auditEmpty')}</p>
        ) : (
          <DirectoryTable
            caption={t('directory.org.audit')}
            headers={[t('directory.org.auditWhen'), t('directory.org.auditWho'), t('directory.org.auditAction'), t('directory.org.auditTarget')]}
          >
            {audit.map((row) => (
              <tr key={row.id}>
                <Cell nowrap>{formatDate(row.createdAt, locale, { withTime: true })}</Cell>
                <Cell>{row.actorName ?? t('directory.org.system')}</Cell>
                <Cell>
                  <code className="text-xs">{row.action}</code>
                </Cell>
                <Cell>{row.targetType}</Cell>
              </tr>
            ))}
          </DirectoryTable>
        )}
      </Section>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
