/**
 * A tree-walking interpreter of the IR that produces the same `CompiledDestination` as generated
 * code, without generating any. It exists to be compared with the compiled modules: as the
 * baseline of `npm run bench`, and as the oracle of the differential property test that checks
 * the code generator event by event. With an observer (`mapc test`) it also reports what it
 * evaluates, which compiled code cannot do without slowing every delivery. It uses the same
 * support primitives as generated code, and takes field and setting metadata, coercions and the
 * names of URL parts from the code generator's own definitions, so a difference between the two
 * can only come from how expressions are put together.
 */
import { Ajv } from 'ajv'
import { registerFormats } from '../emit/ajv-formats.js'
import { AJV_OPTIONS } from '../emit/ajv-options.js'
import type {
  ActionContext,
  CompiledAction,
  CompiledDestination,
  ItemReport,
  Payload,
  RequestSpec,
  RuleOutcome,
  SegmentEvent,
  ValueContext,
  Validator
} from '../../runtime/contract.js'
import { locOf } from '../../runtime/contract.js'
import * as $ from '../../runtime/support.js'
import { builtins, type BuiltinName } from '../../runtime/lib/builtins.js'
import { isDateLike } from '../../runtime/lib/datetime.js'
import { compileTrigger } from '../triggers/index.js'
import type { ActionIR, DestinationIR, ExprIR, FieldIR, RequestIR, StepIR, UpsertIR } from '../ir.js'
import { coercionOf } from '../emit/coercion.js'
import { fieldMetadata, settingMetadata } from '../emit/metadata.js'
import { isPathPart, urlPartName, urlTemplate } from '../emit/request.js'
import { responseRead } from '../ir-walk.js'
import { pathFields } from '../emit/path-fields.js'

/** What an expression is being evaluated for: a field's default, a rule, a request, the auth headers, a batch's per-item results. */
export type EvaluationPhase = 'default' | 'rule' | 'request' | 'auth' | 'results'

export type UpsertStepIR = Extract<StepIR, { kind: 'upsert' }>

/**
 * What an observer sees while the interpreter runs: every evaluated expression with its value,
 * every built-in call with its arguments and result, and every key-matching upsert with its
 * arguments by parameter name. `mapc test` checks its invariants on these; observing never
 * changes a result.
 */
export type Observation =
  | { kind: 'value'; expr: ExprIR; value: unknown; phase: EvaluationPhase }
  | { kind: 'builtin'; name: BuiltinName; call: ExprIR; args: readonly unknown[]; result: unknown; phase: EvaluationPhase }
  | { kind: 'upsert'; declaration: UpsertIR; step: UpsertStepIR; args: ReadonlyMap<string, unknown> }

export interface InterpretOptions {
  /** Called synchronously, in evaluation order (a call's arguments before the call). */
  observe?: (observation: Observation) => void
}

/** What an expression can read where it is evaluated. */
export interface EvaluationScope {
  phase: EvaluationPhase
  event?: SegmentEvent
  payload?: Payload
  ctx: ValueContext
  params?: ReadonlyMap<string, unknown>
  locals?: Map<string, unknown>
  vars?: ReadonlyMap<string, unknown>
  items?: readonly Payload[]
  response?: unknown
}

type Scope = EvaluationScope

/**
 * The expression evaluator of a destination's IR (its shapes are what calls of them evaluate):
 * what `interpretDestination` runs for every default, rule, request and header. Tests of
 * expressions use it alone, without the validators a whole destination compiles.
 */
export function expressionEvaluator(ir: DestinationIR, options: InterpretOptions = {}): (expr: ExprIR, scope: EvaluationScope) => unknown {
  const { observe } = options
  const shapes = new Map(ir.shapes.map((s) => [s.name, s]))

  const evaluate = (expr: ExprIR, scope: Scope): unknown => {
    const value = compute(expr, scope)
    if (observe) observe({ kind: 'value', expr, value, phase: scope.phase })
    return value
  }

  const compute = (expr: ExprIR, scope: Scope): unknown => {
    const ev = (e: ExprIR): unknown => evaluate(e, scope)
    switch (expr.kind) {
      case 'literal':
        return expr.value
      case 'event':
        return expr.keys.reduce<unknown>((v, k) => $.own(v, k), scope.event)
      case 'ref':
        switch (expr.target) {
          case 'field':
            return $.own(scope.payload, expr.name)
          case 'param':
            return scope.params?.get(expr.name)
          case 'local':
            return scope.locals?.get(expr.name)
          case 'item':
            return scope.vars?.get(expr.name)
          case 'setting':
            return expr.name === '' ? scope.ctx.settings : $.own(scope.ctx.settings, expr.name)
          case 'auth':
            return expr.name === '' ? scope.ctx.auth : $.own(scope.ctx.auth, expr.name)
          case 'batch':
            return scope.items
          case 'response':
            return scope.response
        }
        return undefined
      case 'member': {
        const chain = responseRead(expr)
        if (chain) return $.responseValue(scope.locals?.get(chain.local), chain.keys, chain.written, locOf(expr.source))
        return $.own(ev(expr.object), expr.key)
      }
      case 'index':
        return $.ownAt(ev(expr.object), ev(expr.index))
      case 'object': {
        let out: Record<string, unknown> = {}
        for (const entry of expr.entries) {
          const value = ev(entry.value)
          if (entry.kind === 'spread') {
            const spread = { ...$.spreadable(value) }
            for (const key of entry.without ?? []) delete spread[key]
            out = { ...out, ...spread }
          }
          else out = { ...out, ...$.opt(entry.key, value) }
        }
        return out
      }
      case 'array':
        return $.present(expr.items.map(ev))
      case 'for':
        return $.mapPresent(ev(expr.iterable), (item) =>
          evaluate(expr.body, { ...scope, vars: new Map([...(scope.vars ?? []), [expr.variable, item]]) })
        )
      case 'template':
        return expr.quasis.map((q, i) => q + (expr.expressions[i] ? $.text(ev(expr.expressions[i] as ExprIR)) : '')).join('')
      case 'binary':
        switch (expr.operator) {
          case '??':
            return ev(expr.left) ?? ev(expr.right)
          case '+':
            return $.plus(ev(expr.left), ev(expr.right))
          case '==':
            return $.equals(ev(expr.left), ev(expr.right))
          case '!=':
            return !$.equals(ev(expr.left), ev(expr.right))
          case 'and':
            return $.truth(ev(expr.left)) && $.truth(ev(expr.right))
          case 'or':
            return $.truth(ev(expr.left)) || $.truth(ev(expr.right))
        }
        return undefined
      case 'not':
        return !$.truth(ev(expr.operand))
      case 'if':
        return $.truth(ev(expr.condition)) ? ev(expr.then) : expr.else ? ev(expr.else) : undefined
      case 'call': {
        const fn = builtins[expr.builtin] as (...args: unknown[]) => unknown
        const args = expr.args.map(ev)
        const result = fn(...args)
        if (observe) observe({ kind: 'builtin', name: expr.builtin, call: expr, args, result, phase: scope.phase })
        return result
      }
      case 'shape': {
        const shape = shapes.get(expr.name)
        if (!shape) return undefined
        const params = new Map(shape.params.map((p, i) => [p, expr.args[i] ? ev(expr.args[i] as ExprIR) : undefined]))
        return evaluate(shape.body, { phase: scope.phase, ctx: scope.ctx, params })
      }
    }
  }
  return evaluate
}

export function interpretDestination(ir: DestinationIR, options: InterpretOptions = {}): CompiledDestination {
  const { observe } = options
  const ajv = new Ajv(AJV_OPTIONS)
  registerFormats(ajv, isDateLike)
  const upserts = new Map(ir.upserts.map((u) => [u.name, u]))
  const evaluate = expressionEvaluator(ir, options)

  const buildRequest = (request: RequestIR, scope: Scope, loc = locOf(request.source)): RequestSpec => {
    const template = urlTemplate(request)
    const url = request.url.quasis
      .map((q, i) => {
        const part = request.url.expressions[i]
        if (!part) return q
        if (i === 0 && request.url.hosts !== undefined) return q + $.hostPart(evaluate(part, scope), request.url.hosts, urlPartName(part, i), request.method, template, loc)
        const encode = isPathPart(request, i) ? $.pathPart : $.urlPart
        return q + encode(evaluate(part, scope), urlPartName(part, i), request.method, template, loc)
      })
      .join('')
    const spec: RequestSpec = { method: request.method, url, loc }
    if (request.query.length > 0) spec.query = request.query.map((q) => [q.name, evaluate(q.value, scope)] as const)
    if (request.headers.length > 0) spec.headers = Object.fromEntries(request.headers.map((h) => [h.name, evaluate(h.value, scope)]))
    if (request.body) {
      const value = evaluate(request.body.value, scope)
      if (request.body.kind === 'json') spec.json = value
      else spec.form = value as Record<string, unknown>
    }
    if (request.endpoint) spec.endpoint = request.endpoint
    return spec
  }

  const stepRequest = (step: StepIR, scope: Scope): RequestSpec => {
    if (step.kind === 'send') return buildRequest(step.request, scope)
    const upsert = upserts.get(step.upsert)
    if (!upsert) throw new Error(`unknown upsert ${step.upsert}`)
    const params = new Map(upsert.params.map((p, i) => [p, step.args[i] ? evaluate(step.args[i] as ExprIR, scope) : undefined]))
    if (observe) observe({ kind: 'upsert', declaration: upsert, step, args: params })
    return buildRequest(upsert.request, { phase: scope.phase, ctx: scope.ctx, params }, locOf(step.source))
  }

  const runSteps = async (steps: readonly StepIR[], scope: Scope, ctx: ActionContext): Promise<unknown> => {
    let last: unknown
    for (const step of steps) {
      last = (await ctx.send(stepRequest(step, scope))).body
      if (step.bind !== undefined) scope.locals?.set(step.bind, last)
    }
    return last
  }

  const action = (a: ActionIR): CompiledAction => {
    const withDefault = a.fields.filter((f): f is FieldIR & { default: ExprIR } => f.default !== undefined)
    const validate = ajv.compile(a.payloadSchema as object) as unknown as Validator
    const compiled: CompiledAction = {
      name: a.name,
      title: a.title,
      eventTypes: a.eventTypes,
      fields: a.fields.map((f) => ({ ...fieldMetadata(f), loc: locOf(f.source) })),
      defaults: Object.fromEntries(withDefault.map((f) => [f.name, (event: SegmentEvent, ctx: ValueContext) => evaluate(f.default, { phase: 'default', event, ctx })])),
      resolveDefaults(event, ctx) {
        const payload: Payload = {}
        for (const f of withDefault) {
          const value = evaluate(f.default, { phase: 'default', event, ctx })
          if (value !== undefined) $.setOwn(payload, f.name, value)
        }
        return payload
      },
      coerce(payload) {
        for (const f of a.fields) {
          const coercion = coercionOf(f)
          if (coercion) $[coercion](payload, f.name)
        }
      },
      validate,
      rules(payload, ctx): RuleOutcome | undefined {
        for (const rule of a.rules) {
          if (!$.truth(evaluate(rule.when, { phase: 'rule', payload, ctx }))) continue
          const loc = locOf(rule.source)
          return rule.kind === 'skip' ? { kind: 'skip', reason: rule.reason, loc } : { kind: 'reject', field: rule.field ?? '', reason: rule.reason, loc }
        }
        return undefined
      },
      payloadSchema: a.payloadSchema,
      loc: locOf(a.source)
    }
    const inPath = pathFields(a, ir.upserts)
    if (inPath.length > 0) compiled.pathFields = inPath
    if (a.description !== undefined) compiled.description = a.description
    if (a.trigger && a.fql !== undefined) {
      compiled.fql = a.fql
      compiled.trigger = compileTrigger(a.trigger)
    }
    if (a.perform.length > 0) {
      compiled.perform = (payload, ctx) => runSteps(a.perform, { phase: 'request', payload, ctx, locals: new Map() }, ctx)
    }
    const batch = a.batch
    if (batch) {
      compiled.batch = {
        size: batch.size,
        loc: locOf(batch.source),
        async perform(items, ctx): Promise<readonly ItemReport[] | undefined> {
          const scope: Scope = { phase: 'request', items, ctx, locals: new Map() }
          const response = await runSteps(batch.steps, scope, ctx)
          const outcomes: Scope = { ...scope, phase: 'results', response }
          if (batch.results) return $.itemReports(evaluate(batch.results, outcomes), items.length, locOf(batch.results.source))
          if (!batch.failures && !batch.failedCount) return undefined
          const read = (expr: ExprIR | undefined): unknown => (expr ? evaluate(expr, outcomes) : undefined)
          return $.itemFailures(read(batch.failures), read(batch.failedCount), read(batch.keys), items.length)
        }
      }
      if (batch.enabledField) compiled.batch.enabledField = batch.enabledField
    }
    return compiled
  }

  const settingsValidator = ajv.compile(ir.settingsSchema as object) as unknown as Validator
  const destination: CompiledDestination = {
    name: ir.name,
    title: ir.title,
    slug: ir.slug,
    source: ir.sourceFile,
    accepts: ir.accepts,
    settings: ir.settings.map((s) => ({ ...settingMetadata(s), loc: locOf(s.source) })),
    validateSettings: settingsValidator,
    authScheme: ir.auth.scheme,
    authHeaders: (ctx) => Object.fromEntries(ir.auth.headers.map((h) => [h.name, evaluate(h.value, { phase: 'auth', ctx })])),
    presets: ir.presets.map((p) => ({ title: p.title, fql: p.fql, action: p.action, trigger: compileTrigger(p.trigger) })),
    actions: Object.fromEntries(ir.actions.map((a) => [a.name, action(a)]))
  }
  if (ir.description !== undefined) destination.description = ir.description
  const test = ir.auth.test
  if (test) destination.testRequest = (ctx) => buildRequest(test, { phase: 'request', ctx })
  return destination
}
