/**
 * The compiler's diagnostics as an editor shows them: a range, a severity, the code with a link
 * to its entry in docs/diagnostics.md, the hint after the message, and the related places.
 */
import { DiagnosticSeverity, type Diagnostic as EditorDiagnostic, type DiagnosticRelatedInformation } from 'vscode-languageserver-types'
import { codeInfo, type DiagnosticCode } from '../compiler/diagnostics/codes/index.js'
import type { Diagnostic } from '../compiler/diagnostics/diagnostic.js'
import { diagnosticsReference } from '../compiler/diagnostics/reference.js'
import { toRange } from './positions.js'

export const DIAGNOSTIC_SOURCE = 'mapc'

export interface DiagnosticLinks {
  /** Where docs/diagnostics.md is: a `file:` URL (linked by line) or a web page (linked by heading). */
  docsUrl: string
  /** The URI of a file a related span points into. */
  uriOf(file: string): string
}

export function toEditorDiagnostic(d: Diagnostic, links: DiagnosticLinks): EditorDiagnostic {
  const result: EditorDiagnostic = {
    range: toRange(d.span),
    severity: d.severity === 'error' ? DiagnosticSeverity.Error : d.severity === 'warning' ? DiagnosticSeverity.Warning : DiagnosticSeverity.Information,
    code: d.code,
    codeDescription: { href: diagnosticDocsLink(d.code, links.docsUrl) },
    source: DIAGNOSTIC_SOURCE,
    message: d.hint === undefined ? d.message : `${d.message}\nhint: ${d.hint}`
  }
  if (d.related.length > 0) {
    result.relatedInformation = d.related.map(
      (r): DiagnosticRelatedInformation => ({ location: { uri: links.uriOf(r.span.file), range: toRange(r.span) }, message: r.message })
    )
  }
  return result
}

let headingLines: Map<string, number> | undefined

/** The code's entry: `#L<line>` in the file itself, the heading's anchor on a rendered page. */
export function diagnosticDocsLink(code: DiagnosticCode, docsUrl: string): string {
  const info = codeInfo(code)
  if (docsUrl.startsWith('file:')) {
    headingLines ??= new Map(
      diagnosticsReference()
        .split('\n')
        .flatMap((line, i) => (line.startsWith('### ') ? [[line.slice(4).split(':')[0] as string, i + 1] as const] : []))
    )
    const line = headingLines.get(code)
    return line === undefined ? docsUrl : `${docsUrl}#L${line}`
  }
  return `${docsUrl}#${headingAnchor(`${code}: ${info.title}`)}`
}

/** The anchor a Markdown renderer (GitHub's) gives a heading: lower case, punctuation dropped, spaces as `-`. */
export function headingAnchor(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-')
}
