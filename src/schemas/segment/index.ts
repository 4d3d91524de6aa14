/**
 * The Segment Spec as JSON Schema: one schema per call type, each the common fields plus the
 * call's own. Fields that belong only to other call types are `false` (they cannot exist);
 * unknown fields are allowed (they might). See README.md in this folder for the decisions.
 */
import { segmentSchemaDocuments, segmentSchemaId } from './documents.js'
import { eventTypes, type EventType } from './event-types.js'
import type { JsonSchemaObject } from './json-schema.js'
import { resolveSchema } from './resolve.js'

export { eventTypes, isEventType, type EventType, type SegmentEvent } from './event-types.js'
export { segmentSchemaBase, segmentSchemaDocuments, segmentSchemaId } from './documents.js'
export { isReserved, mapcSchemaKeywords } from './annotations.js'
export { SchemaError } from './schema-error.js'
export type { JsonSchema, JsonSchemaObject, JsonType } from './json-schema.js'

/** The fields every call has, resolved: no `$ref`, no `allOf`. */
export const commonSchema: JsonSchemaObject = resolveSchema(segmentSchemaId('common'), segmentSchemaDocuments)

const resolvedEventSchemas = new Map<EventType, JsonSchemaObject>(
  eventTypes.map((type) => [type, resolveSchema(segmentSchemaId(type), segmentSchemaDocuments)])
)

/**
 * The schema of one call type, resolved: common and own fields in one `properties` map, no
 * `$ref`, no `allOf`; frozen. The documents themselves, for a validator that resolves
 * references, are `segmentSchemaDocuments` (the id of a call type's is `segmentSchemaId(type)`).
 */
export function eventSchema(type: EventType): JsonSchemaObject {
  const schema = resolvedEventSchemas.get(type)
  if (schema === undefined) {
    throw new TypeError(`unknown event type ${JSON.stringify(type)}: expected one of ${eventTypes.join(', ')}`)
  }
  return schema
}
