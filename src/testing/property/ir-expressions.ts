/**
 * Every top-level expression of a destination's IR: auth headers, shape bodies, upsert
 * declarations' requests, and each action's defaults, rules, steps and batch results. Walking
 * each with `walkExpr` reaches every expression the destination can evaluate.
 */
import type { DestinationIR, ExprIR, RequestIR, StepIR } from '../../compiler/ir.js'

export function irExpressionRoots(ir: DestinationIR): ExprIR[] {
  const roots: ExprIR[] = [...ir.auth.headers.map((h) => h.value)]
  if (ir.auth.test) roots.push(...requestExpressions(ir.auth.test))
  for (const shape of ir.shapes) roots.push(shape.body)
  for (const upsert of ir.upserts) roots.push(...requestExpressions(upsert.request))
  for (const action of ir.actions) {
    for (const field of action.fields) if (field.default) roots.push(field.default)
    for (const rule of action.rules) roots.push(rule.when)
    for (const step of [...action.perform, ...(action.batch?.steps ?? [])]) roots.push(...stepExpressions(step))
    for (const outcome of [action.batch?.results, action.batch?.failures, action.batch?.failedCount, action.batch?.keys]) if (outcome) roots.push(outcome)
  }
  return roots
}

function stepExpressions(step: StepIR): ExprIR[] {
  return step.kind === 'send' ? requestExpressions(step.request) : step.args
}

function requestExpressions(request: RequestIR): ExprIR[] {
  return [
    ...request.url.expressions,
    ...request.query.map((q) => q.value),
    ...request.headers.map((h) => h.value),
    ...(request.body ? [request.body.value] : [])
  ]
}
