import { getFormProps, getInputProps, getSelectProps, useForm, type FieldMetadata } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '#app/components/error-boundary'
import { Button } from '#app/components/ui/button'
import { Alert, Badge, Card, EmptyState, PageHeader } from '#app/components/ui/card'
import { ErrorList, Field, FormErrors, SelectField } from '#app/components/ui/field'
import { supportedLocales, toLocale } from '#app/i18n/config'
import { channelsAllowed, FREQUENCIES, type Category } from '#app/modules/notifications/preferences'
import { preferencesSchema } from '#app/modules/notifications/preferences-schema'
import { loadPreferences, savePreferences } from '#app/modules/notifications/preferences.server'
import { getRequestT, serializeLocale } from '#app/utils/i18n.server'
import { titleMeta } from '#app/utils/meta'
import { readFormData } from '#app/utils/form.server'
import { handle } from '#app/utils/route.server'
import { requireActor } from '#app/utils/session.server'
import { redirectWithToast } from '#app/utils/toast.server'

export const meta = titleMeta

const HOURS = Array.from({ length: 24 }, (_, hour) => hour)
const WEEKDAYS = ['1', '2', '3', '4', '5', '6', '7'] as const

export async function loader(args: LoaderFunctionArgs) {
  return handle(args, async ({ request }) => {
    const actor = await requireActor(request)
    const [preferences, t] = await Promise.all([loadPreferences(actor), getRequestT(request)])
    let timeZones: string[] = Intl.supportedValuesOf('timeZone')
    if (!timeZones.includes(preferences.timeZone)) timeZones = [preferences.timeZone, ...timeZones]
    return json({ title: t('prefs.title'), preferences, timeZones })
  })
}

/** The whole form in one step: channels, digest, time zone and language; the language also goes in the cookie, as on /account. */
export async function action(args: ActionFunctionArgs) {
  return handle(args, async ({ request, context }) => {
    const actor = await requireActor(request)
    const submission = parseWithZod(await readFormData(request), { schema: preferencesSchema })
    if (submission.status !== 'success') return json({ result: submission.reply() }, { status: 400 })
    await savePreferences(actor, submission.value, context.requestId)
    return redirectWithToast(
      '/settings/notifications',
      { messageKey: 'prefs.saved' },
      { headers: { 'Set-Cookie': await serializeLocale(toLocale(submission.value.locale)) } },
    )
  })
}

function ChannelChoice({ category, field, isDefault }: { category: Category; field: FieldMetadata<string>; isDefault: boolean }) {
  const { t } = useTranslation()
  const label = t(`prefs.categories.${category}.label`)
  const errorId = `${field.id}-error`
  const descriptionId = `${field.id}-description`
  const invalid = Boolean(field.errors?.length)
  return (
    <fieldset className="border-t border-stone-200 pt-4 first:border-t-0 first:pt-0" aria-describedby={invalid ? `${descriptionId} ${errorId}` : descriptionId}>
      <legend className="flex flex-wrap items-center gap-2 font-semibold text-stone-900">
        <span>{label}</span>
        {isDefault ? <Badge>{t('prefs.defaultBadge')}</Badge> : null}
      </legend>
      <p id={descriptionId} className="mt-1 text-sm text-stone-700">
        {t(`prefs.categories.${category}.description`)}
      </p>
      <div className="mt-2 flex flex-wrap gap-x-5 gap-y-2">
        {channelsAllowed(category).map((channel) => {
          const id = `${field.id}-${channel}`
          return (
            <label key={channel} htmlFor={id} className="inline-flex items-center gap-2 text-sm text-stone-800">
              <input
                {...getInputProps(field, { type: 'radio', value: channel })}
                id={id}
                aria-invalid={invalid || undefined}
                className="size-4 border-stone-400 text-brand-700 focus:ring-2 focus:ring-brand-600"
              />
              {t(`prefs.channels.${channel}`)}
            </label>
          )
        })}
      </div>
      <ErrorList id={errorId} errors={field.errors} />
    </fieldset>
  )
}

export default function NotificationPreferencesPage() {
  const { preferences, timeZones } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const { t } = useTranslation()
  const { categories, digest } = preferences
  const [form, fields] = useForm({
    id: 'notification-preferences',
    lastResult: actionData?.result,
    defaultValue: {
      channels: Object.fromEntries(categories.map((entry) => [entry.category, entry.channel])),
      minScore: String(digest.minScore),
      digestFrequency: digest.frequency,
      digestWeekday: String(digest.weekday),
      digestHour: String(digest.hour),
      timeZone: preferences.timeZone,
      locale: preferences.locale,
    },
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: preferencesSchema }),
  })
  const channelFields = fields.channels.getFieldset()
  const nothingChosen = digest.isDefault && categories.every((entry) => entry.isDefault)
  const showsRecommended = categories.some((entry) => entry.category === 'RECOMMENDED')

  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <PageHeader title={t('prefs.title')} description={t('prefs.intro')} />
      <Form method="post" className="space-y-6" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        {nothingChosen ? <Alert tone="info">{t('prefs.defaultsNote')}</Alert> : null}

        <Card className="space-y-4">
          <h2 className="text-lg font-semibold">{t('prefs.categories.title')}</h2>
          {categories.length === 0 ? (
            <EmptyState title={t('prefs.categories.empty')}>
              <Link to="/orgs/new" className="font-medium text-brand-700 underline">
                {t('prefs.categories.emptyCta')}
              </Link>
            </EmptyState>
          ) : (
            <div className="space-y-4">
              {categories.map((entry) => (
                <div key={entry.category} className="space-y-3">
                  <ChannelChoice category={entry.category} field={channelFields[entry.category] as FieldMetadata<string>} isDefault={entry.isDefault} />
                  {entry.category === 'RECOMMENDED' ? (
                    <Field
                      className="max-w-xs"
                      label={t('prefs.minScore.label')}
                      hint={t('prefs.minScore.hint')}
                      errors={fields.minScore.errors}
                      inputProps={{ ...getInputProps(fields.minScore, { type: 'number' }), min: 0, max: 100, step: 1, inputMode: 'numeric' }}
                    />
                  ) : null}
                </div>
              ))}
            </div>
          )}
          {/* Kept when the category is not shown, so that the threshold is not lost. */}
          {!showsRecommended ? <input type="hidden" name={fields.minScore.name} value={String(digest.minScore)} /> : null}
        </Card>

        <Card className="space-y-4">
          <div className="flex flex-wrap items-center gap-2">
            <h2 className="text-lg font-semibold">{t('prefs.digest.title')}</h2>
            {digest.isDefault ? <Badge>{t('prefs.defaultBadge')}</Badge> : null}
          </div>
          <p className="text-sm text-stone-700">{t('prefs.digest.intro')}</p>
          <div className="grid gap-4 sm:grid-cols-3">
            <SelectField
              label={t('prefs.digest.frequency')}
              errors={fields.digestFrequency.errors}
              selectProps={getSelectProps(fields.digestFrequency)}
              options={FREQUENCIES.map((frequency) => ({ value: frequency, label: t(`prefs.digest.frequencies.${frequency}`) }))}
            />
            <SelectField
              label={t('prefs.digest.weekday')}
              errors={fields.digestWeekday.errors}
              selectProps={getSelectProps(fields.digestWeekday)}
              options={WEEKDAYS.map((day) => ({ value: day, label: t(`prefs.digest.weekdays.${day}`) }))}
            />
            <SelectField
              label={t('prefs.digest.hour')}
              errors={fields.digestHour.errors}
              selectProps={getSelectProps(fields.digestHour)}
              options={HOURS.map((hour) => ({ value: String(hour), label: t('prefs.digest.hourOption', { hour }) }))}
            />
          </div>
          <p className="text-sm text-stone-600">
            {t('prefs.digest.hourHint')} {t('prefs.digest.neverNote')}
          </p>
        </Card>

        <Card className="space-y-4">
          <h2 className="text-lg font-semibold">{t('prefs.general.title')}</h2>
          <div className="grid gap-4 sm:grid-cols-2">
            <SelectField
              label={t('prefs.general.timeZone')}
              hint={t('prefs.general.timeZoneHint')}
              errors={fields.timeZone.errors}
              selectProps={getSelectProps(fields.timeZone)}
              options={timeZones.map((zone) => ({ value: zone, label: zone.replaceAll('_', ' ') }))}
            />
            <SelectField
              label={t('prefs.general.locale')}
              errors={fields.locale.errors}
              selectProps={getSelectProps(fields.locale)}
              options={supportedLocales.map((locale) => ({ value: locale, label: t(`languages.${locale}`) }))}
            />
          </div>
        </Card>

        <Button type="submit" pending={navigation.state === 'submitting'}>
          {t('prefs.submit')}
        </Button>
      </Form>

      {preferences.persona.firm ? (
        <Card className="space-y-3">
          <h2 className="text-lg font-semibold">{t('prefs.savedSearches.title')}</h2>
          {preferences.savedSearches.length === 0 ? (
            <p className="text-sm text-stone-700">{t('prefs.savedSearches.empty')}</p>
          ) : (
            <>
              <p className="text-sm text-stone-700">{t('prefs.savedSearches.intro')}</p>
              <ul className="list-disc space-y-1 pl-5 text-sm">
                {preferences.savedSearches.map((search) => (
                  <li key={search.id}>
                    <Link to={`/needs?${search.query}`} className="text-brand-700 underline" aria-label={t('prefs.savedSearches.open', { name: search.name })}>
                      {search.name}
                    </Link>
                  </li>
                ))}
              </ul>
            </>
          )}
          <Link to="/needs" className="inline-block text-sm font-medium text-brand-700 underline">
            {t('prefs.savedSearches.manage')}
          </Link>
        </Card>
      ) : null}
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
