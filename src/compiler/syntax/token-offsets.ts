/**
 * Chevrotain's `endOffset` is inclusive and optional in its types; spans here are exclusive.
 */
import type { IToken } from 'chevrotain'

/** Offset just past a token. */
export function tokenEnd(token: IToken): number {
  return (token.endOffset ?? token.startOffset + token.image.length - 1) + 1
}
