/**
 * Values of the cooperation module the browser needs too (no server imports): the directions of
 * /staff/shared (decision 0029).
 */
export const SHARED_DIRECTIONS = ['received', 'sent'] as const
export type SharedDirection = (typeof SHARED_DIRECTIONS)[number]

export function parseSharedDirection(value: string | null): SharedDirection {
  return (SHARED_DIRECTIONS as readonly string[]).includes(value ?? '') ? (value as SharedDirection) : 'received'
}
