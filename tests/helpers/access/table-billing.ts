import { page } from './expect'
import type { Row } from './table'

/**
 * The access rows of issue 15's billing pages (spread into accessTable by table.ts; decision 0030).
 * The world runs with dues off (no Stripe keys), so the allowed personas' payments are refused by
 * that state (409) and nothing changes. The billing page: its organisation's owners and
 * administrators, read-only for its hub's staff; anyone else 404 (a plain member too, as the
 * settings). The plans: staff read their own hubs' plans, administrators change them; others 403.
 */
const slug = (org: 'fa' | 'pa' | 'pending') => (w: Parameters<NonNullable<Row['params']>>[0]) => ({ slug: w.orgs[org].slug })
const CHECKOUT = { form: { intent: 'checkout', billingEmail: 'controle-facturation@test.example', interval: 'YEAR' } }
const PLAN = (hubId: string) => ({ form: { intent: 'create', hubId, name: 'Formule de contrôle', orgKind: 'FIRM', revenueBand: 'LT_1M', interval: 'YEAR', amount: '12' } })

export const billingRows: Row[] = [
  // ── the organisation's billing page ──
  { route: 'routes/orgs.$slug.billing', method: 'GET', label: 'firm A', params: slug('fa'), expect: page({ firmA: 200, memberA: 404, staffH: 200, signedIn: 404 }), shows: { firmA: ['faInvoice'], mod: ['faInvoice'], admin: ['faInvoice'] } },
  { route: 'routes/orgs.$slug.billing', method: 'GET', label: 'partner A', params: slug('pa'), expect: page({ partnerA: 200, staffH: 200, signedIn: 404 }) },
  { route: 'routes/orgs.$slug.billing', method: 'GET', label: 'the pending firm', params: slug('pending'), expect: page({ pending: 200, staffH: 200, signedIn: 404 }) },
  { route: 'routes/orgs.$slug.billing', method: 'GET', label: 'after Checkout', params: slug('fa'), search: () => '?checkout=success', expect: page({ firmA: 200, memberA: 404, staffH: 200, signedIn: 404 }) },
  { route: 'routes/orgs.$slug.billing', method: 'GET', label: 'missing', params: () => ({ slug: 'no-such-organisation' }), expect: page({ signedIn: 404 }) },
  // Dues off: the owner is refused by the state (409); the hub's staff read only (403); others 404.
  { route: 'routes/orgs.$slug.billing', method: 'POST', label: 'checkout for firm A', params: slug('fa'), body: () => CHECKOUT, expect: page({ firmA: 409, memberA: 404, staffH: 403, signedIn: 404 }) },
  { route: 'routes/orgs.$slug.billing', method: 'POST', label: 'portal for firm A', params: slug('fa'), body: () => ({ form: { intent: 'portal' } }), expect: page({ firmA: 409, memberA: 404, staffH: 403, signedIn: 404 }) },
  // A pending organisation pays nothing before it is verified (403), whatever the dues.
  { route: 'routes/orgs.$slug.billing', method: 'POST', label: 'checkout for the pending firm', params: slug('pending'), body: () => CHECKOUT, expect: page({ pending: 403, staffH: 403, signedIn: 404 }) },
  { route: 'routes/orgs.$slug.billing', method: 'POST', label: 'unknown intent', params: slug('fa'), body: () => ({ form: { intent: 'refund' } }), expect: page({ firmA: 400, memberA: 404, staffH: 400, signedIn: 404 }) },

  // ── the hub's plans ──
  { route: 'routes/staff.dues.plans', method: 'GET', label: 'my hub’s plans', expect: page({ staff: 200, signedIn: 403 }), shows: { mod: ['planH'], admin: ['planH'], mod2: ['planH2'] } },
  { route: 'routes/staff.dues.plans', method: 'GET', label: 'hub H’s plans', search: (w) => `?hub=${w.hubs.h}`, expect: page({ staffH: 200, mod2: 404, signedIn: 403 }), shows: { mod: ['planH'] } },
  // An amount of 12,345 €: refused next to the field to hub H's administrator (400), moderators 403, other staff 404.
  { route: 'routes/staff.dues.plans', method: 'POST', label: 'create with an amount in tenths of cents', body: (w) => ({ form: { ...PLAN(w.hubs.h).form, amount: '12,345' } }), expect: page({ admin: 400, mod: 400, mod2: 400, signedIn: 403 }) },
  { route: 'routes/staff.dues.plans', method: 'POST', label: 'create a duplicate of hub H’s plan', body: (w) => ({ form: { ...PLAN(w.hubs.h).form, revenueBand: 'ANY' } }), expect: page({ admin: 409, mod: 403, mod2: 404, signedIn: 403 }) },
  { route: 'routes/staff.dues.plans', method: 'POST', label: 'update hub H’s plan with a bad amount', body: (w) => ({ form: { intent: 'update', planId: w.billing.planH!, name: 'Formule', interval: 'YEAR', amount: 'gratuit' } }), expect: page({ staff: 400, signedIn: 403 }) },
  { route: 'routes/staff.dues.plans', method: 'POST', label: 'update hub H2’s plan', body: (w) => ({ form: { intent: 'update', planId: w.billing.planH2!, name: 'Formule', interval: 'YEAR', amount: '10' } }), expect: page({ staffH: 404, mod2: 403, signedIn: 403 }) },
  { route: 'routes/staff.dues.plans', method: 'POST', label: 'archive an unknown plan', body: () => ({ form: { intent: 'archive', planId: 'cl0unknownplan000000000' } }), expect: page({ staff: 404, signedIn: 403 }) },
]
