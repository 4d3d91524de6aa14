/**
 * Expressions → documents. The AST has no parentheses, so they are put back by precedence:
 * an operand looser than its position allows is wrapped, and so is a right operand of the same
 * level (operators are left-associative, so `a ?? (b ?? c)` must keep its parentheses).
 *
 * Objects and arrays print on one line when they fit, otherwise one entry per line with a
 * trailing comma. Call arguments stay on one line (an object among them breaks on its own), and
 * strings and templates are never broken.
 */
import type { EventPath, Expr, ObjectEntry, PathSegment } from '../syntax/ast.js'
import { encodeString, encodeTemplateText } from '../syntax/literals.js'
import type { CommentPrinter } from './comment-printer.js'
import { group, hardline, ifBreak, indent, join, line, printDoc, softline, type Doc } from './doc.js'
import { printKey, isWord } from './words.js'

/** Loosest first, as in docs/language.md: if, or, and, not, == !=, ??, +, postfix. */
const PRECEDENCE = { if: 0, or: 1, and: 2, not: 3, equality: 4, coalesce: 5, add: 6, postfix: 7 } as const

function precedence(expr: Expr): number {
  switch (expr.kind) {
    case 'If':
      return PRECEDENCE.if
    case 'Not':
      return PRECEDENCE.not
    case 'Binary':
      return binaryPrecedence(expr.operator)
    default:
      return PRECEDENCE.postfix
  }
}

function binaryPrecedence(operator: string): number {
  switch (operator) {
    case 'or':
      return PRECEDENCE.or
    case 'and':
      return PRECEDENCE.and
    case '==':
    case '!=':
      return PRECEDENCE.equality
    case '??':
      return PRECEDENCE.coalesce
    default:
      return PRECEDENCE.add
  }
}

export function printExpression(expr: Expr, comments: CommentPrinter, minimum = 0): Doc {
  const doc = comments.wrap(expr, printBare(expr, comments))
  return precedence(expr) < minimum ? ['(', doc, ')'] : doc
}

function printBare(expr: Expr, comments: CommentPrinter): Doc {
  const print = (e: Expr, minimum = 0): Doc => printExpression(e, comments, minimum)
  switch (expr.kind) {
    case 'String':
      return encodeString(expr.value)
    case 'Number':
      return expr.raw
    case 'Boolean':
      return expr.value ? 'true' : 'false'
    case 'Null':
      return 'null'
    case 'Absent':
      return 'absent'
    case 'Name':
      return expr.name
    case 'ErrorExpr':
      // Only present alongside syntax errors, and the formatter refuses such files.
      return 'null'
    case 'EventPath':
      return printPath(expr)
    case 'Member':
      return [printObjectOf(expr.object, comments, true), '.', expr.property]
    case 'Index':
      return [printObjectOf(expr.object, comments, foldsIntoPath(expr.index)), '[', print(expr.index), ']']
    case 'Call':
      // Arguments stay on one line; objects and arrays among them break on their own.
      return [comments.wrap(expr.callee, expr.callee.name), '(', join(', ', expr.args.map((a) => print(a))), ')']
    case 'Template':
      // A template stays on one line, so whatever it interpolates is laid out flat.
      return printTemplate(expr.quasis, expr.expressions.map((e) => printDoc(print(e), Number.MAX_SAFE_INTEGER)))
    case 'Object':
      return printList('{', '}', expr.entries.map((e) => printEntry(e, comments)), comments, expr, true)
    case 'Array':
      return printList('[', ']', expr.items.map((item) => print(item)), comments, expr, false)
    case 'For': {
      // Flat: the body follows the colon and breaks inside itself if it must, unindented; broken:
      // the body moves to the next line, indented.
      const body = print(expr.body)
      return group(
        ['[for ', comments.wrap(expr.variable, expr.variable.name), ' in ', print(expr.iterable), ':', ifBreak(indent([line, body]), [' ', body]), ']'],
        { firstLineFits: true }
      )
    }
    case 'Binary': {
      const level = binaryPrecedence(expr.operator)
      return [print(expr.left, level), ' ', expr.operator, ' ', print(expr.right, level + 1)]
    }
    case 'Not':
      return ['not ', print(expr.operand, PRECEDENCE.not)]
    case 'If': {
      // `if a then (if b then c) else d`: without parentheses the `else` would bind to the inner `if`.
      const thenMinimum = expr.else !== undefined && expr.then.kind === 'If' ? PRECEDENCE.or : 0
      const parts: Doc[] = ['if ', print(expr.condition, PRECEDENCE.or), ' then ', print(expr.then, thenMinimum)]
      if (expr.else !== undefined) parts.push(' else ', print(expr.else))
      return parts
    }
  }
}

/**
 * The object of `.x` or `[i]`. An event path directly followed by a member or a literal index
 * would read back as a longer path, so such a path keeps parentheses: `($.a).b`.
 */
function printObjectOf(object: Expr, comments: CommentPrinter, suffixFolds: boolean): Doc {
  if (object.kind === 'EventPath' && suffixFolds) return ['(', printExpression(object, comments), ')']
  return printExpression(object, comments, PRECEDENCE.postfix)
}

function foldsIntoPath(index: Expr): boolean {
  return index.kind === 'String' || (index.kind === 'Number' && /^(0|[1-9][0-9]*)$/.test(index.raw))
}

export function printPath(path: EventPath): string {
  return '$' + path.segments.map(printSegment).join('')
}

function printSegment(segment: PathSegment): string {
  if (segment.kind === 'Index') return `[${segment.index}]`
  return segment.quoted || !isWord(segment.name) ? `[${encodeString(segment.name)}]` : `.${segment.name}`
}

function printTemplate(quasis: readonly string[], expressions: Doc[]): Doc {
  const parts: Doc[] = ['`']
  quasis.forEach((quasi, i) => {
    parts.push(encodeTemplateText(quasi))
    const expression = expressions[i]
    if (expression !== undefined) parts.push('{', expression, '}')
  })
  parts.push('`')
  return parts
}

function printEntry(entry: ObjectEntry, comments: CommentPrinter): Doc {
  if (entry.kind === 'Spread') {
    const keys = (entry.without ?? []).map((k) => printKey(k.key, k.quoted))
    const without = keys.length === 0 ? '' : keys.length === 1 ? [' without ', keys[0] as string] : [' without (', keys.join(', '), ')']
    return comments.wrap(entry, ['...', printExpression(entry.value, comments), without])
  }
  if (entry.shorthand) return comments.wrap(entry, entry.key)
  return comments.wrap(entry, [printKey(entry.key, entry.quoted), ': ', printExpression(entry.value, comments)])
}

/**
 * `{ a, b }` / `[a, b]` / `(a, b)` flat, or one item per line with a trailing comma. Objects have
 * spaces inside their braces when flat, as the .map files write them; arrays and calls do not.
 */
function printList(open: string, close: string, items: Doc[], comments: CommentPrinter, owner: Expr, spaced: boolean): Doc {
  if (items.length === 0) {
    if (!comments.hasDangling(owner)) return open + close
    return group([open, indent([hardline, comments.dangling(owner)]), hardline, close], { broken: true })
  }
  const inner = spaced ? line : softline
  return group([open, indent([inner, join([',', line], items)]), ifBreak(','), inner, close])
}
