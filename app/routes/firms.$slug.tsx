import { getFormProps, getSelectProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '#app/components/error-boundary'
import { InterventionAreaSummary } from '#app/components/intervention-area-summary'
import { Button, LinkButton } from '#app/components/ui/button'
import { Badge, Card, PageHeader } from '#app/components/ui/card'
import { FormErrors, SelectField } from '#app/components/ui/field'
import { getDirectoryProfile } from '#app/modules/firms/directory.server'
import { directoryInviteSchema } from '#app/modules/firms/schema'
import { applyDirectoryAction } from '#app/modules/firms/service.server'
import { readFormData } from '#app/utils/form.server'
import { getRequestT } from '#app/utils/i18n.server'
import { titleMeta } from '#app/utils/meta'
import { handle, replyWithAppError, requireParam } from '#app/utils/route.server'
import { requireActor } from '#app/utils/session.server'
import { redirectWithToast } from '#app/utils/toast.server'

export const meta = titleMeta

/** A firm's profile in the directory (404 when hidden or not verified), and the partner's invitation form. */
export async function loader(args: LoaderFunctionArgs) {
  return handle(args, async ({ request, params }) => {
    const actor = await requireActor(request)
    const [profile, t] = await Promise.all([getDirectoryProfile(actor, requireParam(params, 'slug')), getRequestT(request)])
    return json({ title: t('firms.profile.title', { name: profile.firm.name }), ...profile })
  })
}

export async function action(args: ActionFunctionArgs) {
  return handle(args, async ({ request, params, context }) => {
    const actor = await requireActor(request)
    const slug = requireParam(params, 'slug')
    // The firm must be one the actor finds in the directory (404 otherwise), whatever is posted.
    await getDirectoryProfile(actor, slug)
    const formData = await readFormData(request)
    formData.set('firm', slug)
    const submission = parseWithZod(formData, { schema: directoryInviteSchema })
    if (submission.status !== 'success') return json({ result: submission.reply() }, { status: 400 })
    try {
      const toast = await applyDirectoryAction(actor, submission.value, context.requestId)
      return redirectWithToast(`/firms/${slug}`, toast)
    } catch (error) {
      return replyWithAppError(request, submission, error)
    }
  })
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Card aria-labelledby={id} role="region" className="space-y-3">
      <h2 id={id} className="text-lg font-semibold">
        {title}
      </h2>
      {children}
    </Card>
  )
}

function InviteForm() {
  const { invitableNeeds, firm } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  const [form, fields] = useForm({
    id: 'directory-invite',
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: directoryInviteSchema.omit({ firm: true }) }),
    shouldRevalidate: 'onBlur',
  })
  const open = invitableNeeds.filter((need) => need.matchStatus !== 'INVITED' && need.matchStatus !== 'DISMISSED' && need.matchStatus !== 'REJECTED')
  return (
    <Section id="invite" title={t('firms.invite.title')}>
      {invitableNeeds.length === 0 ? (
        <p className="text-sm text-stone-700">
          {t('firms.invite.noNeeds')}{' '}
          <Link to="/needs/new" className="font-semibold text-brand-700 underline">
            {t('firms.invite.newNeed')}
          </Link>
        </p>
      ) : (
        <>
          {invitableNeeds.some((need) => need.matchStatus === 'INVITED') ? (
            <p className="text-sm text-stone-700">
              {t('firms.invite.alreadyIn', { needs: invitableNeeds.filter((need) => need.matchStatus === 'INVITED').map((need) => `« ${need.title} »`).join(', ') })}
            </p>
          ) : null}
          {open.length === 0 ? (
            <p className="text-sm text-stone-700">{t('firms.invite.allDone', { firm: firm.name })}</p>
          ) : (
            <Form method="post" className="space-y-3" {...getFormProps(form)}>
              <input type="hidden" name="intent" value="invite" />
              <FormErrors id={form.errorId} errors={form.errors} />
              <SelectField
                label={t('firms.invite.need')}
                hint={t('firms.invite.needHint', { firm: firm.name })}
                errors={fields.needId.errors}
                selectProps={getSelectProps(fields.needId)}
                placeholder={t('firms.invite.chooseNeed')}
                options={open.map((need) => ({ value: need.id, label: need.title }))}
              />
              <Button type="submit">{t('firms.invite.submit')}</Button>
            </Form>
          )}
        </>
      )}
    </Section>
  )
}

export default function FirmProfile() {
  const { firm, references, cohorts, groups, canInvite } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <PageHeader
        title={firm.name}
        description={[firm.communeLabel, firm.revenueBand ? t(`revenueBand.${firm.revenueBand}` as 'revenueBand.LT_1M') : null, firm.hubName].filter(Boolean).join(' · ')}
        actions={
          <LinkButton to="/firms" variant="secondary">
            {t('firms.profile.back')}
          </LinkButton>
        }
      />
      <Section id="about" title={t('firms.profile.about')}>
        {firm.description ? <p className="whitespace-pre-line text-stone-800">{firm.description}</p> : <p className="text-sm text-stone-600">{t('firms.profile.noDescription')}</p>}
        {firm.offerings ? (
          <>
            <h3 className="font-semibold">{t('firms.profile.offerings')}</h3>
            <p className="whitespace-pre-line text-stone-800">{firm.offerings}</p>
          </>
        ) : null}
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
          <div>
            <dt className="font-medium text-stone-600">{t('firms.profile.commune')}</dt>
            <dd>{firm.communeLabel ?? '—'}</dd>
          </div>
          {firm.intervention ? (
            <div className="sm:col-span-2">
              <dt className="font-medium text-stone-600">{t('profile.page.interventionArea')}</dt>
              <dd>
                <InterventionAreaSummary area={firm.intervention} />
              </dd>
            </div>
          ) : null}
          <div>
            <dt className="font-medium text-stone-600">{t('firms.profile.band')}</dt>
            <dd>{firm.revenueBand ? t(`revenueBand.${firm.revenueBand}` as 'revenueBand.LT_1M') : '—'}</dd>
          </div>
          <div>
            <dt className="font-medium text-stone-600">{t('firms.profile.headcount')}</dt>
            <dd>{firm.headcount ?? '—'}</dd>
          </div>
          <div>
            <dt className="font-medium text-stone-600">{t('firms.profile.hub')}</dt>
            <dd>{firm.hubName}</dd>
          </div>
          {firm.website ? (
            <div>
              <dt className="font-medium text-stone-600">{t('firms.profile.website')}</dt>
              <dd>
                <a href={firm.website} rel="noopener noreferrer nofollow" className="text-brand-700 underline">
                  {firm.website}
                </a>
              </dd>
            </div>
          ) : null}
        </dl>
      </Section>
      <Section id="expertise" title={t('firms.profile.expertise')}>
        <h3 className="font-semibold">{t('firms.profile.skills')}</h3>
        {firm.skills.length ? (
          <ul className="flex flex-wrap gap-1">
            {firm.skills.map((skill) => (
              <li key={skill}>
                <Badge>{skill}</Badge>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-stone-600">{t('firms.profile.noSkills')}</p>
        )}
        <h3 className="font-semibold">{t('firms.profile.naf')}</h3>
        {firm.naf.length ? (
          <ul className="text-sm">
            {firm.naf.map((item) => (
              <li key={item.code}>
                {item.code}
                {item.label ? ` — ${item.label}` : ''}
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-stone-600">{t('firms.profile.noNaf')}</p>
        )}
      </Section>
      <Section id="references" title={t('firms.profile.references')}>
        {references.length ? (
          <ul className="divide-y divide-stone-200">
            {references.map((reference) => (
              <li key={reference.id} className="py-2">
                <p className="font-medium">
                  {reference.title}
                  {reference.year ? <span className="text-stone-600"> · {reference.year}</span> : null}
                </p>
                {reference.description ? <p className="text-sm text-stone-700">{reference.description}</p> : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-stone-600">{t('firms.profile.noReferences')}</p>
        )}
      </Section>
      <Section id="network" title={t('firms.profile.network')}>
        <h3 className="font-semibold">{t('firms.profile.cohorts')}</h3>
        {cohorts.length ? (
          <ul className="text-sm">
            {cohorts.map((cohort) => (
              <li key={cohort.id}>
                {cohort.name} ({cohort.programme ? `${cohort.programme}, ` : ''}
                {cohort.year})
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-stone-600">{t('firms.profile.noCohorts')}</p>
        )}
        <h3 className="font-semibold">{t('firms.profile.groups')}</h3>
        {groups.length ? (
          <ul className="text-sm">
            {groups.map((group) => (
              <li key={group.id}>
                {group.name} ({group.hubShortName})
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-stone-600">{t('firms.profile.noGroups')}</p>
        )}
      </Section>
      {canInvite ? <InviteForm /> : null}
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
