/**
 * A sent request as a destination's API schema describes requests: `{ method, url, query,
 * headers, body }`, the URL without its query string, the query as an object, the body parsed
 * by its content type. The API schema (mappings/apis/<destination>.schema.json) is compiled once
 * with ajv, and each request is validated against the endpoint it was sent to.
 */
import { Ajv, type ValidateFunction } from 'ajv'
import type { ApiSchema } from '../../compiler/check/api-schema.js'
import { registerFormats } from '../../compiler/emit/ajv-formats.js'
import type { HttpRequest } from '../../runtime/http/index.js'
import { isDateLike } from '../../runtime/lib/datetime.js'
import { apiDocument, apiDocumentId, endpointRoutes, routeOf, withoutQuery } from './api-endpoints.js'

export interface ApiRequest {
  method: string
  url: string
  query: Record<string, string>
  headers: Record<string, string>
  body?: unknown
}

export function apiRequestOf(request: HttpRequest): ApiRequest {
  const url = new URL(request.url)
  const shaped: ApiRequest = {
    method: request.method,
    url: `${url.origin}${url.pathname}`,
    query: Object.fromEntries(url.searchParams),
    headers: request.headers
  }
  if (request.body !== undefined) shaped.body = parseBody(request.body, request.headers['content-type'])
  return shaped
}

function parseBody(body: string, contentType: string | undefined): unknown {
  if (contentType?.startsWith('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(body))
  if (contentType?.startsWith('application/json')) {
    try {
      return JSON.parse(body) as unknown
    } catch {
      return body
    }
  }
  return body
}

/** What is wrong with a request, one line per problem; empty when it fits the API. */
export type RequestCheck = (request: HttpRequest) => string[]

/**
 * The API schema's annotations (`x-mapc-endpoint`, `x-mapc-response`) are not JSON Schema, so ajv
 * runs without strict mode; formats are the ones payload validation uses. Throws when the
 * document is not a schema ajv can compile.
 */
export function apiRequestCheck(api: ApiSchema): RequestCheck {
  const ajv = new Ajv({ allErrors: true, strict: false })
  registerFormats(ajv, isDateLike)
  const document = apiDocument(api)
  const id = apiDocumentId(api)
  const routes = endpointRoutes(api)
  const validators = new Map<string, ValidateFunction>()
  try {
    ajv.addSchema(document.$id === undefined ? { ...document, $id: id } : document)
    for (const route of routes) {
      const validate = ajv.getSchema(`${id}${route.pointer}`)
      if (!validate) throw new Error(`no schema at ${route.pointer}`)
      validators.set(route.endpoint.id, validate)
    }
  } catch (error) {
    throw new Error(`${api.file} cannot be compiled as a JSON Schema: ${(error as Error).message}`)
  }
  return (request) => {
    const route = routeOf(routes, request.method, request.url)
    if (!route) return [`${request.method} ${withoutQuery(request.url)} is no endpoint of ${api.file}`]
    const validate = validators.get(route.endpoint.id) as ValidateFunction
    if (validate(apiRequestOf(request))) return []
    return (validate.errors ?? []).map((e) => `${e.instancePath === '' ? 'the request' : e.instancePath} ${e.message ?? 'is invalid'}`)
  }
}
