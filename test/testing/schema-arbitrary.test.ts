import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { SchemaError, type JsonSchema } from '../../src/schemas/segment/index.js'
import { arbitraryFromSchema } from '../../src/testing/index.js'
import { createAjv, describeErrors } from '../schemas/segment/segment-ajv.js'

const ajv = createAjv({ strict: false })

function values(schema: JsonSchema, options: { adversarial?: boolean } = {}, runs = 300): unknown[] {
  return fc.sample(arbitraryFromSchema(schema, options), { seed: 11, numRuns: runs })
}

const person: JsonSchema = {
  title: 'person',
  type: 'object',
  properties: {
    id: { type: 'string', minLength: 3, maxLength: 8 },
    age: { type: 'integer', minimum: 18, exclusiveMaximum: 21 },
    score: { type: 'number', exclusiveMinimum: 0, maximum: 1 },
    kind: { enum: ['a', 'b', 7] },
    tags: { type: 'array', items: { type: 'string', format: 'uuid' }, minItems: 1, maxItems: 2 },
    email: { type: ['string', 'null'], format: 'email' },
    when: { type: 'string', anyOf: [{ format: 'date' }, { format: 'date-time' }] },
    version: { anyOf: [{ type: 'number' }, { type: 'string' }], examples: ['1.1', 2] },
    fixed: { const: 'person' },
    legacy: false
  },
  required: ['id', 'fixed'],
  additionalProperties: { type: 'boolean' }
}

describe('arbitraryFromSchema', () => {
  it('produces only values the schema accepts, for every keyword it supports', () => {
    const validate = ajv.compile(person)
    for (const value of values(person, {}, 1000)) {
      validate(value)
      expect(describeErrors(validate.errors), JSON.stringify(value)).toEqual([])
    }
  })

  it('always includes required properties and sometimes the optional ones', () => {
    const sampled = values(person) as Record<string, unknown>[]
    expect(sampled.every((value) => 'id' in value && value.fixed === 'person')).toBe(true)
    const withAge = sampled.filter((value) => 'age' in value).length
    expect(withAge).toBeGreaterThan(sampled.length * 0.4)
    expect(withAge).toBeLessThan(sampled.length * 0.9)
  })

  it('never produces a property declared false unless adversarial, and then sometimes', () => {
    expect((values(person) as object[]).filter((value) => 'legacy' in value)).toEqual([])
    const adversarial = values(person, { adversarial: true }, 1000) as object[]
    expect(adversarial.filter((value) => 'legacy' in value).length).toBeGreaterThan(20)
  })

  it('gives extra keys values of the additionalProperties schema, and none when it is false', () => {
    const extras = (values(person) as Record<string, unknown>[]).flatMap((value) =>
      Object.entries(value).filter(([key]) => !(key in (person as { properties: object }).properties))
    )
    expect(extras.length).toBeGreaterThan(20)
    expect(extras.every(([, value]) => typeof value === 'boolean')).toBe(true)
    const closed: JsonSchema = { type: 'object', properties: { a: { type: 'null' } }, additionalProperties: false }
    expect((values(closed) as object[]).every((value) => Object.keys(value).every((key) => key === 'a'))).toBe(true)
  })

  it('prefers the examples, of the right type, to random values', () => {
    const versions = (values(person, {}, 1000) as Record<string, unknown>[])
      .map((value) => value.version)
      .filter((v) => v !== undefined)
    expect(versions.filter((v) => v === '1.1' || v === 2).length).toBeGreaterThan(versions.length * 0.4)
    expect(versions.some((v) => typeof v === 'number' && v !== 2)).toBe(true)
  })

  it('keeps only the enum values of an allowed type', () => {
    expect(new Set(values({ type: 'string', enum: ['a', 1, null, 'b'] }))).toEqual(new Set(['a', 'b']))
  })

  it('honours maxExtraKeys', () => {
    const open: JsonSchema = { type: 'object', properties: { a: { type: 'null' } } }
    const sizes = (maxExtraKeys: number) =>
      fc
        .sample(arbitraryFromSchema(open, { maxExtraKeys }), { seed: 2, numRuns: 300 })
        .map((value) => Object.keys(value as object).length)
    expect(Math.max(...sizes(0))).toBe(1)
    expect(Math.max(...sizes(5))).toBe(6)
  })

  it('never replaces a const, even adversarially', () => {
    expect(
      (values(person, { adversarial: true }, 1000) as Record<string, unknown>[]).every(
        (value) => value.fixed === 'person'
      )
    ).toBe(true)
  })

  it('produces any JSON for true and for a schema without a type', () => {
    for (const schema of [true, {}, { description: 'anything' }] as JsonSchema[]) {
      const kinds = new Set(
        values(schema).map((value) => (Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value))
      )
      expect(kinds).toEqual(new Set(['string', 'number', 'boolean', 'null', 'array', 'object']))
    }
  })

  it('refuses what it cannot generate, saying where', () => {
    expect(() =>
      arbitraryFromSchema({ title: 'p', type: 'object', properties: { code: { type: 'string', pattern: '^[A-Z]+$' } } })
    ).toThrow(
      new SchemaError('p', '#/properties/code/pattern', 'arbitraryFromSchema cannot generate values for "pattern"')
    )
    expect(() => arbitraryFromSchema({ properties: { x: { $ref: 'other.json' } } })).toThrow(
      'schema#/properties/x/$ref: resolve references first (eventSchema returns resolved schemas)'
    )
    expect(() => arbitraryFromSchema({ type: 'string', format: 'iban' })).toThrow(
      'schema#/format: no generator for format "iban" (known: date-time, date, email, uri, hostname, uuid, ipv4, ipv6)'
    )
    expect(() => arbitraryFromSchema({ type: 'object', properties: { a: false }, required: ['a'] })).toThrow(
      'schema#/properties/a: "a" is required but its schema is false'
    )
    expect(() => arbitraryFromSchema({ type: 'integer', minimum: 1.2, maximum: 1.8 })).toThrow(
      'schema#: no integer lies within the bounds'
    )
    expect(() => arbitraryFromSchema({ type: 'string', anyOf: [{ type: 'number' }] })).toThrow(
      'schema#/anyOf/0/type: no value is both "string" and "number"'
    )
    expect(() => arbitraryFromSchema(false)).toThrow('schema#: no value satisfies the schema false')
    expect(() => arbitraryFromSchema('string' as unknown as JsonSchema)).toThrow(
      'schema#: a schema must be an object or a boolean'
    )
    expect(() =>
      arbitraryFromSchema({ type: 'object', properties: { n: { type: 'strng' } } } as unknown as JsonSchema)
    ).toThrow('schema#/properties/n/type: unknown type "strng"')
    expect(() => arbitraryFromSchema({ type: 'string', enum: [1, null] })).toThrow(
      'schema#/enum: no value of the enum has an allowed type'
    )
    expect(() => arbitraryFromSchema(true, { maxExtraKeys: -1 })).toThrow(
      new TypeError('maxExtraKeys must be a whole number ≥ 0, not -1')
    )
    expect(() => arbitraryFromSchema({ enum: [] })).toThrow('schema#/enum: no value of the enum has an allowed type')
  })
})
