import { getFormProps, getInputProps, getSelectProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type TypedResponse } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { CsvLinks } from '#app/components/console'
import { GeneralErrorBoundary } from '#app/components/error-boundary'
import { Button } from '#app/components/ui/button'
import { Card, PageHeader } from '#app/components/ui/card'
import { Field, FormErrors, SelectField } from '#app/components/ui/field'
import { grantStaffSchema, staffRoleKinds, staffTeamActionSchema } from '#app/modules/staff/schema'
import { grantStaffRole, listHubTeams, revokeStaffRole } from '#app/modules/staff/service.server'
import { csvRequest, csvResponse } from '#app/utils/csv.server'
import { getRequestT } from '#app/utils/i18n.server'
import { titleMeta } from '#app/utils/meta'
import { handle, invalidFormResult, replyWithAppError } from '#app/utils/route.server'
import { requireActor } from '#app/utils/session.server'
import { redirectWithToast } from '#app/utils/toast.server'
import { readFormData, singleValue } from '#app/utils/form.server'

export const meta = titleMeta

export async function loader(args: LoaderFunctionArgs) {
  return handle(args, async ({ request, context }) => {
    const actor = await requireActor(request)
    const [hubs, t] = await Promise.all([listHubTeams(actor), getRequestT(request)])
    const csv = csvRequest(new URL(request.url))
    if (csv) {
      const rows = hubs.flatMap((hub) => hub.staffRoles.map((role) => ({ hub: hub.name, ...role })))
      // The file, not the page: typed `never` so that the page's data keeps its type.
      const file = await csvResponse<(typeof rows)[number]>({
        request,
        actor,
        table: 'team',
        separator: csv.separator,
        hubId: hubs.length === 1 ? hubs[0]!.id : null,
        requestId: context.requestId,
        rows,
        columns: [
          { header: t('console.csvColumns.team.hub'), value: (row) => row.hub },
          { header: t('console.csvColumns.team.name'), value: (row) => row.user.name },
          { header: t('console.csvColumns.team.email'), value: (row) => row.user.email },
          { header: t('console.csvColumns.team.role'), value: (row) => t(`staffRole.${row.role}`) },
          { header: t('console.csvColumns.team.since'), value: (row) => row.createdAt },
        ],
      })
      return file as TypedResponse<never>
    }
    return json({ title: t('staffTeam.title'), hubs, me: actor.userId })
  })
}

export async function action(args: ActionFunctionArgs) {
  return handle(args, async ({ request, context }) => {
    const actor = await requireActor(request)
    const formData = await readFormData(request)
    const intent = singleValue(formData, 'intent')
    if (intent !== 'grant' && intent !== 'revoke') return json({ result: invalidFormResult() }, { status: 400 })
    const submission = parseWithZod(formData, { schema: staffTeamActionSchema })
    if (submission.status !== 'success') return json({ result: submission.reply() }, { status: 400 })
    try {
      if (submission.value.intent === 'grant') {
        await grantStaffRole(actor, submission.value, context.requestId)
        return redirectWithToast('/staff/team', { messageKey: 'staffTeam.granted', values: { email: submission.value.email } })
      }
      await revokeStaffRole(actor, submission.value.staffRoleId, context.requestId)
      return redirectWithToast('/staff/team', { messageKey: 'staffTeam.revoked' })
    } catch (error) {
      return replyWithAppError(request, submission, error)
    }
  })
}

function GrantForm({ hubId }: { hubId: string }) {
  const { t } = useTranslation()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const [form, fields] = useForm({
    id: `grant-${hubId}`,
    lastResult: actionData?.result?.initialValue?.hubId === hubId ? actionData.result : undefined,
    defaultValue: { role: 'MODERATOR' },
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: grantStaffSchema }),
  })
  return (
    <Form method="post" className="grid gap-3 border-t border-stone-200 pt-4 sm:grid-cols-[1fr_12rem_auto] sm:items-end" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="grant" />
      <input type="hidden" name="hubId" value={hubId} />
      <div className="sm:col-span-3">
        <FormErrors id={form.errorId} errors={form.errors} />
      </div>
      <Field label={t('staffTeam.email')} hint={t('staffTeam.emailHint')} errors={fields.email.errors} inputProps={getInputProps(fields.email, { type: 'email' })} />
      <SelectField
        label={t('staffTeam.role')}
        errors={fields.role.errors}
        selectProps={getSelectProps(fields.role)}
        options={staffRoleKinds.map((role) => ({ value: role, label: t(`staffRole.${role}`) }))}
      />
      <Button type="submit" pending={navigation.state === 'submitting' && navigation.formData?.get('hubId') === hubId}>
        {t('staffTeam.grant')}
      </Button>
    </Form>
  )
}

export default function StaffTeamPage() {
  const { hubs, me } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  const result = actionData?.result
  // A grant form on this page shows its own errors; the others (a revocation, its hidden ids) are answered here.
  const shownByGrantForm = result && 'initialValue' in result && result.initialValue?.intent === 'grant' && hubs.some((hub) => hub.id === result.initialValue?.hubId)
  const generalErrors = result && !shownByGrantForm ? Object.values(result.error ?? {}).flat() : undefined
  return (
    <div className="space-y-6">
      <PageHeader title={t('staffTeam.title')} description={t('staffTeam.intro')} />
      <CsvLinks />
      <FormErrors errors={generalErrors} />
      {hubs.map((hub) => (
        <Card key={hub.id} className="space-y-4">
          <h2 className="text-lg font-semibold">{hub.name}</h2>
          <ul className="divide-y divide-stone-200">
            {hub.staffRoles.map((role) => (
              <li key={role.id} className="flex flex-wrap items-center justify-between gap-3 py-2">
                <div>
                  <p className="font-medium">{role.user.name}</p>
                  <p className="text-sm text-stone-700">
                    {role.user.email} · {t(`staffRole.${role.role}`)}
                  </p>
                </div>
                {role.user.id !== me ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="revoke" />
                    <input type="hidden" name="staffRoleId" value={role.id} />
                    <Button type="submit" size="sm" variant="secondary" aria-label={t('staffTeam.revokeLabel', { name: role.user.name })}>
                      {t('staffTeam.revoke')}
                    </Button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
          <GrantForm hubId={hub.id} />
        </Card>
      ))}
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
