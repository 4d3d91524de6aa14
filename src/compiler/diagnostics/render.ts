/**
 * Diagnostics as text for a terminal:
 *
 *   attio.map:5:5: error MAPC1010: unknown member `feild` in the action `identifyUser`
 *     |
 *   5 |     feild email: string required {
 *     |     ^^^^^
 *     = hint: did you mean `field`?
 *   note: attio.map:5:16: read as an attribute, it is followed by `:`
 *     |
 *   5 |     feild email: string required {
 *     |                ^
 *
 * Carets line up under the source in any terminal: tabs before the span are copied from the
 * source line, and a character outside the BMP counts as one column. Control characters in a
 * shown line are replaced, so a binary-ish file cannot garble the terminal. Colour (ANSI) is
 * added only when asked for.
 */
import type { Span } from '../syntax/ast.js'
import { LineIndex } from '../syntax/line-index.js'
import type { Diagnostic, Severity } from './diagnostic.js'

export interface RenderOptions {
  /** Wrap parts in ANSI colour codes. */
  color?: boolean
}

/** The source text of a file, when it can be shown; frames are left out otherwise. */
export type SourceLookup = (file: string) => string | undefined

/** Lines shown of a span longer than this: the first and last ones, with `...` between. */
const MAX_FRAME_LINES = 4
/**
 * A framed line longer than this many UTF-16 units is clipped to a window around the span, marked
 * with `…` at a cut, so that a diagnostic on a 50,000-character line prints a bounded frame
 * (source line and caret line at most this wide, plus the marks).
 */
export const MAX_FRAME_WIDTH = 120
/** How much of the line before the span a clipped window keeps. */
const CONTEXT_BEFORE = 40

const ANSI = {
  bold: '\u001b[1m',
  red: '\u001b[31m',
  yellow: '\u001b[33m',
  blue: '\u001b[34m',
  cyan: '\u001b[36m',
  reset: '\u001b[0m'
}

export function renderDiagnostics(diagnostics: readonly Diagnostic[], sources: SourceLookup, options: RenderOptions = {}): string {
  const cache = new Map<string, LineIndex | undefined>()
  const linesOf = (file: string): LineIndex | undefined => {
    if (!cache.has(file)) {
      const text = sources(file)
      cache.set(file, text === undefined ? undefined : new LineIndex(text, file))
    }
    return cache.get(file)
  }
  return diagnostics.map((d) => renderDiagnostic(d, linesOf, options)).join('\n')
}

export function renderDiagnostic(d: Diagnostic, linesOf: (file: string) => LineIndex | undefined, options: RenderOptions = {}): string {
  const paint = painter(options)
  const spans = [d.span, ...d.related.map((r) => r.span)]
  const gutter = Math.max(...spans.map((span) => String(span.end.line).length))
  const out: string[] = []
  out.push(`${paint('bold', location(d.span))}: ${paint(severityColour(d.severity), `${d.severity} ${d.code}`)}: ${paint('bold', d.message)}`)
  out.push(...frame(d.span, linesOf(d.span.file), gutter, paint, severityColour(d.severity)))
  if (d.hint !== undefined) out.push(`${' '.repeat(gutter + 1)}${paint('blue', '=')} ${paint('cyan', 'hint')}: ${d.hint}`)
  // A note about lines already framed names its place and shows no second copy of them.
  const framed: Span[] = [d.span]
  for (const related of d.related) {
    out.push(`${paint('cyan', 'note')}: ${location(related.span)}: ${related.message}`)
    if (framed.some((f) => f.file === related.span.file && f.start.line <= related.span.end.line && related.span.start.line <= f.end.line)) continue
    framed.push(related.span)
    out.push(...frame(related.span, linesOf(related.span.file), gutter, paint, 'cyan'))
  }
  return out.join('\n') + '\n'
}

/** `file:line:col` */
export function location(span: Span): string {
  return `${span.file}:${span.start.line}:${span.start.column}`
}

/** `2 errors, 1 warning in 3 files` */
export function summarize(diagnostics: readonly Diagnostic[], fileCount: number): string {
  const count = (severity: Severity): number => diagnostics.filter((d) => d.severity === severity).length
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`
  return `${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')} in ${plural(fileCount, 'file')}`
}

type Colour = keyof typeof ANSI
type Paint = (colour: Colour, text: string) => string

function painter(options: RenderOptions): Paint {
  if (options.color !== true) return (_colour, text) => text
  return (colour, text) => `${ANSI[colour]}${text}${ANSI.reset}`
}

function severityColour(severity: Severity): Colour {
  return severity === 'error' ? 'red' : severity === 'warning' ? 'yellow' : 'cyan'
}

function frame(span: Span, lines: LineIndex | undefined, gutter: number, paint: Paint, caretColour: Colour): string[] {
  if (lines === undefined || span.start.line > lines.lineCount) return []
  const bar = (lineNumber = ''): string => paint('blue', `${lineNumber.padStart(gutter)} |`)
  const out = [bar()]
  const first = span.start.line
  const last = Math.min(span.end.line, lines.lineCount)
  const shown = last - first + 1 <= MAX_FRAME_LINES ? range(first, last) : [first, -1, last]
  for (const line of shown) {
    if (line < 0) {
      out.push(paint('blue', `${'.'.repeat(Math.max(3, gutter))}`))
      continue
    }
    const full = lines.lineText(line)
    const window = clip(full, line === first ? span.start.column - 1 : firstNonBlank(full), line === last ? span.end.column - 1 : full.length)
    out.push(`${bar(String(line))} ${window.before}${displayable(window.text)}${window.after}`.trimEnd())
    out.push(`${bar()} ${' '.repeat(window.before.length)}${caretLine(window.text, window.from, window.to, paint, caretColour)}`)
  }
  return out
}

interface Window {
  /** The part of the line shown. */
  text: string
  /** The span's columns within `text` (0-based, UTF-16 units). */
  from: number
  to: number
  /** `…` where the line was cut, else empty. */
  before: string
  after: string
}

/** The line whole when it fits; else MAX_FRAME_WIDTH units from a little before the span, never splitting a surrogate pair. */
function clip(text: string, from: number, to: number): Window {
  if (text.length <= MAX_FRAME_WIDTH) return { text, from, to, before: '', after: '' }
  let start = Math.max(0, Math.min(from, text.length) - CONTEXT_BEFORE)
  if (isLowSurrogate(text, start)) start++
  let end = Math.min(text.length, start + MAX_FRAME_WIDTH)
  if (isLowSurrogate(text, end)) end--
  return {
    text: text.slice(start, end),
    from: from - start,
    to: Math.min(to, end) - start,
    before: start > 0 ? '…' : '',
    after: end < text.length ? '…' : ''
  }
}

function isLowSurrogate(text: string, index: number): boolean {
  const unit = text.charCodeAt(index)
  return unit >= 0xdc00 && unit <= 0xdfff
}

function range(from: number, to: number): number[] {
  const result: number[] = []
  for (let i = from; i <= to; i++) result.push(i)
  return result
}

function firstNonBlank(text: string): number {
  const match = /\S/.exec(text)
  return match === null ? 0 : match.index
}

/** Spaces (or the line's own tabs) up to `from`, then a caret per character up to `to`. */
function caretLine(text: string, from: number, to: number, paint: Paint, colour: Colour): string {
  let prefix = ''
  let i = 0
  while (i < from && i < text.length) {
    const codePoint = text.codePointAt(i) as number
    prefix += text[i] === '\t' ? '\t' : ' '
    i += codePoint > 0xffff ? 2 : 1
  }
  if (from > text.length) prefix += ' '.repeat(from - text.length)
  let carets = 0
  while (i < to && i < text.length) {
    const codePoint = text.codePointAt(i) as number
    carets++
    i += codePoint > 0xffff ? 2 : 1
  }
  return prefix + paint(colour, '^'.repeat(Math.max(1, carets)))
}

/** A source line as it can be printed: control characters (but tabs) become U+FFFD. */
function displayable(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '\ufffd').replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
}
