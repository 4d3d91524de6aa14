/**
 * The kinds of JSON value mapping-kit distinguishes, with own-property access that never reaches
 * a prototype. Mappings and events are untrusted JSON: a key named `__proto__`, `constructor` or
 * `prototype` must be an ordinary key, never a way into `Object.prototype`.
 */

const hasOwn = Object.prototype.hasOwnProperty

/** A plain object, as Segment's `realTypeOf(x) === 'object'`: not an array, null, Date, Map… */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return Object.prototype.toString.call(value) === '[object Object]'
}

/** The value of an own property, or undefined; an inherited property is never read. */
export function ownValue(object: Record<string, unknown>, key: string): unknown {
  return hasOwn.call(object, key) ? object[key] : undefined
}

/** The one definition compiled modules use too: `object[key] = value` would call the `__proto__` setter. */
export { setOwn } from '../../runtime/support.js'

/** "a string", "an array", "null", "absent": for messages about a value's kind, never its content. */
export function describeKind(value: unknown): string {
  if (value === undefined) return 'absent'
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  if (isPlainObject(value)) return 'an object'
  const type = typeof value
  return type === 'object' ? 'an object' : `a ${type}`
}
