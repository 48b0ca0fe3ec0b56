import { describe, expect, test } from 'vitest'
import { itemCount, withoutNeeds } from './model'
import { renderDigest } from './render'
import { sampleDigest, sampleLinks } from './samples'

describe('the digest e-mail', () => {
  test('French: subject with the count, every section in both parts, dates in the reader’s zone', () => {
    const model = sampleDigest('fr')
    const { subject, html, text } = renderDigest(model, sampleLinks)
    expect(subject).toBe('Sillon\u00a0: 10 nouveautés pour vous')
    expect(html.startsWith('<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN"')).toBe(true)
    for (const part of [html, text]) {
      expect(part).toContain('Bonjour Camille Martin,')
      expect(part).toContain('Besoins recommandés')
      expect(part).toContain('Recherche «\u00a0IoT en Isère\u00a0»')
      expect(part).toContain('correspondance 86\u00a0%')
      expect(part).toContain('Et 5 autres besoins recommandés')
      // 7 December 07:00 UTC + 2 days, in Paris: "le 9 décembre".
      expect(part).toContain('date limite le 9\u00a0décembre')
      expect(part).toContain('https://sillon.example/needs/need-1')
      const url = (value: string) => (part === html ? value.replaceAll('&', '&amp;') : value)
      expect(part).toContain(url('https://sillon.example/needs?q=iot&hub=grenoble'))
      expect(part).toContain(url(sampleLinks.unsubscribe))
      expect(part).toContain(sampleLinks.preferences)
    }
    expect(text).toContain('Ne plus recevoir de résumé\u00a0: https://sillon.example/unsubscribe?u=sample-user&s=DIGEST&t=sample')
    expect(html).not.toContain('\u0000')
    expect(html).toContain('<html dir="ltr" lang="fr">')
  })

  test('English', () => {
    const { subject, text } = renderDigest(sampleDigest('en'), sampleLinks)
    expect(subject).toBe('Sillon: 10 new items for you')
    expect(text).toContain('Hello Camille Martin,')
    expect(text).toContain('86% match')
    expect(text).toContain('deadline on 9\u00a0December')
    expect(text).toContain('Stop receiving digests: https://sillon.example/unsubscribe')
  })

  test('a need announced meanwhile leaves the digest and its count', () => {
    const model = withoutNeeds(sampleDigest('fr'), new Set(['need-1', 'need-3']))
    expect(model.recommended.items.map((item) => item.needId)).toEqual(['need-2'])
    expect(model.recommended.total).toBe(6)
    expect(model.alerts).toEqual([])
    expect(itemCount(model)).toBe(8)
  })

  test('an unexpected time zone in the data never shifts a date by a day: the reader’s zone decides', () => {
    const model = { ...sampleDigest('en'), timeZone: 'Pacific/Auckland', deadlines: { total: 1, items: [{ needId: 'n', title: 'T', deadline: new Date('2026-12-09T12:00:00Z') }] } }
    expect(renderDigest(model, sampleLinks).text).toContain('deadline on 10\u00a0December')
  })
})
