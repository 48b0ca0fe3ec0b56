import { describe, expect, test } from 'vitest'
import type { ActorMembership, OrgKind, OrgStatus } from '#app/modules/policy/policy'
import { homePathFor } from './home-path'

const member = (kind: OrgKind, status: OrgStatus = 'VERIFIED', slug = 'acme'): ActorMembership => ({
  organisationId: `${kind}-${slug}`,
  role: 'OWNER',
  organisation: { id: `${kind}-${slug}`, slug, name: slug, kind, status, homeHubId: 'h' },
})

describe('the home after log-in', () => {
  test.each([
    ['staff', { memberships: [], staffRoles: [{ hubId: 'h', role: 'MODERATOR' as const }] }, '/staff'],
    ['staff who also belong to a partner', { memberships: [member('PARTNER')], staffRoles: [{ hubId: 'h', role: 'ADMIN' as const }] }, '/staff'],
    ['a partner’s member', { memberships: [member('PARTNER')], staffRoles: [] }, '/partner'],
    ['a pending partner’s member', { memberships: [member('PARTNER', 'PENDING')], staffRoles: [] }, '/partner'],
    ['a member of a firm and a partner', { memberships: [member('FIRM'), member('PARTNER')], staffRoles: [] }, '/partner'],
    ['a verified firm’s member', { memberships: [member('FIRM')], staffRoles: [] }, '/needs'],
    ['a pending firm’s member', { memberships: [member('FIRM', 'PENDING', 'jeune-pousse')], staffRoles: [] }, '/orgs/jeune-pousse'],
    ['a suspended firm’s member', { memberships: [member('FIRM', 'SUSPENDED', 'suspendue')], staffRoles: [] }, '/orgs/suspendue'],
    ['no organisation', { memberships: [], staffRoles: [] }, '/orgs/new'],
  ])('%s → %s', (_who, actor, path) => {
    expect(homePathFor(actor)).toBe(path)
  })
})
