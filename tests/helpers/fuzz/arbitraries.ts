import fc from 'fast-check'
import { emailSchema } from '#app/modules/auth/schema'
import { cleanText } from '#app/utils/form.server'
import type { Fields } from './client'

/**
 * Generators of bad form values, each invalid by construction for the rule it names (the server
 * strips NUL and other control characters, then trims: every generator keeps its value as bad as
 * it was once cleaned), and `badForm`, a valid form with one to three fields broken.
 */

/** Control characters a form may carry; the server removes them before parsing. */
export const CONTROL_CHARS = ['\u0000', '\u0001', '\u0007', '\u0008', '\u000b', '\u000c', '\u001b', '\u001f', '\u007f'] as const

/** Whitespace that `String.prototype.trim` removes (zod's `.trim()`). */
const TRIMMED_SPACES = [' ', '\t', '\n', '\r\n', '\u00a0', '\u2003', '\u3000', '\ufeff'] as const

/** Letters, and the Unicode a text field meets: accents, emoji, right-to-left scripts, combining marks. */
const UNITS = ['a', 'z', 'M', 'é', 'ß', 'Ω', '😀', '👩‍💻', '🇫🇷', 'ש', 'ع', '\u200f', 'e\u0301', 'n\u0303', '中', '𝒜', '<', '&', '"', "'", '%', '+', '=', ';', '\\'] as const

/** Inserts control characters at random places (stripped by the server: the value stays as bad). */
export function withControls(text: fc.Arbitrary<string>) {
  return fc
    .tuple(text, fc.array(fc.tuple(fc.nat({ max: 100_000 }), fc.constantFrom(...CONTROL_CHARS)), { minLength: 1, maxLength: 4 }))
    .map(([value, inserts]) =>
      inserts.reduce((current, [position, char]) => {
        const at = position % (current.length + 1)
        return current.slice(0, at) + char + current.slice(at)
      }, value),
    )
}

/** Sometimes sprinkled with control characters. */
export function maybeControls(text: fc.Arbitrary<string>) {
  return fc.oneof({ arbitrary: text, weight: 3 }, { arbitrary: withControls(text), weight: 1 })
}

/** Empty once cleaned and trimmed: '', spaces, tabs, line breaks, NBSP, control characters. */
export const blank = fc
  .array(fc.constantFrom<string>(...TRIMMED_SPACES, ...CONTROL_CHARS), { minLength: 0, maxLength: 6 })
  .map((chars) => chars.join(''))

/** Length as zod counts it: in code points (an emoji is one, a flag two, "é" written e + U+0301 two). */
export const codePoints = (value: string) => Array.from(value).length

/** Some text of `min` to `max` code points once cleaned and trimmed (Unicode included). */
export function text(min: number, max: number) {
  return fc
    .array(fc.constantFrom<string>(...UNITS, ' '), { minLength: min, maxLength: Math.max(min, max) })
    .map((units) => Array.from(`x${units.join('')}`).slice(0, max).join('').trim())
    .filter((value) => codePoints(value) >= Math.max(1, min) && codePoints(value) <= max)
}

/**
 * Text longer than `max` code points once cleaned and trimmed: just over (max+1 … max+3), or far
 * over (up to ten times the limit), in letters, emoji, right-to-left scripts, combining marks.
 */
export function tooLong(max: number, prefix = '') {
  const length = fc.oneof(fc.integer({ min: max + 1, max: max + 3 }), fc.integer({ min: max + 4, max: Math.max(max * 10, max + 50) }))
  return fc.tuple(length, fc.constantFrom<string>(...UNITS), fc.constantFrom<string>('', ' ', '\n')).map(([total, unit, separator]) => {
    const piece = Array.from(`${unit}${separator}`)
    const chars = Array.from(prefix)
    while (chars.length < total - 1) chars.push(...piece)
    return `${chars.slice(0, total - 1).join('')}x`
  })
}

/** Text shorter than `min` code points once cleaned and trimmed (but not empty). */
export function tooShort(min: number) {
  if (min <= 1) return blank
  return fc
    .oneof(
      fc.string({ unit: fc.constantFrom<string>('a', 'é', 'Ω', '中', '😀'), minLength: 1, maxLength: min - 1 }),
      fc.constantFrom('e\u0301', '🇫🇷', '\u200f', '😀'),
      fc.string({ unit: fc.constantFrom<string>('a', 'é'), minLength: 1, maxLength: min - 1 }).map((value) => ` \t${value}\n `),
    )
    .filter((value) => codePoints(value.trim()) < min)
}

export const letters = fc.stringMatching(/^[a-zA-Zé]{1,12}$/)

/** Not an integer, once trimmed: letters, decimals, mixed, Infinity, NaN, an exponent with a fraction. */
export const notAnInteger = fc.oneof(
  letters,
  fc.integer({ min: -5000, max: 5000 }).map((value) => `${value}.5`),
  fc.integer({ min: 1, max: 5000 }).map((value) => `${value},25`),
  fc.constantFrom('1e', '12abc', 'abc12', '--1', '1-', 'Infinity', '-Infinity', 'NaN', '١٢', '１２', '½', '1 000', '0x', '12€', '1.5e-1'),
)

/** Whole numbers outside [min, max], small and huge (up to 20 digits, the field's length limit). */
export function outOfRange(min: number, max: number) {
  return fc
    .oneof(
      fc.integer({ min: -1_000_000_000, max: min - 1 }),
      fc.integer({ min: max + 1, max: Math.max(max + 1, Math.min(Number.MAX_SAFE_INTEGER, max * 1000)) }),
      fc.constantFrom(String(max + 1), String(min - 1), '99999999999999999999', '-99999999999999999999'),
    )
    .map(String)
}

/** More than 20 characters: refused by the length check of every number field. */
export const hugeNumber = fc.integer({ min: 21, max: 400 }).map((length) => '9'.repeat(length))

/** A bad integer for a field bounded by [min, max]. */
export function badInteger(min: number, max: number) {
  return fc.oneof(notAnInteger, outOfRange(min, max), hugeNumber)
}

/** A value outside a fixed list: other words, the list's values in the wrong case or with a suffix. */
export function unknownChoice(choices: readonly string[]) {
  const known = new Set(choices)
  return fc
    .oneof(
      fc.stringMatching(/^[A-Za-z_]{1,16}$/),
      fc.constantFrom(...choices).map((choice) => (choice === choice.toLowerCase() ? choice.toUpperCase() : choice.toLowerCase())),
      fc.constantFrom(...choices).map((choice) => `${choice}_`),
      fc.constantFrom(...choices).map((choice) => ` ${choice}x`),
      fc.constantFrom('null', 'undefined', '[]', '{}', '0', '-1', '😀', 'ש', '<script>'),
    )
    .filter((value) => !known.has(cleanText(value)) && !known.has(cleanText(value).trim()) && cleanText(value) !== '')
}

/** A field posted twice or more: a list where one value is expected. */
export function repeated(value: string | fc.Arbitrary<string>): fc.Arbitrary<string[]> {
  const arbitrary = typeof value === 'string' ? fc.constant(value) : value
  return fc.tuple(arbitrary, fc.integer({ min: 2, max: 4 })).map(([item, count]) => Array.from({ length: count }, () => item))
}

/** Leaves the field out. */
export const MISSING = fc.constant(undefined)

/** A date that is not a calendar date of the form YYYY-MM-DD. */
export const badDate = fc.oneof(
  fc.constantFrom('2026-02-30', '2026-13-01', '2026-00-10', '2027-02-29', '2026-1-5', '26-01-01', '2026/01/05', '05/01/2026', 'demain', '2026-01-05T10:00', '2026-01-05Z', ' 2026-01-0', '+02026-01-05', '٢٠٢٦-٠١-٠٥', '2026-O1-05'),
  fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 13, max: 99 }), fc.integer({ min: 1, max: 28 })).map(
    ([year, month, day]) => `${String(year).padStart(4, '0')}-${month}-${String(day).padStart(2, '0')}`,
  ),
  letters,
)

/** Record ids that do not exist, ids with characters no id has, and ids far too long. */
export const unknownId = fc.oneof(
  fc.stringMatching(/^c[a-z0-9]{24}$/),
  fc.uuid(),
  fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/),
)

export const malformedId = fc.oneof(
  fc.constantFrom('../etc/passwd', 'a b', "x';DROP TABLE \"User\";--", '%00', 'é', '😀', '<script>', 'id?x=1', 'a/b', '*', '\\'),
  fc.stringMatching(/^[a-z0-9]{65,120}$/),
)

/** A valid form with one to three fields broken: each arbitrary generates only values that must be refused. */
export type Mutations = Record<string, fc.Arbitrary<string | string[] | undefined>>

export function badForm(valid: Fields, mutations: Mutations, options: { maxBroken?: number } = {}): fc.Arbitrary<Fields> {
  const names = Object.keys(mutations)
  return fc
    .uniqueArray(fc.constantFrom(...names), { minLength: 1, maxLength: Math.min(options.maxBroken ?? 3, names.length) })
    .chain((chosen) => fc.tuple(...chosen.map((name) => mutations[name]!.map((value) => [name, value] as const))))
    .map((changes) => {
      const form: Fields = { ...valid }
      for (const [name, value] of changes) {
        if (value === undefined) delete form[name]
        else form[name] = value
      }
      return form
    })
}

/**
 * Fields the form does not have (plain, or shaped like Conform's nested names), added to an
 * otherwise refused form: they must not change the answer. Names whose first segment is one of
 * `known` are never added, so a junk field never repairs a broken one.
 */
export function withJunk(forms: fc.Arbitrary<Fields>, known: readonly string[]) {
  const taken = new Set(known)
  const name = fc.stringMatching(/^[a-zA-Z_][a-zA-Z_[\].0-9]{0,11}$/).filter((value) => !taken.has(value.split(/[[.]/)[0]!))
  const junk = fc.dictionary(name, fc.oneof(fc.string({ maxLength: 20 }), repeated('x')), { minKeys: 1, maxKeys: 3 })
  return fc.oneof(
    { arbitrary: forms, weight: 4 },
    {
      arbitrary: fc.tuple(forms, junk).map(([form, extra]) => ({ ...extra, ...form })),
      weight: 1,
    },
  )
}

/** A NAF code list (the pickers' comma-separated field) that is not one: wrong shapes, too many codes, too long. */
export const badNafList = fc.oneof(
  fc.constantFrom('6201', '62.01', 'AB.CDE', '62-01Z', '620.1Z', '62.01z9', 'programmation', '62.01Z, X'),
  fc.array(fc.constant('62.01Z'), { minLength: 11, maxLength: 20 }).map((codes) => codes.join(', ')),
  tooLong(500),
)

/** Not an e-mail address once cleaned: wrong shapes, several addresses, a scheme, no @. */
const notAnEmail = fc
  .oneof(
    fc.constantFrom(
      'camille',
      'camille@',
      '@test.example',
      'camille@test',
      'camille@@test.example',
      'camille test@test.example',
      'camille@test..example',
      '.camille@test.example',
      'camille.@test.example',
      'camille@-test.example',
      'camille@test.example.',
      'camille@test_example.fr',
      'camille@😀.fr',
      '😀@test.example',
      'קמיל@test.example',
      'camille@test.example<script>',
      'camille@test.example, autre@test.example',
      'mailto:camille@test.example',
    ),
    fc.string({ minLength: 1, maxLength: 40 }).filter((value) => !value.includes('@')),
    fc.tuple(fc.stringMatching(/^[a-z]{1,10}$/), fc.constantFrom('@', '@@', '@.', '.@')).map(([name, at]) => `${name}${at}`),
  )
  .filter((value) => cleanText(value).trim() !== '' && !emailSchema.safeParse(cleanText(value)).success)

/** Well-formed but longer than 254 characters. */
const longEmail = fc.integer({ min: 242, max: 2000 }).map((length) => `${'a'.repeat(length)}@test.example`)

/** A bad e-mail field: blank, not an address (with or without control characters), too long, posted twice, or missing. */
export const badEmail = fc.oneof(blank, maybeControls(notAnEmail), longEmail, repeated('camille@test.example'), MISSING)
