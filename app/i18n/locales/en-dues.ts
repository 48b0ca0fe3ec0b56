/** The dues gate, waivers, grace and reminders (English). Keys mirror fr-dues.ts. */
const enDues = {

}

export default enDues
