/**
 * The names of a destination and where each is used: the model behind go to definition, find
 * references, rename, document highlights and semantic tokens.
 *
 * Built from the AST alone (no types needed), so it works on a file with type errors and on what
 * the parser recovered of a file with syntax errors. Scopes follow the checker's rules
 * (src/compiler/check): fields are in scope in rules, requests and batches of their action; a
 * `let` from the step after it; parameters in their shape or upsert declaration; loop variables
 * in their comprehension's body. Settings, shapes, upserts and actions live in namespaces of
 * their own, reached by `settings.x`, `x(…)`, `upsert x …` and `-> x`.
 */
import type { Action, Destination, Expr, Identifier, MapFile, Span, Step, Trigger } from '../compiler/syntax/ast.js'
import { isBuiltin } from '../compiler/check/builtins.js'
import { childrenOf, isNode, type SyntaxNode } from './syntax-tree.js'

export type SymbolKind = 'destination' | 'setting' | 'field' | 'shape' | 'upsert' | 'action' | 'let' | 'param' | 'loop'

/** The namespace a name is looked up in; a rename may only collide within one. */
export type Namespace = 'setting' | 'shape' | 'upsert' | 'action' | 'value' | 'destination'

export interface Scope {
  parent?: Scope
  names: Map<string, Declaration>
}

export interface Declaration {
  kind: SymbolKind
  name: string
  nameSpan: Span
  /** The whole declaration, for the outline and hover. */
  span: Span
  /** The action a field or `let` belongs to. */
  action?: string
  /** The scope the name is declared in (value names) or its namespace table. */
  scope: Scope
  node: SyntaxNode
  references: Reference[]
}

export interface Reference {
  span: Span
  declaration: Declaration
  /** The scope the reference is resolved in, to test a rename for capture. */
  scope: Scope
  /** `{ email }`: renaming the value must keep the key, `{ email: renamed }`. */
  shorthandKey?: string
  /** `item.email`: a member of a batched payload, which no binding can capture. */
  member?: boolean
}

/** A name that refers to nothing declared in the file (a built-in, or a mistake). */
export interface Unresolved {
  span: Span
  name: string
  role: 'builtin-function' | 'builtin-value' | 'unknown'
  /** The scope the name was looked up in: what completion may offer there. */
  scope?: Scope
}

export interface SymbolTable {
  declarations: Declaration[]
  references: Reference[]
  unresolved: Unresolved[]
  namespaces: Record<Exclude<Namespace, 'value'>, Scope>
}

/** Names the checker gives a meaning of its own where no binding shadows them. */
export const BUILTIN_VALUES = ['settings', 'auth', 'batch', 'response'] as const

export function namespaceOf(kind: SymbolKind): Namespace {
  switch (kind) {
    case 'setting':
    case 'shape':
    case 'upsert':
    case 'action':
    case 'destination':
      return kind
    default:
      return 'value'
  }
}

export function buildSymbolTable(file: MapFile): SymbolTable {
  const table: SymbolTable = {
    declarations: [],
    references: [],
    unresolved: [],
    namespaces: { setting: scope(), shape: scope(), upsert: scope(), action: scope(), destination: scope() }
  }
  for (const destination of file.destinations) new Builder(table).destination(destination)
  return table
}

function scope(parent?: Scope): Scope {
  return parent === undefined ? { names: new Map() } : { parent, names: new Map() }
}

export function lookup(start: Scope | undefined, name: string): Declaration | undefined {
  for (let s = start; s !== undefined; s = s.parent) {
    const found = s.names.get(name)
    if (found !== undefined) return found
  }
  return undefined
}

class Builder {
  /** Shapes and upserts are used before they are declared; references are resolved at the end. */
  private readonly pending: { span: Span; name: string; namespace: 'shape' | 'upsert' | 'action'; scope: Scope }[] = []

  constructor(private readonly table: SymbolTable) {}

  destination(decl: Destination): void {
    const ns = this.table.namespaces
    this.declare('destination', decl.name, decl, ns.destination)
    const top = scope()
    for (const member of decl.members) {
      switch (member.kind) {
        case 'Setting':
          this.declare('setting', member.name, member, ns.setting)
          break
        case 'ShapeDecl':
          this.declare('shape', member.name, member, ns.shape)
          break
        case 'UpsertDecl':
          this.declare('upsert', member.name, member, ns.upsert)
          break
        case 'Action':
          this.declare('action', member.name, member, ns.action)
          break
        default:
          break
      }
    }
    for (const member of decl.members) {
      switch (member.kind) {
        case 'Setting':
          member.attributes.forEach((a) => this.exprs(a.values, top))
          break
        case 'Attribute':
          this.exprs(member.values, top)
          break
        case 'Auth':
          member.attributes.forEach((a) => this.exprs(a.values, top))
          member.headers.forEach((h) => this.expr(h.value, top))
          if (member.test) this.generic(member.test, top)
          break
        case 'Preset':
          this.trigger(member.trigger)
          this.pending.push({ span: member.action.span, name: member.action.name, namespace: 'action', scope: top })
          break
        case 'ShapeDecl': {
          const inner = this.params(member.params, member, top)
          this.expr(member.body, inner)
          break
        }
        case 'UpsertDecl': {
          const inner = this.params(member.params, member, top)
          this.generic(member.request, inner)
          break
        }
        case 'Action':
          this.action(member, top)
          break
        default:
          this.generic(member as SyntaxNode, top)
      }
    }
    for (const p of this.pending) {
      const declaration = ns[p.namespace].names.get(p.name)
      if (declaration) this.reference(p.span, declaration, p.scope)
      else this.table.unresolved.push({ span: p.span, name: p.name, role: 'unknown' })
    }
  }

  private action(action: Action, top: Scope): void {
    const fields = scope(top)
    for (const member of action.members) {
      if (member.kind === 'Field' && !fields.names.has(member.name.name)) {
        this.declare('field', member.name, member, fields, action.name.name)
      }
    }
    // Defaults read the event; naming a field there is an error, but it still means that field.
    let steps = fields
    for (const member of action.members) {
      switch (member.kind) {
        case 'Field':
          member.attributes.forEach((a) => this.exprs(a.values, fields))
          break
        case 'TriggerDecl':
          this.trigger(member.trigger)
          break
        case 'Skip':
          this.expr(member.when, fields)
          break
        case 'Reject': {
          this.nameReference(member.field, fields)
          this.expr(member.when, fields)
          break
        }
        case 'Perform':
          steps = this.steps(member.steps, fields, action.name.name)
          break
        case 'Batch': {
          const batchScope = scope(fields)
          let inner = batchScope
          for (const m of member.members) {
            if (m.kind === 'Attribute') {
              if (m.name.name === 'enabled' || m.name.name === 'size') this.exprs(m.values, fields)
              else this.exprs(m.values, scope(inner))
            } else {
              inner = this.steps([m], inner, action.name.name)
            }
          }
          break
        }
        case 'Attribute':
          this.exprs(member.values, fields)
          break
        default:
          this.generic(member as SyntaxNode, fields)
      }
    }
    void steps
  }

  private steps(steps: readonly Step[], start: Scope, action: string): Scope {
    let current = start
    for (const step of steps) {
      const inner = step.kind === 'Let' ? step.value : step
      if (inner.kind === 'Upsert') {
        this.pending.push({ span: inner.target.span, name: inner.target.name, namespace: 'upsert', scope: current })
        this.expr(inner.object, current)
        this.exprs(inner.keys, current)
        this.expr(inner.values, current)
      } else {
        this.generic(inner.request, current)
      }
      if (step.kind === 'Let') {
        current = scope(current)
        this.declare('let', step.name, step, current, action)
      }
    }
    return current
  }

  private params(params: readonly Identifier[], owner: SyntaxNode, parent: Scope): Scope {
    const inner = scope(parent)
    for (const p of params) if (!inner.names.has(p.name)) this.declare('param', p, owner, inner)
    return inner
  }

  private trigger(trigger: Trigger): void {
    // Trigger paths name event properties, not declarations: nothing to resolve.
    void trigger
  }

  private exprs(exprs: readonly Expr[], current: Scope): void {
    for (const e of exprs) this.expr(e, current)
  }

  private expr(expr: Expr, current: Scope, shorthandKey?: string): void {
    switch (expr.kind) {
      case 'EventPath':
        return
      case 'Name': {
        const declaration = lookup(current, expr.name)
        if (declaration) this.reference(expr.span, declaration, current, shorthandKey)
        else {
          const role = (BUILTIN_VALUES as readonly string[]).includes(expr.name) ? 'builtin-value' : 'unknown'
          this.table.unresolved.push({ span: expr.span, name: expr.name, role, scope: current })
        }
        return
      }
      case 'Member': {
        const object = expr.object
        if (object.kind === 'Name' && object.name === 'settings' && lookup(current, 'settings') === undefined) {
          this.table.unresolved.push({ span: object.span, name: 'settings', role: 'builtin-value' })
          const setting = this.table.namespaces.setting.names.get(expr.property)
          if (setting) this.reference(expr.propertySpan, setting, current)
          return
        }
        this.expr(object, current)
        // `[for user in batch: user.email]` reads the field `email` of each batched payload.
        const loop = object.kind === 'Name' ? lookup(current, object.name) : undefined
        if (loop?.kind === 'loop' && (loop.node as { iteratesBatch?: boolean }).iteratesBatch) {
          const field = lookup(current, expr.property)
          const fieldDecl = field?.kind === 'field' ? field : findField(current, expr.property)
          if (fieldDecl) this.reference(expr.propertySpan, fieldDecl, current, undefined, true)
        }
        return
      }
      case 'Call': {
        if (this.table.namespaces.shape.names.has(expr.callee.name) || !isBuiltin(expr.callee.name)) {
          this.pending.push({ span: expr.callee.span, name: expr.callee.name, namespace: 'shape', scope: current })
        } else {
          this.table.unresolved.push({ span: expr.callee.span, name: expr.callee.name, role: 'builtin-function' })
        }
        this.exprs(expr.args, current)
        return
      }
      case 'For': {
        this.expr(expr.iterable, current)
        const inner = scope(current)
        const iteratesBatch = expr.iterable.kind === 'Name' && expr.iterable.name === 'batch'
        const loopNode = { ...(expr as unknown as SyntaxNode), iteratesBatch }
        this.declare('loop', expr.variable, loopNode, inner)
        // `[for x, i in list: …]`: the position variable, where the grammar has one.
        const index = (expr as unknown as { index?: unknown }).index
        if (isNode(index) && index.kind === 'Identifier') this.declare('loop', index as unknown as Identifier, loopNode, inner)
        this.expr(expr.body, inner)
        return
      }
      case 'Object':
        for (const entry of expr.entries) {
          if (entry.kind === 'Property' && entry.shorthand) this.expr(entry.value, current, entry.key)
          else this.expr(entry.value, current)
        }
        return
      default:
        this.generic(expr as SyntaxNode, current)
    }
  }

  /** Any other node: its expressions are read in the current scope. */
  private generic(node: SyntaxNode | { kind: string }, current: Scope): void {
    for (const child of childrenOf(node as SyntaxNode)) {
      if (isExpr(child)) this.expr(child as unknown as Expr, current)
      else if (child.kind !== 'Identifier') this.generic(child, current)
    }
  }

  private nameReference(id: Identifier, current: Scope): void {
    const declaration = lookup(current, id.name)
    if (declaration) this.reference(id.span, declaration, current)
    else this.table.unresolved.push({ span: id.span, name: id.name, role: 'unknown' })
  }

  private declare(kind: SymbolKind, name: Identifier, node: SyntaxNode | object, into: Scope, action?: string): Declaration {
    const declaration: Declaration = {
      kind,
      name: name.name,
      nameSpan: name.span,
      span: (node as SyntaxNode).span,
      scope: into,
      node: node as SyntaxNode,
      references: []
    }
    if (action !== undefined) declaration.action = action
    // A duplicate is the checker's error; the first declaration keeps the name.
    if (!into.names.has(name.name)) into.names.set(name.name, declaration)
    this.table.declarations.push(declaration)
    return declaration
  }

  private reference(span: Span, declaration: Declaration, at: Scope, shorthandKey?: string, member = false): void {
    const reference: Reference = { span, declaration, scope: at }
    if (shorthandKey !== undefined) reference.shorthandKey = shorthandKey
    if (member) reference.member = true
    declaration.references.push(reference)
    this.table.references.push(reference)
  }
}

function findField(start: Scope, name: string): Declaration | undefined {
  for (let s: Scope | undefined = start; s !== undefined; s = s.parent) {
    const found = s.names.get(name)
    if (found?.kind === 'field') return found
  }
  return undefined
}

const EXPRESSION_KINDS = new Set([
  'EventPath',
  'Name',
  'Member',
  'Index',
  'Call',
  'String',
  'Number',
  'Boolean',
  'Null',
  'Absent',
  'Template',
  'Object',
  'Array',
  'For',
  'Binary',
  'Not',
  'If',
  'ErrorExpr'
])

export function isExpr(node: SyntaxNode): boolean {
  return EXPRESSION_KINDS.has(node.kind)
}

/** Every value name visible from a scope, the nearest first. */
export function visibleNames(start: Scope | undefined): Declaration[] {
  const out = new Map<string, Declaration>()
  for (let s = start; s !== undefined; s = s.parent) for (const [name, d] of s.names) if (!out.has(name)) out.set(name, d)
  return [...out.values()]
}

/** The declaration whose name or one of whose references covers the offset. */
export function symbolAt(table: SymbolTable, offset: number): Declaration | undefined {
  const within = (span: Span): boolean => span.start.offset <= offset && offset <= span.end.offset
  for (const d of table.declarations) if (within(d.nameSpan)) return d
  for (const r of table.references) if (within(r.span)) return r.declaration
  return undefined
}
