import { describe, expect, it } from 'vitest'
import { MappingError } from '../../../src/runtime/errors/index.js'
import { compileMapping, MAX_PATTERN_LENGTH, MAX_REPLACEMENT_LENGTH } from '../../../src/configuration/mapping-kit/index.js'
import { createRedactor } from '../../../src/runtime/redaction/index.js'

function compileError(mapping: unknown, at = 'mapping.field', options = {}): MappingError {
  try {
    compileMapping(mapping, at, options)
  } catch (error) {
    if (error instanceof MappingError) return error
    throw error
  }
  throw new Error('expected a MappingError')
}

describe('what cannot be expressed in the JSON fixtures', () => {
  it('keeps an absent array item as undefined, as Segment does (a JSON body sends it as null)', () => {
    const resolve = compileMapping([{ '@path': '$.a' }, { '@path': '$.nope' }], 'mapping.ids')
    const value = resolve({ a: 1 }) as unknown[]
    expect(value).toHaveLength(2)
    expect(value[0]).toBe(1)
    expect(1 in value && value[1] === undefined).toBe(true)
    expect(JSON.stringify(value)).toBe('[1,null]')
  })

  it('keeps absent items of an @arrayPath directive shape', () => {
    const resolve = compileMapping({ '@arrayPath': ['$.items', { '@path': '$.sku' }] }, 'mapping.skus')
    expect(resolve({ items: [{ sku: 'a' }, {}] })).toEqual(['a', undefined])
  })

  it('copies what it reads from the event, so changing the output never changes the event', () => {
    const event = { traits: { address: { city: 'Paris' } }, items: [{ sku: 'a' }] }
    const resolve = compileMapping({ t: { '@path': '$.traits' }, i: { '@path': '$.items' } }, 'mapping.x')
    const output = resolve(event) as { t: { address: { city: string } }; i: { sku: string }[] }
    output.t.address.city = 'Rome'
    output.i[0]!.sku = 'b'
    expect(event).toEqual({ traits: { address: { city: 'Paris' } }, items: [{ sku: 'a' }] })
  })

  it('resolves each event independently: nothing is cached between events', () => {
    const resolve = compileMapping({ id: { '@path': '$.userId' }, greeting: { '@template': 'hi {{userId}}' } }, 'mapping.x')
    expect(resolve({ userId: 'a' })).toEqual({ id: 'a', greeting: 'hi a' })
    expect(resolve({ userId: 'b' })).toEqual({ id: 'b', greeting: 'hi b' })
    expect(resolve({})).toEqual({ greeting: 'hi ' })
  })

  it("exposes Segment's @replace limits", () => {
    expect([MAX_PATTERN_LENGTH, MAX_REPLACEMENT_LENGTH]).toEqual([10, 10])
  })

  it('a @json encode of a circular value fails the event with a MappingError, not a TypeError', () => {
    const circular: Record<string, unknown> = {}
    circular.self = circular
    const resolve = compileMapping({ '@json': { mode: 'encode', value: { '@path': '$.c' } } }, 'mapping.x')
    expect(() => resolve({ c: circular })).toThrow(MappingError)
    expect(() => resolve({ c: circular })).toThrow('mapping mapping.x["@json"]: cannot encode the value as JSON (it is circular or holds a BigInt)')
  })
})

describe('values that are not JSON', () => {
  it.each([
    [undefined, 'is absent, which is not a JSON value'],
    [() => 1, 'is a function, which is not a JSON value'],
    [new Date(0), 'is an object, which is not a JSON value'],
    [Number.NaN, 'is NaN, which is not a JSON number'],
    [Infinity, 'is Infinity, which is not a JSON number']
  ])('%s is refused', (mapping, reason) => {
    expect(compileError({ a: [mapping] }).message).toBe(`mapping mapping.field.a[0]: ${reason}`)
  })
})

describe('errors', () => {
  it('are MappingErrors with the path as keys, a code, and the subscription when given', () => {
    const error = compileError({ '@if': { exists: { '@path': '$.a' }, then: { '@nope': 1 } } }, 'mapping.user_id', { subscription: 'Identify Calls' })
    expect(error.code).toBe('MAPPING')
    expect(error.path).toEqual(['mapping', 'user_id', '@if', 'then', '@nope'])
    expect(error.subscription).toBe('Identify Calls')
    expect(error.message).toMatch(/^subscription "Identify Calls" mapping mapping\.user_id\["@if"\]\.then\["@nope"\]: is not a directive;/)
  })

  it('take `at` as one key when it is not a path', () => {
    expect(compileError({ '@nope': 1 }, 'a..b').path).toEqual(['a..b', '@nope'])
  })

  it('pass through the redactor, so a secret written into a mapping does not reach the message', () => {
    const secret = 'sk_live_0123456789abcdef'
    const error = compileError({ '@case': { operator: secret, value: 'x' } }, 'mapping.x', { errorOptions: { redactor: createRedactor([secret]) } })
    expect(error.message).not.toContain(secret)
    expect(error.message).toContain('[REDACTED]')
  })

  it('per-event errors never quote event data', () => {
    const resolve = compileMapping({ '@path': { '@path': '$.p' } }, 'mapping.x')
    let message = ''
    try {
      resolve({ p: { password: 'hunter2' } })
    } catch (error) {
      message = (error as Error).message
    }
    expect(message).toBe('mapping mapping.x["@path"]: must resolve to a string, but resolved to an object')
  })
})
