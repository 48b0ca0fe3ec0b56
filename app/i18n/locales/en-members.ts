import type frMembers from './fr-members'

type Shape<T> = T extends string ? string : T extends readonly string[] ? string[] : { [K in keyof T]: Shape<T[K]> }

/** Texts of an organisation's team (English): the same keys as fr-members.ts. */
const enMembers: Shape<typeof frMembers> = {
  settingsTitle: 'Organisation settings',
  team: {
    title: 'Team',
    rules:
      'Owners manage everything, including other owners and the ownership of the organisation. Administrators invite, appoint administrators and remove members. The organisation always keeps at least one owner.',
    memberCount_one: '{{count}} member',
    memberCount_many: '{{count}} members',
    memberCount_other: '{{count}} members',
    columns: { name: 'Name', role: 'Role', joinedAt: 'Member since', actions: 'Actions' },
    you: 'you',
    manage: 'Manage',
    manageLabel: 'Manage {{name}}',
    noAction: 'No action available',
    chooseRole: 'Choose a role',
    newRole: 'New role',
    changeRole: 'Change role',
    transfer: 'Transfer ownership',
    transferConfirm: '{{name}} will become the owner of the organisation; you will stay on as an administrator.',
    transferSubmit: 'Confirm the transfer to {{name}}',
    remove: 'Remove from the organisation',
    removeConfirm:
      '{{name}} loses access to the organisation at once: the API tokens this person created are revoked and their pending invitations cancelled.',
    removeSubmit: 'Confirm removing {{name}}',
    soleOwner: 'You are the only owner: to leave the organisation, first appoint another owner or transfer the ownership.',
    leave: 'Leave the organisation',
    invite: 'Invite a member from the organisation page',
  },
  invitations: {
    title: 'Pending invitations',
    none: 'No pending invitation.',
    meta: 'Invited by {{name}} on {{date}} · expires on {{expires}}',
    cancel: 'Cancel the invitation',
    cancelLabel: 'Cancel the invitation of {{email}}',
    cancelConfirm: 'The link sent to {{email}} will stop working; the person is told by e-mail.',
    cancelSubmit: 'Confirm the cancellation',
  },
  leave: {
    title: 'Leave {{organisation}}',
    body: 'You will lose access to the needs, applications and settings of {{organisation}} at once. The API tokens you created for it will be revoked. Coming back takes a new invitation.',
    tokens_one: 'You created {{count}} active API token for this organisation: it will be revoked.',
    tokens_many: 'You created {{count}} active API tokens for this organisation: they will be revoked.',
    tokens_other: 'You created {{count}} active API tokens for this organisation: they will be revoked.',
    submit: 'Leave {{organisation}} for good',
    back: 'Stay and go back to the organisation',
  },
  toasts: {
    removed: '{{name}} is no longer part of the organisation.',
    left: 'You left {{organisation}}.',
    roleChanged: '{{name}} is now “$t(memberRole.{{role}})”.',
    transferred: '{{name}} now owns the organisation; you are one of its administrators.',
    invitationCancelled: 'The invitation of {{email}} is cancelled.',
  },
  errors: {
    managersOnly: 'Only the owners and administrators of the organisation manage its team.',
    ownersOnly: 'Only owners may remove an administrator or an owner, change their role, or appoint an owner.',
    lastOwner: 'The organisation must keep at least one owner: appoint another owner first, or transfer the ownership.',
    organisationInactive: 'No higher role can be given while the organisation is rejected or suspended.',
    sameRole: 'This member already has this role.',
    transferToSelf: 'Choose another member: you are already an owner.',
    invitationAccepted: 'This invitation was already accepted: remove the member if need be.',
  },
  invitationCancelled: 'This invitation was cancelled by the organisation. Ask it for a new invitation if need be.',
  notifications: {
    removed: 'You are no longer part of {{organisation}}',
    left: '{{member}} left {{organisation}}',
    role_changed: 'Your role in {{organisation}}: “$t(memberRole.{{role}})”',
    ownership_received: 'You now own {{organisation}}',
  },
  emails: {
    removed: {
      subject: '{{organisationName}}: you are no longer part of the team',
      body: [
        '{{actorName}} removed you from the team of {{organisationName}} on Sillon.',
        'You no longer have access to the needs, applications and settings of the organisation, and the API tokens you created for it are revoked.',
        'If this is a mistake, contact an owner of the organisation.',
      ],
      cta: 'Open Sillon',
    },
    roleChanged: {
      subject: 'Your role in {{organisationName}} changed',
      body: ['{{actorName}} changed your role in {{organisationName}}: you are now “$t(memberRole.{{role}})”.'],
      cta: 'See the team',
    },
    ownershipReceived: {
      subject: 'You own {{organisationName}}',
      body: [
        '{{actorName}} transferred the ownership of {{organisationName}} on Sillon to you.',
        'You now manage the whole team, including the administrators and the other owners.',
      ],
      cta: 'See the team',
    },
    invitationCancelled: {
      subject: 'Invitation to {{organisationName}} cancelled',
      body: ['{{actorName}} cancelled your invitation to join {{organisationName}} on Sillon: the link you received no longer works.'],
      cta: 'Open Sillon',
    },
  },
}

export default enMembers
