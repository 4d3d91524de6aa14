/**
 * Values and keys that break naive event handling: the things real sources do send (numbers
 * for ids, arrays for objects, nulls, emoji, megabyte strings) and the things an attacker
 * would (`__proto__` keys, lone surrogates, absurd nesting).
 */
import fc from 'fast-check'
import type { JsonType } from '../schemas/segment/json-schema.js'
import { jsonValueArbitrary, objectOf } from './json-value.js'
import { memoizeBy, once } from './memo.js'
import { plainObject } from './plain-object.js'

/** Keys that name Object.prototype members: assigning them naively pollutes or breaks objects. */
export const prototypeKeys = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty'] as const

/** Keys that path syntaxes misread: dots, spaces, brackets, the empty key. */
const pathLikeKeys = ['a.b', 'traits.email', 'first name', ' leading', 'trailing ', 'Order ID', '$.x', '[0]', 'a/b', '']

/** Unicode that tends to break naive handling: combining marks, ZWJ emoji, RTL overrides, NUL. */
const awkwardUnicode = [
  'Ünïcödé 🦄',
  '👩‍👩‍👧‍👦',
  '🏳️‍🌈',
  '李小龍',
  'مرحبا بالعالم',
  '\u202Eevil\u202C',
  'e\u0301',
  'Ω≈ç√∫',
  'nul\u0000byte',
  '𝕿𝖊𝖘𝖙',
  'Thinks 🤔 a lot — «Ἀθῆναι»'
]

const loneSurrogates = ['\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\uD83D']

/** Where "very long" starts: past the column limits of databases and the buffers people guess. */
const longStringMinimum = 10_000

/** Keys that break naive code: prototype member names, dotted, spaced and empty paths. */
export const hostileKeyArbitrary: () => fc.Arbitrary<string> = once(() => {
  return fc.oneof(
    fc.constantFrom(...prototypeKeys),
    fc.constantFrom(...pathLikeKeys),
    fc
      .record({
        left: fc.stringMatching(/^[a-z]{1,6}$/),
        joint: fc.constantFrom('.', ' ', '. '),
        right: fc.stringMatching(/^[a-z]{1,6}$/)
      })
      .map(({ left, joint, right }) => `${left}${joint}${right}`)
  )
})

/** Text beyond ASCII: emoji sequences, combining marks, right-to-left and NUL characters. */
export const unicodeStringArbitrary: () => fc.Arbitrary<string> = once(() => {
  return fc.oneof(fc.constantFrom(...awkwardUnicode), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }))
})

/** A string with a UTF-16 surrogate that has no partner: not valid Unicode, still valid in a JS string. */
export const loneSurrogateStringArbitrary: () => fc.Arbitrary<string> = once(() => {
  return fc
    .record({
      before: fc.string({ maxLength: 4 }),
      surrogate: fc.constantFrom(...loneSurrogates),
      after: fc.string({ maxLength: 4 })
    })
    .map(({ before, surrogate, after }) => before + surrogate + after)
})

/** 10,000 characters or more: a short piece repeated, so it shrinks to a short piece at the floor length. */
export const longStringArbitrary: () => fc.Arbitrary<string> = once(() => {
  return fc
    .record({
      piece: fc.string({ minLength: 1, maxLength: 4 }),
      length: fc.integer({ min: longStringMinimum, max: longStringMinimum + 2_000 })
    })
    .map(({ piece, length }) => piece.repeat(Math.ceil(length / piece.length)))
})

/** An object nested 24 to 64 levels deep under one key per level. */
export const deeplyNestedArbitrary: () => fc.Arbitrary<Record<string, unknown>> = once(() => {
  return fc
    .record({
      depth: fc.integer({ min: 24, max: 64 }),
      key: fc.constantFrom('a', 'child', 'data', 'x y'),
      leaf: fc.constantFrom<unknown>(null, 1, 'leaf', {})
    })
    .map(({ depth, key, leaf }) => {
      let value: unknown = leaf
      for (let level = 0; level < depth; level++) value = plainObject([[key, value]])
      return value as Record<string, unknown>
    })
})

/** Strings that break naive code: awkward unicode, empty, 10,000+ characters, lone surrogates. */
export const adversarialStringArbitrary: () => fc.Arbitrary<string> = once(() => {
  return fc.oneof(
    { weight: 3, arbitrary: unicodeStringArbitrary() },
    { weight: 2, arbitrary: fc.constant('') },
    { weight: 1, arbitrary: longStringArbitrary() },
    { weight: 2, arbitrary: loneSurrogateStringArbitrary() }
  )
})

/** Numbers that tell a naive string handler apart: 0, negatives, fractions, beyond 2^53. */
const awkwardNumberArbitrary: () => fc.Arbitrary<number> = once(() => {
  return fc.oneof(
    fc.constantFrom(0, -1, 1e21, 157963456373623800, Number.MAX_SAFE_INTEGER + 2, 0.1),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true })
  )
})

/** An object whose keys are hostile: prototype names, dotted and spaced paths. */
export const hostileKeyObjectArbitrary: () => fc.Arbitrary<Record<string, unknown>> = once(() => {
  return objectOf(hostileKeyArbitrary(), jsonValueArbitrary(1), 3).filter((object) => Object.keys(object).length > 0)
})

/** What a value position expects, as far as choosing an adversarial replacement goes. */
export interface Expectation {
  /** The JSON types the schema allows there; undefined when it allows any. */
  types: readonly JsonType[] | undefined
  /** The position may be left out: a null there is the classic "optional" mistake. */
  optional: boolean
}

/**
 * A value a source might send instead of what the schema expects: the wrong type for it
 * (numbers for strings, arrays for objects, strings for numbers), null where a value is optional,
 * and hostile strings and objects.
 */
export const adversarialValueArbitrary: (expectation: Expectation) => fc.Arbitrary<unknown> = memoizeBy(
  (expectation: Expectation) => {
    const { types } = expectation
    const allows = (type: JsonType): boolean => types === undefined || types.includes(type)
    // A wrong type only where the schema names the types it wants and this is not one of them.
    const expectsOnly = (wanted: JsonType[], instead: JsonType[]): boolean =>
      types !== undefined &&
      wanted.some((type) => types.includes(type)) &&
      !instead.some((type) => types.includes(type))
    const choices: fc.WeightedArbitrary<unknown>[] = [
      { weight: 3, arbitrary: adversarialStringArbitrary() },
      { weight: 1, arbitrary: deeplyNestedArbitrary() },
      { weight: 1, arbitrary: hostileKeyObjectArbitrary() }
    ]
    if (expectation.optional && !allows('null')) choices.push({ weight: 3, arbitrary: fc.constant(null) })
    if (expectsOnly(['string'], ['number', 'integer'])) choices.push({ weight: 2, arbitrary: awkwardNumberArbitrary() })
    if (expectsOnly(['object'], ['array']))
      choices.push({ weight: 2, arbitrary: fc.array(jsonValueArbitrary(1), { maxLength: 3 }) })
    if (expectsOnly(['number', 'integer'], ['string'])) {
      choices.push({ weight: 2, arbitrary: fc.constantFrom('42', '1e3', ' 7 ', '0x1F', 'NaN', 'Infinity', '-0') })
    }
    if (expectsOnly(['boolean'], ['string', 'number', 'integer'])) {
      choices.push({ weight: 1, arbitrary: fc.constantFrom<unknown>('true', 'false', 0, 1, 'yes') })
    }
    return fc.oneof(...choices)
  },
  ({ types, optional }) => `${types === undefined ? '*' : [...types].sort().join('|')} ${optional}`
)
