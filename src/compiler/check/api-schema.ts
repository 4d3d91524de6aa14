/**
 * A destination's API, as `mappings/apis/<destination>.schema.json` describes it: a JSON Schema of
 * the requests the destination may send (`oneOf` endpoints, each an object with `method`, `url`,
 * `query`, `headers` and `body`), where each endpoint also says, in the annotations
 * `x-mapc-endpoint` and `x-mapc-response`, its URL template and the schema of its response.
 *
 * The same file validates recorded requests at test time (`mapc test`), so the compiler's view of
 * the API and the tests' view cannot drift apart.
 */
import { resolveRef, type JsonSchema } from './schema-types.js'
import type { HttpMethod } from '../syntax/ast.js'

export interface ApiEndpoint {
  /** The definition's name, e.g. `assertRecord`. */
  id: string
  method: HttpMethod
  /** `https://api.attio.com/v2/objects/{object}/records/simple` */
  urlTemplate: string
  description?: string
  query?: JsonSchema
  headers?: JsonSchema
  body?: JsonSchema
  /** The endpoint's definition lists `body` as required: a request must send one. */
  bodyRequired?: boolean
  response?: JsonSchema
}

export interface ApiSchema {
  file: string
  root: JsonSchema
  title?: string
  endpoints: ApiEndpoint[]
}

const METHODS: readonly string[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']

/** Reads the endpoints out of an API schema document; problems are returned, not thrown. */
export function readApiSchema(document: unknown, file: string): { api?: ApiSchema; problems: string[] } {
  const problems: string[] = []
  if (document === null || typeof document !== 'object' || Array.isArray(document)) {
    return { problems: ['the API schema must be a JSON object'] }
  }
  const root = document as Record<string, unknown>
  const branches = Array.isArray(root.oneOf) ? root.oneOf : undefined
  if (branches === undefined) return { problems: ['the API schema must list its endpoints under `oneOf`'] }
  const endpoints: ApiEndpoint[] = []
  branches.forEach((branch, i) => {
    const ref = branch !== null && typeof branch === 'object' ? (branch as Record<string, unknown>).$ref : undefined
    const definition = typeof ref === 'string' ? resolveRef(root, ref) : branch
    const id = typeof ref === 'string' ? ref.split('/').pop() ?? `oneOf[${i}]` : `oneOf[${i}]`
    if (definition === undefined || typeof definition !== 'object') {
      problems.push(`endpoint ${id}: cannot resolve ${String(ref)}`)
      return
    }
    const spec = definition["x-mapc-endpoint"]
    if (typeof spec !== 'string' || !/^[A-Z]+ \S+$/.test(spec)) {
      problems.push(`endpoint ${id}: needs "x-mapc-endpoint": "<METHOD> <url template>"`)
      return
    }
    const [method, urlTemplate] = spec.split(' ') as [string, string]
    if (!METHODS.includes(method)) {
      problems.push(`endpoint ${id}: unknown method ${method}`)
      return
    }
    const properties = (definition.properties ?? {}) as Record<string, JsonSchema>
    const hosts = endpointHosts(definition['x-mapc-hosts'], urlTemplate)
    if ('problem' in hosts) {
      problems.push(`endpoint ${id}: ${hosts.problem}`)
      return
    }
    // `x-mapc-hosts`: the same endpoint at each of these hosts (a US and an EU region), one schema.
    for (const template of hosts.templates) {
      const endpoint: ApiEndpoint = { id, method: method as HttpMethod, urlTemplate: template }
      if (typeof definition.description === 'string') endpoint.description = definition.description
      if (properties.query !== undefined) endpoint.query = properties.query
      if (properties.headers !== undefined) endpoint.headers = properties.headers
      if (properties.body !== undefined) endpoint.body = properties.body
      if (Array.isArray(definition.required) && definition.required.includes('body')) endpoint.bodyRequired = true
      const response = definition['x-mapc-response']
      if (response !== undefined) endpoint.response = response as JsonSchema
      endpoints.push(endpoint)
    }
  })
  const api: ApiSchema = { file, root: root as JsonSchema, endpoints }
  if (typeof root.title === 'string') api.title = root.title
  return { api, problems }
}

/** The endpoint's URL template at each host of `x-mapc-hosts` (which must include its own), or the template alone. */
function endpointHosts(hosts: unknown, urlTemplate: string): { templates: string[] } | { problem: string } {
  if (hosts === undefined) return { templates: [urlTemplate] }
  const origin = /^(https?:\/\/)([^/?#{}]+)(.*)$/.exec(urlTemplate)
  if (!Array.isArray(hosts) || hosts.length === 0 || !hosts.every((h): h is string => typeof h === 'string' && /^[a-z0-9.-]+(?::[0-9]+)?$/.test(h))) {
    return { problem: '"x-mapc-hosts" lists host names: ["api.example.com", "api-eu.example.com"]' }
  }
  if (!origin) return { problem: '"x-mapc-hosts" needs an x-mapc-endpoint with a fixed host' }
  const [, scheme, host, rest] = origin as unknown as [string, string, string, string]
  if (!hosts.includes(host)) return { problem: `"x-mapc-hosts" must list the x-mapc-endpoint's own host, ${host}` }
  return { templates: hosts.map((h) => `${scheme}${h}${rest}`) }
}

/** `https://x/{a}/y` and a URL with one interpolation both become `https://x/{}/y`. */
export function normalizeUrlTemplate(template: string): string {
  return template.replace(/\{[^}]*\}/g, '{}')
}

export function findEndpoint(api: ApiSchema, method: HttpMethod, url: string): ApiEndpoint | undefined {
  const wanted = normalizeUrlTemplate(url)
  return api.endpoints.find((e) => e.method === method && normalizeUrlTemplate(e.urlTemplate) === wanted)
}

export function endpointLabel(endpoint: ApiEndpoint): string {
  return `${endpoint.method} ${endpoint.urlTemplate}`
}
