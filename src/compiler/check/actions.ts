/**
 * One action: its trigger narrows the events its fields' defaults may read; its fields make the
 * payload; its rules, perform and batch blocks read the payload and send requests.
 */
import type { Action, Attribute, Batch, Field, Perform, RejectRule, SkipRule, Span, Step, TriggerDecl } from '../syntax/ast.js'
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js'
import type { ActionIR, BatchIR, EventType, ExprIR, FieldIR, RuleIR } from '../ir.js'
import { checkFailedCount, checkFailures, checkKeys } from './batch-failures.js'
import { printTrigger, triggerProblems } from '../triggers/index.js'
import { readAttributes, requireString, singleValue, stringAttribute } from './attributes.js'
import type { Binding, DestinationScope, ExprEnv } from './environment.js'
import { checkExpr, listTypes, requireBoolean } from './expressions.js'
import { checkField } from './fields.js'
import type { JsonSchema } from './schema-types.js'
import { checkSteps, type CheckedUpsert } from './steps.js'
import { didYouMean } from '../diagnostics/suggest.js'
import { possibleEventTypes, typeLiterals, allEventTypes } from './trigger-types.js'
import { anyType, arrayType, display, members, objectType, type Type } from './types.js'

type Report = (d: Diagnostic) => void

export interface ActionContext {
  dest: DestinationScope
  upserts: ReadonlyMap<string, CheckedUpsert>
  authHeaders: readonly string[]
  /** Actions some preset subscribes to with default mappings. */
  presetActions: ReadonlySet<string>
  report: Report
}

export function checkAction(action: Action, ctx: ActionContext): ActionIR {
  const { report, dest } = ctx
  const where = `the action \`${action.name.name}\``
  const attributes = action.members.filter((m): m is Attribute => m.kind === 'Attribute')
  const attrs = readAttributes(attributes, ['title', 'description'], where, report)
  const title = requireString(attrs.get('title'), 'title', where, action.name.span, report) ?? action.name.name
  const description = stringAttribute(attrs.get('description'), report)

  const triggerDecl = single(action.members.filter((m): m is TriggerDecl => m.kind === 'TriggerDecl'), 'trigger', report)
  const eventTypes = triggerDecl ? checkTrigger(triggerDecl, dest, report) : [...dest.accepts]

  // Fields: defaults read the events the trigger can match.
  const fieldDecls = action.members.filter((m): m is Field => m.kind === 'Field')
  const fieldNames = new Set(fieldDecls.map((f) => f.name.name))
  const usedFields = new Set<string>()
  const baseEnv: ExprEnv = {
    dest,
    bindings: new Map(),
    site: 'default',
    eventTypes,
    fieldNames,
    usedFields,
    shapeStack: [],
    report
  }
  if (triggerDecl) baseEnv.triggerSpan = triggerDecl.trigger.span
  const fields: FieldIR[] = []
  const fieldTypes = new Map<string, Type>()
  const declared = new Map<string, Span>()
  for (const decl of fieldDecls) {
    const earlier = declared.get(decl.name.name)
    if (earlier) {
      report(diagnostic('MAPC2002', decl.name.span, `${where} already has a field \`${decl.name.name}\``, { related: [{ span: earlier, message: 'declared here' }] }))
      continue
    }
    declared.set(decl.name.name, decl.name.span)
    const checked = checkField(decl, baseEnv, report)
    if (!checked) {
      // Reported already (an unknown type, a reserved name): still in scope, of no known type,
      // so that what reads the field is not reported too.
      fieldTypes.set(decl.name.name, anyType)
      continue
    }
    fields.push(checked.ir)
    fieldTypes.set(decl.name.name, checked.type)
  }

  const fieldBindings = new Map<string, Binding>([...fieldTypes].map(([name, type]) => [name, { kind: 'field', type }] as const))
  const payloadEnv: ExprEnv = { ...baseEnv, eventTypes: undefined, bindings: fieldBindings }

  const rules = action.members
    .filter((m): m is SkipRule | RejectRule => m.kind === 'Skip' || m.kind === 'Reject')
    .map((rule) => checkRule(rule, { ...payloadEnv, site: 'rule' }, fieldNames))

  const performDecl = single(action.members.filter((m): m is Perform => m.kind === 'Perform'), 'perform', report)
  const batchDecl = single(action.members.filter((m): m is Batch => m.kind === 'Batch'), 'batch', report)
  if (!performDecl && !batchDecl) {
    report(diagnostic('MAPC2018', action.name.span, `${where} sends nothing`, { hint: 'add a `perform { … }` block' }))
  }
  const stepCtx = { upserts: ctx.upserts, authHeaders: ctx.authHeaders, taken: new Map(declared) }
  const perform = performDecl ? checkSteps(performDecl.steps, { ...payloadEnv, site: 'step' }, stepCtx).steps : []
  const payloadType = objectType(Object.fromEntries(fieldTypes))
  const batch = batchDecl ? checkBatch(batchDecl, payloadEnv, payloadType, fields, ctx, new Map(declared)) : undefined

  for (const field of fields) {
    if (!usedFields.has(field.name)) {
      report(diagnostic('MAPC2011', field.source, `no request, rule or batch reads the field \`${field.name}\``))
    }
    if (field.required && field.default === undefined) {
      if (field.hidden) {
        report(diagnostic('MAPC2012', field.source, `the field \`${field.name}\` is required and hidden but has no default, so no event can ever fill it`))
      } else if (ctx.presetActions.has(action.name.name)) {
        report(
          diagnostic('MAPC2013', field.source, `the field \`${field.name}\` is required but has no default, so the preset's subscription fails every event until a user maps it`, {
            hint: 'give it a `default`'
          })
        )
      }
    }
  }

  const ir: ActionIR = {
    name: action.name.name,
    title,
    eventTypes,
    fields,
    rules,
    perform,
    payloadSchema: payloadSchema(fields),
    source: action.span
  }
  if (description !== undefined) ir.description = description
  if (triggerDecl && isCompilable(triggerDecl.trigger)) {
    ir.trigger = triggerDecl.trigger
    ir.fql = printTrigger(triggerDecl.trigger)
  }
  if (batch) ir.batch = batch
  return ir
}

export function payloadSchema(fields: readonly FieldIR[]): JsonSchema {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    type: 'object',
    properties: Object.fromEntries(fields.map((f) => [f.name, f.schema])),
    required: fields.filter((f) => f.required).map((f) => f.name),
    additionalProperties: false
  }
}

/** A trigger the runtime can evaluate (others have an error diagnostic already). */
export function isCompilable(trigger: TriggerDecl['trigger']): boolean {
  return triggerProblems(trigger).every((p) => p.kind !== 'unsupported')
}

/** The event types a trigger can match among those the destination accepts. */
export function checkTrigger(decl: { trigger: TriggerDecl['trigger'] }, dest: DestinationScope, report: Report): EventType[] {
  for (const problem of triggerProblems(decl.trigger)) {
    report(diagnostic(problem.kind === 'unsupported' ? 'MAPC3020' : 'MAPC3021', problem.span, problem.message))
  }
  const unknownTypes = typeLiterals(decl.trigger).filter((literal) => !(allEventTypes as readonly string[]).includes(literal.value))
  for (const literal of unknownTypes) {
    report(
      diagnostic('MAPC3017', literal.span, `\`${literal.value}\` is not an event type`, {
        hint: didYouMean(literal.value, allEventTypes, (t) => JSON.stringify(t)) ?? `event types: ${allEventTypes.join(', ')}`
      })
    )
  }
  const possible = possibleEventTypes(decl.trigger, allEventTypes)
  if (possible.length === 0) {
    // An unknown event type already explains why nothing matches.
    if (unknownTypes.length === 0) {
      report(
        diagnostic('MAPC3018', decl.trigger.span, 'the trigger can match no event: no event type satisfies it', {
          hint: 'an event has one type; combine type conditions with `or`'
        })
      )
    }
    return []
  }
  const accepted = possible.filter((t) => dest.accepts.includes(t))
  if (accepted.length === 0) {
    report(
      diagnostic('MAPC3018', decl.trigger.span, `the trigger matches only ${listTypes(possible)} events, which the destination does not accept`, {
        hint: `the destination accepts ${listTypes(dest.accepts)}`
      })
    )
    return possible
  }
  return accepted
}

function checkRule(rule: SkipRule | RejectRule, env: ExprEnv, fieldNames: ReadonlySet<string>): RuleIR {
  const when = checkExpr(rule.when, env)
  requireBoolean(when, env, 'MAPC3012', `the condition of \`${rule.kind === 'Skip' ? 'skip' : 'reject'}\` must be a boolean`)
  const ir: RuleIR = { kind: rule.kind === 'Skip' ? 'skip' : 'reject', reason: rule.reason.value, when, source: rule.span }
  if (rule.kind === 'Reject') {
    const name = rule.field.name
    if (!fieldNames.has(name)) {
      env.report(diagnostic('MAPC2022', rule.field.span, `\`reject\` names no field of this action: \`${name}\``, { hint: didYouMean(name, fieldNames) }))
    } else {
      env.usedFields.add(name)
    }
    ir.field = name
  }
  return ir
}

function checkBatch(
  decl: Batch,
  payloadEnv: ExprEnv,
  payloadType: Type,
  fields: readonly FieldIR[],
  ctx: ActionContext,
  taken: Map<string, Span>
): BatchIR {
  const report = ctx.report
  const attributes = decl.members.filter((m): m is Attribute => m.kind === 'Attribute')
  const steps = decl.members.filter((m): m is Step => m.kind !== 'Attribute')
  const attrs = readAttributes(attributes, ['enabled', 'size', 'results', 'failures', 'failed', 'keys'], 'a batch block', report)
  const batchEnv: ExprEnv = {
    ...payloadEnv,
    site: 'batch',
    bindings: new Map<string, Binding>([['batch', { kind: 'batch', type: arrayType(payloadType) }]])
  }
  const checked = checkSteps(steps, batchEnv, { upserts: ctx.upserts, authHeaders: ctx.authHeaders, taken })
  if (checked.steps.length === 0) report(diagnostic('MAPC2029', decl.span, 'a batch block sends at least one request'))

  const fieldNamed = (attribute: Attribute | undefined, want: (t: FieldIR) => boolean, what: string): FieldIR | undefined => {
    if (!attribute) return undefined
    const value = singleValue(attribute, report)
    if (!value) return undefined
    const field = value.kind === 'Name' ? fields.find((f) => f.name === value.name) : undefined
    if (!field || !want(field)) {
      const actual = field ? `; \`${field.name}\` is ${/^[aeiou]/.test(field.type) ? 'an' : 'a'} ${field.type} field` : ''
      const candidates = fields.filter(want).map((f) => f.name)
      report(
        diagnostic('MAPC2029', value.span, `\`${attribute.name.name}\` must name ${what} of the action${actual}`, {
          hint: value.kind === 'Name' ? didYouMean(value.name, candidates) : candidates.length > 0 ? `name a field, such as \`${candidates[0]}\`` : undefined
        })
      )
      return undefined
    }
    payloadEnv.usedFields.add(field.name)
    return field
  }

  const batch: BatchIR = { size: { kind: 'literal', value: 100 }, steps: checked.steps, source: decl.span }
  const enabled = fieldNamed(attrs.get('enabled'), (f) => f.type === 'boolean', 'a boolean field')
  if (enabled) batch.enabledField = enabled.name
  const sizeAttr = attrs.get('size')
  if (sizeAttr) {
    const value = singleValue(sizeAttr, report)
    if (value?.kind === 'Number') {
      if (!Number.isInteger(value.value) || value.value < 1) report(diagnostic('MAPC2029', value.span, '`size` is a whole number of at least 1'))
      else batch.size = { kind: 'literal', value: value.value }
    } else if (value) {
      const field = fieldNamed(sizeAttr, (f) => f.type === 'number' || f.type === 'integer', 'a number field')
      if (field) {
        const fallback = field.default?.kind === 'literal' && typeof field.default.value === 'number' ? field.default.value : 100
        batch.size = { kind: 'field', name: field.name, fallback }
      }
    }
  }
  const responseEnv: ExprEnv = { ...batchEnv, bindings: new Map<string, Binding>([...batchEnv.bindings, ['response', { kind: 'response', type: checked.lastResponse }]]) }
  const outcome = (name: string): ExprIR | undefined => {
    const attribute = attrs.get(name)
    const value = attribute ? singleValue(attribute, report) : undefined
    return value ? checkExpr(value, responseEnv) : undefined
  }
  const resultsAttr = attrs.get('results')
  const results = outcome('results')
  if (results) {
    const isArray = members(results.type).some((m) => m.kind === 'array' || m.kind === 'any')
    if (!isArray) report(diagnostic('MAPC3003', results.source, `\`results\` must point at an array with one entry per item, not ${display(results.type)}`))
    batch.results = results
  }
  const keys = outcome('keys')
  const failures = outcome('failures')
  const failed = outcome('failed')
  if (keys) checkKeys(keys, report)
  if (failures) checkFailures(failures, keys !== undefined, report)
  if (failed) checkFailedCount(failed, report)
  for (const name of ['failures', 'failed'] as const) {
    const other = attrs.get(name)
    if (resultsAttr && other) {
      report(
        diagnostic('MAPC2050', other.name.span, `a batch reads its outcomes from \`results\` or from \`failures\`/\`failed\`, not both`, {
          related: [{ span: resultsAttr.name.span, message: '`results` is given here' }]
        })
      )
    }
  }
  const keysAttr = attrs.get('keys')
  if (keysAttr && !attrs.get('failures')) {
    report(diagnostic('MAPC2050', keysAttr.name.span, '`keys` matches the items named in `failures`, and the batch has no `failures`'))
  }
  if (!resultsAttr) {
    if (failures) batch.failures = failures
    if (failed) batch.failedCount = failed
    if (keys && failures) batch.keys = keys
  }
  return batch
}

function single<T extends { span: Span }>(items: T[], what: string, report: Report): T | undefined {
  items.slice(1).forEach((extra) =>
    report(diagnostic('MAPC2025', extra.span, `an action has one \`${what}\``, { related: [{ span: (items[0] as T).span, message: 'the first one' }] }))
  )
  return items[0]
}
