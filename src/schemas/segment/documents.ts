/**
 * The Segment Spec schema documents, as written in the `*.schema.json` files next to this one.
 *
 * They are imported as JSON modules so that the same code works from the TypeScript sources
 * (vitest) and from `dist/` (tsc copies the imported JSON files beside the compiled loader).
 */
import address from './address.schema.json' with { type: 'json' }
import alias from './alias.schema.json' with { type: 'json' }
import common from './common.schema.json' with { type: 'json' }
import context from './context.schema.json' with { type: 'json' }
import group from './group.schema.json' with { type: 'json' }
import groupTraits from './group-traits.schema.json' with { type: 'json' }
import identify from './identify.schema.json' with { type: 'json' }
import page from './page.schema.json' with { type: 'json' }
import screen from './screen.schema.json' with { type: 'json' }
import track from './track.schema.json' with { type: 'json' }
import userTraits from './user-traits.schema.json' with { type: 'json' }
import { deepFreeze } from './deep-freeze.js'
import { isSchemaObject, type JsonSchemaObject } from './json-schema.js'
import { SchemaError } from './schema-error.js'

/**
 * The base of every document's `$id`. The `.example` domain is reserved (RFC 2606): these ids
 * name documents, nothing ever fetches them.
 */
export const segmentSchemaBase = 'https://mapc.example/schemas/segment/'

/** The `$id` of the document `<name>.schema.json`. */
export function segmentSchemaId(name: string): string {
  return `${segmentSchemaBase}${name}.schema.json`
}

const files: Record<string, unknown> = {
  address,
  alias,
  common,
  context,
  group,
  'group-traits': groupTraits,
  identify,
  page,
  screen,
  track,
  'user-traits': userTraits
}

function checkedDocument(name: string, document: unknown): JsonSchemaObject {
  const id = segmentSchemaId(name)
  if (!isSchemaObject(document))
    throw new SchemaError(`${name}.schema.json`, '#', 'a schema document must be a JSON object')
  if (document.$id !== id) throw new SchemaError(`${name}.schema.json`, '#/$id', `must be "${id}"`)
  if (document.$schema !== 'http://json-schema.org/draft-07/schema#') {
    throw new SchemaError(id, '#/$schema', 'must be "http://json-schema.org/draft-07/schema#"')
  }
  return deepFreeze(document)
}

/** Every document by its `$id`: hand them to ajv with `addSchema` and `$ref`s resolve. */
export const segmentSchemaDocuments: ReadonlyMap<string, JsonSchemaObject> = new Map(
  Object.entries(files).map(([name, document]) => [segmentSchemaId(name), checkedDocument(name, document)])
)
