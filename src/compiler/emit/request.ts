/**
 * RequestIR → a JavaScript expression that builds the runtime's RequestSpec. URL parts are
 * percent-encoded through `$.pathPart` (in the path: one segment, never `.`, `..` or empty) or
 * `$.urlPart` (after a `?` the URL is written with), which fail with the part's name; the
 * interpreter names parts and URLs with the same functions. A host a setting picks goes through
 * `$.hostPart`, which sends only one of the hosts the checker found in the setting's choices.
 */
import type { ExprIR, RequestIR } from '../ir.js'
import { emitExpr, type EmitScope } from './expressions.js'
import { stringLiteral } from './literals.js'
import { renderExpr } from './render-expr.js'

export function emitRequest(request: RequestIR, scope: EmitScope, loc: string): string {
  const template = urlTemplate(request)
  const url = request.url.quasis
    .flatMap((q, i) => {
      const part = request.url.expressions[i]
      const pieces = q === '' ? [] : [stringLiteral(q)]
      if (part && i === 0 && request.url.hosts !== undefined) {
        const hosts = `[${request.url.hosts.map(stringLiteral).join(', ')}]`
        pieces.push(`$.hostPart(${emitExpr(part, scope)}, ${hosts}, ${stringLiteral(urlPartName(part, i))}, ${stringLiteral(request.method)}, ${stringLiteral(template)}, ${loc})`)
      } else if (part) {
        const encode = isPathPart(request, i) ? '$.pathPart' : '$.urlPart'
        pieces.push(`${encode}(${emitExpr(part, scope)}, ${stringLiteral(urlPartName(part, i))}, ${stringLiteral(request.method)}, ${stringLiteral(template)}, ${loc})`)
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

/** The URL as errors show it, its parts named: `https://api.tiny.test/v1/lists/{list}/contacts`. */
export function urlTemplate(request: RequestIR): string {
  return request.url.quasis
    .map((q, i) => {
      const part = request.url.expressions[i]
      return part ? `${q}{${urlPartName(part, i)}}` : q
    })
    .join('')
}

/**
 * Part `index` is in the URL's path: no `?` or `#` is written before it (the checker fixes the
 * host, so every part comes after it). A path part must stay one segment (`$.pathPart`).
 */
export function isPathPart(request: RequestIR, index: number): boolean {
  if (index === 0 && request.url.hosts !== undefined) return false
  return !/[?#]/.test(request.url.quasis.slice(0, index + 1).join(''))
}

/** How a URL part is named in the error when it cannot be sent: `object`, `settings.region`, `contact.data.id`, or `URL part 1`. */
export function urlPartName(part: ExprIR, index: number): string {
  return part.kind === 'ref' || part.kind === 'member' ? renderExpr(part) : `URL part ${index + 1}`
}
