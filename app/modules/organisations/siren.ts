/**
 * SIREN numbers (9 digits) end with a Luhn check digit. La Poste's SIREN (356 000 000)
 * is the documented exception: its digits sum to a multiple of 5 instead.
 */
export function normaliseSiren(input: string) {
  return input.replace(/[\s.\u00a0-]/g, '')
}

export function isValidSiren(input: string) {
  const siren = normaliseSiren(input)
  if (!/^\d{9}$/.test(siren)) return false
  if (siren === '356000000') return true
  let sum = 0
  for (let index = 0; index < 9; index++) {
    let digit = Number(siren[8 - index])
    if (index % 2 === 1) {
      digit *= 2
      if (digit > 9) digit -= 9
    }
    sum += digit
  }
  return sum % 10 === 0
}

/** Completes 8 digits with the check digit (used by the demo data generator). */
export function withSirenCheckDigit(eightDigits: string) {
  if (!/^\d{8}$/.test(eightDigits)) throw new Error('expected 8 digits')
  for (let check = 0; check <= 9; check++) {
    const candidate = `${eightDigits}${check}`
    if (isValidSiren(candidate)) return candidate
  }
  throw new Error('unreachable')
}
