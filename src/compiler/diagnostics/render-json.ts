/**
 * Diagnostics as JSON records for editors and CI: one flat object per diagnostic with 1-based
 * lines and columns, the way `mapc check --format json` prints them.
 */
import type { Span } from '../syntax/ast.js'
import type { Diagnostic, Severity } from './diagnostic.js'

export interface JsonLocation {
  file: string
  line: number
  column: number
  endLine: number
  endColumn: number
}

export interface JsonDiagnostic extends JsonLocation {
  severity: Severity
  code: string
  message: string
  hint?: string
  related?: (JsonLocation & { message: string })[]
}

export function toJsonDiagnostic(d: Diagnostic): JsonDiagnostic {
  const result: JsonDiagnostic = { ...jsonLocation(d.span), severity: d.severity, code: d.code, message: d.message }
  if (d.hint !== undefined) result.hint = d.hint
  if (d.related.length > 0) result.related = d.related.map((r) => ({ ...jsonLocation(r.span), message: r.message }))
  return result
}

/** The whole list as one JSON array, with a final newline. */
export function renderDiagnosticsJson(diagnostics: readonly Diagnostic[]): string {
  return JSON.stringify(diagnostics.map(toJsonDiagnostic), null, 2) + '\n'
}

function jsonLocation(span: Span): JsonLocation {
  return { file: span.file, line: span.start.line, column: span.start.column, endLine: span.end.line, endColumn: span.end.column }
}
