/**
 * Which endpoint of a destination's API schema a sent request is: the same method, and a URL
 * (without its query) that fits the endpoint's template, each `{param}` one path segment.
 * The stub answers with that endpoint's response, and requests are validated against it, so
 * that an error names the endpoint's own fields rather than every branch of the API's `oneOf`.
 */
import type { ApiEndpoint, ApiSchema } from '../../compiler/check/api-schema.js'

export interface EndpointRoute {
  endpoint: ApiEndpoint
  /** Where the endpoint's request schema is in the API document: `#/definitions/assertRecord`. */
  pointer: string
  matches(method: string, url: string): boolean
}

/** The API document as an object (readApiSchema accepts no other). */
export function apiDocument(api: ApiSchema): Readonly<Record<string, unknown>> {
  return typeof api.root === 'object' ? api.root : {}
}

/** The document's `$id`, or a name of mapc's for one without, to resolve its `#/…` references against. */
export function apiDocumentId(api: ApiSchema): string {
  const id = apiDocument(api).$id
  return typeof id === 'string' ? id : `mapc-test:${api.file}`
}

export function endpointRoutes(api: ApiSchema): EndpointRoute[] {
  const oneOf = apiDocument(api).oneOf
  const branches: readonly unknown[] = Array.isArray(oneOf) ? oneOf : []
  return api.endpoints.map((endpoint) => {
    const pattern = templatePattern(endpoint.urlTemplate)
    return {
      endpoint,
      pointer: endpointPointer(endpoint, branches),
      matches: (method, url) => method === endpoint.method && pattern.test(withoutQuery(url))
    }
  })
}

export function routeOf(routes: readonly EndpointRoute[], method: string, url: string): EndpointRoute | undefined {
  return routes.find((route) => route.matches(method, url))
}

/** readApiSchema names an endpoint after its `$ref`'s last segment, or `oneOf[i]` when inline. */
function endpointPointer(endpoint: ApiEndpoint, branches: readonly unknown[]): string {
  const inline = /^oneOf\[(\d+)\]$/.exec(endpoint.id)
  if (inline) return `#/oneOf/${inline[1]}`
  for (const branch of branches) {
    const ref = branch !== null && typeof branch === 'object' ? (branch as { $ref?: unknown }).$ref : undefined
    if (typeof ref === 'string' && ref.split('/').pop() === endpoint.id) return ref
  }
  return `#/definitions/${endpoint.id}`
}

function templatePattern(template: string): RegExp {
  const parts = template.split(/\{[^}]*\}/).map((literal) => literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
  return new RegExp(`^${parts.join('[^/?#]+')}$`)
}

/** `https://x/a?b=1` → `https://x/a` */
export function withoutQuery(url: string): string {
  const cut = url.search(/[?#]/)
  return cut < 0 ? url : url.slice(0, cut)
}
