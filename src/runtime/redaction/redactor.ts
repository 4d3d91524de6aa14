/**
 * Redaction: the one gate every error message, log line and verbose output passes through
 * before it leaves the process.
 */
import { carriesAuthScheme, isSensitiveName } from './sensitive-names.js'
import { secretForms } from './secret-forms.js'

export const REDACTED = '[REDACTED]'

/**
 * Secrets shorter than this are not replaced inside text. Replacing every "ab" would shred
 * messages beyond use and, worse, the pattern of masked spots would tell a reader the secret.
 * Such a secret is still masked wherever it sits in a sensitive header or key.
 */
export const MIN_REDACTABLE_SECRET_LENGTH = 4

export type HeaderInput = Headers | Record<string, string | readonly string[] | number | undefined>

export interface Redactor {
  /** `text` with every known secret, in any of its encoded forms, replaced by `[REDACTED]`. */
  redact(text: string): string
  /**
   * For text cut off at a size limit: redacts it and also drops a trailing fragment that could
   * be the start of a secret the cut split in two (which `redact` cannot recognise).
   */
  redactTruncated(text: string): string
  /** Header names kept; values of sensitive headers masked, the rest redacted as text. */
  redactHeaders(headers: HeaderInput): Record<string, string>
  /** A deep copy with strings redacted and values under sensitive keys masked; cycles cut. */
  redactValue(value: unknown): unknown
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

function headerEntries(headers: HeaderInput): Array<[string, string]> {
  if (headers instanceof Headers) return [...headers.entries()]
  const entries: Array<[string, string]> = []
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue
    entries.push([name, Array.isArray(value) ? value.join(', ') : String(value)])
  }
  return entries
}

function maskHeaderValue(name: string, value: string): string {
  if (carriesAuthScheme(name)) {
    const scheme = /^([A-Za-z][A-Za-z0-9-]*)\s+\S/.exec(value)
    if (scheme) return `${scheme[1]} ${REDACTED}`
  }
  return REDACTED
}

export function createRedactor(secrets: Iterable<string>): Redactor {
  const forms = new Set<string>()
  for (const secret of secrets) {
    if (typeof secret !== 'string' || secret.length < MIN_REDACTABLE_SECRET_LENGTH) continue
    for (const form of secretForms(secret)) {
      if (form.length >= MIN_REDACTABLE_SECRET_LENGTH) forms.add(form)
    }
  }
  // Longest first, so that at any position the whole encoded form wins over a shorter core of it.
  const ordered = [...forms].sort((a, b) => b.length - a.length)
  const pattern = ordered.length === 0 ? undefined : new RegExp(ordered.map(escapeRegExp).join('|'), 'g')

  const redact = (text: string): string => (pattern === undefined ? text : text.replace(pattern, REDACTED))

  const redactTruncated = (text: string): string => {
    const redacted = redact(text)
    let cut = 0
    for (const form of ordered) {
      for (let length = Math.min(form.length - 1, redacted.length); length > cut; length--) {
        if (redacted.endsWith(form.slice(0, length))) {
          cut = length
          break
        }
      }
    }
    return redacted.slice(0, redacted.length - cut)
  }

  const redactHeaders = (headers: HeaderInput): Record<string, string> => {
    const result: Record<string, string> = {}
    for (const [name, value] of headerEntries(headers)) {
      result[redact(name)] = isSensitiveName(name) ? maskHeaderValue(name, value) : redact(value)
    }
    return result
  }

  const redactValue = (value: unknown): unknown => redactDeep(value, redact, new WeakSet())

  return { redact, redactTruncated, redactHeaders, redactValue }
}

function redactDeep(value: unknown, redact: (text: string) => string, ancestors: WeakSet<object>): unknown {
  if (typeof value === 'string') return redact(value)
  if (value === null || typeof value !== 'object') return value
  if (ancestors.has(value)) return '[Circular]'
  if (value instanceof Date) return new Date(value.getTime())
  ancestors.add(value)
  try {
    if (Array.isArray(value)) return value.map((item) => redactDeep(item, redact, ancestors))
    if (value instanceof Error) {
      // An Error's message and name are not own enumerable properties; carry them explicitly.
      return { name: redact(value.name), message: redact(value.message), ...redactEntries(value, redact, ancestors) }
    }
    if (value instanceof Headers) return redactEntries(Object.fromEntries(value.entries()), redact, ancestors)
    return redactEntries(value, redact, ancestors)
  } finally {
    ancestors.delete(value)
  }
}

function redactEntries(
  value: object,
  redact: (text: string) => string,
  ancestors: WeakSet<object>
): Record<string, unknown> {
  const result: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(value)) {
    const maskable = typeof item === 'string' || typeof item === 'number' || typeof item === 'bigint'
    const redactedKey = redact(key)
    const redactedItem = isSensitiveName(key) && maskable ? REDACTED : redactDeep(item, redact, ancestors)
    // defineProperty, not assignment: a key named `__proto__` must stay data, not become a prototype.
    Object.defineProperty(result, redactedKey, {
      value: redactedItem,
      enumerable: true,
      writable: true,
      configurable: true
    })
  }
  return result
}
