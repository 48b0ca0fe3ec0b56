import { describe, expect, test } from 'vitest'
import { safeRedirectPath } from './schema'

describe('redirects after log-in stay on the site', () => {
  test.each([
    ['/needs', '/needs'],
    ['/needs?page=2#top', '/needs?page=2#top'],
    ['/invitations/abc', '/invitations/abc'],
    ['//evil.example/x', undefined],
    ['/\\evil.example', undefined],
    ['/\t/evil.example', undefined],
    ['/\n/evil.example', undefined],
    ['https://evil.example', undefined],
    ['/.//evil.example/x', undefined],
    ['/./\\evil.example/x', undefined],
    ['/a/..//evil.example', undefined],
    ['/%2e//evil.example', undefined],
    ['/needs/../orgs/new', '/orgs/new'],
    ['needs', undefined],
    ['', undefined],
    [null, undefined],
  ])('%j → %j', (input, expected) => {
    expect(safeRedirectPath(input)).toBe(expected)
  })
})
