import type { Row } from './table'

/** The access rows of issue 14's cohorts (spread into accessTable by table.ts). */
export const cohortsRows: Row[] = []
