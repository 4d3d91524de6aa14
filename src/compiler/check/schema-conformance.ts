/**
 * Does what a request sends fit the API's JSON Schema?
 *
 * The check follows the expression where it can (object and array literals, conditionals,
 * fallbacks, shape and upsert arguments), so a missing property is reported at the object the
 * author wrote and a wrong value at the value itself; where the expression is opaque (a field, a
 * spread of user attributes) it falls back to the inferred type and reports at the expression.
 */
import type { Span } from '../syntax/ast.js'
import type { DiagnosticCode } from '../diagnostics/codes/index.js'
import type { ExprIR } from '../ir.js'
import { resolveRef, type JsonSchema } from './schema-types.js'
import { closest } from '../diagnostics/suggest.js'
import { display, isOnlyAbsent, mayBeAbsent, memberType, members, present, union, type Type } from './types.js'

export interface SchemaIssue {
  code: Extract<DiagnosticCode, 'MAPC4002' | 'MAPC4003' | 'MAPC4004' | 'MAPC4007'>
  span: Span
  /** `body.data.values` */
  path: string
  message: string
  hint?: string
  /** MAPC4002 for a misspelt key: the path of the key sent instead (its MAPC4004 is the same mistake). */
  sentInstead?: string
  /** MAPC4004: the path of the key the API does not accept. */
  unaccepted?: string
}

export interface ConformanceContext {
  root: JsonSchema
  /** A shape's body typed for the given arguments (see instantiateShape), with its parameter names. */
  instantiate(shape: string, args: readonly ExprIR[]): { body: ExprIR; params: readonly string[] } | undefined
  /** Parameters of the upsert declaration or shape being expanded, bound to the caller's arguments. */
  params: ReadonlyMap<string, ExprIR>
}

export function checkConformance(expr: ExprIR, schema: JsonSchema, path: string, ctx: ConformanceContext): SchemaIssue[] {
  return check(expr, expr.type, schema, path, ctx, 0, expr.source)
}

/** `where` is the span to report at when there is no expression to follow (a value inside a field). */
function check(
  expr: ExprIR | undefined,
  type: Type,
  schema: JsonSchema,
  path: string,
  ctx: ConformanceContext,
  depth: number,
  where: Span
): SchemaIssue[] {
  if (depth > 64 || schema === true) return []
  const at = (e: ExprIR | undefined): Span => (e ? e.source : where)
  if (schema === false) return [{ code: 'MAPC4004', span: at(expr), path, message: `the API accepts no \`${lastKey(path)}\`` }]
  if (typeof schema.$ref === 'string') {
    const target = resolveRef(ctx.root, schema.$ref)
    return target === undefined ? [] : check(expr, type, target, path, ctx, depth + 1, where)
  }

  // See through expressions whose value is one of their parts.
  if (expr) {
    const parts = transparentParts(expr, ctx)
    if (parts) return dedupe(parts.flatMap((p) => check(p, p.type, schema, path, ctx, depth + 1, p.source)))
  }

  for (const keyword of ['oneOf', 'anyOf'] as const) {
    const branches = schema[keyword]
    if (Array.isArray(branches)) {
      const results = branches.map((b) => check(expr, type, b as JsonSchema, path, ctx, depth + 1, where))
      if (results.some((r) => r.length === 0)) return []
      // The branch meant is the one whose type the value has: report its problems, not that the
      // value is not a string when an object branch merely misses a property.
      const distance = (r: SchemaIssue[]): number => r.length + (r.some((i) => i.code === 'MAPC4003' && i.path === path) ? 1000 : 0)
      return results.reduce((best, r) => (distance(r) < distance(best) ? r : best))
    }
  }
  // allOf parts apply together with the schema's own keywords.
  const issues: SchemaIssue[] = Array.isArray(schema.allOf)
    ? schema.allOf.flatMap((s) => check(expr, type, s as JsonSchema, path, ctx, depth + 1, where))
    : []

  const value = present(type)
  if (value.kind === 'any' || value.kind === 'never') return dedupe(issues)

  const allowed = allowedKinds(schema)
  const wrong = members(value).filter((m) => !fitsKinds(m, allowed))
  if (wrong.length > 0 && allowed !== undefined) {
    const issue: SchemaIssue = {
      code: 'MAPC4003',
      span: at(expr),
      path,
      message: `\`${path}\` must be ${[...allowed].join(' or ')}, not ${display(union(...wrong))}`
    }
    // `true` where the API takes the text "true" (a query flag, an enum of strings).
    if (expr?.kind === 'literal' && (typeof expr.value === 'boolean' || typeof expr.value === 'number') && allowed.has('string')) {
      issue.hint = `write ${JSON.stringify(String(expr.value))}`
    }
    issues.push(issue)
    return dedupe(issues)
  }
  const literalIssue = checkLiteral(value, schema)
  if (literalIssue) issues.push({ code: 'MAPC4003', span: at(expr), path, message: `\`${path}\` ${literalIssue}` })

  if (members(value).some((m) => m.kind === 'object')) issues.push(...checkObject(expr, value, schema, path, ctx, depth, at(expr)))
  if (schema.items !== undefined && typeof schema.items === 'object') {
    const arrays = members(value).filter((m) => m.kind === 'array')
    if (expr && expr.kind === 'array') {
      expr.items.forEach((item, i) => issues.push(...check(item, item.type, schema.items as JsonSchema, `${path}[${i}]`, ctx, depth + 1, item.source)))
    } else if (expr && expr.kind === 'for') {
      issues.push(...check(expr.body, expr.body.type, schema.items as JsonSchema, `${path}[]`, ctx, depth + 1, expr.body.source))
    } else {
      for (const a of arrays) if (a.kind === 'array') issues.push(...check(undefined, a.items, schema.items as JsonSchema, `${path}[]`, ctx, depth + 1, at(expr)))
    }
  }
  return dedupe(issues)
}

function checkObject(
  expr: ExprIR | undefined,
  type: Type,
  schema: { [k: string]: unknown },
  path: string,
  ctx: ConformanceContext,
  depth: number,
  at: Span
): SchemaIssue[] {
  const issues: SchemaIssue[] = []
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>
  const required = Array.isArray(schema.required) ? (schema.required as string[]) : []
  const additional = schema.additionalProperties as JsonSchema | undefined
  const literal = expr && expr.kind === 'object' ? expr : undefined
  const open = members(type).some((m) => m.kind === 'object' && m.rest.kind !== 'never')
  const misspelled = new Set<string>()

  for (const key of required) {
    const t = memberType(type, key)
    const known = members(type).some((m) => m.kind === 'object' && Object.prototype.hasOwnProperty.call(m.props, key))
    if (!known && open) continue
    if (t.kind === 'never' || isOnlyAbsent(t)) {
      // `sentAt` for the required `sent_at`: one mistake, reported once, at the key sent.
      const misspelt = literal?.entries.find(
        (e): e is Extract<typeof e, { kind: 'property' }> =>
          e.kind === 'property' && e.key.length >= 3 && !Object.prototype.hasOwnProperty.call(properties, e.key) && closest(e.key, [key]) === key
      )
      if (misspelt !== undefined) {
        misspelled.add(misspelt.key)
        issues.push({
          code: 'MAPC4002',
          span: misspelt.keySource ?? misspelt.value.source,
          path,
          message: `\`${join(path, key)}\` is required by the API but not sent`,
          hint: `did you mean \`${key}\`? \`${misspelt.key}\` is sent instead`,
          sentInstead: join(path, misspelt.key)
        })
        continue
      }
      issues.push({ code: 'MAPC4002', span: at, path, message: `\`${join(path, key)}\` is required by the API but not sent` })
    } else if (mayBeAbsent(t) && !members(t).some((m) => m.kind === 'any')) {
      const entry = literal ? findEntry(literal, key) : undefined
      issues.push({ code: 'MAPC4007', span: entry?.source ?? at, path, message: `\`${join(path, key)}\` is required by the API but may be absent` })
    }
  }

  if (literal) {
    for (const entry of literal.entries) {
      if (entry.kind !== 'property' || misspelled.has(entry.key)) continue
      const sub = Object.prototype.hasOwnProperty.call(properties, entry.key) ? properties[entry.key] : additional
      if (sub === false) {
        issues.push({ code: 'MAPC4004', span: entry.value.source, path, message: `the API does not accept \`${join(path, entry.key)}\``, unaccepted: join(path, entry.key) })
        continue
      }
      if (sub !== undefined) issues.push(...check(entry.value, entry.value.type, sub, join(path, entry.key), ctx, depth + 1, entry.value.source))
    }
    return issues
  }
  for (const m of members(type)) {
    if (m.kind !== 'object') continue
    for (const [key, t] of Object.entries(m.props)) {
      const sub = Object.prototype.hasOwnProperty.call(properties, key) ? properties[key] : additional
      if (sub === false) {
        issues.push({ code: 'MAPC4004', span: at, path, message: `the API does not accept \`${join(path, key)}\`` })
      } else if (sub !== undefined) {
        issues.push(...check(undefined, t, sub, join(path, key), ctx, depth + 1, at))
      }
    }
  }
  return issues
}

function findEntry(literal: Extract<ExprIR, { kind: 'object' }>, key: string): ExprIR | undefined {
  for (let i = literal.entries.length - 1; i >= 0; i--) {
    const e = literal.entries[i]
    if (e && e.kind === 'property' && e.key === key) return e.value
  }
  return undefined
}

/** Expressions whose value is one of their parts, expanded into those parts. */
function transparentParts(expr: ExprIR, ctx: ConformanceContext): ExprIR[] | undefined {
  switch (expr.kind) {
    case 'if':
      return expr.else ? [expr.then, expr.else] : [expr.then]
    case 'binary':
      return expr.operator === '??' ? [expr.left, expr.right] : undefined
    case 'ref': {
      if (expr.target !== 'param') return undefined
      const arg = ctx.params.get(expr.name)
      return arg ? [arg] : undefined
    }
    case 'shape': {
      const shape = ctx.instantiate(expr.name, expr.args)
      if (!shape) return undefined
      // The body's parameters stand for this call's arguments from here down.
      const params = new Map<string, ExprIR>()
      shape.params.forEach((p, i) => {
        const arg = expr.args[i]
        if (arg) params.set(p, arg)
      })
      return [substitute(shape.body, params)]
    }
    default:
      return undefined
  }
}

/** The expression with parameter references replaced by the caller's arguments. */
export function substitute(expr: ExprIR, params: ReadonlyMap<string, ExprIR>): ExprIR {
  const sub = (e: ExprIR): ExprIR => substitute(e, params)
  switch (expr.kind) {
    case 'ref':
      return expr.target === 'param' && params.has(expr.name) ? (params.get(expr.name) as ExprIR) : expr
    case 'member':
      return { ...expr, object: sub(expr.object) }
    case 'index':
      return { ...expr, object: sub(expr.object), index: sub(expr.index) }
    case 'object':
      return { ...expr, entries: expr.entries.map((e) => ({ ...e, value: sub(e.value) })) }
    case 'array':
      return { ...expr, items: expr.items.map(sub) }
    case 'for':
      return { ...expr, iterable: sub(expr.iterable), body: sub(expr.body) }
    case 'template':
      return { ...expr, expressions: expr.expressions.map(sub) }
    case 'binary':
      return { ...expr, left: sub(expr.left), right: sub(expr.right) }
    case 'not':
      return { ...expr, operand: sub(expr.operand) }
    case 'if': {
      const out = { ...expr, condition: sub(expr.condition), then: sub(expr.then) }
      if (expr.else) out.else = sub(expr.else)
      return out
    }
    case 'call':
      return { ...expr, args: expr.args.map(sub) }
    case 'shape':
      return { ...expr, args: expr.args.map(sub) }
    default:
      return expr
  }
}

type Kind = 'string' | 'number' | 'integer' | 'boolean' | 'null' | 'object' | 'array'

function allowedKinds(schema: { [k: string]: unknown }): Set<Kind> | undefined {
  if (typeof schema.type === 'string') return new Set([schema.type as Kind])
  if (Array.isArray(schema.type)) return new Set(schema.type as Kind[])
  return undefined
}

function fitsKinds(t: Type, allowed: Set<Kind> | undefined): boolean {
  if (allowed === undefined) return true
  switch (t.kind) {
    case 'any':
    case 'never':
    case 'absent':
      return true
    case 'string':
      return allowed.has('string')
    case 'datetime':
      return allowed.has('string') || allowed.has('number')
    case 'number':
      return allowed.has('number') || (allowed.has('integer') && (t.integer === true || t.value === undefined))
    case 'boolean':
      return allowed.has('boolean')
    case 'null':
      return allowed.has('null')
    case 'object':
      return allowed.has('object')
    case 'array':
      return allowed.has('array')
    default:
      return true
  }
}

function checkLiteral(type: Type, schema: { [k: string]: unknown }): string | undefined {
  const options = schema.const !== undefined ? [schema.const] : Array.isArray(schema.enum) ? schema.enum : undefined
  if (options === undefined) return undefined
  for (const m of members(type)) {
    if ((m.kind === 'string' || m.kind === 'number' || m.kind === 'boolean') && m.value !== undefined && !options.includes(m.value)) {
      return `must be ${options.map((o) => JSON.stringify(o)).join(' or ')}, not ${JSON.stringify(m.value)}`
    }
  }
  return undefined
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`
}

function lastKey(path: string): string {
  return path.split('.').pop() ?? path
}

function dedupe(issues: SchemaIssue[]): SchemaIssue[] {
  const seen = new Set<string>()
  const misspelt = new Set(issues.flatMap((i) => (i.sentInstead === undefined ? [] : [i.sentInstead])))
  return issues.filter((i) => {
    if (i.unaccepted !== undefined && misspelt.has(i.unaccepted)) return false
    const key = `${i.code}|${i.span.start.offset}|${i.message}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}
