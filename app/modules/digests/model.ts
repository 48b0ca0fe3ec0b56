/**
 * A digest as data, pure: what one person is told in one period, section by section, already
 * checked against what they may open (the build does that in SQL). The HTML and the text parts are
 * both rendered from it (render.tsx), so they always say the same thing.
 */
export const ITEMS_PER_SECTION = 5

export interface DigestNeed {
  needId: string
  title: string
  partnerName: string
  deadline: Date | null
  /** Recommended needs: the firm's match score (0–100). */
  score?: number | null
}

export interface DigestAlert {
  searchId: string
  name: string
  /** The saved query string, to open the search again (/needs?…). */
  query: string
  items: DigestNeed[]
  total: number
}

export interface DigestUpdate {
  id: string
  /** Already translated in the recipient's language (the notification's own text). */
  label: string
  /** A path of the site ("/needs/…"), or null for the notifications page. */
  link: string | null
  createdAt: Date
}

export interface DigestDeadline {
  needId: string
  title: string
  deadline: Date
}

export interface StaffCounts {
  needs: number
  revisions: number
  organisations: number
  matches: number
}

export interface DigestModel {
  userId: string
  name: string
  email: string
  locale: 'fr' | 'en'
  timeZone: string
  frequency: 'DAILY' | 'WEEKLY'
  period: string
  /** When the digest was built (dates "in 2 days" and the year shown are read from it). */
  at: Date
  recommended: { items: DigestNeed[]; total: number }
  alerts: DigestAlert[]
  updates: { items: DigestUpdate[]; total: number }
  deadlines: { items: DigestDeadline[]; total: number }
  staff: StaffCounts | null
}

export interface DigestLinks {
  /** The site's base URL, without a trailing slash. */
  base: string
  unsubscribe: string
  preferences: string
}

export function emptyDigest(base: Omit<DigestModel, 'recommended' | 'alerts' | 'updates' | 'deadlines' | 'staff'>): DigestModel {
  return {
    ...base,
    recommended: { items: [], total: 0 },
    alerts: [],
    updates: { items: [], total: 0 },
    deadlines: { items: [], total: 0 },
    staff: null,
  }
}

export function staffTotal(staff: StaffCounts | null) {
  return staff ? staff.needs + staff.revisions + staff.organisations + staff.matches : 0
}

/** How many things the digest tells of (the subject's count; 0: nothing new, no e-mail). */
export function itemCount(model: DigestModel) {
  return (
    model.recommended.total +
    model.alerts.reduce((sum, alert) => sum + alert.total, 0) +
    model.updates.total +
    model.deadlines.total +
    staffTotal(model.staff)
  )
}

export const isEmpty = (model: DigestModel) => itemCount(model) === 0

/** The needs the digest announces (each once per person, ever: DigestItem rows). */
export function announcedNeeds(model: DigestModel): Array<{ needId: string; category: 'RECOMMENDED' | 'SAVED_SEARCH' }> {
  return [
    ...model.recommended.items.map((item) => ({ needId: item.needId, category: 'RECOMMENDED' as const })),
    ...model.alerts.flatMap((alert) => alert.items.map((item) => ({ needId: item.needId, category: 'SAVED_SEARCH' as const }))),
  ]
}

/** The digest without some needs (announced meanwhile by another path): counts follow. */
export function withoutNeeds(model: DigestModel, needIds: Set<string>): DigestModel {
  const keep = (items: DigestNeed[]) => items.filter((item) => !needIds.has(item.needId))
  const recommended = keep(model.recommended.items)
  return {
    ...model,
    recommended: { items: recommended, total: model.recommended.total - (model.recommended.items.length - recommended.length) },
    alerts: model.alerts
      .map((alert) => {
        const items = keep(alert.items)
        return { ...alert, items, total: alert.total - (alert.items.length - items.length) }
      })
      .filter((alert) => alert.total > 0),
  }
}
