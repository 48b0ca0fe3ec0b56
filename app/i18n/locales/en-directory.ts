import type frDirectory from './fr-directory'

type Shape<T> = T extends string ? string : T extends readonly string[] ? string[] : { [K in keyof T]: Shape<T[K]> }

/** Organisations and users for staff (English): the same keys as fr-directory.ts. */
const enDirectory: Shape<typeof frDirectory> = {
  title: 'Directory',
}

export default enDirectory
