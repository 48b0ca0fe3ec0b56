import { toLocale } from '#app/i18n/config'
import enDigests from '#app/i18n/locales/en-digests'
import frDigests from '#app/i18n/locales/fr-digests'

/**
 * The digest's texts (the `digests.digest.*` keys of the locale pair), read straight from the
 * bundled resources with a small interpolation: a digest pass renders a hundred thousand e-mails,
 * and i18next resolves each call anew (about 12 µs, some thirty calls per digest).
 */
type Texts = typeof frDigests.digest
const bundles = { fr: frDigests.digest, en: enDigests.digest as unknown as Texts }
const pluralRules = { fr: new Intl.PluralRules('fr-FR'), en: new Intl.PluralRules('en-GB') }

export type DigestT = (key: string, values?: Record<string, string | number>) => string

function lookup(texts: Texts, key: string): string | undefined {
  let node: unknown = texts
  for (const part of key.split('.')) {
    if (node === null || typeof node !== 'object') return undefined
    node = (node as Record<string, unknown>)[part]
  }
  return typeof node === 'string' ? node : undefined
}

const cache = new Map<string, DigestT>()

/** A translator for the digest in a locale: `t('recommended.more', { count: 3 })` picks the plural. */
export function digestT(locale: string | null | undefined): DigestT {
  const lang = toLocale(locale)
  let t = cache.get(lang)
  if (!t) {
    const texts = bundles[lang]
    const rules = pluralRules[lang]
    t = (key, values) => {
      let template: string | undefined
      if (values && typeof values.count === 'number') {
        template = lookup(texts, `${key}_${rules.select(values.count)}`) ?? lookup(texts, `${key}_other`)
      }
      template ??= lookup(texts, key) ?? key
      if (!values) return template
      return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole))
    }
    cache.set(lang, t)
  }
  return t
}
