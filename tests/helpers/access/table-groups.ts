import { page } from './expect'
import type { Row } from './table'
import type { World } from './world'

/**
 * The access rows of issue 14's groups (spread into accessTable by table.ts; decision 0026). The
 * world: world-groups.ts. Signed-in users without a verified organisation nor a staff role (no
 * organisation, a pending or a suspended firm) are refused the groups (403).
 */
const NO_GROUPS = { noOrg: 403, readOnly: 403 } as const
const slug = (name: 'openSlug' | 'hubOnlySlug' | 'archivedSlug' | 'h2OnlySlug') => (w: World) => ({ slug: w.groups[name]! })
const form = (fields: (w: World) => Record<string, string>) => (w: World) => ({ form: fields(w) })
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)

export const groupsRows: Row[] = [
  { route: 'routes/groups._index', method: 'GET', label: 'the list', expect: page({ signedIn: 200, ...NO_GROUPS }) },

  { route: 'routes/groups.new', method: 'GET', label: 'the form', expect: page({ staff: 200, signedIn: 403 }) },
  // A hub that does not exist: staff are told next to the field (no group written), the others are refused.
  {
    route: 'routes/groups.new',
    method: 'POST',
    label: 'create in an unknown hub',
    body: form(() => ({ name: 'Groupe fantôme', theme: 'Rien', hubId: 'no-such-hub', audience: 'all' })),
    expect: page({ staff: 422, signedIn: 403 }),
  },

  // Access before input: a non-staff user posting an invalid form is refused (403), not told what is invalid.
  {
    route: 'routes/groups.new',
    method: 'POST',
    label: 'an empty form',
    body: form(() => ({ name: '', theme: '', hubId: '', audience: '' })),
    expect: page({ staff: 400, signedIn: 403 }),
  },

  // Open to every hub: every verified organisation's members and all staff.
  // Its needs: each reader sees those whose page opens for them (firm A: the confidential one's teaser).
  {
    route: 'routes/groups.$slug',
    method: 'GET',
    label: 'open to all',
    params: slug('openSlug'),
    expect: page({ signedIn: 200, ...NO_GROUPS }),
    shows: { firmA: ['paPublicTitle', 'paInviteTitle'], firmB: ['paPublicTitle'], partnerA: ['paPublicTitle', 'paInviteTitle'], mod: ['paInviteTitle'] },
  },
  // Hub H's own: H's members and staff; unknown to hub H2.
  { route: 'routes/groups.$slug', method: 'GET', label: 'hub H only', params: slug('hubOnlySlug'), expect: page({ signedIn: 200, firmH2: 404, mod2: 404, ...NO_GROUPS }) },
  { route: 'routes/groups.$slug', method: 'GET', label: 'hub H2 only', params: slug('h2OnlySlug'), expect: page({ signedIn: 404, firmH2: 200, mod2: 200, ...NO_GROUPS }) },
  // Archived: its members (firm A) and its hub's staff only.
  { route: 'routes/groups.$slug', method: 'GET', label: 'archived', params: slug('archivedSlug'), expect: page({ signedIn: 404, firmA: 200, staffH: 200, ...NO_GROUPS }) },
  { route: 'routes/groups.$slug', method: 'GET', label: 'missing', params: () => ({ slug: 'no-such-group' }), expect: page({ signedIn: 404, ...NO_GROUPS }) },

  // Firm B is a member already (409); no one else acts for firm B (403).
  {
    route: 'routes/groups.$slug',
    method: 'POST',
    label: 'join for firm B again',
    params: slug('openSlug'),
    body: form((w) => ({ intent: 'join', organisationId: w.orgs.fb.id })),
    expect: page({ signedIn: 403, firmB: 409 }),
  },
  // A hub-only group refuses another hub's organisation: it does not even exist for it.
  {
    route: 'routes/groups.$slug',
    method: 'POST',
    label: 'join hub H’s own group for the firm of H2',
    params: slug('hubOnlySlug'),
    body: form((w) => ({ intent: 'join', organisationId: w.orgs.fh.id })),
    expect: page({ signedIn: 403, firmH2: 404, mod2: 404 }),
  },
  // Access before input: a bad body to hub H's own group is a 400 for who may see it, a 404 for hub H2
  // (the slug's existence is not revealed), a 403 for who uses no groups.
  {
    route: 'routes/groups.$slug',
    method: 'POST',
    label: 'a bad body to hub H’s own group',
    params: slug('hubOnlySlug'),
    body: form(() => ({ intent: 'nonsense' })),
    expect: page({ signedIn: 400, firmH2: 404, mod2: 404, ...NO_GROUPS }),
  },
  {
    route: 'routes/groups.$slug',
    method: 'POST',
    label: 'a join without organisation to hub H’s own group',
    params: slug('hubOnlySlug'),
    body: form(() => ({ intent: 'join' })),
    expect: page({ signedIn: 400, firmH2: 404, mod2: 404, ...NO_GROUPS }),
  },
  // Firm A is no member of the open group: nothing to leave (409).
  {
    route: 'routes/groups.$slug',
    method: 'POST',
    label: 'leave for firm A (not a member)',
    params: slug('openSlug'),
    body: form((w) => ({ intent: 'leave', organisationId: w.orgs.fa.id })),
    expect: page({ signedIn: 403, firmA: 409, ...NO_GROUPS }),
  },
  // Staff of the group's hub run it; an archived group takes nothing more (409). Who uses no groups: 403
  // (checked before the input, as the page).
  {
    route: 'routes/groups.$slug',
    method: 'POST',
    label: 'announce on the archived group',
    params: slug('archivedSlug'),
    body: form(() => ({ intent: 'announce', title: 'Annonce de contrôle', body: 'Une annonce qui ne doit pas partir.' })),
    expect: page({ signedIn: 404, firmA: 403, staffH: 409, ...NO_GROUPS }),
  },
  {
    route: 'routes/groups.$slug',
    method: 'POST',
    label: 'edit the archived group',
    params: slug('archivedSlug'),
    body: form(() => ({ intent: 'update', name: 'Groupe renommé', theme: 'Industrie', description: '', audience: 'hub' })),
    expect: page({ signedIn: 404, firmA: 403, staffH: 409, ...NO_GROUPS }),
  },
  {
    route: 'routes/groups.$slug',
    method: 'POST',
    label: 'archive the archived group',
    params: slug('archivedSlug'),
    body: form(() => ({ intent: 'archive' })),
    expect: page({ signedIn: 404, firmA: 403, staffH: 409, ...NO_GROUPS }),
  },

  // The need form: a group of another hub reserved to its own is no choice for partners of H.
  {
    route: 'routes/needs.new',
    method: 'POST',
    label: 'address a need to hub H2’s own group',
    body: form((w) => ({
      kind: 'PILOT',
      title: 'Besoin adressé au mauvais groupe',
      summary: 'Un besoin de contrôle des accès.',
      description: 'Un besoin adressé à un groupe réservé à une autre association.',
      skills: 'iot',
      nafCodes: '62.01Z',
      deadline: inDays(40),
      expectedStart: inDays(60),
      communeInsee: '38185',
      radiusKm: '100',
      visibility: 'PUBLIC',
      matchingMode: 'OPEN',
      workingGroupId: w.groups.h2Only!,
      intent: 'save',
    })),
    expect: page({ partners: 422, signedIn: 403 }),
  },
  // The needs list filtered by a group.
  { route: 'routes/needs._index', method: 'GET', label: 'group=groupe-ouvert', search: () => '?group=groupe-ouvert', expect: page({ signedIn: 200 }) },
]
