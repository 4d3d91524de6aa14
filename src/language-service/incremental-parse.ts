/**
 * Re-parsing after a keystroke: when an edit falls inside one member of the destination (an
 * action, a setting, a shape…), only that member is parsed again and the rest of the tree is
 * kept, its spans moved by the edit. This is what keeps re-checking a 1,000-line file quick: the
 * parser is the costliest stage.
 *
 * The member is parsed by the compiler's own `parseMap`, on a copy of the new text where every
 * character outside the member and the destination's braces is blanked (line breaks kept), so
 * offsets, lines and columns are the real ones. The shortcut is taken only when it must give what
 * a full parse gives: the previous text parsed without a diagnostic, the edit is strictly inside
 * one member and not on its last line, and the member alone parses, without a diagnostic, into
 * exactly one member covering exactly the edited text. Otherwise the whole file is parsed.
 */
import type { Comment, Destination, MapFile, Position, Span } from '../compiler/syntax/ast.js'
import type { Diagnostic } from '../compiler/diagnostics/diagnostic.js'
import { parseMap, type ParseMapResult } from '../compiler/syntax/parse.js'

export interface PreviousParse {
  text: string
  ast: MapFile
  diagnostics: readonly Diagnostic[]
}

export function reparse(previous: PreviousParse | undefined, text: string, file: string): ParseMapResult & { incremental: boolean } {
  const quick = previous ? reparseMember(previous, text, file) : undefined
  return quick ? { ...quick, incremental: true } : { ...parseMap(text, file), incremental: false }
}

function reparseMember(previous: PreviousParse, text: string, file: string): ParseMapResult | undefined {
  if (previous.diagnostics.length > 0 || previous.ast.destinations.length !== 1) return undefined
  const old = previous.text
  if (old === text) return { ast: previous.ast, diagnostics: [] }
  let prefix = 0
  const max = Math.min(old.length, text.length)
  while (prefix < max && old.charCodeAt(prefix) === text.charCodeAt(prefix)) prefix++
  let suffix = 0
  while (suffix < max - prefix && old.charCodeAt(old.length - 1 - suffix) === text.charCodeAt(text.length - 1 - suffix)) suffix++
  const oldEditEnd = old.length - suffix
  const delta = text.length - old.length
  const destination = previous.ast.destinations[0] as Destination
  const index = destination.members.findIndex((m) => m.span.start.offset < prefix && oldEditEnd < m.span.end.offset - 1)
  const member = destination.members[index]
  if (!member) return undefined
  const oldEnd = member.span.end.offset
  if (lineOf(old, oldEditEnd) === member.span.end.line) return undefined
  const start = member.span.start.offset
  const end = oldEnd + delta
  const open = old.indexOf('{', destination.name.span.end.offset)
  if (open < 0 || open >= start) return undefined
  const close = destination.span.end.offset - 1
  if (old[close] !== '}' || text[close + delta] !== '}') return undefined
  const padded = blankOutside(text, [
    [destination.span.start.offset, open + 1],
    [start, end],
    [close + delta, close + delta + 1]
  ])
  const parsed = parseMap(padded, file)
  const fresh = parsed.ast.destinations[0]?.members
  if (parsed.diagnostics.length > 0 || fresh?.length !== 1) return undefined
  const replacement = fresh[0] as Destination['members'][number]
  if (replacement.span.start.offset !== start || replacement.span.end.offset !== end) return undefined

  const lineDelta = countLines(text, start, end) - countLines(old, start, oldEnd)
  const shift = shifter(oldEnd, delta, lineDelta)
  const members = [...destination.members.slice(0, index), replacement, ...destination.members.slice(index + 1).map((m) => shift(m))]
  const comments: Comment[] = [
    ...previous.ast.comments.filter((c) => c.span.end.offset <= start),
    ...parsed.ast.comments,
    ...previous.ast.comments.filter((c) => c.span.start.offset >= oldEnd).map((c) => shift(c))
  ]
  const newDestination: Destination = { ...destination, members, span: shift(destination.span) }
  const ast: MapFile = { ...previous.ast, destinations: [newDestination], comments, span: shift(previous.ast.span) }
  return { ast, diagnostics: [] }
}

/** The text with every character outside the ranges made a space; line breaks stay. */
function blankOutside(text: string, keep: readonly [number, number][]): string {
  let out = ''
  let at = 0
  for (const [from, to] of keep) {
    out += blank(text.slice(at, from)) + text.slice(from, to)
    at = to
  }
  return out + blank(text.slice(at))
}

function blank(text: string): string {
  return text.replace(/[^\r\n]/g, ' ')
}

/** 1-based line of an offset (counted the way LineIndex counts: \n, \r\n, lone \r). */
function lineOf(text: string, offset: number): number {
  return countLines(text, 0, offset) + 1
}

function countLines(text: string, from: number, to: number): number {
  let n = 0
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i)
    if (c === 10) n++
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10 && i + 1 < to) i++
      n++
    }
  }
  return n
}

/**
 * A deep copy in which every position at or after `from` (in the old text) moves by the edit.
 * Positions after the edited member are on later lines than the edit, so their columns stay.
 */
function shifter(from: number, delta: number, lineDelta: number): <T>(value: T) => T {
  const seen = new Map<object, unknown>()
  const copy = (value: unknown): unknown => {
    if (value === null || typeof value !== 'object') return value
    const known = seen.get(value)
    if (known !== undefined) return known
    if (isPosition(value)) {
      const moved: Position = value.offset >= from ? { offset: value.offset + delta, line: value.line + lineDelta, column: value.column } : value
      seen.set(value, moved)
      return moved
    }
    if (Array.isArray(value)) {
      const out: unknown[] = []
      seen.set(value, out)
      for (const item of value) out.push(copy(item))
      return out
    }
    const out: Record<string, unknown> = {}
    seen.set(value, out)
    for (const [k, v] of Object.entries(value)) out[k] = copy(v)
    return out
  }
  return <T>(value: T): T => copy(value) as T
}

function isPosition(value: object): value is Position {
  const v = value as Partial<Position>
  return typeof v.offset === 'number' && typeof v.line === 'number' && typeof v.column === 'number' && Object.keys(value).length === 3
}

export type { Span }
