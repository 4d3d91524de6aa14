/**
 * Test helpers for the front end: ASTs without positions (to compare shapes), and diagnostics
 * as `line:column CODE` strings (to compare places and codes exactly).
 */
import type { Diagnostic } from '../../src/compiler/diagnostics/diagnostic.js'

const POSITION_KEYS = new Set(['span', 'keySpan', 'propertySpan', 'operatorSpan', 'methodSpan', 'nameSpan'])

/** A deep copy without any span: two parses of the same code compare equal whatever the layout. */
export function withoutSpans<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutSpans) as T
  if (value === null || typeof value !== 'object') return value
  const out: Record<string, unknown> = {}
  for (const [key, inner] of Object.entries(value)) {
    if (POSITION_KEYS.has(key)) continue
    out[key] = withoutSpans(inner)
  }
  return out as T
}

/** `3:5 MAPC1010`: where a diagnostic points and what it is. */
export function where(d: Diagnostic): string {
  return `${d.span.start.line}:${d.span.start.column} ${d.code}`
}

/** The source text a span covers. */
export function sliceOf(text: string, span: { start: { offset: number }; end: { offset: number } }): string {
  return text.slice(span.start.offset, span.end.offset)
}
