/**
 * Which payload fields an action puts into a URL path, directly (`send PUT \`…/{object}\``) or
 * through an upsert's parameter (`upsert record(object, …)` called with a field). The runtime
 * refuses such a field, naming it, when its value could not stay one path segment (`.`, `..`,
 * empty): a validation error the mapping's author can act on, before any request is built.
 * Other values in a path (settings, response reads, computed ones) are guarded by `$.pathPart`.
 */
import type { ActionIR, ExprIR, RequestIR, UpsertIR } from '../ir.js'
import { isPathPart } from './request.js'

export function pathFields(action: ActionIR, upserts: readonly UpsertIR[]): string[] {
  const names = new Set<string>()
  for (const step of action.perform) {
    if (step.kind === 'send') {
      for (const part of pathExpressions(step.request)) if (isFieldRef(part)) names.add(part.name)
      continue
    }
    const upsert = upserts.find((u) => u.name === step.upsert)
    if (!upsert) continue
    for (const part of pathExpressions(upsert.request)) {
      if (part.kind !== 'ref' || part.target !== 'param') continue
      const arg = step.args[upsert.params.indexOf(part.name)]
      if (arg && isFieldRef(arg)) names.add(arg.name)
    }
  }
  return [...names]
}

function pathExpressions(request: RequestIR): ExprIR[] {
  return request.url.expressions.filter((_, i) => isPathPart(request, i))
}

function isFieldRef(expr: ExprIR): expr is Extract<ExprIR, { kind: 'ref' }> {
  return expr.kind === 'ref' && expr.target === 'field'
}
