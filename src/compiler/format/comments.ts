/**
 * Attaching comments to AST nodes, so the formatter can print each one next to the code it was
 * written next to. For each comment, the smallest node around it is found, then its children
 * just before and after the comment:
 *
 * - a block comment on the same line as the following child leads that child: `a, /* x *\/ b`;
 * - a comment on the line where the preceding child ends trails it: `a: 1, // x`;
 * - otherwise a comment leads the following child (a comment above a member);
 * - or trails the last child (a comment at the end of a block);
 * - or, in a node without children (`{ /* empty *\/ }`), dangles in it.
 *
 * Each attachment also records whether a blank line separated the comment from what came
 * before it, so the formatter keeps paragraphs of comments apart as they were written.
 */
import type { Comment } from '../syntax/ast.js'
import { childrenOf, type SpannedNode } from '../syntax/children.js'

export interface AttachedComment {
  comment: Comment
  /** A blank line came before this comment in the source. */
  blankBefore: boolean
  /** A blank line followed this comment in the source. */
  blankAfter: boolean
  /** The comment sat on its own line (not after code on the same line). */
  ownLine: boolean
  /** A block comment with the code it leads on the same line: `/* x *\/ value`. */
  inline: boolean
}

export interface NodeComments {
  leading: AttachedComment[]
  trailing: AttachedComment[]
  dangling: AttachedComment[]
}

export type CommentMap = Map<SpannedNode, NodeComments>

/**
 * `text` is the source the comments came from; without it (an AST built by a program) no blank
 * lines are known.
 */
export function attachComments(root: SpannedNode, comments: readonly Comment[], text = ''): CommentMap {
  const map: CommentMap = new Map()
  const entry = (node: SpannedNode): NodeComments => {
    let found = map.get(node)
    if (found === undefined) {
      found = { leading: [], trailing: [], dangling: [] }
      map.set(node, found)
    }
    return found
  }
  for (const comment of comments) {
    const { enclosing, preceding, following } = locate(root, comment)
    const blankBefore = blankLineAround(text, comment.span.start.offset, -1)
    const blankAfter = blankLineAround(text, comment.span.end.offset, 1)
    const sameLineAsPreceding = preceding !== undefined && preceding.span.end.line === comment.span.start.line
    const inline = following !== undefined && comment.block && following.span.start.line === comment.span.end.line && !sameLineAsPreceding
    const attached: AttachedComment = { comment, blankBefore, blankAfter, ownLine: !sameLineAsPreceding, inline }
    if (following !== undefined && inline) {
      entry(following).leading.push(attached)
    } else if (preceding !== undefined && sameLineAsPreceding) {
      entry(preceding).trailing.push(attached)
    } else if (following !== undefined) {
      entry(following).leading.push(attached)
    } else if (preceding !== undefined) {
      entry(preceding).trailing.push(attached)
    } else {
      entry(enclosing).dangling.push(attached)
    }
  }
  return map
}

/** Whether the whitespace before (`direction` -1) or after (1) an offset holds a blank line. */
function blankLineAround(text: string, offset: number, direction: 1 | -1): boolean {
  let breaks = 0
  for (let i = direction === 1 ? offset : offset - 1; i >= 0 && i < text.length; i += direction) {
    const c = text[i]
    if (c === '\n') breaks++
    else if (c !== ' ' && c !== '\t' && c !== '\r') break
    if (breaks >= 2) return true
  }
  return false
}

/** The smallest node containing the comment, and its children on either side of it. */
function locate(root: SpannedNode, comment: Comment): { enclosing: SpannedNode; preceding?: SpannedNode; following?: SpannedNode } {
  let enclosing = root
  for (;;) {
    const children = childrenOf(enclosing)
    const inside = children.find((child) => contains(child, comment))
    if (inside === undefined) {
      let preceding: SpannedNode | undefined
      let following: SpannedNode | undefined
      for (const child of children) {
        if (child.span.end.offset <= comment.span.start.offset) preceding = child
        else if (following === undefined && child.span.start.offset >= comment.span.end.offset) following = child
      }
      const result: { enclosing: SpannedNode; preceding?: SpannedNode; following?: SpannedNode } = { enclosing }
      if (preceding !== undefined) result.preceding = preceding
      if (following !== undefined) result.following = following
      return result
    }
    enclosing = inside
  }
}

function contains(node: SpannedNode, comment: Comment): boolean {
  return node.span.start.offset < comment.span.start.offset && comment.span.end.offset <= node.span.end.offset
}
