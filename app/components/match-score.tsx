import { useTranslation } from 'react-i18next'
import { cn } from './ui/cn'
import { toLocale } from '#app/i18n/config'
import { reasonSentence } from '#app/modules/matching/engine/reasons'
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
 * "Why this match": the stored reasons, as sentences in the reader's language. The engine writes
 * them (French and English), so the command-line ranker and the product say the same thing.
 */
export function MatchReasons({ breakdown }: { breakdown: unknown }) {
  const { i18n } = useTranslation()
  const reasons = (breakdown as StoredBreakdown | null)?.reasons ?? []
  if (reasons.length === 0) return null
  const locale = toLocale(i18n.language)
  return (
    <ul className="list-disc space-y-1 pl-5 text-sm text-stone-800">
      {reasons.map((reason) => (
        <li key={reason.key}>{capitalise(reasonSentence(reason, locale))}</li>
      ))}
    </ul>
  )
}

function capitalise(sentence: string) {
  return sentence.charAt(0).toLocaleUpperCase() + sentence.slice(1)
}
