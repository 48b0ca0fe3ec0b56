import { PassThrough } from 'node:stream'
import type { AppLoadContext, EntryContext } from '@remix-run/node'
import { RemixServer } from '@remix-run/react'
import { createInstance } from 'i18next'
import { renderToPipeableStream } from 'react-dom/server'
import { I18nextProvider, initReactI18next } from 'react-i18next'
import { i18nOptions, resources } from './i18n/config'
import { getRequestLocale } from './utils/i18n.server'
import { getLogger } from './utils/logger.server'

const ABORT_DELAY = 5_000

// One i18next instance per language, built once: resources are bundled and never change.
const instances = new Map<string, Promise<ReturnType<typeof createInstance>>>()
function i18nFor(locale: string) {
  let instance = instances.get(locale)
  if (!instance) {
    const created = createInstance()
    instance = created
      .use(initReactI18next)
      .init({ ...i18nOptions, supportedLngs: [...i18nOptions.supportedLngs], lng: locale, resources })
      .then(() => created)
    instances.set(locale, instance)
  }
  return instance
}

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const instance = await i18nFor(await getRequestLocale(request))

  // No page streams deferred data: the whole page is rendered, then sent as one body. One chunk
  // through compression and the socket costs far less than React's many small ones.
  return new Promise<Response>((resolve, reject) => {
    let settled = false
    let logged = false
    const fail = (error: unknown) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      reject(error)
    }
    const { pipe, abort } = renderToPipeableStream(
      <I18nextProvider i18n={instance}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} />
      </I18nextProvider>,
      {
        onAllReady() {
          const chunks: Buffer[] = []
          const body = new PassThrough()
          body.on('data', (chunk: Buffer) => chunks.push(chunk))
          body.on('end', () => {
            if (settled) return
            settled = true
            clearTimeout(timer)
            responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
            resolve(new Response(Buffer.concat(chunks), { headers: responseHeaders, status: responseStatusCode }))
          })
          body.on('error', fail)
          pipe(body)
        },
        onShellError: fail,
        onError(error: unknown) {
          responseStatusCode = 500
          if (!logged) {
            logged = true
            getLogger().error({ err: error, requestId: loadContext.requestId }, 'render error')
          }
        },
      },
    )
    // A render that never completes is aborted; if React then settles nothing, the request fails
    // rather than hanging.
    const timer = setTimeout(() => {
      abort()
      setTimeout(() => fail(new Error('page render timed out')), 1_000)
    }, ABORT_DELAY)
  })
}

export function handleError(error: unknown, { request, context }: { request: Request; context: AppLoadContext }) {
  if (request.signal.aborted) return
  // The path only: query strings may carry tokens (password reset links).
  const { pathname } = new URL(request.url)
  getLogger().error({ err: error, requestId: context.requestId, path: pathname.replace(/^\/invitations\/[^/]+/, '/invitations/:token') }, 'unhandled error')
}
