/**
 * Reading chevrotain's CST: children are grouped by label, and nodes or tokens the parser did
 * not find (error recovery) are missing or were inserted with no position. These helpers make
 * both cases explicit so that the builders never index blindly.
 */
import type { CstElement, CstNode, IToken } from 'chevrotain'

export function isToken(element: CstElement): element is IToken {
  return (element as IToken).tokenType !== undefined
}

/** A token chevrotain inserted during recovery: it has no text and no position. */
export function isInserted(token: IToken): boolean {
  return token.isInsertedInRecovery === true || !Number.isFinite(token.startOffset)
}

export function childNodes(node: CstNode, label: string): CstNode[] {
  return (node.children[label] ?? []).filter((element): element is CstNode => !isToken(element))
}

export function childNode(node: CstNode, label: string): CstNode | undefined {
  return childNodes(node, label)[0]
}

export function childTokens(node: CstNode, label: string): IToken[] {
  return (node.children[label] ?? []).filter(isToken)
}

/** The first token under a label that the source really contains. */
export function childToken(node: CstNode, label: string): IToken | undefined {
  return childTokens(node, label).find((token) => !isInserted(token))
}

/** Start and end offsets (end exclusive) of a node, or undefined when it holds no real token. */
export function nodeRange(node: CstNode): { start: number; end: number } | undefined {
  const location = node.location
  if (location === undefined || !Number.isFinite(location.startOffset) || !Number.isFinite(location.endOffset ?? NaN)) {
    return undefined
  }
  return { start: location.startOffset, end: (location.endOffset as number) + 1 }
}
