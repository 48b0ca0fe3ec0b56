import { pino, type Logger } from 'pino'
import { getEnv } from './env.server'
import { singleton } from './singleton.server'

/**
 * Structured logs (JSON lines). On a terminal in development they are pretty-printed.
 * Child loggers carry `requestId` (web) or `jobId` (workers).
 */
let serviceName = 'sillon'

/** Entry points name their process (web, worker, launcher) before the first log line. */
export function setLogService(name: string) {
  serviceName = name
}

export function getLogger(): Logger {
  return singleton('logger', () => {
    const env = getEnv()
    const pretty = env.NODE_ENV === 'development' && process.stdout.isTTY
    if (env.NODE_ENV === 'test') {
      // In tests, an error logged by the app goes to console.error, which fails the test.
      return pino(
        { level: env.LOG_LEVEL, base: { service: serviceName } },
        { write: (line: string) => console.error(`logged error: ${line}`) },
      )
    }
    return pino({
      level: env.LOG_LEVEL,
      base: { pid: process.pid, service: serviceName },
      redact: {
        paths: ['password', '*.password', 'token', '*.token', 'headers.cookie', 'headers.authorization'],
        censor: '[redacted]',
      },
      ...(pretty
        ? { transport: { target: 'pino-pretty', options: { colorize: true, ignore: 'pid,hostname,service', translateTime: 'HH:MM:ss' } } }
        : {}),
    })
  })
}
