import type { ServerBuild } from '@remix-run/node'
import { loadBuild } from '#tests/helpers/app'

/**
 * The routes of the built app (`build.routes`): every route id with its full URL pattern (the
 * paths of its ancestors joined), and whether it answers GET (a loader) and other methods (an
 * action). The root and pathless layouts are left out: they are never requested on their own.
 */
export interface ManifestRoute {
  id: string
  /** e.g. `/needs/:needId/apply`, `/api/v1/*`, `/` for the home page. */
  pattern: string
  hasLoader: boolean
  hasAction: boolean
  /** An index route (`_index`): its forms post to `?index`. */
  index: boolean
}

function fullPattern(routes: ServerBuild['routes'], id: string): string {
  const segments: string[] = []
  for (let current: (typeof routes)[string] | undefined = routes[id]; current; current = current.parentId ? routes[current.parentId] : undefined) {
    if (current.path) segments.unshift(current.path)
  }
  return `/${segments.join('/')}`
}

export async function manifestRoutes(): Promise<ManifestRoute[]> {
  const { routes } = await loadBuild()
  return Object.values(routes)
    .filter((route) => route.id !== 'root' && (route.path !== undefined || route.index))
    .map((route) => ({
      id: route.id,
      pattern: fullPattern(routes, route.id),
      hasLoader: typeof route.module.loader === 'function',
      hasAction: typeof route.module.action === 'function',
      index: route.index === true,
    }))
    .sort((a, b) => a.id.localeCompare(b.id))
}

/** A concrete URL for a pattern: `:name` and `*` filled from `params`. */
export function fillPattern(pattern: string, params: Record<string, string>) {
  return pattern.replace(/:(\w+)|\*/g, (whole, name: string | undefined) => {
    const value = params[name ?? '*']
    if (value === undefined) throw new Error(`no value for ${whole} in ${pattern}`)
    return encodeURIComponent(value)
  })
}
