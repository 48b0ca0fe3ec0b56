/** Stripe webhooks and the payment e-mails (English). Keys mirror fr-payments.ts. */
const enPayments = {
  /** In-app notifications (category Dues), by kind: `payments:<kind>`. */
  notifications: {
    activated: '{{organisation}}’s membership is up to date: the dues are paid',
    payment_failed: 'The payment of {{organisation}}’s dues failed',
    canceled: '{{organisation}}’s membership has been cancelled',
    refunded: 'A refund of dues has been issued to {{organisation}}',
  },
  emails: {
    activated: {
      subject: 'Membership active: {{organisationName}}',
      body: [
        'The payment of {{organisationName}}’s dues has been received: the membership is active.',
        'Invoices, payment method and cancellation are managed from the organisation’s Dues page.',
      ],
      cta: 'See the dues',
    },
    paymentFailed: {
      subject: 'Payment declined: {{organisationName}}’s dues',
      body: [
        'The last payment of {{organisationName}}’s dues failed.',
        'The membership stays open until the end of the grace period, {{graceEndsOn}}: update the payment method by then to keep posting needs and applying.',
      ],
      cta: 'Update the payment',
    },
    canceled: {
      subject: 'Membership cancelled: {{organisationName}}',
      body: [
        '{{organisationName}}’s dues subscription has been cancelled.',
        'Where the association requires dues, posting needs and applying need an active membership: you can take one again from the Dues page.',
      ],
      cta: 'See the dues',
    },
    refunded: {
      subject: 'Dues refunded: {{organisationName}}',
      body: ['A refund of {{amount}} has been issued on {{organisationName}}’s dues.', 'It shows on the payment method’s statement within a few days.'],
      cta: 'See the invoices',
    },
  },
}

export default enPayments
