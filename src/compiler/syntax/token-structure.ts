/**
 * The bracket structure of a token stream, computed once before parsing:
 *
 * - Nesting is limited. Parsing recurses once per bracket, so 10,000 nested `(` would overflow the
 *   stack; a region nested deeper than `MAX_NESTING` is reported once and removed before the
 *   parser sees it.
 * - Error recovery needs to know which block a token is in and where lines start, so that after
 *   an error it skips to the next member of the same block, never into or out of another one.
 *
 * Brackets are matched by kind, the way editors match them: a closer pops openers until it finds
 * its own kind, so in `{ ( }` the `(` is unclosed and the `}` still closes the `{`. A template's
 * interpolations nest like braces and, as in the lexer, end at a line break.
 */
import type { IToken, TokenType } from 'chevrotain'
import {
  closingTokens,
  LBrace,
  LBracket,
  LParen,
  openingTokens,
  RBrace,
  RBracket,
  RParen,
  TemplateHead,
  TemplateMiddle,
  TemplateTail
} from './tokens.js'
import { hasLineBreak } from './line-index.js'
import { tokenEnd } from './token-offsets.js'

/**
 * How deep brackets may nest. Chevrotain spends about seventy stack frames per level of a nested
 * expression (ten rules from `expression` down to `parenthesized`), and its error recovery at an
 * unclosed innermost bracket walks the whole rule stack again: measured on Node 20, about 55
 * unclosed levels fit the default stack. 32 leaves a margin for the declarations around the
 * expression and for a smaller stack in a worker; no real mapping nests more than a dozen levels.
 */
export const MAX_NESTING = 32

const matchingOpener = new Map<TokenType, TokenType>([
  [RBrace, LBrace],
  [RParen, LParen],
  [RBracket, LBracket],
  [TemplateTail, TemplateHead]
])

export interface TooDeep {
  /** The first opener beyond the limit. */
  opener: IToken
  /** Offset of the first token kept after the removed region, or the text length. */
  resumeOffset: number
}

export class TokenStructure {
  /** Start offset of every kept token, for finding a token's index. */
  private readonly starts: Int32Array
  /** Index of the innermost opener still open before each token, or -1. */
  readonly enclosingOpener: Int32Array
  /** For a closer, the index of the opener it closes (-1 if stray); -1 for other tokens. */
  readonly closedOpener: Int32Array
  /** For an opener, the index of its closer, or -1 when it is never closed. */
  readonly closerOf: Int32Array
  /** 1 when a token is the first on its line. */
  readonly firstOnLine: Uint8Array
  /** Innermost opener still open at the end of input, or -1. */
  readonly openAtEnd: number

  private constructor(
    readonly tokens: IToken[],
    parts: {
      enclosingOpener: Int32Array
      closedOpener: Int32Array
      closerOf: Int32Array
      firstOnLine: Uint8Array
      openAtEnd: number
    }
  ) {
    this.starts = Int32Array.from(tokens, (t) => t.startOffset)
    this.enclosingOpener = parts.enclosingOpener
    this.closedOpener = parts.closedOpener
    this.closerOf = parts.closerOf
    this.firstOnLine = parts.firstOnLine
    this.openAtEnd = parts.openAtEnd
  }

  /**
   * Removes regions nested deeper than `limit` and computes the structure of what is left.
   */
  static analyze(text: string, lexed: IToken[], limit = MAX_NESTING): { structure: TokenStructure; tooDeep: TooDeep[] } {
    const { kept, tooDeep } = removeTooDeep(text, lexed, limit)
    const n = kept.length
    const enclosingOpener = new Int32Array(n).fill(-1)
    const closedOpener = new Int32Array(n).fill(-1)
    const closerOf = new Int32Array(n).fill(-1)
    const firstOnLine = new Uint8Array(n)
    const open: number[] = []
    for (let i = 0; i < n; i++) {
      const token = kept[i] as IToken
      const previous = kept[i - 1]
      const newLine = previous === undefined || hasLineBreak(text, tokenEnd(previous), token.startOffset)
      firstOnLine[i] = newLine ? 1 : 0
      if (newLine) popAbandonedTemplates(kept, open)
      enclosingOpener[i] = open.length > 0 ? (open[open.length - 1] as number) : -1
      const type = token.tokenType
      const wanted = matchingOpener.get(type)
      if (wanted !== undefined) {
        const at = lastIndexOfKind(kept, open, wanted)
        if (at >= 0) {
          const opener = open[at] as number
          closedOpener[i] = opener
          closerOf[opener] = i
          open.length = at
        }
      } else if (type === TemplateMiddle) {
        const top = open[open.length - 1]
        if (top !== undefined && kept[top]?.tokenType === TemplateHead) closedOpener[i] = top
      }
      if (openingTokens.has(type)) open.push(i)
    }
    return {
      structure: new TokenStructure(kept, {
        enclosingOpener,
        closedOpener,
        closerOf,
        firstOnLine,
        openAtEnd: open.length > 0 ? (open[open.length - 1] as number) : -1
      }),
      tooDeep
    }
  }

  /** Index of a token of this stream (found by its offset), or -1 for EOF and inserted tokens. */
  indexOf(token: IToken): number {
    return this.indexAt(token.startOffset)
  }

  /** Index of the token that starts at `offset`, or -1 when none does. */
  indexAt(offset: number): number {
    if (!Number.isFinite(offset)) return -1
    let low = 0
    let high = this.starts.length - 1
    while (low <= high) {
      const mid = (low + high) >> 1
      const value = this.starts[mid] as number
      if (value === offset) return mid
      if (value < offset) low = mid + 1
      else high = mid - 1
    }
    return -1
  }

  /** The innermost open bracket at a token (or at the end of input, for index -1). */
  enclosing(index: number): number {
    return index < 0 ? this.openAtEnd : (this.enclosingOpener[index] as number)
  }

  /** True when the opener at `index` has a closer somewhere after it. */
  isClosed(index: number): boolean {
    return index >= 0 && (this.closerOf[index] as number) >= 0
  }
}

function removeTooDeep(text: string, lexed: IToken[], limit: number): { kept: IToken[]; tooDeep: TooDeep[] } {
  const tooDeep: TooDeep[] = []
  let depth = 0
  let i = 0
  let kept: IToken[] | undefined
  while (i < lexed.length) {
    const token = lexed[i] as IToken
    const type = token.tokenType
    if (openingTokens.has(type)) {
      if (depth >= limit) {
        kept ??= lexed.slice(0, i)
        const end = skipNested(lexed, i)
        tooDeep.push({ opener: token, resumeOffset: lexed[end]?.startOffset ?? text.length })
        i = end
        continue
      }
      depth++
    } else if (closingTokens.has(type)) depth = Math.max(0, depth - 1)
    kept?.push(token)
    i++
  }
  return { kept: kept ?? lexed, tooDeep }
}

/** Index just past the bracket group opened at `start` (or the end of input). */
function skipNested(tokens: IToken[], start: number): number {
  let depth = 0
  for (let i = start; i < tokens.length; i++) {
    const type = (tokens[i] as IToken).tokenType
    if (openingTokens.has(type)) depth++
    else if (closingTokens.has(type)) {
      depth--
      if (depth === 0) return i + 1
    }
  }
  return tokens.length
}

function lastIndexOfKind(tokens: IToken[], open: number[], kind: TokenType): number {
  for (let k = open.length - 1; k >= 0; k--) {
    if (tokens[open[k] as number]?.tokenType === kind) return k
  }
  return -1
}

/** A template cannot continue on the next line: like the lexer, forget its open interpolations. */
function popAbandonedTemplates(tokens: IToken[], open: number[]): void {
  if (!open.some((index) => tokens[index]?.tokenType === TemplateHead)) return
  const rest = open.filter((index) => tokens[index]?.tokenType !== TemplateHead)
  open.length = 0
  open.push(...rest)
}
