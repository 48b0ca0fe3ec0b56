import { getFormProps, getInputProps, getTextareaProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '#app/components/error-boundary'
import { GroupSettingsFields } from '#app/components/group-settings'
import { Button } from '#app/components/ui/button'
import { Alert, Badge, Card, EmptyState, PageHeader } from '#app/components/ui/card'
import { Field, FormErrors, TextareaField } from '#app/components/ui/field'
import { formatDate, formatList } from '#app/i18n/format'
import { translateKey } from '#app/i18n/translate'
import { groupActionSchema } from '#app/modules/groups/schema'
import { archiveGroup, getGroupPage, joinGroup, leaveGroup, postAnnouncement, requireGroupVisible, updateGroup } from '#app/modules/groups/service.server'
import { readFormData, singleValue } from '#app/utils/form.server'
import { getRequestLocale } from '#app/utils/i18n.server'
import { titleMeta } from '#app/utils/meta'
import { appErrorReply, handle, invalidFormResult } from '#app/utils/route.server'
import { requireActor } from '#app/utils/session.server'
import { redirectWithToast } from '#app/utils/toast.server'

export const meta = titleMeta

/** A group's slug as the URL gives it; anything else is no group (404). */
function slugOf(params: Record<string, string | undefined>) {
  const slug = params.slug
  if (!slug || slug.length > 80 || !/^[a-z0-9-]+$/.test(slug)) throw json({ code: 'not_found', message: 'Not found' }, { status: 404 })
  return slug
}

export async function loader(args: LoaderFunctionArgs) {
  return handle(args, async ({ request, params }) => {
    const actor = await requireActor(request)
    const [page, locale] = await Promise.all([getGroupPage(actor, slugOf(params)), getRequestLocale(request)])
    return json({ title: page.group.name, locale, ...page })
  })
}

const TOASTS = {
  join: 'groups.toasts.joined',
  leave: 'groups.toasts.left',
  announce: 'groups.toasts.announced',
  update: 'groups.toasts.updated',
  archive: 'groups.toasts.archived',
} as const

export async function action(args: ActionFunctionArgs) {
  return handle(args, async ({ request, params, context }) => {
    const actor = await requireActor(request)
    const slug = slugOf(params)
    // Who may not see the group learns nothing of it, whatever was posted: 404 (403) before the input is read.
    await requireGroupVisible(actor, slug)
    const formData = await readFormData(request)
    const intent = singleValue(formData, 'intent')
    if (intent !== 'join' && intent !== 'leave' && intent !== 'announce' && intent !== 'update' && intent !== 'archive') {
      return json({ intent: null, result: invalidFormResult() }, { status: 400 })
    }
    const submission = parseWithZod(formData, { schema: groupActionSchema })
    if (submission.status !== 'success') return json({ intent, result: submission.reply() }, { status: 400 })
    const value = submission.value
    try {
      if (value.intent === 'join') await joinGroup(actor, slug, value.organisationId, context.requestId)
      else if (value.intent === 'leave') await leaveGroup(actor, slug, value.organisationId, context.requestId)
      else if (value.intent === 'announce') await postAnnouncement(actor, slug, value, context.requestId)
      else if (value.intent === 'update') await updateGroup(actor, slug, value, context.requestId)
      else await archiveGroup(actor, slug, context.requestId)
    } catch (error) {
      const { result, status } = await appErrorReply(request, submission, error)
      return json({ intent, result }, { status })
    }
    return redirectWithToast(`/groups/${slug}`, { messageKey: TOASTS[value.intent] })
  })
}

export default function GroupPage() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const { t } = useTranslation()
  const { group, members, needs, announcements, canManage, mayJoin, mayLeave, refused, locale } = data
  const buttonsIntent = actionData && (actionData.intent === 'join' || actionData.intent === 'leave' || actionData.intent === 'archive' || actionData.intent === null)
  const buttonErrors = buttonsIntent ? (actionData.result.error?.[''] ?? []) : []
  const busy = navigation.state === 'submitting'
  return (
    <div className="space-y-6">
      <PageHeader
        title={group.name}
        description={
          <>
            {group.theme} · {group.hubName} · {group.openToAllHubs ? t('groups.openToAll') : t('groups.hubOnly')}
          </>
        }
        actions={group.archived ? <Badge tone="warning">{t('groups.archived')}</Badge> : null}
      />
      <p>
        <Link to="/groups" className="text-sm font-semibold text-brand-700 underline">
          {t('groups.back')}
        </Link>
      </p>
      {group.description ? <p className="max-w-3xl whitespace-pre-line text-stone-800">{group.description}</p> : null}
      {buttonErrors.length > 0 ? (
        <Alert tone="danger" title={t('groups.errors.title')}>
          {buttonErrors.map((message) => (
            <p key={message}>{/^[\w-]+(\.[\w-]+)+$/.test(message) ? translateKey(t, message) : message}</p>
          ))}
        </Alert>
      ) : null}

      <Card id="rejoindre" className="space-y-3">
        <h2 className="text-lg font-semibold">{t('groups.membership.title')}</h2>
        {group.archived ? <p className="text-sm text-stone-700">{t('groups.membership.archived')}</p> : null}
        {mayJoin.map((organisation) => (
          <Form method="post" key={organisation.id} className="flex flex-wrap items-center gap-3">
            <input type="hidden" name="organisationId" value={organisation.id} />
            <span className="text-sm">{t('groups.membership.joinAs', { name: organisation.name })}</span>
            <Button type="submit" name="intent" value="join" size="sm" pending={busy}>
              {t('groups.join')}
            </Button>
          </Form>
        ))}
        {mayLeave.map((organisation) => (
          <Form method="post" key={organisation.id} className="flex flex-wrap items-center gap-3">
            <input type="hidden" name="organisationId" value={organisation.id} />
            <span className="text-sm">{t('groups.membership.memberAs', { name: organisation.name })}</span>
            <Button type="submit" name="intent" value="leave" size="sm" variant="secondary" pending={busy}>
              {t('groups.leave')}
            </Button>
          </Form>
        ))}
        {refused.length > 0 ? <p className="text-sm text-stone-700">{t('groups.membership.otherHub', { count: refused.length, names: formatList(refused, locale) })}</p> : null}
        {mayJoin.length === 0 && mayLeave.length === 0 && refused.length === 0 && !group.archived ? (
          <p className="text-sm text-stone-700">{t('groups.membership.nothing')}</p>
        ) : null}
      </Card>

      <div className="grid gap-6 lg:grid-cols-2">
        <section aria-labelledby="group-needs" className="space-y-3">
          <h2 id="group-needs" className="text-lg font-semibold">
            {t('groups.needs.title')}
          </h2>
          {needs.length === 0 ? (
            <EmptyState title={t('groups.needs.empty')}>{t('groups.needs.emptyHint')}</EmptyState>
          ) : (
            <ul className="space-y-2">
              {needs.map((need) => (
                <li key={need.id}>
                  <Card className="space-y-1">
                    <Link to={`/needs/${need.id}`} className="font-semibold text-brand-700 underline">
                      {need.title}
                    </Link>
                    <p className="text-sm text-stone-700">
                      {need.partnerName}
                      {need.deadline ? ` · ${t('groups.needs.deadline', { date: formatDate(need.deadline, locale) })}` : ''}
                    </p>
                    <Badge>{t(`needStatus.${need.status}` as 'needStatus.DRAFT')}</Badge>
                  </Card>
                </li>
              ))}
            </ul>
          )}
        </section>

        <section aria-labelledby="group-members" className="space-y-3">
          <h2 id="group-members" className="text-lg font-semibold">
            {t('groups.members.title', { count: members.length })}
          </h2>
          {members.length === 0 ? (
            <EmptyState title={t('groups.members.empty')} />
          ) : (
            <ul className="divide-y divide-stone-200 rounded-lg bg-white ring-1 ring-stone-200">
              {members.map((member) => (
                <li key={member.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-2">
                  <Link to={`/orgs/${member.slug}`} className="font-medium text-brand-700 underline">
                    {member.name}
                  </Link>
                  <span className="text-sm text-stone-700">
                    {t(`groups.members.kind.${member.kind}`)} · {member.hubName}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>

      <section aria-labelledby="group-announcements" className="space-y-3">
        <h2 id="group-announcements" className="text-lg font-semibold">
          {t('groups.announcements.title')}
        </h2>
        {announcements.length === 0 ? (
          <EmptyState title={t('groups.announcements.empty')} />
        ) : (
          <ul className="space-y-3">
            {announcements.map((announcement) => (
              <li key={announcement.id}>
                <Card className="space-y-1">
                  <h3 className="font-semibold">{announcement.title}</h3>
                  <p className="text-sm text-stone-600">
                    {t('groups.announcements.by', { name: announcement.authorName, date: formatDate(announcement.createdAt, locale) })}
                  </p>
                  <p className="whitespace-pre-line text-stone-800">{announcement.body}</p>
                </Card>
              </li>
            ))}
          </ul>
        )}
      </section>

      {canManage && !group.archived ? (
        <StaffTools
          group={group}
          announceResult={actionData?.intent === 'announce' ? actionData.result : undefined}
          updateResult={actionData?.intent === 'update' ? actionData.result : undefined}
        />
      ) : null}
    </div>
  )
}

function StaffTools({
  group,
  announceResult,
  updateResult,
}: {
  group: { name: string; theme: string; description: string; openToAllHubs: boolean }
  announceResult?: SubmissionResult<string[]>
  updateResult?: SubmissionResult<string[]>
}) {
  const { t } = useTranslation()
  const navigation = useNavigation()
  const pending = navigation.state === 'submitting' ? navigation.formData?.get('intent') : null
  const [announceForm, announce] = useForm({ id: 'group-announce', lastResult: announceResult })
  const [updateForm, update] = useForm({
    id: 'group-update',
    lastResult: updateResult,
    defaultValue: { name: group.name, theme: group.theme, description: group.description, audience: group.openToAllHubs ? 'all' : 'hub' },
  })
  return (
    <section aria-labelledby="group-staff" className="space-y-4">
      <h2 id="group-staff" className="text-lg font-semibold">
        {t('groups.staff.title')}
      </h2>
      <Card>
        <Form method="post" className="space-y-3" {...getFormProps(announceForm)}>
          <h3 className="font-semibold">{t('groups.staff.announce')}</h3>
          <p className="text-sm text-stone-600">{t('groups.staff.announceHint')}</p>
          <FormErrors id={announceForm.errorId} errors={announceForm.errors} />
          <Field label={t('groups.staff.announceTitle')} errors={announce.title.errors} inputProps={getInputProps(announce.title, { type: 'text' })} />
          <TextareaField label={t('groups.staff.announceBody')} errors={announce.body.errors} textareaProps={{ ...getTextareaProps(announce.body), rows: 4 }} />
          <Button type="submit" name="intent" value="announce" pending={pending === 'announce'}>
            {t('groups.staff.announceSubmit')}
          </Button>
        </Form>
      </Card>
      <Card>
        <details>
          <summary className="cursor-pointer font-semibold">{t('groups.staff.edit')}</summary>
          <Form method="post" className="mt-3 space-y-3" {...getFormProps(updateForm)}>
            <FormErrors id={updateForm.errorId} errors={updateForm.errors} />
            <GroupSettingsFields
              fields={{
                name: { errors: update.name.errors, props: getInputProps(update.name, { type: 'text' }) },
                theme: { errors: update.theme.errors, props: getInputProps(update.theme, { type: 'text' }) },
                description: { errors: update.description.errors, props: getTextareaProps(update.description) },
                audience: { errors: update.audience.errors, name: update.audience.name, value: group.openToAllHubs ? 'all' : 'hub' },
              }}
            />
            <Button type="submit" name="intent" value="update" pending={pending === 'update'}>
              {t('groups.staff.save')}
            </Button>
          </Form>
        </details>
      </Card>
      <Card>
        <Form method="post" className="flex flex-wrap items-center gap-3">
          <p className="text-sm text-stone-700">{t('groups.staff.archiveHint')}</p>
          <Button type="submit" name="intent" value="archive" variant="secondary" pending={pending === 'archive'}>
            {t('groups.staff.archive')}
          </Button>
        </Form>
      </Card>
    </section>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
