import type frApi from './fr-api'

type Shape<T> = T extends string ? string : T extends readonly string[] ? string[] : { [K in keyof T]: Shape<T[K]> }

/** Texts of the JSON API and of its settings page (English): the same keys as fr-api.ts. */
const enApi: Shape<typeof frApi> = {
  settings: {
    title: 'API tokens',
    description:
      'API tokens let your organisation’s tools (procurement, ERP, dashboards) use Sillon’s JSON API: post needs, read and process applications.',
    usage: 'Send the token in the “Authorization: Bearer <token>” HTTP header of every request to {{baseUrl}}.',
    docsLink: 'API documentation (OpenAPI 3.1, JSON)',
    backToOrganisation: 'Back to the organisation’s page',
    createTitle: 'Create a token',
    name: 'Token name',
    nameHint: 'To recognise it later, e.g. “Procurement tool” (2 to 60 characters).',
    createSubmit: 'Create the token',
    notVerified: 'Your organisation must be verified by its association before it can create tokens.',
    newTokenTitle: 'Token “{{name}}” created',
    newTokenWarning: 'Copy this token now and keep it somewhere safe: it will never be shown again.',
    newTokenLabel: 'Your new token',
    copy: 'Copy the token',
    copied: 'Token copied to the clipboard.',
    copyFailed: 'Copying failed: select the token and copy it yourself.',
    listTitle: 'The organisation’s tokens',
    noTokens: 'No token yet.',
    tokenCount_one: '{{count}} token',
    tokenCount_many: '{{count}} tokens',
    tokenCount_other: '{{count}} tokens',
    columns: {
      name: 'Name',
      prefix: 'Token starts with',
      createdBy: 'Created by',
      createdAt: 'Created on',
      lastUsedAt: 'Last used',
      status: 'Status',
      actions: 'Actions',
    },
    never: 'Never',
    active: 'Active',
    revokedOn: 'Revoked on {{date}}',
    revoke: 'Revoke',
    revokeLabel: 'Revoke the token “{{name}}”',
    revokedToast: 'Token “{{name}}” revoked: it no longer gives access to the API.',
  },
  errors: {
    tokenMissing: 'Authentication required: send an API token in the “Authorization: Bearer <token>” header.',
    tokenInvalid: 'This API token is unknown or has been revoked.',
    invalidJson: 'The request body is not valid JSON (UTF-8).',
    bodyNotObject: 'The request body must be a JSON object.',
    bodyTooDeep: 'The request body is nested too deeply.',
    payloadTooLarge: 'The request body exceeds the maximum size of {{maxKb}} KB.',
    unsupportedMediaType: 'The request body must be sent as JSON (Content-Type: application/json).',
    methodNotAllowed: 'The {{method}} method is not accepted here (accepted methods: {{allowed}}).',
    notFound: 'This address matches no resource of the API.',
    internal: 'An unexpected error occurred. Try again in a moment; if it persists, quote the request id {{requestId}}.',
    organisationNotVerified: 'Only the administrators of a verified organisation can create API tokens.',
  },
  validation: {
    unknownField: 'Unknown field.',
    expectedString: 'Wrong type: a string is expected.',
    expectedInteger: 'Wrong type: a whole number is expected.',
    expectedNumber: 'Wrong type: a number is expected.',
    expectedBoolean: 'Wrong type: true or false is expected.',
    expectedList: 'Wrong type: a list of strings is expected.',
    expectedArray: 'Wrong type: a list is expected.',
    expectedObject: 'Wrong type: an object is expected.',
    invalid: 'Invalid value.',
  },
}

export default enApi
