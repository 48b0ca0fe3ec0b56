import { getFormProps, getInputProps, getSelectProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '#app/components/error-boundary'
import { InterventionAreaSummary } from '#app/components/intervention-area-summary'
import { OwnCohortsCard } from '#app/components/cohorts'
import { CharterCompliance } from '#app/components/scorecard'
import { OrgStatusBadge } from '#app/components/status-badges'
import { Button, LinkButton } from '#app/components/ui/button'
import { Alert, Badge, Card, PageHeader } from '#app/components/ui/card'
import { Field, FormErrors, SelectField } from '#app/components/ui/field'
import { formatDate, formatNumber } from '#app/i18n/format'
import { getCharterCompliance } from '#app/modules/analytics/scorecard.server'
import { listOwnCohortsOf } from '#app/modules/cohorts/service.server'
import { clientTypes } from '#app/modules/organisations/profile-schema'
import { getOrganisationProfilePage } from '#app/modules/organisations/profile.server'
import { inviteMemberSchema } from '#app/modules/organisations/schema'
import { getOrganisationPage, inviteMember } from '#app/modules/organisations/service.server'
import { readFormData } from '#app/utils/form.server'
import { getRequestLocale } from '#app/utils/i18n.server'
import { titleMeta } from '#app/utils/meta'
import { handle, replyWithAppError, requireParam } from '#app/utils/route.server'
import { mayPitchTo } from '#app/modules/policy/policy'
import { requireActor } from '#app/utils/session.server'
import { toastHeaders } from '#app/utils/toast.server'

export const meta = titleMeta

export async function loader(args: LoaderFunctionArgs) {
  return handle(args, async ({ request, params }) => {
    const actor = await requireActor(request)
    const page = await getOrganisationProfilePage(actor, requireParam(params, 'slug'))
    // A partner's charter compliance, where its hub shows it (null otherwise).
    const compliance = await getCharterCompliance(actor, { id: page.organisation.id, kind: page.organisation.kind, homeHubId: page.organisation.hub.id })
    // The firm's accelerator cohorts, for its own members only (empty for anyone else).
    const cohorts = await listOwnCohortsOf(actor, page.organisation.id)
    // Issue 14: a verified firm's member may propose an idea to a verified partner (decision 0028).
    const canPitch = mayPitchTo(actor, page.organisation)
    return json({ title: page.organisation.name, locale: await getRequestLocale(request), ...page, compliance, cohorts, canPitch })
  })
}

/** The invitation form (the profile itself is edited on /orgs/<slug>/edit). */
export async function action(args: ActionFunctionArgs) {
  return handle(args, async ({ request, params, context }) => {
    const actor = await requireActor(request)
    const page = await getOrganisationPage(actor, requireParam(params, 'slug'))
    const submission = parseWithZod(await readFormData(request), { schema: inviteMemberSchema })
    if (submission.status !== 'success') return json({ result: submission.reply() }, { status: 400 })
    try {
      await inviteMember(actor, page.organisation.id, submission.value, context.requestId)
    } catch (error) {
      return replyWithAppError(request, submission, error)
    }
    return json(
      { result: submission.reply({ resetForm: true }) },
      { headers: await toastHeaders({ messageKey: 'org.invitationSent', values: { email: submission.value.email } }) },
    )
  })
}

function Detail({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div>
      <dt className="font-medium text-stone-600">{term}</dt>
      <dd>{children}</dd>
    </div>
  )
}

function TagList({ title, tags }: { title: string; tags: string[] }) {
  if (tags.length === 0) return null
  return (
    <div>
      <h3 className="text-sm font-medium text-stone-600">{title}</h3>
      <ul className="mt-1 flex flex-wrap gap-1">
        {tags.map((tag) => (
          <li key={tag}>
            <Badge>{tag}</Badge>
          </li>
        ))}
      </ul>
    </div>
  )
}

export default function OrganisationPage() {
  const { organisation, members, invitations, references, intervention, charter, compliance, canManage, canEdit, isMember, locale, cohorts, canPitch } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const clientLabel = (type: string | null) =>
    type && (clientTypes as readonly string[]).includes(type) ? t(`profile.clientType.${type as (typeof clientTypes)[number]}`) : null
  return (
    <div className="space-y-6">
      <PageHeader
        title={organisation.name}
        description={`${t(`orgKind.${organisation.kind}`)} · ${organisation.hub.name}${organisation.communeName ? ` · ${organisation.communeName}` : ''}`}
        actions={
          <>
            <OrgStatusBadge status={organisation.status} />
            {canPitch ? (
              <LinkButton to={`/pitches/new?partner=${organisation.id}`} size="sm" variant="secondary">
                {t('pitches.proposeToPartner')}
              </LinkButton>
            ) : null}
            {canEdit ? (
              <LinkButton to={`/orgs/${organisation.slug}/edit`} size="sm">
                {t('profile.page.editProfile')}
              </LinkButton>
            ) : null}
            {canManage ? (
              <LinkButton to={`/orgs/${organisation.slug}/settings`} size="sm" variant="secondary">
                {t('profile.page.settings')}
              </LinkButton>
            ) : null}
            {canManage ? <LinkButton to={`/orgs/${organisation.slug}/billing`} size="sm" variant="secondary">{t('billing.link')}</LinkButton> : null}
          </>
        }
      />
      {isMember && organisation.status === 'PENDING' ? <Alert tone="warning" title={t('org.pendingTitle')}>{t('org.pendingBody')}</Alert> : null}
      {isMember && organisation.status === 'REJECTED' ? (
        <Alert tone="danger" title={t('org.rejectedTitle')}>
          {organisation.statusReason}
        </Alert>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Card className="space-y-4">
            <h2 className="text-lg font-semibold">{t('org.profile')}</h2>
            <section aria-labelledby="org-about" className="space-y-1">
              <h3 id="org-about" className="text-sm font-medium text-stone-600">
                {t('profile.page.about')}
              </h3>
              {organisation.description ? (
                <p className="whitespace-pre-line text-stone-800">{organisation.description}</p>
              ) : (
                <p className="text-stone-600">{t('org.noDescription')}</p>
              )}
            </section>
            <section aria-labelledby="org-offerings" className="space-y-1">
              <h3 id="org-offerings" className="text-sm font-medium text-stone-600">
                {t('profile.page.offerings')}
              </h3>
              {organisation.offerings ? (
                <p className="whitespace-pre-line text-stone-800">{organisation.offerings}</p>
              ) : (
                <p className="text-stone-600">{t('profile.page.noOfferings')}</p>
              )}
            </section>
            <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
              {organisation.siren ? <Detail term={t('orgForm.siren')}>{organisation.siren}</Detail> : null}
              {organisation.communeName ? <Detail term={t('profile.page.commune')}>{organisation.communeName}</Detail> : null}
              {intervention ? (
                <Detail term={t('profile.page.interventionArea')}>
                  <InterventionAreaSummary area={intervention} />
                </Detail>
              ) : null}
              {organisation.headcount ? <Detail term={t('orgForm.headcount')}>{formatNumber(organisation.headcount, locale)}</Detail> : null}
              {organisation.revenueBand ? <Detail term={t('orgForm.revenueBand')}>{t(`revenueBand.${organisation.revenueBand}`)}</Detail> : null}
              {organisation.foundedYear ? <Detail term={t('orgForm.foundedYear')}>{organisation.foundedYear}</Detail> : null}
              {organisation.website ? (
                <Detail term={t('orgForm.website')}>
                  <a href={organisation.website} className="text-brand-700 underline" rel="noreferrer noopener" target="_blank">
                    {organisation.website}
                  </a>
                </Detail>
              ) : null}
            </dl>
            <TagList title={t('profile.page.skills')} tags={organisation.skills} />
            {organisation.naf.length > 0 ? (
              <div>
                <h3 className="text-sm font-medium text-stone-600">{t('profile.page.nafCodes')}</h3>
                <ul className="mt-1 space-y-0.5 text-sm text-stone-800">
                  {organisation.naf.map((item) => (
                    <li key={item.code}>
                      <span className="font-mono font-semibold">{item.code}</span>
                      {item.label ? ` — ${item.label}` : null}
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
            <TagList title={t('profile.page.labels')} tags={organisation.labels} />
          </Card>

          {organisation.kind === 'FIRM' ? (
            <Card className="space-y-3">
              <h2 className="text-lg font-semibold">{t('profile.page.references')}</h2>
              {references.length === 0 ? (
                <p className="text-stone-600">{t('profile.page.noReferences')}</p>
              ) : (
                <ul className="divide-y divide-stone-200">
                  {references.map((reference) => {
                    const client = clientLabel(reference.clientType)
                    const meta = [client, reference.year ? String(reference.year) : null].filter(Boolean).join(' · ')
                    return (
                      <li key={reference.id} className="space-y-1 py-3">
                        <h3 className="font-medium">{reference.title}</h3>
                        {meta ? <p className="text-sm text-stone-600">{meta}</p> : null}
                        {reference.description ? <p className="whitespace-pre-line text-sm text-stone-800">{reference.description}</p> : null}
                        {reference.outcome ? (
                          <p className="text-sm text-stone-700">
                            <span className="font-medium">{t('profile.page.outcome')}</span> — {reference.outcome}
                          </p>
                        ) : null}
                      </li>
                    )
                  })}
                </ul>
              )}
            </Card>
          ) : null}

          {charter ? (
            <Card className="space-y-3">
              <h2 className="text-lg font-semibold">{t('profile.page.charter')}</h2>
              {charter.acceptedAt ? (
                <>
                  <p className="text-stone-800">{t('profile.page.charterAccepted', { date: formatDate(charter.acceptedAt, locale) })}</p>
                  <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
                    <Detail term={t('profile.page.responseDelay')}>
                      {charter.responseDays ? t('profile.page.days', { count: charter.responseDays }) : t('profile.page.notSet')}
                    </Detail>
                    <Detail term={t('profile.page.paymentDelay')}>
                      {charter.paymentDays ? t('profile.page.days', { count: charter.paymentDays }) : t('profile.page.notSet')}
                    </Detail>
                  </dl>
                </>
              ) : (
                <p className="text-stone-600">{t('profile.page.charterNotAccepted')}</p>
              )}
              {compliance ? <CharterCompliance compliance={compliance} locale={locale} /> : null}
            </Card>
          ) : null}
          <OwnCohortsCard cohorts={cohorts} locale={locale} />
        </div>

        <Card className="space-y-3 self-start">
          <h2 className="text-lg font-semibold">{t('org.team')}</h2>
          <ul className="divide-y divide-stone-200">
            {members.map((member) => (
              <li key={member.id} className="py-2 text-sm">
                <p className="font-medium">{member.name}</p>
                <p className="text-stone-600">
                  {t(`memberRole.${member.role}`)}
                  {member.email ? ` · ${member.email}` : ''}
                </p>
              </li>
            ))}
          </ul>
          {invitations.length > 0 ? (
            <div>
              <h3 className="text-sm font-medium text-stone-600">{t('org.pendingInvitations')}</h3>
              <ul className="mt-1 space-y-1 text-sm">
                {invitations.map((invitation) => (
                  <li key={invitation.id}>
                    {invitation.email} · {t(`memberRole.${invitation.role}`)} · {formatDate(invitation.createdAt, locale)}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {canManage ? <InviteForm /> : null}
          {isMember ? <LinkButton to={`/orgs/${organisation.slug}/leave`} size="sm" variant="ghost">{t('members.team.leave')}</LinkButton> : null}
        </Card>
      </div>
    </div>
  )
}

function InviteForm() {
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const { t } = useTranslation()
  const [form, fields] = useForm({
    id: 'invite-member',
    lastResult: actionData?.result,
    defaultValue: { role: 'MEMBER' },
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: inviteMemberSchema }),
  })
  return (
    <Form method="post" className="space-y-3 border-t border-stone-200 pt-3" {...getFormProps(form)}>
      <h3 className="font-medium">{t('org.inviteTitle')}</h3>
      <FormErrors id={form.errorId} errors={form.errors} />
      <Field label={t('auth.email')} errors={fields.email.errors} inputProps={getInputProps(fields.email, { type: 'email' })} />
      <SelectField
        label={t('org.role')}
        errors={fields.role.errors}
        selectProps={getSelectProps(fields.role)}
        options={(['MEMBER', 'ADMIN'] as const).map((role) => ({ value: role, label: t(`memberRole.${role}`) }))}
      />
      <Button type="submit" size="sm" pending={navigation.state === 'submitting'}>
        {t('org.inviteSubmit')}
      </Button>
    </Form>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
