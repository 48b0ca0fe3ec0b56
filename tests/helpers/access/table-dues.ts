import type { Row } from './table'

/** The access rows of issue 15's dues pages (spread into accessTable by table.ts). */
export const duesRows: Row[] = []
