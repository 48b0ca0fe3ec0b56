import { describe, expect, test } from 'vitest'
import { EnvError, parseEnv } from './env.server'

const base = { DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/sillon' }

describe('environment schema', () => {
  test('a database URL is enough in development, with documented defaults', () => {
    const env = parseEnv(base)
    expect(env).toMatchObject({
      NODE_ENV: 'development',
      PORT: 3000,
      APP_URL: 'http://localhost:3000',
      QUEUE_BACKEND: 'postgres',
      LOG_LEVEL: 'info',
    })
    expect(env.SMTP_URL).toBeUndefined()
  })

  test('REDIS_URL switches the queues to Redis', () => {
    expect(parseEnv({ ...base, REDIS_URL: 'redis://127.0.0.1:6379' }).QUEUE_BACKEND).toBe('redis')
    expect(parseEnv({ ...base, REDIS_URL: '' }).QUEUE_BACKEND).toBe('postgres')
  })

  test('names every missing or malformed variable in one error', () => {
    let error: unknown
    try {
      parseEnv({ PORT: 'eighty', REDIS_URL: 'http://not-redis', SMTP_URL: 'mail.example', LOG_LEVEL: 'loud' })
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(EnvError)
    const message = (error as EnvError).message
    expect(message).toContain('DATABASE_URL: missing')
    expect(message).toMatch(/PORT: /)
    expect(message).toMatch(/REDIS_URL: /)
    expect(message).toMatch(/SMTP_URL: /)
    expect(message).toMatch(/LOG_LEVEL: /)
    expect((error as EnvError).problems).toHaveLength(5)
  })

  test('production requires a real session secret and the public URL', () => {
    const production = { ...base, NODE_ENV: 'production', APP_URL: 'https://sillon.example' }
    expect(() => parseEnv({ ...production, APP_URL: undefined })).toThrow(/APP_URL: missing/)
    expect(() => parseEnv(production)).toThrow(/SESSION_SECRET: missing/)
    expect(() => parseEnv({ ...production, SESSION_SECRET: 'short' })).toThrow(/SESSION_SECRET: must be at least 32/)
    expect(parseEnv({ ...production, SESSION_SECRET: 'x'.repeat(32) }).SESSION_SECRET).toBe('x'.repeat(32))
  })

  test('membership dues are on only with both Stripe keys; one alone is named as missing', () => {
    expect(parseEnv(base).DUES_ENABLED).toBe(false)
    expect(parseEnv({ ...base, STRIPE_SECRET_KEY: '', STRIPE_WEBHOOK_SECRET: '' }).DUES_ENABLED).toBe(false)
    expect(parseEnv({ ...base, STRIPE_SECRET_KEY: 'sk_test_x', STRIPE_WEBHOOK_SECRET: 'whsec_y' }).DUES_ENABLED).toBe(true)
    expect(() => parseEnv({ ...base, STRIPE_SECRET_KEY: 'sk_test_x' })).toThrow(/STRIPE_WEBHOOK_SECRET: missing/)
    expect(() => parseEnv({ ...base, STRIPE_WEBHOOK_SECRET: 'whsec_y' })).toThrow(/STRIPE_SECRET_KEY: missing/)
    expect(() => parseEnv({ ...base, STRIPE_SECRET_KEY: 'pk_test_x', STRIPE_WEBHOOK_SECRET: 'whsec_y' })).toThrow(/STRIPE_SECRET_KEY: expected a Stripe secret key/)
  })

  test('a database URL must be PostgreSQL', () => {
    expect(() => parseEnv({ DATABASE_URL: 'mysql://root@localhost/sillon' })).toThrow(/DATABASE_URL/)
  })

  test('trusts no proxy unless told which (TRUST_PROXY)', () => {
    expect(parseEnv(base).TRUST_PROXY).toBe(false)
    expect(parseEnv({ ...base, TRUST_PROXY: '' }).TRUST_PROXY).toBe(false)
    expect(parseEnv({ ...base, TRUST_PROXY: 'false' }).TRUST_PROXY).toBe(false)
    expect(parseEnv({ ...base, TRUST_PROXY: '1' }).TRUST_PROXY).toBe(1)
    expect(parseEnv({ ...base, TRUST_PROXY: 'loopback, 10.0.0.0/8,::1' }).TRUST_PROXY).toEqual(['loopback', '10.0.0.0/8', '::1'])
    expect(() => parseEnv({ ...base, TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY: expected false/)
    expect(() => parseEnv({ ...base, TRUST_PROXY: '10.0.0.0/40' })).toThrow(/TRUST_PROXY/)
    expect(() => parseEnv({ ...base, TRUST_PROXY: 'proxy.example' })).toThrow(/TRUST_PROXY/)
  })
})
