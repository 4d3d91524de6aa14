/**
 * Diagnostics are values: built by the stage that finds a problem, rendered by the CLI.
 * Keeping them apart from their formatting lets the same diagnostic become a terminal code
 * frame, a JSON record for editors, or an assertion in a test.
 */
import type { Span } from '../syntax/ast.js'
import { codeInfo, type DiagnosticCode } from './codes/index.js'

export type Severity = 'error' | 'warning' | 'info'

export interface RelatedSpan {
  span: Span
  message: string
}

export interface Diagnostic {
  code: DiagnosticCode
  severity: Severity
  message: string
  /** The primary span: where the caret goes. */
  span: Span
  /** Secondary places worth showing: the earlier declaration of a duplicate, the trigger that narrows a type. */
  related: RelatedSpan[]
  /** What to do about it: "did you mean `identifyUser`?" */
  hint?: string
}

/** A diagnostic with the code's registered severity. */
export function diagnostic(
  code: DiagnosticCode,
  span: Span,
  message: string,
  extra: { hint?: string; related?: RelatedSpan[]; severity?: Severity } = {}
): Diagnostic {
  const result: Diagnostic = {
    code,
    severity: extra.severity ?? codeInfo(code).severity,
    message,
    span,
    related: extra.related ?? []
  }
  if (extra.hint !== undefined) result.hint = extra.hint
  return result
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error')
}

/** Source order, then code: stable output whatever order the stages found things in. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      a.span.file.localeCompare(b.span.file) ||
      a.span.start.offset - b.span.start.offset ||
      a.code.localeCompare(b.code)
  )
}
