/**
 * Events aimed at what a destination reads. Segment-shaped events of the accepted types (from
 * src/testing, adversarial), then, at the paths the `.map` file's defaults read, values real
 * sources and attackers send: nothing (the path missing), null, numbers where strings belong,
 * unicode, lone surrogates, objects and arrays, `__proto__` and `constructor` keys, strings that
 * are almost emails or dates. Also `__proto__` and `constructor` at the top level.
 */
import fc from 'fast-check'
import type { DestinationIR, ExprIR } from '../../../src/compiler/ir.js'
import { walkExpr } from '../../../src/compiler/ir-walk.js'
import type { SegmentEvent } from '../../../src/runtime/contract.js'
import { adversarialStringArbitrary, eventArbitrary, hostileKeyArbitrary, jsonValueArbitrary } from '../../../src/testing/index.js'
import { plainObject } from '../../../src/testing/plain-object.js'

type Path = readonly (string | number)[]

/** Marks an edit that removes the value at a path, and one that leaves the generated value. */
const MISSING = Symbol('missing')
const KEEP = Symbol('keep')

/** Every event path a destination's field defaults read, and each of its prefixes. */
export function eventPathsOf(ir: DestinationIR): Path[] {
  const seen = new Map<string, Path>()
  const visit = (expr: ExprIR | undefined): void =>
    walkExpr(expr, (e) => {
      if (e.kind !== 'event') return
      for (let n = 1; n <= e.keys.length; n++) seen.set(JSON.stringify(e.keys.slice(0, n)), e.keys.slice(0, n))
    })
  for (const action of ir.actions) for (const field of action.fields) visit(field.default)
  return [...seen.values()]
}

/** What may sit at a path an action reads. */
export function hostileValueArbitrary(): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom('ada@example.com', 'ADA@Example.COM', 'ada@example', '2024-05-01T10:00:00Z', '2024-05-01', '2024-02-30', 'example.com', 'Order Completed', '  ', '') },
    { weight: 2, arbitrary: fc.constantFrom(null, 0, -0, 42, 1.5, 1714557600000, true, false, 'true', '42', '1e3') },
    { weight: 2, arbitrary: adversarialStringArbitrary() },
    { weight: 1, arbitrary: fc.constantFrom('a\uD800b', '\u2028\u2029', '"quoted"', '`${x}`', '__proto__', 'constructor') },
    { weight: 2, arbitrary: jsonValueArbitrary(2) },
    {
      weight: 1,
      arbitrary: fc.array(fc.tuple(hostileKeyArbitrary(), jsonValueArbitrary(1)), { maxLength: 3 }).map(plainObject)
    }
  )
}

/** Sets or deletes `path` in a copy of `event`, creating (own, JSON.parse-like) objects on the way. */
function withValueAt(event: unknown, path: Path, value: unknown | typeof MISSING): unknown {
  const [key, ...rest] = path
  if (key === undefined) return value
  const base: object = event !== null && typeof event === 'object' ? event : {}
  const copy = (Array.isArray(base) ? [...(base as unknown[])] : { ...base }) as Record<string | number, unknown>
  if (rest.length === 0 && value === MISSING) {
    delete copy[key]
    return copy
  }
  Object.defineProperty(copy, key, { value: withValueAt(readOwn(base, key), rest, value), enumerable: true, writable: true, configurable: true })
  return copy
}

function readOwn(object: object, key: string | number): unknown {
  return Object.prototype.hasOwnProperty.call(object, key) ? (object as Record<string | number, unknown>)[key] : undefined
}

export function hostileEventArbitrary(ir: DestinationIR): fc.Arbitrary<SegmentEvent> {
  // Shorter paths first, so that `context.group_id` is edited after `context`, not erased by it.
  const paths = eventPathsOf(ir).sort((a, b) => a.length - b.length)
  const edit = fc.oneof(
    { weight: 4, arbitrary: fc.constant(KEEP) },
    { weight: 1, arbitrary: fc.constant(MISSING) },
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: 2, arbitrary: hostileValueArbitrary() }
  )
  const topLevel = fc.option(fc.tuple(fc.constantFrom('__proto__', 'constructor', 'toString'), jsonValueArbitrary(1)), { freq: 4 })
  return fc
    .tuple(eventArbitrary(ir.accepts, { adversarial: true }), fc.tuple(...paths.map(() => edit)), topLevel)
    .map(([event, edits, extra]) => {
      let out: unknown = event
      edits.forEach((value, i) => {
        if (value !== KEEP) out = withValueAt(out, paths[i] as Path, value)
      })
      if (extra) out = withValueAt(out, [extra[0]], extra[1])
      return out as SegmentEvent
    })
}
