/** Membership dues (English). Keys mirror fr-billing.ts. */
const enBilling = {
  errors: {
    duesDisabled: 'Online membership dues are not enabled on this installation.',
  },
}

export default enBilling
