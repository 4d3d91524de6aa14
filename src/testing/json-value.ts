/**
 * Arbitrary JSON values: what an open object (custom traits, custom properties) may hold.
 */
import fc from 'fast-check'
import { memoizeBy, once } from './memo.js'
import { plainObject } from './plain-object.js'

/** Names people give custom traits and properties, the awkward ones included. */
const customKeys = [
  'plan',
  'logins',
  'total billed',
  'accountType',
  'utm_source',
  'favorite_color',
  'is_admin',
  'Order ID',
  'seats',
  'tags'
]

/** A key for an extra field of an open object: a familiar custom name or any short string. */
export const customKeyArbitrary: () => fc.Arbitrary<string> = once(() =>
  fc.oneof(
    { weight: 2, arbitrary: fc.constantFrom(...customKeys) },
    { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 12 }) }
  )
)

/** A JSON string, number, boolean or null. */
export const jsonScalarArbitrary: () => fc.Arbitrary<string | number | boolean | null> = once(() =>
  fc.oneof(
    fc.string({ maxLength: 16 }),
    fc.integer({ min: -1_000_000, max: 1_000_000 }),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.constant(null)
  )
)

/** An object with keys from `keys` (distinct) and values from `values`, built like JSON.parse builds one. */
export function objectOf(
  keys: fc.Arbitrary<string>,
  values: fc.Arbitrary<unknown>,
  maxKeys: number
): fc.Arbitrary<Record<string, unknown>> {
  return fc.uniqueArray(fc.tuple(keys, values), { selector: ([key]) => key, maxLength: maxKeys }).map(plainObject)
}

const jsonValueOfDepth = memoizeBy((depth: number): fc.Arbitrary<unknown> => {
  if (depth <= 0) return jsonScalarArbitrary()
  const inner = jsonValueOfDepth(depth - 1)
  return fc.oneof(
    { weight: 4, arbitrary: jsonScalarArbitrary() },
    { weight: 1, arbitrary: fc.array(inner, { maxLength: 3 }) },
    { weight: 1, arbitrary: objectOf(customKeyArbitrary(), inner, 3) }
  )
}, String)

/** Any JSON value nested at most `depth` levels: scalars mostly, small arrays and objects. */
export function jsonValueArbitrary(depth = 2): fc.Arbitrary<unknown> {
  return jsonValueOfDepth(Math.max(0, Math.floor(depth)))
}
