/**
 * The web process: `npm run start:web` (or started by `npm start`). Express serves the built
 * assets and hands every other request to Remix. Each request gets an id (the incoming
 * `X-Request-Id` when sane, otherwise a new one), returned in the response and in every log line.
 */
import { randomUUID } from 'node:crypto'
import { stat } from 'node:fs/promises'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { createRequestHandler } from '@remix-run/express'
import type { ServerBuild } from '@remix-run/node'
import compression from 'compression'
import express from 'express'
import { closeQueues } from '#app/modules/jobs/queue.server'
import { disconnectPrisma } from '#app/utils/db.server'
import { getEnv } from '#app/utils/env.server'
import { getLogger, setLogService } from '#app/utils/logger.server'

setLogService('web')
const env = getEnv()
const logger = getLogger()
const BUILD_PATH = path.resolve('build/index.js')

let loaded: { build: ServerBuild; mtimeMs: number } | undefined

/** The server build; in development it is imported again after each rebuild (`remix watch`). */
async function loadBuild(): Promise<ServerBuild> {
  const { mtimeMs } = await stat(BUILD_PATH)
  if (!loaded || (env.NODE_ENV === 'development' && loaded.mtimeMs !== mtimeMs)) {
    const build = (await import(`${pathToFileURL(BUILD_PATH).href}?v=${mtimeMs}`)) as ServerBuild
    loaded = { build, mtimeMs }
  }
  return loaded.build
}

const app = express()
app.disable('x-powered-by')
app.set('trust proxy', 'loopback')
app.use(compression())

app.use((req, res, next) => {
  const incoming = req.get('x-request-id')
  const requestId = incoming && /^[\w-]{8,64}$/.test(incoming) ? incoming : randomUUID()
  res.locals.requestId = requestId
  res.setHeader('X-Request-Id', requestId)
  res.setHeader('X-Content-Type-Options', 'nosniff')
  res.setHeader('Referrer-Policy', 'same-origin')
  res.setHeader('X-Frame-Options', 'DENY')
  const started = process.hrtime.bigint()
  res.on('finish', () => {
    const durationMs = Number(process.hrtime.bigint() - started) / 1e6
    const line = { requestId, method: req.method, path: req.path, status: res.statusCode, durationMs: Math.round(durationMs * 10) / 10 }
    if (res.statusCode >= 500) logger.error(line, 'request')
    else if (req.path !== '/healthz') logger.info(line, 'request')
  })
  next()
})

app.use('/build', express.static('public/build', { immutable: true, maxAge: '1y' }))
app.use(express.static('public', { maxAge: '1h' }))

const build = await loadBuild()
app.all(
  '*',
  env.NODE_ENV === 'development'
    ? async (req, res, next) => {
        try {
          const handler = createRequestHandler({
            build: await loadBuild(),
            mode: 'development',
            getLoadContext: (_req, response) => ({ requestId: response.locals.requestId as string }),
          })
          await handler(req, res, next)
        } catch (error) {
          next(error)
        }
      }
    : createRequestHandler({
        build,
        mode: env.NODE_ENV,
        getLoadContext: (_req, response) => ({ requestId: response.locals.requestId as string }),
      }),
)

const server = app.listen(env.PORT, () => {
  logger.info({ url: env.APP_URL, port: env.PORT }, 'web ready')
})

let stopping = false
async function shutdown(signal: string) {
  if (stopping) return
  stopping = true
  logger.info({ signal }, 'web stopping')
  const force = setTimeout(() => process.exit(1), 15_000)
  force.unref()
  server.closeIdleConnections()
  await new Promise<void>((resolve) => server.close(() => resolve()))
  await closeQueues()
  await disconnectPrisma()
  logger.info('web stopped')
  process.exit(0)
}
process.on('SIGTERM', () => void shutdown('SIGTERM'))
process.on('SIGINT', () => void shutdown('SIGINT'))
