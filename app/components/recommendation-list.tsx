import { Form, Link, useLocation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { ReasonAudience } from '#app/modules/matching/engine/reasons'
import { MatchReasons, ScoreBadge } from './match-score'
import { Button } from './ui/button'
import { Badge } from './ui/card'
import { cn } from './ui/cn'

type FeedbackValue = 'GOOD_MATCH' | 'NOT_RELEVANT'

export interface RecommendationItem {
  id: string
  score: number
  breakdown: unknown
  status: string
  myFeedback: FeedbackValue | null
  firm: { id: string; name: string; slug: string; communeName: string | null; homeHub: { shortName: string } }
  /** ENGINE, DIRECTORY (invited by the partner from the firm directory) or STAFF (recommended by a hub). */
  source?: string
  recommendedAt?: string | Date | null
  recommendationNote?: string | null
  recommendedHub?: { shortName: string } | null
  actions: { invite: boolean; approve: boolean; reject: boolean; feedback: boolean }
}

/**
 * A need's recommended firms, best first, with the reasons, the decisions the reader may take
 * (posted to `decisionAction`) and their opinion (good match / not relevant).
 */
export function RecommendationList({
  items,
  decisionAction,
  className,
  audience,
}: {
  items: RecommendationItem[]
  decisionAction: string
  className?: string
  /** Who reads the reasons: the need's partner (« votre besoin ») or hub staff (neutral). Required: a wrong default spoke to staff as the partner. */
  audience: ReasonAudience
}) {
  const { t } = useTranslation()
  const location = useLocation()
  const here = `${location.pathname}${location.search}`
  return (
    <ul className={cn('divide-y divide-stone-200', className)}>
      {items.map((item) => (
        <li key={item.id} className="flex flex-wrap gap-3 py-3">
          <ScoreBadge score={item.score} />
          <div className="min-w-0 flex-1">
            <p className="font-medium">
              <Link to={`/orgs/${item.firm.slug}`} className="hover:underline">
                {item.firm.name}
              </Link>
              <span className="text-stone-600">
                {' '}
                · {item.firm.communeName ? `${item.firm.communeName} · ` : ''}
                {item.firm.homeHub.shortName}
              </span>{' '}
              {item.status !== 'SUGGESTED' ? (
                <Badge tone={item.status === 'INVITED' || item.status === 'APPROVED' ? 'success' : 'neutral'}>{t(`matchStatus.${item.status}` as 'matchStatus.SUGGESTED')}</Badge>
              ) : null}
            </p>
            <MatchOrigin item={item} />
            <MatchReasons breakdown={item.breakdown} audience={audience} />
            {item.actions.feedback ? <FeedbackButtons matchId={item.id} current={item.myFeedback} subject={item.firm.name} redirectTo={`${here}#recommendations`} /> : null}
          </div>
          <div className="flex flex-wrap items-start gap-2">
            {/* No "dismiss" button: the partner's "not relevant" feedback dismisses the match. */}
            {(['approve', 'reject', 'invite'] as const)
              .filter((decision) => item.actions[decision])
              .map((decision) => (
                <Form method="post" action={decisionAction} key={decision}>
                  <input type="hidden" name="intent" value="match" />
                  <input type="hidden" name="decision" value={decision} />
                  <input type="hidden" name="matchId" value={item.id} />
                  <Button
                    type="submit"
                    size="sm"
                    variant={decision === 'reject' ? 'secondary' : 'primary'}
                    aria-label={t(`matching.actionsLabel.${decision}`, { firm: item.firm.name })}
                  >
                    {t(`matching.actions.${decision}`)}
                  </Button>
                </Form>
              ))}
          </div>
        </li>
      ))}
    </ul>
  )
}

/** How the firm came to the list, when a person chose it: a hub's recommendation (with its note), the partner's directory. */
function MatchOrigin({ item }: { item: RecommendationItem }) {
  const { t } = useTranslation()
  if (item.recommendedAt && item.recommendedHub) {
    return (
      <div className="mt-1 text-sm">
        <Badge tone="info">{t('firms.badges.recommendedBy', { hub: item.recommendedHub.shortName })}</Badge>
        {item.recommendationNote ? (
          <blockquote className="mt-1 border-l-2 border-sky-300 pl-2 text-stone-700">
            <span className="sr-only">{t('firms.badges.note')} </span>
            {item.recommendationNote}
          </blockquote>
        ) : null}
      </div>
    )
  }
  if (item.source === 'DIRECTORY') {
    return (
      <p className="mt-1">
        <Badge tone="neutral">{t('firms.badges.fromDirectory')}</Badge>
      </p>
    )
  }
  return null
}

/**
 * The reader's opinion on a match: two toggle buttons (pressed when chosen; pressing the chosen
 * one again withdraws it). Firms see their own wording.
 */
export function FeedbackButtons({
  matchId,
  current,
  subject,
  redirectTo,
  side = 'need',
}: {
  matchId: string
  current: FeedbackValue | null
  subject: string
  redirectTo: string
  side?: 'need' | 'firm'
}) {
  const { t } = useTranslation()
  const labels = side === 'firm' ? { GOOD_MATCH: t('matching.feedback.firmGood'), NOT_RELEVANT: t('matching.feedback.firmNotRelevant') } : { GOOD_MATCH: t('matching.feedback.good'), NOT_RELEVANT: t('matching.feedback.notRelevant') }
  return (
    <div role="group" aria-label={t('matching.feedback.legend', { subject })} className="mt-2 flex flex-wrap gap-2">
      {(['GOOD_MATCH', 'NOT_RELEVANT'] as const).map((value) => (
        <Form method="post" action={`/matches/${matchId}/feedback`} key={value}>
          <input type="hidden" name="value" value={current === value ? 'CLEAR' : value} />
          <input type="hidden" name="redirectTo" value={redirectTo} />
          <button
            type="submit"
            aria-pressed={current === value}
            className={
              current === value
                ? 'rounded-full bg-brand-700 px-3 py-1 text-xs font-semibold text-white'
                : 'rounded-full bg-white px-3 py-1 text-xs font-semibold text-stone-800 ring-1 ring-inset ring-stone-300 hover:bg-stone-50'
            }
          >
            {labels[value]}
          </button>
        </Form>
      ))}
    </div>
  )
}
