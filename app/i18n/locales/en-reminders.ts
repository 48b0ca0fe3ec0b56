import type frReminders from './fr-reminders'

type Shape<T> = T extends string ? string : T extends readonly string[] ? string[] : { [K in keyof T]: Shape<T[K]> }

/** English texts of follows, reminders, late answers, decisions at close and instant e-mails: the keys of fr-reminders.ts. */
const enReminders: Shape<typeof frReminders> = {
  follow: {
    hint: 'Follow this need to receive the answers to its questions.',
    following: 'You follow this need: the answers to its questions are sent to you.',
    follow: 'Follow this need',
    unfollow: 'Unfollow',
    followedToast: 'You follow this need.',
    unfollowedToast: 'You no longer follow this need.',
  },
  lifecycle: {
    declineLegend: 'Decline the waiting applications',
    undecidedHint_one: '{{count}} application still waits for your decision: it will be declined with this reason, and the firm told.',
    undecidedHint_many: '{{count}} applications still wait for your decision: they will be declined with this reason, and each firm told.',
    undecidedHint_other: '{{count}} applications still wait for your decision: they will be declined with this reason, and each firm told.',
    reason: 'Reason for declining',
    comment: 'Message to the firms',
    commentHint: 'At least 10 characters; each firm reads it with the reason.',
    chooseReason: 'Choose the reason for declining the waiting applications, or decide on each first.',
    undecided_one: '{{count}} application still waits for a decision: every applicant must get an answer before the need is closed or awarded.',
    undecided_many: '{{count}} applications still wait for a decision: every applicant must get an answer before the need is closed or awarded.',
    undecided_other: '{{count}} applications still wait for a decision: every applicant must get an answer before the need is closed or awarded.',
    inScreening: 'Some applications are still being screened by the association: it must pass them on or decline them before the need is closed or awarded.',
    submitWithDecline: {
      close_one: 'Close and decline the waiting application',
      close_many: 'Close and decline the {{count}} waiting applications',
      close_other: 'Close and decline the {{count}} waiting applications',
      award_one: 'Award and decline the waiting application',
      award_many: 'Award and decline the {{count}} waiting applications',
      award_other: 'Award and decline the {{count}} waiting applications',
      notAward_one: 'Mark not awarded and decline the waiting application',
      notAward_many: 'Mark not awarded and decline the {{count}} waiting applications',
      notAward_other: 'Mark not awarded and decline the {{count}} waiting applications',
    },
  },
  late: {
    title: 'Late answers',
    intro: 'Applications without a decision past the charter’s answer delay (the partner’s own delay, else the association’s), the latest first.',
    empty: 'No late answer: every application got a decision within the charter’s delay.',
    tile: 'late answers',
    columns: { need: 'Need', partner: 'Partner', firm: 'Firm', status: 'Status', dueOn: 'Answer due', late: 'Late by' },
    daysLate_one: '{{count}} day',
    daysLate_many: '{{count}} days',
    daysLate_other: '{{count}} days',
    caption: 'Applications with a late answer',
  },
  notifications: {
    followed_answer: 'New answer on “{{title}}”, a need you follow',
    charter_soon_one: 'Application of {{firm}} to “{{title}}”: answer due in {{count}} day',
    charter_soon_many: 'Application of {{firm}} to “{{title}}”: answer due in {{count}} days',
    charter_soon_other: 'Application of {{firm}} to “{{title}}”: answer due in {{count}} days',
    charter_due: 'Application of {{firm}} to “{{title}}”: the answer is due today',
    draft_deadline_one: 'Your draft for “{{title}}”: applications close in {{count}} day',
    draft_deadline_many: 'Your draft for “{{title}}”: applications close in {{count}} days',
    draft_deadline_other: 'Your draft for “{{title}}”: applications close in {{count}} days',
    pilot_ending_one: 'The pilot “{{title}}” ends in {{count}} day',
    pilot_ending_many: 'The pilot “{{title}}” ends in {{count}} days',
    pilot_ending_other: 'The pilot “{{title}}” ends in {{count}} days',
  },
  emails: {
    shortlisted: {
      subject: 'Application shortlisted: {{needTitle}}',
      body: ['{{partnerName}} shortlisted your application to the need “{{needTitle}}”.', 'They may ask you for details: keep an eye on the application’s conversation.'],
      cta: 'View the application',
    },
    messageReceived: {
      subject: 'New message: {{needTitle}}',
      body: ['{{fromName}} wrote to you about the application to the need “{{needTitle}}”.'],
      cta: 'Read the message',
    },
    questionAnswered: {
      subject: 'Your question answered: {{needTitle}}',
      body: ['{{partnerName}} answered your question on the need “{{needTitle}}”.', 'The answer is visible to every firm that sees the need.'],
      cta: 'Read the answer',
    },
    followedAnswer: {
      subject: 'New answer: {{needTitle}}',
      body: ['{{partnerName}} answered a question on the need “{{needTitle}}”, which you follow.'],
      cta: 'Read the answer',
    },
    confidentialInvitation: {
      subject: 'Invitation to a confidential need: {{needTitle}}',
      body: ['{{partnerName}} invites you to apply to a confidential need on Sillon: “{{needTitle}}”.', 'Its details open once you accept the non-disclosure agreement on the need’s page.'],
      cta: 'View the need',
    },
    charterSoon: {
      subject: 'Answer due {{dueOn}}: {{firmName}}',
      body: ['The application of {{firmName}} to the need “{{needTitle}}” waits for your decision.', 'Under the Small Business Act charter, an answer is due {{dueOn}}.'],
      cta: 'Decide',
    },
    charterDue: {
      subject: 'Answer due today: {{firmName}}',
      body: ['The application of {{firmName}} to the need “{{needTitle}}” waits for your decision.', 'The Small Business Act charter’s answer delay ends today.'],
      cta: 'Decide',
    },
    draftDeadline: {
      subject: 'Your draft: applications close {{deadlineOn}}',
      body: ['Your application to the need “{{needTitle}}” is still a draft.', 'Applications close {{deadlineOn}}: remember to send it before.'],
      cta: 'Continue the draft',
    },
    pilotEnding: {
      subject: 'Pilot ends {{endsOn}}: {{needTitle}}',
      body: ['The pilot “{{needTitle}}” with {{otherName}} ends {{endsOn}}.', 'Time to review its success criteria.'],
      cta: 'View the pilot',
    },
  },
}

export default enReminders
