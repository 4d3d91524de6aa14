/**
 * The primitives generated code and the interpreter share (src/runtime/support.ts): what absent
 * values, spreads, templates, `+`, `==`, URL parts and response reads mean. One definition, so
 * generated code and interpretation cannot disagree; these tests pin it down.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { InvalidRequestError, ResponseError } from '../../../src/runtime/errors/index.js'
import * as $ from '../../../src/runtime/support.js'
import { jsonValueArbitrary } from '../../../src/testing/index.js'
import { thrownBy } from './support/thrown.js'

const loc = { file: 'crm.map', line: 12, column: 7 }

describe('reading values', () => {
  it('reads own keys only, and indexes only with strings and numbers', () => {
    expect($.own({ a: 1 }, 'a')).toBe(1)
    expect($.own({}, 'toString')).toBeUndefined()
    expect($.own(['x', 'y'], 1)).toBe('y')
    expect($.own(null, 'a')).toBeUndefined()
    expect($.ownAt({ a: 1 }, 'a')).toBe(1)
    expect($.ownAt(['x'], 0)).toBe('x')
    expect($.ownAt({ true: 1 }, true)).toBeUndefined()
    expect($.ownAt({ a: 1 }, undefined)).toBeUndefined()
  })
})

describe('building values', () => {
  it('leaves absent keys out, and makes "__proto__" an own key, never a prototype', () => {
    expect({ ...$.opt('a', 1), ...$.opt('b', undefined), ...$.opt('c', null) }).toEqual({ a: 1, c: null })
    const built = { ...$.opt('__proto__', { polluted: true }) }
    expect(Object.getPrototypeOf(built)).toBe(Object.prototype)
    expect(Object.keys(built)).toEqual(['__proto__'])
  })

  it('spreads objects only', () => {
    expect($.spreadable({ a: 1 })).toEqual({ a: 1 })
    for (const value of [null, undefined, [1], 'ab', 3]) expect($.spreadable(value)).toBeUndefined()
  })

  it('spreads into an object in place as a spread does: own keys in order, overwritten where present, objects only, "__proto__" an own key', () => {
    const target = $.record()
    target.b = 'first'
    $.spreadInto(target, { a: 1, b: 2 })
    for (const value of [null, undefined, [1], 'ab', 3]) $.spreadInto(target, value)
    $.spreadInto(target, JSON.parse('{"__proto__": {"polluted": true}, "constructor": "c"}'))
    expect(Object.keys(target)).toEqual(['b', 'a', '__proto__', 'constructor'])
    expect(target).toMatchObject({ b: 2, a: 1, constructor: 'c' })
    expect(Object.getPrototypeOf(target)).toBe(Object.prototype)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(Object.getOwnPropertyDescriptor(target, '__proto__')?.value).toEqual({ polluted: true })
  })

  it('leaves absent items out of arrays and for-expressions, and iterates arrays only', () => {
    expect($.present([1, undefined, null, 2])).toEqual([1, null, 2])
    expect($.mapPresent([1, 2, 3], (x) => (x === 2 ? undefined : (x as number) * 10))).toEqual([10, 30])
    expect($.mapPresent({ 0: 'a', length: 1 }, (x) => x)).toEqual([])
    expect($.arrayOf('abc')).toEqual([])
  })

  it('assigns an own property whatever its name', () => {
    const target: Record<string, unknown> = {}
    $.setOwn(target, '__proto__', 1)
    $.setOwn(target, 'constructor', 2)
    expect(Object.getPrototypeOf(target)).toBe(Object.prototype)
    expect(Object.entries(target)).toEqual([
      ['__proto__', 1],
      ['constructor', 2]
    ])
  })
})

describe('templates, + and ==', () => {
  it('renders absent and null as nothing, scalars as text, structures as JSON', () => {
    expect([undefined, null, 'a', 3, false, { a: [1] }].map($.text)).toEqual(['', '', 'a', '3', 'false', '{"a":[1]}'])
  })

  it('adds numbers, joins scalars, and is absent when either side is absent or a structure', () => {
    expect($.plus(1, 2)).toBe(3)
    expect($.plus('Bearer ', 'k')).toBe('Bearer k')
    expect($.plus('n', 1)).toBe('n1')
    expect($.plus('Bearer ', undefined)).toBeUndefined()
    expect($.plus(undefined, 'x')).toBeUndefined()
    expect($.plus('a', { b: 1 })).toBeUndefined()
  })

  it('compares deeply, regardless of key order; absent equals only absent', () => {
    expect($.equals({ a: [1, { b: 2 }], c: null }, { c: null, a: [1, { b: 2 }] })).toBe(true)
    expect($.equals([1, 2], { 0: 1, 1: 2 })).toBe(false)
    expect($.equals({ a: undefined }, {})).toBe(false)
    expect($.equals(undefined, null)).toBe(false)
    expect($.equals(undefined, undefined)).toBe(true)
  })

  it('equality is reflexive and symmetric on JSON values, and agrees with the JSON text of sorted keys', () => {
    const canonical = (value: unknown): string =>
      JSON.stringify(value, (_key, v: unknown) =>
        v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v
      )
    fc.assert(
      fc.property(jsonValueArbitrary(), jsonValueArbitrary(), (a, b) => {
        expect($.equals(a, structuredClone(a))).toBe(true)
        expect($.equals(a, b)).toBe($.equals(b, a))
        expect($.equals(a, b)).toBe(canonical(a) === canonical(b))
      }),
      { numRuns: 500 }
    )
  })

  it('counts only true as true', () => {
    expect([true, 'true', 1, {}, undefined].map($.truth)).toEqual([true, false, false, false, false])
  })
})

describe('URL parts', () => {
  it('percent-encodes scalars', () => {
    expect($.urlPart('a b/c?d#é', 'object', 'PUT', 'https://x/{0}', loc)).toBe('a%20b%2Fc%3Fd%23%C3%A9')
    expect($.urlPart(42, 'id', 'GET', 'https://x/{0}', loc)).toBe('42')
  })

  it('refuses an absent or structured part, naming it, the request and the line', () => {
    const absent = thrownBy(() => $.urlPart(undefined, 'object', 'PUT', 'https://api.crm.test/v1/objects/{object}/records', loc), InvalidRequestError)
    // The template as the `.map` file names its parts, not parsed into `%7Bobject%7D`.
    expect(absent.message).toBe('crm.map:12:7 PUT https://api.crm.test/v1/objects/{object}/records: cannot be sent: object is absent')
    expect(absent.url).toBe('https://api.crm.test/v1/objects/{object}/records')
    expect(absent.retryable).toBe(false)
    const structured = thrownBy(() => $.urlPart({ id: 1 }, 'id', 'GET', 'https://x/{0}', loc), InvalidRequestError)
    expect(structured.message).toMatch(/cannot be sent: id is not a string or number$/)
  })

  it('refuses text that is not well-formed Unicode', () => {
    const error = thrownBy(() => $.urlPart('a\uD800b', 'id', 'GET', 'https://x/{0}', loc), InvalidRequestError)
    expect(error.message).toMatch(/cannot be sent: id is not well-formed Unicode \(it holds a lone surrogate\)$/)
  })
})

describe('URL path parts', () => {
  const template = 'https://api.crm.test/v1/objects/{object}/records'

  it('percent-encode as other parts do, so `/`, `?`, `#` and `%` stay inside the segment', () => {
    expect($.pathPart('a b/c?d#é%2e', 'object', 'PUT', template, loc)).toBe('a%20b%2Fc%3Fd%23%C3%A9%252e')
    expect($.pathPart('...', 'object', 'PUT', template, loc)).toBe('...')
    expect($.pathPart(0, 'object', 'PUT', template, loc)).toBe('0')
  })

  it.each([
    ['..', 'object is "..", a dot segment that would move the URL path'],
    ['.', 'object is ".", a dot segment that would move the URL path'],
    ['', 'object is empty, which would join the path segments around it'],
    ['a\uDC00', 'object is not well-formed Unicode (it holds a lone surrogate)']
  ])('refuse %j, which would not stay one segment', (value, reason) => {
    const error = thrownBy(() => $.pathPart(value, 'object', 'PUT', template, loc), InvalidRequestError)
    expect(error.message).toBe(`crm.map:12:7 PUT ${template}: cannot be sent: ${reason}`)
    expect(error.retryable).toBe(false)
  })

  it('a URL parser resolves what they refuse: the path would have left /v1/objects/', () => {
    expect(new URL('https://api.crm.test/v1/objects/../records').pathname).toBe('/v1/records')
    expect(new URL('https://api.crm.test/v1/objects/%2e%2E/records').pathname).toBe('/v1/records')
  })
})

describe('values read from a response', () => {
  it('follows the keys', () => {
    expect($.responseValue({ data: { id: { record_id: 'r1' } } }, ['data', 'id', 'record_id'], 'company.data.id.record_id', loc)).toBe('r1')
    expect($.responseValue({ items: ['a', 'b'] }, ['items', 1], 'x.items[1]', loc)).toBe('b')
  })

  it('names the value and the line that read it when a step is missing or null', () => {
    const missing = thrownBy(() => $.responseValue({ data: {} }, ['data', 'id', 'record_id'], 'company.data.id.record_id', loc), ResponseError)
    expect(missing.message).toBe('crm.map:12:7 company.data.id.record_id is missing')
    const nulled = thrownBy(() => $.responseValue({ data: null }, ['data', 'id'], 'company.data.id', loc), ResponseError)
    expect(nulled.message).toBe('crm.map:12:7 company.data.id is null')
    expect(thrownBy(() => $.responseValue('text body', ['data'], 'company.data', loc), ResponseError).message).toBe('crm.map:12:7 company.data is missing')
  })
})

describe('coercion', () => {
  const coerced = (fn: (p: Record<string, unknown>, f: string) => void, value: unknown): unknown => {
    const payload: Record<string, unknown> = { f: value }
    fn(payload, 'f')
    return payload.f
  }

  it('turns numbers and booleans into text for a string field, and nothing else', () => {
    expect([0, -1.5, true, false, null, { a: 1 }, [1], 'x'].map((v) => coerced($.coerceToString, v))).toEqual(['0', '-1.5', 'true', 'false', null, { a: 1 }, [1], 'x'])
  })

  it('turns finite numeric text into a number for a number field, and nothing else', () => {
    expect(['12', ' 7 ', '-0.5', '1e3', '', '  ', 'abc', 'Infinity', 'NaN', true, null].map((v) => coerced($.coerceToNumber, v))).toEqual([
      12,
      7,
      -0.5,
      1000,
      '',
      '  ',
      'abc',
      'Infinity',
      'NaN',
      true,
      null
    ])
  })

  it('turns exactly "true" and "false" into booleans for a boolean field', () => {
    expect(['true', 'false', 'TRUE', '1', 1, 0, null].map((v) => coerced($.coerceToBoolean, v))).toEqual([true, false, 'TRUE', '1', 1, 0, null])
  })

  it('leaves a field that is not there absent', () => {
    const payload: Record<string, unknown> = {}
    $.coerceToString(payload, 'f')
    $.coerceToNumber(payload, 'f')
    $.coerceToBoolean(payload, 'f')
    expect(payload).toEqual({})
  })

  it('is idempotent', () => {
    fc.assert(
      fc.property(jsonValueArbitrary(1), (value) => {
        for (const fn of [$.coerceToString, $.coerceToNumber, $.coerceToBoolean]) {
          const once = coerced(fn, value)
          expect(coerced(fn, once)).toStrictEqual(once)
        }
      }),
      { numRuns: 500 }
    )
  })
})
