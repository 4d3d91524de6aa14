/**
 * Semantic tokens: every token of the file classified by what it is, so an editor can colour a
 * field, a setting, a shape, a `let` and a built-in differently even where the TextMate grammar
 * sees only identifiers. Lexical classes (keywords, strings, numbers, comments, operators) come
 * from the compiler's lexer; names from the AST and the symbol table.
 */
import type { IToken } from 'chevrotain'
import type { SemanticTokensLegend } from 'vscode-languageserver-types'
import type { Span } from '../compiler/syntax/ast.js'
import { lex } from '../compiler/syntax/lexer.js'
import type { Analysis } from './analysis.js'
import type { SymbolKind } from './symbols.js'
import { walkNodes, type SyntaxNode } from './syntax-tree.js'

export const TOKEN_TYPES = ['namespace', 'type', 'class', 'enumMember', 'parameter', 'variable', 'property', 'function', 'method', 'keyword', 'modifier', 'comment', 'string', 'number', 'operator', 'event'] as const
export const TOKEN_MODIFIERS = ['declaration', 'readonly', 'defaultLibrary'] as const

type TokenType = (typeof TOKEN_TYPES)[number]
type TokenModifier = (typeof TOKEN_MODIFIERS)[number]

export const semanticTokensLegend: SemanticTokensLegend = { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [...TOKEN_MODIFIERS] }

interface Classified {
  type: TokenType
  modifiers: TokenModifier[]
}

const KIND_TOKEN: Record<SymbolKind, Classified> = {
  destination: { type: 'namespace', modifiers: [] },
  setting: { type: 'property', modifiers: ['readonly'] },
  field: { type: 'property', modifiers: [] },
  shape: { type: 'function', modifiers: [] },
  upsert: { type: 'method', modifiers: [] },
  action: { type: 'class', modifiers: [] },
  let: { type: 'variable', modifiers: ['readonly'] },
  param: { type: 'parameter', modifiers: [] },
  loop: { type: 'variable', modifiers: [] }
}

const OPERATORS = new Set(['EqualsEquals', 'NotEquals', 'Equals', 'Coalesce', 'Plus', 'Arrow', 'Ellipsis', 'Bang', 'LessEquals', 'Less', 'GreaterEquals', 'Greater', 'And', 'Or', 'Not'])

export interface SemanticToken {
  line: number
  character: number
  length: number
  type: TokenType
  modifiers: TokenModifier[]
}

/** The tokens in order, one per line piece (a block comment over three lines is three tokens). */
export function semanticTokens(analysis: Analysis): SemanticToken[] {
  const names = classifyNames(analysis)
  const lexed = lex(analysis.lines)
  const out: SemanticToken[] = []
  const push = (start: number, end: number, c: Classified): void => {
    // Split at line breaks: the protocol's tokens do not span lines.
    let from = start
    for (let i = start; i <= end; i++) {
      if (i === end || analysis.text[i] === '\n' || analysis.text[i] === '\r') {
        if (i > from) {
          const p = analysis.lines.position(from)
          out.push({ line: p.line - 1, character: p.column - 1, length: i - from, type: c.type, modifiers: c.modifiers })
        }
        from = i + 1
      }
    }
  }
  const tokens: { start: number; end: number; c: Classified | undefined }[] = []
  for (const comment of analysis.ast.comments) tokens.push({ start: comment.span.start.offset, end: comment.span.end.offset, c: { type: 'comment', modifiers: [] } })
  for (const token of lexed.tokens) tokens.push({ start: token.startOffset, end: token.startOffset + token.image.length, c: classifyToken(token, names) })
  tokens.sort((a, b) => a.start - b.start)
  for (const t of tokens) if (t.c) push(t.start, t.end, t.c)
  return out
}

/** The protocol's encoding: five numbers per token, each position relative to the previous. */
export function encodeSemanticTokens(tokens: readonly SemanticToken[]): number[] {
  const data: number[] = []
  let line = 0
  let character = 0
  for (const t of tokens) {
    const deltaLine = t.line - line
    data.push(deltaLine, deltaLine === 0 ? t.character - character : t.character, t.length, TOKEN_TYPES.indexOf(t.type), t.modifiers.reduce((bits, m) => bits | (1 << TOKEN_MODIFIERS.indexOf(m)), 0))
    line = t.line
    character = t.character
  }
  return data
}

function classifyToken(token: IToken, names: ReadonlyMap<number, Classified>): Classified | undefined {
  const name = token.tokenType.name
  const byName = names.get(token.startOffset)
  if (byName) return byName
  if (name === 'StringLiteral' || name.startsWith('Template')) return { type: 'string', modifiers: [] }
  if (name === 'NumberLiteral') return { type: 'number', modifiers: [] }
  if (OPERATORS.has(name)) return { type: 'operator', modifiers: [] }
  if (name === 'Dollar') return { type: 'variable', modifiers: ['readonly', 'defaultLibrary'] }
  if (name === 'Identifier' || name === 'HyphenatedName') return { type: 'variable', modifiers: [] }
  if (isKeyword(token)) return { type: 'keyword', modifiers: [] }
  return undefined
}

function isKeyword(token: IToken): boolean {
  return (token.tokenType.CATEGORIES ?? []).some((c) => c.name === 'Word')
}

/** Names by the offset they start at. */
function classifyNames(analysis: Analysis): Map<number, Classified> {
  const out = new Map<number, Classified>()
  const set = (span: Span, c: Classified): void => {
    out.set(span.start.offset, c)
  }
  walkNodes(analysis.ast as unknown as SyntaxNode, (node, parents) => {
    const n = node as SyntaxNode & Record<string, unknown>
    const parent = parents[parents.length - 1] as (SyntaxNode & Record<string, unknown>) | undefined
    switch (n.kind) {
      case 'TypeRef':
        set((n.name as SyntaxNode).span, { type: 'type', modifiers: [] })
        if (n.format) set((n.format as SyntaxNode).span, { type: 'type', modifiers: [] })
        return false
      case 'Attribute':
        set((n.name as SyntaxNode).span, { type: 'keyword', modifiers: [] })
        return
      case 'Key':
        if (parent?.kind === 'EventPath' && n.quoted !== true) set(n.span, { type: 'property', modifiers: [] })
        return
      case 'Member':
        set(n.propertySpan as Span, { type: 'property', modifiers: [] })
        return
      case 'Property':
        if (n.quoted !== true) set(n.keySpan as Span, { type: 'property', modifiers: [] })
        return
      case 'Header':
        set(n.nameSpan as Span, { type: 'property', modifiers: [] })
        return
      case 'TriggerPath':
        for (let offset = n.span.start.offset; offset < n.span.end.offset; ) {
          out.set(offset, { type: 'property', modifiers: [] })
          const next = analysis.text.indexOf('.', offset)
          if (next < 0 || next >= n.span.end.offset) break
          offset = next + 1
        }
        return
      case 'Auth':
        set((n.scheme as SyntaxNode).span, { type: 'enumMember', modifiers: [] })
        return
      case 'Field':
      case 'Setting':
        for (const m of n.modifiers as SyntaxNode[]) set(m.span, { type: 'modifier', modifiers: [] })
        return
      default:
        return
    }
  })
  for (const u of analysis.symbols.unresolved) {
    if (u.role === 'builtin-function') set(u.span, { type: 'function', modifiers: ['defaultLibrary'] })
    else if (u.role === 'builtin-value') set(u.span, { type: 'variable', modifiers: ['readonly', 'defaultLibrary'] })
  }
  for (const d of analysis.symbols.declarations) {
    const c = KIND_TOKEN[d.kind]
    set(d.nameSpan, { type: c.type, modifiers: ['declaration', ...c.modifiers] })
    for (const r of d.references) set(r.span, c)
  }
  return out
}
