/**
 * Builds objects the way JSON.parse does: every key an own, enumerable data property on a
 * plain object. `obj[key] = value` would instead call the `__proto__` setter for that key and
 * replace the prototype; `Object.fromEntries` defines the key like any other.
 */
export function plainObject(entries: Iterable<readonly [string, unknown]>): Record<string, unknown> {
  return Object.fromEntries(entries)
}
