/**
 * A document turned into what the rest of mapc reads: references inlined, `allOf` folded,
 * frozen. The result validates exactly what the document validates.
 */
import { deepFreeze } from './deep-freeze.js'
import { flattenAllOf } from './flatten-all-of.js'
import { inlineRefs, type SchemaDocuments } from './inline-refs.js'
import { SchemaError } from './schema-error.js'
import type { JsonSchemaObject } from './json-schema.js'

/** The document with this `$id`, resolved against `documents` and frozen. */
export function resolveSchema(documentId: string, documents: SchemaDocuments): JsonSchemaObject {
  const flat = flattenAllOf(inlineRefs(documentId, documents), documentId)
  if (typeof flat === 'boolean')
    throw new SchemaError(documentId, '#', 'resolves to a boolean schema, not an object schema')
  return deepFreeze({ $schema: 'http://json-schema.org/draft-07/schema#', ...flat })
}
