/**
 * Expressions: CST of the `expression` rules → `Expr`.
 *
 * Binary operators are left-associative: `a ?? b ?? c` is `(a ?? b) ?? c`. A node's span covers
 * its source text including parentheses, so `(a ?? b) + c` spans from the `(`.
 * `$` followed by `.name`, `["quoted"]` and `[0]` folds into one `EventPath`; the first suffix
 * that is not a literal key or index (`$.items[i]`) ends the path and wraps it.
 */
import type { CstNode, IToken } from 'chevrotain'
import type {
  BinaryOperator,
  EventPath,
  Expr,
  ObjectEntry,
  PathSegment,
  Span,
  TemplateLiteral
} from '../ast.js'
import { decodeNumber, decodeStringToken, decodeTemplateChunk, type TemplateChunkKind } from '../literals.js'
import * as T from '../tokens.js'
import { childNode, childNodes, childToken, childTokens, isInserted, nodeRange } from './cst.js'
import type { BuildContext } from './context.js'
import { tokenEnd } from '../token-offsets.js'

export function buildExpression(node: CstNode | undefined, ctx: BuildContext, fallback: number): Expr {
  if (node === undefined) return errorExpr(ctx, fallback)
  const conditional = childNode(node, 'conditional')
  if (conditional !== undefined) return buildConditional(conditional, ctx)
  return buildBinaryChain(childNode(node, 'disjunction'), ctx, ctx.startOf(node, fallback))
}

export function errorExpr(ctx: BuildContext, at: number, end = at): Expr {
  return { kind: 'ErrorExpr', span: ctx.span(at, end) }
}

function buildConditional(node: CstNode, ctx: BuildContext): Expr {
  const start = ctx.startOf(node, 0)
  const conditionNode = childNode(node, 'condition')
  const thenNode = childNode(node, 'then')
  const elseNode = childNode(node, 'else')
  const condition = buildExpression(conditionNode, ctx, ctx.endOf(node, start))
  const thenExpr = buildExpression(thenNode, ctx, ctx.endOf(conditionNode, ctx.endOf(node, start)))
  const result: Expr = { kind: 'If', condition, then: thenExpr, span: ctx.nodeSpan(node, start) }
  if (elseNode !== undefined || childToken(node, 'Else') !== undefined) {
    result.else = buildExpression(elseNode, ctx, ctx.endOf(node, start))
  }
  return result
}

/**
 * The precedence levels below `if` (disjunction, conjunction, equality, coalescing, addition) are
 * operands joined by operators; `negation` and `postfix` end the chain. The CST names each
 * operand's rule, so one function builds every level.
 */
function buildBinaryChain(node: CstNode | undefined, ctx: BuildContext, fallback: number): Expr {
  if (node === undefined) return errorExpr(ctx, fallback)
  const rule = node.name
  if (rule === 'negation') return buildNegation(node, ctx, fallback)
  if (rule === 'postfix') return buildPostfix(node, ctx, fallback)
  const operands = childNodes(node, 'operands')
  const operators = childTokens(node, 'operators')
  const first = operands[0]
  let result = buildBinaryChain(first, ctx, ctx.startOf(node, fallback))
  let start = ctx.startOf(first, result.span.start.offset)
  for (let i = 0; i < operators.length; i++) {
    const operatorToken = operators[i] as IToken
    const rightNode = operands[i + 1]
    const operatorEnd = isInserted(operatorToken) ? result.span.end.offset : tokenEnd(operatorToken)
    const right = buildBinaryChain(rightNode, ctx, operatorEnd)
    const end = Math.max(ctx.endOf(rightNode, right.span.end.offset), operatorEnd)
    result = {
      kind: 'Binary',
      operator: binaryOperator(operatorToken),
      operatorSpan: ctx.tokenSpan(operatorToken, result.span.end.offset),
      left: result,
      right,
      span: ctx.span(start, end)
    }
    start = Math.min(start, result.span.start.offset)
  }
  return result
}

function binaryOperator(token: IToken): BinaryOperator {
  switch (token.tokenType) {
    case T.Or:
      return 'or'
    case T.And:
      return 'and'
    case T.EqualsEquals:
      return '=='
    case T.NotEquals:
      return '!='
    case T.Coalesce:
      return '??'
    default:
      return '+'
  }
}

function buildNegation(node: CstNode, ctx: BuildContext, fallback: number): Expr {
  const operand = childNode(node, 'operand')
  if (childTokens(node, 'not').length === 0) return buildBinaryChain(operand, ctx, fallback)
  const start = ctx.startOf(node, fallback)
  const inner = buildBinaryChain(operand, ctx, ctx.endOf(node, start))
  return { kind: 'Not', operand: inner, span: ctx.nodeSpan(node, start) }
}

function buildPostfix(node: CstNode, ctx: BuildContext, fallback: number): Expr {
  const primaryNode = childNode(node, 'primary')
  const start = ctx.startOf(node, fallback)
  let result = buildPrimary(primaryNode, ctx, start)
  // Only a bare `$` starts a path: `($.a).b` is a member of a parenthesised path.
  let folding = primaryNode !== undefined && childToken(primaryNode, 'event') !== undefined
  for (const suffix of childNodes(node, 'suffixes')) {
    const end = ctx.endOf(suffix, result.span.end.offset)
    const span = ctx.span(start, end)
    if (suffix.name === 'memberAccess') {
      const property = childToken(suffix, 'property')
      const propertySpan = ctx.tokenSpan(property, end)
      const name = property?.image ?? ''
      if (folding && result.kind === 'EventPath') {
        result = extendPath(result, { kind: 'Key', name, quoted: false, span: propertySpan }, span)
      } else {
        result = { kind: 'Member', object: result, property: name, propertySpan, span }
      }
      continue
    }
    const indexNode = childNode(suffix, 'index')
    const index = buildExpression(indexNode, ctx, ctx.startOf(suffix, end))
    const segment = folding && result.kind === 'EventPath' ? literalSegment(index) : undefined
    if (segment !== undefined && result.kind === 'EventPath') {
      result = extendPath(result, segment, span)
    } else {
      folding = false
      result = { kind: 'Index', object: result, index, span }
    }
  }
  return result
}

function extendPath(path: EventPath, segment: PathSegment, span: Span): EventPath {
  return { kind: 'EventPath', segments: [...path.segments, segment], span }
}

/** `["Order ID"]` and `[0]` are path segments; any other index is an `Index` expression. */
function literalSegment(index: Expr): PathSegment | undefined {
  if (index.kind === 'String') return { kind: 'Key', name: index.value, quoted: true, span: index.span }
  if (index.kind === 'Number' && /^(0|[1-9][0-9]*)$/.test(index.raw)) {
    return { kind: 'Index', index: index.value, span: index.span }
  }
  return undefined
}

function buildPrimary(node: CstNode | undefined, ctx: BuildContext, fallback: number): Expr {
  if (node === undefined) return errorExpr(ctx, fallback)
  const span = ctx.nodeSpan(node, fallback)
  const string = childToken(node, 'string')
  if (string !== undefined) return { kind: 'String', value: decodeStringToken(string.image).value, span }
  const number = childToken(node, 'number')
  if (number !== undefined) return { kind: 'Number', value: decodeNumber(number.image).value, raw: number.image, span }
  const boolean = childToken(node, 'boolean')
  if (boolean !== undefined) return { kind: 'Boolean', value: boolean.tokenType === T.True, span }
  if (childToken(node, 'null') !== undefined) return { kind: 'Null', span }
  if (childToken(node, 'absent') !== undefined) return { kind: 'Absent', span }
  if (childToken(node, 'event') !== undefined) return { kind: 'EventPath', segments: [], span }
  const keywordName = childToken(node, 'keywordName')
  if (keywordName !== undefined) return { kind: 'Name', name: keywordName.image, span }
  const nameOrCall = childNode(node, 'nameOrCall')
  if (nameOrCall !== undefined) return buildNameOrCall(nameOrCall, ctx, fallback)
  const template = childNode(node, 'template')
  if (template !== undefined) return buildTemplate(template, ctx, fallback)
  const object = childNode(node, 'object')
  if (object !== undefined) return buildObject(object, ctx, fallback)
  const list = childNode(node, 'list')
  if (list !== undefined) return buildList(list, ctx, fallback)
  const parenthesized = childNode(node, 'parenthesized')
  if (parenthesized !== undefined) {
    return buildExpression(childNode(parenthesized, 'inner'), ctx, ctx.startOf(parenthesized, fallback) + 1)
  }
  return errorExpr(ctx, span.start.offset, span.end.offset)
}

function buildNameOrCall(node: CstNode, ctx: BuildContext, fallback: number): Expr {
  const nameToken = childToken(node, 'name')
  const span = ctx.nodeSpan(node, fallback)
  const args = childNode(node, 'arguments')
  if (args === undefined) return { kind: 'Name', name: nameToken?.image ?? '', span }
  const callee = ctx.identifier(nameToken, span.start.offset)
  const argStart = ctx.startOf(args, span.end.offset) + 1
  return {
    kind: 'Call',
    callee,
    args: childNodes(args, 'items').map((item) => buildExpression(item, ctx, argStart)),
    span
  }
}

export function buildTemplate(node: CstNode, ctx: BuildContext, fallback: number): TemplateLiteral {
  const span = ctx.nodeSpan(node, fallback)
  const chunks = childTokens(node, 'chunks')
  const parts = childNodes(node, 'parts')
  const quasis: string[] = []
  chunks.forEach((chunk, i) => {
    if (isInserted(chunk)) quasis.push('')
    else quasis.push(decodeTemplateChunk(chunk.image, chunkKind(chunk, i)).value)
  })
  const expressions = parts.map((part) => buildExpression(part, ctx, span.end.offset))
  // Recovery can leave a template without its closing chunk: keep quasis = expressions + 1.
  while (quasis.length < expressions.length + 1) quasis.push('')
  quasis.length = expressions.length + 1
  return { kind: 'Template', quasis, expressions, span }
}

function chunkKind(chunk: IToken, index: number): TemplateChunkKind {
  switch (chunk.tokenType) {
    case T.TemplateString:
      return 'whole'
    case T.TemplateHead:
      return 'head'
    case T.TemplateMiddle:
      return 'middle'
    default:
      return index === 0 ? 'whole' : 'tail'
  }
}

function buildObject(node: CstNode, ctx: BuildContext, fallback: number): Expr {
  const span = ctx.nodeSpan(node, fallback)
  const entries: ObjectEntry[] = []
  for (const entry of childNodes(node, 'entries')) {
    const built = buildObjectEntry(entry, ctx, span.end.offset)
    if (built !== undefined) entries.push(built)
  }
  return { kind: 'Object', entries, span }
}

function buildObjectEntry(node: CstNode, ctx: BuildContext, fallback: number): ObjectEntry | undefined {
  const range = nodeRange(node)
  if (range === undefined) return undefined
  const span = ctx.span(range.start, range.end)
  if (childToken(node, 'spread') !== undefined) {
    const spread: ObjectEntry = { kind: 'Spread', value: buildExpression(childNode(node, 'value'), ctx, range.end), span }
    const omitted = childTokens(node, 'omitted')
    if (omitted.length > 0) {
      spread.without = omitted.map((token) => {
        const quoted = token.tokenType === T.StringLiteral
        return { key: quoted ? decodeStringToken(token.image).value : token.image, quoted, span: ctx.tokenSpan(token, range.end) }
      })
    }
    return spread
  }
  const shorthand = childToken(node, 'shorthand')
  if (shorthand !== undefined) {
    const nameSpan = ctx.tokenSpan(shorthand, fallback)
    return {
      kind: 'Property',
      key: shorthand.image,
      keySpan: nameSpan,
      quoted: false,
      shorthand: true,
      value: { kind: 'Name', name: shorthand.image, span: nameSpan },
      span
    }
  }
  const keyToken = childToken(node, 'key')
  const quoted = keyToken?.tokenType === T.StringLiteral
  const key = keyToken === undefined ? '' : quoted ? decodeStringToken(keyToken.image).value : keyToken.image
  return {
    kind: 'Property',
    key,
    keySpan: ctx.tokenSpan(keyToken, range.start),
    quoted,
    shorthand: false,
    value: buildExpression(childNode(node, 'value'), ctx, range.end),
    span
  }
}

function buildList(node: CstNode, ctx: BuildContext, fallback: number): Expr {
  const span = ctx.nodeSpan(node, fallback)
  const comprehension = childNode(node, 'comprehension')
  if (comprehension !== undefined) {
    const start = ctx.startOf(comprehension, span.start.offset)
    const iterableNode = childNode(comprehension, 'iterable')
    return {
      kind: 'For',
      variable: ctx.identifier(childToken(comprehension, 'variable'), start),
      iterable: buildExpression(iterableNode, ctx, ctx.endOf(comprehension, start)),
      body: buildExpression(childNode(comprehension, 'body'), ctx, ctx.endOf(comprehension, start)),
      span
    }
  }
  return {
    kind: 'Array',
    items: childNodes(node, 'items').map((item) => buildExpression(item, ctx, span.end.offset)),
    span
  }
}
