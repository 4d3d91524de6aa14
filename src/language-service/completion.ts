/**
 * Completion. The text is read with a placeholder name in place of the word being typed, so that
 * `$.traits.` or `settings.` or a half-typed member parses, and the place the placeholder lands
 * in the syntax tree says what can go there:
 *
 * - `$.` paths: the Segment Spec's properties for the event types the action's trigger can match,
 *   with their types;
 * - `x.`: settings, OAuth data, response and payload members, by the checker's types;
 * - names: fields, `let` bindings, parameters and loop variables in scope, built-in values,
 *   functions (built-ins and shapes);
 * - declarations: keywords and snippets for the destination, an action, a field, a setting, a
 *   batch, a perform block;
 * - object keys inside a request: the properties the API schema allows there;
 * - `upsert …`, `-> …`, types, formats, modifiers, and the values of `type = "…"` in triggers.
 */
import { CompletionItemKind, InsertTextFormat, type CompletionItem } from 'vscode-languageserver-types'
import { builtinSignatures } from '../compiler/check/builtins.js'
import type { CheckOptions } from '../compiler/check/destination.js'
import { stringFormats } from '../compiler/check/formats.js'
import { allEventTypes } from '../compiler/check/trigger-types.js'
import { display, members, present, union, type Type } from '../compiler/check/types.js'
import type { Action } from '../compiler/syntax/ast.js'
import { analyze, spanKey, type Analysis } from './analysis.js'
import { schemaPlace, schemaProperties } from './api-body.js'
import { actionEventTypes, eventPathMembers } from './event-paths.js'
import { describe } from './rename.js'
import { visibleNames, type Declaration } from './symbols.js'
import { nodesAt, spanContains, type SyntaxNode } from './syntax-tree.js'

/** A name no one writes, that the lexer reads as an identifier. */
export const PLACEHOLDER = 'mapc__complete__'

const FIELD_TYPES = ['string', 'number', 'integer', 'boolean', 'datetime', 'object', 'array']
const SETTING_TYPES = ['string', 'password', 'number', 'integer', 'boolean']
const FIELD_MODIFIERS = ['required', 'hidden', 'keyvalue', 'multiple']
const SETTING_MODIFIERS = ['required', 'hidden', 'secret']
const TRIGGER_PATHS = ['type', 'event', 'userId', 'anonymousId', 'properties', 'traits', 'context', 'name']

export function complete(analysis: Analysis, offset: number, options: (used: Set<string>) => CheckOptions): CompletionItem[] {
  const text = analysis.text
  const before = text.slice(0, offset)
  const wordStart = offset - (/[A-Za-z0-9_]*$/.exec(before)?.[0].length ?? 0)
  const lineBefore = before.slice(before.lastIndexOf('\n') + 1)

  const quotedType = /\btype\s*!?=\s*"([A-Za-z]*)$/.exec(lineBefore)
  if (quotedType) return eventTypeValues(analysis, false)
  if (/\btype\s*!?=\s*$/.test(lineBefore.slice(0, lineBefore.length - (offset - wordStart)))) return eventTypeValues(analysis, true)
  if (/^\s*accepts\b/.test(lineBefore)) return allEventTypes.map((t) => ({ label: t, kind: CompletionItemKind.EnumMember }))
  if (/(?:\btrigger|\bwhen|\band|\bor|\bnot|\()\s+[A-Za-z_]*$/.test(lineBefore) && /\b(trigger|when)\b/.test(lineBefore)) {
    return TRIGGER_PATHS.map((p) => ({ label: p, kind: CompletionItemKind.Property, detail: 'event property (FQL)' }))
  }

  // The whole word under the cursor becomes the placeholder: completing `em|ail` replaces `email`.
  const wordEnd = offset + (/^[A-Za-z0-9_]*/.exec(text.slice(offset))?.[0].length ?? 0)
  const patched = `${text.slice(0, wordStart)}${PLACEHOLDER}${text.slice(wordEnd)}`
  const shadow = analyze(patched, analysis.file, options, analysis)
  const chain = nodesAt(shadow.ast as unknown as SyntaxNode, wordStart + 1)
  const last = chain[chain.length - 1] as SyntaxNode & Record<string, unknown>
  const parent = chain[chain.length - 2] as (SyntaxNode & Record<string, unknown>) | undefined
  const action = chain.find((n): n is Action & SyntaxNode => n.kind === 'Action')

  const path = last.kind === 'EventPath' ? last : (last.kind === 'Key' || last.kind === 'Index') && parent?.kind === 'EventPath' ? parent : undefined
  if (path) {
    const segments = (path.segments as { kind: string; name?: string; index?: number }[]).filter((s) => s.name !== PLACEHOLDER)
    const keys = segments.map((s) => (s.kind === 'Key' ? (s.name as string) : (s.index as number)))
    return eventPathMembers(actionEventTypes(analysis, action), keys).map((m) => ({
      label: m.name,
      kind: CompletionItemKind.Property,
      detail: brief(m.type),
      documentation: `On ${m.on.join(', ')} events.`
    }))
  }
  if (last.kind === 'Member' && last.property === PLACEHOLDER) return memberItems(shadow, last)
  if (last.kind === 'Identifier' && parent) {
    switch (parent.kind) {
      case 'Attribute':
        return declarationItems(chain)
      case 'TypeRef': {
        const owner = chain[chain.length - 3]
        if (parent.format === last) return stringFormats.map((f) => ({ label: f, kind: CompletionItemKind.EnumMember }))
        return (owner?.kind === 'Setting' ? SETTING_TYPES : FIELD_TYPES).map((t) => ({ label: t, kind: CompletionItemKind.TypeParameter }))
      }
      case 'Field':
      case 'Setting':
        if ((parent.modifiers as unknown[]).includes(last)) {
          return (parent.kind === 'Field' ? FIELD_MODIFIERS : SETTING_MODIFIERS).map((m) => ({ label: m, kind: CompletionItemKind.Keyword }))
        }
        return []
      case 'Upsert':
        return declared(shadow, 'upsert', CompletionItemKind.Function)
      case 'Preset':
        return declared(shadow, 'action', CompletionItemKind.Class)
      case 'Call':
        return functionItems(shadow)
      default:
        return []
    }
  }
  if (last.kind === 'Name' || (last.kind === 'Property' && last.shorthand === true)) {
    const entry = last.kind === 'Property' ? last : parent?.kind === 'Property' && parent.shorthand === true ? parent : undefined
    const items: CompletionItem[] = []
    if (entry) items.push(...apiKeyItems(shadow, chain.slice(0, chain.indexOf(entry as SyntaxNode) + 1)))
    items.push(...nameItems(shadow, wordStart, chain))
    return items
  }
  if (last.kind === 'Property' && last.key === PLACEHOLDER) return apiKeyItems(shadow, chain)
  return blockItems(chain)
}

function eventTypeValues(analysis: Analysis, quote: boolean): CompletionItem[] {
  const accepted = analysis.ir?.accepts ?? allEventTypes
  return accepted.map((t) => ({ label: quote ? `"${t}"` : t, kind: CompletionItemKind.EnumMember, detail: 'event type' }))
}

function memberItems(shadow: Analysis, member: SyntaxNode & Record<string, unknown>): CompletionItem[] {
  const object = member.object as SyntaxNode & { name?: string }
  if (object.kind === 'Name' && object.name === 'settings') {
    return shadow.symbols.declarations
      .filter((d) => d.kind === 'setting')
      .map((d) => ({ label: d.name, kind: CompletionItemKind.Property, detail: settingDetail(shadow, d) }))
  }
  if (object.kind === 'Name' && object.name === 'auth') {
    return ['accessToken', 'refreshToken'].map((name) => ({ label: name, kind: CompletionItemKind.Property, detail: 'string | absent' }))
  }
  const type = shadow.types.get(spanKey(object.span))
  if (!type) return []
  const out = new Map<string, Type[]>()
  for (const m of members(present(type, true))) {
    if (m.kind !== 'object') continue
    for (const [name, t] of Object.entries(m.props)) out.set(name, [...(out.get(name) ?? []), t])
  }
  return [...out].map(([name, types]) => ({ label: name, kind: CompletionItemKind.Property, detail: brief(union(...types)) }))
}

/** A type in a line that fits a completion list: objects and arrays by kind, not by content. */
export function brief(type: Type): string {
  return members(type)
    .map((m) => (m.kind === 'object' ? 'object' : m.kind === 'array' ? `array of ${brief(m.items)}` : display(m)))
    .join(' | ')
}

function settingDetail(shadow: Analysis, d: Declaration): string {
  const s = shadow.ir?.settings.find((x) => x.name === d.name)
  return s ? `${s.type}${s.required ? ' required' : ''}` : 'setting'
}

function declared(shadow: Analysis, kind: 'upsert' | 'action' | 'shape', itemKind: CompletionItemKind): CompletionItem[] {
  return shadow.symbols.declarations.filter((d) => d.kind === kind && d.name !== PLACEHOLDER).map((d) => ({ label: d.name, kind: itemKind, detail: describe(d) }))
}

function functionItems(shadow: Analysis): CompletionItem[] {
  const builtins = Object.entries(builtinSignatures).map(([name, sig]) => ({
    label: name,
    kind: CompletionItemKind.Function,
    detail: `${name}(${sig.params.map((p) => p.name).join(', ')})`,
    documentation: sig.summary,
    insertText: `${name}(${sig.params.map((p, i) => `\${${i + 1}:${p.name}}`).join(', ')})`,
    insertTextFormat: InsertTextFormat.Snippet
  }))
  const shapes = shadow.symbols.declarations
    .filter((d) => d.kind === 'shape')
    .map((d) => {
      const params = (d.node as unknown as { params: { name: string }[] }).params.map((p) => p.name)
      return {
        label: d.name,
        kind: CompletionItemKind.Function,
        detail: `shape ${d.name}(${params.join(', ')})`,
        insertText: `${d.name}(${params.map((p, i) => `\${${i + 1}:${p}}`).join(', ')})`,
        insertTextFormat: InsertTextFormat.Snippet
      }
    })
  return [...shapes, ...builtins]
}

function nameItems(shadow: Analysis, wordStart: number, chain: readonly SyntaxNode[]): CompletionItem[] {
  const entry = shadow.symbols.unresolved.find((u) => u.name === PLACEHOLDER && u.span.start.offset === wordStart)
  const inDefault = chain.some((n) => n.kind === 'Field' || n.kind === 'Setting')
  const inBatch = chain.some((n) => n.kind === 'Batch')
  const items: CompletionItem[] = []
  if (!inDefault) {
    for (const d of visibleNames(entry?.scope)) {
      if (d.name === PLACEHOLDER) continue
      const type = typeOf(shadow, d)
      items.push({ label: d.name, kind: d.kind === 'field' ? CompletionItemKind.Field : CompletionItemKind.Variable, detail: type ? `${describe(d)}: ${type}` : describe(d) })
    }
    items.push({ label: 'settings', kind: CompletionItemKind.Module, detail: 'the destination settings' })
    if (shadow.ir?.auth.scheme === 'oauth') items.push({ label: 'auth', kind: CompletionItemKind.Module, detail: 'OAuth tokens' })
    if (inBatch) items.push({ label: 'batch', kind: CompletionItemKind.Variable, detail: 'the batched payloads' })
  } else {
    items.push({ label: '$', kind: CompletionItemKind.Variable, detail: 'the event', insertText: '$.', command: { title: 'complete', command: 'editor.action.triggerSuggest' } })
  }
  items.push(...functionItems(shadow))
  for (const keyword of ['if', 'then', 'else', 'for', 'in', 'not', 'and', 'or', 'true', 'false', 'null']) {
    items.push({ label: keyword, kind: CompletionItemKind.Keyword })
  }
  return items
}

function typeOf(shadow: Analysis, d: Declaration): string | undefined {
  if (d.kind === 'field') {
    const f = shadow.ir?.actions.find((a) => a.name === d.action)?.fields.find((x) => x.name === d.name)
    return f ? `${f.type}${f.format ? `(${f.format})` : ''}${f.required ? ' required' : ''}` : undefined
  }
  const r = d.references[0]
  const type = r ? shadow.types.get(spanKey(r.span)) : undefined
  return type ? display(type) : undefined
}

function apiKeyItems(shadow: Analysis, chain: readonly SyntaxNode[]): CompletionItem[] {
  if (!shadow.api) return []
  const entryIndex = chain.length - 1
  const object = chain[entryIndex - 1] as (SyntaxNode & { entries?: { kind: string; key?: string }[] }) | undefined
  if (!object || object.kind !== 'Object') return []
  const place = schemaPlace(shadow.ast, shadow.api, chain.slice(0, entryIndex))
  if (!place) return []
  const given = new Set((object.entries ?? []).flatMap((e) => (e.kind === 'Property' && e.key !== PLACEHOLDER ? [e.key as string] : [])))
  return schemaProperties(place)
    .filter((p) => !given.has(p.name))
    .map((p) => {
      const item: CompletionItem = {
        label: p.name,
        kind: CompletionItemKind.Property,
        detail: `${place.path}.${p.name}${p.required ? ' (required)' : ''}`,
        insertText: `${p.name}: `,
        sortText: `${p.required ? '0' : '1'}${p.name}`
      }
      if (p.description !== undefined) item.documentation = p.description
      return item
    })
}

interface Snippet {
  label: string
  body: string
  detail: string
}

const DESTINATION_MEMBERS: Snippet[] = [
  { label: 'title', body: 'title "${1:Title}"', detail: 'the destination\'s name, as users see it' },
  { label: 'description', body: 'description "${1}"', detail: 'what the destination does' },
  { label: 'slug', body: 'slug "${1:actions-name}"', detail: 'the destination\'s slug' },
  { label: 'accepts', body: 'accepts ${1:identify, track}', detail: 'the event types the destination receives' },
  { label: 'setting', body: 'setting ${1:name}: ${2:string} required {\n\tlabel "${3:Label}"\n}', detail: 'a setting users fill in' },
  { label: 'auth', body: 'auth ${1|api_key,oauth,basic,none|} {\n\theader ${2:authorization} = ${0}\n}', detail: 'how requests authenticate' },
  { label: 'preset', body: 'preset "${1:Title}" when type = "${2:track}" -> ${3:action}', detail: 'a default subscription' },
  { label: 'shape', body: 'shape ${1:name}(${2:value}) = ${0:value}', detail: 'a reusable expression' },
  {
    label: 'upsert',
    body: 'upsert ${1:record}(object, key, values) ${2:PUT} `${3:https://api.example.com/v1/{object\\}}` {\n\tjson { ${0:values: values} }\n}',
    detail: 'key matching: create or update a record'
  },
  {
    label: 'action',
    body: 'action ${1:name} {\n\ttitle "${2:Title}"\n\ttrigger type = "${3:track}"\n\n\tfield ${4:name}: ${5:string} {\n\t\tlabel "${6:Label}"\n\t\tdefault \\$.${7:properties}\n\t}\n\n\tperform {\n\t\t$0\n\t}\n}',
    detail: 'an action: fields and the requests they make'
  }
]

const ACTION_MEMBERS: Snippet[] = [
  { label: 'title', body: 'title "${1:Title}"', detail: 'the action\'s name' },
  { label: 'description', body: 'description "${1}"', detail: 'what the action does' },
  { label: 'trigger', body: 'trigger type = "${1:track}"', detail: 'the events the action matches by default' },
  { label: 'field', body: 'field ${1:name}: ${2:string} {\n\tlabel "${3:Label}"\n\tdefault \\$.${4}\n}', detail: 'a field of the payload' },
  { label: 'skip', body: 'skip "${1:reason}" when ${0}', detail: 'do nothing for some events, with a reason' },
  { label: 'reject', body: 'reject ${1:field} "${2:reason}" when ${0}', detail: 'fail an event, naming a field' },
  { label: 'perform', body: 'perform {\n\t$0\n}', detail: 'the requests one event makes' },
  { label: 'batch', body: 'batch {\n\tenabled ${1:enable_batching}\n\tsize ${2:batch_size}\n\tsend ${3:POST} "${4:https://}" {\n\t\tjson { ${0} }\n\t}\n}', detail: 'the request a batch of events makes' }
]

const FIELD_ATTRIBUTES: Snippet[] = [
  { label: 'label', body: 'label "${1}"', detail: 'the field\'s name, as users see it' },
  { label: 'description', body: 'description "${1}"', detail: 'what the field holds' },
  { label: 'default', body: 'default ${0}', detail: 'the value when a subscription does not map the field' },
  { label: 'choices', body: 'choices ${1:"a", "b"}', detail: 'the values allowed' },
  { label: 'placeholder', body: 'placeholder "${1}"', detail: 'an example value' }
]

const STEPS: Snippet[] = [
  { label: 'send', body: 'send ${1:POST} "${2:https://}" {\n\tjson { ${0} }\n}', detail: 'a request' },
  { label: 'upsert', body: 'upsert ${1:record} ${2:"object"} by ${3:"key"} with { ${0} }', detail: 'create or update a record' },
  { label: 'let', body: 'let ${1:name} = ${0}', detail: 'keep a response for the steps after it' }
]

const BATCH_MEMBERS: Snippet[] = [
  { label: 'enabled', body: 'enabled ${1:enable_batching}', detail: 'the boolean field that switches batching on' },
  { label: 'size', body: 'size ${1:batch_size}', detail: 'the most events in one request' },
  { label: 'results', body: 'results response.${1}', detail: 'where the response reports each item' },
  { label: 'failures', body: 'failures [for e in response.${1}: { index: e.${2}, message: e.${3} }]', detail: 'the items the response names as failed' },
  { label: 'failed', body: 'failed response.${1}', detail: 'how many items the response says failed' },
  { label: 'keys', body: 'keys [for item in batch: item.${1}]', detail: 'the key each item is matched on by `failures`' },
  ...STEPS
]

function snippetItems(snippets: readonly Snippet[]): CompletionItem[] {
  return snippets.map((s) => ({ label: s.label, kind: CompletionItemKind.Snippet, detail: s.detail, insertText: s.body, insertTextFormat: InsertTextFormat.Snippet }))
}

/** A bare word at the start of a member: what can be declared in the enclosing block. */
function declarationItems(chain: readonly SyntaxNode[]): CompletionItem[] {
  const owner = chain[chain.length - 3]
  switch (owner?.kind) {
    case 'Destination':
      return snippetItems(DESTINATION_MEMBERS)
    case 'Action':
      return snippetItems(ACTION_MEMBERS)
    case 'Field':
      return snippetItems(FIELD_ATTRIBUTES)
    case 'Setting':
      return snippetItems(FIELD_ATTRIBUTES.filter((a) => a.label !== 'placeholder'))
    case 'Batch':
      return snippetItems(BATCH_MEMBERS)
    default:
      return []
  }
}

/** Where the placeholder did not parse (a step, an empty file): the innermost block decides. */
function blockItems(chain: readonly SyntaxNode[]): CompletionItem[] {
  for (let i = chain.length - 1; i >= 0; i--) {
    switch (chain[i]?.kind) {
      case 'Perform':
        return snippetItems(STEPS)
      case 'Batch':
        return snippetItems(BATCH_MEMBERS)
      case 'Field':
        return snippetItems(FIELD_ATTRIBUTES)
      case 'Action':
        return snippetItems(ACTION_MEMBERS)
      case 'Destination':
        return snippetItems(DESTINATION_MEMBERS)
      default:
        break
    }
  }
  return [
    {
      label: 'destination',
      kind: CompletionItemKind.Snippet,
      detail: 'a destination: one per file',
      insertText: 'destination ${1:name} {\n\ttitle "${2:Title}"\n\t$0\n}',
      insertTextFormat: InsertTextFormat.Snippet
    }
  ]
}

