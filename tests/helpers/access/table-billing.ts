import type { Row } from './table'

/** The access rows of issue 15's billing pages (spread into accessTable by table.ts). */
export const billingRows: Row[] = []
