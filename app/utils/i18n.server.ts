import { createCookie } from '@remix-run/node'
import { RemixI18Next } from 'remix-i18next/server'
import { defaultLocale, i18nOptions, resources, supportedLocales, toLocale, type Locale } from '#app/i18n/config'
import { getT } from '#app/i18n/translate'

/** The language the visitor chose; French until they choose otherwise. Logged-in users keep theirs in the database too. */
export const localeCookie = createCookie('sillon_lng', {
  path: '/',
  httpOnly: true,
  sameSite: 'lax',
  maxAge: 60 * 60 * 24 * 365,
})
// (Not marked Secure: it holds only "fr" or "en", and must work on the http:// embedded default.)

export const remixI18n = new RemixI18Next({
  detection: {
    supportedLanguages: [...supportedLocales],
    fallbackLanguage: defaultLocale,
    cookie: localeCookie,
    order: ['cookie'],
  },
  i18next: { ...i18nOptions, supportedLngs: [...i18nOptions.supportedLngs], resources },
})

export async function getRequestLocale(request: Request): Promise<Locale> {
  return toLocale(await remixI18n.getLocale(request))
}

/** The translation function of the request's language (one i18next instance per language, built once). */
export async function getRequestT(request: Request) {
  return getT(await getRequestLocale(request))
}

export async function serializeLocale(locale: Locale) {
  return localeCookie.serialize(locale)
}
