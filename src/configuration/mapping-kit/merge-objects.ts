/**
 * `@merge`: `Object.assign({}, ...values)` as Segment calls it, later values winning. A string
 * contributes its characters under index keys and an array its items, exactly as
 * `Object.assign` does; numbers, booleans, null and absent contribute nothing. Keys are copied
 * with own-property assignment, so a `__proto__` key stays a key.
 */
import { setOwn } from './json-value.js'

export function mergeObjects(values: readonly unknown[]): Record<string, unknown> {
  const merged: Record<string, unknown> = {}
  for (const value of values) {
    if (typeof value === 'string') {
      for (let index = 0; index < value.length; index++) setOwn(merged, String(index), value.charAt(index))
    } else if (typeof value === 'object' && value !== null) {
      const source = value as Record<string, unknown>
      for (const key of Object.keys(source)) setOwn(merged, key, source[key])
    }
  }
  return merged
}
