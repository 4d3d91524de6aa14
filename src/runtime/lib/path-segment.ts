/**
 * What a value interpolated into a URL path must be: exactly one segment. Percent-encoding keeps
 * `/`, `?` and `#` from splitting or ending the path, but not every value survives it: URL
 * parsers resolve `.` and `..` (and their percent-encoded spellings `%2e`, `.%2E`, …) as dot
 * segments, so `PUT /v2/objects/{object}/records` with `object = ".."` would be sent to
 * `/v2/records`, auth header included. An empty value joins its neighbours (`/objects//records`),
 * and a lone surrogate has no UTF-8 form at all. Such values are refused, never rewritten: an
 * encoding that a server would decode back to `..` moves the path just the same.
 */

/** In `u` mode a surrogate pair reads as one code point, so this matches only a lone half. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u

/** Why `text` cannot be one path segment (a phrase that follows the value's name), or undefined when it can. */
export function pathSegmentProblem(text: string): string | undefined {
  if (text === '') return 'is empty, which would join the path segments around it'
  if (text === '.' || text === '..') return `is ${JSON.stringify(text)}, a dot segment that would move the URL path`
  if (LONE_SURROGATE.test(text)) return 'is not well-formed Unicode (it holds a lone surrogate)'
  return undefined
}

/** A scalar as it goes into a path: strings as they are, numbers and booleans as their text. */
export function pathSegmentText(value: unknown): string | undefined {
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return undefined
}
