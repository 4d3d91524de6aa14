import { describe, expect, it } from 'vitest'
import { resolveRef, schemaToType, type JsonSchema } from '../../src/compiler/check/schema-types.js'
import { display, isOnlyAbsent, memberType, type Type } from '../../src/compiler/check/types.js'
import { eventSchema } from '../../src/schemas/segment/index.js'

const typeOf = (schema: JsonSchema): string => display(schemaToType(schema))
const path = (t: Type, ...keys: string[]): Type => keys.reduce((acc, key) => memberType(acc, key), t)

describe('schemaToType: scalars', () => {
  it('maps JSON Schema types, formats and integers', () => {
    expect(typeOf({ type: 'string' })).toBe('string')
    expect(typeOf({ type: 'string', format: 'email' })).toBe('string(email)')
    expect(typeOf({ type: 'integer' })).toBe('integer')
    expect(typeOf({ type: 'number' })).toBe('number')
    expect(typeOf({ type: 'boolean' })).toBe('boolean')
    expect(typeOf({ type: 'null' })).toBe('null')
    expect(typeOf({ type: ['string', 'null'] })).toBe('string | null')
  })

  it('reads boolean schemas and untyped schemas', () => {
    expect(typeOf(true)).toBe('any')
    expect(typeOf(false)).toBe('never')
    expect(typeOf({})).toBe('any')
    expect(typeOf({ description: 'anything', minLength: 1 })).toBe('any')
  })

  it('turns const and enum into literals', () => {
    expect(typeOf({ const: 'create-or-update' })).toBe('"create-or-update"')
    expect(typeOf({ enum: ['append', 'overwrite', 3, true, null] })).toBe('"append" | "overwrite" | 3 | true | null')
    expect(typeOf({ const: { nested: true } })).toBe('any')
  })
})

describe('schemaToType: objects and arrays', () => {
  it('makes properties that are not required possibly absent', () => {
    const t = schemaToType({
      type: 'object',
      required: ['id'],
      properties: { id: { type: 'string' }, name: { type: 'string' } },
      additionalProperties: false
    })
    expect(display(t)).toBe('{ id: string, name: string | absent }')
  })

  it('keeps a property that is false as never, so a path through it cannot exist', () => {
    const t = schemaToType({ type: 'object', properties: { event: false } })
    expect(memberType(t, 'event').kind).toBe('never')
  })

  it('treats additionalProperties: unset and true as open, false as closed, a schema as the rest', () => {
    expect(display(path(schemaToType({ type: 'object', properties: {} }), 'x'))).toBe('any | absent')
    expect(display(path(schemaToType({ type: 'object', additionalProperties: true }), 'x'))).toBe('any | absent')
    expect(path(schemaToType({ type: 'object', additionalProperties: false }), 'x').kind).toBe('never')
    expect(display(path(schemaToType({ type: 'object', additionalProperties: { type: 'number' } }), 'x'))).toBe('number | absent')
  })

  it('reads properties without a type as an object', () => {
    expect(typeOf({ properties: { a: { type: 'string' } }, required: ['a'] })).toBe('{ a: string, … }')
  })

  it('types array items, and any items when unspecified', () => {
    expect(typeOf({ type: 'array', items: { type: 'string' } })).toBe('array of string')
    expect(typeOf({ type: 'array' })).toBe('array of any')
  })
})

describe('schemaToType: references', () => {
  const root: JsonSchema = {
    definitions: { id: { type: 'string', format: 'uuid' }, 'a/b': { type: 'integer' } },
    $defs: { flag: { type: 'boolean' } }
  }

  it('resolves #/definitions, #/$defs and JSON Pointer escapes', () => {
    expect(display(schemaToType({ $ref: '#/definitions/id' }, root))).toBe('string(uuid)')
    expect(display(schemaToType({ $ref: '#/$defs/flag' }, root))).toBe('boolean')
    expect(display(schemaToType({ $ref: '#/definitions/a~1b' }, root))).toBe('integer')
  })

  it('reads an unresolvable or external reference as any', () => {
    expect(display(schemaToType({ $ref: '#/definitions/missing' }, root))).toBe('any')
    expect(display(schemaToType({ $ref: 'other.json#/x' }, root))).toBe('any')
    expect(resolveRef(root, 'other.json#/x')).toBeUndefined()
    expect(resolveRef(root, '#/definitions/toString')).toBeUndefined()
  })

  it('ends a self-referencing schema as any instead of recursing forever', () => {
    const json: JsonSchema = {
      definitions: { value: { anyOf: [{ type: 'string' }, { type: 'array', items: { $ref: '#/definitions/value' } }] } }
    }
    const t = schemaToType({ $ref: '#/definitions/value' }, json)
    expect(display(t).startsWith('string | array of string | array of')).toBe(true)
  })
})

describe('schemaToType: combinators', () => {
  it('unions oneOf and anyOf branches', () => {
    expect(typeOf({ oneOf: [{ type: 'string' }, { type: 'number' }] })).toBe('string | number')
    expect(typeOf({ anyOf: [{ type: 'null' }, { type: 'string', format: 'date' }] })).toBe('null | string(date)')
  })

  it('merges allOf object parts, required from one making a property of the other present', () => {
    const t = schemaToType({
      allOf: [
        { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' } } },
        { type: 'object', required: ['id'], properties: { id: { type: 'string' } } }
      ]
    })
    expect(display(memberType(t, 'id'))).toBe('string')
    expect(display(memberType(t, 'name'))).toBe('string | absent')
  })

  it('closes an allOf when one part is closed', () => {
    const t = schemaToType({
      allOf: [{ type: 'object', properties: { a: { type: 'string' } }, additionalProperties: false }, { type: 'object' }]
    })
    expect(memberType(t, 'b').kind).toBe('never')
  })

  it('applies anyOf together with the schema’s own properties', () => {
    // The shape of every Segment event schema: properties plus "a userId or an anonymousId".
    const t = schemaToType({
      type: 'object',
      properties: { userId: { type: 'string' }, anonymousId: { type: 'string' }, event: false },
      anyOf: [
        { type: 'object', required: ['userId'], properties: { userId: { type: 'string' } } },
        { type: 'object', required: ['anonymousId'], properties: { anonymousId: { type: 'string' } } }
      ]
    })
    expect(memberType(t, 'event').kind).toBe('never')
    expect(display(memberType(t, 'userId'))).toBe('string | absent')
    expect(display(memberType(t, 'anonymousId'))).toBe('string | absent')
  })

  it('is never when the own type and every branch disagree', () => {
    expect(typeOf({ type: 'string', oneOf: [{ type: 'number' }, { type: 'boolean' }] })).toBe('never')
  })
})

describe('schemaToType: the Segment Spec', () => {
  const typeOfEvent = (type: Parameters<typeof eventSchema>[0]): Type => {
    const schema = eventSchema(type) as unknown as JsonSchema
    return schemaToType(schema, schema)
  }

  it('knows which top-level fields each call type cannot have', () => {
    const identify = typeOfEvent('identify')
    for (const key of ['event', 'properties', 'groupId', 'name', 'category', 'previousId']) {
      expect(isOnlyAbsent(memberType(identify, key)), key).toBe(true)
    }
    const track = typeOfEvent('track')
    expect(isOnlyAbsent(memberType(track, 'traits'))).toBe(true)
    expect(display(memberType(track, 'event'))).toBe('string')
  })

  it('types reserved traits and leaves unknown fields open', () => {
    const identify = typeOfEvent('identify')
    expect(display(path(identify, 'traits', 'email'))).toBe('string(email) | null | absent')
    expect(display(path(identify, 'traits', 'favouriteColour'))).toBe('any | absent')
    expect(display(path(identify, 'website'))).toBe('any | absent')
    expect(display(path(identify, 'type'))).toBe('"identify"')
  })

  it('keeps userId optional, since either it or anonymousId is required', () => {
    expect(display(memberType(typeOfEvent('identify'), 'userId'))).toBe('string | null | absent')
    // An alias requires a non-null userId.
    expect(display(memberType(typeOfEvent('alias'), 'userId'))).toBe('string')
  })
})
