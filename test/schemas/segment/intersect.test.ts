import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { SchemaError, type JsonSchema } from '../../../src/schemas/segment/index.js'
import { intersectSchemas } from '../../../src/schemas/segment/intersect.js'
import { arbitraryFromSchema, jsonValueArbitrary } from '../../../src/testing/index.js'
import { createAjv, isValid } from './segment-ajv.js'

const at = { document: 'test', path: ['properties', 'x'] }

describe('intersectSchemas', () => {
  it('treats true as the identity and false as the absorbing schema', () => {
    const schema = { type: 'string' } as const
    expect(intersectSchemas(true, schema, at)).toBe(schema)
    expect(intersectSchemas(schema, true, at)).toBe(schema)
    expect(intersectSchemas(schema, false, at)).toBe(false)
    expect(intersectSchemas(false, true, at)).toBe(false)
  })

  it('intersects types, reading integer as a kind of number', () => {
    expect(intersectSchemas({ type: ['string', 'null'] }, { type: 'string' }, at)).toEqual({ type: 'string' })
    expect(intersectSchemas({ type: 'number' }, { type: 'integer' }, at)).toEqual({ type: 'integer' })
    expect(intersectSchemas({ type: ['integer', 'null'] }, { type: ['number', 'null', 'string'] }, at)).toEqual({
      type: ['integer', 'null']
    })
  })

  it('merges properties name by name and unites required', () => {
    const merged = intersectSchemas(
      { type: 'object', properties: { a: { type: 'string' }, b: { type: ['number', 'null'] } }, required: ['a'] },
      { properties: { b: { type: 'number', minimum: 0 }, c: false }, required: ['b', 'a'] },
      at
    )
    expect(merged).toEqual({
      type: 'object',
      properties: { a: { type: 'string' }, b: { type: 'number', minimum: 0 }, c: false },
      required: ['a', 'b']
    })
  })

  it('keeps the tighter bound and the common enum values', () => {
    expect(intersectSchemas({ minLength: 1, maxLength: 10 }, { minLength: 3, maxLength: 20 }, at)).toEqual({
      minLength: 3,
      maxLength: 10
    })
    expect(intersectSchemas({ enum: ['a', 'b', 'c'] }, { enum: ['c', 'a', 'z'] }, at)).toEqual({ enum: ['a', 'c'] })
  })

  it('drops an enum that a const inside it makes redundant', () => {
    expect(intersectSchemas({ type: 'string', enum: ['identify', 'track'] }, { const: 'track' }, at)).toEqual({
      type: 'string',
      const: 'track'
    })
  })

  it('lets the second schema’s annotations win', () => {
    expect(
      intersectSchemas({ title: 'common', description: 'a', examples: [1] }, { title: 'own', examples: [2] }, at)
    ).toEqual({
      title: 'own',
      description: 'a',
      examples: [2]
    })
  })

  it('refuses what no value satisfies, naming the place', () => {
    expect(() => intersectSchemas({ type: 'string' }, { type: 'number' }, at)).toThrow(
      new SchemaError('test', '#/properties/x/type', 'no value is both "string" and "number"')
    )
    expect(() => intersectSchemas({ enum: [1] }, { enum: [2] }, at)).toThrow(
      'test#/properties/x/enum: the two enums have no value in common'
    )
    expect(() => intersectSchemas({ enum: ['a'] }, { const: 'b' }, at)).toThrow(
      'test#/properties/x/const: const "b" is not in the enum'
    )
  })

  it('refuses keywords it cannot combine instead of guessing', () => {
    expect(() => intersectSchemas({ format: 'email' }, { format: 'uri' }, at)).toThrow(
      'test#/properties/x/format: both schemas set "format" differently ("email" and "uri"); mapc cannot combine them'
    )
    expect(() => intersectSchemas({ if: { type: 'string' }, then: { minLength: 1 } }, { type: 'string' }, at)).toThrow(
      'test#/properties/x: "if" depends on sibling keywords; mapc does not merge schemas that use it'
    )
  })

  it('refuses to exempt properties from the other schema’s additionalProperties', () => {
    expect(() =>
      intersectSchemas({ properties: { a: true }, additionalProperties: false }, { properties: { b: true } }, at)
    ).toThrow(`test#/properties/x: "b" would escape the other schema's additionalProperties; mapc cannot merge them`)
    expect(
      intersectSchemas(
        { properties: { a: true }, additionalProperties: false },
        { properties: { a: { type: 'string' } } },
        at
      )
    ).toEqual({
      properties: { a: { type: 'string' } },
      additionalProperties: false
    })
  })

  describe('accepts exactly what allOf of the two accepts', () => {
    const pool: JsonSchema[] = [
      true,
      { type: ['string', 'null'] },
      { type: 'string', minLength: 2 },
      { type: 'string', maxLength: 30, format: 'email' },
      { type: ['number', 'string'], minimum: 0 },
      { type: 'integer', maximum: 100 },
      { enum: ['a', 'bb', 1, null] },
      { type: 'object', properties: { a: { type: 'string' }, b: { type: ['integer', 'null'] } }, required: ['a'] },
      { type: 'object', properties: { a: { type: ['string', 'number'], minLength: 1 }, c: false } },
      {
        properties: { b: { type: 'integer', minimum: 3 } },
        required: ['b'],
        anyOf: [{ required: ['a'] }, { required: ['c'] }]
      },
      { type: 'array', items: { type: 'string' }, maxItems: 3 },
      { type: 'array', items: { type: ['string', 'number'], minLength: 1 } }
    ]
    // Loose mode: the pool mixes keywords of several types in one schema on purpose.
    const ajv = createAjv({ strict: false })

    it('for every mergeable pair and value', () => {
      const pair = fc.tuple(fc.constantFrom(...pool), fc.constantFrom(...pool))
      const valuesFor = ([a, b]: [JsonSchema, JsonSchema]) =>
        fc.oneof(
          jsonValueArbitrary(2),
          arbitraryFromSchema(a, { adversarial: true }),
          arbitraryFromSchema(b, { adversarial: true })
        )
      let mergeable = 0
      fc.assert(
        fc.property(
          pair.chain((schemas) => fc.tuple(fc.constant(schemas), valuesFor(schemas))),
          ([[a, b], value]) => {
            let merged: JsonSchema
            try {
              merged = intersectSchemas(a, b, at)
            } catch (error) {
              expect(error).toBeInstanceOf(SchemaError)
              return
            }
            mergeable++
            expect(isValid(ajv.compile(merged), value)).toBe(isValid(ajv.compile({ allOf: [a, b] }), value))
          }
        ),
        { seed: 7, numRuns: 1000 }
      )
      expect(mergeable).toBeGreaterThan(500)
    })
  })
})
