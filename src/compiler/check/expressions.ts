/**
 * Type inference for expressions: each AST expression becomes a typed IR expression, and every
 * problem becomes a diagnostic at the span the author wrote. Inference never throws and never
 * stops: an expression it cannot type is `any`, so one mistake gives one diagnostic.
 */
import type { Expr, ObjectEntry, PathSegment, ShapeDecl, Span } from '../syntax/ast.js'
import { diagnostic } from '../diagnostics/diagnostic.js'
import type { EventType, ExprIR, ObjectEntryIR } from '../ir.js'
import { builtinSignatures, fitsParam, isBuiltin } from './builtins.js'
import { type Binding, type ExprEnv, silent, withBindings } from './environment.js'
import { didYouMean } from '../diagnostics/suggest.js'
import { firstUndeclaredKey, undeclaredPathWarning } from './spec-paths.js'
import {
  absentType,
  anyType,
  arrayType,
  booleanType,
  canBeNullish,
  display,
  isOnlyAbsent,
  mayBeAbsent,
  memberType,
  members,
  neverType,
  nullType,
  numberType,
  objectType,
  present,
  stringType,
  union,
  widen,
  type Type
} from './types.js'

export function checkExpr(expr: Expr, env: ExprEnv): ExprIR {
  const source = expr.span
  switch (expr.kind) {
    case 'String':
      return { kind: 'literal', value: expr.value, type: { kind: 'string', value: expr.value }, source }
    case 'Number':
      return {
        kind: 'literal',
        value: expr.value,
        type: { kind: 'number', value: expr.value, integer: Number.isInteger(expr.value) },
        source
      }
    case 'Boolean':
      return { kind: 'literal', value: expr.value, type: { kind: 'boolean', value: expr.value }, source }
    case 'Null':
      return { kind: 'literal', value: null, type: nullType, source }
    case 'Absent':
      return { kind: 'literal', value: undefined, type: absentType, source }
    case 'ErrorExpr':
      return { kind: 'literal', value: undefined, type: anyType, source }
    case 'EventPath':
      return checkEventPath(expr.segments, source, env)
    case 'Name':
      return checkName(expr.name, source, env)
    case 'Member':
      return checkMember(expr, env)
    case 'Index':
      return checkIndex(expr, env)
    case 'Call':
      return checkCall(expr, env)
    case 'Template': {
      const expressions = expr.expressions.map((e) => checkExpr(e, env))
      expressions.forEach((e) => requireScalar(e, env, 'a template part'))
      return { kind: 'template', quasis: expr.quasis, expressions, type: stringType, source }
    }
    case 'Object':
      return checkObject(expr.entries, source, env)
    case 'Array': {
      const items = expr.items.map((e) => checkExpr(e, env))
      return { kind: 'array', items, type: arrayType(union(...items.map((i) => present(i.type)))), source }
    }
    case 'For':
      return checkFor(expr, env)
    case 'Binary':
      return checkBinary(expr, env)
    case 'Not': {
      const operand = checkExpr(expr.operand, env)
      requireBoolean(operand, env, 'MAPC3008', '`not` takes a boolean')
      return { kind: 'not', operand, type: booleanType, source }
    }
    case 'If': {
      const condition = checkExpr(expr.condition, env)
      requireBoolean(condition, env, 'MAPC3012', 'the condition of `if` must be a boolean')
      const thenIR = checkExpr(expr.then, narrow(env, presentWhenTrue(expr.condition)))
      const elseIR = expr.else ? checkExpr(expr.else, env) : undefined
      const type = union(thenIR.type, elseIR ? elseIR.type : absentType)
      const result: ExprIR = { kind: 'if', condition, then: thenIR, type, source }
      if (elseIR) result.else = elseIR
      return result
    }
  }
}

// -- event paths -----------------------------------------------------------------------------

function checkEventPath(segments: PathSegment[], source: Span, env: ExprEnv): ExprIR {
  const keys = segments.map((s) => (s.kind === 'Key' ? s.name : s.index))
  if (env.eventTypes === undefined) {
    env.report(
      diagnostic('MAPC2027', source, `${describeSite(env)} cannot read the event`, {
        hint: 'declare a field whose default is this path, and read the field here'
      })
    )
    return { kind: 'event', keys, type: anyType, source }
  }
  const perType = env.eventTypes.map((type) => ({ type, ...walkPath(env.dest.eventType(type), keys) }))
  const possible = perType.filter((p) => !p.cannot)
  const pathText = renderPath(segments)
  if (possible.length === 0 && perType.length > 0) {
    const failing = perType[0] as (typeof perType)[number]
    const segment = segments[failing.failedAt] ?? segments[segments.length - 1]
    const names = perType.map((p) => p.type)
    env.report(
      diagnostic('MAPC3001', segment ? segment.span : source, `${listTypes(names)} events have no \`${renderPath(segments.slice(0, failing.failedAt + 1))}\``, {
        hint: pathHint(keys, failing.failedAt, names, env),
        related: env.triggerSpan ? [{ span: env.triggerSpan, message: `the trigger matches only ${listTypes(names)} events` }] : []
      })
    )
    return { kind: 'event', keys, type: absentType, source }
  }
  if (possible.length < perType.length) {
    const missing = perType.filter((p) => p.cannot).map((p) => p.type)
    env.report(
      diagnostic(
        'MAPC3002',
        source,
        `\`${pathText}\` exists only on ${listTypes(possible.map((p) => p.type))} events, not on ${listTypes(missing)} events ${env.triggerSpan ? 'the trigger also matches' : 'the action also receives (it has no trigger)'}`,
        {
          hint: 'narrow the action\'s trigger, or accept that the value is absent for those events',
          related: env.triggerSpan ? [{ span: env.triggerSpan, message: 'the trigger' }] : []
        }
      )
    )
  }
  const undeclared = firstUndeclaredKey(possible.map((p) => env.dest.eventType(p.type)), keys)
  if (undeclared !== undefined && !(segments[undeclared.at]?.kind === 'Key' && (segments[undeclared.at] as { quoted: boolean }).quoted)) {
    env.report(undeclaredPathWarning(segments, undeclared, listTypes(possible.map((p) => p.type)), renderPath))
  }
  // Events reach a destination unvalidated: a value the Spec requires may still be missing, so
  // every read of the event may be absent.
  const type = union(...possible.map((p) => p.result), absentType)
  return { kind: 'event', keys, type, source }
}

interface PathWalk {
  result: Type
  cannot: boolean
  /** Index of the first segment that cannot exist. */
  failedAt: number
}

function walkPath(root: Type, keys: readonly (string | number)[]): PathWalk {
  let current = root
  for (let i = 0; i < keys.length; i++) {
    const next = memberType(current, keys[i] as string | number)
    if (next.kind === 'never' || isOnlyAbsent(next)) return { result: absentType, cannot: true, failedAt: i }
    current = next
  }
  return { result: current, cannot: false, failedAt: -1 }
}

function pathHint(keys: readonly (string | number)[], failedAt: number, types: readonly EventType[], env: ExprEnv): string | undefined {
  const key = keys[failedAt]
  if (typeof key !== 'string') return undefined
  if (failedAt === 0) {
    const owners = (['identify', 'track', 'group', 'page', 'screen', 'alias'] as const).filter(
      (t) => !types.includes(t) && !walkPath(env.dest.eventType(t), [key]).cannot
    )
    const traitsLive = types.some((t) => !walkPath(env.dest.eventType(t), ['traits']).cannot)
    if (owners.length > 0) {
      return `\`${key}\` belongs to ${listTypes(owners)} events${traitsLive ? '; did you mean `$.traits…`?' : ''}`
    }
  }
  const parent = walkPath(env.dest.eventType(types[0] as EventType), keys.slice(0, failedAt)).result
  const candidates = new Set<string>()
  for (const m of members(parent)) if (m.kind === 'object') Object.keys(m.props).forEach((k) => candidates.add(k))
  return didYouMean(key, candidates, (k) => `\`${renderPath([...keys.slice(0, failedAt), k])}\``)
}

function renderPath(segments: readonly (PathSegment | string | number)[]): string {
  let text = '$'
  for (const s of segments) {
    const key = typeof s === 'object' ? (s.kind === 'Key' ? s.name : s.index) : s
    text += typeof key === 'number' ? `[${key}]` : /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`
  }
  return text
}

export function listTypes(types: readonly string[]): string {
  if (types.length <= 1) return types.join('')
  return `${types.slice(0, -1).join(', ')} and ${types[types.length - 1]}`
}

// -- names and members -----------------------------------------------------------------------

function checkName(name: string, source: Span, env: ExprEnv): ExprIR {
  const binding = env.bindings.get(name)
  if (binding) {
    const ref = refTo(binding, name, source, env)
    return env.narrowed?.has(name) ? { ...ref, type: present(ref.type, true) } : ref
  }
  if (name === 'settings') return { kind: 'ref', target: 'setting', name: '', type: settingsObjectType(env), source }
  if (name === 'auth') {
    checkAuthAvailable(source, env)
    return { kind: 'ref', target: 'auth', name: '', type: authType, source }
  }
  if (name === 'batch') {
    env.report(diagnostic('MAPC2019', source, '`batch` exists only inside a `batch` block'))
    return { kind: 'ref', target: 'batch', name, type: anyType, source }
  }
  if (env.fieldNames.has(name)) {
    if (env.site === 'default') {
      env.report(diagnostic('MAPC2021', source, `the default of a field cannot read the field \`${name}\``, { hint: 'read the event path the other field reads instead' }))
    } else if (env.site === 'batch') {
      env.report(diagnostic('MAPC2020', source, `\`${name}\` is a field: inside a batch block read it through the loop variable`, { hint: `write \`[for item in batch: … item.${name} …]\`` }))
    } else {
      env.report(diagnostic('MAPC2001', source, `\`${name}\` is not in scope here`))
    }
    return { kind: 'ref', target: 'field', name, type: anyType, source }
  }
  const later = env.laterLets?.get(name)
  if (later !== undefined) {
    env.report(
      diagnostic('MAPC2001', source, `\`${name}\` is read before the step that defines it`, {
        hint: `steps run in order: move the \`let ${name} = …\` step (line ${later.start.line}) before this one`,
        related: [{ span: later, message: `\`${name}\` is defined here` }]
      })
    )
    return { kind: 'ref', target: 'local', name, type: anyType, source }
  }
  const candidates = [...env.bindings.keys(), 'settings', ...(env.dest.authScheme === 'oauth' ? ['auth'] : [])]
  env.report(diagnostic('MAPC2001', source, `unknown name \`${name}\``, { hint: didYouMean(name, candidates) ?? nameHint(name, env) }))
  return { kind: 'ref', target: 'param', name, type: anyType, source }
}

/** The `)` that ends a call: its last character. */
function closingParen(call: Span): Span {
  const at = { offset: call.end.offset - 1, line: call.end.line, column: Math.max(1, call.end.column - 1) }
  return { file: call.file, start: at, end: call.end }
}

function nameHint(name: string, env: ExprEnv): string | undefined {
  if (env.site === 'default') return 'read the event with a path such as `$.traits.' + name + '`'
  return undefined
}

function refTo(binding: Binding, name: string, source: Span, env: ExprEnv): ExprIR {
  if (binding.kind === 'field') env.usedFields.add(name)
  const target = binding.kind === 'field' ? 'field' : binding.kind
  return { kind: 'ref', target, name, type: binding.type, source }
}

const authType: Type = objectType({ accessToken: union(stringType, absentType), refreshToken: union(stringType, absentType) })

function checkAuthAvailable(source: Span, env: ExprEnv): void {
  if (env.dest.authScheme !== 'oauth') {
    env.report(
      diagnostic('MAPC2015', source, `\`auth\` holds OAuth tokens, but this destination's auth scheme is \`${env.dest.authScheme}\``, {
        hint: 'credentials of other schemes are settings: `settings.<name>`'
      })
    )
  }
}

function settingsObjectType(env: ExprEnv): Type {
  const props: Record<string, Type> = {}
  for (const [name, s] of env.dest.settings) props[name] = s.type
  return objectType(props)
}

function checkMember(expr: Extract<Expr, { kind: 'Member' }>, env: ExprEnv): ExprIR {
  const source = expr.span
  if (expr.object.kind === 'Name' && expr.object.name === 'settings' && !env.bindings.has('settings')) {
    const setting = env.dest.settings.get(expr.property)
    if (!setting) {
      env.report(
        diagnostic('MAPC2024', expr.propertySpan, `the destination has no setting \`${expr.property}\``, {
          hint: didYouMean(expr.property, env.dest.settings.keys())
        })
      )
      return { kind: 'ref', target: 'setting', name: expr.property, type: anyType, source }
    }
    return { kind: 'ref', target: 'setting', name: expr.property, type: setting.type, source }
  }
  if (expr.object.kind === 'Name' && expr.object.name === 'auth' && !env.bindings.has('auth')) {
    checkAuthAvailable(expr.object.span, env)
    if (expr.property !== 'accessToken' && expr.property !== 'refreshToken') {
      env.report(
        diagnostic('MAPC3019', expr.propertySpan, `OAuth data has no \`${expr.property}\``, {
          hint: didYouMean(expr.property, ['accessToken', 'refreshToken']) ?? 'OAuth data has `accessToken` and `refreshToken`'
        })
      )
    }
    return { kind: 'ref', target: 'auth', name: expr.property, type: union(stringType, absentType), source }
  }
  const object = checkExpr(expr.object, env)
  // Batched payloads are read through the loop variable: `user.email_address` uses the field.
  if (object.kind === 'ref' && object.target === 'item' && env.fieldNames.has(expr.property)) env.usedFields.add(expr.property)
  const type = memberOf(object, expr.property, expr.propertySpan, env)
  const written = pathText(expr)
  return { kind: 'member', object, key: expr.property, type: written !== undefined && env.narrowed?.has(written) ? present(type, true) : type, source }
}

/** `a.b.c` as written, for names and member chains; undefined for anything else. */
function pathText(expr: Expr): string | undefined {
  if (expr.kind === 'Name') return expr.name
  if (expr.kind === 'Member') {
    const base = pathText(expr.object)
    return base === undefined ? undefined : `${base}.${expr.property}`
  }
  return undefined
}

/** The values a condition proves present when it is true: `exists(x)`, `not blank(x)`, `… and …`. */
function presentWhenTrue(condition: Expr): string[] {
  if (condition.kind === 'Call' && condition.callee.name === 'exists' && condition.args.length === 1) {
    const text = pathText(condition.args[0] as Expr)
    return text === undefined ? [] : [text]
  }
  if (condition.kind === 'Not' && condition.operand.kind === 'Call' && condition.operand.callee.name === 'blank' && condition.operand.args.length === 1) {
    const text = pathText(condition.operand.args[0] as Expr)
    return text === undefined ? [] : [text]
  }
  if (condition.kind === 'Binary' && condition.operator === 'and') return [...presentWhenTrue(condition.left), ...presentWhenTrue(condition.right)]
  return []
}

function narrow(env: ExprEnv, paths: readonly string[]): ExprEnv {
  if (paths.length === 0) return env
  return { ...env, narrowed: new Set([...(env.narrowed ?? []), ...paths]) }
}

function memberOf(object: ExprIR, key: string | number, keySpan: Span, env: ExprEnv): Type {
  const base = present(object.type, true)
  if (base.kind === 'any' || base.kind === 'never') return union(anyType, absentType)
  const result = memberType(base, key)
  const scalars = members(base).filter((m) => m.kind !== 'object' && m.kind !== 'array' && m.kind !== 'any')
  if (scalars.length === members(base).length) {
    env.report(diagnostic('MAPC3011', keySpan, `a value of type ${display(widen(base))} has no member \`${key}\``))
    return anyType
  }
  const isResponse = readsResponse(object, env)
  if (result.kind === 'never' || (isResponse && !declaresMember(base, key))) {
    const known = new Set<string>()
    for (const m of members(base)) if (m.kind === 'object') Object.keys(m.props).forEach((k) => known.add(k))
    env.report(
      diagnostic(isResponse ? 'MAPC3013' : 'MAPC3019', keySpan, isResponse ? `the response has no \`${key}\` here` : `${display(widen(base))} has no member \`${key}\``, {
        hint: didYouMean(String(key), known) ?? (known.size > 0 ? `it has ${[...known].map((k) => `\`${k}\``).join(', ')}` : undefined)
      })
    )
    return anyType
  }
  // Optional members of objects read through an optional value stay optional.
  return mayBeAbsent(object.type) ? union(result, absentType) : result
}

/**
 * Response schemas rarely close their objects, yet a step can only rely on what the schema
 * declares: a key an object with declared properties does not list is a typo, not a value that
 * might arrive. Objects that declare nothing (free-form maps) may be read by any key.
 */
function declaresMember(type: Type, key: string | number): boolean {
  return members(type).every(
    (m) => m.kind !== 'object' || Object.keys(m.props).length === 0 || Object.prototype.hasOwnProperty.call(m.props, String(key))
  )
}

/** The value is read from a response: a `let` binding, `response`, or a `for` variable over a list in one. */
function readsResponse(expr: ExprIR, env: ExprEnv): boolean {
  const root = rootRef(expr)
  if (!root) return false
  if (root.target === 'local' || root.target === 'response') return true
  if (root.target !== 'item') return false
  const binding = env.bindings.get(root.name)
  return binding?.kind === 'item' && binding.fromResponse === true
}

function rootRef(expr: ExprIR): Extract<ExprIR, { kind: 'ref' }> | undefined {
  if (expr.kind === 'ref') return expr
  if (expr.kind === 'member' || expr.kind === 'index') return rootRef(expr.object)
  return undefined
}

function checkIndex(expr: Extract<Expr, { kind: 'Index' }>, env: ExprEnv): ExprIR {
  const object = checkExpr(expr.object, env)
  const index = checkExpr(expr.index, env)
  const key = index.kind === 'literal' && (typeof index.value === 'string' || typeof index.value === 'number') ? index.value : undefined
  const type = key !== undefined ? memberOf(object, key, expr.index.span, env) : union(anyType, absentType)
  if (key === undefined) {
    const fits = members(index.type).every((m) => m.kind === 'string' || m.kind === 'number' || m.kind === 'any' || m.kind === 'absent')
    if (!fits) env.report(diagnostic('MAPC3005', expr.index.span, `an index must be a string or a number, not ${display(index.type)}`))
  }
  return { kind: 'index', object, index, type, source: expr.span }
}

// -- calls -----------------------------------------------------------------------------------

function checkCall(expr: Extract<Expr, { kind: 'Call' }>, env: ExprEnv): ExprIR {
  const name = expr.callee.name
  const args = expr.args.map((a) => checkExpr(a, env))
  const source = expr.span
  if (isBuiltin(name)) {
    const signature = builtinSignatures[name]
    if (args.length !== signature.params.length) {
      env.report(
        diagnostic('MAPC3007', source, `\`${name}\` takes ${signature.params.length} argument${signature.params.length === 1 ? '' : 's'} (${signature.params.map((p) => p.name).join(', ')}), not ${args.length}`)
      )
    }
    signature.params.forEach((param, i) => {
      const arg = args[i]
      if (arg && !fitsParam(param.kind, arg.type)) {
        env.report(
          diagnostic('MAPC3005', arg.source, `\`${name}\` expects ${describeKind(param.kind)} for \`${param.name}\`, not ${display(arg.type)}`, {
            hint: param.kind === 'numeric' ? 'a datetime is not a number: write `unix_seconds(…)` or `unix_millis(…)`' : undefined
          })
        )
      }
    })
    return { kind: 'call', builtin: name, args, type: signature.result(args.map((a) => a.type)), source }
  }
  const shape = env.dest.shapes.get(name)
  if (shape) {
    // A shape that uses itself is reported once, on the call graph (see shape-cycles.ts); here
    // the expansion just stops.
    if (env.shapeStack.includes(name)) return { kind: 'shape', name, args, type: anyType, source }
    if (args.length !== shape.params.length) {
      // Missing arguments: the caret goes where they belong, before the `)`; extra ones are shown.
      const missing = shape.params.slice(args.length).map((p) => `\`${p.name}\``)
      const extra = args.slice(shape.params.length)
      const first = extra[0]
      const last = extra[extra.length - 1]
      const span = first !== undefined && last !== undefined ? { file: source.file, start: first.source.start, end: last.source.end } : closingParen(source)
      env.report(
        diagnostic('MAPC2016', span, `the shape \`${name}\` takes ${shape.params.length} arguments (${shape.params.map((p) => p.name).join(', ')}), not ${args.length}`, {
          hint: missing.length > 0 ? `add ${missing.join(', ')} here` : `remove ${extra.length === 1 ? 'this argument' : 'these arguments'}`,
          related: [{ span: shape.name.span, message: 'declared here' }]
        })
      )
    }
    return { kind: 'shape', name, args, type: shapeResultType(shape, args, env), source }
  }
  const known = [...Object.keys(builtinSignatures), ...env.dest.shapes.keys()]
  env.report(diagnostic('MAPC3006', expr.callee.span, `unknown function \`${name}\``, { hint: didYouMean(name, known) }))
  return { kind: 'literal', value: undefined, type: anyType, source }
}

/** A shape's result for these arguments: its body re-inferred with the arguments' types. */
function shapeResultType(shape: ShapeDecl, args: ExprIR[], env: ExprEnv): Type {
  return instantiateShape(shape, args, env).type
}

/**
 * A shape's body typed for one call: parameters take the types of the caller's arguments.
 * Diagnostics inside the body were reported when the declaration was checked, so none are here.
 */
export function instantiateShape(shape: ShapeDecl, args: readonly ExprIR[], env: ExprEnv): ExprIR {
  const bindings = new Map<string, Binding>()
  shape.params.forEach((p, i) => bindings.set(p.name, { kind: 'param', type: args[i]?.type ?? absentType }))
  const inner: ExprEnv = {
    ...silent(env),
    site: 'shape',
    bindings,
    eventTypes: undefined,
    narrowed: new Set(),
    shapeStack: [...env.shapeStack, shape.name.name]
  }
  return checkExpr(shape.body, inner)
}

function describeKind(kind: string): string {
  switch (kind) {
    case 'scalar':
      return 'a string, number or boolean'
    case 'numeric':
      return 'a number or a numeric string'
    case 'datetime':
      return 'a datetime'
    case 'string':
      return 'a string'
    default:
      return 'a value'
  }
}

// -- objects, arrays, loops ------------------------------------------------------------------

function checkObject(entries: ObjectEntry[], source: Span, env: ExprEnv): ExprIR {
  const out: ObjectEntryIR[] = []
  const props: Record<string, Type> = {}
  const seen = new Map<string, Span>()
  let rest: Type = neverType
  for (const entry of entries) {
    if (entry.kind === 'Spread') {
      const value = checkExpr(entry.value, env)
      const spread = present(value.type, true)
      const without = new Set((entry.without ?? []).map((k) => k.key))
      for (const m of members(spread)) {
        if (m.kind === 'object') {
          for (const [k, t] of Object.entries(m.props)) if (!without.has(k)) props[k] = mayBeAbsent(value.type) ? union(t, absentType, props[k] ?? neverType) : t
          rest = union(rest, m.rest)
        } else if (m.kind === 'any') {
          rest = anyType
        } else {
          env.report(diagnostic('MAPC3009', entry.value.span, `only objects can be spread, not ${display(m)}`))
        }
      }
      // Keys written before an open spread may be overwritten by it (not those it goes without).
      if (rest.kind !== 'never') for (const k of Object.keys(props)) if (!without.has(k)) props[k] = union(props[k] as Type, rest)
      // A key left out of the spread is absent unless written before it.
      for (const k of without) props[k] ??= absentType
      out.push(without.size > 0 ? { kind: 'spread', value, without: [...without] } : { kind: 'spread', value })
      continue
    }
    if (entry.value.kind === 'Absent') {
      // `key: absent` removes the key from what the spreads before it gave: `{ ...traits, email: absent }`.
      for (const earlier of out) if (earlier.kind === 'spread' && !(earlier.without ?? []).includes(entry.key)) earlier.without = [...(earlier.without ?? []), entry.key]
    }
    const earlier = seen.get(entry.key)
    if (earlier) {
      env.report(
        diagnostic('MAPC3014', entry.keySpan, `the key \`${entry.key}\` is given twice`, { related: [{ span: earlier, message: 'first given here' }] })
      )
    }
    seen.set(entry.key, entry.keySpan)
    const value = checkExpr(entry.value, env)
    props[entry.key] = value.type
    out.push({ kind: 'property', key: entry.key, value, keySource: entry.keySpan })
  }
  return { kind: 'object', entries: out, type: objectType(props, rest), source }
}

function checkFor(expr: Extract<Expr, { kind: 'For' }>, env: ExprEnv): ExprIR {
  const iterable = checkExpr(expr.iterable, env)
  let itemType: Type = anyType
  const listType = present(iterable.type, true)
  const arrays = members(listType).filter((m) => m.kind === 'array')
  if (arrays.length > 0) itemType = union(...arrays.map((a) => (a.kind === 'array' ? a.items : anyType)))
  if (listType.kind !== 'any' && arrays.length !== members(listType).length) {
    env.report(diagnostic('MAPC3010', expr.iterable.span, `\`for\` iterates an array, not ${display(listType)}`))
  }
  const inner = withBindings(env, { [expr.variable.name]: { kind: 'item', type: itemType, ...(readsResponse(iterable, env) ? { fromResponse: true } : {}) } })
  const body = checkExpr(expr.body, inner)
  return { kind: 'for', variable: expr.variable.name, iterable, body, type: arrayType(present(body.type)), source: expr.span }
}

// -- operators -------------------------------------------------------------------------------

function checkBinary(expr: Extract<Expr, { kind: 'Binary' }>, env: ExprEnv): ExprIR {
  const left = checkExpr(expr.left, env)
  const right = checkExpr(expr.right, env)
  const source = expr.span
  const node = (type: Type): ExprIR => ({ kind: 'binary', operator: expr.operator, left, right, type, source })
  switch (expr.operator) {
    case '??': {
      if (!canBeNullish(left.type)) {
        env.report(diagnostic('MAPC3016', expr.operatorSpan, `the left side (${display(left.type)}) is never absent or null, so the right side is never used`))
      }
      return node(union(present(left.type, true), right.type))
    }
    case '+': {
      const l = present(left.type)
      const r = present(right.type)
      const kindOf = (t: Type): 'string' | 'number' | 'any' | 'other' => {
        const kinds = new Set(members(t).map((m) => (m.kind === 'string' || m.kind === 'number' || m.kind === 'any' ? m.kind : 'other')))
        return kinds.size === 1 ? ([...kinds][0] as 'string' | 'number' | 'any' | 'other') : 'other'
      }
      const lk = kindOf(l)
      const rk = kindOf(r)
      const absent = mayBeAbsent(left.type) || mayBeAbsent(right.type)
      if (lk === 'any' || rk === 'any') return node(union(lk === 'number' || rk === 'number' ? numberType : stringType, absent ? absentType : neverType))
      if (lk !== rk || lk === 'other') {
        env.report(diagnostic('MAPC3008', expr.operatorSpan, `\`+\` joins two strings or adds two numbers, not ${display(l)} and ${display(r)}`, { hint: lk === 'string' || rk === 'string' ? 'convert with `string(x)`' : undefined }))
        return node(anyType)
      }
      return node(union(lk === 'string' ? stringType : numberType, absent ? absentType : neverType))
    }
    case '==':
    case '!=': {
      if (disjoint(left.type, right.type)) {
        env.report(diagnostic('MAPC3015', expr.operatorSpan, `${display(left.type)} and ${display(right.type)} can never be equal`))
      }
      return node(booleanType)
    }
    case 'and':
    case 'or':
      requireBoolean(left, env, 'MAPC3008', `\`${expr.operator}\` takes booleans`)
      requireBoolean(right, env, 'MAPC3008', `\`${expr.operator}\` takes booleans`)
      return node(booleanType)
  }
}

function disjoint(a: Type, b: Type): boolean {
  const kindsOf = (t: Type): Set<string> => new Set(members(t).map((m) => (m.kind === 'datetime' ? 'string' : m.kind)))
  const ak = kindsOf(a)
  const bk = kindsOf(b)
  if (ak.has('any') || bk.has('any')) return false
  for (const k of ak) if (bk.has(k)) {
    const la = members(a).filter((m) => m.kind === k)
    const lb = members(b).filter((m) => m.kind === k)
    const literal = (m: Type): unknown => ('value' in m ? m.value : undefined)
    if (la.every((m) => literal(m) !== undefined) && lb.every((m) => literal(m) !== undefined)) {
      if (la.some((x) => lb.some((y) => literal(x) === literal(y)))) return false
      continue
    }
    return false
  }
  return true
}

export function requireBoolean(e: ExprIR, env: ExprEnv, code: 'MAPC3008' | 'MAPC3012', message: string): void {
  const ok = members(e.type).every((m) => m.kind === 'boolean' || m.kind === 'any' || m.kind === 'never')
  if (!ok) {
    env.report(diagnostic(code, e.source, `${message}, not ${display(e.type)}`, { hint: mayBeAbsent(e.type) || members(e.type).length > 0 ? 'test presence with `exists(x)`' : undefined }))
  }
}

function requireScalar(e: ExprIR, env: ExprEnv, what: string): void {
  const bad = members(present(e.type, true)).filter((m) => m.kind === 'object' || m.kind === 'array')
  if (bad.length > 0) env.report(diagnostic('MAPC3003', e.source, `${what} must be a string, number or boolean, not ${display(bad[0] as Type)}`, { hint: 'convert with `to_json(x)`' }))
}

function describeSite(env: ExprEnv): string {
  switch (env.site) {
    case 'rule':
      return 'a rule'
    case 'step':
    case 'batch':
      return 'a request'
    case 'shape':
      return 'a shape'
    case 'upsert':
      return 'an upsert declaration'
    case 'auth':
      return 'an auth header'
    default:
      return 'this expression'
  }
}

