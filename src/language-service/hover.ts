/**
 * Hover: what the thing under the cursor is. The inferred type of an expression or `$.` path (with
 * the event types it exists on), a declaration (field, setting, shape, upsert, action, `let`,
 * parameter), a built-in function's signature and summary, the API schema's description of a
 * request property, and the explanation of a diagnostic's code.
 */
import type { Hover } from 'vscode-languageserver-types'
import { builtinSignatures, isBuiltin } from '../compiler/check/builtins.js'
import { display, type Type } from '../compiler/check/types.js'
import { codeInfo } from '../compiler/diagnostics/codes/index.js'
import type { Action, Attribute, Expr, Field, PathSegment, Setting, Span, TypeRef } from '../compiler/syntax/ast.js'
import { spanKey, type Analysis } from './analysis.js'
import { propertyPlace, schemaPlace, describe as describeSchema } from './api-body.js'
import { actionEventTypes, eventPathType } from './event-paths.js'
import { toRange } from './positions.js'
import { describe, } from './rename.js'
import { symbolAt, type Declaration } from './symbols.js'
import { nodesAt, spanContains, type SyntaxNode } from './syntax-tree.js'
import { listTypes } from '../compiler/check/expressions.js'
import { schemaToType } from '../compiler/check/schema-types.js'

export function hover(analysis: Analysis, offset: number): Hover | undefined {
  const chain = nodesAt(analysis.ast as unknown as SyntaxNode, offset)
  const sections: string[] = []
  let range: Span | undefined

  const symbol = symbolAt(analysis.symbols, offset)
  const node = chain[chain.length - 1]
  const callee = calleeAt(chain, offset)
  if (callee && isBuiltin(callee.name) && !symbol) {
    sections.push(builtinHover(callee.name))
    range = callee.span
  } else if (symbol) {
    sections.push(declarationHover(analysis, symbol, offset))
    range = symbolRangeAt(symbol, offset)
  }
  const key = propertyKeyAt(chain, offset)
  if (key && analysis.api) {
    const place = schemaPlace(analysis.ast, analysis.api, chain)
    if (place) {
      const inner = propertyPlace(place, key.name)
      const schema = inner.schemas[0]
      if (schema !== undefined) {
        const type = display(schemaToType(schema, place.root))
        const description = describeSchema(schema, place.root)
        sections.push(code(`${inner.path}: ${type}`) + `\n\n${description ?? ''}`.trimEnd() + `\n\n*${place.endpoint.method} ${place.endpoint.urlTemplate}*`)
        range ??= key.span
      }
    }
  }
  if (sections.length === 0) {
    const path = eventPathAt(chain, offset)
    if (path) {
      const action = chain.find((n): n is Action & SyntaxNode => n.kind === 'Action')
      const types = actionEventTypes(analysis, action)
      const keys = path.segments.map((s) => (s.kind === 'Key' ? s.name : s.index))
      const result = eventPathType(types, keys)
      const text = renderPath(path.segments)
      sections.push(
        code(`${text}: ${display(result.type)}`) +
          '\n\n' +
          (result.on.length === 0 ? `No ${listTypes(types)} event has \`${text}\`.` : `On ${listTypes(result.on)} events${result.on.length < types.length ? `, not on ${listTypes(types.filter((t) => !result.on.includes(t)))}` : ''}.`)
      )
      range = path.span
    } else {
      const typed = typedExpressionAt(analysis, chain)
      if (typed) {
        sections.push(code(`${excerpt(analysis.text, typed.span)}: ${display(typed.type)}`))
        range = typed.span
      }
    }
  }
  for (const d of analysis.diagnostics) {
    if (!spanContains(d.span, offset)) continue
    const info = codeInfo(d.code)
    sections.push(`**${d.code}**: ${info.title} (${info.severity})\n\n${info.explanation}`)
    range ??= d.span
  }
  void node
  if (sections.length === 0 || range === undefined) return undefined
  return { contents: { kind: 'markdown', value: sections.join('\n\n---\n\n') }, range: toRange(range) }
}

function code(text: string): string {
  return '```mapc\n' + text + '\n```'
}

function excerpt(text: string, span: Span): string {
  const raw = text.slice(span.start.offset, span.end.offset).replace(/\s+/g, ' ')
  return raw.length > 60 ? `${raw.slice(0, 57)}…` : raw
}

function symbolRangeAt(symbol: Declaration, offset: number): Span {
  if (spanContains(symbol.nameSpan, offset)) return symbol.nameSpan
  return symbol.references.find((r) => spanContains(r.span, offset))?.span ?? symbol.nameSpan
}

function calleeAt(chain: readonly SyntaxNode[], offset: number): { name: string; span: Span } | undefined {
  for (let i = chain.length - 1; i >= 0; i--) {
    const n = chain[i] as SyntaxNode & Partial<{ callee: { name: string; span: Span } }>
    if (n.kind === 'Call' && n.callee && spanContains(n.callee.span, offset)) return n.callee
  }
  return undefined
}

/** An object key under the cursor: `{ email_addresses: … }`. */
export function propertyKeyAt(chain: readonly SyntaxNode[], offset: number): { name: string; span: Span } | undefined {
  const last = chain[chain.length - 1] as SyntaxNode & Partial<{ key: string; keySpan: Span }>
  const entry = last.kind === 'Property' ? last : (chain[chain.length - 2] as typeof last | undefined)
  if (entry?.kind === 'Property' && entry.keySpan && entry.key !== undefined && spanContains(entry.keySpan, offset)) {
    return { name: entry.key, span: entry.keySpan }
  }
  return undefined
}

/** The `$.` path under the cursor, cut after the segment the cursor is on. */
function eventPathAt(chain: readonly SyntaxNode[], offset: number): { segments: PathSegment[]; span: Span } | undefined {
  const path = [...chain].reverse().find((n) => n.kind === 'EventPath') as (SyntaxNode & { segments: PathSegment[] }) | undefined
  if (!path) return undefined
  const index = path.segments.findIndex((s) => offset <= s.span.end.offset)
  const segments = index < 0 ? path.segments : path.segments.slice(0, index + 1)
  const last = segments[segments.length - 1]
  const span = last ? { ...path.span, end: last.span.end } : path.span
  return { segments, span }
}

function renderPath(segments: readonly PathSegment[]): string {
  let text = '$'
  for (const s of segments) {
    if (s.kind === 'Index') text += `[${s.index}]`
    else text += /^[A-Za-z_][A-Za-z0-9_]*$/.test(s.name) ? `.${s.name}` : `[${JSON.stringify(s.name)}]`
  }
  return text
}

function typedExpressionAt(analysis: Analysis, chain: readonly SyntaxNode[]): { span: Span; type: Type } | undefined {
  for (let i = chain.length - 1; i >= 0; i--) {
    const n = chain[i] as SyntaxNode
    const type = analysis.types.get(spanKey(n.span))
    if (type) return { span: n.span, type }
  }
  return undefined
}

function builtinHover(name: string): string {
  const signature = builtinSignatures[name as keyof typeof builtinSignatures]
  const params = signature.params.map((p) => `${p.name}: ${p.kind}`).join(', ')
  return `${code(`${name}(${params})`)}\n\nBuilt-in function: ${signature.summary}.`
}

function declarationHover(analysis: Analysis, d: Declaration, offset: number): string {
  const node = d.node as unknown
  switch (d.kind) {
    case 'field': {
      const field = node as Field
      const ir = analysis.ir?.actions.find((a) => a.name === d.action)?.fields.find((f) => f.name === d.name)
      return [code(`field ${d.name}: ${typeText(field.type)}${field.modifiers.map((m) => ` ${m.name}`).join('')}`), attributesText(field.attributes), ir ? `In the action \`${d.action}\`.` : ''].filter(Boolean).join('\n\n')
    }
    case 'setting': {
      const setting = node as Setting
      return [code(`setting ${d.name}: ${typeText(setting.type)}${setting.modifiers.map((m) => ` ${m.name}`).join('')}`), attributesText(setting.attributes)].filter(Boolean).join('\n\n')
    }
    case 'shape': {
      const ir = analysis.ir?.shapes.find((s) => s.name === d.name)
      return code(`shape ${d.name}(${ir?.params.join(', ') ?? ''})${ir ? `: ${display(ir.body.type)}` : ''}`)
    }
    case 'upsert': {
      const ir = analysis.ir?.upserts.find((u) => u.name === d.name)
      const endpoint = ir?.request.endpoint
      const description = endpoint ? analysis.api?.endpoints.find((e) => `${e.method} ${e.urlTemplate}` === endpoint)?.description : undefined
      return [code(`upsert ${d.name}(${ir?.params.join(', ') ?? ''})${endpoint ? ` ${endpoint}` : ''}`), description ?? ''].filter(Boolean).join('\n\n')
    }
    case 'action': {
      const action = node as Action
      const ir = analysis.ir?.actions.find((a) => a.name === d.name)
      return [code(`action ${d.name}`), attributesText(action.members.filter((m): m is Attribute => m.kind === 'Attribute')), ir ? `Matches ${listTypes(ir.eventTypes)} events.` : ''].filter(Boolean).join('\n\n')
    }
    case 'let': {
      const step = findStep(analysis, d)
      return code(`let ${d.name}${step ? `: ${display(step)}` : ''}`) + '\n\nThe response of the request, for the steps after it.'
    }
    case 'destination':
      return code(`destination ${d.name}`) + (analysis.ir ? `\n\n${analysis.ir.title}` : '')
    default: {
      const at = d.references.find((r) => spanContains(r.span, offset))
      const type = at ? analysis.types.get(spanKey(at.span)) : undefined
      return code(`${describe(d).replace(/^an? /, '').replace(/`/g, '')}${type ? `: ${display(type)}` : ''}`)
    }
  }
}

function findStep(analysis: Analysis, d: Declaration): Type | undefined {
  const action = analysis.ir?.actions.find((a) => a.name === d.action)
  const steps = [...(action?.perform ?? []), ...(action?.batch?.steps ?? [])]
  return steps.find((s) => s.bind === d.name)?.responseType
}

function typeText(type: TypeRef): string {
  return type.format ? `${type.name.name}(${type.format.name}${type.argument ? ` ${JSON.stringify(type.argument.value)}` : ''})` : type.name.name
}

function attributesText(attributes: readonly Attribute[]): string {
  const text = (name: string): string | undefined => {
    const value: Expr | undefined = attributes.find((a) => a.name.name === name)?.values[0]
    return value?.kind === 'String' ? value.value : undefined
  }
  const title = text('label') ?? text('title')
  const description = text('description')
  return [title ? `**${title}**` : undefined, description].filter(Boolean).join('\n\n')
}
