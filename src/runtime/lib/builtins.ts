/**
 * The run-time half of the built-in functions of the language (the compile-time half, their
 * signatures, lives in src/compiler/check/builtins.ts; a test keeps the two in step).
 *
 * Every function returns `undefined` (absent) when its input is absent, so absence flows through
 * a mapping instead of turning into the string "undefined".
 */
import { loadPackage } from './load-package.js'

let loadedSnakeCase: ((text: string) => string) | undefined

/** lodash's snakeCase, loaded on first use rather than with every generated destination (a cold start pays ~35 ms for it). */
function snakeCase(text: string): string {
  loadedSnakeCase ??= loadPackage('lodash/snakeCase.js') as (text: string) => string
  return loadedSnakeCase(text)
}
import { parseDateLike, toIsoDate, toIsoDatetime, toIsoDatetimeAt } from './datetime.js'

export function exists(value: unknown): boolean {
  return value !== undefined && value !== null
}

export function blank(value: unknown): boolean {
  return value === undefined || value === null || value === ''
}

// Event names repeat endlessly in a stream and lodash's word splitting is the costliest step of
// delivering a track call, so recent results are kept. Cleared when full: no eviction bookkeeping.
const SNAKE_CASE_CACHE_SIZE = 1024
const snakeCaseCache = new Map<string, string>()

/** lodash's snakeCase: words split at spaces, punctuation and case changes, deburred, joined by `_`. */
export function snake_case(value: unknown): string | undefined {
  const text = scalarText(value)
  if (text === undefined) return undefined
  let result = snakeCaseCache.get(text)
  if (result === undefined) {
    result = snakeCase(text)
    if (snakeCaseCache.size >= SNAKE_CASE_CACHE_SIZE) snakeCaseCache.clear()
    snakeCaseCache.set(text, result)
  }
  return result
}

export function lower(value: unknown): string | undefined {
  return scalarText(value)?.toLowerCase()
}

export function upper(value: unknown): string | undefined {
  return scalarText(value)?.toUpperCase()
}

export function trim(value: unknown): string | undefined {
  return scalarText(value)?.trim()
}

export function iso_datetime(value: unknown): string | undefined {
  return value === undefined || value === null ? undefined : toIsoDatetime(value)
}

/** The calendar date of a datetime in UTC, `YYYY-MM-DD`. */
export function iso_date(value: unknown): string | undefined {
  return value === undefined || value === null ? undefined : toIsoDate(value)
}

/** The datetime written at a fixed offset (`"+05:30"`, `"-08:00"`, `"Z"`); absent for another offset text. */
export function iso_datetime_at(value: unknown, offset: unknown): string | undefined {
  return value === undefined || value === null ? undefined : toIsoDatetimeAt(value, offset)
}

/** Whole seconds since 1970-01-01T00:00:00Z (rounded down), as Unix timestamps are written. */
export function unix_seconds(value: unknown): number | undefined {
  const millis = value === undefined || value === null ? undefined : parseDateLike(value)
  return millis === undefined ? undefined : Math.floor(millis / 1000)
}

/** Whole milliseconds since 1970-01-01T00:00:00Z (epoch milliseconds may carry a fraction). */
export function unix_millis(value: unknown): number | undefined {
  const millis = value === undefined || value === null ? undefined : parseDateLike(value)
  return millis === undefined ? undefined : Math.floor(millis)
}

/** Standard base64 (RFC 4648 §4, padded) of the text's UTF-8 bytes: what HTTP Basic credentials use. */
export function base64(value: unknown): string | undefined {
  const text = scalarText(value)
  return text === undefined ? undefined : Buffer.from(text, 'utf8').toString('base64')
}

/** URL- and filename-safe base64 (RFC 4648 §5, unpadded) of the text's UTF-8 bytes. */
export function base64url(value: unknown): string | undefined {
  const text = scalarText(value)
  return text === undefined ? undefined : Buffer.from(text, 'utf8').toString('base64url')
}

/** Replaces every occurrence of the literal `pattern`; no regular expressions from mappings. */
export function replace(value: unknown, pattern: unknown, replacement: unknown): string | undefined {
  const text = scalarText(value)
  if (text === undefined) return undefined
  if (typeof pattern !== 'string' || pattern === '') return text
  return text.split(pattern).join(typeof replacement === 'string' ? replacement : '')
}

export function to_json(value: unknown): string | undefined {
  return value === undefined ? undefined : JSON.stringify(value)
}

/** Parsed JSON, or absent when the text is not JSON: a mapping never throws on event data. */
const patternCache = new Map<string, RegExp>()
const PATTERN_CACHE_SIZE = 64

/**
 * Whether the text matches `pattern`, a regular expression as JSON Schema's `pattern` writes one
 * (unicode mode, unanchored unless it says `^…$`). The pattern is the `.map`'s own text, not event
 * data; one that is not a valid expression fails the event rather than matching nothing.
 */
export function matches(value: unknown, pattern: unknown): boolean | undefined {
  const text = value === null ? undefined : scalarText(value)
  if (text === undefined || typeof pattern !== 'string') return undefined
  let expression = patternCache.get(pattern)
  if (expression === undefined) {
    expression = new RegExp(pattern, 'u')
    if (patternCache.size >= PATTERN_CACHE_SIZE) patternCache.clear()
    patternCache.set(pattern, expression)
  }
  return expression.test(text)
}

export function from_json(value: unknown): unknown {
  if (typeof value !== 'string') return value
  try {
    return JSON.parse(value) as unknown
  } catch {
    return undefined
  }
}

export function string(value: unknown): string | undefined {
  return scalarText(value)
}

export function number(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined
  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = Number(value)
    return Number.isFinite(parsed) ? parsed : undefined
  }
  return undefined
}

function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value)
  return undefined
}

export const builtins = {
  exists,
  blank,
  snake_case,
  lower,
  upper,
  trim,
  iso_datetime,
  iso_datetime_at,
  iso_date,
  unix_seconds,
  unix_millis,
  base64,
  base64url,
  matches,
  replace,
  to_json,
  from_json,
  string,
  number
} as const

export type BuiltinName = keyof typeof builtins
