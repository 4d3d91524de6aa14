/**
 * RequestIR → a JavaScript expression that builds the runtime's RequestSpec. URL parts are
 * percent-encoded through `$.urlPart`, which fails with the part's name when it is absent.
 */
import type { ExprIR, RequestIR } from '../ir.js'
import { emitExpr, type EmitScope } from './expressions.js'
import { stringLiteral } from './literals.js'

export function emitRequest(request: RequestIR, scope: EmitScope, loc: string): string {
  const template = request.url.quasis.map((q, i) => q + (i < request.url.expressions.length ? `{${i}}` : '')).join('')
  const url = request.url.quasis
    .flatMap((q, i) => {
      const part = request.url.expressions[i]
      const pieces = q === '' ? [] : [stringLiteral(q)]
      if (part) {
        pieces.push(`$.urlPart(${emitExpr(part, scope)}, ${stringLiteral(describePart(part, i))}, ${stringLiteral(request.method)}, ${stringLiteral(template)}, ${loc})`)
      }
      return pieces
    })
    .join(' + ')
  const lines = [`method: ${stringLiteral(request.method)}`, `url: ${url === '' ? '""' : url}`]
  if (request.query.length > 0) {
    lines.push(`query: [${request.query.map((q) => `[${stringLiteral(q.name)}, ${emitExpr(q.value, scope)}]`).join(', ')}]`)
  }
  if (request.headers.length > 0) {
    lines.push(`headers: { ${request.headers.map((h) => `${stringLiteral(h.name)}: ${emitExpr(h.value, scope)}`).join(', ')} }`)
  }
  if (request.body) lines.push(`${request.body.kind}: ${emitExpr(request.body.value, scope)}`)
  if (request.endpoint) lines.push(`endpoint: ${stringLiteral(request.endpoint)}`)
  lines.push(`loc: ${loc}`)
  return `{ ${lines.join(', ')} }`
}

/** How a URL part is named in the error when it is absent: `object`, or `URL part 1`. */
function describePart(part: ExprIR, index: number): string {
  if (part.kind === 'ref' && part.target !== 'setting' && part.target !== 'auth') return part.name
  if (part.kind === 'ref') return `${part.target === 'setting' ? 'settings' : 'auth'}.${part.name}`
  return `URL part ${index + 1}`
}
