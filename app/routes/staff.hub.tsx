import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '#app/components/error-boundary'
import { Button } from '#app/components/ui/button'
import { Card, PageHeader } from '#app/components/ui/card'
import { CheckboxField, Field, FormErrors, SelectField, TextareaField } from '#app/components/ui/field'
import { filterFieldClass } from '#app/components/ui/filter'
import { formatDate } from '#app/i18n/format'
import { PLATFORM_NDA_VERSION } from '#app/modules/hubs/nda'
import { HUB_DIGEST_FREQUENCIES, hubSettingsSchema, ndaTextSchema } from '#app/modules/hubs/schema'
import { chooseAdministeredHub, loadHubSettings, publishNdaText, updateHubSettings } from '#app/modules/hubs/settings.server'
import { readFormData, singleValue } from '#app/utils/form.server'
import { getRequestLocale, getRequestT } from '#app/utils/i18n.server'
import { titleMeta } from '#app/utils/meta'
import { handle, invalidFormResult, replyWithAppError } from '#app/utils/route.server'
import { requireActor } from '#app/utils/session.server'
import { redirectWithToast } from '#app/utils/toast.server'

export const meta = titleMeta

/** The hub settings: its administrators only (moderators 403); `?hub=` picks among their hubs. */
export async function loader(args: LoaderFunctionArgs) {
  return handle(args, async ({ request }) => {
    const actor = await requireActor(request)
    const requested = new URL(request.url).searchParams.get('hub')
    const [settings, t, locale] = await Promise.all([loadHubSettings(actor, requested), getRequestT(request), getRequestLocale(request)])
    return json({ title: t('audit.hub.title'), locale, ...settings })
  })
}

export async function action(args: ActionFunctionArgs) {
  return handle(args, async ({ request, context }) => {
    const actor = await requireActor(request)
    const formData = await readFormData(request)
    const intent = singleValue(formData, 'intent')
    // Not an administrator anywhere: refused before reading the form (403).
    chooseAdministeredHub(actor, null)
    if (intent !== 'settings' && intent !== 'nda') return json({ result: invalidFormResult() }, { status: 400 })
    const submission = intent === 'settings' ? parseWithZod(formData, { schema: hubSettingsSchema }) : parseWithZod(formData, { schema: ndaTextSchema })
    if (submission.status !== 'success') return json({ result: submission.reply() }, { status: 400 })
    const hubId = submission.value.hubId
    try {
      if (submission.value.intent === 'settings') {
        await updateHubSettings(actor, submission.value, context.requestId)
        return redirectWithToast(`/staff/hub?hub=${encodeURIComponent(hubId)}`, { messageKey: 'audit.hub.saved' })
      }
      const created = await publishNdaText(actor, submission.value, context.requestId)
      return redirectWithToast(`/staff/hub?hub=${encodeURIComponent(hubId)}`, { messageKey: 'audit.hub.ndaPublished', values: { version: created.version } })
    } catch (error) {
      return replyWithAppError(request, submission, error)
    }
  })
}

function SettingsForm() {
  const { hub } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const { t } = useTranslation()
  const [form, fields] = useForm({
    id: `hub-settings-${hub.id}`,
    lastResult: actionData?.result?.initialValue?.intent === 'settings' ? actionData.result : undefined,
    defaultValue: {
      charterResponseDays: String(hub.charterResponseDays),
      requiresDues: hub.requiresDues ? 'on' : undefined,
      digestFrequencyDefault: hub.digestFrequencyDefault,
      digestHourDefault: String(hub.digestHourDefault),
      shareAnalytics: hub.shareAnalytics ? 'on' : undefined,
      showCharterCompliance: hub.showCharterCompliance ? 'on' : undefined,
    },
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: hubSettingsSchema }),
  })
  const checkbox = (field: typeof fields.requiresDues) => {
    const { type: _type, ...props } = getInputProps(field, { type: 'checkbox' })
    return props
  }
  return (
    <Form method="post" className="space-y-4" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="settings" />
      <input type="hidden" name="hubId" value={hub.id} />
      <FormErrors id={form.errorId} errors={form.errors} />
      <Field
        label={t('audit.hub.charterResponseDays')}
        hint={t('audit.hub.charterResponseDaysHint')}
        errors={fields.charterResponseDays.errors}
        inputProps={{ ...getInputProps(fields.charterResponseDays, { type: 'number' }), min: 1, max: 90, className: 'max-w-32' }}
      />
      <CheckboxField label={t('audit.hub.requiresDues')} hint={t('audit.hub.requiresDuesHint')} errors={fields.requiresDues.errors} inputProps={checkbox(fields.requiresDues)} />
      <fieldset className="space-y-3 rounded-md p-3 ring-1 ring-stone-200">
        <legend className="px-1 text-sm font-semibold">{t('audit.hub.digestLegend')}</legend>
        <p className="text-sm text-stone-700">{t('audit.hub.digestHint')}</p>
        <div className="grid gap-3 sm:grid-cols-2">
          <SelectField
            label={t('audit.hub.digestFrequency')}
            errors={fields.digestFrequencyDefault.errors}
            selectProps={getSelectProps(fields.digestFrequencyDefault)}
            options={HUB_DIGEST_FREQUENCIES.map((value) => ({ value, label: t(`audit.hub.digestFrequencyOptions.${value}`) }))}
          />
          <Field
            label={t('audit.hub.digestHour')}
            errors={fields.digestHourDefault.errors}
            inputProps={{ ...getInputProps(fields.digestHourDefault, { type: 'number' }), min: 0, max: 23, className: 'max-w-32' }}
          />
        </div>
      </fieldset>
      <CheckboxField label={t('audit.hub.shareAnalytics')} hint={t('audit.hub.shareAnalyticsHint')} errors={fields.shareAnalytics.errors} inputProps={checkbox(fields.shareAnalytics)} />
      <CheckboxField
        label={t('audit.hub.showCharterCompliance')}
        hint={t('audit.hub.showCharterComplianceHint')}
        errors={fields.showCharterCompliance.errors}
        inputProps={checkbox(fields.showCharterCompliance)}
      />
      <Button type="submit" pending={navigation.state === 'submitting' && navigation.formData?.get('intent') === 'settings'}>
        {t('audit.hub.save')}
      </Button>
    </Form>
  )
}

function NdaSection() {
  const { hub, nda, locale } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const { t } = useTranslation()
  const [form, fields] = useForm({
    id: `hub-nda-${hub.id}`,
    lastResult: actionData?.result?.initialValue?.intent === 'nda' ? actionData.result : undefined,
    defaultValue: { text: nda.current?.text ?? '' },
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ndaTextSchema }),
  })
  return (
    <Card className="space-y-4" id="nda">
      <h2 className="text-lg font-semibold">{t('audit.hub.ndaTitle')}</h2>
      <p className="text-sm text-stone-700">{t('audit.hub.ndaIntro')}</p>
      {nda.current ? (
        <div className="space-y-2">
          <p className="text-sm font-medium">{t('audit.hub.ndaCurrent', { version: nda.current.version })}</p>
          <div className="max-h-64 overflow-y-auto whitespace-pre-line rounded-md bg-stone-50 p-3 text-sm text-stone-800 ring-1 ring-stone-200">{nda.current.text}</div>
        </div>
      ) : (
        <p className="text-sm">{t('audit.hub.ndaPlatform', { version: PLATFORM_NDA_VERSION })}</p>
      )}
      <Form method="post" className="space-y-3" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="nda" />
        <input type="hidden" name="hubId" value={hub.id} />
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextareaField label={t('audit.hub.ndaText')} hint={t('audit.hub.ndaTextHint')} errors={fields.text.errors} textareaProps={{ ...getTextareaProps(fields.text), rows: 8 }} />
        <Button type="submit" variant="secondary" pending={navigation.state === 'submitting' && navigation.formData?.get('intent') === 'nda'}>
          {t('audit.hub.ndaPublish')}
        </Button>
      </Form>
      <h3 className="font-semibold">{t('audit.hub.ndaVersions')}</h3>
      {nda.versions.length === 0 ? (
        <p className="text-sm text-stone-700">{t('audit.hub.ndaNone')}</p>
      ) : (
        <ul className="divide-y divide-stone-200 text-sm">
          {nda.versions.map((version) => (
            <li key={version.id} className="flex flex-wrap justify-between gap-2 py-2">
              <span>{t('audit.hub.ndaVersionRow', { version: version.version, date: formatDate(version.createdAt, locale) })}</span>
              <span className="text-stone-700">{t('audit.hub.ndaAcceptances', { count: version.acceptances })}</span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  )
}

export default function StaffHubPage() {
  const { hub, hubs } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <div className="space-y-6">
      <PageHeader title={`${t('audit.hub.title')} — ${hub.name}`} description={t('audit.hub.intro')} />
      {hubs.length > 1 ? (
        <Form method="get" className="flex flex-wrap items-end gap-3">
          <div>
            <label htmlFor="hub-choice" className="block text-sm font-medium text-stone-800">
              {t('audit.hub.choose')}
            </label>
            <select id="hub-choice" name="hub" defaultValue={hub.id} className={filterFieldClass}>
              {hubs.map((choice) => (
                <option key={choice.id} value={choice.id}>
                  {choice.name}
                </option>
              ))}
            </select>
          </div>
          <Button type="submit" size="sm" variant="secondary">
            {t('audit.hub.chooseApply')}
          </Button>
        </Form>
      ) : null}
      <Card className="space-y-4">
        <h2 className="text-lg font-semibold">{t('audit.hub.settingsTitle')}</h2>
        <SettingsForm key={hub.id} />
      </Card>
      <NdaSection key={`nda-${hub.id}`} />
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
