import { getFormProps, getTextareaProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { GeneralErrorBoundary } from '#app/components/error-boundary'
import { MatchReasons, ScoreBadge } from '#app/components/match-score'
import { ApplicationStatusBadge, NeedStatusBadge } from '#app/components/status-badges'
import { Button, LinkButton } from '#app/components/ui/button'
import { Alert, Badge, Card, PageHeader } from '#app/components/ui/card'
import { FormErrors, TextareaField } from '#app/components/ui/field'
import { formatDate, formatEurRange } from '#app/i18n/format'
import { listMatchesForNeed } from '#app/modules/matching/service.server'
import { moderateNeedSchema, requestChangesSchema } from '#app/modules/needs/schema'
import { getNeedForActor, moderateNeed, submitNeed } from '#app/modules/needs/service.server'
import { getRequestLocale } from '#app/utils/i18n.server'
import { titleMeta } from '#app/utils/meta'
import { handle, replyWithAppError, requireParam } from '#app/utils/route.server'
import { requireActor } from '#app/utils/session.server'
import { redirectWithToast } from '#app/utils/toast.server'

export const meta = titleMeta

export async function loader(args: LoaderFunctionArgs) {
  return handle(args, async ({ request, params }) => {
    const actor = await requireActor(request)
    const needId = requireParam(params, 'needId')
    const view = await getNeedForActor(actor, needId)
    const recommendations = view.actions.viewApplications && view.need.status === 'PUBLISHED' ? await listMatchesForNeed(needId, 10) : []
    return json({ title: view.need.title, locale: await getRequestLocale(request), ...view, recommendations })
  })
}

const intentSchema = z.object({ intent: z.enum(['submit', 'publish', 'requestChanges']) })

export async function action(args: ActionFunctionArgs) {
  return handle(args, async ({ request, params, context }) => {
    const actor = await requireActor(request)
    const needId = requireParam(params, 'needId')
    const formData = await request.formData()
    const intent = intentSchema.safeParse({ intent: formData.get('intent') })
    if (!intent.success) return json({ result: null, code: 'invalid_intent' }, { status: 400 })

    if (intent.data.intent === 'submit') {
      await submitNeed(actor, needId, context.requestId)
      return redirectWithToast(`/needs/${needId}`, { messageKey: 'needs.submittedToast' })
    }
    formData.set('needId', needId)
    const submission = parseWithZod(formData, { schema: moderateNeedSchema })
    if (submission.status !== 'success') return json({ result: submission.reply(), code: 'invalid_input' }, { status: 400 })
    try {
      await moderateNeed(actor, submission.value, context.requestId)
    } catch (error) {
      return replyWithAppError(request, submission, error)
    }
    return redirectWithToast(`/needs/${needId}`, {
      messageKey: submission.value.intent === 'publish' ? 'moderation.publishedToast' : 'moderation.changesRequestedToast',
    })
  })
}

function RequestChangesForm() {
  const { t } = useTranslation()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const [form, fields] = useForm({
    id: 'request-changes',
    lastResult: actionData?.result ?? undefined,
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: requestChangesSchema }),
  })
  return (
    <Form method="post" className="space-y-3" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="requestChanges" />
      <input type="hidden" name="needId" value="-" />
      <FormErrors id={form.errorId} errors={form.errors} />
      <TextareaField
        label={t('moderation.comment')}
        hint={t('moderation.commentHint')}
        errors={fields.comment.errors}
        textareaProps={{ ...getTextareaProps(fields.comment), rows: 3 }}
      />
      <Button type="submit" variant="secondary" pending={navigation.state === 'submitting' && navigation.formData?.get('intent') === 'requestChanges'}>
        {t('moderation.requestChanges')}
      </Button>
    </Form>
  )
}

export default function NeedPage() {
  const { need, details, match, application, applicationCount, actions, visibility, recommendations, locale } = useLoaderData<typeof loader>()
  const navigation = useNavigation()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  const busy = (intent: string) => navigation.state === 'submitting' && navigation.formData?.get('intent') === intent

  return (
    <div className="space-y-6">
      <PageHeader
        title={need.title}
        description={`${need.partner.name} · ${need.hub.shortName} · ${t(`needKind.${need.kind}`)}`}
        actions={
          <>
            <NeedStatusBadge status={need.status} />
            {actions.edit ? (
              <LinkButton to={`/needs/${need.id}/edit`} variant="secondary">
                {t('needs.edit')}
              </LinkButton>
            ) : null}
            {actions.submit ? (
              <Form method="post">
                <Button type="submit" name="intent" value="submit" pending={busy('submit')}>
                  {t('needForm.submit')}
                </Button>
              </Form>
            ) : null}
            {actions.viewApplications ? (
              <LinkButton to={`/needs/${need.id}/applications`} variant="secondary">
                {t('needs.applicationsLink', { count: applicationCount })}
              </LinkButton>
            ) : null}
          </>
        }
      />

      <FormErrors errors={actionData?.result?.error?.['']} />

      {visibility === 'teaser' ? (
        <Alert tone="warning" title={t('needs.confidentialTitle')}>
          {t('needs.confidentialBody')}
        </Alert>
      ) : null}

      {details?.moderationComment && need.status === 'CHANGES_REQUESTED' ? (
        <Alert tone="warning" title={t('needs.changesRequested')}>
          <p className="whitespace-pre-line">{details.moderationComment}</p>
        </Alert>
      ) : null}
      {need.status === 'SUBMITTED' && !actions.publish ? <Alert tone="info" title={t('needs.awaitingModeration')} /> : null}

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          {details ? (
            <Card className="space-y-4">
              {details.summary ? <p className="text-lg text-stone-900">{details.summary}</p> : null}
              <div className="whitespace-pre-line text-stone-800">{details.description}</div>
              {details.skills.length > 0 ? (
                <div>
                  <h2 className="text-sm font-medium text-stone-600">{t('needForm.skills')}</h2>
                  <ul className="mt-1 flex flex-wrap gap-1">
                    {details.skills.map((skill) => (
                      <li key={skill}>
                        <Badge>{skill}</Badge>
                      </li>
                    ))}
                  </ul>
                </div>
              ) : null}
            </Card>
          ) : null}

          {actions.publish || actions.requestChanges ? (
            <Card className="space-y-4">
              <h2 className="text-lg font-semibold">{t('moderation.title')}</h2>
              {actions.publish ? (
                <Form method="post">
                  <Button type="submit" name="intent" value="publish" pending={busy('publish')}>
                    {t('moderation.publish')}
                  </Button>
                </Form>
              ) : null}
              {actions.requestChanges ? <RequestChangesForm /> : null}
            </Card>
          ) : null}

          {recommendations.length > 0 ? (
            <Card>
              <h2 className="text-lg font-semibold">{t('matching.recommendedFirms')}</h2>
              <ul className="mt-3 divide-y divide-stone-200">
                {recommendations.map((recommendation) => (
                  <li key={recommendation.id} className="flex gap-3 py-3">
                    <ScoreBadge score={recommendation.score} />
                    <div>
                      <p className="font-medium">
                        <Link to={`/orgs/${recommendation.firm.slug}`} className="hover:underline">
                          {recommendation.firm.name}
                        </Link>
                        {recommendation.firm.communeName ? <span className="text-stone-600"> · {recommendation.firm.communeName}</span> : null}
                      </p>
                      <MatchReasons breakdown={recommendation.breakdown} />
                    </div>
                  </li>
                ))}
              </ul>
            </Card>
          ) : null}
        </div>

        <aside className="space-y-6">
          {match ? (
            <Card className="space-y-2">
              <div className="flex items-center gap-3">
                <ScoreBadge score={match.score} />
                <h2 className="font-semibold">{t('matching.whyThisMatch')}</h2>
              </div>
              <MatchReasons breakdown={match.breakdown} />
            </Card>
          ) : null}
          {application ? (
            <Card className="space-y-2">
              <h2 className="font-semibold">{t('applications.yours')}</h2>
              <ApplicationStatusBadge status={application.status} />
              {application.submittedAt ? (
                <p className="text-sm text-stone-700">{t('applications.submittedOn', { date: formatDate(application.submittedAt, locale) })}</p>
              ) : null}
              {application.status === 'DRAFT' ? (
                <LinkButton to={`/needs/${need.id}/apply`} size="sm">
                  {t('applications.continueDraft')}
                </LinkButton>
              ) : (
                <Link to="/applications" className="text-sm font-semibold text-brand-700 underline">
                  {t('nav.myApplications')}
                </Link>
              )}
            </Card>
          ) : null}
          {actions.apply ? (
            <LinkButton to={`/needs/${need.id}/apply`} className="w-full">
              {t('applications.apply')}
            </LinkButton>
          ) : null}
          {details ? (
            <Card>
              <dl className="space-y-3 text-sm">
                {details.budgetMinEur !== null || details.budgetMaxEur !== null ? (
                  <div>
                    <dt className="font-medium text-stone-600">{t('needs.budget')}</dt>
                    <dd>{formatEurRange(details.budgetMinEur, details.budgetMaxEur, locale)}</dd>
                  </div>
                ) : null}
                {details.deadline ? (
                  <div>
                    <dt className="font-medium text-stone-600">{t('needs.deadline')}</dt>
                    <dd>{formatDate(details.deadline, locale)}</dd>
                  </div>
                ) : null}
                {details.expectedStart ? (
                  <div>
                    <dt className="font-medium text-stone-600">{t('needForm.expectedStart')}</dt>
                    <dd>{formatDate(details.expectedStart, locale)}</dd>
                  </div>
                ) : null}
                <div>
                  <dt className="font-medium text-stone-600">{t('needs.location')}</dt>
                  <dd>
                    {details.communeName ?? '—'}
                    {details.radiusKm ? ` (${t('needs.radius', { km: details.radiusKm })})` : ''}
                    {details.remoteOk ? ` · ${t('needs.remoteOk')}` : ''}
                  </dd>
                </div>
                <div>
                  <dt className="font-medium text-stone-600">{t('needForm.visibility')}</dt>
                  <dd>{t(`visibility.${need.visibility}`)}</dd>
                </div>
                <div>
                  <dt className="font-medium text-stone-600">{t('needForm.matchingMode')}</dt>
                  <dd>{t(`matchingMode.${need.matchingMode}`)}</dd>
                </div>
                {details.sharedWith.length > 0 ? (
                  <div>
                    <dt className="font-medium text-stone-600">{t('needForm.sharedHubs')}</dt>
                    <dd>{details.sharedWith.join(', ')}</dd>
                  </div>
                ) : null}
                {details.nafCodes.length > 0 ? (
                  <div>
                    <dt className="font-medium text-stone-600">{t('needForm.nafCodes')}</dt>
                    <dd>{details.nafCodes.join(', ')}</dd>
                  </div>
                ) : null}
              </dl>
            </Card>
          ) : null}
        </aside>
      </div>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
