import { createMemoryHistory, createRouter, matchRoutes, type AgnosticRouteObject } from '@remix-run/router'
import { describe, expect, it } from 'vitest'

/**
 * The server's route matching keeps each routes array's ranked branches and compiled paths
 * (patches/@remix-run+router+*.patch): the same array matched again must still answer for the
 * path asked, and a tree patched in place must be ranked again.
 */
function tree(): AgnosticRouteObject[] {
  return [
    {
      id: 'root',
      path: '/',
      children: [
        { id: 'home', index: true },
        { id: 'needs', path: 'needs' },
        { id: 'need', path: 'needs/:needId' },
        { id: 'new-need', path: 'needs/new' },
        { id: 'file', path: 'files/*' },
      ],
    },
  ]
}
const ids = (routes: AgnosticRouteObject[], path: string) => matchRoutes(routes, path)?.map((match) => match.route.id) ?? null

describe('route matching', () => {
  it('answers each path of one routes array, however often it is matched', () => {
    const routes = tree()
    for (let round = 0; round < 3; round++) {
      expect(ids(routes, '/')).toEqual(['root', 'home'])
      expect(ids(routes, '/needs')).toEqual(['root', 'needs'])
      expect(ids(routes, '/NEEDS/')).toEqual(['root', 'needs'])
      expect(ids(routes, '/needs/new')).toEqual(['root', 'new-need'])
      expect(matchRoutes(routes, '/needs/n%C3%A9-42')?.at(-1)?.params).toEqual({ needId: 'né-42' })
      expect(matchRoutes(routes, '/files/a/b.pdf')?.at(-1)?.params).toEqual({ '*': 'a/b.pdf' })
      expect(ids(routes, '/deals')).toBeNull()
    }
  })

  it('keeps each routes array to its own routes', () => {
    const other: AgnosticRouteObject[] = [{ id: 'deals', path: '/deals' }]
    expect(ids(tree(), '/deals')).toBeNull()
    expect(ids(other, '/deals')).toEqual(['deals'])
    expect(ids(other, '/needs')).toBeNull()
  })

  it('sees routes patched into a tree it has already matched', async () => {
    const router = createRouter({ routes: tree(), history: createMemoryHistory({ initialEntries: ['/'] }) }).initialize()
    await router.navigate('/deals')
    expect(router.state.errors).toMatchObject({ root: { status: 404 } })
    router.patchRoutes('root', [{ id: 'deals', path: 'deals' }])
    await router.navigate('/deals')
    expect(router.state.errors).toBeNull()
    expect(router.state.matches.map((match) => match.route.id)).toEqual(['root', 'deals'])
    router.dispose()
  })
})
