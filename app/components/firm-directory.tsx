import { Form, Link, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { distanceFrom } from '#app/i18n/format'
import { CommuneField } from './commune-field'
import { NafField, TagsField } from './pickers'
import { Button } from './ui/button'
import { Badge } from './ui/card'
import { ErrorList } from './ui/field'
import { FilterSelect, filterFieldClass } from './ui/filter'

/** The filters of the firm directory (a GET search form; each bad value is named next to its field). */
export function DirectoryFilters({
  choices,
  errors,
  hubLocked,
}: {
  choices: { hubs: Array<{ id: string; name: string }>; cohorts: Array<{ id: string; label: string }>; groups: Array<{ id: string; label: string }>; bands: string[] }
  errors: Record<string, string[]>
  /** Staff choosing firms to recommend: their hubs' firms only, no hub filter. */
  hubLocked?: boolean
}) {
  const { t } = useTranslation()
  const [searchParams] = useSearchParams()
  const value = (name: string) => searchParams.get(name) ?? ''
  const forNeed = searchParams.get('for')
  return (
    <Form method="get" role="search" aria-label={t('firms.filters.label')} className="space-y-4">
      {forNeed ? <input type="hidden" name="for" value={forNeed} /> : null}
      <div>
        <label htmlFor="firms-q" className="block text-sm font-medium text-stone-800">
          {t('firms.filters.q')}
        </label>
        <input
          id="firms-q"
          name="q"
          type="search"
          defaultValue={value('q')}
          className={filterFieldClass}
          aria-describedby={errors.q ? 'firms-q-error' : 'firms-q-hint'}
        />
        <p id="firms-q-hint" className="mt-1 text-xs text-stone-600">
          {t('firms.filters.qHint')}
        </p>
        <ErrorList id="firms-q-error" errors={errors.q} />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <TagsField label={t('firms.filters.skills')} hint={t('firms.filters.skillsHint')} errors={errors.skills} inputProps={{ id: 'firms-skills', name: 'skills', defaultValue: value('skills') }} />
        <NafField label={t('firms.filters.naf')} hint={t('firms.filters.nafHint')} errors={errors.naf} inputProps={{ id: 'firms-naf', name: 'naf', defaultValue: value('naf') }} />
      </div>
      <div className="grid gap-4 sm:grid-cols-3">
        <div className="sm:col-span-2">
          <CommuneField label={t('firms.filters.commune')} hint={t('firms.filters.communeHint')} errors={errors.commune} inputProps={{ id: 'firms-commune', name: 'commune', defaultValue: value('commune') }} />
        </div>
        <div>
          <label htmlFor="firms-km" className="block text-sm font-medium text-stone-800">
            {t('firms.filters.km')}
          </label>
          <input id="firms-km" name="km" type="number" min={1} max={300} inputMode="numeric" defaultValue={value('km')} className={filterFieldClass} aria-describedby={errors.km ? 'firms-km-error' : undefined} />
          <ErrorList id="firms-km-error" errors={errors.km} />
        </div>
      </div>
      <div className="flex flex-wrap items-end gap-3">
        <FilterSelect id="firms-band" name="band" label={t('firms.filters.band')} anyLabel={t('firms.filters.anyBand')} options={choices.bands.map((band) => ({ value: band, label: t(`revenueBand.${band}` as 'revenueBand.LT_1M') }))} errors={errors.band} />
        {hubLocked ? null : (
          <FilterSelect id="firms-hub" name="hub" label={t('firms.filters.hub')} anyLabel={t('firms.filters.anyHub')} options={choices.hubs.map((hub) => ({ value: hub.id, label: hub.name }))} errors={errors.hub} />
        )}
        <FilterSelect id="firms-cohort" name="cohort" label={t('firms.filters.cohort')} anyLabel={t('firms.filters.anyCohort')} options={choices.cohorts.map((cohort) => ({ value: cohort.id, label: cohort.label }))} errors={errors.cohort} />
        <FilterSelect id="firms-group" name="group" label={t('firms.filters.group')} anyLabel={t('firms.filters.anyGroup')} options={choices.groups.map((group) => ({ value: group.id, label: group.label }))} errors={errors.group} />
        <FilterSelect
          id="firms-sort"
          name="sort"
          label={t('firms.filters.sort')}
          anyLabel={t('firms.filters.sortDefault')}
          options={[
            { value: 'name', label: t('firms.filters.sortName') },
            { value: 'distance', label: t('firms.filters.sortDistance') },
          ]}
          errors={errors.sort}
        />
        <Button type="submit" size="sm">
          {t('firms.filters.apply')}
        </Button>
        <Link to={forNeed ? `?for=${encodeURIComponent(forNeed)}` : '?'} className="self-center text-sm font-semibold text-brand-700 underline">
          {t('firms.filters.reset')}
        </Link>
      </div>
    </Form>
  )
}

export interface DirectoryFirmItem {
  id: string
  slug: string
  name: string
  description: string
  skills: string[]
  communeName: string | null
  revenueBand: string | null
  distanceKm: number | null
  homeHub: { shortName: string }
}

export interface FirmMatchState {
  status: string
  source: string
  recommended: boolean
}

/** How a firm already stands with the need the reader is choosing for: a badge. */
function MatchStateBadge({ state }: { state: FirmMatchState }) {
  const { t } = useTranslation()
  if (state.status === 'INVITED') return <Badge tone="success">{t('firms.state.invited')}</Badge>
  if (state.recommended) return <Badge tone="info">{t('firms.state.recommended')}</Badge>
  if (state.status === 'DISMISSED' || state.status === 'REJECTED') return <Badge>{t(`matchStatus.${state.status}` as 'matchStatus.DISMISSED')}</Badge>
  return <Badge tone="info">{t('firms.state.suggested')}</Badge>
}

/**
 * The directory's results. Choosing for a need (`mode`): an "Inviter" button (the partner) or a
 * "Recommander" form with a note (staff) per firm not yet invited.
 */
export function FirmResults({
  firms,
  origin,
  locale,
  mode,
  states,
  action,
}: {
  firms: DirectoryFirmItem[]
  origin: string | null
  locale: string
  mode: { kind: 'invite' | 'recommend'; needId: string } | null
  states: Record<string, FirmMatchState>
  action: string
}) {
  const { t } = useTranslation()
  return (
    <ul className="divide-y divide-stone-200">
      {firms.map((firm) => {
        const state = states[firm.id]
        const closed = state && (state.status === 'INVITED' || state.status === 'DISMISSED' || state.status === 'REJECTED')
        return (
          <li key={firm.id} className="flex flex-wrap gap-3 py-4">
            <div className="min-w-0 flex-1">
              <h3 className="font-semibold">
                <Link to={`/firms/${firm.slug}`} className="text-brand-800 hover:underline">
                  {firm.name}
                </Link>{' '}
                {state ? <MatchStateBadge state={state} /> : null}
              </h3>
              <p className="text-sm text-stone-600">
                {[
                  firm.communeName && origin && firm.distanceKm ? `${firm.communeName} (${distanceFrom(firm.distanceKm, origin, locale)})` : firm.communeName,
                  firm.revenueBand ? t(`revenueBand.${firm.revenueBand}` as 'revenueBand.LT_1M') : null,
                  firm.homeHub.shortName,
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </p>
              {firm.description ? <p className="mt-1 line-clamp-2 text-sm text-stone-800">{firm.description}</p> : null}
              {firm.skills.length ? (
                <ul className="mt-2 flex flex-wrap gap-1" aria-label={t('firms.profile.skills')}>
                  {firm.skills.slice(0, 8).map((skill) => (
                    <li key={skill}>
                      <Badge>{skill}</Badge>
                    </li>
                  ))}
                </ul>
              ) : null}
            </div>
            {mode && !closed && !(mode.kind === 'recommend' && state?.recommended) ? (
              <div className="w-full sm:w-64">
                {mode.kind === 'invite' ? (
                  <Form method="post" action={action}>
                    <input type="hidden" name="intent" value="invite" />
                    <input type="hidden" name="needId" value={mode.needId} />
                    <input type="hidden" name="firm" value={firm.slug} />
                    <Button type="submit" size="sm" aria-label={t('firms.invite.buttonLabel', { firm: firm.name })}>
                      {t('firms.invite.button')}
                    </Button>
                  </Form>
                ) : (
                  <Form method="post" action={action} className="space-y-2">
                    <input type="hidden" name="intent" value="recommend" />
                    <input type="hidden" name="needId" value={mode.needId} />
                    <input type="hidden" name="firm" value={firm.slug} />
                    <label htmlFor={`note-${firm.id}`} className="block text-sm font-medium text-stone-800">
                      {t('firms.recommend.note')}
                    </label>
                    <textarea id={`note-${firm.id}`} name="note" rows={2} maxLength={1000} className={filterFieldClass} />
                    <Button type="submit" size="sm" aria-label={t('firms.recommend.buttonLabel', { firm: firm.name })}>
                      {t('firms.recommend.button')}
                    </Button>
                  </Form>
                )}
              </div>
            ) : null}
          </li>
        )
      })}
    </ul>
  )
}
