/** firms (French). Keys mirror en-firms.ts. */
const frFirms = {
  title: 'firms',
}

export default frFirms
