/**
 * Checks a request before it is sent. The HTTP stack would reject these with a bare error that
 * looks like a network failure and would be retried; they are mistakes in a mapping or a setting
 * and are reported as such. Header values are never quoted: they are where credentials live.
 */
import type { HttpRequest } from './types.js'

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/
/** What a header value may hold on the wire: tab, visible ASCII and space, and obs-text bytes. */
const FIELD_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/
/** Methods the fetch standard refuses outright. */
const FORBIDDEN_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK'])

/**
 * The fetch standard's "bad ports": ports of other protocols (SMTP, IRC, X11…), which a request
 * built from a mapping must not reach. Refused whichever client sends, as fetch refuses them.
 */
const BAD_PORTS = new Set([
  0, 1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104, 109,
  110, 111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465, 512, 513, 514, 515, 526, 530, 531,
  532, 540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993, 995, 1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060,
  5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080
])

/** The parsed URL of a request that can be sent, or why it cannot. */
export function checkRequest(request: HttpRequest): { url: URL } | { reason: string } {
  if (!TOKEN.test(request.method) || FORBIDDEN_METHODS.has(request.method.toUpperCase())) {
    return { reason: `${JSON.stringify(request.method)} is not a method that can be sent` }
  }
  let url: URL
  try {
    url = new URL(request.url)
  } catch {
    return { reason: 'the URL is not an absolute URL' }
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { reason: `the URL scheme ${JSON.stringify(url.protocol.slice(0, -1))} is not http or https` }
  }
  for (const name of Object.keys(request.headers)) {
    const value = request.headers[name]
    if (!TOKEN.test(name)) return { reason: `the header name ${JSON.stringify(name)} is not valid` }
    if (typeof value !== 'string') return { reason: `the value of header ${JSON.stringify(name)} is not a string` }
    if (!FIELD_VALUE.test(value)) return { reason: `the value of header ${JSON.stringify(name)} contains characters a header cannot carry` }
  }
  const method = request.method.toUpperCase()
  if (request.body !== undefined && (method === 'GET' || method === 'HEAD')) {
    return { reason: `a ${method} request cannot have a body` }
  }
  if (url.port !== '' && BAD_PORTS.has(Number(url.port))) {
    return { reason: `port ${url.port} is one fetch and browsers refuse to connect to (a port of another protocol)` }
  }
  return { url }
}

/** Why `request` cannot be sent, or `undefined` when it can. */
export function invalidRequestReason(request: HttpRequest): string | undefined {
  const checked = checkRequest(request)
  return 'reason' in checked ? checked.reason : undefined
}
