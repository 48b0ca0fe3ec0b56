import i18next from 'i18next'
import { describe, expect, test } from 'vitest'
import { i18nOptions, resources } from './config'
import { formatDate, formatEur, formatEurRange, formatNumber } from './format'
import { cacheFixedLabels, getT, translateKey } from './translate'

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value === 'string' || Array.isArray(value)) return [prefix]
  return Object.entries(value as Record<string, unknown>).flatMap(([key, child]) => keys(child, prefix ? `${prefix}.${key}` : key))
}

describe('translations', () => {
  test('English has exactly the French keys', () => {
    expect(keys(resources.en.common).sort()).toEqual(keys(resources.fr.common).sort())
  })

  test('no text is left empty', () => {
    for (const locale of ['fr', 'en'] as const) {
      // Walked as objects: a map read whole (`returnObjects`, e.g. the audit's actions) may have dotted keys.
      const empty: string[] = []
      const walk = (node: unknown, path: string) => {
        if (typeof node === 'string') {
          if (node.trim() === '') empty.push(path)
        } else if (node && typeof node === 'object' && !Array.isArray(node)) {
          for (const [key, child] of Object.entries(node)) walk(child, path ? `${path}.${key}` : key)
        }
      }
      walk(resources[locale].common, '')
      expect(empty, locale).toEqual([])
    }
  })

  test('French by default, with plurals', () => {
    expect(getT(undefined)('needs.count', { count: 1 })).toBe('1 besoin')
    expect(getT('fr')('needs.count', { count: 3 })).toBe('3 besoins')
    expect(getT('en')('needs.count', { count: 3 })).toBe('3 needs')
    expect(getT('de')('nav.login')).toBe('Se connecter')
    expect(translateKey(getT('en'), 'validation.sirenInvalid')).toMatch(/SIREN is not valid/)
    expect(translateKey(getT('fr'), 'errors.needTransition', { status: 'PUBLISHED' })).toBe('Action impossible : ce besoin est au statut « Publié ».')
    expect(translateKey(getT('en'), 'errors.organisationTransition', { status: 'PENDING' })).toContain('“Being verified”')
  })
})

describe('kept labels (the server render)', () => {
  async function instance(lng: 'fr' | 'en') {
    const created = i18next.createInstance()
    await created.init({ ...i18nOptions, supportedLngs: [...i18nOptions.supportedLngs], lng, resources })
    return created
  }

  test('a kept label reads as i18next reads it, through the fixed t of a component, per language', async () => {
    const fr = cacheFixedLabels(await instance('fr'))
    const en = cacheFixedLabels(await instance('en'))
    for (const round of [1, 2]) {
      expect(fr.getFixedT(null, 'common')('nav.login'), `round ${round}`).toBe('Se connecter')
      expect(en.getFixedT(null, 'common')('nav.login'), `round ${round}`).toBe('Log in')
      expect(fr.getFixedT(null, 'common', 'nav')('login'), `round ${round}`).toBe('Se connecter')
    }
  })

  test('calls with values are translated each time: plurals and interpolation follow the values', async () => {
    const t = cacheFixedLabels(await instance('fr')).getFixedT(null, 'common')
    expect(t('needs.count', { count: 1 })).toBe('1 besoin')
    expect(t('needs.count', { count: 3 })).toBe('3 besoins')
    expect(t('nav.logout', { name: 'Léa' })).toBe('Se déconnecter (Léa)')
    expect(t('nav.logout', { name: 'Marc' })).toBe('Se déconnecter (Marc)')
  })
})

describe('formatting per locale', () => {
  test('euros', () => {
    expect(formatEur(250000, 'fr').replace(/\s/g, ' ')).toBe('250 000 €')
    expect(formatEur(250000, 'en')).toBe('€250,000')
    expect(formatEurRange(5000, 20000, 'fr').replace(/\s/g, ' ')).toBe('5 000 € – 20 000 €')
    expect(formatEurRange(null, null, 'fr')).toBe('')
  })

  test('numbers and dates', () => {
    expect(formatNumber(12345.6, 'fr', 1).replace(/\s/g, ' ')).toBe('12 345,6')
    expect(formatNumber(12345.6, 'en', 1)).toBe('12,345.6')
    expect(formatDate('2026-11-26T10:00:00Z', 'fr')).toBe('26 novembre 2026')
    expect(formatDate('2026-11-26T10:00:00Z', 'en')).toBe('26 November 2026')
    expect(formatDate('2026-11-26T23:30:00Z', 'fr', { timeZone: 'Europe/Paris' })).toBe('27 novembre 2026')
    expect(formatDate('2026-12-01T10:00:00Z', 'fr')).toBe('1er décembre 2026')
    expect(formatDate('2026-12-01T10:00:00Z', 'en')).toBe('1 December 2026')
  })
})
