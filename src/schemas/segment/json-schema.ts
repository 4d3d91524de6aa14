/**
 * The slice of JSON Schema (draft-07) that mapc's own schemas use, as TypeScript types.
 *
 * Schemas arrive as parsed JSON, so every keyword is `unknown` until a guard has looked at it;
 * the named keywords below only document what the resolver and the arbitrary walker read.
 */

/** The type names of JSON Schema's `type` keyword. */
export type JsonType = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'null'

/** Every JsonType. */
export const jsonTypes: readonly JsonType[] = ['string', 'number', 'integer', 'boolean', 'object', 'array', 'null']

/** A schema that is an object (not `true` or `false`). */
export interface JsonSchemaObject {
  [keyword: string]: unknown
  $id?: string
  $ref?: string
  type?: JsonType | JsonType[]
  properties?: Record<string, JsonSchema>
  required?: string[]
  additionalProperties?: JsonSchema
  items?: JsonSchema | JsonSchema[]
  enum?: unknown[]
  const?: unknown
  format?: string
  anyOf?: JsonSchema[]
  allOf?: JsonSchema[]
  examples?: unknown[]
}

/** `true` accepts every value, `false` none: draft-07's boolean schemas. */
export type JsonSchema = boolean | JsonSchemaObject

/** Whether a parsed JSON value is an object schema. */
export function isSchemaObject(value: unknown): value is JsonSchemaObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The JSON types a schema names, or undefined when it does not restrict the type. */
export function declaredTypes(schema: JsonSchemaObject): JsonType[] | undefined {
  const type = schema.type
  if (type === undefined) return undefined
  return Array.isArray(type) ? type : [type]
}

/** A JSON Pointer fragment (RFC 6901) for a path of keys, for error messages. */
export function pointer(path: readonly (string | number)[]): string {
  return '#' + path.map((key) => '/' + String(key).replace(/~/g, '~0').replace(/\//g, '~1')).join('')
}
