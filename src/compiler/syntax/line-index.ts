/**
 * Offsets to line and column. Lexer and parser work in offsets only (cheap, exact); a position
 * with line and column is computed when a span is built, by binary search over line starts.
 * Line breaks are `\n`, `\r\n` and a lone `\r`, so a CRLF file has the same columns as an LF one.
 */
import type { Position, Span } from './ast.js'

export class LineIndex {
  /** Offset of the first character of every line; lineStarts[0] is 0. */
  private readonly lineStarts: number[]

  constructor(
    readonly text: string,
    readonly file: string
  ) {
    this.lineStarts = computeLineStarts(text)
  }

  get lineCount(): number {
    return this.lineStarts.length
  }

  position(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length))
    const line = this.lineOf(clamped)
    return { offset: clamped, line: line + 1, column: clamped - (this.lineStarts[line] ?? 0) + 1 }
  }

  /**
   * The offset of a 1-based line and column, clamped to the line (its line break excluded) and
   * to the text: the inverse of `position`, for editors that address text by line and column.
   */
  offsetAt(line: number, column: number): number {
    if (line < 1) return 0
    if (line > this.lineStarts.length) return this.text.length
    const start = this.lineStarts[line - 1] ?? 0
    return start + Math.max(0, Math.min(column - 1, this.lineText(line).length))
  }

  /** A span from `start` (inclusive) to `end` (exclusive). */
  span(start: number, end: number): Span {
    return { file: this.file, start: this.position(start), end: this.position(Math.max(start, end)) }
  }

  /** 0-based line index of an offset. */
  lineOf(offset: number): number {
    let low = 0
    let high = this.lineStarts.length - 1
    while (low < high) {
      const mid = (low + high + 1) >> 1
      if ((this.lineStarts[mid] ?? 0) <= offset) low = mid
      else high = mid - 1
    }
    return low
  }

  /** The text of a 1-based line, without its line break. */
  lineText(line: number): string {
    const start = this.lineStarts[line - 1]
    if (start === undefined) return ''
    const next = this.lineStarts[line]
    let end = next ?? this.text.length
    if (next !== undefined) {
      // Strip the line break that ends this line: `\n`, `\r` or `\r\n`.
      if (this.text[end - 1] === '\n') end--
      if (this.text[end - 1] === '\r') end--
    }
    return this.text.slice(start, end)
  }
}

function computeLineStarts(text: string): number[] {
  const starts = [0]
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 10) starts.push(i + 1)
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++
      starts.push(i + 1)
    }
  }
  return starts
}

/** True when text[from, to) contains a line break. */
export function hasLineBreak(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i)
    if (c === 0x0a || c === 0x0d) return true
  }
  return false
}
