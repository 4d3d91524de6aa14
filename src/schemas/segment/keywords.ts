/**
 * How mapc's schema tools treat each JSON Schema keyword. One table, so the resolver, the
 * intersection and the arbitrary walker agree on what a keyword means.
 */

/** mapc's own annotation: Segment gives this name a meaning; use it only for that meaning. */
export const reservedKeyword = 'x-mapc-reserved'

/** Keywords that describe a value without constraining it. */
export const annotationKeywords: ReadonlySet<string> = new Set([
  '$schema',
  '$id',
  '$comment',
  'title',
  'description',
  'examples',
  'default',
  'readOnly',
  'writeOnly',
  reservedKeyword
])

/** Keywords whose value is a single subschema. */
export const subschemaKeywords: ReadonlySet<string> = new Set([
  'additionalProperties',
  'additionalItems',
  'contains',
  'propertyNames',
  'not',
  'if',
  'then',
  'else'
])

/** Keywords whose value is a list of subschemas. */
export const subschemaListKeywords: ReadonlySet<string> = new Set(['allOf', 'anyOf', 'oneOf'])

/** Keywords whose value maps names to subschemas. */
export const subschemaMapKeywords: ReadonlySet<string> = new Set(['properties', 'patternProperties', 'definitions'])

/**
 * Keywords whose meaning depends on a sibling keyword other than `properties` /
 * `additionalProperties` (which the intersection handles): `then` on `if`, `additionalItems`
 * on `items`, `patternProperties` on `additionalProperties`. Merging a schema that uses one
 * could change what it means, so the intersection refuses.
 */
export const unmergeableKeywords: ReadonlySet<string> = new Set([
  'patternProperties',
  'additionalItems',
  'if',
  'then',
  'else'
])
