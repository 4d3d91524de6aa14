/**
 * What generated code may take for granted about a value when it runs, so that it can leave a
 * run-time check out: an object key whose value is always present is set directly instead of
 * through `$.opt`, a condition that is always a boolean is used without `$.truth`, a `??` whose
 * left side is never absent or null is left out.
 *
 * The checker's types are written for authors, and some of them are promises rather than facts:
 * an API response is typed from the API schema but never validated against it, `iso_datetime`
 * of a text is typed as text but is absent when the text is no date, `a + b` is absent when one
 * side holds something else than its type says. Trusting those would make compiled code differ
 * from the language's semantics (and from the interpreter) on exactly the inputs that matter. So
 * a value counts as certain only where the run time guarantees it: constants, values the code
 * itself constructs, payload fields (validated before any rule or request reads them), settings
 * (validated when a destination is configured), and response reads (`company.data.id`), which
 * fail with an error naming the value rather than yield nothing.
 */
import type { ExprIR } from '../ir.js'
import { canBeNullish, mayBeAbsent, members } from '../check/types.js'
import { responseRead } from '../ir-walk.js'

export interface Guarantees {
  /** Loop variables that range over `batch`: each is a validated payload, like `p`. */
  payloadItems?: ReadonlySet<string>
  /** A shape's body, to tell what a call of it returns; without it, nothing is assumed. */
  shapeBody?: (name: string) => ExprIR | undefined
}

/** The value is never absent when the code runs. */
export function isPresentWhenRun(expr: ExprIR, g: Guarantees): boolean {
  switch (expr.kind) {
    case 'literal':
      return expr.value !== undefined
    case 'object':
    case 'array':
    case 'for':
    case 'template':
    case 'not':
      return true
    case 'binary':
      if (expr.operator === '??') return isPresentWhenRun(expr.right, g) || isNonNullishWhenRun(expr.left, g)
      // `$.plus` is absent unless both sides are scalars.
      if (expr.operator === '+') return isPresentScalar(expr.left, g) && isPresentScalar(expr.right, g)
      return true
    case 'if':
      return expr.else !== undefined && isPresentWhenRun(expr.then, g) && isPresentWhenRun(expr.else, g)
    case 'call':
      return callIsPresent(expr, g)
    case 'shape':
      return shapeReturns(expr.name, g, isPresentWhenRun)
    default:
      return isValidated(expr, g) ? !mayBeAbsent(expr.type) : responseRead(expr) !== undefined
  }
}

/** The built-ins return absent for an argument they cannot read; see runtime/lib/builtins.ts. */
function callIsPresent(expr: Extract<ExprIR, { kind: 'call' }>, g: Guarantees): boolean {
  const [first] = expr.args
  switch (expr.builtin) {
    case 'exists':
    case 'blank':
      return true
    case 'snake_case':
    case 'lower':
    case 'upper':
    case 'trim':
    case 'string':
    case 'replace':
      return first !== undefined && isPresentScalar(first, g)
    case 'to_json':
      return first !== undefined && isPresentWhenRun(first, g)
    case 'base64':
    case 'base64url':
      return first !== undefined && isPresentScalar(first, g)
    case 'matches':
      // Its pattern may be absent too, or given as something other than text.
      return first !== undefined && isPresentScalar(first, g) && expr.args[1]?.kind === 'literal' && typeof expr.args[1].value === 'string'
    case 'iso_datetime':
    case 'iso_date':
    case 'unix_seconds':
    case 'unix_millis':
      // Only a validated datetime is certain to convert; any other text may be no date at all.
      return first !== undefined && isValidated(first, g) && !mayBeAbsent(first.type) && members(first.type).every((m) => m.kind === 'datetime')
    case 'from_json':
    case 'number':
    case 'iso_datetime_at':
      return false
  }
}

/** Present, and a string, number or boolean. */
function isPresentScalar(expr: ExprIR, g: Guarantees): boolean {
  return isPresentWhenRun(expr, g) && isScalarWhenPresent(expr, g)
}

/** A string, number or boolean whenever it is present. */
function isScalarWhenPresent(expr: ExprIR, g: Guarantees): boolean {
  switch (expr.kind) {
    case 'literal':
      return typeof expr.value === 'string' || typeof expr.value === 'number' || typeof expr.value === 'boolean'
    case 'template':
    case 'not':
      return true
    case 'binary':
      return expr.operator === '??' ? isScalarWhenPresent(expr.left, g) && isScalarWhenPresent(expr.right, g) : true
    case 'if':
      return isScalarWhenPresent(expr.then, g) && (expr.else === undefined || isScalarWhenPresent(expr.else, g))
    case 'call':
      return expr.builtin !== 'from_json'
    default:
      return isValidated(expr, g) && members(expr.type).every((m) => SCALAR_KINDS.has(m.kind))
  }
}

const SCALAR_KINDS = new Set(['string', 'number', 'boolean', 'datetime', 'absent'])

/** The value is neither absent nor null when the code runs. */
export function isNonNullishWhenRun(expr: ExprIR, g: Guarantees): boolean {
  switch (expr.kind) {
    case 'literal':
      return expr.value !== undefined && expr.value !== null
    case 'binary':
      if (expr.operator === '??') return isNonNullishWhenRun(expr.right, g) || isNonNullishWhenRun(expr.left, g)
      return isPresentWhenRun(expr, g)
    case 'if':
      return expr.else !== undefined && isNonNullishWhenRun(expr.then, g) && isNonNullishWhenRun(expr.else, g)
    case 'shape':
      return shapeReturns(expr.name, g, isNonNullishWhenRun)
    case 'ref':
    case 'member':
    case 'index':
      return isValidated(expr, g) ? !canBeNullish(expr.type) : responseRead(expr) !== undefined
    default:
      return isPresentWhenRun(expr, g)
  }
}

/** The value is `true` or `false` when the code runs. */
export function isBooleanWhenRun(expr: ExprIR, g: Guarantees): boolean {
  switch (expr.kind) {
    case 'literal':
      return typeof expr.value === 'boolean'
    case 'not':
      return true
    case 'binary':
      return expr.operator === '==' || expr.operator === '!=' || expr.operator === 'and' || expr.operator === 'or'
    case 'if':
      return expr.else !== undefined && isBooleanWhenRun(expr.then, g) && isBooleanWhenRun(expr.else, g)
    case 'call':
      return expr.builtin === 'exists' || expr.builtin === 'blank'
    default:
      return isValidated(expr, g) && members(expr.type).every((m) => m.kind === 'boolean')
  }
}

/** A payload field, a field of a batch item, or a setting: values checked against their schema. */
function isValidated(expr: ExprIR, g: Guarantees): boolean {
  if (expr.kind === 'ref') return expr.target === 'field' || expr.target === 'setting' || (expr.target === 'item' && (g.payloadItems?.has(expr.name) ?? false))
  return expr.kind === 'member' && expr.object.kind === 'ref' && expr.object.target === 'item' && (g.payloadItems?.has(expr.object.name) ?? false)
}

/**
 * A shape's body is emitted once, for arguments of any kind, so only what it constructs itself
 * (an object, a list, a text) is certain; shapes cannot call themselves, so this ends.
 */
function shapeReturns(name: string, g: Guarantees, holds: (body: ExprIR, g: Guarantees) => boolean): boolean {
  const body = g.shapeBody?.(name)
  return body !== undefined && holds(body, { shapeBody: g.shapeBody })
}
