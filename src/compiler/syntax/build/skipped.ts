/**
 * Diagnostics for the tokens the parser skipped in a block (the `skipped` recovery rule): what
 * was found, where that member belongs if it is one, and "did you mean" when a misspelt member
 * keyword made the parser read a line as an attribute (`feild email: string` is the attribute
 * `feild email`, then an unexpected `:`).
 */
import type { CstNode, IToken } from 'chevrotain'
import { diagnostic } from '../../diagnostics/diagnostic.js'
import { closest } from '../../diagnostics/suggest.js'
import { describeToken } from '../token-description.js'
import * as T from '../tokens.js'
import { childNodes, childToken, childTokens, nodeRange } from './cst.js'
import type { BuildContext } from './context.js'

export type BlockKind = 'file' | 'destination' | 'action' | 'attributes' | 'auth' | 'perform' | 'batch' | 'request'

export interface BlockContext {
  kind: BlockKind
  /** `destination attio`, `action identifyUser`, `field email`: for messages. */
  name: string | undefined
}

/** The member keywords each block takes; attributes (plain names) are listed as `attribute`. */
const BLOCK_MEMBERS: Record<BlockKind, readonly string[]> = {
  file: ['destination'],
  destination: ['attribute', 'setting', 'auth', 'upsert', 'shape', 'preset', 'action'],
  action: ['attribute', 'trigger', 'field', 'skip', 'reject', 'perform', 'batch'],
  attributes: ['attribute'],
  auth: ['header', 'test'],
  perform: ['send', 'upsert', 'let'],
  batch: ['attribute', 'send', 'upsert', 'let'],
  request: ['query', 'headers', 'json', 'form']
}

const EXPECTED: Record<BlockKind, string> = {
  file: 'a destination: `destination <name> { … }`',
  destination: 'a member: an attribute such as `title "…"`, or `setting`, `auth`, `upsert`, `shape`, `preset`, `action`',
  action: 'a member: an attribute such as `title "…"`, or `trigger`, `field`, `skip`, `reject`, `perform`, `batch`',
  attributes: 'an attribute such as `label "…"`',
  auth: '`header <name> = <value>` or `test <request>`',
  perform: 'a step: `send`, `upsert` or `let`',
  batch: 'an attribute (`enabled`, `size`, `results`, `failures`, `failed`, `keys`) or a step: `send`, `upsert`, `let`',
  request: '`query`, `headers`, `json` or `form`'
}

/** Where a member keyword belongs, for "`field` cannot appear in a destination". */
const HOME: Record<string, string> = {
  destination: 'a destination is declared at the top level of the file',
  setting: 'settings belong in the destination block',
  auth: '`auth` belongs in the destination block',
  preset: 'presets belong in the destination block',
  shape: 'shapes belong in the destination block',
  action: 'actions belong in the destination block',
  trigger: '`trigger` belongs in an action',
  field: 'fields belong in an action',
  skip: 'skip rules belong in an action',
  reject: 'reject rules belong in an action',
  perform: '`perform` belongs in an action',
  batch: '`batch` belongs in an action',
  send: 'steps belong in `perform` or `batch`',
  let: 'steps belong in `perform` or `batch`',
  upsert: '`upsert` declarations belong in the destination block, `upsert` steps in `perform` or `batch`',
  header: '`header` belongs in an `auth` block',
  test: '`test` belongs in an `auth` block',
  query: '`query` belongs in a request block: `send POST "…" { query { … } }`',
  headers: '`headers` belongs in a request block: `send POST "…" { headers { … } }`',
  json: '`json` belongs in a request block: `send POST "…" { json { … } }`',
  form: '`form` belongs in a request block: `send POST "…" { form { … } }`'
}

/** How deep each block sits, and the level of the block each member keyword belongs in. */
const BLOCK_LEVEL: Record<BlockKind, number> = { file: 0, destination: 1, action: 2, auth: 2, attributes: 3, perform: 3, batch: 3, request: 4 }
const HOME_LEVEL: Record<string, number> = {
  destination: 0, setting: 1, auth: 1, preset: 1, shape: 1, action: 1, upsert: 1,
  trigger: 2, field: 2, skip: 2, reject: 2, perform: 2, batch: 2, header: 2, test: 2,
  send: 3, let: 3, query: 4, headers: 4, json: 4, form: 4
}

function where(context: BlockContext): string {
  switch (context.kind) {
    case 'file':
      return 'at the top level'
    case 'attributes':
      return context.name === undefined ? 'in this block' : `in the ${context.name}`
    case 'auth':
      return 'in the `auth` block'
    case 'perform':
      return 'in the `perform` block'
    case 'batch':
      return 'in the `batch` block'
    case 'request':
      return 'in the request block'
    default:
      return context.name === undefined ? `in the ${context.kind}` : `in the ${context.name}`
  }
}

/**
 * Reports each skipped region of a block. Returns the attribute nodes that were really misspelt
 * member keywords: they are reported here and left out of the AST.
 */
export function reportSkipped(body: CstNode, context: BlockContext, ctx: BuildContext, members: CstNode[] = []): Set<CstNode> {
  const misspelt = new Set<CstNode>()
  for (const region of childNodes(body, 'skipped')) {
    const first = childTokens(region, 'tokens')[0]
    if (first === undefined) continue
    const attribute = attributeBefore(members, first, ctx)
    const comma = attribute === undefined ? undefined : strayComma(attribute.attribute, ctx)
    if (comma !== undefined) {
      ctx.report(strayCommaDiagnostic(comma, attribute?.name.image ?? '', ctx))
      continue
    }
    const suggestion = attribute === undefined ? undefined : misspeltKeyword(attribute, context)
    if (attribute !== undefined && suggestion !== undefined) {
      misspelt.add(attribute.node)
      ctx.report(
        diagnostic('MAPC1010', ctx.tokenSpan(attribute.name, first.startOffset), `unknown member \`${attribute.name.image}\` ${where(context)}`, {
          hint: `did you mean \`${suggestion}\`?`,
          related: [{ span: ctx.tokenSpan(first, first.startOffset), message: `read as an attribute, it is followed by ${describeToken(first)}` }]
        })
      )
      continue
    }
    ctx.report(skippedDiagnostic(first, context, ctx))
  }
  return misspelt
}

function skippedDiagnostic(first: IToken, context: BlockContext, ctx: BuildContext) {
  const span = ctx.tokenSpan(first, first.startOffset)
  const keyword = T.keywordTokens.includes(first.tokenType) ? first.image : undefined
  if (keyword !== undefined && HOME[keyword] !== undefined && !BLOCK_MEMBERS[context.kind].includes(keyword)) {
    // `action` inside an action: more likely the earlier block lacks its `}`.
    const outer = (HOME_LEVEL[keyword] ?? 0) < BLOCK_LEVEL[context.kind]
    return diagnostic('MAPC1015', span, `\`${keyword}\` cannot appear ${where(context)}`, {
      hint: outer ? `${HOME[keyword]}; is a \`}\` missing before it?` : (HOME[keyword] as string)
    })
  }
  const hint = hintFor(first, context)
  return diagnostic(
    'MAPC1010',
    span,
    `unexpected ${describeToken(first)} ${where(context)}; expected ${EXPECTED[context.kind]}`,
    hint === undefined ? {} : { hint }
  )
}

function hintFor(first: IToken, context: BlockContext): string | undefined {
  switch (first.tokenType) {
    case T.Equals:
      return 'compare values with `==`; a single `=` compares only in triggers'
    case T.Comma:
      return 'members need no separator; a comma only separates the values of one attribute'
    case T.HyphenatedName:
      return 'names cannot contain `-`; use `_`'
  }
  if (first.tokenType === T.Identifier) {
    const words = BLOCK_MEMBERS[context.kind].filter((word) => word !== 'attribute')
    const suggestion = closest(first.image, words)
    if (suggestion !== undefined) return `did you mean \`${suggestion}\`?`
  }
  return undefined
}

interface AttributeInfo {
  /** The member: an attribute, or the member rule around it. */
  node: CstNode
  attribute: CstNode
  name: IToken
}

/**
 * `label "Name",` then `default $.event` on the next line: the comma makes the next line's first
 * word another value of `label`, and the parser stops after it. The comma is the mistake.
 */
function strayComma(attribute: CstNode, ctx: BuildContext): IToken | undefined {
  const commas = childTokens(attribute, 'Comma')
  const last = commas[commas.length - 1]
  const value = childNodes(attribute, 'values')[commas.length]
  const valueStart = value === undefined ? undefined : nodeRange(value)?.start
  if (last === undefined || valueStart === undefined) return undefined
  return ctx.lines.lineOf(valueStart) > ctx.lines.lineOf(last.startOffset) ? last : undefined
}

export function strayCommaDiagnostic(comma: IToken, attribute: string, ctx: BuildContext) {
  return diagnostic('MAPC1010', ctx.tokenSpan(comma, comma.startOffset), `a \`,\` after the last value of \`${attribute}\` joins the next line to it`, {
    hint: 'remove the `,`: commas separate the values of one attribute, members need no separator'
  })
}

/** The attribute member that ends right before `first`, on the same line. */
function attributeBefore(members: CstNode[], first: IToken, ctx: BuildContext): AttributeInfo | undefined {
  let best: { node: CstNode; end: number } | undefined
  for (const member of members) {
    const range = nodeRange(member)
    if (range === undefined || range.end > first.startOffset) continue
    if (best === undefined || range.end > best.end) best = { node: member, end: range.end }
  }
  if (best === undefined) return undefined
  const attribute = best.node.name === 'attribute' ? best.node : childNodes(best.node, 'attribute')[0]
  if (attribute === undefined) return undefined
  const name = childToken(attribute, 'name')
  if (name === undefined) return undefined
  if (ctx.lines.lineOf(best.end) !== ctx.lines.lineOf(first.startOffset)) return undefined
  return { node: best.node, attribute, name }
}

function misspeltKeyword(attribute: AttributeInfo, context: BlockContext): string | undefined {
  const words = BLOCK_MEMBERS[context.kind].filter((word) => word !== 'attribute')
  return closest(attribute.name.image, words)
}
