import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ConfigError } from '../../../src/runtime/errors/index.js'
import {
  backoffCeilingMs,
  backoffDelayMs,
  createHttpClient,
  DEFAULT_RETRY_POLICY,
  parseRetryAfter,
  resolveRetryPolicy,
  retryDelayMs,
  type RetryPolicy
} from '../../../src/runtime/http/index.js'

const policy: RetryPolicy = { maxAttempts: 5, baseDelayMs: 200, maxDelayMs: 5000, maxRetryAfterMs: 30_000 }

describe('backoff', () => {
  it('doubles the ceiling per failed attempt until maxDelayMs', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((attempt) => backoffCeilingMs(attempt, policy))).toEqual([
      200, 400, 800, 1600, 3200, 5000, 5000
    ])
  })

  it('stays at the cap for attempt numbers where 2^n overflows', () => {
    expect(backoffCeilingMs(5000, policy)).toBe(5000)
    expect(backoffCeilingMs(5000, { ...policy, baseDelayMs: 0 })).toBe(0)
  })

  it('draws a whole number of milliseconds between zero and the ceiling (full jitter)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2000 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 120_000 }),
        (attempt, draw, baseDelayMs, maxDelayMs) => {
          const p = { ...policy, baseDelayMs, maxDelayMs }
          const delay = backoffDelayMs(attempt, p, () => draw)
          const ceiling = baseDelayMs === 0 ? 0 : Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1))
          expect(Number.isInteger(delay)).toBe(true)
          expect(delay).toBeGreaterThanOrEqual(0)
          expect(delay).toBeLessThanOrEqual(ceiling)
          expect(delay).toBe(Math.floor(draw * ceiling))
        }
      ),
      { numRuns: 1000 }
    )
  })

  it('keeps a misbehaving random source within bounds', () => {
    expect(backoffDelayMs(1, policy, () => -3)).toBe(0)
    expect(backoffDelayMs(1, policy, () => 7)).toBe(200)
  })

  it('prefers the server’s Retry-After, capped by maxRetryAfterMs', () => {
    expect(retryDelayMs(1, 12_000, policy, () => 0.5)).toBe(12_000)
    expect(retryDelayMs(1, 90_000, policy, () => 0.5)).toBe(30_000)
    expect(retryDelayMs(2, undefined, policy, () => 0.5)).toBe(200)
  })
})

describe('Retry-After parsing', () => {
  const now = Date.parse('2015-10-21T07:28:00Z')
  const cases: Array<[string | null, number | undefined]> = [
    ['120', 120_000],
    [' 3 ', 3000],
    ['0', 0],
    ['Wed, 21 Oct 2015 07:28:30 GMT', 30_000],
    ['Wednesday, 21-Oct-15 07:28:10 GMT', 10_000],
    ['Wed Oct 21 07:28:05 2015', 5000],
    ['Wed, 21 Oct 2015 07:27:00 GMT', 0],
    ['-5', undefined],
    ['1.5', undefined],
    ['soon', undefined],
    ['', undefined],
    [null, undefined]
  ]
  for (const [value, expected] of cases) {
    it(`${JSON.stringify(value)} → ${String(expected)}`, () => {
      expect(parseRetryAfter(value, now)).toBe(expected)
    })
  }
})

describe('option validation', () => {
  it('fills in defaults', () => {
    expect(resolveRetryPolicy()).toEqual(DEFAULT_RETRY_POLICY)
    expect(resolveRetryPolicy({ maxAttempts: 1 })).toEqual({ ...DEFAULT_RETRY_POLICY, maxAttempts: 1 })
  })

  const invalid: Array<[string, () => unknown, string]> = [
    [
      'maxAttempts 0',
      () => resolveRetryPolicy({ maxAttempts: 0 }),
      'retry.maxAttempts: must be an integer of at least 1, got 0'
    ],
    [
      'maxAttempts 2.5',
      () => resolveRetryPolicy({ maxAttempts: 2.5 }),
      'retry.maxAttempts: must be an integer of at least 1, got 2.5'
    ],
    [
      'negative base',
      () => resolveRetryPolicy({ baseDelayMs: -1 }),
      'retry.baseDelayMs: must be a number of at least 0 and at most 2147483647, got -1'
    ],
    [
      'NaN cap',
      () => resolveRetryPolicy({ maxDelayMs: Number.NaN }),
      'retry.maxDelayMs: must be a number of at least 0 and at most 2147483647, got NaN'
    ],
    [
      'a delay timers cannot keep',
      () => resolveRetryPolicy({ maxRetryAfterMs: 2 ** 31 }),
      'retry.maxRetryAfterMs: must be a number of at least 0 and at most 2147483647, got 2147483648'
    ],
    [
      'zero timeout',
      () => createHttpClient({ timeoutMs: 0 }),
      'timeoutMs: must be a number greater than 0 and at most 2147483647, got 0'
    ],
    [
      'fractional body limit',
      () => createHttpClient({ errorBodyLimitBytes: 1.5 }),
      'errorBodyLimitBytes: must be an integer of at least 1, got 1.5'
    ]
  ]
  for (const [name, build, message] of invalid) {
    it(`rejects ${name} with a ConfigError`, () => {
      expect(build).toThrow(ConfigError)
      expect(build).toThrow(message)
    })
  }
})
