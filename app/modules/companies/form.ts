import { communeByInsee } from '../geo/communes'
import { communeFieldValue } from '../organisations/commune-input'
import { parseNafList } from '../naf/format'
import type { DirectoryPrefill } from './directory'

/**
 * The creation form as posted, with the directory's values put in (the user asked for them with
 * "Rechercher"): name, commune (its suggestion label), headcount and founding year replaced when the
 * directory gives them; the NAF code added in front of those already typed. Pure.
 */
export function prefillFormData(formData: FormData, prefill: DirectoryPrefill): FormData {
  const next = new FormData()
  for (const [key, value] of formData) next.append(key, value)
  next.set('name', prefill.name)
  const commune = communeByInsee(prefill.communeInsee)
  if (commune) next.set('communeInsee', communeFieldValue(commune))
  if (prefill.headcount !== null) next.set('headcount', String(prefill.headcount))
  if (prefill.foundedYear !== null) next.set('foundedYear', String(prefill.foundedYear))
  if (prefill.nafCode) {
    const typed = formData.get('nafCodes')
    const { codes } = parseNafList(typeof typed === 'string' ? typed : '')
    next.set('nafCodes', [prefill.nafCode, ...codes.filter((code) => code !== prefill.nafCode)].join(', '))
  }
  return next
}
