import type { Row } from './table'

/** The access rows of issue 14's firms (spread into accessTable by table.ts). */
export const firmsRows: Row[] = []
