import type { Row } from './table'

/** The access rows of issue 15's companies pages (spread into accessTable by table.ts). */
export const companiesRows: Row[] = []
