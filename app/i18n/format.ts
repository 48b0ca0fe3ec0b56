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
  const text = dateFormatter(localeTag(locale), {
    dateStyle: 'long',
    ...(options.withTime ? { timeStyle: 'short' } : {}),
    timeZone: options.timeZone ?? 'Europe/Paris',
  }).format(date)
  // French writes the first of the month as an ordinal: « le 1er décembre », never « 1 décembre ».
  return toLocale(locale) === 'fr' ? text.replace(/^1(?=[\s\u00a0\u202f])/, '1er') : text
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

const NBSP = '\u00a0'

/**
 * A day in a sentence, in the reader's language and time zone: "le 1er décembre", "le 15 mars"
 * (French ordinal for the first of the month), "on 1 December"; the year is added when it is not
 * the current one (in that zone).
 */
export function onDay(value: Date, locale: string | null | undefined, timeZone = 'Europe/Paris', now = new Date()) {
  const lang = toLocale(locale)
  const parts = (date: Date) =>
    Object.fromEntries(
      dateFormatter(localeTag(lang), { day: 'numeric', month: 'long', year: 'numeric', timeZone })
        .formatToParts(date)
        .map((part) => [part.type, part.value]),
    ) as Record<'day' | 'month' | 'year', string>
  const day = parts(value)
  const year = day.year === parts(now).year ? '' : ` ${day.year}`
  if (lang === 'fr') return `le ${day.day === '1' ? '1er' : day.day}${NBSP}${day.month}${year}`
  return `on ${day.day}${NBSP}${day.month}${year}`
}

/**
 * A French preposition before a place name, elided and contracted as written: "d’Échirolles",
 * "de Grenoble", "du Pont-de-Claix" (de + Le), "des Houches", "à Annecy", "au Bourget-du-Lac",
 * "aux Deux Alpes". Other languages take the name as it is.
 */
export function withPreposition(preposition: 'de' | 'à', place: string, locale: string | null | undefined = 'fr') {
  if (toLocale(locale) !== 'fr') return place
  const article = /^(Les|Le|La)\s+(.*)$/.exec(place)
  if (article && (article[1] === 'Le' || article[1] === 'Les')) {
    const contracted = { de: { Le: 'du', Les: 'des' }, à: { Le: 'au', Les: 'aux' } }[preposition][article[1]]
    return `${contracted} ${article[2]}`
  }
  if (preposition === 'de' && /^[AEIOUYÀÂÄÉÈÊËÎÏÔÖÙÛÜaeiouyàâäéèêëîïôöùûü]/.test(place)) return `d’${place}`
  return `${preposition} ${place}`
}

/** "à 9 km d’Échirolles" / "9 km from Échirolles" (a non-breaking space before the unit). */
export function distanceFrom(km: number, place: string, locale: string | null | undefined) {
  const distance = `${formatNumber(km, locale)}${NBSP}km`
  return toLocale(locale) === 'fr' ? `à ${distance} ${withPreposition('de', place, 'fr')}` : `${distance} from ${place}`
}

/** A share (0–1) as a percentage: "40 %" (French narrow no-break space), "40%". */
export function formatPercent(share: number, locale: string | null | undefined, digits = 0) {
  return numberFormatter(localeTag(locale), { style: 'percent', maximumFractionDigits: digits }).format(share)
}

/** A month given as 'YYYY-MM': "janvier 2026" (long) or "janv. 26" (short, for chart axes). */
export function formatMonth(month: string, locale: string | null | undefined, style: 'long' | 'short' = 'long') {
  const date = new Date(`${month}-01T12:00:00Z`)
  if (Number.isNaN(date.getTime())) return month
  return dateFormatter(localeTag(locale), { month: style, year: style === 'long' ? 'numeric' : '2-digit', timeZone: 'UTC' }).format(date)
}

/** Names joined as a sentence would: "Annecy, Savoie et Valence", "Annecy, Savoie and Valence". */
export function formatList(items: readonly string[], locale: string | null | undefined) {
  return new Intl.ListFormat(localeTag(locale), { style: 'long', type: 'conjunction' }).format(items)
}
