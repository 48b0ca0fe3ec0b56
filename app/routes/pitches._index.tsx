import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { PitchList } from '#app/components/pitches'
import { LinkButton } from '#app/components/ui/button'
import { EmptyState, PageHeader } from '#app/components/ui/card'
import { onDay } from '#app/i18n/format'
import { listPitchesForActor, type PitchRow } from '#app/modules/pitches/service.server'
import { middayOf } from '#app/modules/reminders/schedule'
import { getRequestLocale, getRequestT } from '#app/utils/i18n.server'
import { titleMeta } from '#app/utils/meta'
import { handle } from '#app/utils/route.server'
import { requireActor } from '#app/utils/session.server'

export const meta = titleMeta

/** A firm's pitches, a partner's received pitches (sent and after, with their due date), a link to staff's queue. */
export async function loader(args: LoaderFunctionArgs) {
  return handle(args, async ({ request }) => {
    const actor = await requireActor(request)
    const [lists, t, locale] = await Promise.all([listPitchesForActor(actor), getRequestT(request), getRequestLocale(request)])
    const withDue = (rows: PitchRow[]) => rows.map((row) => ({ ...row, dueOn: row.dueDay ? onDay(middayOf(row.dueDay), locale, actor.timeZone) : null }))
    return json({ title: t('pitches.title'), locale, ...lists, sent: withDue(lists.sent), received: withDue(lists.received) })
  })
}

export default function PitchesPage() {
  const { sent, received, isFirm, isPartner, canPitch, isStaff, locale } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <div className="space-y-8">
      <PageHeader
        title={t('pitches.title')}
        description={t('pitches.intro')}
        actions={canPitch ? <LinkButton to="/pitches/new">{t('pitches.new')}</LinkButton> : null}
      />
      {isStaff ? (
        <p className="text-sm">
          <Link to="/staff/pitches" className="font-semibold text-brand-700 underline">
            {t('pitches.staffLink')}
          </Link>
        </p>
      ) : null}
      {isFirm ? (
        <section aria-labelledby="pitches-sent" className="space-y-3">
          <h2 id="pitches-sent" className="text-lg font-semibold">
            {t('pitches.sentTitle')}
          </h2>
          {sent.length === 0 ? (
            <EmptyState title={t('pitches.sentEmpty')}>
              {canPitch ? (
                <Link to="/pitches/new" className="font-semibold text-brand-700 underline">
                  {t('pitches.new')}
                </Link>
              ) : (
                <p>{t('pitches.onlyVerified')}</p>
              )}
            </EmptyState>
          ) : (
            <PitchList rows={sent} side="firm" locale={locale} />
          )}
        </section>
      ) : null}
      {isPartner ? (
        <section aria-labelledby="pitches-received" className="space-y-3">
          <h2 id="pitches-received" className="text-lg font-semibold">
            {t('pitches.receivedTitle')}
          </h2>
          <p className="text-sm text-stone-700">{t('pitches.receivedIntro')}</p>
          {received.length === 0 ? <EmptyState title={t('pitches.receivedEmpty')} /> : <PitchList rows={received} side="partner" locale={locale} />}
        </section>
      ) : null}
      {!isFirm && !isPartner && !isStaff ? <EmptyState title={t('pitches.nothingForYou')}>{t('pitches.nothingForYouHint')}</EmptyState> : null}
    </div>
  )
}
