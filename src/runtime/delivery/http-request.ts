/**
 * A compiled action's RequestSpec → the bytes to send: auth headers first, then the request's
 * own (which win on a clash); the query string encoded; JSON and form bodies serialised with
 * their content type. Absent query and header values are left out; other scalars become text.
 */
import type { RequestSpec } from '../contract.js'
import { InvalidRequestError } from '../errors/index.js'
import type { HttpRequest } from '../http/types.js'
import { createRedactor, type Redactor } from '../redaction/index.js'

/** @param redactor the instance's: a URL path may hold a secret setting, and an error names the endpoint. */
export function toHttpRequest(spec: RequestSpec, authHeaders: Readonly<Record<string, unknown>>, redactor: Redactor = createRedactor([])): HttpRequest {
  const headers: Record<string, string> = {}
  for (const name of Object.keys(authHeaders)) setHeader(headers, name, authHeaders[name])
  const own = spec.headers
  if (own !== undefined) for (const name of Object.keys(own)) setHeader(headers, name, own[name])
  let body: string | undefined
  if (spec.json !== undefined) {
    body = JSON.stringify(spec.json)
    if (headers['content-type'] === undefined) headers['content-type'] = 'application/json'
  } else if (spec.form !== undefined) {
    body = encodePairs(Object.entries(spec.form), { spec, redactor, what: 'form field' })
    if (headers['content-type'] === undefined) headers['content-type'] = 'application/x-www-form-urlencoded'
  }
  const request: HttpRequest = { method: spec.method, url: withQuery(spec, redactor), headers }
  if (body !== undefined) request.body = body
  return request
}

/** A URL written with a query of its own (`…/search?v=2`) keeps it; the parameters follow it. */
function withQuery(spec: RequestSpec, redactor: Redactor): string {
  const encoded = spec.query === undefined ? '' : encodePairs(spec.query, { spec, redactor, what: 'query parameter' })
  if (encoded === '') return spec.url
  return `${spec.url}${spec.url.includes('?') ? '&' : '?'}${encoded}`
}

function setHeader(headers: Record<string, string>, name: string, value: unknown): void {
  const text = scalarText(value)
  if (text !== undefined) headers[name.toLowerCase()] = text
}

/** What an encoding error names: the request, and the kind of pair (`query parameter`, `form field`). */
interface PairSite {
  spec: RequestSpec
  redactor: Redactor
  what: string
}

/** `a=1&b=x%20y`: percent-encoding as encodeURIComponent does (spaces as %20, not +). */
function encodePairs(pairs: readonly (readonly [string, unknown])[], site: PairSite): string {
  const out: string[] = []
  for (const [name, value] of pairs) {
    const text = scalarText(value)
    if (text !== undefined) out.push(`${encode(name, name, site)}=${encode(text, name, site)}`)
  }
  return out.join('&')
}

/** encodeURIComponent throws a bare "URI malformed" on a lone surrogate, which event data may hold. */
function encode(text: string, name: string, { spec, redactor, what }: PairSite): string {
  try {
    return encodeURIComponent(text)
  } catch {
    const reason = `the ${what} ${JSON.stringify(name)} is not well-formed Unicode (it holds a lone surrogate)`
    throw new InvalidRequestError({ method: spec.method, url: spec.url, reason }, { location: spec.loc, redactor })
  }
}

/** Strings, numbers and booleans are sent as text; absent, null, objects and arrays are left out (the checker allows only scalars). */
function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return undefined
}
