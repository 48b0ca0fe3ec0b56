/** Stripe webhooks and the payment e-mails (English). Keys mirror fr-payments.ts. */
const enPayments = {

}

export default enPayments
