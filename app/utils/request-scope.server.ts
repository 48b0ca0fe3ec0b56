import { AsyncLocalStorage } from 'node:async_hooks'
import { singleton } from './singleton.server'

/**
 * What one HTTP request computes once and every loader of that request shares (the signed-in
 * actor). Remix hands each route's loader its own copy of the Request, so a cache keyed by the
 * Request object misses from one loader to the next; the web server runs each request in a scope.
 * The storage lives on globalThis: the server entry and the app build are separate module graphs.
 */
const storage = singleton('request-scope', () => new AsyncLocalStorage<Map<string, unknown>>())

/** Runs `handle` (one HTTP request) with a fresh scope. */
export function runInRequestScope<T>(handle: () => T): T {
  return storage.run(new Map(), handle)
}

/** The value of `key` for the current request, computed by `create` the first time; outside a request scope, `create()` every time. */
export function requestScoped<T>(key: string, create: () => T): T {
  const scope = storage.getStore()
  if (!scope) return create()
  if (!scope.has(key)) scope.set(key, create())
  return scope.get(key) as T
}
