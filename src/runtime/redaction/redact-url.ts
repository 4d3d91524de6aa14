/**
 * How a request's URL appears in errors. Messages show the endpoint only (origin and path):
 * query strings carry per-event data such as email addresses and sometimes keys, and the path is
 * what identifies the call. The full URL is kept as a detail, with credentials masked by name.
 */
import { REDACTED, type Redactor } from './redactor.js'
import { isSensitiveName } from './sensitive-names.js'

export interface RedactedUrl {
  /** The whole URL: userinfo password and sensitive query parameters masked, known secrets redacted. */
  url: string
  /** Origin and path only, for messages. */
  endpoint: string
}

/** The URL with credentials masked, or `undefined` when it carries none (so its spelling is kept). */
function maskUrl(parsed: URL): string | undefined {
  const params = [...parsed.searchParams]
  const sensitiveQuery = params.some(([name]) => isSensitiveName(name))
  if (parsed.password === '' && !sensitiveQuery) return undefined
  const masked = new URL(parsed.href)
  if (masked.password !== '') masked.password = REDACTED
  if (sensitiveQuery) {
    // Rebuilt in order: `searchParams.set` would merge repeated parameters into one.
    const entries = params.map(([name, value]): [string, string] => [name, isSensitiveName(name) ? REDACTED : value])
    masked.search = new URLSearchParams(entries).toString()
  }
  return masked.href.split(encodeURIComponent(REDACTED)).join(REDACTED)
}

/** For text that is not a URL: the same masking of `name=value` pairs after the `?`. */
function maskQueryText(text: string): string {
  const query = text.indexOf('?')
  if (query === -1) return text
  const tail = text
    .slice(query)
    .replace(/([?&])([^=&#]*)=([^&#]*)/g, (pair, separator: string, name: string) =>
      isSensitiveName(safeDecode(name)) ? `${separator}${name}=${REDACTED}` : pair
    )
  return text.slice(0, query) + tail
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '))
  } catch {
    return text
  }
}

export function redactUrl(url: string, redactor: Redactor): RedactedUrl {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    // Not a URL that could be sent anyway; shown as text, masked the same way.
    return redactUrlTemplate(url, redactor)
  }
  const full = maskUrl(parsed) ?? parsed.href
  return { url: redactor.redact(full), endpoint: redactor.redact(`${parsed.origin}${parsed.pathname}`) }
}

/** A URL template (`https://x/v1/{list}/contacts?key={key}`): masked as text, its braces kept. */
export function redactUrlTemplate(template: string, redactor: Redactor): RedactedUrl {
  return { url: redactor.redact(maskQueryText(template)), endpoint: redactor.redact(template.replace(/[?#].*$/s, '')) }
}
