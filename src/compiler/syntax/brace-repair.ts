/**
 * One missing or extra `}` shifts every brace after it: the members that follow land in the
 * wrong block, and each is reported ("`field` cannot appear in the field `email`"), then the end
 * of the file. The mistake is at one place, and the indentation says where: a block ends before
 * the first line indented no deeper than the line that opened it.
 *
 * When the braces do not balance, this reads them against the indentation: a line that starts
 * at or left of an open block's own line (and is not that block's `}`) closes it, so a `}` is
 * missing at the end of the line before; a `}` that starts a line deeper than the block it would
 * close is one too many. The repair is applied (a `}` inserted, an extra one dropped) only when it
 * makes the braces balance, so the parser reads the rest of the file as the author meant it and
 * reports the mistake once, where it is. Files whose braces balance are never touched, and the
 * rest of the front end sees the repaired tokens as if they had been written.
 */
import { createTokenInstance, type IToken } from 'chevrotain'
import * as T from './tokens.js'
import { tokenEnd } from './token-offsets.js'

export interface BraceRepair {
  kind: 'inserted' | 'dropped'
  /** The `{` of the block: the one a missing `}` closes, or the one an extra `}` would have closed. */
  opener: IToken
  /** The `}` inserted (a token of the repaired stream) or the extra `}` dropped. */
  closer: IToken
  /** Where a missing `}` belongs: just after the last token of the block. */
  at: number
}

export function repairBraces(text: string, tokens: readonly IToken[]): { tokens: IToken[]; repairs: BraceRepair[] } {
  const unchanged = { tokens: [...tokens], repairs: [] }
  if (balanced(tokens)) return unchanged
  const repaired: IToken[] = []
  const repairs: BraceRepair[] = []
  const open: { token: IToken; indent: number }[] = []
  let previous: IToken | undefined
  for (const token of tokens) {
    const indent = previous === undefined || startsLine(text, previous, token) ? indentOf(text, token.startOffset) : undefined
    if (indent !== undefined && previous !== undefined) {
      for (let top = open.at(-1); top !== undefined && (indent < top.indent || (indent === top.indent && token.tokenType !== T.RBrace)); top = open.at(-1)) {
        const at = tokenEnd(previous)
        const closer = createTokenInstance(T.RBrace, '}', lineEnd(text, at), lineEnd(text, at), NaN, NaN, NaN, NaN)
        repaired.push(closer)
        repairs.push({ kind: 'inserted', opener: top.token, closer, at })
        open.pop()
      }
    }
    if (token.tokenType === T.RBrace) {
      const top = open.at(-1)
      if (top === undefined || (indent !== undefined && indent > top.indent)) {
        // One too many only right after a `}` at the same indentation (`}` then `}`): a `}` that
        // is merely deeper than its block may be the end of a block whose `{` is missing.
        const twin = previous?.tokenType === T.RBrace && indent !== undefined && indentOf(text, previous.startOffset) === indent
        if (top === undefined || !twin) return unchanged
        repairs.push({ kind: 'dropped', opener: top.token, closer: token, at: token.startOffset })
        previous = token
        continue
      }
      open.pop()
    } else if (token.tokenType === T.LBrace) {
      open.push({ token, indent: indentOf(text, lineStartOffset(text, token.startOffset)) })
    }
    repaired.push(token)
    previous = token
  }
  if (repairs.length === 0 || !balanced(repaired)) return unchanged
  return { tokens: repaired, repairs }
}

/** Every `{` closed by a `}` and no `}` without its `{`. */
function balanced(tokens: readonly IToken[]): boolean {
  let depth = 0
  for (const token of tokens) {
    if (token.tokenType === T.LBrace) depth++
    else if (token.tokenType === T.RBrace && --depth < 0) return false
  }
  return depth === 0
}

function startsLine(text: string, previous: IToken, token: IToken): boolean {
  return /[\n\r]/.test(text.slice(tokenEnd(previous), token.startOffset))
}

function lineStartOffset(text: string, offset: number): number {
  let start = offset
  while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--
  return start
}

/** Columns of whitespace before the first token on the line of `offset` (a tab counts as one). */
function indentOf(text: string, offset: number): number {
  const start = lineStartOffset(text, offset)
  let end = start
  while (text[end] === ' ' || text[end] === '\t') end++
  return end - start
}

/** The offset of the line break after `offset` (or the text's end): where no token starts. */
function lineEnd(text: string, offset: number): number {
  let at = offset
  while (at < text.length && text[at] !== '\n' && text[at] !== '\r') at++
  return at
}
