/**
 * Segment's last step after resolving a mapping (`removeUndefined` in actions-core): object keys
 * whose value is `undefined` are removed, at every depth, and objects and arrays are copied.
 * Array items that are `undefined` stay (a JSON body later sends them as `null`), as in Segment.
 *
 * The copy uses own-property assignment: Segment's `Object.assign` would let an event key named
 * `__proto__` replace the copy's prototype.
 */
import { isPlainObject, setOwn } from './json-value.js'

export function removeUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(removeUndefined)
  if (!isPlainObject(value)) return value
  const cleaned: Record<string, unknown> = {}
  for (const key of Object.keys(value)) {
    const item = value[key]
    if (item !== undefined) setOwn(cleaned, key, removeUndefined(item))
  }
  return cleaned
}
