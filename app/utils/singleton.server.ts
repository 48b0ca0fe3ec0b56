/** Keeps one instance per process across development rebuilds (the module is re-evaluated, globalThis is not). */
export function singleton<T>(name: string, create: () => T): T {
  const store = globalThis as unknown as { __sillonSingletons?: Map<string, unknown> }
  store.__sillonSingletons ??= new Map()
  if (!store.__sillonSingletons.has(name)) store.__sillonSingletons.set(name, create())
  return store.__sillonSingletons.get(name) as T
}

/** Forgets a singleton so that the next call creates it again (after closing it). */
export function forgetSingleton(name: string) {
  const store = globalThis as unknown as { __sillonSingletons?: Map<string, unknown> }
  store.__sillonSingletons?.delete(name)
}
