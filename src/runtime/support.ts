/**
 * The primitives compiled modules call, and the interpreter too: one definition of what absent
 * values, spreads, templates and URL parts mean, so generated code and interpretation cannot
 * disagree on them.
 *
 * Everything here is small and allocation-light: it runs for every event.
 */
import { readKey } from './lib/path.js'
import { InvalidRequestError, ResponseError } from './errors/index.js'
import type { ItemReport, Loc } from './contract.js'
import { isDateLike } from './lib/datetime.js'
import { pathSegmentProblem, pathSegmentText } from './lib/path-segment.js'

export { readKey as own }
export { itemFailures } from './item-failures.js'

/** `object[key]` with a key computed at run time: only strings and numbers index. */
export function ownAt(value: unknown, key: unknown): unknown {
  return typeof key === 'string' || typeof key === 'number' ? readKey(value, key) : undefined
}

/** `{ key: value }`, or nothing to spread when the value is absent: absent keys are left out. */
export function opt(key: string, value: unknown): Record<string, unknown> | undefined {
  // A computed key defines an own property even for "__proto__"; it never sets a prototype.
  return value === undefined ? undefined : { [key]: value }
}

/** A fresh object that generated code fills by assignment (its type is what generated TypeScript needs). */
export function record(): Record<string, unknown> {
  return {}
}

/**
 * `{ ...value }` into `target`, in place: the own enumerable keys of an object that may be spread
 * (spreadable), each defined as an own property (`__proto__` too, which assignment would not).
 */
export function spreadInto(target: Record<string, unknown>, value: unknown, without?: readonly string[]): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return
  const source = value as Record<string, unknown>
  for (const key of Object.keys(source)) {
    if (without !== undefined && without.includes(key)) continue
    if (key === '__proto__') setOwn(target, key, source[key])
    else target[key] = source[key]
  }
}

/** The value if it is an object that may be spread into another; nothing otherwise. */
export function spreadable(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined
}

export function arrayOf(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : []
}

/** An array literal's items without the absent ones. */
export function present(items: unknown[]): unknown[] {
  return items.filter((item) => item !== undefined)
}

/** `[for x in list: body]`: one item per element, absent results left out. */
export function mapPresent(list: unknown, body: (item: unknown) => unknown): unknown[] {
  const out: unknown[] = []
  for (const item of arrayOf(list)) {
    const value = body(item)
    if (value !== undefined) out.push(value)
  }
  return out
}

/** Template parts: absent and null render as nothing, scalars as text, structures as JSON. */
export function text(value: unknown): string {
  if (value === undefined || value === null) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return JSON.stringify(value) ?? ''
}

/** `a + b`: string concatenation or number addition; absent when either side is. */
export function plus(a: unknown, b: unknown): unknown {
  if (a === undefined || b === undefined) return undefined
  if (typeof a === 'number' && typeof b === 'number') return a + b
  if (isScalar(a) && isScalar(b)) return text(a) + text(b)
  return undefined
}

/** Deep equality of JSON values; absent equals only absent. */
export function equals(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => equals(x, b[i]))
  const ak = Object.keys(a)
  const bk = Object.keys(b)
  return ak.length === bk.length && ak.every((k) => Object.prototype.hasOwnProperty.call(b, k) && equals((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
}

/** Conditions are booleans; anything else (possible only through untyped data) counts as false. */
export function truth(value: unknown): boolean {
  return value === true
}

/** A URL part after the path (in a query the URL is written with): a scalar, percent-encoded. */
export function urlPart(value: unknown, what: string, method: string, template: string, loc: Loc): string {
  const text = pathSegmentText(value)
  if (text === undefined) throw unsendable(`${what} is ${value === undefined ? 'absent' : 'not a string or number'}`, method, template, loc)
  try {
    return encodeURIComponent(text)
  } catch {
    // encodeURIComponent throws a bare "URI malformed" on a lone surrogate, which event data may hold.
    throw unsendable(`${what} is not well-formed Unicode (it holds a lone surrogate)`, method, template, loc)
  }
}

/**
 * A URL path part: a scalar, percent-encoded, that stays one path segment whatever it holds
 * (see lib/path-segment.ts). Payload fields that go into a path are refused before this, naming
 * the field; this is the guard for every other value (a setting, a response read, a computed one).
 */
export function pathPart(value: unknown, what: string, method: string, template: string, loc: Loc): string {
  const text = pathSegmentText(value)
  const problem = text === undefined ? undefined : pathSegmentProblem(text)
  if (problem !== undefined) throw unsendable(`${what} ${problem}`, method, template, loc)
  return urlPart(value, what, method, template, loc)
}

/**
 * The host a setting picks (`https://{settings.region}/…`): sent only when it is one of the hosts
 * the `.map` lists as the setting's choices, compared as text, so no value can send a request
 * elsewhere. The runtime refuses such a setting at start; this also holds where nothing checked it.
 * The value is not shown: it may be anything.
 */
export function hostPart(value: unknown, hosts: readonly string[], what: string, method: string, template: string, loc: Loc): string {
  if (typeof value === 'string' && hosts.includes(value)) return value
  throw unsendable(`${what} is not one of the hosts the destination declares (${hosts.join(', ')})`, method, template, loc)
}

/** The template names the parts (`…/objects/{object}/records`); it is shown as written, not parsed as a URL. */
function unsendable(reason: string, method: string, template: string, loc: Loc): InvalidRequestError {
  return new InvalidRequestError({ method, url: template, urlIsTemplate: true, reason }, { location: loc })
}

/**
 * A value read from an earlier response (`company.data.id.record_id`). The next request needs it,
 * so a response without it is an error that names the value and the line that read it.
 */
export function responseValue(body: unknown, keys: readonly (string | number)[], written: string, loc: Loc): unknown {
  let current = body
  for (const key of keys) {
    current = readKey(current, key)
    if (current === undefined || current === null) {
      throw new ResponseError({ valuePath: written, problem: current === null ? 'is null' : 'is missing' }, { location: loc })
    }
  }
  return current
}

function isScalar(value: unknown): boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
}

// -- payload preparation -------------------------------------------------------------------

/** A number or boolean in a string field becomes its text (`userId: 12345` → `"12345"`). */
export function coerceToString(payload: Record<string, unknown>, field: string): void {
  const value = payload[field]
  if (typeof value === 'number' || typeof value === 'boolean') payload[field] = String(value)
}

/** A numeric string in a number field becomes the number. */
export function coerceToNumber(payload: Record<string, unknown>, field: string): void {
  const value = payload[field]
  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = Number(value)
    if (Number.isFinite(parsed)) payload[field] = parsed
  }
}

/** `"true"` and `"false"` in a boolean field become booleans. */
export function coerceToBoolean(payload: Record<string, unknown>, field: string): void {
  const value = payload[field]
  if (value === 'true') payload[field] = true
  else if (value === 'false') payload[field] = false
}

/** Assigns an own property even for names an object inherits (`constructor`, `__proto__`). */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
}

/** Formats the compiled validators take from the runtime (see compiler/emit/mapc/validators.ts). */
export const formats = {
  'date-like': { type: 'string', validate: isDateLike }
} as const

/**
 * The per-item outcomes a batch response reports (`results response.results`): one
 * `{ status, message? }` per item, in order. A response that does not say is an error, so no
 * item is ever assumed delivered.
 */
export function itemReports(value: unknown, count: number, loc: Loc): ItemReport[] {
  if (!Array.isArray(value) || value.length !== count) {
    throw new ResponseError(
      { valuePath: 'results', problem: Array.isArray(value) ? `has ${value.length} entries for ${count} items` : 'is not an array of per-item results' },
      { location: loc }
    )
  }
  return value.map((entry, i) => {
    const status = readKey(entry, 'status')
    if (typeof status !== 'number') {
      throw new ResponseError({ valuePath: `results[${i}].status`, problem: 'is not a number' }, { location: loc })
    }
    const message = readKey(entry, 'message')
    return typeof message === 'string' ? { status, message } : { status }
  })
}
