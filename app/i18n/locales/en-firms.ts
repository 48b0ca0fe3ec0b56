/** firms (English). Keys mirror fr-firms.ts. */
const enFirms = {
  title: 'firms',
}

export default enFirms
