/**
 * Prints the comments attached to a node around the node's own document, and keeps count, so
 * that the formatter can prove it printed every comment of the file exactly once.
 */
import type { SpannedNode } from '../syntax/children.js'
import type { AttachedComment, CommentMap } from './comments.js'
import { breakParent, freshline, hardline, lineSuffix, type Doc } from './doc.js'

export class CommentPrinter {
  private printedCount = 0
  /** Nodes whose printer placed their dangling comments itself (inside `{ }`). */
  private readonly danglingPrinted = new Set<SpannedNode>()

  constructor(private readonly comments: CommentMap) {}

  get printed(): number {
    return this.printedCount
  }

  /** The node's document with its leading and trailing comments. */
  wrap(node: SpannedNode, doc: Doc): Doc {
    const attached = this.comments.get(node)
    if (attached === undefined) return doc
    // Comments inside a node that has no place for them (`$ /* x */ .a`) go just before it.
    const inside = this.danglingPrinted.has(node) ? [] : attached.dangling.map((c) => this.leading(c))
    const leading = attached.leading.map((c, i) => [i > 0 && c.blankBefore ? hardline : '', this.leading(c)])
    const last = attached.leading[attached.leading.length - 1]
    // A blank line between the last comment and the node (a file's header comment) is kept.
    const blankAfter = last !== undefined && !last.inline && last.blankAfter
    return [...leading, blankAfter ? hardline : '', ...inside, doc, ...attached.trailing.map((c) => this.trailing(c))]
  }

  /** Comments inside an empty node (`{ // nothing }`), one per line. */
  dangling(node: SpannedNode): Doc {
    const attached = this.comments.get(node)
    if (attached === undefined) return ''
    this.danglingPrinted.add(node)
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
    return c.inline ? [text, ' '] : [freshline, text, hardline]
  }

  private trailing(c: AttachedComment): Doc {
    const text = this.text(c)
    // On a line of its own after the node: held back to the next line break, so that a comma
    // printed after the node stays on the node's line.
    // Trailing comments only follow members of blocks and entries of lists (see comments.ts), so
    // the line ends after the node and its separator: the comment is held back to that point,
    // and the list is kept broken so that the point exists.
    if (c.ownLine) return [lineSuffix([hardline, c.blankBefore ? hardline : '', text]), breakParent]
    if (c.comment.block) return [' ', text]
    return [lineSuffix([' ', text]), breakParent]
  }

  private text(c: AttachedComment): string {
    this.printedCount++
    return c.comment.block ? c.comment.text : c.comment.text.trimEnd()
  }
}
