/** Small, shared ways of looking into IR expressions. */
import type { ExprIR } from './ir.js'

/** Calls `visit` on the expression and every expression inside it. */
export function walkExpr(expr: ExprIR | undefined, visit: (e: ExprIR) => void): void {
  if (!expr) return
  visit(expr)
  const walk = (e: ExprIR | undefined): void => walkExpr(e, visit)
  switch (expr.kind) {
    case 'member':
      return walk(expr.object)
    case 'index':
      walk(expr.object)
      return walk(expr.index)
    case 'object':
      return expr.entries.forEach((x) => walk(x.value))
    case 'array':
      return expr.items.forEach(walk)
    case 'for':
      walk(expr.iterable)
      return walk(expr.body)
    case 'template':
      return expr.expressions.forEach(walk)
    case 'binary':
      walk(expr.left)
      return walk(expr.right)
    case 'not':
      return walk(expr.operand)
    case 'if':
      walk(expr.condition)
      walk(expr.then)
      return walk(expr.else)
    case 'call':
    case 'shape':
      return expr.args.forEach(walk)
    default:
      return
  }
}

/**
 * A read from a `let`-bound response (`company.data.id.record_id`): the binding, the keys after
 * it, and the text as written, which errors quote when the response lacks the value.
 */
export function responseRead(expr: ExprIR): { local: string; keys: (string | number)[]; written: string } | undefined {
  const keys: (string | number)[] = []
  let current: ExprIR = expr
  while (current.kind === 'member') {
    keys.unshift(current.key)
    current = current.object
  }
  if (current.kind !== 'ref' || current.target !== 'local' || keys.length === 0) return undefined
  return { local: current.name, keys, written: [current.name, ...keys].join('.') }
}
