import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '#app/components/error-boundary'
import { TeamSection } from '#app/components/org-team'
import { Button } from '#app/components/ui/button'
import { Alert, Badge, Card, EmptyState, PageHeader } from '#app/components/ui/card'
import { Field, FormErrors } from '#app/components/ui/field'
import { formatDate } from '#app/i18n/format'
import { apiBaseUrl } from '#app/modules/api/dispatch.server'
import { apiTokenActionSchema, createApiTokenSchema } from '#app/modules/api/token-schema'
import { createApiToken, getApiTokenSettings, revokeApiToken } from '#app/modules/organisations/api-tokens.server'
import { teamActionSchema, teamIntents } from '#app/modules/organisations/members-schema'
import { applyTeamAction, getTeamSettings } from '#app/modules/organisations/members.server'
import { readFormData, singleValue } from '#app/utils/form.server'
import { getRequestLocale, getRequestT } from '#app/utils/i18n.server'
import { titleMeta } from '#app/utils/meta'
import { appErrorReply, handle, invalidFormResult, requireParam } from '#app/utils/route.server'
import { requireActor } from '#app/utils/session.server'
import { redirectWithToast, toastHeaders } from '#app/utils/toast.server'

export const meta = titleMeta

export async function loader(args: LoaderFunctionArgs) {
  return handle(args, async ({ request, params }) => {
    const actor = await requireActor(request)
    const slug = requireParam(params, 'slug')
    // The owners' and administrators' page (404 for anyone else): the team, then the API tokens.
    const settings = await getApiTokenSettings(actor, slug)
    const team = await getTeamSettings(actor, slug)
    const t = await getRequestT(request)
    return json({
      title: `${t('members.settingsTitle')} · ${settings.organisation.name}`,
      locale: await getRequestLocale(request),
      apiBaseUrl: apiBaseUrl(),
      ...settings,
      members: team.members,
      invitations: team.invitations,
    })
  })
}

export async function action(args: ActionFunctionArgs) {
  return handle(args, async ({ request, params, context }) => {
    const actor = await requireActor(request)
    const { organisation } = await getApiTokenSettings(actor, requireParam(params, 'slug'))
    const formData = await readFormData(request)
    const intent = singleValue(formData, 'intent')
    if ((teamIntents as readonly (string | null)[]).includes(intent)) {
      const submission = parseWithZod(formData, { schema: teamActionSchema })
      if (submission.status !== 'success') return json({ intent, result: submission.reply(), created: null }, { status: 400 })
      try {
        const done = await applyTeamAction(actor, organisation.slug, submission.value, context.requestId)
        // Back to the page (a plain form post works without JavaScript); away from it once the actor left.
        return redirectWithToast(done.stillMember ? `/orgs/${organisation.slug}/settings` : '/', done.toast)
      } catch (error) {
        const { result, status } = await appErrorReply(request, submission, error)
        return json({ intent, result, created: null }, { status })
      }
    }
    if (intent !== 'create' && intent !== 'revoke') return json({ intent: null, result: invalidFormResult(), created: null }, { status: 400 })
    const submission = parseWithZod(formData, { schema: apiTokenActionSchema })
    if (submission.status !== 'success') return json({ intent, result: submission.reply(), created: null }, { status: 400 })
    try {
      if (submission.value.intent === 'create') {
        const created = await createApiToken(actor, organisation.id, submission.value, context.requestId)
        // The secret is in this one response, never stored in clear nor shown again.
        return json(
          { intent, result: submission.reply({ resetForm: true }), created: { name: created.name, token: created.token } },
          { headers: { 'Cache-Control': 'no-store' } },
        )
      }
      const revoked = await revokeApiToken(actor, organisation.id, submission.value.tokenId, context.requestId)
      return json(
        { intent, result: submission.reply(), created: null },
        { headers: await toastHeaders({ messageKey: 'api.settings.revokedToast', values: { name: revoked.name } }) },
      )
    } catch (error) {
      const { result, status } = await appErrorReply(request, submission, error)
      return json({ intent, result, created: null }, { status })
    }
  })
}

function NewToken({ name, token }: { name: string; token: string }) {
  const { t } = useTranslation()
  const [copyStatus, setCopyStatus] = useState<'idle' | 'copied' | 'failed'>('idle')
  async function copy() {
    try {
      await navigator.clipboard.writeText(token)
      setCopyStatus('copied')
    } catch {
      setCopyStatus('failed')
    }
  }
  return (
    <Alert tone="warning" title={t('api.settings.newTokenTitle', { name })}>
      <p>{t('api.settings.newTokenWarning')}</p>
      <div className="mt-3 flex flex-wrap items-end gap-2">
        <Field
          className="min-w-0 flex-1"
          label={t('api.settings.newTokenLabel')}
          inputProps={{
            id: 'new-api-token',
            readOnly: true,
            value: token,
            className: 'font-mono',
            spellCheck: false,
            autoComplete: 'off',
            onFocus: (event) => event.currentTarget.select(),
          }}
        />
        <Button type="button" variant="secondary" size="sm" onClick={() => void copy()}>
          {t('api.settings.copy')}
        </Button>
      </div>
      <p aria-live="polite" className="mt-2 text-sm font-medium">
        {copyStatus === 'copied' ? t('api.settings.copied') : copyStatus === 'failed' ? t('api.settings.copyFailed') : null}
      </p>
    </Alert>
  )
}

export default function OrganisationApiSettings() {
  const { organisation, tokens, canCreate, locale, apiBaseUrl, members, invitations } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const { t } = useTranslation()
  const [form, fields] = useForm({
    id: 'create-api-token',
    lastResult: actionData?.intent === 'create' ? actionData.result : undefined,
    shouldValidate: 'onBlur',
    // Once shown, an error clears while typing: no layout shift under the pointer on submit.
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: createApiTokenSchema }),
  })
  const submitting = navigation.state === 'submitting'
  // Revoking (a hidden token id) and unknown intents are answered above the token list; team forms above the team.
  const isTeamIntent = (teamIntents as readonly (string | null | undefined)[]).includes(actionData?.intent)
  const errorsOf = (...names: string[]) => names.flatMap((name) => actionData?.result.error?.[name] ?? [])
  const revokeErrors = actionData && actionData.intent !== 'create' && !isTeamIntent ? errorsOf('', 'tokenId') : undefined
  const teamErrors = isTeamIntent ? errorsOf('', 'membershipId', 'invitationId', 'role') : undefined
  return (
    <div className="space-y-6">
      <PageHeader
        title={t('members.settingsTitle')}
        description={organisation.name}
        actions={
          <Link to={`/orgs/${organisation.slug}`} className="font-semibold text-brand-700 underline">
            {t('api.settings.backToOrganisation')}
          </Link>
        }
      />
      <p><Link to={`/orgs/${organisation.slug}/billing`} className="font-semibold text-brand-700 underline">{t('billing.link')}</Link></p>
      <TeamSection slug={organisation.slug} members={members} invitations={invitations} locale={locale} errors={teamErrors} />

      <Card className="space-y-2">
        <h2 className="text-lg font-semibold">{t('api.settings.title')}</h2>
        <p className="text-stone-800">{t('api.settings.description')}</p>
        <p className="text-sm text-stone-700">{t('api.settings.usage', { baseUrl: apiBaseUrl })}</p>
        <p>
          <a href="/api/v1/openapi.json" className="font-semibold text-brand-700 underline" type="application/json">
            {t('api.settings.docsLink')}
          </a>
        </p>
      </Card>

      {actionData?.created ? <NewToken name={actionData.created.name} token={actionData.created.token} /> : null}

      <div className="grid gap-6 lg:grid-cols-3">
        <Card className="space-y-3 lg:col-span-2">
          <h2 className="text-lg font-semibold">{t('api.settings.listTitle')}</h2>
          <FormErrors errors={revokeErrors} />
          {tokens.length === 0 ? (
            <EmptyState title={t('api.settings.noTokens')} />
          ) : (
            <div className="overflow-x-auto">
              <table className="min-w-full text-left text-sm">
                <caption className="sr-only">{t('api.settings.tokenCount', { count: tokens.length })}</caption>
                <thead className="border-b border-stone-200 text-stone-600">
                  <tr>
                    <th scope="col" className="py-2 pr-3 font-medium">{t('api.settings.columns.name')}</th>
                    <th scope="col" className="py-2 pr-3 font-medium">{t('api.settings.columns.prefix')}</th>
                    <th scope="col" className="py-2 pr-3 font-medium">{t('api.settings.columns.createdBy')}</th>
                    <th scope="col" className="py-2 pr-3 font-medium">{t('api.settings.columns.createdAt')}</th>
                    <th scope="col" className="py-2 pr-3 font-medium">{t('api.settings.columns.lastUsedAt')}</th>
                    <th scope="col" className="py-2 pr-3 font-medium">{t('api.settings.columns.status')}</th>
                    <th scope="col" className="py-2 font-medium">
                      <span className="sr-only">{t('api.settings.columns.actions')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-stone-200">
                  {tokens.map((token) => (
                    <tr key={token.id}>
                      <th scope="row" className="py-2 pr-3 font-medium text-stone-900">{token.name}</th>
                      <td className="py-2 pr-3 font-mono">{token.prefix}…</td>
                      <td className="py-2 pr-3">{token.createdByName}</td>
                      <td className="py-2 pr-3">{formatDate(token.createdAt, locale)}</td>
                      <td className="py-2 pr-3">{token.lastUsedAt ? formatDate(token.lastUsedAt, locale, { withTime: true }) : t('api.settings.never')}</td>
                      <td className="py-2 pr-3">
                        {token.revokedAt ? (
                          <Badge tone="neutral">{t('api.settings.revokedOn', { date: formatDate(token.revokedAt, locale) })}</Badge>
                        ) : (
                          <Badge tone="success">{t('api.settings.active')}</Badge>
                        )}
                      </td>
                      <td className="py-2 text-right">
                        {token.revokedAt ? null : (
                          <Form method="post">
                            <input type="hidden" name="intent" value="revoke" />
                            <input type="hidden" name="tokenId" value={token.id} />
                            <Button type="submit" variant="danger" size="sm" aria-label={t('api.settings.revokeLabel', { name: token.name })} disabled={submitting}>
                              {t('api.settings.revoke')}
                            </Button>
                          </Form>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Card>

        <Card className="space-y-3">
          <h2 className="text-lg font-semibold">{t('api.settings.createTitle')}</h2>
          {canCreate ? (
            <Form method="post" className="space-y-3" {...getFormProps(form)}>
              <input type="hidden" name="intent" value="create" />
              <FormErrors id={form.errorId} errors={form.errors} />
              <Field
                label={t('api.settings.name')}
                hint={t('api.settings.nameHint')}
                errors={fields.name.errors}
                inputProps={{ ...getInputProps(fields.name, { type: 'text' }), maxLength: 60, autoComplete: 'off' }}
              />
              <Button type="submit" pending={submitting && navigation.formData?.get('intent') === 'create'}>
                {t('api.settings.createSubmit')}
              </Button>
            </Form>
          ) : (
            <Alert tone="info">{t('api.settings.notVerified')}</Alert>
          )}
        </Card>
      </div>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
