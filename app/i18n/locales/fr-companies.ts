/** La recherche dans l’annuaire public des entreprises (French). Keys mirror en-companies.ts. */
const frCompanies = {

}

export default frCompanies
