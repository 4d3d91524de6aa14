/**
 * mapc's annotation keyword in the Segment schemas. Validators in strict mode reject keywords
 * they do not know, so anything that compiles these schemas registers it first.
 */
import type { KeywordDefinition } from 'ajv'
import type { JsonSchema } from './json-schema.js'
import { reservedKeyword } from './keywords.js'

/**
 * `"x-mapc-reserved": true` marks a name the Spec gives a meaning inside an open object
 * (a trait, a property): any value may be sent under another name, but this one is expected to
 * hold what the Spec says. It never changes what validates.
 */
export const mapcSchemaKeywords: readonly KeywordDefinition[] = [{ keyword: reservedKeyword, schemaType: 'boolean' }]

/** Whether a property's schema marks it as a name the Spec reserves. */
export function isReserved(schema: JsonSchema | undefined): boolean {
  return typeof schema === 'object' && schema[reservedKeyword] === true
}
