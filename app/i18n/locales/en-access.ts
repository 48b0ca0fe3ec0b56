import type frAccess from './fr-access'

type Shape<T> = T extends string ? string : T extends readonly string[] ? string[] : { [K in keyof T]: Shape<T[K]> }

/** Texts of organisation status and acting firms (English). Keys mirror fr-access.ts. */
const enAccess: Shape<typeof frAccess> = {
  readOnly: {
    PENDING: 'Your organisation is waiting to be verified by its association: meanwhile you may read, not act on its behalf.',
    REJECTED: 'Your organisation’s request was rejected: you may read, not act on its behalf.',
    SUSPENDED: 'Your organisation is suspended by its association: you may read, no longer act on its behalf.',
  },
  actingFirm: {
    label: 'On behalf of',
    hint: 'The firm you act for.',
    choose: 'Choose the firm you act for.',
    notAllowed: 'This firm may not act on this need.',
  },
}

export default enAccess
