/**
 * Between the compiler's spans (offsets, 1-based lines and columns) and an editor's positions
 * (0-based lines and UTF-16 character offsets, as the Language Server Protocol counts them, and
 * as the compiler counts columns too).
 */
import type { Position, Range } from 'vscode-languageserver-types'
import type { Span } from '../compiler/syntax/ast.js'
import type { LineIndex } from '../compiler/syntax/line-index.js'

export function toRange(span: Span): Range {
  return {
    start: { line: span.start.line - 1, character: span.start.column - 1 },
    end: { line: span.end.line - 1, character: span.end.column - 1 }
  }
}

export function offsetAt(lines: LineIndex, position: Position): number {
  return lines.offsetAt(position.line + 1, position.character + 1)
}

export function positionAt(lines: LineIndex, offset: number): Position {
  const p = lines.position(offset)
  return { line: p.line - 1, character: p.column - 1 }
}

export function rangeAt(lines: LineIndex, start: number, end: number): Range {
  return { start: positionAt(lines, start), end: positionAt(lines, end) }
}
