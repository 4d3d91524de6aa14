/**
 * When to send a failed request again, and how long to wait first. Pure functions of the
 * attempt number and an injected random source, so the delays are testable exactly.
 */
import { requireNumberInRange } from '../errors/index.js'
import { MAX_TIMER_DELAY_MS } from './sleep.js'

export interface RetryPolicy {
  /** Attempts in all, the first included: 1 means no retries. */
  maxAttempts: number
  /** The backoff ceiling before the first retry; it doubles with each further retry. */
  baseDelayMs: number
  /** The backoff ceiling never grows past this. */
  maxDelayMs: number
  /** A server's `Retry-After` is honoured up to this long, and no longer. */
  maxRetryAfterMs: number
}

export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({
  maxAttempts: 3,
  baseDelayMs: 500,
  maxDelayMs: 10_000,
  maxRetryAfterMs: 60_000
})

/** The defaults overridden by `overrides`; a value out of range is a `ConfigError` naming it. */
export function resolveRetryPolicy(overrides: Partial<RetryPolicy> = {}): RetryPolicy {
  const merged = { ...DEFAULT_RETRY_POLICY, ...overrides }
  const delay = (key: Exclude<keyof RetryPolicy, 'maxAttempts'>) =>
    requireNumberInRange(merged[key], ['retry', key], { min: 0, max: MAX_TIMER_DELAY_MS })
  return {
    maxAttempts: requireNumberInRange(merged.maxAttempts, ['retry', 'maxAttempts'], { integer: true, min: 1 }),
    baseDelayMs: delay('baseDelayMs'),
    maxDelayMs: delay('maxDelayMs'),
    maxRetryAfterMs: delay('maxRetryAfterMs')
  }
}

/** The most the backoff may wait after failed attempt `attempt` (1-based): base · 2^(attempt−1), capped. */
export function backoffCeilingMs(attempt: number, policy: RetryPolicy): number {
  // The exponent is bounded because 2 ** 1024 is Infinity, and 0 · Infinity would be NaN.
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(attempt - 1, 1000))
}

/**
 * Full jitter: a uniform wait between zero and the ceiling. Clients that failed together then
 * retry spread out instead of in lock-step waves. `random` returns a number in [0, 1).
 */
export function backoffDelayMs(attempt: number, policy: RetryPolicy, random: () => number): number {
  const unit = Math.min(Math.max(random(), 0), 1)
  return Math.floor(unit * backoffCeilingMs(attempt, policy))
}

/** The server's wish when it stated one, within the cap; otherwise jittered backoff. */
export function retryDelayMs(
  attempt: number,
  retryAfterMs: number | undefined,
  policy: RetryPolicy,
  random: () => number
): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, policy.maxRetryAfterMs)
  return backoffDelayMs(attempt, policy, random)
}
