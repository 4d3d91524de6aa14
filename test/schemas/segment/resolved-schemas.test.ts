import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  commonSchema,
  eventSchema,
  eventTypes,
  isReserved,
  segmentSchemaDocuments,
  segmentSchemaId,
  type EventType,
  type JsonSchema
} from '../../../src/schemas/segment/index.js'
import { eventArbitrary } from '../../../src/testing/index.js'
import { createAjv, documentValidators, isValid } from './segment-ajv.js'

function propertiesOf(schema: JsonSchema | undefined): Record<string, JsonSchema> {
  return typeof schema === 'object' && schema.properties !== undefined ? schema.properties : {}
}

/** Every keyword name used anywhere in schema positions of `schema`. */
function keywordsIn(schema: JsonSchema): Set<string> {
  const found = new Set<string>()
  const visit = (node: JsonSchema): void => {
    if (typeof node === 'boolean') return
    for (const keyword of Object.keys(node)) found.add(keyword)
    Object.values(propertiesOf(node)).forEach(visit)
    for (const child of [node.additionalProperties, node.items])
      if (child !== undefined && !Array.isArray(child)) visit(child)
    for (const child of [...(node.anyOf ?? []), ...(node.allOf ?? [])]) visit(child)
  }
  visit(schema)
  return found
}

describe('eventSchema', () => {
  it.each(eventTypes)('%s: has no $ref, allOf, $id or definitions left', (type) => {
    const keywords = keywordsIn(eventSchema(type))
    for (const keyword of ['$ref', 'allOf', '$id', 'definitions']) expect(keywords.has(keyword), keyword).toBe(false)
  })

  it.each(eventTypes)('%s: lists the common fields first, then its own, in one properties map', (type) => {
    const names = Object.keys(propertiesOf(eventSchema(type)))
    const common = Object.keys(propertiesOf(commonSchema))
    expect(names.slice(0, common.length)).toEqual(common)
    const document = segmentSchemaDocuments.get(segmentSchemaId(type))
    const added = Object.keys(propertiesOf(document)).filter((name) => !common.includes(name))
    expect(names.slice(common.length)).toEqual(added)
  })

  it.each(eventTypes)('%s: fixes type to its own name', (type) => {
    expect(propertiesOf(eventSchema(type)).type).toEqual({ type: 'string', const: type })
  })

  it('keeps the call type’s title and the identity requirement of the common fields', () => {
    const identify = eventSchema('identify')
    expect(identify.title).toBe('Segment identify call')
    expect(identify.required).toEqual(['type'])
    expect(identify.anyOf).toHaveLength(2)
  })

  it('narrows alias’s userId to a required non-empty string', () => {
    const alias = eventSchema('alias')
    expect(propertiesOf(alias).userId).toMatchObject({ type: 'string', minLength: 1 })
    expect(alias.required).toEqual(['type', 'userId'])
    expect(propertiesOf(eventSchema('identify')).userId).toMatchObject({ type: ['string', 'null'] })
  })

  it('inlines context, traits and the address they share', () => {
    const contextTraits = propertiesOf(propertiesOf(commonSchema).context).traits
    expect(propertiesOf(contextTraits).email).toMatchObject({ type: ['string', 'null'], format: 'email' })
    const address = propertiesOf(propertiesOf(eventSchema('group')).traits).address
    expect(address).toMatchObject({
      'x-mapc-reserved': true,
      anyOf: [{ title: 'Postal address', type: 'object' }, { type: 'null' }]
    })
    const brands = propertiesOf(propertiesOf(propertiesOf(commonSchema).context).userAgentData).brands
    expect(brands).toMatchObject({
      type: 'array',
      items: { type: 'object', properties: { brand: { type: 'string' } } }
    })
  })

  it('returns the same frozen schema every time', () => {
    const schema = eventSchema('track')
    expect(eventSchema('track')).toBe(schema)
    expect(Object.isFrozen(propertiesOf(propertiesOf(schema).properties).revenue)).toBe(true)
    expect(() => {
      ;(schema as Record<string, unknown>).additionalProperties = false
    }).toThrow(TypeError)
  })

  it('rejects an unknown event type with the list of known ones', () => {
    expect(() => eventSchema('purchase' as EventType)).toThrow(
      new TypeError('unknown event type "purchase": expected one of identify, track, group, page, screen, alias')
    )
  })

  it('marks reserved names, and only those', () => {
    const traits = propertiesOf(eventSchema('identify')).traits
    expect(isReserved(propertiesOf(traits).email)).toBe(true)
    expect(isReserved(traits)).toBe(false)
    expect(isReserved(propertiesOf(eventSchema('identify')).userId)).toBe(false)
    expect(isReserved(undefined)).toBe(false)
  })
})

describe('a resolved schema and its document', () => {
  const documents = documentValidators()
  const ajv = createAjv()
  const resolved = Object.fromEntries(eventTypes.map((type) => [type, ajv.compile(eventSchema(type))])) as Record<
    EventType,
    ReturnType<typeof ajv.compile>
  >

  it('accept and reject the same events, valid or adversarial', () => {
    const events = fc.oneof(eventArbitrary(), eventArbitrary(eventTypes, { adversarial: true }))
    let rejected = 0
    fc.assert(
      fc.property(events, (event) => {
        const byDocument = isValid(documents[event.type], event)
        if (!byDocument) rejected++
        expect(isValid(resolved[event.type], event)).toBe(byDocument)
      }),
      { seed: 20240524, numRuns: 400 }
    )
    expect(rejected).toBeGreaterThan(50)
  })
})
