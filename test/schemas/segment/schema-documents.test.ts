import { readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Ajv } from 'ajv'
import { describe, expect, it } from 'vitest'
import {
  commonSchema,
  eventSchema,
  eventTypes,
  segmentSchemaDocuments,
  segmentSchemaId,
  type EventType,
  type JsonSchema,
  type JsonSchemaObject
} from '../../../src/schemas/segment/index.js'
import { createAjv, createSegmentAjv, isValid } from './segment-ajv.js'

const schemaDirectory = fileURLToPath(new URL('../../../src/schemas/segment/', import.meta.url))

function document(name: string): JsonSchemaObject {
  const found = segmentSchemaDocuments.get(segmentSchemaId(name))
  if (found === undefined) throw new Error(`no document ${name}`)
  return found
}

function propertiesOf(schema: JsonSchema | undefined): Record<string, JsonSchema> {
  return typeof schema === 'object' && schema.properties !== undefined ? schema.properties : {}
}

/** Every subschema of a resolved schema, with its JSON Pointer. Data keywords (examples, enum) are not walked. */
function* subschemas(schema: JsonSchema, path = '#'): Generator<[string, JsonSchemaObject]> {
  if (typeof schema === 'boolean') return
  yield [path, schema]
  for (const [name, property] of Object.entries(propertiesOf(schema)))
    yield* subschemas(property, `${path}/properties/${name}`)
  for (const keyword of ['additionalProperties', 'items'] as const) {
    const child = schema[keyword]
    if (child !== undefined && !Array.isArray(child)) yield* subschemas(child, `${path}/${keyword}`)
  }
  for (const keyword of ['anyOf', 'allOf'] as const) {
    for (const [index, child] of (schema[keyword] ?? []).entries())
      yield* subschemas(child, `${path}/${keyword}/${index}`)
  }
}

describe('the schema documents', () => {
  it('are exactly the *.schema.json files of src/schemas/segment', () => {
    const files = readdirSync(schemaDirectory).filter((file) => file.endsWith('.schema.json'))
    const ids = files.map((file) => segmentSchemaId(file.replace(/\.schema\.json$/, ''))).sort()
    expect([...segmentSchemaDocuments.keys()].sort()).toEqual(ids)
  })

  it('each compile in ajv strict mode with ajv-formats', () => {
    const ajv = createSegmentAjv()
    for (const id of segmentSchemaDocuments.keys()) {
      expect(() => ajv.getSchema(id), id).not.toThrow()
      expect(typeof ajv.getSchema(id), id).toBe('function')
    }
  })

  it('are refused by strict mode when mapc’s annotation keyword is not registered', () => {
    const ajv = new Ajv({ strict: true })
    expect(() =>
      ajv.compile({ type: 'object', properties: { email: { type: 'string', 'x-mapc-reserved': true } } })
    ).toThrow(/unknown keyword: "x-mapc-reserved"/)
  })

  it('are frozen', () => {
    const identify = document('identify')
    expect(Object.isFrozen(identify)).toBe(true)
    expect(() => {
      ;(identify as Record<string, unknown>).title = 'changed'
    }).toThrow(TypeError)
  })

  it.each(eventTypes)('%s: is the common fields plus its own, with type fixed to "%s"', (type) => {
    const own = document(type)
    expect(own.allOf).toEqual([{ $ref: 'common.schema.json' }])
    expect(propertiesOf(own).type).toEqual({ const: type })
    expect(own.additionalProperties).toBe(true)
  })
})

/** The top-level fields a call type adds to the common ones (not refinements like alias's userId, not `false`). */
function ownFields(type: EventType): string[] {
  const common = propertiesOf(document('common'))
  return Object.entries(propertiesOf(document(type)))
    .filter(([name, schema]) => !(name in common) && schema !== false)
    .map(([name]) => name)
}

describe('fields that cannot exist', () => {
  it('are the own fields of the other call types, as the Spec assigns them', () => {
    expect(Object.fromEntries(eventTypes.map((type) => [type, ownFields(type).sort()]))).toEqual({
      identify: ['traits'],
      track: ['event', 'properties'],
      group: ['groupId', 'traits'],
      page: ['category', 'name', 'properties'],
      screen: ['category', 'name', 'properties'],
      alias: ['previousId']
    })
  })

  it.each(eventTypes)('%s: declares false exactly the fields only other call types have', (type) => {
    const own = new Set(ownFields(type))
    const others = new Set(eventTypes.filter((other) => other !== type).flatMap(ownFields))
    const expected = [...others].filter((name) => !own.has(name)).sort()
    const declaredFalse = Object.entries(propertiesOf(document(type)))
      .filter(([, schema]) => schema === false)
      .map(([name]) => name)
      .sort()
    expect(declaredFalse).toEqual(expected)
  })

  it('identify declares false exactly event, properties, groupId, previousId, name and category', () => {
    const falseFields = Object.entries(propertiesOf(eventSchema('identify'))).filter(([, schema]) => schema === false)
    expect(falseFields.map(([name]) => name).sort()).toEqual([
      'category',
      'event',
      'groupId',
      'name',
      'previousId',
      'properties'
    ])
  })
})

describe('reserved names', () => {
  const reservedIn = (schema: JsonSchema | undefined): string[] =>
    Object.entries(propertiesOf(schema))
      .filter(([, property]) => typeof property === 'object' && property['x-mapc-reserved'] === true)
      .map(([name]) => name)
      .sort()

  it('cover the Spec’s reserved identify traits (and the snake_case spellings it accepts)', () => {
    expect(reservedIn(propertiesOf(eventSchema('identify')).traits)).toEqual(
      [
        'address',
        'age',
        'avatar',
        'birthday',
        'company',
        'createdAt',
        'created_at',
        'description',
        'email',
        'firstName',
        'first_name',
        'gender',
        'id',
        'lastName',
        'last_name',
        'name',
        'phone',
        'title',
        'username',
        'website'
      ].sort()
    )
  })

  it('cover the Spec’s reserved group traits', () => {
    expect(reservedIn(propertiesOf(eventSchema('group')).traits)).toEqual(
      [
        'address',
        'avatar',
        'createdAt',
        'created_at',
        'description',
        'email',
        'employees',
        'id',
        'industry',
        'name',
        'phone',
        'plan',
        'website'
      ].sort()
    )
  })

  it('cover the reserved track, page and screen properties', () => {
    expect(reservedIn(propertiesOf(eventSchema('track')).properties)).toEqual(['currency', 'revenue', 'value'])
    expect(reservedIn(propertiesOf(eventSchema('page')).properties)).toEqual([
      'keywords',
      'name',
      'path',
      'referrer',
      'search',
      'title',
      'url'
    ])
    expect(reservedIn(propertiesOf(eventSchema('screen')).properties)).toEqual(['name'])
  })

  it('give context.traits the same reserved traits as identify', () => {
    const contextTraits = propertiesOf(propertiesOf(commonSchema).context).traits
    expect(contextTraits).toEqual(propertiesOf(eventSchema('identify')).traits)
  })

  it('type the context fields the Spec lists', () => {
    expect(Object.keys(propertiesOf(propertiesOf(commonSchema).context)).sort()).toEqual(
      [
        'active',
        'app',
        'campaign',
        'device',
        'groupId',
        'ip',
        'library',
        'locale',
        'location',
        'network',
        'os',
        'page',
        'referrer',
        'screen',
        'timezone',
        'traits',
        'userAgent',
        'userAgentData'
      ].sort()
    )
  })
})

describe('examples', () => {
  it('each validate against the schema they annotate', () => {
    const ajv = createAjv()
    let checked = 0
    for (const root of [commonSchema, ...eventTypes.map(eventSchema)]) {
      for (const [path, schema] of subschemas(root)) {
        if (schema.examples === undefined) continue
        const validate = ajv.compile(schema)
        for (const example of schema.examples) {
          expect(isValid(validate, example), `${String(root.title)} ${path}: ${JSON.stringify(example)}`).toBe(true)
          checked++
        }
      }
    }
    expect(checked).toBeGreaterThan(100)
  })
})
