/**
 * The stub API's answers: for each request, a body generated from its endpoint's
 * `x-mapc-response` schema (`{}` for an endpoint without one, or a request no endpoint matches),
 * so every answer is one the real API may give. Answers are drawn from a seed that is part of
 * the property's input, which makes a run repeatable and its counter-example replayable.
 *
 * A batch's per-item results (`results response.results`) are the one thing a schema cannot say:
 * the API promises one entry per item sent, so the array the `.map` reads gets exactly as many
 * entries as the batch has items.
 */
import fc from 'fast-check'
import { endpointLabel, type ApiSchema } from '../../compiler/check/api-schema.js'
import { inlineRefs } from '../../schemas/segment/inline-refs.js'
import { intersectSchemas } from '../../schemas/segment/intersect.js'
import type { JsonSchema, JsonSchemaObject } from '../../schemas/segment/json-schema.js'
import { arbitraryFromSchema } from '../schema-arbitrary.js'
import { apiDocument, apiDocumentId, endpointRoutes, routeOf, type EndpointRoute } from './api-endpoints.js'

/** Where in a response the per-item results are, and how many items the batch has. */
export interface ItemResults {
  keys: readonly (string | number)[]
  count: number
}

export interface ResponseRequest {
  method: string
  url: string
}

export interface StubResponder {
  /** The body answering `request`, drawn with `seed`; the same arguments give the same body. */
  respond(request: ResponseRequest, seed: number, itemResults?: ItemResults): unknown
  /** The `METHOD template` of the endpoint a request goes to, if the API has one for it. */
  endpointOf(request: ResponseRequest): string | undefined
}

/** A responder for a destination's API; throws when a response schema cannot be generated from. */
export function stubResponder(api: ApiSchema | undefined): StubResponder {
  const routes = api ? endpointRoutes(api) : []
  const schemas = new Map(routes.map((route) => [route.endpoint.id, api ? responseSchema(api, route) : undefined]))
  // Fail now, naming the endpoint, rather than in the middle of a property.
  for (const [id, schema] of schemas) if (schema !== undefined) arbitraryOrFail(schema, id)
  const arbitraries = new Map<string, fc.Arbitrary<unknown>>()
  const arbitraryFor = (route: EndpointRoute, itemResults: ItemResults | undefined): fc.Arbitrary<unknown> | undefined => {
    const schema = schemas.get(route.endpoint.id)
    if (schema === undefined) return undefined
    const key = `${route.endpoint.id} ${itemResults ? `${itemResults.keys.join('.')}=${itemResults.count}` : ''}`
    let arbitrary = arbitraries.get(key)
    if (!arbitrary) {
      const narrowed = itemResults ? intersectSchemas(schema, resultsLength(itemResults), { document: route.endpoint.id, path: [] }) : schema
      arbitrary = arbitraryOrFail(narrowed, route.endpoint.id)
      arbitraries.set(key, arbitrary)
    }
    return arbitrary
  }
  return {
    respond(request, seed, itemResults) {
      const route = routeOf(routes, request.method, request.url)
      const arbitrary = route ? arbitraryFor(route, itemResults) : undefined
      if (!arbitrary) return {}
      return fc.sample(arbitrary, { seed, numRuns: 1 })[0]
    },
    endpointOf(request) {
      const route = routeOf(routes, request.method, request.url)
      return route ? endpointLabel(route.endpoint) : undefined
    }
  }
}

/**
 * The endpoint's response schema with its references inlined: it is read in the API document,
 * whose `definitions` its `$ref`s point into.
 */
function responseSchema(api: ApiSchema, route: EndpointRoute): JsonSchema | undefined {
  const response = route.endpoint.response
  if (response === undefined) return undefined
  const id = apiDocumentId(api)
  const definitions = apiDocument(api).definitions
  const document: JsonSchemaObject = { $id: id, allOf: [response as JsonSchemaObject] }
  if (definitions !== undefined) document.definitions = definitions as JsonSchemaObject['definitions']
  try {
    return inlineRefs(id, new Map([[id, document]]))
  } catch (error) {
    throw new Error(`the response schema of ${route.endpoint.method} ${route.endpoint.urlTemplate} in ${api.file}: ${(error as Error).message}`)
  }
}

function arbitraryOrFail(schema: JsonSchema, endpoint: string): fc.Arbitrary<unknown> {
  try {
    return arbitraryFromSchema(schema)
  } catch (error) {
    throw new Error(`cannot generate responses of endpoint ${endpoint}: ${(error as Error).message}`)
  }
}

/** `{ properties: { results: { minItems: n, maxItems: n } } }`, nested along the keys. */
function resultsLength(itemResults: ItemResults): JsonSchemaObject {
  let schema: JsonSchemaObject = { minItems: itemResults.count, maxItems: itemResults.count }
  for (const key of [...itemResults.keys].reverse()) {
    schema = typeof key === 'number' ? { items: schema } : { properties: { [key]: schema } }
  }
  return schema
}
