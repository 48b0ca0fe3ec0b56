import '@remix-run/server-runtime'

declare module '@remix-run/server-runtime' {
  interface AppLoadContext {
    /** The id of this request, also in the `x-request-id` response header and in every log line. */
    requestId: string
    /** The client's address (behind a proxy on loopback: X-Forwarded-For), for rate limits. */
    clientIp?: string
  }
}
