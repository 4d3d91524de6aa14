/**
 * State shared by the AST builders of one parse: the source (for spans), the diagnostics found so
 * far, and the offsets already reported, so that one problem yields one diagnostic.
 */
import type { CstNode, IToken } from 'chevrotain'
import type { Identifier, Span, StringLiteral } from '../ast.js'
import type { Diagnostic } from '../../diagnostics/diagnostic.js'
import { decodeStringToken } from '../literals.js'
import type { LineIndex } from '../line-index.js'
import { isInserted, nodeRange } from './cst.js'
import { tokenEnd } from '../token-offsets.js'

export class BuildContext {
  readonly diagnostics: Diagnostic[] = []

  constructor(
    readonly lines: LineIndex,
    /** Offsets of tokens the parser already reported an error at. */
    readonly reportedOffsets: Set<number>
  ) {}

  report(diagnostic: Diagnostic): void {
    if (this.reportedOffsets.has(diagnostic.span.start.offset)) return
    this.reportedOffsets.add(diagnostic.span.start.offset)
    this.diagnostics.push(diagnostic)
  }

  span(start: number, end: number): Span {
    return this.lines.span(start, end)
  }

  /** A token's span; an inserted token gets an empty span at `fallback`. */
  tokenSpan(token: IToken | undefined, fallback: number): Span {
    if (token === undefined || isInserted(token)) return this.lines.span(fallback, fallback)
    return this.lines.span(token.startOffset, tokenEnd(token))
  }

  nodeSpan(node: CstNode | undefined, fallback: number): Span {
    const range = node === undefined ? undefined : nodeRange(node)
    return range === undefined ? this.lines.span(fallback, fallback) : this.lines.span(range.start, range.end)
  }

  /** Where a node ends, or `fallback` when it holds no real token. */
  endOf(node: CstNode | undefined, fallback: number): number {
    return (node === undefined ? undefined : nodeRange(node)?.end) ?? fallback
  }

  startOf(node: CstNode | undefined, fallback: number): number {
    return (node === undefined ? undefined : nodeRange(node)?.start) ?? fallback
  }

  identifier(token: IToken | undefined, fallback: number): Identifier {
    const real = token !== undefined && !isInserted(token)
    return { kind: 'Identifier', name: real ? token.image : '', span: this.tokenSpan(token, fallback) }
  }

  /** A string token's value (a preset's title, a rule's reason, a URL); empty when it is missing. */
  stringLiteral(token: IToken | undefined, fallback: number): StringLiteral {
    const real = token !== undefined && !isInserted(token)
    return { kind: 'String', value: real ? decodeStringToken(token.image).value : '', span: this.tokenSpan(token, fallback) }
  }
}
