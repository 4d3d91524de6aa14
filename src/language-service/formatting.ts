/**
 * Document formatting with `mapc fmt`'s formatter. The edit replaces only the lines that change
 * (the common start and end are kept), so the cursor and folds elsewhere stay where they were. A
 * file with syntax errors is not formatted: the formatter could lose what the parser skipped.
 */
import type { TextEdit } from 'vscode-languageserver-types'
import { formatSource } from '../compiler/format/format.js'
import { LineIndex } from '../compiler/syntax/line-index.js'
import { rangeAt } from './positions.js'

export type FormatResult = { edits: TextEdit[] } | { refused: string }

export function formatDocument(text: string, file: string): FormatResult {
  const formatted = formatSource(text, file)
  if ('diagnostics' in formatted) {
    const first = formatted.diagnostics[0]
    return { refused: `not formatted: the file has syntax errors${first ? ` (line ${first.span.start.line}: ${first.message})` : ''}` }
  }
  if (formatted.text === text) return { edits: [] }
  return { edits: [minimalEdit(text, formatted.text)] }
}

/** One edit from `before` to `after` that leaves their common prefix and suffix alone. */
export function minimalEdit(before: string, after: string): TextEdit {
  let start = 0
  const max = Math.min(before.length, after.length)
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++
  // Never split a CRLF or a surrogate pair.
  while (start > 0 && (isLowSurrogate(before.charCodeAt(start)) || (before[start] === '\n' && before[start - 1] === '\r'))) start--
  let end = 0
  while (end < max - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++
  while (end > 0 && isLowSurrogate(before.charCodeAt(before.length - end))) end--
  const lines = new LineIndex(before, '')
  return { range: rangeAt(lines, start, before.length - end), newText: after.slice(start, after.length - end) }
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff
}
