/**
 * renderP50Ms of the digest benchmark: the product's own render (`renderDigest`) timed in the
 * benchmark's process on real digest models — a sample of the benchmark's users, their digests
 * built by the product's own code (`dueAmong`, `loadActors`, `buildDigests`, read-only) before the
 * pass starts, so the timing neither slows the pass down nor finds the needs already announced.
 * The workers render the same models with the same code; their own CPU goes to the pass.
 */
export interface RenderTimes {
  sample: number
  p50Ms: number
  p95Ms: number
  htmlBytes: number
  textBytes: number
}

const percentile = (values: number[], share: number) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? 0
}
const round = (value: number) => Math.round(value * 1000) / 1000

/** `userIds`: the sample; `at`: the pass instant. DATABASE_URL and APP_URL must be set in process.env. */
export async function measureDigestRenders(userIds: string[], at: Date, rounds = 3): Promise<RenderTimes | null> {
  const { dueAmong } = await import('#app/modules/digests/due.server')
  const { loadActors } = await import('#app/modules/auth/actors.server')
  const { buildDigests } = await import('#app/modules/digests/build.server')
  const { isEmpty } = await import('#app/modules/digests/model')
  const { renderDigest } = await import('#app/modules/digests/render')
  const { unsubscribeLink } = await import('#app/modules/notifications/notifications.server')
  const { getEnv } = await import('#app/utils/env.server')

  const due = await dueAmong(at, userIds)
  const actors = await loadActors(due.map((user) => user.userId))
  const models = (await buildDigests(due, actors, at, new Date())).filter((model) => !isEmpty(model))
  if (models.length === 0) return null
  const base = getEnv().APP_URL.replace(/\/$/, '')
  const links = models.map((model) => ({ base, unsubscribe: unsubscribeLink(model.userId, 'DIGEST'), preferences: `${base}/settings/notifications` }))

  // Warm-up (the JIT), not measured; then every model rendered `rounds` times, one at a time.
  for (const [index, model] of models.entries()) renderDigest(model, links[index]!)
  const times: number[] = []
  let htmlBytes = 0
  let textBytes = 0
  for (let round = 0; round < rounds; round++) {
    for (const [index, model] of models.entries()) {
      const start = performance.now()
      const rendered = renderDigest(model, links[index]!)
      times.push(performance.now() - start)
      htmlBytes = Math.max(htmlBytes, rendered.html.length)
      textBytes = Math.max(textBytes, rendered.text.length)
    }
  }
  return { sample: models.length, p50Ms: round(percentile(times, 0.5)), p95Ms: round(percentile(times, 0.95)), htmlBytes, textBytes }
}
