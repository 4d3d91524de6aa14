/**
 * Equality for the `==`/`!=` conditions of `@if` (a mapc extension): the same JSON value. Object
 * key order does not matter, and a key whose value is absent counts as missing (it would be
 * removed from the output). Absent equals only absent; it is not null.
 */
import { isPlainObject } from './json-value.js'

export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, index) => jsonEqual(item, b[index]))
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keysA = presentKeys(a)
    const keysB = presentKeys(b)
    return keysA.length === keysB.length && keysA.every((key) => Object.prototype.hasOwnProperty.call(b, key) && jsonEqual(a[key], b[key]))
  }
  return false
}

function presentKeys(object: Record<string, unknown>): string[] {
  return Object.keys(object).filter((key) => object[key] !== undefined)
}
