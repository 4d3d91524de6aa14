/**
 * Values from a JSON Schema: one generic walk over the schema, not a generator per field.
 *
 * Valid mode produces only values the schema accepts: optional properties are sometimes left
 * out, open objects sometimes get extra keys, strings follow their `format`, and `examples`
 * supply realistic values. Adversarial mode mixes in, at every value position, what real
 * sources and attackers send instead (see adversarial.ts), and also fields the schema declares
 * `false`. A `const` (an event's `type`) is never replaced, so a value keeps its identity.
 *
 * Everything is built from fc.tuple / fc.option / fc.oneof (no chain, no random choice inside a
 * map) so that a failing value shrinks: optional keys drop out, adversarial values shrink back
 * to valid ones.
 */
import fc from 'fast-check'
import { intersectSchemas } from '../schemas/segment/intersect.js'
import {
  declaredTypes,
  isSchemaObject,
  jsonTypes,
  pointer,
  type JsonSchema,
  type JsonSchemaObject,
  type JsonType
} from '../schemas/segment/json-schema.js'
import { annotationKeywords } from '../schemas/segment/keywords.js'
import { SchemaError } from '../schemas/segment/schema-error.js'
import { adversarialValueArbitrary, hostileKeyArbitrary } from './adversarial.js'
import { formatArbitrary } from './formats.js'
import { customKeyArbitrary, jsonValueArbitrary } from './json-value.js'
import { plainObject } from './plain-object.js'

/** How `arbitraryFromSchema` generates. */
export interface SchemaArbitraryOptions {
  /** Mix hostile and wrongly typed values into every position (default false: only valid values). */
  adversarial?: boolean
  /** The most extra keys an open object gets (default 3). */
  maxExtraKeys?: number
}

/** Keywords the walker can honour; anything else is refused rather than silently ignored. */
const generatorKeywords = new Set([
  'type',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'minItems',
  'maxItems',
  'enum',
  'const',
  'format',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'anyOf',
  'allOf',
  'definitions'
])

/** In adversarial mode, one value in this many is replaced by an adversarial one. */
const adversarialOdds = 12

/** How often an optional property is left out: one time in this many. */
const omissionOdds = 3

/** What a schema without `type` allows: every JSON type (integers are among the numbers). */
const untypedTypes: readonly JsonType[] = ['null', 'boolean', 'number', 'string', 'array', 'object']

/** How many array items at most, unless the schema asks for more. */
const defaultMaxItems = 4

interface Walk {
  adversarial: boolean
  maxExtraKeys: number
  document: string
  path: (string | number)[]
}

/** An arbitrary of values for `schema` (resolved: no `$ref`). Throws SchemaError for what it cannot generate. */
export function arbitraryFromSchema(schema: JsonSchema, options: SchemaArbitraryOptions = {}): fc.Arbitrary<unknown> {
  const document = isSchemaObject(schema) && typeof schema.title === 'string' ? schema.title : 'schema'
  const maxExtraKeys = options.maxExtraKeys ?? 3
  if (!Number.isInteger(maxExtraKeys) || maxExtraKeys < 0)
    throw new TypeError(`maxExtraKeys must be a whole number ≥ 0, not ${String(maxExtraKeys)}`)
  return valueArbitrary(schema, { adversarial: options.adversarial ?? false, maxExtraKeys, document, path: [] })
}

function valueArbitrary(schema: JsonSchema, walk: Walk): fc.Arbitrary<unknown> {
  if (schema === true) return jsonValueArbitrary()
  if (schema === false) throw fail(walk, 'no value satisfies the schema false')
  if (!isSchemaObject(schema)) throw fail(walk, 'a schema must be an object or a boolean')
  checkGeneratable(schema, walk)
  if (schema.allOf !== undefined) {
    const own = omit(schema, 'allOf')
    const merged = schema.allOf.reduce<JsonSchema>(
      (all, part) => intersectSchemas(all, part, { document: walk.document, path: walk.path }),
      own
    )
    return valueArbitrary(merged, walk)
  }
  if (schema.anyOf !== undefined) return anyOfArbitrary(schema, schema.anyOf, walk)
  if ('const' in schema) return fc.constant(schema.const)
  // Without `type` every JSON type is allowed, each still bound by the keywords that apply to it.
  const types = declaredTypes(schema) ?? untypedTypes
  const unknownType = types.find((type) => !jsonTypes.includes(type))
  if (unknownType !== undefined) throw fail(at(walk, 'type'), `unknown type ${JSON.stringify(unknownType)}`)
  if (schema.enum !== undefined) {
    // An enum's values are trusted to meet the schema's other keywords; only their type is checked.
    const allowed = schema.enum.filter((value) => types.some((type) => hasJsonType(value, type)))
    if (allowed.length === 0) throw fail(at(walk, 'enum'), 'no value of the enum has an allowed type')
    return fc.constantFrom(...allowed)
  }
  const arbitraries = types.map((type) => typedArbitrary(type, schema, walk))
  return arbitraries.length === 1 ? (arbitraries[0] as fc.Arbitrary<unknown>) : fc.oneof(...arbitraries)
}

/** Each branch is generated as the schema around it narrowed by the branch. */
function anyOfArbitrary(schema: JsonSchemaObject, branches: JsonSchema[], walk: Walk): fc.Arbitrary<unknown> {
  const rest = omit(schema, 'anyOf')
  const arbitraries = branches.map((branch, index) => {
    const here = at(walk, 'anyOf', index)
    return valueArbitrary(intersectSchemas(rest, branch, { document: walk.document, path: here.path }), here)
  })
  if (arbitraries.length === 0) throw fail(at(walk, 'anyOf'), 'an empty anyOf accepts nothing')
  return fc.oneof(...arbitraries)
}

function typedArbitrary(type: JsonType, schema: JsonSchemaObject, walk: Walk): fc.Arbitrary<unknown> {
  switch (type) {
    case 'null':
      return fc.constant(null)
    case 'boolean':
      return fc.boolean()
    case 'integer':
      return withExamples(integerArbitrary(schema, walk), schema, type)
    case 'number':
      return withExamples(numberArbitrary(schema), schema, type)
    case 'string':
      return withExamples(stringArbitrary(schema, walk), schema, type)
    case 'array':
      return arrayArbitrary(schema, walk)
    case 'object':
      return objectArbitrary(schema, walk)
  }
}

/**
 * `examples` are realistic values: picked twice as often as generated ones, when of the right
 * type. They are trusted to meet the schema's other keywords (mapc's own are tested to).
 */
function withExamples(
  generated: fc.Arbitrary<unknown>,
  schema: JsonSchemaObject,
  type: JsonType
): fc.Arbitrary<unknown> {
  const examples = (schema.examples ?? []).filter((example) => hasJsonType(example, type))
  if (examples.length === 0) return generated
  return fc.oneof({ weight: 1, arbitrary: generated }, { weight: 2, arbitrary: fc.constantFrom(...examples) })
}

function stringArbitrary(schema: JsonSchemaObject, walk: Walk): fc.Arbitrary<string> {
  const minLength = numberKeyword(schema, 'minLength', walk) ?? 0
  const maxLength = numberKeyword(schema, 'maxLength', walk)
  if (schema.format === undefined) return fc.string(maxLength === undefined ? { minLength } : { minLength, maxLength })
  const formatted = formatArbitrary(schema.format, pointer([...walk.path, 'format']))
  if (minLength === 0 && maxLength === undefined) return formatted
  return formatted.filter(
    (value) => value.length >= minLength && (maxLength === undefined || value.length <= maxLength)
  )
}

/** The integers within the schema's bounds, or undefined when there are none. */
function integerBounds(schema: JsonSchemaObject): fc.IntegerConstraints | undefined {
  const bounds: fc.IntegerConstraints = {}
  const low = lowerBound(schema)
  const high = upperBound(schema)
  if (low !== undefined) bounds.min = low.exclusive ? Math.floor(low.value) + 1 : Math.ceil(low.value)
  if (high !== undefined) bounds.max = high.exclusive ? Math.ceil(high.value) - 1 : Math.floor(high.value)
  if (bounds.min !== undefined && bounds.max !== undefined && bounds.min > bounds.max) return undefined
  return bounds
}

function doubleBounds(schema: JsonSchemaObject): fc.DoubleConstraints {
  const bounds: fc.DoubleConstraints = { noNaN: true, noDefaultInfinity: true }
  const low = lowerBound(schema)
  const high = upperBound(schema)
  if (low !== undefined) Object.assign(bounds, { min: low.value, minExcluded: low.exclusive })
  if (high !== undefined) Object.assign(bounds, { max: high.value, maxExcluded: high.exclusive })
  return bounds
}

function integerArbitrary(schema: JsonSchemaObject, walk: Walk): fc.Arbitrary<number> {
  const bounds = integerBounds(schema)
  if (bounds === undefined) throw fail(walk, 'no integer lies within the bounds')
  return fc.integer(bounds)
}

/** Whole numbers are what most numeric fields hold; fractions come too. */
function numberArbitrary(schema: JsonSchemaObject): fc.Arbitrary<number> {
  const bounds = integerBounds(schema)
  const fractional = fc.double(doubleBounds(schema))
  return bounds === undefined ? fractional : fc.oneof(fc.integer(bounds), fractional)
}

interface Bound {
  value: number
  exclusive: boolean
}

function lowerBound(schema: JsonSchemaObject): Bound | undefined {
  const { minimum, exclusiveMinimum } = schema
  if (typeof exclusiveMinimum === 'number' && (typeof minimum !== 'number' || exclusiveMinimum >= minimum))
    return { value: exclusiveMinimum, exclusive: true }
  return typeof minimum === 'number' ? { value: minimum, exclusive: false } : undefined
}

function upperBound(schema: JsonSchemaObject): Bound | undefined {
  const { maximum, exclusiveMaximum } = schema
  if (typeof exclusiveMaximum === 'number' && (typeof maximum !== 'number' || exclusiveMaximum <= maximum))
    return { value: exclusiveMaximum, exclusive: true }
  return typeof maximum === 'number' ? { value: maximum, exclusive: false } : undefined
}

function arrayArbitrary(schema: JsonSchemaObject, walk: Walk): fc.Arbitrary<unknown[]> {
  const items = schema.items ?? true
  if (Array.isArray(items)) throw fail(at(walk, 'items'), 'tuple-form items (a list of schemas) is not supported')
  const minLength = numberKeyword(schema, 'minItems', walk) ?? 0
  const maxLength = numberKeyword(schema, 'maxItems', walk) ?? Math.max(minLength, defaultMaxItems)
  const item = positionArbitrary(items, { optional: false }, at(walk, 'items'))
  return fc.array(item, { minLength, maxLength })
}

/** Marks a property the generated object leaves out. */
const absent: unique symbol = Symbol('absent')

function objectArbitrary(schema: JsonSchemaObject, walk: Walk): fc.Arbitrary<Record<string, unknown>> {
  const properties = schema.properties ?? {}
  const required = new Set(schema.required ?? [])
  const declared = Object.entries(properties).filter(
    (entry): entry is [string, JsonSchemaObject | true] => entry[1] !== false
  )
  const forbidden = Object.keys(properties).filter((name) => properties[name] === false)
  for (const name of forbidden) {
    if (required.has(name)) throw fail(at(walk, 'properties', name), `"${name}" is required but its schema is false`)
  }
  const extraSchema = schema.additionalProperties ?? true
  // Required names the schema does not describe take the additionalProperties schema.
  const undescribed = [...required].filter((name) => !(name in properties))
  if (undescribed.length > 0 && extraSchema === false) {
    throw fail(at(walk, 'required'), `${undescribed.join(', ')} required but no schema allows them`)
  }

  const entries = [
    ...declared.map(([name, property]) =>
      entryArbitrary(name, property, !required.has(name), at(walk, 'properties', name))
    ),
    ...undescribed.map((name) => entryArbitrary(name, extraSchema, false, at(walk, 'additionalProperties')))
  ]
  const parts = [fc.tuple(...entries), extraEntriesArbitrary(new Set(Object.keys(properties)), extraSchema, walk)]
  if (walk.adversarial && forbidden.length > 0) parts.push(forbiddenEntriesArbitrary(forbidden))
  return fc.tuple(...parts).map((groups) => plainObject(groups.flat().filter((entry) => entry[1] !== absent)))
}

type Entry = [string, unknown]

function entryArbitrary(name: string, schema: JsonSchema, optional: boolean, walk: Walk): fc.Arbitrary<Entry> {
  const value = positionArbitrary(schema, { optional }, walk)
  const maybe = optional ? fc.option(value, { nil: absent, freq: omissionOdds }) : value
  return maybe.map((v): Entry => [name, v])
}

/**
 * The arbitrary for one value position: the schema's values, and in adversarial mode now and
 * then something else. Cross-shrinking lets a failing adversarial value shrink to a valid one.
 */
function positionArbitrary(schema: JsonSchema, position: { optional: boolean }, walk: Walk): fc.Arbitrary<unknown> {
  const valid = valueArbitrary(schema, walk)
  if (!walk.adversarial || (isSchemaObject(schema) && 'const' in schema)) return valid
  const adversarial = adversarialValueArbitrary({
    types: typeof schema === 'boolean' ? undefined : allowedTypes(schema),
    optional: position.optional
  })
  return fc.oneof(
    { withCrossShrink: true },
    { weight: adversarialOdds - 1, arbitrary: valid },
    { weight: 1, arbitrary: adversarial }
  )
}

/** Extra keys of an open object: none most of the time, a few familiar (or, adversarially, hostile) names otherwise. */
function extraEntriesArbitrary(declared: ReadonlySet<string>, schema: JsonSchema, walk: Walk): fc.Arbitrary<Entry[]> {
  if (schema === false || walk.maxExtraKeys === 0) return fc.constant<Entry[]>([])
  const key = walk.adversarial
    ? fc.oneof({ weight: 2, arbitrary: customKeyArbitrary() }, { weight: 1, arbitrary: hostileKeyArbitrary() })
    : customKeyArbitrary()
  const value = positionArbitrary(schema, { optional: true }, at(walk, 'additionalProperties'))
  const entries = fc.uniqueArray(
    fc.tuple(
      key.filter((name) => !declared.has(name)),
      value
    ),
    { selector: ([name]) => name, minLength: 1, maxLength: walk.maxExtraKeys }
  )
  return fc.oneof(
    { withCrossShrink: true },
    { weight: 2, arbitrary: fc.constant<Entry[]>([]) },
    { weight: 1, arbitrary: entries }
  )
}

/** Fields the schema says cannot exist, as test harnesses and misconfigured sources send them anyway. */
function forbiddenEntriesArbitrary(forbidden: readonly string[]): fc.Arbitrary<Entry[]> {
  const entries = fc.uniqueArray(fc.tuple(fc.constantFrom(...forbidden), jsonValueArbitrary(1)), {
    selector: ([name]) => name,
    minLength: 1,
    maxLength: 2
  })
  return fc.oneof(
    { withCrossShrink: true },
    { weight: adversarialOdds - 1, arbitrary: fc.constant<Entry[]>([]) },
    { weight: 1, arbitrary: entries }
  )
}

/** The JSON types a schema accepts, or undefined when it does not say (any). */
function allowedTypes(schema: JsonSchemaObject): readonly JsonType[] | undefined {
  if ('const' in schema) return [jsonTypeOf(schema.const)]
  if (schema.enum !== undefined) return [...new Set(schema.enum.map(jsonTypeOf))]
  const types = declaredTypes(schema)
  if (types !== undefined) return types
  if (schema.anyOf === undefined) return undefined
  const branches = schema.anyOf.map((branch) =>
    branch === true ? undefined : branch === false ? [] : allowedTypes(branch)
  )
  if (branches.some((branch) => branch === undefined)) return undefined
  return [...new Set(branches.flatMap((branch) => branch ?? []))]
}

function jsonTypeOf(value: unknown): JsonType {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  switch (typeof value) {
    case 'number':
      return Number.isInteger(value) ? 'integer' : 'number'
    case 'string':
      return 'string'
    case 'boolean':
      return 'boolean'
    case 'object':
      return 'object'
    default:
      throw new TypeError(`not a JSON value: ${typeof value}`)
  }
}

function hasJsonType(value: unknown, type: JsonType): boolean {
  const actual = jsonTypeOf(value)
  return actual === type || (type === 'number' && actual === 'integer')
}

function checkGeneratable(schema: JsonSchemaObject, walk: Walk): void {
  if (schema.$ref !== undefined)
    throw fail(at(walk, '$ref'), 'resolve references first (eventSchema returns resolved schemas)')
  for (const keyword of Object.keys(schema)) {
    if (annotationKeywords.has(keyword) || generatorKeywords.has(keyword)) continue
    throw fail(at(walk, keyword), `arbitraryFromSchema cannot generate values for "${keyword}"`)
  }
}

function numberKeyword(schema: JsonSchemaObject, keyword: string, walk: Walk): number | undefined {
  const value = schema[keyword]
  if (value === undefined) return undefined
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0)
    throw fail(at(walk, keyword), 'must be a non-negative integer')
  return value
}

function omit(schema: JsonSchemaObject, keyword: string): JsonSchemaObject {
  const copy = { ...schema }
  delete copy[keyword]
  return copy
}

function at(walk: Walk, ...keys: (string | number)[]): Walk {
  return { ...walk, path: [...walk.path, ...keys] }
}

function fail(walk: Walk, reason: string): SchemaError {
  return new SchemaError(walk.document, pointer(walk.path), reason)
}
