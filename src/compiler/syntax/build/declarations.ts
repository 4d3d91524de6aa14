/**
 * Declarations: CST of the file, destination and action rules → `MapFile`, `Destination`, ….
 * Members stay in source order. A member the parser could only partly read is still built, with
 * `ErrorExpr` or empty names where parts are missing; its diagnostics were already reported.
 */
import type { CstNode } from 'chevrotain'
import type {
  Action,
  ActionMember,
  Attribute,
  Auth,
  Batch,
  Comment,
  Destination,
  DestinationMember,
  Field,
  HeaderDecl,
  Identifier,
  MapFile,
  Perform,
  Preset,
  RejectRule,
  RequestSpec,
  Setting,
  ShapeDecl,
  SkipRule,
  Step,
  TypeRef,
  UpsertDecl
} from '../ast.js'
import { diagnostic } from '../../diagnostics/diagnostic.js'
import { decodeStringToken } from '../literals.js'
import * as T from '../tokens.js'
import { childNode, childNodes, childToken, childTokens } from './cst.js'
import type { BuildContext } from './context.js'
import { buildExpression, errorExpr } from './expressions.js'
import { buildRequest, buildStep } from './requests.js'
import { reportSkipped, type BlockContext } from './skipped.js'
import { buildTrigger } from './triggers.js'

export function buildMapFile(node: CstNode | undefined, ctx: BuildContext, comments: Comment[]): MapFile {
  const destinations = node === undefined ? [] : childNodes(node, 'destination')
  if (node !== undefined) reportSkipped(node, { kind: 'file', name: undefined }, ctx)
  return {
    kind: 'File',
    destinations: destinations.map((destination) => buildDestination(destination, ctx)),
    comments,
    span: ctx.span(0, ctx.lines.text.length)
  }
}

function buildDestination(node: CstNode, ctx: BuildContext): Destination {
  const start = ctx.startOf(node, 0)
  const name = ctx.identifier(childToken(node, 'name'), start)
  const context: BlockContext = { kind: 'destination', name: `destination \`${name.name}\`` }
  const members = buildBlockMembers(childNode(node, 'body'), 'destinationMember', context, ctx, (member) => buildDestinationMember(member, ctx))
  return { kind: 'Destination', name, members, span: ctx.nodeSpan(node, start) }
}

/**
 * The members of a block, in source order. The block's skipped regions are reported here, and
 * an attribute that was really a misspelt member keyword is left out (see `reportSkipped`).
 */
function buildBlockMembers<M>(
  body: CstNode | undefined,
  rule: string,
  context: BlockContext,
  ctx: BuildContext,
  build: (member: CstNode) => M | undefined
): M[] {
  if (body === undefined) return []
  const nodes = childNodes(body, rule)
  const misspelt = reportSkipped(body, context, ctx, nodes)
  return nodes.flatMap((node) => {
    const built = misspelt.has(node) ? undefined : build(node)
    return built === undefined ? [] : [built]
  })
}

function buildDestinationMember(member: CstNode, ctx: BuildContext): DestinationMember | undefined {
  const attribute = childNode(member, 'attribute')
  if (attribute !== undefined) return buildAttribute(attribute, ctx)
  const setting = childNode(member, 'setting')
  if (setting !== undefined) return { kind: 'Setting', ...buildDeclaredValue(setting, 'setting', ctx) }
  const auth = childNode(member, 'auth')
  if (auth !== undefined) return buildAuth(auth, ctx)
  const upsert = childNode(member, 'upsertDeclaration')
  if (upsert !== undefined) return buildUpsertDeclaration(upsert, ctx)
  const shape = childNode(member, 'shapeDeclaration')
  if (shape !== undefined) return buildShape(shape, ctx)
  const preset = childNode(member, 'preset')
  if (preset !== undefined) return buildPreset(preset, ctx)
  const action = childNode(member, 'action')
  if (action !== undefined) return buildAction(action, ctx)
  return undefined
}

export function buildAttribute(node: CstNode, ctx: BuildContext): Attribute {
  const start = ctx.startOf(node, 0)
  const span = ctx.nodeSpan(node, start)
  const values = childNodes(node, 'values').map((value) => buildExpression(value, ctx, span.end.offset))
  return {
    kind: 'Attribute',
    name: ctx.identifier(childToken(node, 'name'), start),
    values: values.length > 0 ? values : [errorExpr(ctx, span.end.offset)],
    span
  }
}

/** What a setting and a field have in common: a name, a type, modifiers and attributes. */
function buildDeclaredValue(node: CstNode, keyword: 'setting' | 'field', ctx: BuildContext): Omit<Setting | Field, 'kind'> {
  const start = ctx.startOf(node, 0)
  const span = ctx.nodeSpan(node, start)
  const name = ctx.identifier(childToken(node, 'name'), start)
  const context: BlockContext = { kind: 'attributes', name: `${keyword} \`${name.name}\`` }
  return {
    name,
    type: buildTypeRef(childNode(node, 'type'), ctx, name.span.end.offset),
    modifiers: childTokens(node, 'modifiers').map((token) => ctx.identifier(token, span.end.offset)),
    attributes: buildBlockMembers(childNode(node, 'body'), 'attribute', context, ctx, (attribute) => buildAttribute(attribute, ctx)),
    span
  }
}

function buildTypeRef(node: CstNode | undefined, ctx: BuildContext, fallback: number): TypeRef {
  const span = ctx.nodeSpan(node, fallback)
  if (node === undefined) return { kind: 'TypeRef', name: ctx.identifier(undefined, fallback), span }
  const result: TypeRef = { kind: 'TypeRef', name: ctx.identifier(childToken(node, 'name'), span.start.offset), span }
  const format = childToken(node, 'format')
  if (format !== undefined) result.format = ctx.identifier(format, span.end.offset)
  const argument = childToken(node, 'argument')
  if (argument !== undefined) result.argument = ctx.stringLiteral(argument, span.end.offset)
  return result
}

function buildAuth(node: CstNode, ctx: BuildContext): Auth {
  const start = ctx.startOf(node, 0)
  const result: Auth = {
    kind: 'Auth',
    scheme: ctx.identifier(childToken(node, 'scheme'), start),
    attributes: [],
    headers: [],
    span: ctx.nodeSpan(node, start)
  }
  const body = childNode(node, 'body')
  if (body === undefined) return result
  reportSkipped(body, { kind: 'auth', name: undefined }, ctx)
  let firstTest: CstNode | undefined
  for (const member of childNodes(body, 'authMember')) {
    const header = childNode(member, 'header')
    if (header !== undefined) {
      result.headers.push(buildHeader(header, ctx))
      continue
    }
    const attribute = childNode(member, 'attribute')
    if (attribute !== undefined) {
      result.attributes.push(buildAttribute(attribute, ctx))
      continue
    }
    const test = childNode(member, 'authTest')
    const request = test === undefined ? undefined : childNode(test, 'request')
    if (test === undefined || request === undefined) continue
    if (firstTest !== undefined) {
      ctx.report(
        diagnostic('MAPC1018', ctx.nodeSpan(test, start), 'an `auth` block has only one `test` request', {
          related: [{ span: ctx.nodeSpan(firstTest, start), message: 'the first `test` is here' }],
          hint: 'remove one of the two'
        })
      )
      continue
    }
    firstTest = test
    result.test = buildRequest(request, ctx)
  }
  return result
}

function buildHeader(node: CstNode, ctx: BuildContext): HeaderDecl {
  const start = ctx.startOf(node, 0)
  const span = ctx.nodeSpan(node, start)
  const nameToken = childToken(node, 'name')
  const name = nameToken === undefined ? '' : nameToken.tokenType === T.StringLiteral ? decodeStringToken(nameToken.image).value : nameToken.image
  return {
    kind: 'Header',
    name,
    nameSpan: ctx.tokenSpan(nameToken, start),
    value: buildExpression(childNode(node, 'value'), ctx, span.end.offset),
    span
  }
}

function buildParameters(node: CstNode | undefined, ctx: BuildContext, fallback: number): Identifier[] {
  if (node === undefined) return []
  return childTokens(node, 'names').map((token) => ctx.identifier(token, fallback))
}

function buildUpsertDeclaration(node: CstNode, ctx: BuildContext): UpsertDecl {
  const start = ctx.startOf(node, 0)
  const span = ctx.nodeSpan(node, start)
  const request = childNode(node, 'request')
  return {
    kind: 'UpsertDecl',
    name: ctx.identifier(childToken(node, 'name'), start),
    params: buildParameters(childNode(node, 'parameters'), ctx, start),
    request: request === undefined ? missingRequest(ctx, span.end.offset) : buildRequest(request, ctx),
    span
  }
}

function missingRequest(ctx: BuildContext, at: number): RequestSpec {
  const span = ctx.span(at, at)
  return { kind: 'Request', method: 'GET', methodSpan: span, url: errorExpr(ctx, at), parts: [], span }
}

function buildShape(node: CstNode, ctx: BuildContext): ShapeDecl {
  const start = ctx.startOf(node, 0)
  const span = ctx.nodeSpan(node, start)
  return {
    kind: 'ShapeDecl',
    name: ctx.identifier(childToken(node, 'name'), start),
    params: buildParameters(childNode(node, 'parameters'), ctx, start),
    body: buildExpression(childNode(node, 'body'), ctx, span.end.offset),
    span
  }
}

function buildPreset(node: CstNode, ctx: BuildContext): Preset {
  const start = ctx.startOf(node, 0)
  const span = ctx.nodeSpan(node, start)
  return {
    kind: 'Preset',
    title: ctx.stringLiteral(childToken(node, 'title'), start),
    trigger: buildTrigger(childNode(node, 'trigger'), ctx, span.end.offset),
    action: ctx.identifier(childToken(node, 'action'), span.end.offset),
    span
  }
}

function buildAction(node: CstNode, ctx: BuildContext): Action {
  const start = ctx.startOf(node, 0)
  const name = ctx.identifier(childToken(node, 'name'), start)
  const context: BlockContext = { kind: 'action', name: `action \`${name.name}\`` }
  const members = buildBlockMembers(childNode(node, 'body'), 'actionMember', context, ctx, (member) => buildActionMember(member, ctx))
  return { kind: 'Action', name, members, span: ctx.nodeSpan(node, start) }
}

function buildActionMember(member: CstNode, ctx: BuildContext): ActionMember | undefined {
  const attribute = childNode(member, 'attribute')
  if (attribute !== undefined) return buildAttribute(attribute, ctx)
  const trigger = childNode(member, 'triggerDeclaration')
  if (trigger !== undefined) {
    const start = ctx.startOf(trigger, 0)
    const span = ctx.nodeSpan(trigger, start)
    return { kind: 'TriggerDecl', trigger: buildTrigger(childNode(trigger, 'trigger'), ctx, span.end.offset), span }
  }
  const field = childNode(member, 'field')
  if (field !== undefined) return { kind: 'Field', ...buildDeclaredValue(field, 'field', ctx) }
  const skip = childNode(member, 'skipRule')
  if (skip !== undefined) return buildSkip(skip, ctx)
  const reject = childNode(member, 'rejectRule')
  if (reject !== undefined) return buildReject(reject, ctx)
  const perform = childNode(member, 'perform')
  if (perform !== undefined) return buildPerform(perform, ctx)
  const batch = childNode(member, 'batch')
  if (batch !== undefined) return buildBatch(batch, ctx)
  return undefined
}

function buildSkip(node: CstNode, ctx: BuildContext): SkipRule {
  const start = ctx.startOf(node, 0)
  const span = ctx.nodeSpan(node, start)
  return {
    kind: 'Skip',
    reason: ctx.stringLiteral(childToken(node, 'reason'), start),
    when: buildExpression(childNode(node, 'condition'), ctx, span.end.offset),
    span
  }
}

function buildReject(node: CstNode, ctx: BuildContext): RejectRule {
  const start = ctx.startOf(node, 0)
  const span = ctx.nodeSpan(node, start)
  return {
    kind: 'Reject',
    field: ctx.identifier(childToken(node, 'field'), start),
    reason: ctx.stringLiteral(childToken(node, 'reason'), start),
    when: buildExpression(childNode(node, 'condition'), ctx, span.end.offset),
    span
  }
}

function buildPerform(node: CstNode, ctx: BuildContext): Perform {
  const start = ctx.startOf(node, 0)
  const steps = buildBlockMembers(childNode(node, 'body'), 'step', { kind: 'perform', name: undefined }, ctx, (step) => buildStep(step, ctx))
  return { kind: 'Perform', steps, span: ctx.nodeSpan(node, start) }
}

function buildBatch(node: CstNode, ctx: BuildContext): Batch {
  const start = ctx.startOf(node, 0)
  const members = buildBlockMembers(childNode(node, 'body'), 'batchMember', { kind: 'batch', name: undefined }, ctx, (member): Batch['members'][number] | undefined => {
    const attribute = childNode(member, 'attribute')
    if (attribute !== undefined) return buildAttribute(attribute, ctx)
    const step = childNode(member, 'step')
    return step === undefined ? undefined : buildStep(step, ctx)
  })
  return { kind: 'Batch', members, span: ctx.nodeSpan(node, start) }
}
