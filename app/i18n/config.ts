import en from './locales/en'
import fr from './locales/fr'

export const supportedLocales = ['fr', 'en'] as const
export type Locale = (typeof supportedLocales)[number]
export const defaultLocale: Locale = 'fr'

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (supportedLocales as readonly string[]).includes(value)
}

export function toLocale(value: unknown): Locale {
  return isLocale(value) ? value : defaultLocale
}

export const resources = {
  fr: { common: fr },
  en: { common: en },
} as const

/** Shared by the server (remix-i18next), the browser and the workers (e-mails). */
export const i18nOptions = {
  supportedLngs: [...supportedLocales],
  fallbackLng: defaultLocale,
  defaultNS: 'common',
  ns: ['common'],
  interpolation: { escapeValue: false },
  returnNull: false,
} as const
