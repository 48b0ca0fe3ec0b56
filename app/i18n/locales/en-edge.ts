import type fr from './fr-edge'

/** Texts of the web server's edge (English). Keys mirror fr-edge.ts. */
const enEdge: { [K in keyof typeof fr]: string } = {
  apiRateLimited: 'Too many calls with this token: at most {{limit}} a minute. Try again in {{retryAfterSeconds}} s.',
  singleLine: 'One line only: remove the line breaks.',
}

export default enEdge
