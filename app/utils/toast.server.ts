import { createCookieSessionStorage, redirect } from '@remix-run/node'
import { z } from 'zod'
import { getEnv } from './env.server'
import { singleton } from './singleton.server'

/** One-shot messages shown after a redirect ("Besoin soumis à la modération"). */
const toastSchema = z.object({
  type: z.enum(['success', 'info', 'error']).default('success'),
  /** An i18n key and its values. */
  messageKey: z.string(),
  values: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
})
export type Toast = z.input<typeof toastSchema>

function storage() {
  const { SESSION_SECRET: secret, APP_URL } = getEnv()
  return singleton(`toast-storage:${secret}`, () =>
    createCookieSessionStorage({
      cookie: { name: 'sillon_toast', sameSite: 'lax', path: '/', httpOnly: true, secure: APP_URL.startsWith('https://'), secrets: [secret] },
    }),
  )
}

export async function toastHeaders(toast: Toast) {
  const session = await storage().getSession()
  session.flash('toast', toast)
  return new Headers({ 'Set-Cookie': await storage().commitSession(session) })
}

export async function redirectWithToast(url: string, toast: Toast, init?: ResponseInit) {
  const headers = new Headers(init?.headers)
  for (const [name, value] of await toastHeaders(toast)) headers.append(name, value)
  return redirect(url, { ...init, headers })
}

export async function readToast(request: Request) {
  const session = await storage().getSession(request.headers.get('Cookie'))
  const parsed = toastSchema.safeParse(session.get('toast'))
  return {
    toast: parsed.success ? parsed.data : null,
    headers: parsed.success ? new Headers({ 'Set-Cookie': await storage().destroySession(session) }) : null,
  }
}
