import { getFormProps, getInputProps, getSelectProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '#app/components/error-boundary'
import { OrgStatusBadge } from '#app/components/status-badges'
import { Button } from '#app/components/ui/button'
import { Alert, Badge, Card, PageHeader } from '#app/components/ui/card'
import { Field, FormErrors, SelectField } from '#app/components/ui/field'
import { formatDate } from '#app/i18n/format'
import { inviteMemberSchema } from '#app/modules/organisations/schema'
import { getOrganisationPage, inviteMember } from '#app/modules/organisations/service.server'
import { getRequestLocale } from '#app/utils/i18n.server'
import { titleMeta } from '#app/utils/meta'
import { handle, replyWithAppError, requireParam } from '#app/utils/route.server'
import { requireActor } from '#app/utils/session.server'
import { toastHeaders } from '#app/utils/toast.server'

export const meta = titleMeta

export async function loader(args: LoaderFunctionArgs) {
  return handle(args, async ({ request, params }) => {
    const actor = await requireActor(request)
    const page = await getOrganisationPage(actor, requireParam(params, 'slug'))
    return json({ title: page.organisation.name, locale: await getRequestLocale(request), ...page })
  })
}

export async function action(args: ActionFunctionArgs) {
  return handle(args, async ({ request, params, context }) => {
    const actor = await requireActor(request)
    const page = await getOrganisationPage(actor, requireParam(params, 'slug'))
    const submission = parseWithZod(await request.formData(), { schema: inviteMemberSchema })
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

export default function OrganisationPage() {
  const { organisation, members, invitations, canManage, isMember, locale } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const { t } = useTranslation()
  const [form, fields] = useForm({
    id: 'invite-member',
    lastResult: actionData?.result,
    defaultValue: { role: 'MEMBER' },
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: inviteMemberSchema }),
  })
  return (
    <div className="space-y-6">
      <PageHeader
        title={organisation.name}
        description={`${t(`orgKind.${organisation.kind}`)} · ${organisation.hub.name}${organisation.communeName ? ` · ${organisation.communeName}` : ''}`}
        actions={<OrgStatusBadge status={organisation.status} />}
      />
      {isMember && organisation.status === 'PENDING' ? <Alert tone="warning" title={t('org.pendingTitle')}>{t('org.pendingBody')}</Alert> : null}
      {isMember && organisation.status === 'REJECTED' ? (
        <Alert tone="danger" title={t('org.rejectedTitle')}>
          {organisation.statusReason}
        </Alert>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-3">
        <Card className="space-y-3 lg:col-span-2">
          <h2 className="text-lg font-semibold">{t('org.profile')}</h2>
          {organisation.description ? <p className="whitespace-pre-line text-stone-800">{organisation.description}</p> : <p className="text-stone-600">{t('org.noDescription')}</p>}
          <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
            {organisation.siren ? (
              <div>
                <dt className="font-medium text-stone-600">{t('orgForm.siren')}</dt>
                <dd>{organisation.siren}</dd>
              </div>
            ) : null}
            {organisation.headcount ? (
              <div>
                <dt className="font-medium text-stone-600">{t('orgForm.headcount')}</dt>
                <dd>{organisation.headcount}</dd>
              </div>
            ) : null}
            {organisation.revenueBand ? (
              <div>
                <dt className="font-medium text-stone-600">{t('orgForm.revenueBand')}</dt>
                <dd>{t(`revenueBand.${organisation.revenueBand}`)}</dd>
              </div>
            ) : null}
            {organisation.foundedYear ? (
              <div>
                <dt className="font-medium text-stone-600">{t('orgForm.foundedYear')}</dt>
                <dd>{organisation.foundedYear}</dd>
              </div>
            ) : null}
            {organisation.website ? (
              <div>
                <dt className="font-medium text-stone-600">{t('orgForm.website')}</dt>
                <dd>
                  <a href={organisation.website} className="text-brand-700 underline" rel="noreferrer noopener" target="_blank">
                    {organisation.website}
                  </a>
                </dd>
              </div>
            ) : null}
          </dl>
          {organisation.skills.length > 0 ? (
            <div>
              <h3 className="text-sm font-medium text-stone-600">{t('needForm.skills')}</h3>
              <ul className="mt-1 flex flex-wrap gap-1">
                {organisation.skills.map((skill) => (
                  <li key={skill}>
                    <Badge>{skill}</Badge>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </Card>
        <Card className="space-y-3">
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
          {canManage ? (
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
          ) : null}
        </Card>
      </div>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
