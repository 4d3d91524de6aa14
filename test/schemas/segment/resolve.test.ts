import { describe, expect, it } from 'vitest'
import { SchemaError, type JsonSchemaObject } from '../../../src/schemas/segment/index.js'
import { flattenAllOf } from '../../../src/schemas/segment/flatten-all-of.js'
import { inlineRefs, type SchemaDocuments } from '../../../src/schemas/segment/inline-refs.js'
import { resolveSchema } from '../../../src/schemas/segment/resolve.js'

const base = 'https://mapc.example/schemas/test/'

function documents(...schemas: JsonSchemaObject[]): SchemaDocuments {
  return new Map(schemas.map((schema) => [String(schema.$id), schema]))
}

describe('inlineRefs', () => {
  it('copies what a relative reference to another document names, dropping that document’s $id and $schema', () => {
    const docs = documents(
      { $id: `${base}a.json`, type: 'object', properties: { b: { $ref: 'b.json' } } },
      { $id: `${base}b.json`, $schema: 'http://json-schema.org/draft-07/schema#', title: 'B', type: 'string' }
    )
    expect(inlineRefs(`${base}a.json`, docs)).toEqual({
      type: 'object',
      properties: { b: { title: 'B', type: 'string' } }
    })
  })

  it('follows JSON Pointer fragments, escapes included, and drops definitions', () => {
    const docs = documents({
      $id: `${base}a.json`,
      type: 'array',
      items: { $ref: '#/definitions/a~1b%20c' },
      definitions: {
        'a/b c': { type: 'object', properties: { self: { $ref: '#/definitions/leaf' } } },
        leaf: { type: 'null' }
      }
    })
    expect(inlineRefs(`${base}a.json`, docs)).toEqual({
      type: 'array',
      items: { type: 'object', properties: { self: { type: 'null' } } }
    })
  })

  it('keeps annotations beside a $ref and refuses constraints there', () => {
    const docs = documents(
      { $id: `${base}a.json`, properties: { x: { $ref: 'b.json', 'x-mapc-reserved': true, description: 'why' } } },
      { $id: `${base}b.json`, type: 'string', description: 'what' }
    )
    expect(inlineRefs(`${base}a.json`, docs)).toEqual({
      properties: { x: { type: 'string', description: 'why', 'x-mapc-reserved': true } }
    })
    const constrained = documents({ $id: `${base}c.json`, properties: { x: { $ref: 'c.json', minLength: 1 } } })
    expect(() => inlineRefs(`${base}c.json`, constrained)).toThrow(
      new SchemaError(`${base}c.json`, '#/properties/x', 'only annotations may stand beside $ref, found "minLength"')
    )
  })

  it('leaves data alone: an example that looks like a reference stays an example', () => {
    const docs = documents({
      $id: `${base}a.json`,
      type: 'object',
      examples: [{ $ref: 'nowhere.json' }],
      enum: [{ $ref: '#' }]
    })
    expect(inlineRefs(`${base}a.json`, docs)).toEqual({
      type: 'object',
      examples: [{ $ref: 'nowhere.json' }],
      enum: [{ $ref: '#' }]
    })
  })

  it('reports a cycle with the chain of references', () => {
    const docs = documents(
      { $id: `${base}a.json`, properties: { next: { $ref: 'b.json' } } },
      { $id: `${base}b.json`, items: { $ref: 'a.json' } }
    )
    expect(() => inlineRefs(`${base}a.json`, docs)).toThrow(
      `${base}b.json#/items: $ref "a.json" refers to itself through ${base}a.json -> ${base}b.json -> ${base}a.json`
    )
  })

  it('reports references to nothing', () => {
    const docs = documents({
      $id: `${base}a.json`,
      properties: { x: { $ref: 'missing.json' }, y: { $ref: '#/definitions/nope' } }
    })
    expect(() => inlineRefs(`${base}a.json`, docs)).toThrow(
      `${base}a.json#/properties/x: $ref "missing.json": no schema document has the $id ${base}missing.json`
    )
    const pointerOnly = documents({ $id: `${base}b.json`, properties: { y: { $ref: '#/definitions/nope' } } })
    expect(() => inlineRefs(`${base}b.json`, pointerOnly)).toThrow(
      `${base}b.json#/properties/y: $ref "#/definitions/nope" points at nothing`
    )
    const anchor = documents({ $id: `${base}d.json`, items: { $ref: '#thing' } })
    expect(() => inlineRefs(`${base}d.json`, anchor)).toThrow(
      `${base}d.json#/items/$ref: only JSON Pointer fragments are supported, not "#thing"`
    )
    expect(() => inlineRefs(`${base}zzz.json`, anchor)).toThrow(`${base}zzz.json#: no schema document has this $id`)
  })

  it('reports what is not a schema where a schema must be', () => {
    const docs = documents({ $id: `${base}a.json`, properties: { x: 'string' } } as unknown as JsonSchemaObject)
    expect(() => inlineRefs(`${base}a.json`, docs)).toThrow(
      `${base}a.json#/properties/x: a schema must be an object or a boolean`
    )
    const list = documents({ $id: `${base}b.json`, anyOf: { type: 'string' } } as unknown as JsonSchemaObject)
    expect(() => inlineRefs(`${base}b.json`, list)).toThrow(`${base}b.json#/anyOf: must be a list of schemas`)
  })
})

describe('flattenAllOf', () => {
  it('folds nested allOf into their holders, the holder’s annotations winning', () => {
    const schema: JsonSchemaObject = {
      title: 'own',
      allOf: [{ title: 'part', type: 'object', properties: { a: { type: ['string', 'null'] } } }],
      properties: { a: { type: 'string' }, b: { allOf: [{ minimum: 1 }, { maximum: 3 }], type: 'integer' } }
    }
    expect(flattenAllOf(schema, 'doc')).toEqual({
      title: 'own',
      type: 'object',
      properties: { a: { type: 'string' }, b: { minimum: 1, maximum: 3, type: 'integer' } }
    })
  })

  it('reports what cannot be folded where it is', () => {
    expect(() =>
      flattenAllOf({ properties: { x: { allOf: [{ type: 'string' }, { type: 'number' }] } } }, 'doc')
    ).toThrow('doc#/properties/x/type: no value is both "string" and "number"')
  })
})

describe('resolveSchema', () => {
  it('inlines, folds and freezes a document with the draft-07 $schema', () => {
    const docs = documents(
      { $id: `${base}common.json`, type: 'object', properties: { type: { type: 'string' } }, required: ['type'] },
      { $id: `${base}call.json`, allOf: [{ $ref: 'common.json' }], properties: { type: { const: 'call' } } }
    )
    const resolved = resolveSchema(`${base}call.json`, docs)
    expect(resolved).toEqual({
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'object',
      properties: { type: { type: 'string', const: 'call' } },
      required: ['type']
    })
    expect(Object.isFrozen(resolved.properties)).toBe(true)
  })

  it('refuses a document that resolves to a boolean schema', () => {
    const docs = documents(
      { $id: `${base}a.json`, allOf: [{ $ref: 'b.json' }] },
      { $id: `${base}b.json`, not: {}, allOf: [false] }
    )
    expect(() => resolveSchema(`${base}a.json`, docs)).toThrow(
      `${base}a.json#: resolves to a boolean schema, not an object schema`
    )
  })
})
