/**
 * Replaces every `$ref` with a copy of the schema it points to, across documents, so that the
 * result is one self-contained schema a reader can walk without a resolver.
 *
 * Only schema positions are walked: `examples`, `enum`, `const` and `default` hold data, and an
 * example that happens to contain a `"$ref"` key must stay as it is.
 */
import { isSchemaObject, pointer, type JsonSchema, type JsonSchemaObject } from './json-schema.js'
import { annotationKeywords, subschemaKeywords, subschemaListKeywords, subschemaMapKeywords } from './keywords.js'
import { SchemaError } from './schema-error.js'

/** Schema documents by their `$id`. */
export type SchemaDocuments = ReadonlyMap<string, JsonSchemaObject>

/** Keywords that only make sense in a document of their own; the inlined copy drops them. */
const documentKeywords = new Set(['$id', '$schema', 'definitions'])

interface Cursor {
  /** The `$id` of the document being walked: the base for relative references. */
  document: string
  path: (string | number)[]
  /** Absolute references being expanded, outermost first: a repeat is a cycle. */
  expanding: readonly string[]
}

/** The document with this `$id`, every `$ref` in it (and in what they point to) inlined. */
export function inlineRefs(documentId: string, documents: SchemaDocuments): JsonSchema {
  const root = documents.get(documentId)
  if (root === undefined) throw new SchemaError(documentId, '#', 'no schema document has this $id')
  return inlineSchema(root, { document: documentId, path: [], expanding: [documentId] }, documents)
}

function inlineSchema(schema: unknown, at: Cursor, documents: SchemaDocuments): JsonSchema {
  if (typeof schema === 'boolean') return schema
  if (!isSchemaObject(schema)) throw fail(at, 'a schema must be an object or a boolean')
  if (schema.$ref !== undefined) return inlineReference(schema, at, documents)
  const result: JsonSchemaObject = {}
  for (const [keyword, value] of Object.entries(schema)) {
    if (documentKeywords.has(keyword)) continue
    const here = { ...at, path: [...at.path, keyword] }
    if (subschemaKeywords.has(keyword)) result[keyword] = inlineSchema(value, here, documents)
    else if (subschemaListKeywords.has(keyword)) result[keyword] = inlineList(value, here, documents)
    else if (subschemaMapKeywords.has(keyword)) result[keyword] = inlineMap(value, here, documents)
    else if (keyword === 'items')
      result[keyword] = Array.isArray(value) ? inlineList(value, here, documents) : inlineSchema(value, here, documents)
    else result[keyword] = value
  }
  return result
}

function inlineList(value: unknown, at: Cursor, documents: SchemaDocuments): JsonSchema[] {
  if (!Array.isArray(value)) throw fail(at, 'must be a list of schemas')
  return value.map((item, index) => inlineSchema(item, { ...at, path: [...at.path, index] }, documents))
}

function inlineMap(value: unknown, at: Cursor, documents: SchemaDocuments): Record<string, JsonSchema> {
  if (!isSchemaObject(value)) throw fail(at, 'must map names to schemas')
  return Object.fromEntries(
    Object.entries(value).map(([name, item]) => [
      name,
      inlineSchema(item, { ...at, path: [...at.path, name] }, documents)
    ])
  )
}

/**
 * A `$ref` may carry annotations beside it (`"x-mapc-reserved": true`), which are kept on the
 * copy. Validation keywords beside a `$ref` are ignored by draft-07 but applied by ajv; rather
 * than pick one reading, mapc refuses them.
 */
function inlineReference(schema: JsonSchemaObject, at: Cursor, documents: SchemaDocuments): JsonSchema {
  const reference = schema.$ref
  if (typeof reference !== 'string') throw fail({ ...at, path: [...at.path, '$ref'] }, '$ref must be a string')
  const siblings = Object.keys(schema).filter((keyword) => keyword !== '$ref')
  const constraining = siblings.filter((keyword) => !annotationKeywords.has(keyword))
  if (constraining.length > 0) {
    throw fail(at, `only annotations may stand beside $ref, found ${constraining.map((k) => `"${k}"`).join(', ')}`)
  }
  const absolute = absoluteReference(reference, at)
  if (at.expanding.includes(absolute)) {
    throw fail(at, `$ref "${reference}" refers to itself through ${[...at.expanding, absolute].join(' -> ')}`)
  }
  const [documentId, fragment] = splitReference(absolute)
  const document = documents.get(documentId)
  if (document === undefined) throw fail(at, `$ref "${reference}": no schema document has the $id ${documentId}`)
  const keys = fragmentKeys(fragment, { ...at, path: [...at.path, '$ref'] })
  const target = lookUp(document, keys, reference, at)
  const inlined = inlineSchema(
    target,
    { document: documentId, path: keys, expanding: [...at.expanding, absolute] },
    documents
  )
  if (typeof inlined === 'boolean') return inlined
  const annotations = Object.fromEntries(siblings.map((keyword) => [keyword, schema[keyword]]))
  return { ...inlined, ...annotations }
}

function absoluteReference(reference: string, at: Cursor): string {
  try {
    return new URL(reference, at.document).href
  } catch {
    throw fail(at, `$ref "${reference}" is not a valid URI reference`)
  }
}

function splitReference(absolute: string): [string, string] {
  const hash = absolute.indexOf('#')
  return hash === -1 ? [absolute, ''] : [absolute.slice(0, hash), absolute.slice(hash + 1)]
}

/** `/definitions/a~1b` → ['definitions', 'a/b'] (RFC 6901, after URI percent-decoding). */
function fragmentKeys(fragment: string, at: Cursor): string[] {
  if (fragment === '') return []
  if (!fragment.startsWith('/')) throw fail(at, `only JSON Pointer fragments are supported, not "#${fragment}"`)
  try {
    return fragment
      .slice(1)
      .split('/')
      .map((key) => decodeURIComponent(key).replace(/~1/g, '/').replace(/~0/g, '~'))
  } catch {
    throw fail(at, `"#${fragment}" is not a valid JSON Pointer`)
  }
}

function lookUp(document: JsonSchemaObject, keys: readonly string[], reference: string, at: Cursor): unknown {
  let current: unknown = document
  for (const key of keys) {
    if (typeof current !== 'object' || current === null || !Object.prototype.hasOwnProperty.call(current, key)) {
      throw fail(at, `$ref "${reference}" points at nothing`)
    }
    current = (current as Record<string, unknown>)[key]
  }
  return current
}

function fail(at: Cursor, reason: string): SchemaError {
  return new SchemaError(at.document, pointer(at.path), reason)
}
