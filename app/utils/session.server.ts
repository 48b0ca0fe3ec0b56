import { createCookie, redirect } from '@remix-run/node'
import { createSession, deleteSession, readSession, SESSION_TTL_MS, type SessionContext } from '#app/modules/auth/session.server'
import type { Actor } from '#app/modules/policy/policy'
import { getEnv } from './env.server'
import { requestScoped } from './request-scope.server'
import { singleton } from './singleton.server'

/**
 * The session cookie: a signed random secret, nothing else. What a session is (its hash in
 * PostgreSQL, idle timeout, rotation, the account's list) belongs to `modules/auth/session.server`.
 */
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

const sessionCache = new WeakMap<Request, Promise<SessionContext | null>>()

async function readSecret(request: Request): Promise<string | null> {
  const value = await sessionCookie().parse(request.headers.get('Cookie'))
  return typeof value === 'string' && value.length > 0 && value.length < 100 ? value : null
}

/**
 * The signed-in session (actor, whether the address is verified, the session's id), or null.
 * Loaded once per HTTP request: the root's and the route's loaders share it (request scope, keyed
 * by the cookies they carry). An action's is its own: the loaders that run after it in the same
 * request (a form posted without JavaScript) read it again, as the action may have changed it.
 */
export function getSession(request: Request): Promise<SessionContext | null> {
  let pending = sessionCache.get(request)
  if (!pending) {
    pending = requestScoped(`session:${request.method}:${request.headers.get('Cookie') ?? ''}`, () =>
      readSecret(request).then((secret) => (secret ? readSession(secret) : null)),
    )
    sessionCache.set(request, pending)
  }
  return pending
}

/** The signed-in actor (user, organisations, staff roles), or null. */
export async function getActor(request: Request): Promise<Actor | null> {
  return (await getSession(request))?.actor ?? null
}

function toLogin(request: Request): never {
  const url = new URL(request.url)
  const redirectTo = `${url.pathname}${url.search}`
  throw redirect(`/login?${new URLSearchParams({ redirectTo })}`)
}

export async function requireSession(request: Request): Promise<SessionContext> {
  return (await getSession(request)) ?? toLogin(request)
}

export async function requireActor(request: Request): Promise<Actor> {
  return (await requireSession(request)).actor
}

export async function requireAnonymous(request: Request) {
  if (await getActor(request)) throw redirect('/')
}

/**
 * Signs the user in on a new session; the one the browser brought in (if any) ends, so a log-in
 * never continues a session id known before it.
 */
export async function startSession(
  request: Request,
  user: { userId: string; clientIp?: string | null },
  redirectTo = '/',
  extraHeaders?: HeadersInit,
) {
  const session = await createSession({
    userId: user.userId,
    userAgent: request.headers.get('User-Agent'),
    ip: user.clientIp,
    replacing: await readSecret(request),
  })
  const headers = new Headers(extraHeaders)
  headers.append('Set-Cookie', await sessionCookie().serialize(session.secret, { expires: session.expiresAt }))
  return redirect(redirectTo, { headers })
}

export async function endSession(request: Request, redirectTo = '/') {
  const secret = await readSecret(request)
  if (secret) await deleteSession(secret)
  return redirect(redirectTo, {
    headers: { 'Set-Cookie': await sessionCookie().serialize('', { maxAge: 0, expires: new Date(0) }) },
  })
}
