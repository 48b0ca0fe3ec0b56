import type frDigests from './fr-digests'

type Shape<T> = T extends string ? string : T extends readonly string[] ? string[] : { [K in keyof T]: Shape<T[K]> }

/** Texts of the digests and saved-search alerts (English). Keys mirror fr-digests.ts. */
const enDigests: Shape<typeof frDigests> = {
  digest: {
    subject_one: 'Sillon: {{count}} new item for you',
    subject_other: 'Sillon: {{count}} new items for you',
    preview: 'Your Sillon digest {{day}}',
    greeting: 'Hello {{name}},',
    introDaily: 'Here is what is new for you since your last digest.',
    introWeekly: 'Here is what is new for you this week.',
    recommended: {
      title: 'Recommended needs',
      score: '{{score}}% match',
      more_one: 'And {{count}} more recommended need',
      more_other: 'And {{count}} more recommended needs',
      cta: 'See all recommended needs',
    },
    alerts: {
      title: 'Search “{{name}}”',
      more_one: 'And {{count}} more need for this search',
      more_other: 'And {{count}} more needs for this search',
      cta: 'Open the search',
    },
    updates: {
      title: 'Your applications, needs and follows',
      more_one: 'And {{count}} more update',
      more_other: 'And {{count}} more updates',
      cta: 'See all notifications',
    },
    deadlines: {
      title: 'Drafts to finish',
      item: 'deadline {{day}}',
      more_one: 'And {{count}} more draft',
      more_other: 'And {{count}} more drafts',
      cta: 'See my applications',
    },
    staff: {
      title: 'Waiting for the association',
      needs_one: '{{count}} need to moderate',
      needs_other: '{{count}} needs to moderate',
      revisions_one: '{{count}} need edit to moderate',
      revisions_other: '{{count}} need edits to moderate',
      organisations_one: '{{count}} organisation to verify',
      organisations_other: '{{count}} organisations to verify',
      matches_one: '{{count}} match to approve',
      matches_other: '{{count}} matches to approve',
      cta: 'Open the association area',
    },
    by: '{{partner}}',
    deadline: 'deadline {{day}}',
    footerDaily: 'You receive this daily digest from Sillon, the Small Business Act marketplace of the Alps, because you chose it in your preferences.',
    footerWeekly: 'You receive this weekly digest from Sillon, the Small Business Act marketplace of the Alps, because you chose it in your preferences.',
    unsubscribe: 'Stop receiving digests',
    preferences: 'Manage my notifications',
  },
  emails: {
    alert: {
      subject: 'New need for your search “{{searchName}}”: {{needTitle}}',
      body: ['{{partnerName}} has just published “{{needTitle}}”, which matches your saved search “{{searchName}}”.'],
      cta: 'See the need',
    },
  },
  notifications: {
    alert: 'New need for your search “{{search}}”: “{{title}}”',
  },
}

export default enDigests
