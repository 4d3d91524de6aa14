/**
 * Prints the comments attached to a node around the node's own document, and keeps count, so
 * that the formatter can prove it printed every comment of the file exactly once.
 */
import type { SpannedNode } from '../syntax/children.js'
import type { AttachedComment, CommentMap } from './comments.js'
import { breakParent, hardline, lineSuffix, type Doc } from './doc.js'

export class CommentPrinter {
  private printedCount = 0

  constructor(private readonly comments: CommentMap) {}

  get printed(): number {
    return this.printedCount
  }

  /** The node's document with its leading and trailing comments. */
  wrap(node: SpannedNode, doc: Doc): Doc {
    const attached = this.comments.get(node)
    if (attached === undefined) return doc
    const leading = attached.leading.map((c, i) => [i > 0 && c.blankBefore ? hardline : '', this.leading(c)])
    const last = attached.leading[attached.leading.length - 1]
    // A blank line between the last comment and the node (a file's header comment) is kept.
    const blankAfter = last !== undefined && !last.inline && last.blankAfter
    return [...leading, blankAfter ? hardline : '', doc, ...attached.trailing.map((c) => this.trailing(c))]
  }

  /** Comments inside an empty node (`{ // nothing }`), one per line. */
  dangling(node: SpannedNode): Doc {
    const attached = this.comments.get(node)
    if (attached === undefined) return ''
    return attached.dangling.map((c, i) => [i > 0 ? hardline : '', i > 0 && c.blankBefore ? hardline : '', this.text(c)])
  }

  hasDangling(node: SpannedNode): boolean {
    return (this.comments.get(node)?.dangling.length ?? 0) > 0
  }

  /** Whether a blank line should separate this node's first leading comment from what precedes. */
  blankBeforeLeading(node: SpannedNode): boolean {
    return this.comments.get(node)?.leading[0]?.blankBefore ?? false
  }

  private leading(c: AttachedComment): Doc {
    const text = this.text(c)
    // `/* x */ value` stays inline; anything else keeps a line of its own.
    return c.inline ? [text, ' '] : [text, hardline]
  }

  private trailing(c: AttachedComment): Doc {
    const text = this.text(c)
    if (c.ownLine) return [hardline, c.blankBefore ? hardline : '', text, c.comment.block ? '' : breakParent]
    if (c.comment.block) return [' ', text]
    return [lineSuffix([' ', text]), breakParent]
  }

  private text(c: AttachedComment): string {
    this.printedCount++
    return c.comment.block ? c.comment.text : c.comment.text.trimEnd()
  }
}
