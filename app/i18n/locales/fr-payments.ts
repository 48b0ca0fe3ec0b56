/** Webhooks Stripe et e-mails de paiement (French). Keys mirror en-payments.ts. */
const frPayments = {

}

export default frPayments
