/**
 * Attaching comments to AST nodes, so the formatter can print each one next to the code it was
 * written next to. For each comment, the smallest node around it is found, then its children
 * just before and after the comment:
 *
 * - a block comment on the same line as the following child leads that child: `a, /* x *\/ b`;
 * - a comment on the line where the preceding child ends trails it: `a: 1, // x`, when the
 *   formatter will also end the line after that child (see `endsItsLine`);
 * - otherwise a comment leads the following child (a comment above a member);
 * - or trails the last child (a comment at the end of a block);
 * - or, in a node without children (`{ /* empty *\/ }`), dangles in it; the printer places it
 *   inside the node when it has room for it (an empty block or object), before it otherwise.
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
    const inline = following !== undefined && comment.block && following.span.start.line === comment.span.end.line
    const attached: AttachedComment = { comment, blankBefore, blankAfter, ownLine: !sameLineAsPreceding, inline }
    const endsLine = preceding !== undefined && endsItsLine(text, comment, enclosing, preceding, following)
    if (following !== undefined && inline) {
      entry(following).leading.push(attached)
    } else if (preceding !== undefined && sameLineAsPreceding && (comment.block || endsLine)) {
      entry(preceding).trailing.push(attached)
    } else if (following !== undefined) {
      entry(following).leading.push(attached)
    } else if (preceding !== undefined && endsLine) {
      entry(preceding).trailing.push(attached)
    } else {
      entry(enclosing).dangling.push(attached)
    }
  }
  return map
}

/** The children the formatter prints one per line (when broken): members of blocks, entries of lists. */
function linedItems(node: SpannedNode): readonly SpannedNode[] {
  const n = node as unknown as Record<string, SpannedNode[] | SpannedNode | undefined>
  const list = (key: string): SpannedNode[] => (n[key] as SpannedNode[] | undefined) ?? []
  switch (node.kind) {
    case 'File':
      return list('destinations')
    case 'Destination':
    case 'Action':
    case 'Batch':
      return list('members')
    case 'Setting':
    case 'Field':
      return list('attributes')
    case 'Auth':
      return [...list('attributes'), ...list('headers'), ...(n['test'] === undefined ? [] : [n['test'] as SpannedNode])]
    case 'Perform':
      return list('steps')
    case 'Request':
      return list('parts')
    case 'Object':
      return list('entries')
    case 'Array':
      return list('items')
    default:
      return []
  }
}

/**
 * A comment after the last code of a line is printed at the end of the line its node ends on.
 * That is the same place only where the formatter ends the line after that node too: after a
 * member of a block or an entry of a broken list, before the next one or the closing bracket.
 * Elsewhere (`f(a // x` + `, b)`) the comment leads what follows, on a line of its own.
 */
function endsItsLine(text: string, comment: Comment, enclosing: SpannedNode, preceding: SpannedNode, following: SpannedNode | undefined): boolean {
  const items = linedItems(enclosing)
  if (!items.includes(preceding)) return false
  if (text === '') return true
  let i = comment.span.end.offset
  while (i < text.length && /\s/.test(text[i] as string)) i++
  if (following !== undefined && i === following.span.start.offset) return items.includes(following)
  return i >= text.length || ',}])'.includes(text[i] as string) || text.startsWith('//', i) || text.startsWith('/*', i)
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
