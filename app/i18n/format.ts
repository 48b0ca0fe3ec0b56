import { toLocale } from './config'

const tags = { fr: 'fr-FR', en: 'en-GB' } as const

export function localeTag(locale: string | null | undefined) {
  return tags[toLocale(locale)]
}

// Intl formatters are costly to build: one per locale and options, kept.
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>()
function dateFormatter(tag: string, options: Intl.DateTimeFormatOptions) {
  const key = `d:${tag}:${JSON.stringify(options)}`
  let formatter = formatters.get(key) as Intl.DateTimeFormat | undefined
  if (!formatter) formatters.set(key, (formatter = new Intl.DateTimeFormat(tag, options)))
  return formatter
}
function numberFormatter(tag: string, options: Intl.NumberFormatOptions) {
  const key = `n:${tag}:${JSON.stringify(options)}`
  let formatter = formatters.get(key) as Intl.NumberFormat | undefined
  if (!formatter) formatters.set(key, (formatter = new Intl.NumberFormat(tag, options)))
  return formatter
}

export function formatDate(
  value: Date | string | null | undefined,
  locale: string | null | undefined,
  options: { timeZone?: string; withTime?: boolean } = {},
) {
  if (!value) return ''
  const date = typeof value === 'string' ? new Date(value) : value
  if (Number.isNaN(date.getTime())) return ''
  return dateFormatter(localeTag(locale), {
    dateStyle: 'long',
    ...(options.withTime ? { timeStyle: 'short' } : {}),
    timeZone: options.timeZone ?? 'Europe/Paris',
  }).format(date)
}

export function formatEur(amount: number | null | undefined, locale: string | null | undefined) {
  if (amount === null || amount === undefined) return ''
  return numberFormatter(localeTag(locale), { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }).format(amount)
}

export function formatNumber(value: number, locale: string | null | undefined, digits = 0) {
  return numberFormatter(localeTag(locale), { maximumFractionDigits: digits }).format(value)
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
