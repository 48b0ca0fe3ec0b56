/** cooperation (French). Keys mirror en-cooperation.ts. */
const frCooperation = {
  title: 'cooperation',
}

export default frCooperation
