import { toLocale } from './config'

const tags = { fr: 'fr-FR', en: 'en-GB' } as const

export function localeTag(locale: string | null | undefined) {
  return tags[toLocale(locale)]
}

export function formatDate(
  value: Date | string | null | undefined,
  locale: string | null | undefined,
  options: { timeZone?: string; withTime?: boolean } = {},
) {
  if (!value) return ''
  const date = typeof value === 'string' ? new Date(value) : value
  return new Intl.DateTimeFormat(localeTag(locale), {
    dateStyle: 'long',
    ...(options.withTime ? { timeStyle: 'short' } : {}),
    timeZone: options.timeZone ?? 'Europe/Paris',
  }).format(date)
}

export function formatEur(amount: number | null | undefined, locale: string | null | undefined) {
  if (amount === null || amount === undefined) return ''
  return new Intl.NumberFormat(localeTag(locale), {
    style: 'currency',
    currency: 'EUR',
    maximumFractionDigits: 0,
  }).format(amount)
}

export function formatNumber(value: number, locale: string | null | undefined, digits = 0) {
  return new Intl.NumberFormat(localeTag(locale), { maximumFractionDigits: digits }).format(value)
}

/** "5 000 € – 20 000 €", "jusqu'à 20 000 €" is left to the caller's translation. */
export function formatEurRange(
  min: number | null | undefined,
  max: number | null | undefined,
  locale: string | null | undefined,
) {
  if (min != null && max != null) return `${formatEur(min, locale)} – ${formatEur(max, locale)}`
  if (max != null) return `≤ ${formatEur(max, locale)}`
  if (min != null) return `≥ ${formatEur(min, locale)}`
  return ''
}
