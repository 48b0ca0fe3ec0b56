/** cooperation (English). Keys mirror fr-cooperation.ts. */
const enCooperation = {
  title: 'cooperation',
}

export default enCooperation
