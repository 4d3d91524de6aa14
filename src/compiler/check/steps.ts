/**
 * The steps of `perform` and `batch` blocks: requests, upserts through a key-matching declaration,
 * and `let` bindings of responses that later steps read.
 */
import type { Span, Step } from '../syntax/ast.js'
import { diagnostic } from '../diagnostics/diagnostic.js'
import type { ExprIR, StepIR, UpsertIR } from '../ir.js'
import type { ApiEndpoint } from './api-schema.js'
import { withBindings, type Binding, type ExprEnv } from './environment.js'
import { checkExpr } from './expressions.js'
import { checkAgainstEndpoint, checkRequest } from './requests.js'
import { didYouMean } from '../diagnostics/suggest.js'
import { absentType, anyType, type Type } from './types.js'

export interface CheckedUpsert {
  ir: UpsertIR
  endpoint?: ApiEndpoint
  responseType: Type
}

export interface StepContext {
  upserts: ReadonlyMap<string, CheckedUpsert>
  authHeaders: readonly string[]
  /** Names a `let` may not take: fields, other bindings. */
  taken: Map<string, import('../syntax/ast.js').Span>
}

export function checkSteps(steps: readonly Step[], env: ExprEnv, ctx: StepContext): { steps: StepIR[]; env: ExprEnv; lastResponse: Type } {
  const out: StepIR[] = []
  let current = env
  let lastResponse: Type = absentType
  for (const [index, step] of steps.entries()) {
    const inner = step.kind === 'Let' ? step.value : step
    const later = new Map<string, Span>()
    for (const next of steps.slice(index)) if (next.kind === 'Let' && !later.has(next.name.name)) later.set(next.name.name, next.name.span)
    const stepEnv = later.size === 0 ? current : { ...current, laterLets: later }
    const checked = inner.kind === 'Send' ? checkSend(inner, stepEnv, ctx) : checkUpsert(inner, stepEnv, ctx)
    if (!checked) {
      // The step is reported (an unknown upsert): its binding still exists, of no known type,
      // so that the steps reading it are not reported too.
      if (step.kind === 'Let') current = withBindings(current, { [step.name.name]: { kind: 'local', type: anyType } })
      continue
    }
    lastResponse = checked.responseType
    if (step.kind === 'Let') {
      const name = step.name.name
      const earlier = ctx.taken.get(name)
      if (earlier) {
        current.report(
          diagnostic('MAPC2002', step.name.span, `\`${name}\` is already declared`, { related: [{ span: earlier, message: 'declared here' }] })
        )
      }
      ctx.taken.set(name, step.name.span)
      checked.bind = name
      const bindings = new Map<string, Binding>(current.bindings)
      const binding: Binding = { kind: 'local', type: checked.responseType }
      const endpoint = checked.kind === 'send' ? checked.request.endpoint : undefined
      if (endpoint) binding.endpoint = endpoint
      bindings.set(name, binding)
      current = { ...current, bindings }
    }
    out.push(checked)
  }
  return { steps: out, env: current, lastResponse }
}

function checkSend(step: Extract<Step, { kind: 'Send' }>, env: ExprEnv, ctx: StepContext): StepIR {
  const checked = checkRequest(step.request, env, ctx.authHeaders)
  return { kind: 'send', request: checked.ir, responseType: checked.responseType, source: step.span }
}

function checkUpsert(step: Extract<Step, { kind: 'Upsert' }>, env: ExprEnv, ctx: StepContext): StepIR | undefined {
  const name = step.target.name
  const object = checkExpr(step.object, env)
  const keys = step.keys.map((k) => checkExpr(k, env))
  const values = checkExpr(step.values, env)
  const upsert = ctx.upserts.get(name)
  if (!upsert) {
    env.report(
      diagnostic('MAPC2017', step.target.span, `the destination declares no upsert \`${name}\``, {
        hint: didYouMean(name, ctx.upserts.keys()) ?? (ctx.upserts.size === 0 ? 'declare one: `upsert record(object, key, values) PUT …`' : undefined)
      })
    )
    return undefined
  }
  const keyParams = upsert.ir.params.length - 2
  if (keys.length < 1 || keys.length > keyParams) {
    env.report(
      diagnostic('MAPC2016', step.span, `\`upsert ${name}\` matches on ${keyParams === 1 ? 'one key' : `one to ${keyParams} keys`}, not ${keys.length}`, {
        related: [{ span: upsert.ir.source, message: 'declared here' }]
      })
    )
  }
  const absent: ExprIR = { kind: 'literal', value: undefined, type: absentType, source: step.span }
  const args: ExprIR[] = [object, ...Array.from({ length: keyParams }, (_, i) => keys[i] ?? absent), values]
  const api = env.dest.api
  if (upsert.endpoint && api) {
    const params = new Map(upsert.ir.params.map((p, i) => [p, args[i] as ExprIR] as const))
    checkAgainstEndpoint(upsert.ir.request, upsert.endpoint, api, env, params, ctx.authHeaders, step.span)
  }
  return { kind: 'upsert', upsert: name, args, responseType: upsert.responseType, source: step.span }
}
