/**
 * `@flatten`: nested keys joined into one level, as Segment's `flattenObject`.
 *
 * `{ a: { b: 1 }, c: [2] }` with `.` is `{ "a.b": 1, "c.0": 2 }` (arrays are kept whole with
 * `omitArrays`). An empty object or array contributes no key; a value that is neither object nor
 * array becomes the one key `""` (so an absent value ends up as `{}` once absent keys are removed).
 */
import { isPlainObject, setOwn } from './json-value.js'

export function flattenObject(value: unknown, separator: string, omitArrays: boolean): Record<string, unknown> {
  const flat: Record<string, unknown> = {}
  flattenInto(flat, value, '', separator, omitArrays)
  return flat
}

function flattenInto(flat: Record<string, unknown>, value: unknown, prefix: string, separator: string, omitArrays: boolean): void {
  if (isPlainObject(value) || (!omitArrays && Array.isArray(value))) {
    for (const [key, item] of Object.entries(value)) {
      // As Segment: an empty prefix (the top, or an empty key above) adds no separator.
      flattenInto(flat, item, prefix ? `${prefix}${separator}${key}` : key, separator, omitArrays)
    }
    return
  }
  setOwn(flat, prefix, value)
}
