import type frPrefs from './fr-prefs'

type Shape<T> = T extends string ? string : T extends readonly string[] ? string[] : { [K in keyof T]: Shape<T[K]> }

/** Texts of the preference centre, the one-click unsubscribe, e-mail footers and template previews (English): the same keys as fr-prefs.ts. */
const enPrefs: Shape<typeof frPrefs> = {
  menu: 'Preferences',
  menuLabel: 'Notification preferences',
  title: 'Notification preferences',
  intro:
    'For each subject, choose how Sillon lets you know: in the app only, by e-mail at once, in your digest, or not at all. In-app notifications appear under the bell at the top of the page.',
  accountLink: 'Notification preferences',
  notificationsLink: 'Choose what I receive',
  defaultBadge: 'default',
  defaultsNote: 'You have not chosen anything yet: these are the settings suggested for your profile.',
  categories: {
    title: 'What you receive',
    empty: 'Join or create an organisation to receive notifications about needs and applications.',
    emptyCta: 'Create my organisation',
    RECOMMENDED: {
      label: 'New recommended needs',
      description: 'Published needs that match your firm’s profile, from the minimum score you choose.',
    },
    SAVED_SEARCH: {
      label: 'Alerts of my saved searches',
      description: 'New needs that match a search for which you asked for an alert.',
    },
    MY_APPLICATIONS: {
      label: 'My applications',
      description: 'Status changes, messages and information requests on your firm’s applications.',
    },
    MY_NEEDS: {
      label: 'My needs (corporate partner)',
      description: 'New applications, firms’ messages and reminders of the charter’s response delay. Questions asked on your needs come in the app and the digest, never as an e-mail of their own.',
    },
    FOLLOWED_NEEDS: {
      label: 'Needs I follow',
      description: 'Answers published to questions on the needs you follow.',
    },
    GROUP_NEEDS: {
      label: 'My working groups',
      description: 'Needs addressed to your organisation’s working groups, and the association’s announcements to those groups.',
    },
    STAFF_QUEUES: {
      label: 'Association queues',
      description: 'Needs and revisions to moderate, organisations to verify, matches to approve in your hub.',
    },
    BILLING: {
      label: 'My organisation’s dues',
      description: 'Payment received or refused, renewal coming, grace period ending: your organisation’s membership dues to the association (owners and admins of the organisation).',
    },
  },
  channels: {
    APP: 'In the app only',
    EMAIL: 'By e-mail, at once',
    DIGEST: 'In the digest',
    OFF: 'Never',
  },
  minScore: {
    label: 'Minimum score of recommended needs',
    hint: 'From 0 to 100. Only needs whose match score reaches this threshold are announced to you.',
  },
  digest: {
    title: 'The e-mail digest',
    intro: 'One e-mail gathering everything you chose to receive “in the digest”. Nothing new, no e-mail.',
    frequency: 'Frequency',
    frequencies: { DAILY: 'Every day', WEEKLY: 'Every week', NEVER: 'Never' },
    weekday: 'Day of sending (weekly digest)',
    weekdays: { '1': 'Monday', '2': 'Tuesday', '3': 'Wednesday', '4': 'Thursday', '5': 'Friday', '6': 'Saturday', '7': 'Sunday' },
    hour: 'Hour of sending',
    hourOption: '{{hour}}:00',
    hourHint: 'The hour of sending follows your time zone.',
    neverNote: 'With “Never”, what you chose to receive in the digest stays visible in the app only.',
  },
  general: {
    title: 'Time zone and language',
    timeZone: 'Time zone',
    timeZoneHint: 'Sending hours and the dates in e-mails follow this time zone.',
    locale: 'Language of the interface and e-mails',
  },
  submit: 'Save my preferences',
  saved: 'Your notification preferences are saved.',
  savedSearches: {
    title: 'My searches with alerts',
    intro: 'Alerts of these searches arrive as set for “Alerts of my saved searches” above.',
    empty: 'No search with an alert yet. Save a search from the list of needs and tick the alert.',
    manage: 'Manage my searches in the list of needs',
    open: 'Open the search “{{name}}”',
  },
  errors: {
    channel: 'Choose one of the options offered.',
    minScore: 'Enter a whole score between 0 and 100.',
    frequency: 'Choose a frequency from the list.',
    weekday: 'Choose a day of the week.',
    hour: 'Choose an hour between 0 and 23.',
  },
  unsubscribe: {
    title: 'Unsubscribe',
    done: 'Done: you will no longer receive {{what}}.',
    offNote: 'This setting applies to in-app notifications too.',
    digestNote: 'Notifications stay visible in the app, under the bell.',
    undo: 'Undo',
    undoHint: 'An unsubscribe by mistake? Undo to go back to the previous setting.',
    resumed: 'You receive {{what}} again.',
    again: 'Unsubscribe',
    preferences: 'Choose more precisely what I receive',
    preferencesHint: 'The preferences page will ask you to log in.',
    invalidTitle: 'Invalid unsubscribe link',
    invalid: 'This link is incomplete or was altered. Copy the whole link from the e-mail, or log in to choose your notifications in your preferences.',
    scopes: {
      DIGEST: 'the Sillon e-mail digest',
      RECOMMENDED: 'notifications about new recommended needs',
      SAVED_SEARCH: 'alerts of your saved searches',
      MY_APPLICATIONS: 'notifications about your applications',
      MY_NEEDS: 'notifications about your needs',
      FOLLOWED_NEEDS: 'notifications about the needs you follow',
      GROUP_NEEDS: 'notifications from your working groups',
      STAFF_QUEUES: 'notifications about the association’s queues',
      BILLING: 'notifications about your organisation’s dues',
    },
    scopesResumed: {
      DIGEST: 'the Sillon e-mail digest',
      RECOMMENDED: 'notifications about new recommended needs',
      SAVED_SEARCH: 'alerts of your saved searches',
      MY_APPLICATIONS: 'notifications about your applications',
      MY_NEEDS: 'notifications about your needs',
      FOLLOWED_NEEDS: 'notifications about the needs you follow',
      GROUP_NEEDS: 'notifications from your working groups',
      STAFF_QUEUES: 'notifications about the association’s queues',
      BILLING: 'notifications about your organisation’s dues',
    },
  },
  emailFooter: {
    preferences: 'Choose the e-mails you receive:',
    unsubscribe: 'Unsubscribe',
    unsubscribeIntro: 'No longer receive this kind of e-mail:',
    noAccount: 'Sillon — the Small Business Act of the French Alps.',
  },
  templates: {
    title: 'E-mail templates',
    intro:
      'Every e-mail Sillon sends, rendered in French and English with sample data (invented people and organisations). E-mails tied to a preference also carry the “Unsubscribe” link.',
    outboxLink: 'Preview of the e-mail templates',
    list: 'Templates',
    count_one: '{{count}} template',
    count_many: '{{count}} templates',
    count_other: '{{count}} templates',
    transactional: 'transactional',
    withUnsubscribe: 'with unsubscribe',
    subject: 'Subject:',
    html: 'HTML version',
    text: 'Text version',
    frameTitle: 'HTML preview: {{name}} ({{language}})',
    back: 'Back to the outbox',
  },
}

export default enPrefs
