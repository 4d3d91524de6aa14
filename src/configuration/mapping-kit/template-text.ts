/**
 * How a placeholder turns a value into text, as Segment's `placeholders.ts` does today: null and
 * absent render as nothing, anything else as JavaScript's `String()` would (`3`, `true`, `a,b`
 * for an array, `[object Object]` for an object). Current actions-core escapes nothing, in
 * `{{…}}` or `{{{…}}}`; older versions HTML-escaped `{{…}}` (see docs/mapping-kit.md).
 *
 * `String()` itself is not used on objects: an event object with a key named `toString` would make
 * it throw.
 */

export function placeholderText(value: unknown): string {
  return value === null || value === undefined ? '' : textOf(value)
}

/** `String(value)` for a JSON value, without ever calling a method of the value. */
export function textOf(value: unknown): string {
  return stringOf(value, new Set())
}

/** `inProgress` stops a cyclic array as `Array.prototype.join` does. */
function stringOf(value: unknown, inProgress: Set<unknown>): string {
  if (Array.isArray(value)) {
    if (inProgress.has(value)) return ''
    inProgress.add(value)
    const text = value.map((item) => (item === null || item === undefined ? '' : stringOf(item, inProgress))).join(',')
    inProgress.delete(value)
    return text
  }
  if (typeof value === 'object' && value !== null) return '[object Object]'
  return String(value)
}
