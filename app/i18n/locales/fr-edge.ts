/** Texts of the web server's edge: rate limits of the API, saved searches' fields (French). Keys mirror en-edge.ts. */
const frEdge = {
  apiRateLimited: 'Trop d’appels avec ce jeton : {{limit}} par minute au plus. Réessayez dans {{retryAfterSeconds}} s.',
  singleLine: 'Une seule ligne : retirez les retours à la ligne.',
}

export default frEdge
