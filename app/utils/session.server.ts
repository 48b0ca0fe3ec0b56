import { createCookie, redirect } from '@remix-run/node'
import { createSession, deleteSession, getSessionActor, SESSION_TTL_MS } from '#app/modules/auth/service.server'
import type { Actor } from '#app/modules/policy/policy'
import { getEnv } from './env.server'
import { requestScoped } from './request-scope.server'
import { singleton } from './singleton.server'

/** The session cookie holds only a signed session id; the session itself lives in PostgreSQL. */
function sessionCookie() {
  const env = getEnv()
  return singleton(`session-cookie:${env.SESSION_SECRET}`, () =>
    createCookie('sillon_session', {
      httpOnly: true,
      sameSite: 'lax',
      path: '/',
      secure: env.APP_URL.startsWith('https://'),
      secrets: [env.SESSION_SECRET],
      maxAge: SESSION_TTL_MS / 1000,
    }),
  )
}

const actorCache = new WeakMap<Request, Promise<Actor | null>>()

async function readSessionId(request: Request): Promise<string | null> {
  const value = await sessionCookie().parse(request.headers.get('Cookie'))
  return typeof value === 'string' && value.length > 0 && value.length < 100 ? value : null
}

/**
 * The signed-in actor (user, organisations, staff roles), or null. Loaded once per HTTP request:
 * the root's and the route's loaders share it (request scope, keyed by the cookies they carry).
 * An action's is its own: the loaders that run after it in the same request (a form posted
 * without JavaScript) read the actor again, as the action may have changed it.
 */
export function getActor(request: Request): Promise<Actor | null> {
  let pending = actorCache.get(request)
  if (!pending) {
    pending = requestScoped(`actor:${request.method}:${request.headers.get('Cookie') ?? ''}`, () =>
      readSessionId(request).then((id) => (id ? getSessionActor(id) : null)),
    )
    actorCache.set(request, pending)
  }
  return pending
}

export async function requireActor(request: Request): Promise<Actor> {
  const actor = await getActor(request)
  if (actor) return actor
  const url = new URL(request.url)
  const redirectTo = `${url.pathname}${url.search}`
  throw redirect(`/login?${new URLSearchParams({ redirectTo })}`)
}

export async function requireAnonymous(request: Request) {
  if (await getActor(request)) throw redirect('/')
}

export async function startSession(request: Request, userId: string, redirectTo = '/', extraHeaders?: HeadersInit) {
  const session = await createSession(userId, request.headers.get('User-Agent'))
  const headers = new Headers(extraHeaders)
  headers.append('Set-Cookie', await sessionCookie().serialize(session.id, { expires: session.expiresAt }))
  return redirect(redirectTo, { headers })
}

export async function endSession(request: Request, redirectTo = '/') {
  const id = await readSessionId(request)
  if (id) await deleteSession(id)
  return redirect(redirectTo, {
    headers: { 'Set-Cookie': await sessionCookie().serialize('', { maxAge: 0, expires: new Date(0) }) },
  })
}
