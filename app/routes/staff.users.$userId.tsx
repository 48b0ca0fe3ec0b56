import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Cell, DirectoryTable, Section } from '#app/components/directory'
import { GeneralErrorBoundary } from '#app/components/error-boundary'
import { OrgStatusBadge } from '#app/components/status-badges'
import { Button } from '#app/components/ui/button'
import { Alert, Badge, Card, PageHeader } from '#app/components/ui/card'
import { Field, FormErrors } from '#app/components/ui/field'
import { formatDate } from '#app/i18n/format'
import { userAdminSchema } from '#app/modules/staff/directory-schema'
import { administerUser, authoriseUserAdministration, getUserForStaff } from '#app/modules/staff/directory.server'
import { getRequestLocale } from '#app/utils/i18n.server'
import { titleMeta } from '#app/utils/meta'
import { appErrorReply, handle, requireParam } from '#app/utils/route.server'
import { requireActor } from '#app/utils/session.server'
import { redirectWithToast } from '#app/utils/toast.server'
import { readFormData } from '#app/utils/form.server'

/**
 * A user's staff page: memberships, staff roles, sessions, e-mail verification, state; hub
 * administrators disable, enable or force a password reset (intents `disable`, `enable`,
 * `forceReset`; moderators see no buttons and the POST answers 403). Decision 0023.
 */
export const meta = titleMeta

export async function loader(args: LoaderFunctionArgs) {
  return handle(args, async ({ request, params }) => {
    const actor = await requireActor(request)
    const userId = requireParam(params, 'userId')
    const [page, locale] = await Promise.all([getUserForStaff(actor, userId), getRequestLocale(request)])
    return json({ title: page.user.name, locale, ...page })
  })
}

export async function action(args: ActionFunctionArgs) {
  return handle(args, async ({ request, params, context }) => {
    const actor = await requireActor(request)
    const userId = requireParam(params, 'userId')
    // Authorised before the form is read: a moderator's POST is refused whatever it holds (403).
    await authoriseUserAdministration(actor, userId)
    const formData = await readFormData(request)
    formData.set('userId', userId)
    const submission = parseWithZod(formData, { schema: userAdminSchema })
    if (submission.status !== 'success') return json({ result: submission.reply() }, { status: 400 })
    try {
      const { done } = await administerUser(actor, submission.value, context.requestId)
      return redirectWithToast(`/staff/users/${userId}`, { messageKey: `directory.user.done.${done}` })
    } catch (error) {
      const { result, status } = await appErrorReply(request, submission, error)
      return json({ result }, { status })
    }
  })
}

export default function StaffUserPage() {
  const { user, canAdminister, isAdmin, locale } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const { t } = useTranslation()
  const [form, fields] = useForm({
    id: 'disable-user',
    lastResult: actionData?.result,
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: userAdminSchema }),
  })
  const pending = (intent: string) => navigation.state === 'submitting' && navigation.formData?.get('intent') === intent
  return (
    <div className="space-y-8">
      <div>
        <Link to="/staff/users" className="text-sm font-medium text-brand-700 underline">
          {t('directory.user.back')}
        </Link>
        <PageHeader
          title={user.name}
          description={user.email}
          actions={
            user.disabledAt ? (
              <Badge tone="danger">{t('directory.users.disabled')}</Badge>
            ) : user.passwordResetRequiredAt ? (
              <Badge tone="warning">{t('directory.users.resetRequired')}</Badge>
            ) : (
              <Badge tone="success">{t('directory.users.active')}</Badge>
            )
          }
        />
      </div>

      <Section id="user-account" title={t('directory.user.account')}>
        <Card>
          <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
            <div>
              <dt className="font-medium">{t('directory.user.createdAt')}</dt>
              <dd>{formatDate(user.createdAt, locale)}</dd>
            </div>
            <div>
              <dt className="font-medium">{t('directory.users.lastLogin')}</dt>
              <dd>{user.lastLoginAt ? formatDate(user.lastLoginAt, locale, { withTime: true }) : t('directory.org.never')}</dd>
            </div>
            <div>
              <dt className="font-medium">{t('directory.user.emailVerified')}</dt>
              <dd>{user.emailVerifiedAt ? t('directory.user.emailVerifiedOn', { date: formatDate(user.emailVerifiedAt, locale) }) : t('directory.user.emailNotVerified')}</dd>
            </div>
            <div>
              <dt className="font-medium">{t('directory.user.sessions')}</dt>
              <dd>{user.sessions}</dd>
            </div>
            <div className="sm:col-span-2">
              <dt className="font-medium">{t('directory.user.status')}</dt>
              <dd>
                {user.disabledAt ? (
                  <>
                    {t('directory.user.disabledOn', { date: formatDate(user.disabledAt, locale, { withTime: true }) })}
                    {user.disabledReason ? <span className="block">{t('directory.user.disabledReason', { reason: user.disabledReason })}</span> : null}
                  </>
                ) : user.passwordResetRequiredAt ? (
                  t('directory.user.resetRequiredOn', { date: formatDate(user.passwordResetRequiredAt, locale, { withTime: true }) })
                ) : (
                  t('directory.users.active')
                )}
              </dd>
            </div>
          </dl>
        </Card>
      </Section>

      <Section id="user-memberships" title={t('directory.user.memberships')}>
        {user.memberships.length === 0 ? (
          <p className="text-sm">{t('directory.user.membershipsEmpty')}</p>
        ) : (
          <DirectoryTable caption={t('directory.user.memberships')} headers={[t('directory.orgs.name'), t('directory.orgs.kind'), t('directory.orgs.status'), t('directory.org.memberRole'), t('directory.orgs.hub')]}>
            {user.memberships.map((membership) => (
              <tr key={membership.organisation.id}>
                <Cell>
                  <Link to={`/staff/organisations/${membership.organisation.id}`} className="font-medium text-brand-700 underline">
                    {membership.organisation.name}
                  </Link>
                </Cell>
                <Cell>{t(`orgKind.${membership.organisation.kind}`)}</Cell>
                <Cell>
                  <OrgStatusBadge status={membership.organisation.status} />
                </Cell>
                <Cell>{t(`memberRole.${membership.role}`)}</Cell>
                <Cell>{membership.organisation.homeHub.shortName}</Cell>
              </tr>
            ))}
          </DirectoryTable>
        )}
      </Section>

      <Section id="user-staff" title={t('directory.user.staffRoles')}>
        {user.staffRoles.length === 0 ? (
          <p className="text-sm">{t('directory.user.staffRolesEmpty')}</p>
        ) : (
          <ul className="list-inside list-disc text-sm">
            {user.staffRoles.map((role) => (
              <li key={role.hub.shortName}>
                {role.hub.shortName} · {t(`staffRole.${role.role}`)}
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section id="user-actions" title={t('directory.user.actions')}>
        {!isAdmin ? (
          <Alert tone="info">{t('directory.user.adminsOnly')}</Alert>
        ) : !canAdminister ? (
          <Alert tone="info">{t('directory.user.notAllowed')}</Alert>
        ) : (
          <Card className="space-y-6">
            {user.disabledAt ? (
              <Form method="post">
                <FormErrors errors={actionData?.result.initialValue?.intent === 'enable' ? actionData.result.error?.[''] : undefined} />
                <Button type="submit" name="intent" value="enable" pending={pending('enable')}>
                  {t('directory.user.enable')}
                </Button>
              </Form>
            ) : (
              <Form method="post" className="space-y-3" {...getFormProps(form)}>
                <p className="text-sm text-stone-700">{t('directory.user.disableHint')}</p>
                <FormErrors id={form.errorId} errors={form.errors} />
                <input type="hidden" name="userId" value={user.id} />
                <Field label={t('directory.user.reason')} errors={fields.reason?.errors} inputProps={{ ...getInputProps(fields.reason!, { type: 'text' }) }} />
                <Button type="submit" name="intent" value="disable" variant="danger" pending={pending('disable')}>
                  {t('directory.user.disable')}
                </Button>
              </Form>
            )}
            <Form method="post" className="space-y-3 border-t border-stone-200 pt-4">
              <p className="text-sm text-stone-700">{t('directory.user.forceResetHint')}</p>
              <Button type="submit" name="intent" value="forceReset" variant="secondary" pending={pending('forceReset')}>
                {t('directory.user.forceReset')}
              </Button>
            </Form>
          </Card>
        )}
      </Section>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
