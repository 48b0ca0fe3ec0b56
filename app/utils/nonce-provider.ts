import { createContext, useContext } from 'react'

/**
 * The request's Content-Security-Policy nonce (set by the web server, passed by entry.server.tsx),
 * for the inline scripts Remix renders. In the browser it is empty: browsers hide a nonce from
 * scripts once the page is parsed, and React keeps the attribute the server wrote.
 */
export const NonceContext = createContext<string>('')
export const NonceProvider = NonceContext.Provider
export const useNonce = () => useContext(NonceContext)
