import { getFormProps, getTextareaProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { GeneralErrorBoundary } from '#app/components/error-boundary'
import { MatchReasons, ScoreBadge } from '#app/components/match-score'
import { FeedbackButtons, RecommendationList } from '#app/components/recommendation-list'
import { ApplicationStatusBadge, NeedStatusBadge } from '#app/components/status-badges'
import { Button, LinkButton } from '#app/components/ui/button'
import { Alert, Badge, Card, PageHeader } from '#app/components/ui/card'
import { CheckboxField, ErrorList, FormErrors, TextareaField } from '#app/components/ui/field'
import { formatDate, formatEurRange } from '#app/i18n/format'
import { daysUntil } from '#app/modules/applications/pipeline'
import { ndaParagraphs } from '#app/modules/hubs/nda'
import { actOnMatch, listRecommendations } from '#app/modules/matching/invitations.server'
import { FollowToggle, NeedLifecycleCard, type LifecycleReply } from '#app/components/need-lifecycle'
import { acceptNdaSchema, answerQuestionSchema, askQuestionSchema, needLifecycleActions, needLifecycleFormSchema, requestChangesSchema } from '#app/modules/needs/schema'
import { acceptNda, answerQuestion, askQuestion } from '#app/modules/needs/questions.server'
import { changeNeedLifecycle, countUndecidedApplications, getNeedForActor, moderateNeed, submitNeed, withdrawRevision } from '#app/modules/needs/service.server'
import { isNeedPartner } from '#app/modules/policy/policy'
import { followStateFor, setFollow } from '#app/modules/reminders/follows.server'
import { isAppError } from '#app/modules/shared/app-error'
import { recordId } from '#app/modules/shared/fields'
import { NeedCooperation } from '#app/components/need-cooperation'
import { renderMarkdown } from '#app/modules/shared/markdown.server'
import { readFormData, singleValue } from '#app/utils/form.server'
import { getRequestLocale } from '#app/utils/i18n.server'
import { titleMeta } from '#app/utils/meta'
import { handle, invalidFormResult, replyWithAppError, requireParam } from '#app/utils/route.server'
import { requireActor } from '#app/utils/session.server'
import { redirectWithToast } from '#app/utils/toast.server'

export const meta = titleMeta

export async function loader(args: LoaderFunctionArgs) {
  return handle(args, async ({ request, params }) => {
    const actor = await requireActor(request)
    const needId = requireParam(params, 'needId')
    const view = await getNeedForActor(actor, needId)
    const recommendations = view.actions.manageMatches ? await listRecommendations(actor, needId, {}, 5) : null
    const deciding = view.actions.close || view.actions.award || view.actions.notAward
    const [undecided, follow] = await Promise.all([deciding ? countUndecidedApplications(actor, needId) : 0, followStateFor(actor, needId)])
    return json({
      title: view.need.title,
      locale: await getRequestLocale(request),
      now: new Date().toISOString(),
      descriptionHtml: view.details ? renderMarkdown(view.details.description) : null,
      revisionDescriptionHtml: view.revision ? renderMarkdown(view.revision.description) : null,
      ...view,
      recommendations,
      // Hub staff read the reasons neutrally; only the need's partner reads « votre besoin ».
      recommendationAudience: (isNeedPartner(actor, { partnerId: view.need.partner.id }) ? 'partner' : 'staff') as 'partner' | 'staff',
      undecided,
      follow,
    })
  })
}

const simpleIntents = z.enum(['submit', 'withdrawRevision', 'publish'])
const lifecycleIntents = z.enum(needLifecycleActions)
const matchIntentSchema = z.object({
  intent: z.literal('match'),
  decision: z.enum(['approve', 'reject', 'invite', 'dismiss'], { error: 'validation.invalidChoice' }),
  matchId: recordId,
})

export async function action(args: ActionFunctionArgs) {
  return handle(args, async ({ request, params, context }) => {
    const actor = await requireActor(request)
    const needId = requireParam(params, 'needId')
    const formData = await readFormData(request)
    const intent = singleValue(formData, 'intent') ?? ''
    const back = (messageKey: string, hash = '') => redirectWithToast(`/needs/${needId}${hash}`, { messageKey })

    const simple = simpleIntents.safeParse(intent)
    if (simple.success) {
      switch (simple.data) {
        case 'submit':
          try {
            await submitNeed(actor, needId, context.requestId)
          } catch (error) {
            // An incomplete need: back to the editor, with the fields to complete marked.
            if (isAppError(error) && error.status === 422) {
              return redirectWithToast(`/needs/${needId}/edit?check=1`, { type: 'error', messageKey: 'errors.needIncomplete' })
            }
            // The dues gate (decision 0032): back to the editor, which says why and links the billing page.
            if (isAppError(error) && error.code === 'dues_required') return redirectWithToast(`/needs/${needId}/edit`, { type: 'error', messageKey: error.messageKey, values: error.params })
            throw error
          }
          return back('needs.submittedToast')
        case 'withdrawRevision':
          await withdrawRevision(actor, needId, context.requestId)
          return back('needs.revisionWithdrawn')
        case 'publish':
          await moderateNeed(actor, { needId, intent: 'publish' }, context.requestId)
          return back('moderation.publishedToast')
      }
    }

    if (lifecycleIntents.safeParse(intent).success) {
      const submission = parseWithZod(formData, { schema: needLifecycleFormSchema })
      if (submission.status !== 'success') return json({ result: submission.reply(), code: 'invalid_input' }, { status: 400 })
      const { intent: action, declineReason, declineComment } = submission.value
      try {
        const declineOpen = declineReason ? { reason: declineReason, comment: declineComment ?? '' } : undefined
        await changeNeedLifecycle(actor, needId, action, context.requestId, { declineOpen })
      } catch (error) {
        return replyWithAppError(request, submission, error)
      }
      return back(`needs.lifecycleDone.${action}`)
    }

    if (intent === 'follow' || intent === 'unfollow') {
      await setFollow(actor, needId, intent === 'follow')
      return back(intent === 'follow' ? 'reminders.follow.followedToast' : 'reminders.follow.unfollowedToast')
    }

    if (intent === 'match') {
      const submission = parseWithZod(formData, { schema: matchIntentSchema })
      // Every field of a decision is hidden: its refusal is the form's.
      if (submission.status !== 'success') return json({ result: submission.reply({ formErrors: ['errors.invalidInput'] }), code: 'invalid_input' }, { status: 400 })
      await actOnMatch(actor, submission.value.matchId, submission.value.decision, context.requestId, needId)
      return back(`matching.done.${submission.value.decision}`, '#recommendations')
    }

    const schema =
      intent === 'requestChanges'
        ? requestChangesSchema
        : intent === 'askQuestion'
          ? askQuestionSchema
          : intent === 'answerQuestion'
            ? answerQuestionSchema
            : intent === 'acceptNda'
              ? acceptNdaSchema
              : null
    if (!schema) return json({ result: invalidFormResult(), code: 'invalid_intent' }, { status: 400 })
    formData.set('needId', needId)
    const submission = parseWithZod(formData, { schema: schema as typeof requestChangesSchema })
    if (submission.status !== 'success') {
      // The question answered and the accord's version are hidden fields: the form is refused as a whole too.
      const hidden = intent === 'answerQuestion' || intent === 'acceptNda'
      return json({ result: submission.reply(hidden ? { formErrors: ['errors.invalidInput'] } : undefined), code: 'invalid_input' }, { status: 400 })
    }
    const value = submission.value as unknown as Record<string, string>
    try {
      if (intent === 'requestChanges') await moderateNeed(actor, { needId, intent: 'requestChanges', comment: value.comment }, context.requestId)
      else if (intent === 'askQuestion') await askQuestion(actor, needId, value.body!, context.requestId, { firmId: value.firmId })
      else if (intent === 'answerQuestion') await answerQuestion(actor, needId, value.questionId!, value.answer!, context.requestId)
      else await acceptNda(actor, needId, value.textVersion!, context.requestId, { firmId: value.firmId })
    } catch (error) {
      return replyWithAppError(request, submission, error)
    }
    return back(
      intent === 'requestChanges' ? 'moderation.changesRequestedToast' : intent === 'askQuestion' ? 'questions.askedToast' : intent === 'answerQuestion' ? 'questions.answeredToast' : 'nda.acceptedToast',
      intent === 'askQuestion' || intent === 'answerQuestion' ? '#questions' : '',
    )
  })
}

function useBusy() {
  const navigation = useNavigation()
  return (intent: string) => navigation.state === 'submitting' && navigation.formData?.get('intent') === intent
}

function RequestChangesForm() {
  const { t } = useTranslation()
  const actionData = useActionData<typeof action>()
  const busy = useBusy()
  const [form, fields] = useForm({
    id: 'request-changes',
    lastResult: actionData?.result ?? undefined,
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: requestChangesSchema }),
  })
  return (
    <Form method="post" className="space-y-3" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="requestChanges" />
      <input type="hidden" name="needId" value="-" />
      <TextareaField label={t('moderation.comment')} hint={t('moderation.commentHint')} errors={fields.comment.errors} textareaProps={{ ...getTextareaProps(fields.comment), rows: 3 }} />
      <Button type="submit" variant="secondary" pending={busy('requestChanges')}>
        {t('moderation.requestChanges')}
      </Button>
    </Form>
  )
}

/** The firm the user acts for: a hidden field for one firm, a choice among several. */
function ActingFirmField({ firms, errors }: { firms: Array<{ id: string; name: string }>; errors?: string[] }) {
  const { t } = useTranslation()
  if (firms.length === 0) return null
  if (firms.length === 1) return <input type="hidden" name="firmId" value={firms[0]!.id} />
  return (
    <div className="space-y-1">
      <label htmlFor="acting-firm" className="block text-sm font-medium">
        {t('access.actingFirm.label')}
      </label>
      <select id="acting-firm" name="firmId" required aria-describedby="acting-firm-hint" aria-invalid={errors?.length ? true : undefined} className="block rounded-md border-0 px-3 py-2 text-sm ring-1 ring-inset ring-stone-300">
        <option value="">—</option>
        {firms.map((firm) => (
          <option key={firm.id} value={firm.id}>
            {firm.name}
          </option>
        ))}
      </select>
      <p id="acting-firm-hint" className="text-xs text-stone-600">
        {t('access.actingFirm.hint')}
      </p>
      <ErrorList errors={errors} />
    </div>
  )
}

function AskQuestionForm() {
  const { actingFirms } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const actionData = useActionData<typeof action>()
  const busy = useBusy()
  const [form, fields] = useForm({
    id: 'ask-question',
    lastResult: actionData?.result?.initialValue?.intent === 'askQuestion' ? actionData.result : undefined,
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: askQuestionSchema }),
  })
  return (
    <Form method="post" className="space-y-3 border-t border-stone-200 pt-4" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="askQuestion" />
      <ActingFirmField firms={actingFirms.question} errors={fields.firmId.errors} />
      <TextareaField label={t('questions.ask')} hint={t('questions.askHint')} errors={fields.body.errors} textareaProps={{ ...getTextareaProps(fields.body), rows: 3 }} />
      <Button type="submit" size="sm" pending={busy('askQuestion')}>
        {t('questions.askSubmit')}
      </Button>
    </Form>
  )
}

function AnswerForm({ questionId, current }: { questionId: string; current: string | null }) {
  const { t } = useTranslation()
  const actionData = useActionData<typeof action>()
  const busy = useBusy()
  const answered = actionData?.result?.initialValue
  const errors = answered?.intent === 'answerQuestion' && answered.questionId === questionId ? (actionData?.result?.error as Record<string, string[]> | undefined)?.answer : undefined
  return (
    <Form method="post" className="mt-2 space-y-2">
      <input type="hidden" name="intent" value="answerQuestion" />
      <input type="hidden" name="questionId" value={questionId} />
      <label htmlFor={`answer-${questionId}`} className="block text-sm font-medium">
        {current ? t('questions.editAnswer') : t('questions.answer')}
      </label>
      <textarea id={`answer-${questionId}`} name="answer" rows={2} required minLength={2} maxLength={5000} defaultValue={current ?? ''} aria-invalid={errors ? true : undefined} className="block w-full rounded-md border-0 px-3 py-2 text-sm ring-1 ring-inset ring-stone-300" />
      <ErrorList errors={errors} />
      <Button type="submit" size="sm" variant="secondary" pending={busy('answerQuestion')}>
        {t('questions.answerSubmit')}
      </Button>
    </Form>
  )
}

function NdaCard() {
  const { ndaTextVersion, nda, need, actingFirms } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  const busy = useBusy()
  const errors = actionData?.result?.error as Record<string, string[]> | undefined
  return (
    <Card className="space-y-3">
      <h2 className="text-lg font-semibold">{t('nda.title')}</h2>
      <div className="max-h-64 space-y-2 overflow-y-auto rounded-md bg-stone-50 p-3 text-sm text-stone-800 ring-1 ring-stone-200">
        {/* The hub's own text when it published one (decision 0022), else the platform's. */}
        {(nda?.text ? ndaParagraphs(nda.text) : (t('nda.text', { returnObjects: true, partner: need.partner.name }) as unknown as string[])).map((paragraph) => (
          <p key={paragraph}>{paragraph}</p>
        ))}
      </div>
      <Form method="post" className="space-y-3">
        <input type="hidden" name="intent" value="acceptNda" />
        <input type="hidden" name="textVersion" value={ndaTextVersion} />
        <ActingFirmField firms={actingFirms.nda} errors={errors?.firmId} />
        <FormErrors errors={errors?.['']} />
        <CheckboxField label={t('nda.agree', { version: nda?.number ?? ndaTextVersion })} errors={errors?.agree} inputProps={{ id: 'nda-agree', name: 'agree' }} />
        <Button type="submit" pending={busy('acceptNda')}>
          {t('nda.accept')}
        </Button>
      </Form>
    </Card>
  )
}

function Recommendations() {
  const { recommendations, need, recommendationAudience } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  if (!recommendations) return null
  return (
    <Card id="recommendations">
      <h2 className="text-lg font-semibold">{t('matching.recommendedFirms')}</h2>
      <p className="text-sm text-stone-700">{t(need.matchingMode === 'CURATED' ? 'matching.curatedIntro' : 'matching.openIntro')}</p>
      {recommendations.matches.length === 0 ? (
        <p className="mt-3 text-sm text-stone-700">
          {t('matching.empty')} {t('matching.emptyHint')}
        </p>
      ) : (
        <RecommendationList items={recommendations.matches} decisionAction={`/needs/${need.id}`} className="mt-3" audience={recommendationAudience} />
      )}
      {recommendations.total > 0 ? (
        <Link to={`/needs/${need.id}/recommendations`} className="mt-3 inline-block text-sm font-semibold text-brand-700 underline">
          {t('matching.allRecommendations', { count: recommendations.total })}
        </Link>
      ) : null}
    </Card>
  )
}

/** A reply of the lifecycle forms: their messages are shown in their own card. */
const isLifecycleIntent = (value: unknown): value is string => (needLifecycleActions as readonly unknown[]).includes(value)

function Lifecycle() {
  const { actions, undecided } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const available = (['close', 'award', 'notAward', 'archive'] as const).filter((action) => actions[action])
  const result = actionData?.result
  const intent = result?.initialValue?.intent
  const reply: LifecycleReply | undefined =
    isLifecycleIntent(intent)
      ? { intent, formErrors: (result?.error as Record<string, string[]> | undefined)?.[''], fields: result?.error as Record<string, string[]> | undefined }
      : undefined
  return <NeedLifecycleCard available={available} undecided={undecided} reply={reply} />
}

export default function NeedPage() {
  const data = useLoaderData<typeof loader>()
  const { need, details, revision, match, application, applicationCount, actions, visibility, questions, locale, descriptionHtml, revisionDescriptionHtml, deadlinePassed } = data
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  const busy = useBusy()
  const daysLeft = daysUntil(need.deadline, new Date(data.now))
  const repliedIntent = actionData?.result?.initialValue?.intent
  const generalErrors = repliedIntent === 'askQuestion' || isLifecycleIntent(repliedIntent) ? undefined : (actionData?.result?.error as Record<string, string[]> | undefined)?.['']

  return (
    <div className="space-y-6">
      <PageHeader
        title={need.title}
        description={`${need.partner.name} · ${need.hub.shortName} · ${t(`needKind.${need.kind}` as 'needKind.PILOT')}`}
        actions={
          <>
            <NeedStatusBadge status={need.status} />
            {actions.edit ? (
              <LinkButton to={`/needs/${need.id}/edit`} variant="secondary">
                {need.status === 'PUBLISHED' ? t('needs.editPublished') : t('needs.edit')}
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
      <FormErrors errors={generalErrors} />
      {details ? <NeedCooperation cooperation={details.cooperation} locale={locale} /> : null}

      {visibility === 'teaser' ? <Alert tone="warning" title={t('needs.confidentialTitle')}>{t('needs.confidentialBody')}</Alert> : null}
      {details?.moderationComment && (need.status === 'CHANGES_REQUESTED' || revision?.state === 'CHANGES_REQUESTED') ? (
        <Alert tone="warning" title={t('needs.changesRequested')}>
          <p className="whitespace-pre-line">{details.moderationComment}</p>
        </Alert>
      ) : null}
      {need.status === 'SUBMITTED' && !actions.publish ? <Alert tone="info" title={t('needs.awaitingModeration')} /> : null}
      {deadlinePassed && need.status === 'PUBLISHED' ? <Alert tone="info" title={t('needs.deadlinePassed')} /> : null}

      {revision ? (
        <Card className="space-y-3 ring-amber-300">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h2 className="text-lg font-semibold">{t('needs.revisionTitle')}</h2>
            <Badge tone="warning">{t(`revisionState.${revision.state}` as 'revisionState.SUBMITTED')}</Badge>
          </div>
          <p className="text-sm text-stone-700">{t('needs.revisionIntro', { date: formatDate(revision.submittedAt, locale, { withTime: true }) })}</p>
          <dl className="grid gap-2 text-sm sm:grid-cols-2">
            <div>
              <dt className="font-medium text-stone-600">{t('needForm.title')}</dt>
              <dd>{revision.title}</dd>
            </div>
            <div>
              <dt className="font-medium text-stone-600">{t('needs.budget')}</dt>
              <dd>{formatEurRange(revision.budgetMinEur, revision.budgetMaxEur, locale)}</dd>
            </div>
            <div>
              <dt className="font-medium text-stone-600">{t('needs.deadline')}</dt>
              <dd>{formatDate(revision.deadline, locale)}</dd>
            </div>
            <div className="sm:col-span-2">
              <dt className="font-medium text-stone-600">{t('needForm.summary')}</dt>
              <dd>{revision.summary}</dd>
            </div>
          </dl>
          {revisionDescriptionHtml ? <div className="prose-sillon text-sm" dangerouslySetInnerHTML={{ __html: revisionDescriptionHtml }} /> : null}
          {actions.withdrawRevision ? (
            <Form method="post">
              <Button type="submit" name="intent" value="withdrawRevision" variant="secondary" size="sm" pending={busy('withdrawRevision')}>
                {t('needs.withdrawRevision')}
              </Button>
            </Form>
          ) : null}
        </Card>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          {visibility === 'teaser' && actions.acceptNda ? <NdaCard /> : null}
          {details ? (
            <Card className="space-y-4">
              {details.summary ? <p className="text-lg text-stone-900">{details.summary}</p> : null}
              {descriptionHtml ? <div className="prose-sillon" dangerouslySetInnerHTML={{ __html: descriptionHtml }} /> : null}
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
              <h2 className="text-lg font-semibold">{revision ? t('moderation.revisionTitle') : t('moderation.title')}</h2>
              {actions.publish ? (
                <Form method="post">
                  <Button type="submit" name="intent" value="publish" pending={busy('publish')}>
                    {revision ? t('moderation.approveRevision') : t('moderation.publish')}
                  </Button>
                </Form>
              ) : null}
              {actions.requestChanges ? <RequestChangesForm /> : null}
            </Card>
          ) : null}

          {details ? (
            <Card id="questions" className="space-y-4">
              <h2 className="text-lg font-semibold">{t('questions.title')}</h2>
              <p className="text-sm text-stone-700">{t('questions.intro')}</p>
              {questions.length === 0 ? <p className="text-sm text-stone-600">{t('questions.none')}</p> : null}
              <ul className="space-y-4">
                {questions.map((question) => (
                  <li key={question.id} className="rounded-md bg-stone-50 p-3 ring-1 ring-stone-200">
                    <p className="font-medium text-stone-900">
                      {question.body} {question.mine ? <Badge tone="info">{t('questions.mine')}</Badge> : null}
                    </p>
                    {question.answer ? (
                      <p className="mt-2 whitespace-pre-line text-stone-800">
                        <span className="font-semibold">{t('questions.answerBy', { partner: need.partner.name })}</span> {question.answer}
                      </p>
                    ) : (
                      <p className="mt-1 text-sm text-stone-600">{t('questions.awaitingAnswer')}</p>
                    )}
                    {actions.answerQuestions ? <AnswerForm questionId={question.id} current={question.answer} /> : null}
                  </li>
                ))}
              </ul>
              {actions.askQuestion ? <AskQuestionForm /> : null}
            </Card>
          ) : null}

          {actions.manageMatches ? <Recommendations /> : null}
        </div>

        <aside className="space-y-6">
          {need.deadline && need.status === 'PUBLISHED' ? (
            <Card>
              <p className="text-sm font-medium text-stone-600">{t('needs.deadline')}</p>
              <p className="text-lg font-semibold">{formatDate(need.deadline, locale)}</p>
              {daysLeft !== null && daysLeft >= 0 ? (
                <p className={daysLeft <= 7 ? 'font-semibold text-amber-800' : 'text-stone-700'}>{daysLeft === 0 ? t('needs.lastDay') : t('needs.daysLeft', { count: daysLeft })}</p>
              ) : null}
            </Card>
          ) : null}
          {match ? (
            <Card className="space-y-2">
              <div className="flex items-center gap-3">
                <ScoreBadge score={match.score} />
                <h2 className="font-semibold">{t('matching.whyThisMatch')}</h2>
              </div>
              <MatchReasons breakdown={match.breakdown} audience="firm" />
              <FeedbackButtons matchId={match.id} current={match.feedback} subject={need.title} redirectTo={`/needs/${need.id}`} side="firm" />
            </Card>
          ) : null}
          {application ? (
            <Card className="space-y-2">
              <h2 className="font-semibold">{t('applications.yours')}</h2>
              <ApplicationStatusBadge status={application.status} />
              {application.submittedAt ? <p className="text-sm text-stone-700">{t('applications.submittedOn', { date: formatDate(application.submittedAt, locale) })}</p> : null}
              <Link to={`/applications/${application.id}`} className="block text-sm font-semibold text-brand-700 underline">
                {t('applications.open')}
              </Link>
            </Card>
          ) : null}
          {actions.apply ? (
            <LinkButton to={`/needs/${need.id}/apply`} className="w-full">
              {t('applications.apply')}
            </LinkButton>
          ) : null}
          {actions.continueDraft ? (
            <LinkButton to={`/needs/${need.id}/apply`} variant="secondary" className="w-full">
              {t('applications.continueDraft')}
            </LinkButton>
          ) : null}
          <Lifecycle />
          {data.follow.canFollow ? <FollowToggle following={data.follow.following} /> : null}
          {details ? (
            <Card>
              <dl className="space-y-3 text-sm">
                {details.budgetMinEur !== null || details.budgetMaxEur !== null ? (
                  <div>
                    <dt className="font-medium text-stone-600">{t('needs.budget')}</dt>
                    <dd>{formatEurRange(details.budgetMinEur, details.budgetMaxEur, locale)}</dd>
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
                {details.headcountMin || details.headcountMax || details.revenueBands.length || details.minAgeYears ? (
                  <div>
                    <dt className="font-medium text-stone-600">{t('needForm.sectionEligibility')}</dt>
                    <dd className="space-y-0.5">
                      {details.headcountMin || details.headcountMax ? <p>{t('needs.headcountRange', { min: details.headcountMin ?? '—', max: details.headcountMax ?? '—' })}</p> : null}
                      {details.revenueBands.length ? <p>{details.revenueBands.map((band) => t(`revenueBand.${band}` as 'revenueBand.LT_1M')).join(', ')}</p> : null}
                      {details.minAgeYears ? <p>{t('needs.minAge', { count: details.minAgeYears })}</p> : null}
                    </dd>
                  </div>
                ) : null}
                <div>
                  <dt className="font-medium text-stone-600">{t('needForm.visibility')}</dt>
                  <dd>{t(`visibility.${need.visibility}` as 'visibility.PUBLIC')}</dd>
                </div>
                <div>
                  <dt className="font-medium text-stone-600">{t('needForm.matchingMode')}</dt>
                  <dd>{t(`matchingMode.${need.matchingMode}` as 'matchingMode.OPEN')}</dd>
                </div>
                {details.screeningRequired ? (
                  <div>
                    <dt className="font-medium text-stone-600">{t('needForm.screening')}</dt>
                    <dd>{t('needs.screeningOn')}</dd>
                  </div>
                ) : null}
                {details.nafCodes.length > 0 ? (
                  <div>
                    <dt className="font-medium text-stone-600">{t('needForm.nafCodes')}</dt>
                    <dd>{details.nafCodes.join(', ')}</dd>
                  </div>
                ) : null}
                {details.ndaAcceptedAt ? (
                  <div>
                    <dt className="font-medium text-stone-600">{t('nda.title')}</dt>
                    <dd>{t('nda.acceptedOn', { date: formatDate(details.ndaAcceptedAt, locale, { withTime: true }) })}</dd>
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
