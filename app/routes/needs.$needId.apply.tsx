import { getFormProps, getInputProps, getTextareaProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '#app/components/error-boundary'
import { FirmPickerField } from '#app/components/pickers/firm-picker-field'
import { DuesNotice } from '#app/components/dues-notice'
import { duesNoticeFor } from '#app/modules/billing/gate.server'
import { Button } from '#app/components/ui/button'
import { Card, PageHeader } from '#app/components/ui/card'
import { ErrorList, Field, FormErrors, TextareaField } from '#app/components/ui/field'
import { applicationFormSchema } from '#app/modules/applications/schema'
import { applyToNeed, getDraftApplication } from '#app/modules/applications/service.server'
import { getNeedForActor } from '#app/modules/needs/service.server'
import { AppError } from '#app/modules/shared/app-error'
import { getRequestT } from '#app/utils/i18n.server'
import { titleMeta } from '#app/utils/meta'
import { handle, replyWithAppError, requireParam } from '#app/utils/route.server'
import { requireActor } from '#app/utils/session.server'
import { redirectWithToast } from '#app/utils/toast.server'
import { readFormData } from '#app/utils/form.server'

export const meta = titleMeta

export async function loader(args: LoaderFunctionArgs) {
  return handle(args, async ({ request, params }) => {
    const actor = await requireActor(request)
    const needId = requireParam(params, 'needId')
    const view = await getNeedForActor(actor, needId)
    const draft = await getDraftApplication(actor, needId)
    if (!view.actions.apply && !view.actions.continueDraft) throw AppError.conflict('cannot_apply', view.application ? 'errors.alreadyApplied' : 'errors.cannotApply')
    const t = await getRequestT(request)
    // The dues gate of the applying firm (decision 0032): told before the proposal is written.
    const dues = await duesNoticeFor(actor, view.applyingFirmId)
    return json({
      dues,
      title: t('applications.applyTitle', { title: view.need.title }),
      need: { id: view.need.id, title: view.need.title, partner: view.need.partner.name },
      applicantSlug: actor.memberships.find((membership) => membership.organisationId === view.applyingFirmId)?.organisation.slug ?? '',
      draft,
    })
  })
}

export async function action(args: ActionFunctionArgs) {
  return handle(args, async ({ request, params, context }) => {
    const actor = await requireActor(request)
    const needId = requireParam(params, 'needId')
    const submission = parseWithZod(await readFormData(request), { schema: applicationFormSchema })
    if (submission.status !== 'success') return json({ result: submission.reply() }, { status: 400 })
    try {
      const application = await applyToNeed(actor, needId, submission.value, context.requestId)
      return redirectWithToast(`/applications/${application.id}`, {
        messageKey: application.status === 'SUBMITTED' ? 'applications.submittedToast' : 'applications.savedToast',
      })
    } catch (error) {
      return replyWithAppError(request, submission, error)
    }
  })
}

export default function ApplyPage() {
  const { need, draft, applicantSlug, dues } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const { t } = useTranslation()
  const [form, fields] = useForm({
    id: 'apply',
    lastResult: actionData?.result,
    defaultValue: draft
      ? {
          approach: draft.approach,
          timeline: draft.timeline,
          priceEur: draft.priceEur === null ? '' : String(draft.priceEur),
          referencesText: draft.referencesText,
          // Conform's default values are form values: several inputs share the name.
          consortium: draft.consortium.map((member) => member.organisation.slug) as unknown as string,
        }
      : undefined,
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: applicationFormSchema }),
  })
  const pendingIntent = navigation.state === 'submitting' ? navigation.formData?.get('intent') : null
  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader title={t('applications.applyHeading')} description={`${need.title} · ${need.partner}`} />
      <DuesNotice notice={dues} />
      <Form method="post" className="space-y-6" {...getFormProps(form)}>
        {/* The intent is the button pressed: its error is the form's. */}
        <FormErrors id={form.errorId} errors={[...(form.errors ?? []), ...(fields.intent.errors ?? [])]} />
        <Card className="space-y-4">
          <TextareaField
            label={t('applications.approach')}
            hint={t('applications.approachHint')}
            errors={fields.approach.errors}
            textareaProps={{ ...getTextareaProps(fields.approach), rows: 8 }}
          />
          <TextareaField
            label={t('applications.timeline')}
            hint={t('applications.timelineHint')}
            errors={fields.timeline.errors}
            textareaProps={{ ...getTextareaProps(fields.timeline), rows: 3 }}
          />
          <Field
            label={t('applications.price')}
            errors={fields.priceEur.errors}
            inputProps={{ ...getInputProps(fields.priceEur, { type: 'number' }), min: 0, step: 100 }}
          />
          <TextareaField
            label={t('applications.references')}
            hint={t('applications.referencesHint')}
            errors={fields.referencesText.errors}
            textareaProps={{ ...getTextareaProps(fields.referencesText), rows: 3 }}
          />
        </Card>
        <Card className="space-y-3">
          <fieldset>
            <legend className="text-sm font-medium text-stone-800">{t('consortium.field')}</legend>
            <p className="text-sm text-stone-600">{t('consortium.fieldHint')}</p>
            <div className="mt-2 grid gap-2 sm:grid-cols-3">
              {[0, 1, 2].map((index) => {
                const member = draft?.consortium[index]
                return (
                  <div key={index}>
                    <FirmPickerField
                      label={t('consortium.partnerN', { n: index + 1 })}
                      inputProps={{ id: `consortium-${index}`, name: 'consortium', defaultValue: member?.organisation.slug ?? '' }}
                      initialFirm={member ? { slug: member.organisation.slug, name: member.organisation.name, commune: null } : null}
                      exclude={[applicantSlug]}
                    />
                    {member ? <p className="mt-1 text-xs text-stone-700">{t(`consortium.status.${member.status}`)}</p> : null}
                  </div>
                )
              })}
            </div>
            <ErrorList errors={Object.values(fields.consortium.allErrors).flat()} />
          </fieldset>
        </Card>
        <div className="flex flex-wrap justify-end gap-3">
          <Button type="submit" name="intent" value="save" variant="secondary" pending={pendingIntent === 'save'}>
            {t('needForm.saveDraft')}
          </Button>
          <Button type="submit" name="intent" value="submit" pending={pendingIntent === 'submit'}>
            {t('applications.submit')}
          </Button>
        </div>
      </Form>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
