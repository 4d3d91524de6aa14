/**
 * Folds every `allOf` into the schema that holds it, so that a call type's schema lists the
 * common fields and its own in one `properties` map. Run after inlineRefs: an `allOf` of
 * `$ref`s has nothing to fold until the references are copies, and inlineRefs has already
 * checked that every schema position holds a schema.
 */
import { pointer, type JsonSchema, type JsonSchemaObject } from './json-schema.js'
import { intersectSchemas } from './intersect.js'
import { subschemaKeywords, subschemaListKeywords, subschemaMapKeywords } from './keywords.js'
import { SchemaError } from './schema-error.js'

/** `schema` with every `allOf` in it folded into its holder. */
export function flattenAllOf(schema: JsonSchema, document: string, path: (string | number)[] = []): JsonSchema {
  if (typeof schema === 'boolean') return schema
  const flattened: JsonSchemaObject = {}
  for (const [keyword, value] of Object.entries(schema)) {
    const here = [...path, keyword]
    if (subschemaKeywords.has(keyword) || (keyword === 'items' && !Array.isArray(value))) {
      flattened[keyword] = flattenAllOf(value as JsonSchema, document, here)
    } else if (subschemaListKeywords.has(keyword) || keyword === 'items') {
      flattened[keyword] = (value as JsonSchema[]).map((item, index) => flattenAllOf(item, document, [...here, index]))
    } else if (subschemaMapKeywords.has(keyword)) {
      flattened[keyword] = Object.fromEntries(
        Object.entries(value as Record<string, JsonSchema>).map(([name, item]) => [
          name,
          flattenAllOf(item, document, [...here, name])
        ])
      )
    } else {
      flattened[keyword] = value
    }
  }
  const parts = flattened.allOf
  if (parts === undefined) return flattened
  if (!Array.isArray(parts)) throw new SchemaError(document, pointer(path), 'allOf must be a list of schemas')
  const own = { ...flattened }
  delete own.allOf
  // The holder goes last so that its own title and description win over its parts'.
  return [...parts, own].reduce<JsonSchema>((merged, part) => intersectSchemas(merged, part, { document, path }), true)
}
