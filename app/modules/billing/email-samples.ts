const base = { name: 'Claire Dumas', organisationName: 'Alpes Capteurs', link: 'https://sillon.example/orgs/alpes-capteurs/billing' }

/** Sample data of the `payments.*` e-mails (membership dues), for the staff's preview of every template. */
export const paymentEmailSamples = {
  'payments.activated': base,
  'payments.paymentFailed': { ...base, graceEndsOn: 'le 22\u00a0décembre' },
  'payments.canceled': base,
  'payments.refunded': { ...base, amount: '450,00\u00a0€' },
}
