/** The public company directory lookup (English). Keys mirror fr-companies.ts. */
const enCompanies = {

}

export default enCompanies
