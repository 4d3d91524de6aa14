/**
 * JSON Schema → checker types, for the Segment Spec event schemas, the destination API schemas
 * and their response schemas. Only what those schemas use is modelled; anything richer
 * (patterns, conditionals) widens to a type that accepts more, never one that accepts less.
 */
import {
  absentType,
  anyType,
  intersect,
  arrayType,
  booleanType,
  neverType,
  nullType,
  numberType,
  objectType,
  union,
  type Type
} from './types.js'

export type JsonSchema = boolean | { [keyword: string]: unknown }

/** Resolves `#/definitions/x` and `#/$defs/x` against the document the schema came from. */
export function resolveRef(root: JsonSchema, ref: string): JsonSchema | undefined {
  if (!ref.startsWith('#')) return undefined
  let node: unknown = root
  for (const raw of ref.slice(1).split('/').filter(Boolean)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~')
    if (node === null || typeof node !== 'object' || !Object.prototype.hasOwnProperty.call(node, key)) return undefined
    node = (node as Record<string, unknown>)[key]
  }
  return typeof node === 'boolean' || (node !== null && typeof node === 'object') ? (node as JsonSchema) : undefined
}

export function schemaToType(schema: JsonSchema, root: JsonSchema = schema, depth = 0): Type {
  if (schema === true) return anyType
  if (schema === false) return neverType
  // Deeply recursive schemas (a JSON value defined by itself) end as `any`.
  if (depth > 32) return anyType
  const next = (s: unknown): Type => schemaToType(asSchema(s), root, depth + 1)

  if (typeof schema.$ref === 'string') {
    const target = resolveRef(root, schema.$ref)
    return target === undefined ? anyType : schemaToType(target, root, depth + 1)
  }
  if (schema.const !== undefined) return literalType(schema.const)
  if (Array.isArray(schema.enum)) return union(...schema.enum.map(literalType))
  // Combinators apply together with the schema's own keywords: the Segment Spec's event schemas
  // are objects with properties *and* an `anyOf` that requires a userId or an anonymousId.
  const { oneOf, anyOf, allOf, ...own } = schema
  if (Array.isArray(oneOf) || Array.isArray(anyOf) || Array.isArray(allOf)) {
    let type = schemaToType(own, root, depth + 1)
    if (Array.isArray(allOf)) type = allOf.map(next).reduce(intersect, type)
    for (const branches of [oneOf, anyOf]) {
      if (Array.isArray(branches)) type = intersect(type, union(...branches.map(next)))
    }
    return type
  }

  const types = Array.isArray(schema.type) ? (schema.type as string[]) : typeof schema.type === 'string' ? [schema.type] : undefined
  if (types === undefined) {
    return schema.properties !== undefined ? objectFromSchema(schema, next) : anyType
  }
  return union(
    ...types.map((name): Type => {
      switch (name) {
        case 'string':
          return typeof schema.format === 'string' ? { kind: 'string', format: schema.format } : { kind: 'string' }
        case 'number':
          return numberType
        case 'integer':
          return { kind: 'number', integer: true }
        case 'boolean':
          return booleanType
        case 'null':
          return nullType
        case 'array':
          return arrayType(schema.items === undefined ? anyType : next(schema.items))
        case 'object':
          return objectFromSchema(schema, next)
        default:
          return anyType
      }
    })
  )
}

function objectFromSchema(schema: { [keyword: string]: unknown }, next: (s: unknown) => Type): Type {
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : [])
  const props: Record<string, Type> = {}
  const properties = (schema.properties ?? {}) as Record<string, unknown>
  for (const key of Object.keys(properties)) {
    const t = next(properties[key])
    props[key] = required.has(key) || t.kind === 'never' ? t : union(t, absentType)
  }
  const additional = schema.additionalProperties
  const rest = additional === undefined || additional === true ? anyType : additional === false ? neverType : next(additional)
  return objectType(props, rest)
}

function literalType(value: unknown): Type {
  if (typeof value === 'string') return { kind: 'string', value }
  if (typeof value === 'number') return { kind: 'number', value }
  if (typeof value === 'boolean') return { kind: 'boolean', value }
  if (value === null) return nullType
  return anyType
}

function asSchema(value: unknown): JsonSchema {
  if (typeof value === 'boolean') return value
  if (value !== null && typeof value === 'object') return value as JsonSchema
  return true
}
