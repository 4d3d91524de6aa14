/**
 * Templates (`` `https://x/{id}/y` ``) are lexed as chunks, the way JavaScript lexes them:
 *
 *   `text`        TemplateString   a template without interpolation
 *   `text{        TemplateHead     opens the first interpolation
 *   }text{        TemplateMiddle   closes one interpolation and opens the next
 *   }text`        TemplateTail     closes the last interpolation
 *
 * so that the expressions inside `{ }` are ordinary tokens the parser reads with the ordinary
 * expression rules. Whether a `}` closes an interpolation or an object literal depends on how
 * many `{` were opened since the interpolation began; chevrotain's custom token patterns receive
 * the tokens matched so far, and `InterpolationTracker` follows them incrementally to decide.
 *
 * A template's text and its interpolations stay on one line. A line break inside a template
 * abandons it, so an unterminated template costs one line, not the rest of the file.
 */
import type { IToken } from 'chevrotain'
import { hasLineBreak } from './line-index.js'
import { tokenEnd } from './token-offsets.js'

export type ChunkEnd = 'backtick' | 'interpolation' | 'unterminated'

/**
 * What `scanTemplateChunk` accepts, as regular expressions, for the grammar artefacts. (The
 * scanner also accepts an unterminated chunk, which the lexer reports.) A `}` starts a middle or
 * tail chunk only where it closes an interpolation.
 */
export const TEMPLATE_CHUNK_GRAMMAR: Record<string, string> = {
  TemplateString: '`(?:[^`{\\\\\\r\\n]|\\\\.)*`',
  TemplateHead: '`(?:[^`{\\\\\\r\\n]|\\\\.)*\\{',
  TemplateMiddle: '\\}(?:[^`{\\\\\\r\\n]|\\\\.)*\\{',
  TemplateTail: '\\}(?:[^`{\\\\\\r\\n]|\\\\.)*`'
}

/**
 * Scans template text starting just after the opening `` ` `` or `}` and returns the offset just
 * past the chunk (past the closing `` ` `` or `{`, or at the line break or end of input).
 */
export function scanTemplateChunk(text: string, from: number): { end: number; ending: ChunkEnd } {
  let i = from
  while (i < text.length) {
    const c = text.charCodeAt(i)
    if (c === 0x60 /* ` */) return { end: i + 1, ending: 'backtick' }
    if (c === 0x7b /* { */) return { end: i + 1, ending: 'interpolation' }
    if (c === 0x0a || c === 0x0d) return { end: i, ending: 'unterminated' }
    if (c === 0x5c /* \ */) {
      const next = text.charCodeAt(i + 1)
      // A backslash before a line break or the end of input escapes nothing; the template ends there.
      if (Number.isNaN(next) || next === 0x0a || next === 0x0d) return { end: i + 1, ending: 'unterminated' }
      i += 2
      continue
    }
    i++
  }
  return { end: i, ending: 'unterminated' }
}

/** Whether a backtick on the rest of the line, from `from`, could close a template. */
export function backtickLaterOnLine(text: string, from: number): boolean {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 0x0a || c === 0x0d) return false
    if (c === 0x5c /* \ */) {
      i++
      continue
    }
    if (c === 0x60) return true
  }
  return false
}

/** Token names the tracker reacts to; kept as strings so this module does not import the token table. */
const TEMPLATE_HEAD = 'TemplateHead'
const TEMPLATE_TAIL = 'TemplateTail'
const LEFT_BRACE = 'LBrace'
const RIGHT_BRACE = 'RBrace'

/**
 * Follows the tokens the lexer has matched so far and knows, at any offset, whether a `}` there
 * closes an interpolation. One instance per lexing run: `reset` before each.
 */
export class InterpolationTracker {
  private tokens: IToken[] | undefined
  private seen = 0
  /** One entry per open interpolation: the number of `{` opened inside it and not yet closed. */
  private openBraces: number[] = []

  reset(): void {
    this.tokens = undefined
    this.seen = 0
    this.openBraces = []
  }

  /** True when a `}` at `offset` ends the innermost open interpolation. */
  closesInterpolation(text: string, offset: number, tokens: IToken[]): boolean {
    this.catchUp(text, tokens)
    if (this.openBraces.length === 0) return false
    const last = tokens[tokens.length - 1]
    const gapStart = last === undefined ? 0 : tokenEnd(last)
    if (hasLineBreak(text, gapStart, offset)) {
      this.abandonAll()
      return false
    }
    return this.openBraces[this.openBraces.length - 1] === 0
  }

  private catchUp(text: string, tokens: IToken[]): void {
    if (tokens !== this.tokens || tokens.length < this.seen) {
      this.tokens = tokens
      this.seen = 0
      this.openBraces = []
    }
    for (; this.seen < tokens.length; this.seen++) {
      const token = tokens[this.seen] as IToken
      if (this.openBraces.length > 0) {
        const previous = tokens[this.seen - 1]
        if (previous !== undefined && hasLineBreak(text, tokenEnd(previous), token.startOffset)) this.abandonAll()
      }
      this.follow(token)
    }
  }

  private follow(token: IToken): void {
    const depth = this.openBraces.length
    switch (token.tokenType.name) {
      case TEMPLATE_HEAD:
        this.openBraces.push(0)
        break
      case TEMPLATE_TAIL:
        this.openBraces.pop()
        break
      case LEFT_BRACE:
        if (depth > 0) this.openBraces[depth - 1] = (this.openBraces[depth - 1] ?? 0) + 1
        break
      case RIGHT_BRACE:
        if (depth > 0 && (this.openBraces[depth - 1] ?? 0) > 0) this.openBraces[depth - 1] = (this.openBraces[depth - 1] ?? 0) - 1
        break
    }
  }

  private abandonAll(): void {
    this.openBraces = []
  }
}
