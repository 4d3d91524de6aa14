/**
 * The outline of a destination (document symbols): settings, auth, presets, shapes, upsert
 * declarations and actions, each action with its trigger, fields, rules, steps and batch.
 */
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types'
import type { Action, DestinationMember, MapFile, Span, Step } from '../compiler/syntax/ast.js'
import { printTrigger } from '../compiler/triggers/index.js'
import { toRange } from './positions.js'

export function documentSymbols(file: MapFile): DocumentSymbol[] {
  return file.destinations.map((d) =>
    symbol(d.name.name, SymbolKind.Module, d.span, d.name.span, 'destination', d.members.flatMap(memberSymbols))
  )
}

function symbol(name: string, kind: SymbolKind, span: Span, selection: Span, detail: string, children: DocumentSymbol[] = []): DocumentSymbol {
  const result: DocumentSymbol = { name: name === '' ? '?' : name, kind, range: toRange(span), selectionRange: toRange(selection), detail }
  if (children.length > 0) result.children = children
  return result
}

function memberSymbols(m: DestinationMember): DocumentSymbol[] {
  switch (m.kind) {
    case 'Setting':
      return [symbol(m.name.name, SymbolKind.Property, m.span, m.name.span, `setting: ${m.type.name.name}`)]
    case 'Auth':
      return [symbol(`auth ${m.scheme.name}`, SymbolKind.Key, m.span, m.scheme.span, 'authentication')]
    case 'Preset':
      return [symbol(m.title.value, SymbolKind.Event, m.span, m.title.span, `preset → ${m.action.name}`)]
    case 'ShapeDecl':
      return [symbol(m.name.name, SymbolKind.Function, m.span, m.name.span, `shape(${m.params.map((p) => p.name).join(', ')})`)]
    case 'UpsertDecl':
      return [symbol(m.name.name, SymbolKind.Method, m.span, m.name.span, `upsert ${m.request.method}`)]
    case 'Action':
      return [symbol(m.name.name, SymbolKind.Class, m.span, m.name.span, 'action', actionSymbols(m))]
    default:
      return []
  }
}

function actionSymbols(action: Action): DocumentSymbol[] {
  const out: DocumentSymbol[] = []
  for (const m of action.members) {
    switch (m.kind) {
      case 'TriggerDecl':
        out.push(symbol('trigger', SymbolKind.Event, m.span, m.span, safeTrigger(m.trigger)))
        break
      case 'Field':
        out.push(symbol(m.name.name, SymbolKind.Field, m.span, m.name.span, `field: ${m.type.name.name}${m.type.format ? `(${m.type.format.name})` : ''}`))
        break
      case 'Skip':
        out.push(symbol(`skip "${m.reason.value}"`, SymbolKind.Boolean, m.span, m.reason.span, 'rule'))
        break
      case 'Reject':
        out.push(symbol(`reject ${m.field.name}`, SymbolKind.Boolean, m.span, m.field.span, 'rule'))
        break
      case 'Perform':
        out.push(symbol('perform', SymbolKind.Namespace, m.span, m.span, `${m.steps.length} step${m.steps.length === 1 ? '' : 's'}`, stepSymbols(m.steps)))
        break
      case 'Batch':
        out.push(symbol('batch', SymbolKind.Namespace, m.span, m.span, 'batched request', stepSymbols(m.members.filter((x): x is Step => x.kind !== 'Attribute'))))
        break
      default:
        break
    }
  }
  return out
}

function stepSymbols(steps: readonly Step[]): DocumentSymbol[] {
  return steps.map((step) => {
    const inner = step.kind === 'Let' ? step.value : step
    const what = inner.kind === 'Send' ? `${inner.request.method} request` : `upsert ${inner.target.name}`
    return step.kind === 'Let'
      ? symbol(step.name.name, SymbolKind.Variable, step.span, step.name.span, `let: ${what}`)
      : symbol(what, SymbolKind.Method, step.span, step.span, 'step')
  })
}

function safeTrigger(trigger: Parameters<typeof printTrigger>[0]): string {
  try {
    return printTrigger(trigger)
  } catch {
    return 'trigger'
  }
}
