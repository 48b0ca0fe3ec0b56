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
