/**
 * A deployment's endpoint override (`destinations[].endpoint`): every request a destination
 * instance makes goes to this origin instead of the one its `.map` wrote, keeping the path and
 * query. It points a destination at an emulator or a staging host without touching the `.map`.
 *
 * Only a bare origin is accepted: `http:` or `https:`, a host and an optional port, nothing
 * else. A path, query, fragment, credentials, or any spelling the URL parser would rewrite
 * (upper case, backslashes, spaces, a trailing dot trick, Unicode) is refused, so the value
 * means exactly what it says and cannot move requests anywhere but that origin.
 */
import type { Transport } from '../delivery/deliver.js'

/** The origin to send to (`http://127.0.0.1:4010`), or the reason the value is not one. */
export function parseEndpointOverride(value: string): { origin: string } | { problem: string } {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return { problem: 'must be an absolute http:// or https:// URL, e.g. http://127.0.0.1:4010' }
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { problem: `must use http or https, not ${url.protocol.replace(/:$/, '')}` }
  if (url.username !== '' || url.password !== '') return { problem: 'must not carry credentials (user:password@): they belong in the settings, where they are redacted' }
  if (url.search !== '' || url.hash !== '' || /[?#]/.test(value)) return { problem: 'must not have a query or fragment: the .map writes those' }
  if (url.pathname !== '/') return { problem: 'must not have a path: the override replaces only the origin (scheme, host and port); the .map writes the path' }
  const written = value.endsWith('/') ? value.slice(0, -1) : value
  if (written !== url.origin) return { problem: `must be written as the plain origin ${url.origin}` }
  return { origin: url.origin }
}

/** The part of a URL after its origin: `https://api.x.com/v1/a?b=1` → `/v1/a?b=1`. */
const ORIGIN = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i

/** Sends every request to `origin`, path and query as the `.map` built them. */
export function withEndpointOverride(transport: Transport, origin: string): Transport {
  return (request, meta) => {
    const rest = request.url.replace(ORIGIN, '')
    // A URL without an origin is left alone: the client refuses it as it is, naming it.
    const url = rest === request.url ? request.url : `${origin}${rest.startsWith('/') || rest === '' ? rest : `/${rest}`}`
    return transport({ ...request, url }, meta)
  }
}
