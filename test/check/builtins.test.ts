/**
 * The compile-time signatures of the built-in functions (src/compiler/check/builtins.ts) against
 * their run-time half (src/runtime/lib/builtins.ts): same names, same arity, and for any
 * arguments the checker accepts, a result of the type the checker promised.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { builtinSignatures, fitsParam, isBuiltin } from '../../src/compiler/check/builtins.js'
import {
  absentType,
  anyType,
  arrayType,
  datetimeType,
  display,
  members,
  neverType,
  nullType,
  objectType,
  union,
  type Type
} from '../../src/compiler/check/types.js'
import { builtins, type BuiltinName } from '../../src/runtime/lib/builtins.js'

const names = Object.keys(builtins) as BuiltinName[]

/** The most precise type of one run-time value. */
function typeOfValue(value: unknown): Type {
  if (value === undefined) return absentType
  if (value === null) return nullType
  if (typeof value === 'string') return { kind: 'string', value }
  if (typeof value === 'number') return { kind: 'number', value, integer: Number.isInteger(value) }
  if (typeof value === 'boolean') return { kind: 'boolean', value }
  if (Array.isArray(value)) return arrayType(union(...value.map(typeOfValue)))
  if (typeof value === 'object') {
    return objectType(Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, typeOfValue(v)])))
  }
  return anyType
}

const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/

/** Is a run-time value one of the values the type describes? */
function fits(value: unknown, type: Type): boolean {
  return members(type).some((m) => {
    switch (m.kind) {
      case 'any':
        return value !== undefined
      case 'never':
        return false
      case 'absent':
        return value === undefined
      case 'null':
        return value === null
      case 'string':
        return typeof value === 'string' && (m.value === undefined || m.value === value) && (m.format !== 'date-time' || ISO_DATETIME.test(value))
      case 'number':
        return typeof value === 'number' && (!m.integer || Number.isInteger(value)) && (m.value === undefined || m.value === value)
      case 'boolean':
        return typeof value === 'boolean' && (m.value === undefined || m.value === value)
      case 'datetime':
        return typeof value === 'string' || typeof value === 'number'
      case 'array':
        return Array.isArray(value) && value.every((item) => fits(item, m.items))
      case 'object':
        return value !== null && typeof value === 'object' && !Array.isArray(value)
      case 'union':
        return false
    }
  })
}

/** A run-time value and the type the checker would know it by. */
interface Typed {
  value: unknown
  type: Type
}

const exact = (value: unknown): Typed => ({ value, type: typeOfValue(value) })
const dates = fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true })
const argument: fc.Arbitrary<Typed> = fc.oneof(
  fc.constant(exact(undefined)),
  fc.jsonValue({ maxDepth: 2 }).map(exact),
  fc.constantFrom('', ' Order Completed ', 'a_b', '2024-02-29', '2024-02-29T10:00:00', 'not a date', '{"a":1}', '12.5').map(exact),
  // A validated datetime field: a date-like string or epoch milliseconds.
  dates.map((d) => ({ value: d.toISOString(), type: datetimeType })),
  dates.map((d) => ({ value: d.getTime(), type: datetimeType })),
  // A value of unknown type, possibly absent: what `$.x` of an open object gives.
  fc.jsonValue({ maxDepth: 1 }).map((value) => ({ value, type: union(anyType, absentType) }))
)

describe('built-in functions', () => {
  it('have a signature for every run-time function and no other', () => {
    expect(Object.keys(builtinSignatures).sort()).toEqual([...names].sort())
    expect(names.every(isBuiltin)).toBe(true)
    expect(isBuiltin('toString')).toBe(false)
  })

  it.each(names)('%s takes as many arguments as its signature says', (name) => {
    expect(builtins[name].length).toBe(builtinSignatures[name].params.length)
  })

  it.each(names)('%s returns a value of its result type for every argument the checker accepts', (name) => {
    const signature = builtinSignatures[name]
    const fn = builtins[name] as (...args: unknown[]) => unknown
    fc.assert(
      fc.property(fc.tuple(...signature.params.map(() => argument)), (args) => {
        fc.pre(signature.params.every((p, i) => fitsParam(p.kind, (args[i] as Typed).type)))
        // matches fails the event on a pattern that is no regular expression, by design (its docs).
        if (name === 'matches') fc.pre(isRegExp((args[1] as Typed).value))
        const result = fn(...args.map((a) => a.value))
        const type = signature.result(args.map((a) => a.type))
        if (!fits(result, type)) {
          throw new Error(`${name}(${args.map((a) => JSON.stringify(a.value)).join(', ')}) = ${JSON.stringify(result)}, not ${display(type)}`)
        }
      }),
      { numRuns: 300, seed: 42 }
    )
  })
})

function isRegExp(pattern: unknown): boolean {
  if (typeof pattern !== 'string') return true
  try {
    new RegExp(pattern, 'u')
    return true
  } catch {
    return false
  }
}

describe('fitsParam', () => {
  it('accepts unknown, absent and impossible values everywhere', () => {
    for (const kind of ['any', 'string', 'scalar', 'datetime'] as const) {
      expect(fitsParam(kind, anyType)).toBe(true)
      expect(fitsParam(kind, absentType)).toBe(true)
      expect(fitsParam(kind, neverType)).toBe(true)
    }
  })

  it('reads null as absent except where text is required', () => {
    expect(fitsParam('scalar', nullType)).toBe(true)
    expect(fitsParam('datetime', nullType)).toBe(true)
    expect(fitsParam('string', nullType)).toBe(false)
  })

  it('takes only dates and date-times for datetime, besides untyped text', () => {
    expect(fitsParam('datetime', { kind: 'string', format: 'date-time' })).toBe(true)
    expect(fitsParam('datetime', { kind: 'string', format: 'date' })).toBe(true)
    expect(fitsParam('datetime', { kind: 'string', format: 'email' })).toBe(false)
    expect(fitsParam('datetime', { kind: 'boolean' })).toBe(false)
  })

  it('refuses objects and arrays for scalars, and requires every union member to fit', () => {
    expect(fitsParam('scalar', objectType({}))).toBe(false)
    expect(fitsParam('scalar', arrayType(anyType))).toBe(false)
    expect(fitsParam('scalar', union({ kind: 'string' }, objectType({})))).toBe(false)
    expect(fitsParam('any', union(objectType({}), nullType))).toBe(true)
  })
})
