/**
 * `$event` for `$.event`: the lexer reads `$` (the whole event) and then the word `event`, which
 * the parser takes for something else (the next member, the next object entry) and complains
 * about further on. A word written right against `$`, with no space, is a path missing its dot:
 * it is reported at the `$`, and the parse error it causes next is the same mistake
 * (parse-errors.ts drops it).
 */
import type { IToken } from 'chevrotain'
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js'
import type { LineIndex } from './line-index.js'
import { tokenEnd } from './token-offsets.js'
import * as T from './tokens.js'

export function missingPathDots(tokens: readonly IToken[], lines: LineIndex): { diagnostics: Diagnostic[]; offsets: number[] } {
  const diagnostics: Diagnostic[] = []
  const offsets: number[] = []
  for (let i = 0; i + 1 < tokens.length; i++) {
    const token = tokens[i] as IToken
    const next = tokens[i + 1] as IToken
    if (token.tokenType !== T.Dollar || next.startOffset !== tokenEnd(token)) continue
    if (!(next.tokenType.CATEGORIES?.includes(T.Word) ?? false)) continue
    offsets.push(token.startOffset)
    diagnostics.push(
      diagnostic('MAPC1010', lines.span(token.startOffset, tokenEnd(next)), `\`$${next.image}\` is no path: a path reads the event with \`.\` after \`$\``, {
        hint: `write \`$.${next.image}\``
      })
    )
  }
  return { diagnostics, offsets }
}
