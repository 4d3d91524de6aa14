/**
 * Shapes are expanded where they are used, so a shape that uses itself, directly or through other
 * shapes, would never finish expanding. Cycles are found on the declarations' call graph and
 * reported once each, at the call that closes the cycle. (Checking the bodies cannot find them:
 * a shape's body is re-typed silently at each use, so a cycle through another shape went unseen.)
 */
import type { Call, Expr, ShapeDecl } from '../syntax/ast.js'
import { childrenOf, type SpannedNode } from '../syntax/children.js'
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js'
import { isBuiltin } from './builtins.js'

export function shapeCycles(shapes: ReadonlyMap<string, ShapeDecl>): Diagnostic[] {
  const calls = new Map([...shapes].map(([name, shape]) => [name, shapeCalls(shape.body, shapes)] as const))
  const found: Diagnostic[] = []
  const reported = new Set<string>()
  const explored = new Set<string>()
  const visit = (path: readonly string[]): void => {
    const name = path[path.length - 1] as string
    for (const call of calls.get(name) ?? []) {
      const target = call.callee.name
      const start = path.indexOf(target)
      if (start !== -1) {
        const cycle = [...path.slice(start), target]
        const key = [...new Set(cycle)].sort().join(' ')
        if (!reported.has(key)) {
          reported.add(key)
          found.push(diagnostic('MAPC2023', call.callee.span, `the shape \`${target}\` uses itself (${cycle.join(' → ')})`))
        }
      } else if (!explored.has(target)) {
        visit([...path, target])
      }
    }
    explored.add(name)
  }
  for (const name of shapes.keys()) if (!explored.has(name)) visit([name])
  return found
}

/** Calls of shapes in an expression, in source order; built-ins win over shapes of the same name. */
function shapeCalls(expr: Expr, shapes: ReadonlyMap<string, ShapeDecl>): Call[] {
  const out: Call[] = []
  const walk = (node: SpannedNode): void => {
    if (node.kind === 'Call') {
      const call = node as Call
      if (!isBuiltin(call.callee.name) && shapes.has(call.callee.name)) out.push(call)
    }
    childrenOf(node).forEach(walk)
  }
  walk(expr)
  return out
}
