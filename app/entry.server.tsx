import type { AppLoadContext, EntryContext } from '@remix-run/node'
import { RemixServer } from '@remix-run/react'
import { createInstance } from 'i18next'
import { renderToString } from 'react-dom/server'
import { I18nextProvider, initReactI18next } from 'react-i18next'
import { i18nOptions, resources } from './i18n/config'
import { cacheFixedLabels } from './i18n/translate'
import { getRequestLocale } from './utils/i18n.server'
import { getLogger } from './utils/logger.server'
import { NonceProvider } from './utils/nonce-provider'

// One i18next instance per language, built once: resources are bundled and never change, so its
// fixed labels are kept once resolved.
const instances = new Map<string, Promise<ReturnType<typeof createInstance>>>()
function i18nFor(locale: string) {
  let instance = instances.get(locale)
  if (!instance) {
    const created = createInstance()
    instance = created
      .use(initReactI18next)
      .init({ ...i18nOptions, supportedLngs: [...i18nOptions.supportedLngs], lng: locale, resources })
      .then(() => cacheFixedLabels(created))
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

  // No page streams deferred data (no `defer`, no <Await>): the whole page is rendered to one
  // string and sent as one body. The string renderer skips the encoding of React's many small
  // stream chunks, the largest cost of a page render after the components themselves.
  let html: string
  try {
    html = renderToString(
      <NonceProvider value={loadContext.cspNonce ?? ''}>
        <I18nextProvider i18n={instance}>
          <RemixServer context={remixContext} url={request.url} nonce={loadContext.cspNonce} />
        </I18nextProvider>
      </NonceProvider>,
    )
  } catch (error) {
    getLogger().error({ err: error, requestId: loadContext.requestId }, 'render error')
    throw error
  }
  responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
  // As UTF-8 bytes: a string body would be scanned for lone surrogates first, then encoded anyway.
  return new Response(Buffer.from(`<!DOCTYPE html>${html}`), { headers: responseHeaders, status: responseStatusCode })
}

export function handleError(error: unknown, { request, context }: { request: Request; context: AppLoadContext }) {
  if (request.signal.aborted) return
  // The path only: query strings may carry tokens (password reset links).
  const { pathname } = new URL(request.url)
  getLogger().error({ err: error, requestId: context.requestId, path: pathname.replace(/^\/invitations\/[^/]+/, '/invitations/:token') }, 'unhandled error')
}
