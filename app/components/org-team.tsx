import { Form, Link, useNavigation } from '@remix-run/react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Button } from '#app/components/ui/button'
import { Badge, Card } from '#app/components/ui/card'
import { FormErrors, type ListOfErrors } from '#app/components/ui/field'
import { formatDate } from '#app/i18n/format'

type Role = 'OWNER' | 'ADMIN' | 'MEMBER'

export interface TeamMemberRow {
  id: string
  name: string
  email: string
  role: Role
  joinedAt: string
  self: boolean
  actions: { remove: boolean; roles: Role[]; transferOwnership: boolean; leave: boolean }
}

export interface PendingInvitationRow {
  id: string
  email: string
  role: Role
  createdAt: string
  expiresAt: string
  invitedByName: string
}

/**
 * A confirmation that works without JavaScript: the summary opens the panel, whose form does the
 * change. Nothing happens until its confirm button is pressed.
 */
function Confirm({ label, summaryLabel, tone = 'secondary', children }: { label: string; summaryLabel?: string; tone?: 'secondary' | 'danger'; children: ReactNode }) {
  return (
    <details className="group rounded-md ring-1 ring-inset ring-stone-200 open:bg-stone-50 open:p-3">
      <summary
        aria-label={summaryLabel}
        className={`cursor-pointer list-none rounded-md px-3 py-1.5 text-sm font-semibold ${tone === 'danger' ? 'text-red-800' : 'text-stone-800'} group-open:px-0 group-open:pt-0`}
      >
        {label}
      </summary>
      <div className="mt-2 space-y-2 text-sm">{children}</div>
    </details>
  )
}

function RoleForm({ member, submitting }: { member: TeamMemberRow; submitting: boolean }) {
  const { t } = useTranslation()
  const selectId = `role-${member.id}`
  return (
    <Form method="post" className="flex flex-wrap items-end gap-2">
      <input type="hidden" name="intent" value="change-role" />
      <input type="hidden" name="membershipId" value={member.id} />
      <div>
        <label htmlFor={selectId} className="block text-sm font-medium text-stone-700">
          {t('members.team.newRole')}
        </label>
        <select id={selectId} name="role" required className="mt-1 rounded-md border-0 bg-white px-3 py-1.5 text-sm ring-1 ring-inset ring-stone-300" defaultValue="">
          <option value="" disabled>
            {t('members.team.chooseRole')}
          </option>
          {[...member.actions.roles].reverse().map((role) => (
            <option key={role} value={role}>
              {t(`memberRole.${role}`)}
            </option>
          ))}
        </select>
      </div>
      <Button type="submit" size="sm" variant="secondary" disabled={submitting}>
        {t('members.team.changeRole')}
      </Button>
    </Form>
  )
}

function MemberActions({ member, slug, submitting }: { member: TeamMemberRow; slug: string; submitting: boolean }) {
  const { t } = useTranslation()
  const { actions } = member
  const any = actions.remove || actions.roles.length > 0 || actions.transferOwnership || actions.leave
  if (!any) {
    // The only owner: say what to do rather than showing nothing.
    const soleOwner = member.self && member.role === 'OWNER'
    return <span className="text-sm text-stone-600">{t(soleOwner ? 'members.team.soleOwner' : 'members.team.noAction')}</span>
  }
  return (
    <div className="space-y-2">
      {actions.roles.length > 0 || actions.transferOwnership || actions.remove ? (
        <Confirm label={t('members.team.manage')} summaryLabel={t('members.team.manageLabel', { name: member.name })}>
          {actions.roles.length > 0 ? <RoleForm member={member} submitting={submitting} /> : null}
          {actions.transferOwnership ? (
            <Form method="post" className="space-y-1 border-t border-stone-200 pt-2">
              <input type="hidden" name="intent" value="transfer-ownership" />
              <input type="hidden" name="membershipId" value={member.id} />
              <p>{t('members.team.transferConfirm', { name: member.name })}</p>
              <Button type="submit" size="sm" variant="secondary" disabled={submitting}>
                {t('members.team.transferSubmit', { name: member.name })}
              </Button>
            </Form>
          ) : null}
          {actions.remove ? (
            <Form method="post" className="space-y-1 border-t border-stone-200 pt-2">
              <input type="hidden" name="intent" value="remove-member" />
              <input type="hidden" name="membershipId" value={member.id} />
              <p>{t('members.team.removeConfirm', { name: member.name })}</p>
              <Button type="submit" size="sm" variant="danger" disabled={submitting}>
                {t('members.team.removeSubmit', { name: member.name })}
              </Button>
            </Form>
          ) : null}
        </Confirm>
      ) : null}
      {actions.leave ? (
        <Link to={`/orgs/${slug}/leave`} className="block text-sm font-semibold text-red-800 underline">
          {t('members.team.leave')}
        </Link>
      ) : null}
    </div>
  )
}

/** The team of the settings page: members with the changes the viewer may make, pending invitations. */
export function TeamSection({
  slug,
  members,
  invitations,
  locale,
  errors,
}: {
  slug: string
  members: TeamMemberRow[]
  invitations: PendingInvitationRow[]
  locale: string
  errors?: ListOfErrors
}) {
  const { t } = useTranslation()
  const navigation = useNavigation()
  const submitting = navigation.state === 'submitting'
  return (
    <Card className="space-y-4" id="team">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="text-lg font-semibold">{t('members.team.title')}</h2>
        <Link to={`/orgs/${slug}`} className="text-sm font-semibold text-brand-700 underline">
          {t('members.team.invite')}
        </Link>
      </div>
      <p className="text-sm text-stone-700">{t('members.team.rules')}</p>
      <FormErrors errors={errors} />
      <div className="overflow-x-auto">
        <table className="min-w-full text-left text-sm">
          <caption className="sr-only">{t('members.team.memberCount', { count: members.length })}</caption>
          <thead className="border-b border-stone-200 text-stone-600">
            <tr>
              <th scope="col" className="py-2 pr-3 font-medium">{t('members.team.columns.name')}</th>
              <th scope="col" className="py-2 pr-3 font-medium">{t('members.team.columns.role')}</th>
              <th scope="col" className="py-2 pr-3 font-medium">{t('members.team.columns.joinedAt')}</th>
              <th scope="col" className="py-2 font-medium">{t('members.team.columns.actions')}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-200">
            {members.map((member) => (
              <tr key={member.id} className="align-top">
                <th scope="row" className="py-2 pr-3 font-medium text-stone-900">
                  {member.name}
                  {member.self ? <span className="font-normal text-stone-600"> ({t('members.team.you')})</span> : null}
                  <span className="block font-normal text-stone-600">{member.email}</span>
                </th>
                <td className="py-2 pr-3">
                  <Badge tone={member.role === 'OWNER' ? 'info' : 'neutral'}>{t(`memberRole.${member.role}`)}</Badge>
                </td>
                <td className="py-2 pr-3">{formatDate(member.joinedAt, locale)}</td>
                <td className="py-2">
                  <MemberActions member={member} slug={slug} submitting={submitting} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <section aria-labelledby="pending-invitations" className="space-y-2 border-t border-stone-200 pt-3">
        <h3 id="pending-invitations" className="font-medium">
          {t('members.invitations.title')}
        </h3>
        {invitations.length === 0 ? (
          <p className="text-sm text-stone-600">{t('members.invitations.none')}</p>
        ) : (
          <ul className="divide-y divide-stone-200">
            {invitations.map((invitation) => (
              <li key={invitation.id} className="flex flex-wrap items-start justify-between gap-2 py-2 text-sm">
                <div>
                  <p className="font-medium">
                    {invitation.email} · {t(`memberRole.${invitation.role}`)}
                  </p>
                  <p className="text-stone-600">
                    {t('members.invitations.meta', {
                      name: invitation.invitedByName,
                      date: formatDate(invitation.createdAt, locale),
                      expires: formatDate(invitation.expiresAt, locale),
                    })}
                  </p>
                </div>
                <Confirm label={t('members.invitations.cancel')} summaryLabel={t('members.invitations.cancelLabel', { email: invitation.email })} tone="danger">
                  <Form method="post" className="space-y-1">
                    <input type="hidden" name="intent" value="cancel-invitation" />
                    <input type="hidden" name="invitationId" value={invitation.id} />
                    <p>{t('members.invitations.cancelConfirm', { email: invitation.email })}</p>
                    <Button type="submit" size="sm" variant="danger" disabled={submitting}>
                      {t('members.invitations.cancelSubmit')}
                    </Button>
                  </Form>
                </Confirm>
              </li>
            ))}
          </ul>
        )}
      </section>
    </Card>
  )
}
