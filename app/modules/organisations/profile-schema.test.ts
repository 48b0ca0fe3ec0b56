import { describe, expect, test } from 'vitest'
import {
  changedFields,
  charterDefaults,
  defaultResponseDays,
  expertiseSectionSchema,
  generalDefaults,
  generalSectionSchema,
  intentFitsKind,
  interventionSectionSchema,
  profileActionSchema,
  referenceDefaults,
  splitTags,
  touchesFirmMatching,
} from './profile-schema'

const issues = (result: { success: boolean; error?: { issues: Array<{ path: PropertyKey[]; message: string }> } }) =>
  Object.fromEntries((result.error?.issues ?? []).map((issue) => [issue.path.join('.'), issue.message]))

describe('the sections of the profile editor', () => {
  test('each intent selects its form; an unknown one is refused', () => {
    expect(profileActionSchema.safeParse({ intent: 'reference-remove', referenceId: 'cm1abc' }).success).toBe(true)
    expect(issues(profileActionSchema.safeParse({ intent: 'delete-everything' }))).toEqual({ intent: 'validation.invalidChoice' })
  })

  test('general: texts trimmed, optional numbers, a web address with its protocol, years not in the future', () => {
    const parsed = generalSectionSchema.parse({ intent: 'general', name: '  Névé  ', communeInsee: '38229', headcount: '14', description: ' Texte ' })
    expect(parsed).toMatchObject({ name: 'Névé', headcount: 14, description: 'Texte', offerings: '' })
    expect(parsed.website).toBeUndefined()
    expect(parsed.foundedYear).toBeUndefined()
    expect(issues(generalSectionSchema.safeParse({ intent: 'general', name: 'Névé', communeInsee: '38229', website: 'neve.example' }))).toEqual({
      website: 'validation.url',
    })
    expect(
      issues(generalSectionSchema.safeParse({ intent: 'general', name: 'Névé', communeInsee: '38229', foundedYear: String(new Date().getFullYear() + 1) })),
    ).toEqual({ foundedYear: 'validation.tooLarge' })
    expect(issues(generalSectionSchema.safeParse({ intent: 'general', name: ['a', 'b'], communeInsee: '38229' }))).toEqual({ name: 'profile.validation.invalidValue' })
    expect(issues(generalSectionSchema.safeParse({ intent: 'general', communeInsee: '38229', description: 'x'.repeat(5001) }))).toEqual({
      name: 'validation.required',
      description: 'validation.tooLong',
    })
  })

  test('expertise: skills lower-cased, labels keep their case, NAF codes normalised; nothing dropped silently', () => {
    expect(expertiseSectionSchema.parse({ intent: 'expertise', skills: 'Python, IoT;python', nafCodes: '6201z 28.99B', labels: 'French Tech, french tech, Deeptech' })).toEqual({
      intent: 'expertise',
      skills: ['python', 'iot'],
      nafCodes: ['62.01Z', '28.99B'],
      labels: ['French Tech', 'Deeptech'],
    })
    expect(issues(expertiseSectionSchema.safeParse({ intent: 'expertise', skills: `ok, ${'x'.repeat(41)}` }))).toEqual({ skills: 'profile.validation.tagTooLong' })
    expect(issues(expertiseSectionSchema.safeParse({ intent: 'expertise', labels: Array.from({ length: 11 }, (_, i) => `L${i}`).join(',') }))).toEqual({
      labels: 'profile.validation.tooManyLabels',
    })
    expect(issues(expertiseSectionSchema.safeParse({ intent: 'expertise', nafCodes: '62.01Z, logiciel' }))).toEqual({ nafCodes: 'validation.nafInvalid' })
  })

  test('references and charter: fixed client types, delays within the charter’s bounds', () => {
    expect(issues(profileActionSchema.safeParse({ intent: 'reference-add', title: 'Projet', clientType: 'MULTINATIONALE' }))).toEqual({
      clientType: 'validation.invalidChoice',
    })
    expect(profileActionSchema.parse({ intent: 'charter', acceptCharter: 'on', responseDays: '' })).toEqual({
      intent: 'charter',
      acceptCharter: true,
      responseDays: undefined,
      paymentDays: undefined,
    })
    expect(issues(profileActionSchema.safeParse({ intent: 'charter', responseDays: '61', paymentDays: '14' }))).toEqual({
      responseDays: 'validation.tooLarge',
      paymentDays: 'validation.tooSmall',
    })
  })

  test('firms have skills and references, partners the charter', () => {
    expect(intentFitsKind('expertise', 'FIRM')).toBe(true)
    expect(intentFitsKind('reference-add', 'PARTNER')).toBe(false)
    expect(intentFitsKind('charter', 'PARTNER')).toBe(true)
    expect(intentFitsKind('charter', 'FIRM')).toBe(false)
    expect(intentFitsKind('general', 'PARTNER')).toBe(true)
    expect(intentFitsKind('intervention', 'FIRM')).toBe(true)
    expect(intentFitsKind('intervention', 'PARTNER')).toBe(false)
  })

  test('intervention area: départements of the list, once, in order; a distance of 1 to 1 000 km; both optional', () => {
    expect(interventionSectionSchema.parse({ intent: 'intervention' })).toEqual({ intent: 'intervention', interventionDepartements: [], interventionRadiusKm: undefined })
    expect(interventionSectionSchema.parse({ intent: 'intervention', interventionDepartements: '69', interventionRadiusKm: ' 200 ' })).toMatchObject({
      interventionDepartements: ['69'],
      interventionRadiusKm: 200,
    })
    expect(interventionSectionSchema.parse({ intent: 'intervention', interventionDepartements: ['972', '75', '2a', '75'] }).interventionDepartements).toEqual(['2A', '75', '972'])
    expect(issues(interventionSectionSchema.safeParse({ intent: 'intervention', interventionDepartements: ['38', '20'] }))).toEqual({ interventionDepartements: 'profile.validation.departementUnknown' })
    expect(issues(interventionSectionSchema.safeParse({ intent: 'intervention', interventionRadiusKm: '0' }))).toEqual({ interventionRadiusKm: 'validation.tooSmall' })
    expect(issues(interventionSectionSchema.safeParse({ intent: 'intervention', interventionRadiusKm: '5000' }))).toEqual({ interventionRadiusKm: 'validation.tooLarge' })
    expect(issues(interventionSectionSchema.safeParse({ intent: 'intervention', interventionRadiusKm: '12.5' }))).toEqual({ interventionRadiusKm: 'validation.integer' })
  })

  test('the intervention area is read by matching: a change re-scores a firm', () => {
    expect(touchesFirmMatching('FIRM', ['interventionDepartements'])).toBe(true)
    expect(touchesFirmMatching('FIRM', ['interventionRadiusKm'])).toBe(true)
  })
})

describe('changes', () => {
  test('only the fields whose value differs, arrays item by item', () => {
    const current = { name: 'A', skills: ['iot', 'python'], headcount: 12 as number | null, nafCodes: ['62.01Z'] }
    expect(changedFields(current, { name: 'A', skills: ['iot', 'python'], headcount: null, nafCodes: ['62.01Z'] })).toEqual(['headcount'])
    expect(changedFields(current, { skills: ['python', 'iot'] })).toEqual(['skills'])
    expect(changedFields({ at: new Date('2026-01-01') }, { at: new Date('2026-01-01') })).toEqual([])
  })

  test('a firm is re-scored when what matching reads changes, not for its name or website; partners never', () => {
    expect(touchesFirmMatching('FIRM', ['name', 'website'])).toBe(false)
    expect(touchesFirmMatching('FIRM', ['name', 'communeInsee'])).toBe(true)
    expect(touchesFirmMatching('FIRM', ['labels'])).toBe(false)
    expect(touchesFirmMatching('PARTNER', ['description', 'skills'])).toBe(false)
  })
})

describe('form defaults', () => {
  test('numbers as text, lists as comma-separated text, unknown client types left unchosen', () => {
    expect(
      generalDefaults({ name: 'N', website: null, communeLabel: 'Meylan (38)', headcount: 14, revenueBand: null, foundedYear: 2016, description: '', offerings: 'O' }),
    ).toEqual({ name: 'N', website: '', communeInsee: 'Meylan (38)', headcount: '14', revenueBand: '', foundedYear: '2016', description: '', offerings: 'O' })
    expect(referenceDefaults({ title: 'T', description: '', clientType: 'Grand compte', year: null, outcome: null })).toEqual({
      title: 'T',
      description: '',
      clientType: '',
      year: '',
      outcome: '',
    })
    expect(splitTags(' IoT , iot,  Edge   computing ')).toEqual(['iot', 'edge computing'])
  })

  test('charter delays: the organisation’s, else the hub’s usual one when within bounds, else 15 and 30', () => {
    expect(charterDefaults({ charterResponseDays: 10, charterPaymentDays: 45 }, 20)).toEqual({ responseDays: '10', paymentDays: '45' })
    expect(charterDefaults({ charterResponseDays: null, charterPaymentDays: null }, 20)).toEqual({ responseDays: '20', paymentDays: '30' })
    expect(defaultResponseDays(90)).toBe(15)
    expect(defaultResponseDays(null)).toBe(15)
  })
})
