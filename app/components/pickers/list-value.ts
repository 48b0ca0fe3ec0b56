/**
 * A list typed in one text input ("iot, edge computing, pyt"): what suggestions complete is the
 * last fragment, after the last comma, semicolon or line break. Pure, for the pickers.
 */
const SEPARATORS = /[,;\n]/

export function lastFragment(input: string): { head: string; fragment: string } {
  const index = Math.max(input.lastIndexOf(','), input.lastIndexOf(';'), input.lastIndexOf('\n'))
  return { head: index >= 0 ? input.slice(0, index + 1) : '', fragment: input.slice(index + 1).trim() }
}

/** The items before the fragment being typed, trimmed, empty ones dropped. */
export function completedItems(input: string): string[] {
  return lastFragment(input)
    .head.split(SEPARATORS)
    .map((part) => part.trim())
    .filter(Boolean)
}

/** Every item of the list, the fragment being typed included. */
export function listItems(input: string): string[] {
  return input
    .split(SEPARATORS)
    .map((part) => part.trim())
    .filter(Boolean)
}

/** The list with its last fragment replaced by `value`, ready for the next one: "iot, python, ". */
export function completeLastFragment(input: string, value: string): string {
  return [...completedItems(input), value].join(', ') + ', '
}

/** Lower case without accents: what suggestions are compared with. */
export function foldForMatch(value: string) {
  return value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
}
