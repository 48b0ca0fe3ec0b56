import { localeTag } from '#app/i18n/format'

/**
 * Amounts of dues (pure). Plans are typed in euros by people ("1 200,50", "1200.5", "90 €") and
 * kept in cents; parsing never goes through floating point.
 */
export const MAX_PLAN_AMOUNT_CENTS = 100_000_00

export type AmountProblem = 'format' | 'positive' | 'max' | 'cents'

export function parseEuroAmount(text: string): { cents: number } | { problem: AmountProblem } {
  const cleaned = text.replace(/[\s\u00a0\u202f]/g, '').replace(/€$/, '').replace(',', '.')
  if (cleaned.startsWith('-')) return { problem: 'positive' }
  const match = /^(\d{1,9})(?:\.(\d*))?$/.exec(cleaned)
  if (!match) return { problem: 'format' }
  const [, whole, fraction = ''] = match
  if (fraction.replace(/0+$/, '').length > 2) return { problem: 'cents' }
  const cents = Number(whole) * 100 + Number(fraction.padEnd(2, '0').slice(0, 2))
  if (cents <= 0) return { problem: 'positive' }
  if (cents > MAX_PLAN_AMOUNT_CENTS) return { problem: 'max' }
  return { cents }
}

/** "1 200,50 €" / "€1,200.50"; whole euros without decimals ("90 €"). */
export function formatCents(cents: number, locale: string | null | undefined, currency = 'EUR') {
  const whole = cents % 100 === 0
  return new Intl.NumberFormat(localeTag(locale), {
    style: 'currency',
    currency: currency.toUpperCase(),
    minimumFractionDigits: whole ? 0 : 2,
    maximumFractionDigits: 2,
  }).format(cents / 100)
}

/** The amount as the plan form shows it again: "1200,50" in French, "1200.50" in English. */
export function centsToInput(cents: number, locale: string | null | undefined) {
  const text = cents % 100 === 0 ? String(cents / 100) : (cents / 100).toFixed(2)
  return localeTag(locale).startsWith('fr') ? text.replace('.', ',') : text
}
