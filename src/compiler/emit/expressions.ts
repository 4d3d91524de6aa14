/**
 * Typed IR expressions → JavaScript expressions.
 *
 * The output is straight-line code: property reads through `own` (so event data never reaches a
 * prototype), literals through literals.ts, and the few helpers of src/runtime/support.ts where
 * absence has to be handled. The output is plain JavaScript that is also valid strict TypeScript
 * (no annotations), so the runtime can compile configuration mappings with it too. A helper is
 * skipped where the run time guarantees what it would check (run-time-guarantees.ts): a value that
 * is never absent is placed in an object directly, a condition that is a boolean is used as is.
 */
import type { DestinationIR, ExprIR } from '../ir.js'
import { members } from '../check/types.js'
import type { LocationTable } from './locations.js'
import { memberRead, propertyKey, stringLiteral, valueLiteral } from './literals.js'
import { responseRead } from '../ir-walk.js'
import { isBooleanWhenRun, isNonNullishWhenRun, isPresentWhenRun, type Guarantees } from './run-time-guarantees.js'

/** How names of the source language map to names in the generated function. */
export interface EmitScope extends Guarantees {
  /** The event variable (field defaults). */
  event: string
  /** The validated payload variable (rules, perform). */
  payload: string
  /** The ActionContext / ValueContext variable. */
  ctx: string
  /** The batch items variable. */
  items: string
  /** The last response body (batch `results`). */
  response: string
  /** A `.map` location constant for a span, created on demand. */
  loc(expr: { source: ExprIR['source'] }): string
}

/** The scope of a generated module's functions: its location table, and the destination's shapes. */
export function moduleScope(destination: DestinationIR, locations: LocationTable): EmitScope {
  const shapes = new Map(destination.shapes.map((s) => [s.name, s.body]))
  return {
    event: 'e',
    payload: 'p',
    ctx: 'ctx',
    items: 'items',
    response: 'res',
    loc: (x) => locations.name(x.source),
    shapeBody: (name) => shapes.get(name)
  }
}

/** Names the generated modules import from the runtime support module. */
export const helper = {
  own: '$.own',
  ownAt: '$.ownAt',
  opt: '$.opt',
  spreadable: '$.spreadable',
  spreadInto: '$.spreadInto',
  record: '$.record',
  setOwn: '$.setOwn',
  present: '$.present',
  mapPresent: '$.mapPresent',
  text: '$.text',
  plus: '$.plus',
  equals: '$.equals',
  truth: '$.truth',
  responseValue: '$.responseValue',
  fn: '$.fn'
} as const

export const paramName = (name: string): string => `a_${name}`
export const localName = (name: string): string => `r_${name}`
export const itemName = (name: string): string => `v_${name}`
export const shapeName = (name: string): string => `shape_${name}`
export const upsertName = (name: string): string => `upsert_${name}`

export function emitExpr(expr: ExprIR, scope: EmitScope): string {
  const e = (x: ExprIR): string => emitExpr(x, scope)
  switch (expr.kind) {
    case 'literal':
      return valueLiteral(expr.value)
    case 'event':
      return expr.keys.reduce<string>((acc, key) => `${helper.own}(${acc}, ${valueLiteral(key)})`, scope.event)
    case 'ref':
      return emitRef(expr, scope)
    case 'member': {
      const chain = responseRead(expr)
      if (chain) {
        return `${helper.responseValue}(${localName(chain.local)}, ${valueLiteral(chain.keys)}, ${stringLiteral(chain.written)}, ${scope.loc(expr)})`
      }
      return `${helper.own}(${e(expr.object)}, ${valueLiteral(expr.key)})`
    }
    case 'index':
      return `${helper.ownAt}(${e(expr.object)}, ${e(expr.index)})`
    case 'object':
      return emitObject(expr, scope)
    case 'array': {
      const items = expr.items.map(e)
      return expr.items.every((i) => isPresentWhenRun(i, scope)) ? `[${items.join(', ')}]` : `${helper.present}([${items.join(', ')}])`
    }
    case 'for':
      // The body in parentheses: an object literal right after `=>` would read as a block.
      return `${helper.mapPresent}(${e(expr.iterable)}, (${itemName(expr.variable)}) => (${emitExpr(expr.body, loopScope(expr, scope))}))`
    case 'template': {
      const parts: string[] = []
      expr.quasis.forEach((q, i) => {
        if (q !== '') parts.push(stringLiteral(q))
        const inner = expr.expressions[i]
        if (inner) parts.push(`${helper.text}(${e(inner)})`)
      })
      return parts.length === 0 ? '""' : `(${parts.join(' + ')})`
    }
    case 'binary':
      switch (expr.operator) {
        case '??':
          return isNonNullishWhenRun(expr.left, scope) ? e(expr.left) : `(${e(expr.left)} ?? ${e(expr.right)})`
        case '+':
          return `${helper.plus}(${e(expr.left)}, ${e(expr.right)})`
        case '==':
          return `${helper.equals}(${e(expr.left)}, ${e(expr.right)})`
        case '!=':
          return `!${helper.equals}(${e(expr.left)}, ${e(expr.right)})`
        case 'and':
          return `(${condition(expr.left, scope)} && ${condition(expr.right, scope)})`
        case 'or':
          return `(${condition(expr.left, scope)} || ${condition(expr.right, scope)})`
      }
      break
    case 'not':
      return `!${condition(expr.operand, scope)}`
    case 'if':
      return `(${condition(expr.condition, scope)} ? ${e(expr.then)} : ${expr.else ? e(expr.else) : 'undefined'})`
    case 'call':
      return `${helper.fn}.${expr.builtin}(${expr.args.map(e).join(', ')})`
    case 'shape':
      return `${shapeName(expr.name)}(${expr.args.map(e).join(', ')})`
  }
  throw new Error(`unhandled expression ${(expr as ExprIR).kind}`)
}

/** A condition as a JavaScript boolean: used as is when it is certainly a boolean. */
export function condition(expr: ExprIR, scope: EmitScope): string {
  const code = emitExpr(expr, scope)
  return isBooleanWhenRun(expr, scope) ? code : `${helper.truth}(${code})`
}

/** The scope of a `[for x in …]` body: `x` is a validated payload when the list is `batch`. */
function loopScope(expr: Extract<ExprIR, { kind: 'for' }>, scope: EmitScope): EmitScope {
  const items = new Set(scope.payloadItems)
  if (expr.iterable.kind === 'ref' && expr.iterable.target === 'batch') items.add(expr.variable)
  else items.delete(expr.variable)
  return { ...scope, payloadItems: items }
}

function emitRef(expr: Extract<ExprIR, { kind: 'ref' }>, scope: EmitScope): string {
  switch (expr.target) {
    case 'field':
      return memberRead(scope.payload, expr.name, helper.own)
    case 'param':
      return paramName(expr.name)
    case 'local':
      return localName(expr.name)
    case 'item':
      return itemName(expr.name)
    case 'setting':
      return expr.name === '' ? `${scope.ctx}.settings` : memberRead(`${scope.ctx}.settings`, expr.name, helper.own)
    case 'auth':
      return expr.name === '' ? `${scope.ctx}.auth` : memberRead(`${scope.ctx}.auth`, expr.name, helper.own)
    case 'batch':
      return scope.items
    case 'response':
      return scope.response
  }
}

/**
 * An object literal. When every entry is certainly present it is written as a literal; otherwise
 * it is built by direct assignments in an arrow function called at once, so that an absent value
 * costs a comparison instead of a one-key object and a spread (what `{ ...opt(k, v) }` cost).
 * Entries keep their order: a spread's keys and later assignments overwrite in place, as in a
 * literal. `o$` and `v$` cannot clash with the generated names (`e`, `p`, `a_…`, `v_…`, `r_…`).
 */
function emitObject(expr: Extract<ExprIR, { kind: 'object' }>, scope: EmitScope): string {
  const literal = expr.entries.every((entry) => entry.kind !== 'spread' && isPresentWhenRun(entry.value, scope))
  if (literal) {
    const parts = expr.entries.map((entry) => (entry.kind === 'spread' ? '' : `${propertyKey(entry.key)}: ${emitExpr(entry.value, scope)}`))
    return parts.length === 0 ? '{}' : `{ ${parts.join(', ')} }`
  }
  const statements = expr.entries.map((entry) => {
    const value = emitExpr(entry.value, scope)
    if (entry.kind === 'spread') return `${helper.spreadInto}(o$, ${value}${entry.without ? `, ${valueLiteral(entry.without)}` : ''});`
    // `key: absent` has done its work in the spreads before it (their `without`): nothing to assign.
    if (entry.value.kind === 'literal' && entry.value.value === undefined) return ''
    if (isPresentWhenRun(entry.value, scope)) return `${assignment(entry.key, value)};`
    return `if ((v$ = ${value}) !== undefined) ${assignment(entry.key, 'v$')};`
  })
  const declares = statements.some((s) => s.startsWith('if ((v$ =')) ? 'let v$; ' : ''
  return `((o$ = ${helper.record}()) => { ${declares}${statements.filter((s) => s !== '').join(' ')} return o$; })()`
}

/** `o$.key = value`; `__proto__` is defined as an own property, never assigned (that would set the prototype). */
function assignment(key: string, value: string): string {
  if (key === '__proto__') return `${helper.setOwn}(o$, "__proto__", ${value})`
  return `o$${/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? `.${key}` : `[${stringLiteral(key)}]`} = ${value}`
}
