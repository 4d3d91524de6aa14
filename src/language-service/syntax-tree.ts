/**
 * Generic ways of looking into the AST: every node is plain data with a `span`, so children are
 * found by reflection rather than by a switch over node kinds. A node kind the parser gains later
 * is walked without a change here.
 */
import type { Position, Span } from '../compiler/syntax/ast.js'

/** Any AST node, or AST-shaped record (object entries, path segments, trigger values). */
export interface SyntaxNode {
  kind: string
  span: Span
}

export function isSpan(value: unknown): value is Span {
  if (value === null || typeof value !== 'object') return false
  const v = value as Partial<Span>
  return typeof v.file === 'string' && isPosition(v.start) && isPosition(v.end)
}

function isPosition(value: unknown): value is Position {
  return value !== null && typeof value === 'object' && typeof (value as Position).offset === 'number'
}

export function isNode(value: unknown): value is SyntaxNode {
  return value !== null && typeof value === 'object' && typeof (value as SyntaxNode).kind === 'string' && isSpan((value as SyntaxNode).span)
}

/** The direct children of a node, in source order. */
export function childrenOf(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = []
  for (const [key, value] of Object.entries(node as object)) {
    if (key === 'span') continue
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) out.push(item)
    } else if (isNode(value)) {
      out.push(value)
    }
  }
  return out.sort((a, b) => a.span.start.offset - b.span.start.offset)
}

/** Calls `visit` on the node and every node inside it; `visit` returning false skips the children. */
export function walkNodes(node: SyntaxNode, visit: (node: SyntaxNode, parents: readonly SyntaxNode[]) => boolean | void): void {
  const parents: SyntaxNode[] = []
  const walk = (current: SyntaxNode): void => {
    if (visit(current, parents) === false) return
    parents.push(current)
    for (const child of childrenOf(current)) walk(child)
    parents.pop()
  }
  walk(node)
}

/** Does the span contain the offset? The end counts, so a cursor right after a word is on it. */
export function spanContains(span: Span, offset: number): boolean {
  return span.start.offset <= offset && offset <= span.end.offset
}

/**
 * The chain of nodes that contain `offset`, outermost first. Among siblings that touch the
 * offset (`a|.b`), the innermost, latest-starting one wins.
 */
export function nodesAt(root: SyntaxNode, offset: number): SyntaxNode[] {
  const chain: SyntaxNode[] = []
  let current: SyntaxNode | undefined = root
  while (current !== undefined) {
    chain.push(current)
    const containing: SyntaxNode[] = childrenOf(current).filter((child) => spanContains(child.span, offset))
    current = containing[containing.length - 1]
  }
  return chain
}
