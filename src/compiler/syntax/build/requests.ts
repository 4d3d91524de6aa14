/**
 * Steps and HTTP requests: CST of `step`, `request` → `Step`, `RequestSpec`.
 */
import type { CstNode } from 'chevrotain'
import type { HttpMethod, RequestPart, RequestSpec, SendStep, Step, UpsertStep } from '../ast.js'
import { childNode, childNodes, childToken } from './cst.js'
import type { BuildContext } from './context.js'
import { buildExpression, buildTemplate, errorExpr } from './expressions.js'
import { reportSkipped, type BlockContext } from './skipped.js'

export function buildStep(node: CstNode, ctx: BuildContext): Step | undefined {
  const inner = childNode(node, 'letStep') ?? childNode(node, 'sendStep') ?? childNode(node, 'upsertStep')
  if (inner === undefined) return undefined
  const start = ctx.startOf(inner, 0)
  if (inner.name === 'letStep') {
    const valueNode = childNode(inner, 'value')
    const value = valueNode === undefined ? undefined : buildSendOrUpsert(valueNode, ctx)
    if (value === undefined) return undefined
    return { kind: 'Let', name: ctx.identifier(childToken(inner, 'name'), start), value, span: ctx.nodeSpan(inner, start) }
  }
  return buildSendOrUpsert(inner, ctx)
}

function buildSendOrUpsert(node: CstNode, ctx: BuildContext): SendStep | UpsertStep | undefined {
  const start = ctx.startOf(node, 0)
  const span = ctx.nodeSpan(node, start)
  if (node.name === 'sendStep') {
    const request = childNode(node, 'request')
    if (request === undefined) return undefined
    return { kind: 'Send', request: buildRequest(request, ctx), span }
  }
  const objectNode = childNode(node, 'object')
  const keyNodes = childNodes(node, 'keys')
  const valuesNode = childNode(node, 'values')
  return {
    kind: 'Upsert',
    target: ctx.identifier(childToken(node, 'target'), start),
    object: buildExpression(objectNode, ctx, span.end.offset),
    keys: keyNodes.length > 0 ? keyNodes.map((key) => buildExpression(key, ctx, span.end.offset)) : [errorExpr(ctx, span.end.offset)],
    values: buildExpression(valuesNode, ctx, span.end.offset),
    span
  }
}

export function buildRequest(node: CstNode, ctx: BuildContext): RequestSpec {
  const start = ctx.startOf(node, 0)
  const span = ctx.nodeSpan(node, start)
  const methodToken = childToken(node, 'method')
  const urlToken = childToken(node, 'url')
  const urlTemplate = childNode(node, 'url')
  const url =
    urlToken !== undefined
      ? ctx.stringLiteral(urlToken, start)
      : urlTemplate !== undefined
        ? buildTemplate(urlTemplate, ctx, span.end.offset)
        : errorExpr(ctx, span.end.offset)
  const body = childNode(node, 'body')
  const context: BlockContext = { kind: 'request', name: undefined }
  return {
    kind: 'Request',
    method: (methodToken?.image ?? 'GET') as HttpMethod,
    methodSpan: ctx.tokenSpan(methodToken, start),
    url,
    parts: body === undefined ? [] : buildRequestParts(body, ctx, context),
    span
  }
}

function buildRequestParts(body: CstNode, ctx: BuildContext, context: BlockContext): RequestPart[] {
  reportSkipped(body, context, ctx)
  return childNodes(body, 'requestPart').flatMap((part): RequestPart[] => {
    const keyword = childToken(part, 'part')
    if (keyword === undefined) return []
    const span = ctx.nodeSpan(part, keyword.startOffset)
    return [
      {
        kind: 'RequestPart',
        part: keyword.image as RequestPart['part'],
        value: buildExpression(childNode(part, 'value'), ctx, span.end.offset),
        span
      }
    ]
  })
}
