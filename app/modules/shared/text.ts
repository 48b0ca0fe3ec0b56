/** Removes accents (é → e) and other combining marks; keeps case and punctuation. */
export function foldAccents(value: string) {
  return value.normalize('NFD').replace(/\p{M}/gu, '')
}
