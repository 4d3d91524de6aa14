/**
 * How a placeholder turns a value into text, as Segment's `placeholders.ts` does: a string in
 * `{{…}}` is HTML-escaped with Segment's entity table, `null` and absent render as nothing, and
 * anything else renders as JavaScript's `String()` would (`3`, `true`, `a,b` for an array,
 * `[object Object]` for an object). `{{{…}}}` does the same without escaping.
 *
 * `String()` itself is not used on objects: an event object with a key named `toString` would make
 * it throw.
 */
const HTML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '/': '&#x2F;',
  '`': '&#x60;',
  '=': '&#x3D;'
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`=/]/g, (character) => HTML_ENTITIES[character] ?? character)
}

export function placeholderText(value: unknown, escape: boolean): string {
  if (escape && typeof value === 'string') return escapeHtml(value)
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
