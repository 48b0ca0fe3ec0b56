/**
 * What the dues pages read of an organisation's membership and of its hub's gate: one Prisma
 * selection, shared by the billing page, the staff list, the waiver card and the gate (each adds
 * what only it shows).
 */
export const DUES_HUB_SELECT = { name: true, requiresDues: true, duesGraceDays: true } as const

export const MEMBERSHIP_SELECT = {
  status: true,
  currentPeriodEnd: true,
  cancelAtPeriodEnd: true,
  pastDueSince: true,
  waivedAt: true,
  waivedUntil: true,
  waiverReason: true,
  plan: { select: { name: true } },
} as const
