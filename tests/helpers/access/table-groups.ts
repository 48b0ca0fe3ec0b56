import type { Row } from './table'

/** The access rows of issue 14's groups (spread into accessTable by table.ts). */
export const groupsRows: Row[] = []
