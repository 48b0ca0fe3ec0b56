import type { Row } from './table'

/** The access rows of issue 14's cooperation (spread into accessTable by table.ts). */
export const cooperationRows: Row[] = []
