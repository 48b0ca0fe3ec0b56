/**  plans, checkout, the billing page:Cotisations : formules, paiement, page de facturation (French). Keys mirror en-billing.ts. */
const frBilling = {
  errors: {
    duesDisabled: 'Les cotisations en ligne ne sont pas activées sur cette installation.',
  },
}

export default frBilling
