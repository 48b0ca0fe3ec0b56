import type { Row } from './table'

/** The access rows of issue 14's pitches (spread into accessTable by table.ts). */
export const pitchesRows: Row[] = []
