import { useTranslation } from 'react-i18next'
import { cn } from './ui/cn'
import { toLocale } from '#app/i18n/config'
import { reasonSentence, type ReasonAudience } from '#app/modules/matching/engine/reasons'
import type { Reason } from '#app/modules/matching/engine/types'

interface StoredBreakdown {
  reasons?: Reason[]
}

/** The match score, 0–100, with an accessible label. */
export function ScoreBadge({ score, className }: { score: number | null; className?: string }) {
  const { t } = useTranslation()
  if (score === null) return null
  const rounded = Math.round(score)
  const tone = rounded >= 70 ? 'bg-brand-700 text-white' : rounded >= 40 ? 'bg-brand-100 text-brand-900' : 'bg-stone-200 text-stone-800'
  return (
    <span
      className={cn('inline-flex min-w-14 items-center justify-center rounded-md px-2 py-1 text-sm font-bold tabular-nums', tone, className)}
      title={t('matching.scoreTitle')}
    >
      <span aria-hidden>{rounded}/100</span>
      <span className="sr-only">{`${t('matching.scoreLabel')} ${rounded} / 100`}</span>
    </span>
  )
}

/**
 * "Why this match": the stored reasons, as sentences in the reader's language and for the reader:
 * `audience` 'firm' speaks to the firm (« vos compétences en commun », « votre entreprise est à
 * 12 km d’Échirolles »), 'partner' to the need's author (the firm in the third person, « votre
 * besoin »), 'staff' neutrally (the default, as the command-line ranker). The engine writes them.
 */
export function MatchReasons({ breakdown, audience = 'staff' }: { breakdown: unknown; audience?: ReasonAudience }) {
  const { i18n } = useTranslation()
  const reasons = (breakdown as StoredBreakdown | null)?.reasons ?? []
  if (reasons.length === 0) return null
  const locale = toLocale(i18n.language)
  return (
    <ul className="list-disc space-y-1 pl-5 text-sm text-stone-800">
      {reasons.map((reason) => (
        <li key={reason.key}>{capitalise(reasonSentence(reason, locale, audience))}</li>
      ))}
    </ul>
  )
}

function capitalise(sentence: string) {
  return sentence.charAt(0).toLocaleUpperCase() + sentence.slice(1)
}
