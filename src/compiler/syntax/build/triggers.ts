/**
 * Triggers (Segment's FQL subset): CST of the `trigger` rules → `Trigger`.
 * `or` and `and` are left-associative, like the expression operators.
 */
import type { CstNode, IToken } from 'chevrotain'
import type { Trigger, TriggerOperator, TriggerPath, TriggerValue } from '../ast.js'
import { diagnostic } from '../../diagnostics/diagnostic.js'
import { decodeNumber, decodeStringToken } from '../literals.js'
import * as T from '../tokens.js'
import { childNode, childNodes, childToken, childTokens, isInserted } from './cst.js'
import type { BuildContext } from './context.js'
import { closest } from '../../diagnostics/suggest.js'
import { tokenEnd } from '../token-offsets.js'

const TRIGGER_FUNCTIONS = ['contains', 'match'] as const

export function buildTrigger(node: CstNode | undefined, ctx: BuildContext, fallback: number): Trigger {
  if (node === undefined) return triggerError(ctx, fallback)
  switch (node.name) {
    case 'trigger':
      return buildChain(node, 'TriggerOr', ctx, fallback)
    case 'triggerConjunction':
      return buildChain(node, 'TriggerAnd', ctx, fallback)
    case 'triggerNegation':
      return buildNegation(node, ctx, fallback)
    default:
      return buildPrimary(node, ctx, fallback)
  }
}

function triggerError(ctx: BuildContext, at: number, end = at): Trigger {
  return { kind: 'TriggerError', span: ctx.span(at, end) }
}

function buildChain(node: CstNode, kind: 'TriggerOr' | 'TriggerAnd', ctx: BuildContext, fallback: number): Trigger {
  const operands = childNodes(node, 'operands')
  const operators = childTokens(node, 'operators')
  const start = ctx.startOf(node, fallback)
  let result = buildTrigger(operands[0], ctx, start)
  for (let i = 0; i < operators.length; i++) {
    const operator = operators[i] as IToken
    const rightNode = operands[i + 1]
    const operatorEnd = isInserted(operator) ? result.span.end.offset : tokenEnd(operator)
    const right = buildTrigger(rightNode, ctx, operatorEnd)
    const end = Math.max(ctx.endOf(rightNode, right.span.end.offset), operatorEnd)
    result = { kind, left: result, right, span: ctx.span(start, end) }
  }
  return result
}

function buildNegation(node: CstNode, ctx: BuildContext, fallback: number): Trigger {
  const operand = childNode(node, 'operand')
  if (childTokens(node, 'not').length === 0) return buildTrigger(operand, ctx, fallback)
  const start = ctx.startOf(node, fallback)
  return { kind: 'TriggerNot', operand: buildTrigger(operand, ctx, ctx.endOf(node, start)), span: ctx.nodeSpan(node, start) }
}

function buildPrimary(node: CstNode, ctx: BuildContext, fallback: number): Trigger {
  const span = ctx.nodeSpan(node, fallback)
  const inner = childNode(node, 'inner')
  if (inner !== undefined || childToken(node, 'LParen') !== undefined) {
    return buildTrigger(inner, ctx, span.start.offset + 1)
  }
  const call = childNode(node, 'triggerCall')
  if (call !== undefined) return buildCall(call, ctx, span.start.offset)
  const comparison = childNode(node, 'triggerComparison')
  if (comparison !== undefined) return buildComparison(comparison, ctx, span.start.offset)
  return triggerError(ctx, span.start.offset, span.end.offset)
}

function buildCall(node: CstNode, ctx: BuildContext, fallback: number): Trigger {
  const span = ctx.nodeSpan(node, fallback)
  const nameToken = childToken(node, 'function')
  const name = nameToken?.image ?? ''
  const path = buildPath(childNode(node, 'path'), ctx, span.start.offset)
  const argumentToken = childToken(node, 'argument')
  const argument = {
    value: argumentToken === undefined ? '' : decodeStringToken(argumentToken.image).value,
    span: ctx.tokenSpan(argumentToken, span.end.offset)
  }
  if (name !== 'contains' && name !== 'match') {
    const suggestion = closest(name, TRIGGER_FUNCTIONS)
    ctx.report(
      diagnostic('MAPC1017', ctx.tokenSpan(nameToken, span.start.offset), `\`${name}\` is not a trigger function`, {
        hint: suggestion === undefined ? 'triggers have `contains(path, "text")` and `match(path, "glob*")`' : `did you mean \`${suggestion}\`?`
      })
    )
    return triggerError(ctx, span.start.offset, span.end.offset)
  }
  return { kind: 'TriggerCall', function: name, path, argument, span }
}

function buildComparison(node: CstNode, ctx: BuildContext, fallback: number): Trigger {
  const span = ctx.nodeSpan(node, fallback)
  const path = buildPath(childNode(node, 'path'), ctx, span.start.offset)
  const operatorToken = childTokens(node, 'operator')[0]
  const operatorSpan = ctx.tokenSpan(operatorToken, path.span.end.offset)
  const valueToken = childToken(node, 'value')
  if (valueToken === undefined || operatorToken === undefined) return triggerError(ctx, span.start.offset, span.end.offset)
  return {
    kind: 'TriggerCompare',
    path,
    operator: comparisonOperator(operatorToken),
    operatorSpan,
    value: buildValue(valueToken, ctx),
    span
  }
}

function comparisonOperator(token: IToken): TriggerOperator {
  switch (token.tokenType) {
    case T.NotEquals:
      return '!='
    case T.Less:
      return '<'
    case T.LessEquals:
      return '<='
    case T.Greater:
      return '>'
    case T.GreaterEquals:
      return '>='
    default:
      return '='
  }
}

function buildValue(token: IToken, ctx: BuildContext): TriggerValue {
  const span = ctx.tokenSpan(token, token.startOffset)
  switch (token.tokenType) {
    case T.StringLiteral:
      return { kind: 'String', value: decodeStringToken(token.image).value, span }
    case T.NumberLiteral:
      return { kind: 'Number', value: decodeNumber(token.image).value, raw: token.image, span }
    case T.True:
      return { kind: 'Boolean', value: true, span }
    case T.False:
      return { kind: 'Boolean', value: false, span }
    default:
      return { kind: 'Null', span }
  }
}

function buildPath(node: CstNode | undefined, ctx: BuildContext, fallback: number): TriggerPath {
  const segments = node === undefined ? [] : childTokens(node, 'segments').filter((t) => !isInserted(t)).map((t) => t.image)
  return { kind: 'TriggerPath', segments, span: ctx.nodeSpan(node, fallback) }
}
