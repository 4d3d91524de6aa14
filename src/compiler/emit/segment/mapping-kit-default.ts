/**
 * A field default as mapping-kit JSON, the form actions-core fields carry (`default`) and presets
 * subscribe with: event paths (`@path`), `??` and `if exists(…) then … else …` (`@if` with
 * `exists`, which, like `??`, falls back on absent and null), objects and literals. Anything else
 * (built-ins, shapes, settings, templates, spreads, paths mapping-kit cannot spell) has no
 * faithful mapping-kit form: the answer is `undefined`, and the Segment target computes that
 * default in `perform` with mapc's compiled code instead.
 */
import type { ExprIR } from '../../ir.js'

/** A key mapping-kit's `@path` spells as `.key`: no dots, brackets, quotes or spaces. */
const PATH_KEY = /^[A-Za-z_$][A-Za-z0-9_$-]*$/

export type MappingKitValue = string | number | boolean | null | MappingKitValue[] | { [key: string]: MappingKitValue }

export function mappingKitDefault(expr: ExprIR): MappingKitValue | undefined {
  switch (expr.kind) {
    case 'literal':
      return literal(expr.value)
    case 'event':
      return expr.keys.length > 0 && expr.keys.every((k) => typeof k === 'string' && PATH_KEY.test(k)) ? { '@path': `$.${expr.keys.join('.')}` } : undefined
    case 'binary':
      if (expr.operator !== '??') return undefined
      return ifExists(expr.left, expr.left, expr.right)
    case 'if': {
      const test = expr.condition
      if (test.kind !== 'call' || test.builtin !== 'exists' || test.args.length !== 1) return undefined
      return ifExists(test.args[0] as ExprIR, expr.then, expr.else)
    }
    case 'object': {
      const out: { [key: string]: MappingKitValue } = {}
      for (const entry of expr.entries) {
        // A key starting with `@` would read as a directive.
        if (entry.kind !== 'property' || entry.key.startsWith('@') || entry.key === '__proto__') return undefined
        const value = mappingKitDefault(entry.value)
        if (value === undefined) return undefined
        out[entry.key] = value
      }
      return out
    }
    default:
      return undefined
  }
}

/** `{"@if": {"exists": tested, "then": …, "else": …}}`; no `else` when the `.map`'s `if` has none (absent either way). */
function ifExists(tested: ExprIR, then: ExprIR, otherwise: ExprIR | undefined): MappingKitValue | undefined {
  const exists = mappingKitDefault(tested)
  const yes = mappingKitDefault(then)
  if (exists === undefined || yes === undefined || !isPathLike(tested)) return undefined
  if (otherwise === undefined) return { '@if': { exists, then: yes } }
  const no = mappingKitDefault(otherwise)
  return no === undefined ? undefined : { '@if': { exists, then: yes, else: no } }
}

/** `exists` is only tested on what mapping-kit resolves by itself: a path (or a chain of `??`). */
function isPathLike(expr: ExprIR): boolean {
  return expr.kind === 'event' || (expr.kind === 'binary' && expr.operator === '??' && isPathLike(expr.left) && isPathLike(expr.right))
}

/**
 * Literals whose mapping-kit reading is themselves: scalars, and arrays and objects of them
 * (objects only without `@` keys). `undefined` (an absent literal) has no JSON form.
 */
function literal(value: unknown): MappingKitValue | undefined {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined
  if (Array.isArray(value)) {
    const items = value.map(literal)
    return items.every((i) => i !== undefined) ? (items as MappingKitValue[]) : undefined
  }
  if (typeof value === 'object') {
    const out: { [key: string]: MappingKitValue } = {}
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      const item = literal(v)
      if (item === undefined || k.startsWith('@') || k === '__proto__') return undefined
      out[k] = item
    }
    return out
  }
  return undefined
}
