import type frAccount from './fr-auth'

type Shape<T> = T extends string ? string : T extends readonly string[] ? string[] : { [K in keyof T]: Shape<T[K]> }

/** Texts of the account (English): the same keys as fr-auth.ts. */
const enAccount: Shape<typeof frAccount> = {
  title: 'My account',
  menu: 'My account',
  intro: 'Your details, your password, your e-mail address and the devices signed in to your account.',
  profile: {
    title: 'Profile',
    name: 'Name',
    locale: 'Language',
    timeZone: 'Time zone',
    timeZoneHint: 'Dates and times are shown to you in this time zone.',
    submit: 'Save',
    saved: 'Your details are saved.',
  },
  password: {
    title: 'Password',
    current: 'Current password',
    new: 'New password',
    confirm: 'Confirm the new password',
    submit: 'Change password',
    changed: 'Your password is changed. Your other sessions are closed.',
  },
  email: {
    title: 'E-mail address',
    current: 'Current address: {{email}}',
    verified: 'verified',
    unverified: 'not verified',
    pending: 'Change pending: a link was sent to {{email}}. The current address stays in use until it is opened.',
    new: 'New address',
    currentPassword: 'Current password',
    submit: 'Change address',
    requested: 'A confirmation link was sent to {{email}}. Your current address has been told.',
  },
  sessions: {
    title: 'Active sessions',
    intro: 'The browsers and devices signed in to your account. A session closes after 7 days without activity.',
    current: 'This session',
    unknownDevice: 'Unknown device',
    unknownIp: 'unknown address',
    since: 'Signed in on {{date}}',
    lastSeen: 'Last active on {{date}}',
    revoke: 'Close',
    revokeOthers: 'Log out everywhere else',
    revoked: 'The session is closed.',
    revokedOthers_one: '{{count}} other session closed.',
    revokedOthers_many: '{{count}} other sessions closed.',
    revokedOthers_other: '{{count}} other sessions closed.',
  },
  verify: {
    title: 'Confirm your e-mail address',
    confirmBody: 'Confirm that {{email}} is your address.',
    confirmChangeBody: 'Confirm your new address: {{email}}. It will replace your account’s current address.',
    confirm: 'Confirm my address',
    done: 'Your address {{email}} is confirmed.',
    changed: 'Your address is now {{email}}.',
    alreadyVerified: 'Your address is already confirmed.',
    resend: 'Send the link again',
    resent: 'A new confirmation link has been sent to you.',
    banner:
      'Confirm your e-mail address {{email}} with the link we sent you. Meanwhile you can browse Sillon and create your organisation, but not join an organisation by invitation nor receive a role in an association’s team.',
  },
  errors: {
    wrongPassword: 'This is not your current password.',
    sameEmail: 'This is already your account’s address.',
    timeZone: 'Choose a time zone from the list (for example Europe/Paris).',
    linkInvalid: 'This confirmation link is no longer valid. Ask for a new one.',
    unverifiedInvitation: 'First confirm your e-mail address (link sent at sign-up) to join this organisation.',
    unverifiedStaff: 'This account has not confirmed its e-mail address yet; a role can only be given to a verified address.',
  },
  emails: {
    verification: {
      subject: 'Confirm your e-mail address',
      body: ['Welcome to Sillon. Confirm that this address is yours.', 'This link is valid for 48 hours. If you did not create an account, ignore this e-mail.'],
      cta: 'Confirm my address',
    },
    change: {
      subject: 'Confirm your new e-mail address',
      body: ['You asked to use this address for your Sillon account.', 'It will be used only once this link is opened; it is valid for 48 hours. If you did not ask for this, ignore this e-mail.'],
      cta: 'Confirm this address',
    },
    changeNotice: {
      subject: 'Change of address requested on your account',
      body: [
        'Someone signed in to your Sillon account asked to replace this address with {{newEmail}}.',
        'The change happens only if the link sent to {{newEmail}} is opened. If you did not ask for this, change your password and close your other sessions.',
      ],
      cta: 'Open my account',
    },
  },
}

export default enAccount
