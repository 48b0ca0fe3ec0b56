import i18next, { type TFunction } from 'i18next'
import { i18nOptions, resources, toLocale, type Locale } from './config'

const instances = new Map<Locale, TFunction>()

/**
 * A translation function for a locale, outside React (e-mails, jobs, server messages).
 * Resources are bundled, so initialisation is synchronous.
 */
export function getT(locale: string | null | undefined): TFunction {
  const lng = toLocale(locale)
  let t = instances.get(lng)
  if (!t) {
    const instance = i18next.createInstance()
    void instance.init({ ...i18nOptions, supportedLngs: [...i18nOptions.supportedLngs], lng, resources, initImmediate: false })
    t = instance.t
    instances.set(lng, t)
  }
  return t
}

type LooseT = (key: string, options?: Record<string, unknown>) => unknown

/**
 * Translates a key known only at run time (error and validation keys from services, reasons
 * stored with matches). Unknown keys come back as the key itself.
 */
export function translateKey(t: TFunction, key: string, values?: Record<string, unknown>): string {
  return String((t as unknown as LooseT)(key, values))
}

/** Arrays of paragraphs (e-mail bodies). */
export function translateList(t: TFunction, key: string, values?: Record<string, unknown>): string[] {
  const result = (t as unknown as LooseT)(key, { ...values, returnObjects: true })
  return Array.isArray(result) ? result.map(String) : [String(result)]
}

/** Options a call may carry and still be a fixed label: those `getFixedT` and `useTranslation` add. */
const FIXED_CALL_OPTIONS = new Set(['lng', 'lngs', 'ns', 'keyPrefix'])
const MAX_CACHED_LABELS = 5_000

/**
 * Keeps the strings of an i18next instance's calls without values (fixed labels, most of a page's
 * calls): i18next resolves every call anew, about 12 µs each on a small machine, and a page makes a
 * few hundred. Resources are bundled and never change under a running process, so a label never
 * goes stale; calls with values (plurals, interpolation, objects) go to i18next as before.
 */
export function cacheFixedLabels<Instance extends { t: (...args: never[]) => unknown }>(instance: Instance): Instance {
  const translate = instance.t.bind(instance) as unknown as LooseT
  const labels = new Map<string, string>()
  const cached: LooseT = (key, options) => {
    if (typeof key !== 'string') return translate(key, options)
    let cacheKey = key
    for (const name in options) {
      if (!FIXED_CALL_OPTIONS.has(name)) return translate(key, options)
      const value = options[name]
      if (value !== undefined && value !== null) cacheKey += `\u0000${name}=${String(value)}`
    }
    const known = labels.get(cacheKey)
    if (known !== undefined) return known
    const label = translate(key, options)
    if (typeof label === 'string' && labels.size < MAX_CACHED_LABELS) labels.set(cacheKey, label)
    return label
  }
  instance.t = cached as unknown as Instance['t']
  return instance
}
