/**
 * Checks a request before it is sent. fetch would reject these with a bare `TypeError`, which
 * looks like a network failure and would be retried; they are mistakes in a mapping or a setting
 * and are reported as such. Header values are never quoted: they are where credentials live.
 */
import type { HttpRequest } from './types.js'

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/
/** Methods the fetch standard refuses outright. */
const FORBIDDEN_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK'])

/** Why `request` cannot be sent, or `undefined` when it can. */
export function invalidRequestReason(request: HttpRequest): string | undefined {
  if (!TOKEN.test(request.method) || FORBIDDEN_METHODS.has(request.method.toUpperCase())) {
    return `${JSON.stringify(request.method)} is not a method that can be sent`
  }
  let url: URL
  try {
    url = new URL(request.url)
  } catch {
    return 'the URL is not an absolute URL'
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return `the URL scheme ${JSON.stringify(url.protocol.slice(0, -1))} is not http or https`
  }
  for (const [name, value] of Object.entries(request.headers)) {
    if (!TOKEN.test(name)) return `the header name ${JSON.stringify(name)} is not valid`
    if (typeof value !== 'string') return `the value of header ${JSON.stringify(name)} is not a string`
    try {
      new Headers([[name, value]])
    } catch {
      return `the value of header ${JSON.stringify(name)} contains characters a header cannot carry`
    }
  }
  const method = request.method.toUpperCase()
  if (request.body !== undefined && (method === 'GET' || method === 'HEAD')) {
    return `a ${method} request cannot have a body`
  }
  return undefined
}
