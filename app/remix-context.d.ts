import '@remix-run/server-runtime'

declare module '@remix-run/server-runtime' {
  interface AppLoadContext {
    /** The id of this request, also in the `x-request-id` response header and in every log line. */
    requestId: string
    /** The client's address (X-Forwarded-For only from the proxies TRUST_PROXY names), for rate limits. */
    clientIp?: string
    /** This request's Content-Security-Policy nonce, for the page's inline scripts. */
    cspNonce?: string
  }
}
