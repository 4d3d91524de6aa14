/**
 * The intersection of two schemas as one schema: what `allOf: [a, b]` means, written without
 * `allOf`, so that a reader (the type checker, the arbitrary walker) finds every property of a
 * call type in one `properties` map.
 *
 * Only combinations whose meaning is certain are merged; anything else is a SchemaError rather
 * than a schema that quietly accepts different values than the original.
 */
import { isDeepStrictEqual } from 'node:util'
import {
  declaredTypes,
  isSchemaObject,
  pointer,
  type JsonSchema,
  type JsonSchemaObject,
  type JsonType
} from './json-schema.js'
import { annotationKeywords, unmergeableKeywords } from './keywords.js'
import { SchemaError } from './schema-error.js'

/** Where two schemas are being combined, for error messages. */
export interface SchemaLocation {
  /** The document, for error messages. */
  document: string
  /** Where in it the two schemas meet. */
  path: readonly (string | number)[]
}

const lowerBounds = new Set(['minLength', 'minimum', 'exclusiveMinimum', 'minItems', 'minProperties'])
const upperBounds = new Set(['maxLength', 'maximum', 'exclusiveMaximum', 'maxItems', 'maxProperties'])

/**
 * A schema accepting exactly the values both `a` and `b` accept. Annotations (`title`,
 * `examples`, …) of `b` win, so pass the more specific schema second.
 */
export function intersectSchemas(a: JsonSchema, b: JsonSchema, at: SchemaLocation): JsonSchema {
  if (a === true) return b
  if (b === true) return a
  if (a === false || b === false) return false
  checkMergeable(a, at)
  checkMergeable(b, at)
  checkNoExemptedProperties(a, b, at)
  checkNoExemptedProperties(b, a, at)
  const result: JsonSchemaObject = {}
  for (const keyword of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const value = !(keyword in b)
      ? a[keyword]
      : !(keyword in a)
        ? b[keyword]
        : combineKeyword(keyword, a[keyword], b[keyword], at)
    result[keyword] = value
  }
  return dropRedundantEnum(result, at)
}

function combineKeyword(keyword: string, a: unknown, b: unknown, at: SchemaLocation): unknown {
  const where = { ...at, path: [...at.path, keyword] }
  if (annotationKeywords.has(keyword)) return b
  if (lowerBounds.has(keyword)) return Math.max(asNumber(a, where), asNumber(b, where))
  if (upperBounds.has(keyword)) return Math.min(asNumber(a, where), asNumber(b, where))
  switch (keyword) {
    case 'type':
      return intersectTypes(a, b, where)
    case 'required':
      return [...new Set([...asStrings(a, where), ...asStrings(b, where)])]
    case 'properties':
      return intersectPropertyMaps(a, b, where)
    case 'additionalProperties':
    case 'items':
      return intersectSchemas(asSchema(a, where), asSchema(b, where), where)
    case 'allOf':
      return [...asList(a, where), ...asList(b, where)]
    case 'enum':
      return intersectEnums(a, b, where)
    default:
      if (isDeepStrictEqual(a, b)) return a
      throw fail(
        where,
        `both schemas set "${keyword}" differently (${JSON.stringify(a)} and ${JSON.stringify(b)}); mapc cannot combine them`
      )
  }
}

function intersectTypes(a: unknown, b: unknown, at: SchemaLocation): JsonType | JsonType[] {
  const left = declaredTypes({ type: a as JsonType })
  const right = declaredTypes({ type: b as JsonType })
  if (left === undefined || right === undefined) throw fail(at, 'type must be a type name or a list of them')
  const common: JsonType[] = []
  for (const type of left) {
    if (right.includes(type)) common.push(type)
    // every integer is a number: number ∩ integer = integer
    else if (type === 'integer' && right.includes('number')) common.push('integer')
    else if (type === 'number' && right.includes('integer')) common.push('integer')
  }
  const unique = [...new Set(common)]
  if (unique.length === 0) throw fail(at, `no value is both ${JSON.stringify(a)} and ${JSON.stringify(b)}`)
  return unique.length === 1 ? (unique[0] as JsonType) : unique
}

function intersectPropertyMaps(a: unknown, b: unknown, at: SchemaLocation): Record<string, JsonSchema> {
  const left = asSchemaMap(a, at)
  const right = asSchemaMap(b, at)
  const result: Record<string, JsonSchema> = {}
  for (const name of new Set([...Object.keys(left), ...Object.keys(right)])) {
    const l = left[name]
    const r = right[name]
    result[name] =
      l === undefined
        ? (r as JsonSchema)
        : r === undefined
          ? l
          : intersectSchemas(l, r, { ...at, path: [...at.path, name] })
  }
  return result
}

function intersectEnums(a: unknown, b: unknown, at: SchemaLocation): unknown[] {
  const right = asList(b, at)
  const common = asList(a, at).filter((value) => right.some((other) => isDeepStrictEqual(value, other)))
  if (common.length === 0) throw fail(at, 'the two enums have no value in common')
  return common
}

/** `const` inside `enum` says the same thing twice; a `const` outside it accepts nothing. */
function dropRedundantEnum(schema: JsonSchemaObject, at: SchemaLocation): JsonSchemaObject {
  if (!('const' in schema) || schema.enum === undefined) return schema
  if (!schema.enum.some((value) => isDeepStrictEqual(value, schema.const))) {
    throw fail({ ...at, path: [...at.path, 'const'] }, `const ${JSON.stringify(schema.const)} is not in the enum`)
  }
  const withoutEnum = { ...schema }
  delete withoutEnum.enum
  return withoutEnum
}

/**
 * `additionalProperties` constrains the names its own `properties` does not list. Merging
 * another schema's `properties` into it would exempt those names, so that is refused.
 */
function checkNoExemptedProperties(restricting: JsonSchemaObject, other: JsonSchemaObject, at: SchemaLocation): void {
  if (restricting.additionalProperties === undefined || restricting.additionalProperties === true) return
  const listed = new Set(Object.keys(isSchemaObject(restricting.properties) ? restricting.properties : {}))
  const exempted = Object.keys(isSchemaObject(other.properties) ? other.properties : {}).filter(
    (name) => !listed.has(name)
  )
  if (exempted.length > 0) {
    const names = exempted.map((name) => `"${name}"`).join(', ')
    throw fail(at, `${names} would escape the other schema's additionalProperties; mapc cannot merge them`)
  }
}

function checkMergeable(schema: JsonSchemaObject, at: SchemaLocation): void {
  for (const keyword of Object.keys(schema)) {
    if (unmergeableKeywords.has(keyword)) {
      throw fail(at, `"${keyword}" depends on sibling keywords; mapc does not merge schemas that use it`)
    }
  }
}

function asNumber(value: unknown, at: SchemaLocation): number {
  if (typeof value !== 'number') throw fail(at, 'must be a number')
  return value
}

function asStrings(value: unknown, at: SchemaLocation): string[] {
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string'))
    throw fail(at, 'must be a list of names')
  return value
}

function asList(value: unknown, at: SchemaLocation): unknown[] {
  if (!Array.isArray(value)) throw fail(at, 'must be a list')
  return value
}

function asSchema(value: unknown, at: SchemaLocation): JsonSchema {
  if (typeof value === 'boolean' || isSchemaObject(value)) return value
  throw fail(at, 'must be a schema')
}

function asSchemaMap(value: unknown, at: SchemaLocation): Record<string, JsonSchema> {
  if (!isSchemaObject(value)) throw fail(at, 'must map names to schemas')
  return value as Record<string, JsonSchema>
}

function fail(at: SchemaLocation, reason: string): SchemaError {
  return new SchemaError(at.document, pointer(at.path), reason)
}
