/**
 * `{"@excludeWhenNull": mapping}`: the mapping's value with null made absent, so the key is left
 * out of the output instead of being sent as null. As actions-core 3.170.0 does, this reaches
 * into objects, at every depth: `{bar: null, aces: {a: 1, c: null}}` becomes `{aces: {a: 1}}`.
 * Arrays are not entered (`[null]` stays, and so do nulls in objects inside arrays).
 */
import { isPlainObject, setOwn } from '../json-value.js'
import type { DirectiveCompiler } from '../resolver.js'

export const compileExcludeWhenNullDirective: DirectiveCompiler = (options, site, compile) => {
  const value = compile(options, site)
  return (payload) => {
    const resolved = value(payload)
    return resolved === null ? undefined : withoutNulls(resolved)
  }
}

/** Null values of objects become absent keys (kept as `undefined` until the end, so `@merge` sees them override). */
function withoutNulls(value: unknown): unknown {
  if (!isPlainObject(value)) return value
  const cleaned: Record<string, unknown> = {}
  for (const key of Object.keys(value)) {
    const item = value[key]
    setOwn(cleaned, key, item === null ? undefined : withoutNulls(item))
  }
  return cleaned
}
