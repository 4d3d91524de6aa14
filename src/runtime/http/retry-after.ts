/**
 * `Retry-After` (RFC 9110 §10.2.3): either a number of seconds or an HTTP date. Anything else
 * is ignored rather than guessed at: `Date.parse("5")` is a date in 2001.
 */

const DELAY_SECONDS = /^\s*(\d+)\s*$/

/** Milliseconds to wait from `nowMs`, never negative; `undefined` when absent or unusable. */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (value === null || value === undefined) return undefined
  const seconds = DELAY_SECONDS.exec(value)
  if (seconds) return Number(seconds[1]) * 1000
  // HTTP dates always name a weekday or month; requiring a letter keeps bare numbers out.
  if (!/[A-Za-z]/.test(value)) return undefined
  const at = Date.parse(value)
  if (Number.isNaN(at)) return undefined
  return Math.max(0, at - nowMs)
}
