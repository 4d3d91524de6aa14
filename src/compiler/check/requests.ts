/**
 * Requests: URL, query, headers and body are typed, the request is matched to an endpoint of the
 * destination's API schema, and what it sends is checked against that endpoint's schemas.
 */
import type { Expr, RequestSpec, Span } from '../syntax/ast.js'
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js'
import type { ExprIR, RequestIR } from '../ir.js'
import { endpointLabel, findEndpoint, normalizeUrlTemplate, type ApiEndpoint, type ApiSchema } from './api-schema.js'
import type { ExprEnv } from './environment.js'
import { checkExpr, instantiateShape } from './expressions.js'
import { checkConformance, substitute, type ConformanceContext, type SchemaIssue } from './schema-conformance.js'
import { schemaToType, type JsonSchema } from './schema-types.js'
import { closest } from '../diagnostics/suggest.js'
import { anyType, display, members, objectType, present, type Type } from './types.js'

type Report = (d: Diagnostic) => void

export interface CheckedRequest {
  ir: RequestIR
  endpoint?: ApiEndpoint
  /** The type of the response body, from the endpoint's `x-mapc-response`. */
  responseType: Type
}

/**
 * `conformance: false` for the request of an upsert declaration: its body depends on parameters,
 * so it is checked at each use, with the caller's arguments.
 */
export function checkRequest(spec: RequestSpec, env: ExprEnv, authHeaders: readonly string[], conformance = true): CheckedRequest {
  const report = env.report
  const { url, valid: urlIsValid } = checkUrl(spec.url, env)
  const ir: RequestIR = { method: spec.method, url, query: [], headers: [], source: spec.span }
  const seen = new Map<string, Span>()
  for (const part of spec.parts) {
    const earlier = seen.get(part.part)
    if (earlier) {
      report(diagnostic('MAPC2025', part.span, `the request gives \`${part.part}\` twice`, { related: [{ span: earlier, message: 'first given here' }] }))
      continue
    }
    seen.set(part.part, part.span)
    if (part.part === 'json' || part.part === 'form') {
      if (ir.body) {
        report(diagnostic('MAPC2025', part.span, 'a request has one body: `json` or `form`'))
        continue
      }
      const value = checkExpr(part.value, env)
      if (part.part === 'form') requireObjectLiteral(part.value, 'form', report)
      ir.body = { kind: part.part, value }
      continue
    }
    const entries = readNamedValues(part.value, part.part, env)
    if (part.part === 'query') ir.query = entries
    else ir.headers = entries.map((e) => ({ name: e.name.toLowerCase(), value: e.value }))
  }
  const api = env.dest.api
  // An invalid URL has its own diagnostic; it cannot name an endpoint either.
  if (!api || !urlIsValid) return { ir, responseType: anyType }
  const endpoint = matchEndpoint(spec, ir, api, report)
  if (!endpoint) return { ir, responseType: anyType }
  ir.endpoint = endpointLabel(endpoint)
  if (conformance) checkAgainstEndpoint(ir, endpoint, api, env, new Map(), authHeaders, spec.span)
  return { ir, endpoint, responseType: endpoint.response === undefined ? anyType : schemaToType(endpoint.response, api.root) }
}

function checkUrl(expr: Expr, env: ExprEnv): { url: RequestIR['url']; valid: boolean } {
  const report = env.report
  let quasis: string[]
  let expressions: ExprIR[] = []
  if (expr.kind === 'String') {
    quasis = [expr.value]
  } else if (expr.kind === 'Template') {
    quasis = [...expr.quasis]
    expressions = expr.expressions.map((e) => checkExpr(e, env))
    for (const e of expressions) {
      const bad = members(present(e.type, true)).filter((m) => m.kind === 'object' || m.kind === 'array' || m.kind === 'boolean')
      if (bad.length > 0) report(diagnostic('MAPC4008', e.source, `a URL part must be a string or number, not ${display(bad[0] as Type)}`))
    }
  } else {
    report(diagnostic('MAPC4006', expr.span, 'a request URL is a string or a template literal'))
    return { url: { quasis: [''], expressions: [] }, valid: false }
  }
  const head = quasis[0] ?? ''
  const chosen = hostChoice(quasis, expressions, env)
  if (chosen !== undefined) {
    if (chosen.hosts === undefined) return { url: { quasis, expressions }, valid: false }
    return { url: { quasis, expressions, hosts: chosen.hosts }, valid: true }
  }
  const host = /^https?:\/\/[^/?#{}]+(?=[/?#]|$)/.exec(head)
  const valid = host !== null && !(expressions.length > 0 && head.length === host[0].length)
  if (!valid) {
    report(
      diagnostic('MAPC4006', expr.span, 'a request URL must be an absolute http(s) URL with a fixed host', {
        hint: 'interpolate values into the path, after the host: `https://api.example.com/v1/{id}`'
      })
    )
  }
  return { url: { quasis, expressions }, valid }
}

/** A host name, optionally with a port: what a setting's choice may be to stand for a URL's host. */
const HOST = /^(?=.{1,253}(?::|$))[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*(?::[0-9]{1,5})?$/

/**
 * `https://{settings.region}/…`: the whole host is a setting whose `choices` are host names, so
 * the set of hosts is fixed text in the `.map` and the setting picks one. Undefined when the URL
 * does not start that way; `hosts` undefined when it does but the setting cannot pick a host
 * (reported here).
 */
function hostChoice(quasis: readonly string[], expressions: readonly ExprIR[], env: ExprEnv): { hosts?: string[] } | undefined {
  const head = quasis[0] ?? ''
  const part = expressions[0]
  if (!/^https?:\/\/$/.test(head) || part === undefined || !/^(?:[/?#]|$)/.test(quasis[1] ?? '')) return undefined
  const refuse = (message: string, hint: string): { hosts?: string[] } => {
    env.report(diagnostic('MAPC4010', part.source, message, { hint }))
    return {}
  }
  const example = 'setting region: string required { label "Region"  choices "api.example.com", "api-eu.example.com"  default "api.example.com" }'
  if (part.kind !== 'ref' || part.target !== 'setting' || part.name === '') {
    return refuse('a URL\'s host is fixed text, or a setting that picks one of the hosts its `choices` list', `declare the hosts as a setting's choices: \`${example}\`, and write \`https://{settings.region}/…\``)
  }
  const setting = env.dest.settings.get(part.name)?.ir
  if (setting === undefined) return {}
  const where = `the setting \`${setting.name}\``
  const choices = setting.choices
  if (choices === undefined || choices.length === 0) {
    return refuse(`${where} picks the request's host but declares no \`choices\` of hosts`, `list the hosts it may pick: \`${example}\``)
  }
  const bad = choices.find((c) => typeof c !== 'string' || !HOST.test(c))
  if (bad !== undefined) {
    return refuse(`${where} picks the request's host, and its choice ${JSON.stringify(bad)} is not a host name`, 'each choice is a lower-case host name, optionally with a port: `track-eu.customer.io`')
  }
  if (setting.secret) return refuse(`${where} is secret, and a host is no secret`, 'drop `secret` (or `password`) from the setting that picks the host')
  // The runtime does not fill in a setting's default (it pre-fills the setting where it is edited).
  if (!setting.required) return refuse(`${where} picks the request's host but may be missing`, 'make it `required`; a `default` host pre-fills it')
  return { hosts: choices as string[] }
}

function readNamedValues(expr: Expr, part: string, env: ExprEnv): { name: string; value: ExprIR }[] {
  if (expr.kind !== 'Object') {
    requireObjectLiteral(expr, part, env.report)
    return []
  }
  const object = checkExpr(expr, env)
  if (object.kind !== 'object') return []
  const out: { name: string; value: ExprIR }[] = []
  for (const entry of object.entries) {
    if (entry.kind === 'spread') {
      env.report(diagnostic('MAPC2026', entry.value.source, `\`${part}\` lists its names; it cannot spread an object`))
      continue
    }
    requireScalarValue(entry.value, part === 'headers' ? 'a header' : 'a query parameter', env.report)
    out.push({ name: entry.key, value: entry.value })
  }
  return out
}

function requireObjectLiteral(expr: Expr, part: string, report: Report): void {
  if (expr.kind !== 'Object') report(diagnostic('MAPC2026', expr.span, `\`${part}\` takes an object literal: \`${part} { name: value }\``))
}

function matchEndpoint(spec: RequestSpec, ir: RequestIR, api: ApiSchema, report: Report): ApiEndpoint | undefined {
  const hosts = ir.url.hosts
  if (hosts !== undefined) {
    // One endpoint per host the setting may pick: each must exist (their schemas are checked alike).
    let first: ApiEndpoint | undefined
    for (const host of hosts) {
      const quasis = [`${ir.url.quasis[0] ?? ''}${host}${ir.url.quasis[1] ?? ''}`, ...ir.url.quasis.slice(2)]
      const endpoint = matchTemplate(spec, quasis, api, report)
      first ??= endpoint
      if (endpoint === undefined) return undefined
    }
    return first
  }
  return matchTemplate(spec, ir.url.quasis, api, report)
}

function matchTemplate(spec: RequestSpec, quasis: readonly string[], api: ApiSchema, report: Report): ApiEndpoint | undefined {
  const template = quasis.join('{}')
  const endpoint = findEndpoint(api, spec.method, template)
  if (endpoint) return endpoint
  const labels = api.endpoints.map(endpointLabel)
  const normalized = labels.map(normalizeUrlTemplate)
  const near = closest(normalizeUrlTemplate(`${spec.method} ${template}`), normalized)
  const suggestion = near ? labels[normalized.indexOf(near)] : undefined
  report(
    diagnostic('MAPC4001', spec.url.span, `${api.file} has no endpoint \`${spec.method} ${quasis.join('{…}')}\``, {
      hint: suggestion ? `did you mean \`${suggestion}\`?` : `its endpoints: ${labels.join('; ')}`
    })
  )
  return undefined
}

/**
 * Query, headers and body against the endpoint. `params` binds an upsert declaration's parameters
 * to the caller's arguments, so problems are reported where the values were written.
 */
export function checkAgainstEndpoint(
  request: RequestIR,
  endpoint: ApiEndpoint,
  api: ApiSchema,
  env: ExprEnv,
  params: ReadonlyMap<string, ExprIR>,
  authHeaders: readonly string[],
  at: Span
): void {
  const report = env.report
  const ctx: ConformanceContext = {
    root: api.root,
    params,
    instantiate(name, args) {
      const shape = env.dest.shapes.get(name)
      return shape ? { body: instantiateShape(shape, args, env), params: shape.params.map((p) => p.name) } : undefined
    }
  }
  const emit = (issues: ReturnType<typeof checkConformance>): void => {
    for (const issue of issues) {
      const related = [{ span: at, message: `this request: ${endpointLabel(endpoint)}` }]
      report(diagnostic(issue.code, issue.span, issue.message, issue.hint === undefined ? { related } : { hint: issue.hint, related }))
    }
  }
  if (request.body) {
    if (endpoint.body !== undefined) emit(checkConformance(substitute(request.body.value, params), endpoint.body, 'body', ctx))
  } else if (endpoint.bodyRequired && endpoint.body !== false) {
    emit(missingBody(endpoint.body, at, ctx))
  }
  if (endpoint.query !== undefined) emit(checkConformance(namedObject(request.query, params, at), endpoint.query, 'query', ctx))
  if (endpoint.headers !== undefined) {
    const declared = [...request.headers, ...authHeaders.map((name) => ({ name, value: stringValue(at) }))]
    emit(checkConformance(namedObject(declared, params, at), endpoint.headers, 'headers', ctx))
  }
}

/**
 * What a request without a body lacks, where the endpoint requires one: each property its body
 * requires (what the author forgot to write), or else the body itself (an array body, a body
 * with `minProperties`, a body of any shape).
 */
function missingBody(schema: JsonSchema | undefined, at: Span, ctx: ConformanceContext): SchemaIssue[] {
  const properties = schema === undefined ? [] : checkConformance(emptyObject(at), schema, 'body', ctx).filter((i) => i.code === 'MAPC4002')
  return properties.length > 0 ? properties : [{ code: 'MAPC4002', span: at, path: 'body', message: 'the API requires a body, and the request sends none' }]
}

function namedObject(entries: readonly { name: string; value: ExprIR }[], params: ReadonlyMap<string, ExprIR>, at: Span): ExprIR {
  const values = entries.map((e) => ({ kind: 'property' as const, key: e.name, value: substitute(unlessReported(e.value), params) }))
  const props: Record<string, Type> = {}
  for (const v of values) props[v.key] = v.value.type
  return { kind: 'object', entries: values, type: objectType(props), source: at }
}

/** Header and query values are sent as text: objects and arrays would be dropped. */
export function requireScalarValue(value: ExprIR, what: string, report: Report): void {
  const bad = nonScalarMembers(value.type)
  if (bad.length > 0) report(diagnostic('MAPC4008', value.source, `${what} is a string, number or boolean, not ${display(bad[0] as Type)}`))
}

/**
 * A header or query value that is not a scalar already has its MAPC4008; checked against the
 * endpoint it would get a second error for the same mistake, so the endpoint sees an unknown value.
 */
function unlessReported(value: ExprIR): ExprIR {
  return nonScalarMembers(value.type).length === 0 ? value : { ...value, type: anyType }
}

/** What a header or query value may not be (absent and null values are left out when sent). */
function nonScalarMembers(type: Type): readonly Type[] {
  return members(present(type, true)).filter((m) => m.kind === 'object' || m.kind === 'array')
}

function emptyObject(at: Span): ExprIR {
  return { kind: 'object', entries: [], type: objectType({}), source: at }
}

function stringValue(at: Span): ExprIR {
  return { kind: 'literal', value: '', type: { kind: 'string' }, source: at }
}
